#!/usr/bin/env python3
"""End-to-end benchmark of ``policykg build`` on generated corpora (issue 8).

For each corpus size (default 1,000 and 10,000 documents from
``bench/generate.py``) it runs the whole build as the user would
(``python -m kg.cli build CORPUS -o OUT --no-cache -q``, a child process) and
reports:

* wall time, MB/s (input bytes per second), documents/s, and the CPU time of
  the build's whole process tree (less sensitive than wall time to other work
  on the machine);
* peak memory: the largest sum of RSS over the build's process tree (the
  build, its worker processes and helpers; shared pages count once per
  process, so this overstates), and the same for PSS (shared pages split
  between the processes that share them: the honest total), sampled every
  50 ms;
* triples (N-Quads lines) written;
* the lower bound measured in the same run: reading every file, decoding it
  and running one regular expression over it (:data:`LOWER_BOUND_RE`, the
  three kinds of mention), with the files already in the page cache (as they
  are for the build); and the build's time as a multiple of it;
* the build's own timing of its steps (``BuildResult.timings``, steps overlap);
* between sizes, the time ratio against the document ratio (linear: 10× the
  documents cost ≤ 11× the time).

Usage::

    python bench/build.py                          # 1,000 and 10,000 documents
    python bench/build.py --docs 1000 --jobs 2 --no-html
    python bench/build.py --json results.json

Targets on the 2-core reference machine: 10,000 documents in ≤ 120 s with a
peak ≤ 2 GB; time ratio ≤ 11 for 10× the documents; within 40× of the lower
bound.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402

#: The lower bound's one regular expression: a title in 《》, a document number's 〔year〕N号, an article.
LOWER_BOUND_RE = re.compile(r"《[^《》\n]{1,100}》|〔\d{4}〕\d{1,4}号|第[一二三四五六七八九十百零\d]{1,6}条")


def corpus(work: Path, docs: int, seed: int) -> Path:
    """The generated corpus of ``docs`` documents (made once, kept in ``work``)."""
    out = work / f"corpus-{docs}-{seed}"
    stamp = out / ".complete"
    if not stamp.exists():
        shutil.rmtree(out, ignore_errors=True)
        generate(out, docs, seed)  # gold.json is not an input (only .txt .pdf .docx .html … are)
        stamp.write_text("ok\n")
    return out


def input_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.txt") if p.is_file())


def lower_bound(files: list[Path], repeat: int = 3) -> tuple[float, int, int]:
    """Best of ``repeat`` timings of read + decode + one regex pass over every file; (seconds, bytes, matches)."""
    best, size, found = float("inf"), 0, 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        size = found = 0
        for p in files:
            data = p.read_bytes()
            size += len(data)
            found += sum(1 for _ in LOWER_BOUND_RE.finditer(data.decode("utf-8")))
        best = min(best, time.perf_counter() - t0)
    return best, size, found


def _tree(pid: int) -> list[int]:
    """``pid`` and all its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat", "rb") as f:
                    ppid = int(f.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(d))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, ()))
    return out


def _memory(pid: int) -> tuple[int, int]:
    """(sum of RSS, sum of PSS) in bytes over the process tree of ``pid``."""
    rss = pss = 0
    for p in _tree(pid):
        try:
            with open(f"/proc/{p}/smaps_rollup", encoding="ascii") as f:
                for line in f:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1]) * 1024
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1]) * 1024
        except (OSError, ValueError):
            continue
    return rss, pss


