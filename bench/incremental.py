#!/usr/bin/env python3
"""Incremental builds (issue 7): how long a rebuild takes after one file is added, changed or removed.

On a generated corpus (default 1,000 documents) it runs ``policykg build``
as the user would (a child process, cache on), in this order:

1. a full build with an empty cache (the reference);
2. the same corpus again, unchanged;
3. after adding one document;
4. after changing one document (a sentence appended);
5. after removing one document;

and reports each wall time, its ratio to the full build, what the build says
it reused (analyses from the cache, files not even read, graphs copied from
the previous output) and its own timing of its steps.

    python bench/incremental.py                    # 1,000 documents
    python bench/incremental.py --docs 200 --no-html --repeat 3

Target: the rebuild after adding one file takes under 10 % of the full build.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.build import machine  # noqa: E402
from bench.generate import generate  # noqa: E402

PAST = 1_600_000_000  # inputs' mtime: older than the build's racy window, as a real corpus is


def setup(work: Path, docs: int, seed: int) -> tuple[Path, Path]:
    """``docs`` documents in work/corpus and one more held back in work/extra."""
    shutil.rmtree(work, ignore_errors=True)
    generate(work / "g", docs + 1, seed)
    (work / "g" / "gold.json").unlink()
    held = sorted((work / "g").rglob("*.txt"))[-1]
    extra = work / "extra" / held.relative_to(work / "g")
    extra.parent.mkdir(parents=True)
    held.rename(extra)
    (work / "g").rename(work / "corpus")
    for p in (work / "corpus").rglob("*.txt"):
        os.utime(p, (PAST, PAST))
    return work / "corpus", extra


def run(corpus: Path, out: Path, *, html: bool, jobs: int, cache: bool = True) -> dict:
    cmd = [sys.executable, "-m", "kg.cli", "build", str(corpus), "-o", str(out), "-q", "-j", str(jobs)]
    if not html:
        cmd.append("--no-html")
    if not cache:
        cmd.append("--no-cache")
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True)
    wall = time.perf_counter() - t0
    s = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    return {"wall": wall, "summary": s}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--no-html", action="store_true")
    ap.add_argument("--repeat", type=int, default=1, help="Repeat every rebuild and keep the fastest.")
    ap.add_argument("--work", type=Path, default=Path("/tmp/policykg-bench-incremental"))
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    info = machine()
    print(f"machine: {info['cpu']}, {info['cores']} cores, {info['memory_gb']} GB, Python {info['python']}, "
          f"pyoxigraph {info['pyoxigraph']}, load {info['load_before']}")
    corpus, extra = setup(args.work, args.docs, args.seed)
    out = args.work / "output"
    html = not args.no_html
    rows = []

    def step(name: str, change) -> None:
        best = None
        for i in range(args.repeat):
            change(i)
            r = run(corpus, out, html=html, jobs=args.jobs)
            if best is None or r["wall"] < best["wall"]:
                best = r
        assert best is not None
        s = best["summary"]
        row = {"step": name, "wall": best["wall"], "documents": s["documents"],
               "reused": s["reused_from_cache"], "timings": s.get("timings", {})}
        rows.append(row)
        ratio = row["wall"] / rows[0]["wall"]
        print(f"{name:<22} {row['wall']:7.2f} s  {100 * ratio:6.1f} % of the full build  "
              f"({row['documents']} documents, {row['reused']} from cache)", flush=True)
        print("    steps (s, overlapping): " + ", ".join(f"{k} {v:.2f}" for k, v in row["timings"].items()), flush=True)

    def nothing(i: int) -> None:
        pass

    def full(i: int) -> None:
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(args.work / ".policykg-cache", ignore_errors=True)

    target = corpus / extra.relative_to(extra.parents[1])
    victim = sorted(corpus.rglob("*.txt"))[len(list(corpus.rglob("*.txt"))) // 2]
    kept: list[bytes] = []

    def add(i: int) -> None:
        if target.exists():  # repeating: take it away again, unmeasured
            target.unlink()
            run(corpus, out, html=html, jobs=args.jobs)
        shutil.copy2(extra, target)

    def change(i: int) -> None:
        with open(victim, "a", encoding="utf-8") as f:
            f.write(f"\n本项目按计划实施（{i}）。\n")

    def remove(i: int) -> None:
        if not victim.exists():  # repeating: put it back, unmeasured
            victim.write_bytes(kept[0])
            run(corpus, out, html=html, jobs=args.jobs)
        kept[:] = [victim.read_bytes()]
        victim.unlink()

    step("full build (no cache)", full)
    step("unchanged", nothing)
    step("one file added", add)
    step("one file changed", change)
    step("one file removed", remove)
    added = next(r for r in rows if r["step"] == "one file added")
    print(f"rebuild after adding one file: {100 * added['wall'] / rows[0]['wall']:.1f} % of the full build "
          f"(target < 10 %)")
    if args.json:
        args.json.write_text(json.dumps({"machine": info, "docs": args.docs, "html": html, "rows": rows}, indent=2)
                             + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
