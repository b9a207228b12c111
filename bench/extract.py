#!/usr/bin/env python3
"""Extraction throughput on one core, and how it grows with the size of the text.

Builds one large text by repeating the sample disclosures and the dev set
(national to county texts), runs ``extractors.extract`` on growing prefixes
of it (cut at a document boundary) and prints MB/s (UTF-8 bytes of input per
second of wall time, and per CPU second of this process) for each size, and the
CPU time per MB relative to the smallest size: 1.00 everywhere means linear.

    python bench/extract.py                 # sizes 1, 2, 4, 8 MB
    python bench/extract.py --sizes 1 4 16 --repeat 3

Target (issue 2): ≥ 10 MB/s on one core.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractors import extract  # noqa: E402


def corpus_documents() -> list[str]:
    """The sample disclosures and the dev set, as texts."""
    docs = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "kg" / "samples").glob("*.txt"))]
    docs += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "fixtures" / "dev").glob("*.txt"))]
    return docs


def text_of_size(docs: list[str], megabytes: float) -> str:
    """Whole documents, repeated in order, until the UTF-8 size reaches ``megabytes``."""
    target = int(megabytes * 1024 * 1024)
    parts, size, i = [], 0, 0
    while size < target:
        d = docs[i % len(docs)]
        parts.append(d)
        size += len(d.encode("utf-8")) + 2
        i += 1
    return "\n\n".join(parts)


def measure(text: str, repeat: int) -> tuple[float, float, int]:
    """Best wall time and best CPU time of ``repeat`` runs, and the number of mentions found.

    CPU time (this process only) is what one core spends; it stays meaningful
    when other jobs share the machine, wall time does not."""
    best, best_cpu, n = float("inf"), float("inf"), 0
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        ex = extract(text)
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
        n = len(ex.citations)
    return best, best_cpu, n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=[1, 2, 4, 8], help="sizes in MB")
    ap.add_argument("--repeat", type=int, default=2, help="runs per size (the best counts)")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    args = ap.parse_args(argv)

    docs = corpus_documents()
    extract(docs[0])  # warm up: compile patterns, load the registry
    rows = []
    for mb in args.sizes:
        text = text_of_size(docs, mb)
        size = len(text.encode("utf-8"))
        seconds, cpu, mentions = measure(text, args.repeat)
        rows.append({"mb": round(size / 2**20, 2), "seconds": round(seconds, 3), "cpu_seconds": round(cpu, 3),
                     "mb_per_s": round(size / 2**20 / seconds, 1), "mb_per_cpu_s": round(size / 2**20 / cpu, 1),
                     "mentions": mentions})
    base = rows[0]["cpu_seconds"] / rows[0]["mb"]
    for r in rows:
        r["time_per_mb_vs_smallest"] = round(r["cpu_seconds"] / r["mb"] / base, 2)
    if args.json:
        print(json.dumps({"machine": platform.processor() or platform.machine(), "python": platform.python_version(),
                          "rows": rows}, indent=2))
        return 0
    print(f"extraction on one core ({len(docs)} distinct documents repeated; Python {platform.python_version()})")
    print(f"{'MB':>7} {'wall s':>7} {'MB/s':>6} {'CPU s':>7} {'MB/CPU s':>9} {'mentions':>9} {'CPU s/MB vs smallest':>21}")
    for r in rows:
        print(f"{r['mb']:>7.2f} {r['seconds']:>7.3f} {r['mb_per_s']:>6.1f} {r['cpu_seconds']:>7.3f} {r['mb_per_cpu_s']:>9.1f}"
              f" {r['mentions']:>9} {r['time_per_mb_vs_smallest']:>21.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