def run_build(corpus_dir: Path, out: Path, jobs: int, html: bool, executor: str = "process") -> dict:
    """Run ``policykg build`` in a child process; wall time, peak memory and what it reported."""
    shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, "-m", "kg.cli", "build", str(corpus_dir), "-o", str(out), "--no-cache", "-q",
           "-j", str(jobs), "--executor", executor]
    if not html:
        cmd.append("--no-html")
    peak = {"rss": 0, "pss": 0}
    cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            rss, pss = _memory(proc.pid)
            peak["rss"], peak["pss"] = max(peak["rss"], rss), max(peak["pss"], pss)
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - t0
    done.set()
    sampler.join()
    cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    if proc.returncode != 0:
        raise SystemExit(f"build failed ({proc.returncode}): {stderr.decode('utf-8', 'replace')[-2000:]}")
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    return {"wall": wall, "cpu": cpu, "peak_rss": peak["rss"], "peak_pss": peak["pss"], "summary": summary}


def machine() -> dict:
    cpu = platform.processor() or ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            cpu = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), cpu)
    except OSError:
        pass
    mem = 0
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            mem = int(next(line for line in f if line.startswith("MemTotal")).split()[1]) * 1024
    except (OSError, StopIteration):
        pass
    import pyoxigraph

    try:
        load = os.getloadavg()[0]
    except OSError:
        load = -1.0
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(mem / 2**30, 1), "system": platform.platform(),
            "python": platform.python_version(), "pyoxigraph": pyoxigraph.__version__, "load_before": round(load, 2)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--executor", choices=["process", "serial"], default="process")
    ap.add_argument("--no-html", action="store_true", help="Build without graph.html.")
    ap.add_argument("--work", type=Path, default=Path("/tmp/policykg-bench"), help="Corpora and outputs.")
    ap.add_argument("--json", type=Path, help="Also write the results here.")
    args = ap.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    info = machine()
    print(f"machine: {info['cpu']}, {info['cores']} cores, {info['memory_gb']} GB, {info['system']}, "
          f"Python {info['python']}, pyoxigraph {info['pyoxigraph']}, load {info['load_before']}")
    rows = []
    for n in args.docs:
        src = corpus(args.work, n, args.seed)
        files = input_files(src)
        lower_bound(files, repeat=1)  # into the page cache, as the build will find them
        lb, size, found = lower_bound(files)
        r = run_build(src, args.work / f"out-{n}", args.jobs, not args.no_html, args.executor)
        s = r["summary"]
        row = {
            "docs": len(files), "mb": size / 1e6, "wall": r["wall"], "mb_per_s": size / 1e6 / r["wall"],
            "docs_per_s": len(files) / r["wall"], "cpu": r["cpu"], "steps": s.get("timings", {}), "peak_rss_mb": r["peak_rss"] / 2**20,
            "peak_pss_mb": r["peak_pss"] / 2**20, "triples": s["quads"], "lower_bound": lb,
            "lower_bound_matches": found, "ratio_to_lower_bound": r["wall"] / lb,
            "skipped": s["skipped"], "mentions": s["mentions"],
        }
        rows.append(row)
        print(f"{row['docs']:>6} docs {row['mb']:7.1f} MB: {row['wall']:7.1f} s (CPU {row['cpu']:.0f} s), "
              f"{row['mb_per_s']:5.2f} MB/s, "
              f"{row['docs_per_s']:6.1f} docs/s, peak RSS {row['peak_rss_mb']:6.0f} MB (PSS {row['peak_pss_mb']:6.0f} MB), "
              f"{row['triples']:,} triples, lower bound {lb:.2f} s → ×{row['ratio_to_lower_bound']:.1f}", flush=True)
        print("        steps (s, overlapping): " + ", ".join(f"{k} {v:.1f}" for k, v in row["steps"].items()), flush=True)
    by_size = sorted(rows, key=lambda r: r["docs"])
    for a, b in zip(by_size, by_size[1:]):
        print(f"{b['docs'] / a['docs']:.0f}× the documents: {b['wall'] / a['wall']:.2f}× the time "
              f"({b['cpu'] / a['cpu']:.2f}× the CPU time)")
    if args.json:
        args.json.write_text(json.dumps({"machine": info, "jobs": args.jobs, "html": not args.no_html, "rows": rows},
                                        indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
