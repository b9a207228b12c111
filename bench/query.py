#!/usr/bin/env python3
"""Time every named query on a ~1M-quad graph: embedded Oxigraph vs rdflib in memory.

Usage::

    python bench/query.py                      # 2,000 generated documents (about a million quads)
    python bench/query.py --docs 200 --work /tmp/qb --repeat 5 --rdflib-cap 120

Generates a corpus with ``bench/generate.py`` and builds it (both kept in
``--work``, default ``$TMPDIR/policykg-bench``, reused on the next run), opens the Oxigraph store read-only and
loads ``graph.nq`` into an rdflib ``Dataset``, then runs each query in
``queries/`` on both engines in the same process.  Parameters are taken from
the data (the most-cited number, the latest two budget years, …), so that
parameterised queries do real work.  rdflib runs each query in a forked child
that is killed after ``--rdflib-cap`` seconds.  Oxigraph time is the median of
``--repeat`` runs in a child process (abandoned after ``--oxigraph-cap`` seconds), rows
included (every row is converted to Python values).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if sys.path and Path(sys.path[0] or ".").resolve() == Path(__file__).resolve().parent:
    sys.path[0] = str(ROOT)  # run as a script: import the project, not bench/ siblings (bench/html.py ≠ html)
else:
    sys.path.insert(0, str(ROOT))

from kg.query import open_graph, run  # noqa: E402
from queries import NamedQuery, load, names  # noqa: E402

# values for parameters, picked from the data
PICKERS: dict[str, str] = {
    "most_cited_number": """SELECT ?v WHERE { ?w eli:id_local ?v . ?c cito:hasCitedEntity ?w }
                            GROUP BY ?v ORDER BY DESC(COUNT(?c)) ?v LIMIT 1""",
    "replaced_work": """SELECT ?v WHERE { ?n dcterms:replaces|eli:repeals ?w . ?w rdfs:label ?v .
                        ?c cito:hasCitedEntity ?w } GROUP BY ?v ORDER BY DESC(COUNT(?c)) ?v LIMIT 1""",
    "most_cited_law": """SELECT ?v WHERE { ?a eli:is_part_of ?w . ?w rdfs:label ?v . ?c cito:hasCitedEntity ?a }
                         GROUP BY ?v ORDER BY DESC(COUNT(?c)) ?v LIMIT 1""",
    "latest_year": "SELECT (MAX(?y) AS ?v) WHERE { ?d a pkg:BudgetDisclosure ; pkg:budgetYear ?y }",
    "year_before_latest": "SELECT (MAX(?y) - 1 AS ?v) WHERE { ?d a pkg:BudgetDisclosure ; pkg:budgetYear ?y }",
}
# which picker feeds which parameter: per query first, then by parameter name (required ones only);
# optional parameters are bound only where listed per query (how a researcher would ask)
BY_QUERY: dict[str, dict[str, str]] = {
    "legal_basis": {"year": "latest_year"},
    "cited_articles": {"law": "most_cited_law"},
    "replacement_chain": {"work": "replaced_work"},
}
BY_NAME: dict[str, str] = {
    "number": "most_cited_number", "work": "most_cited_number", "law": "most_cited_law",
    "year": "latest_year", "to": "latest_year", "from": "year_before_latest",
}


def ensure_build(work: Path, docs: int, seed: int) -> Path:
    """Generate and build the corpus once; return the build directory."""
    out = work / "out"
    if (out / "graph.nq").is_file() and (out / "store").is_dir():
        return out
    from bench.generate import generate
    from kg.build import build

    corpus = work / "corpus"
    t = time.perf_counter()
    generate(str(corpus), docs=docs, seed=seed)
    print(f"generated {docs} documents in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    t = time.perf_counter()
    build([str(corpus)], out, html=False, use_cache=False, progress=False, jobs=os.cpu_count() or 1)
    print(f"built in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    return out


def pick_params(q: NamedQuery, store) -> dict[str, str]:
    """Values for the query's parameters, taken from the data (header examples as a fallback)."""
    out: dict[str, str] = {}
    for p in q.params:
        picker = BY_QUERY.get(q.name, {}).get(p.name) or (BY_NAME.get(p.name) if p.required else None)
        if picker is None:
            continue
        rows = run(PICKERS[picker], store).rows
        value = rows[0].get("v") if rows else None
        out[p.name] = str(value) if value is not None else p.example
    return out


def _child(conn, engine: str, q: NamedQuery, graph, params: dict[str, str], repeat: int) -> None:
    if engine == "oxigraph":
        graph = open_graph(graph, "oxigraph")  # its own read-only handle
    times, res = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        res = run(q, graph, params, engine=engine)
        times.append(time.perf_counter() - t)
    conn.send((statistics.median(times), len(res.rows), sorted(map(repr, res.rows))))


def timed(engine: str, q: NamedQuery, graph, params: dict[str, str], repeat: int, cap: float):
    """(median seconds, rows, sorted row reprs) from a child process, or None past ``cap``.
    rdflib's child is forked (it shares the loaded Dataset); Oxigraph's is spawned."""
    ctx = mp.get_context("fork" if engine == "rdflib" else "spawn")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, engine, q, graph, params, repeat))
    proc.start()
    child.close()
    got = None
    if parent.poll(cap):
        try:
            got = parent.recv()
        except EOFError:
            got = None
    proc.kill()
    proc.join()
    return got


def is_aggregate(q: NamedQuery) -> bool:
    text = q.text.upper()
    return "GROUP BY" in text or "COUNT(" in text or "MIN(" in text or "MAX(" in text


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "policykg-bench",
                    help="Where the corpus and the build live (reused by the next run).")
    ap.add_argument("--repeat", type=int, default=3, help="Oxigraph runs per query (median).")
    ap.add_argument("--unbound-optional", action="store_true",
                    help="Leave optional parameters unbound (full-corpus listings).")
    ap.add_argument("--rdflib-cap", type=float, default=120.0, help="Seconds before an rdflib query is abandoned.")
    ap.add_argument("--oxigraph-cap", type=float, default=60.0, help="Seconds before an Oxigraph query (all its repeats) is abandoned.")
    ap.add_argument("--no-rdflib", action="store_true")
    ap.add_argument("--json", type=Path, help="Also write the figures as JSON here.")
    ap.add_argument("queries", nargs="*", help="Only these named queries.")
    a = ap.parse_args(argv)

    out = ensure_build(a.work, a.docs, a.seed)
    quads = sum(1 for _ in (out / "graph.nq").open("rb"))
    t = time.perf_counter()
    store = open_graph(out, "oxigraph")
    ox_open = time.perf_counter() - t
    ds, rl_load = None, None
    if not a.no_rdflib:
        t = time.perf_counter()
        ds = open_graph(out, "rdflib")
        rl_load = time.perf_counter() - t
    print(f"{quads:,} quads; Oxigraph store opened in {ox_open:.2f} s"
          + (f"; rdflib loaded in {rl_load:.1f} s" if rl_load else ""), file=sys.stderr)

    results = []
    for name in a.queries or names():
        q = load(name)
        params = pick_params(q, store)
        if a.unbound_optional:
            params = {k: v for k, v in params.items() if q.param(k) and q.param(k).required}
        ox = timed("oxigraph", q, out, params, max(1, a.repeat), a.oxigraph_cap)
        rl = timed("rdflib", q, ds, params, 1, a.rdflib_cap) if ds is not None and ox is not None else None
        ox_s = ox[0] if ox else None
        rl_s = rl[0] if rl else None
        same = (rl[2] == ox[2]) if (ox and rl) else None
        row = {"query": name, "params": params, "rows": ox[1] if ox else None, "aggregate": is_aggregate(q),
               "oxigraph_s": None if ox_s is None else round(ox_s, 4), "rdflib_s": None if rl_s is None else round(rl_s, 3),
               "speedup": None if (rl_s is None or ox_s is None) else round(rl_s / max(ox_s, 1e-6), 1), "same_rows": same}
        results.append(row)
        print(json.dumps(row, ensure_ascii=False), file=sys.stderr, flush=True)

    cpu = os.cpu_count()
    print(f"\n{quads:,} quads ({a.docs} documents, seed {a.seed}); {platform.processor() or platform.machine()}, "
          f"{cpu} cores, Python {platform.python_version()}; Oxigraph store open {ox_open:.2f} s"
          + (f", rdflib load {rl_load:.1f} s" if rl_load else ""))
    print("\n| query | rows | Oxigraph (s) | rdflib (s) | speed-up | same rows |")
    print("|---|---:|---:|---:|---:|:-:|")
    for r in results:
        if r["oxigraph_s"] is None:
            print(f"| {r['query']} | — | > {a.oxigraph_cap:g} | not run | — | — |")
            continue
        if a.no_rdflib:
            rl, sp = "—", "—"
        elif r["rdflib_s"] is None:
            rl, sp = f"> {a.rdflib_cap:g}", f"> {a.rdflib_cap / max(r['oxigraph_s'], 1e-6):.0f}×"
        else:
            rl, sp = f"{r['rdflib_s']:.2f}", f"{r['speedup']:g}×"
        same = {True: "yes", False: "NO", None: "—"}[r["same_rows"]]
        print(f"| {r['query']}{' (aggregate)' if r['aggregate'] else ''} | {r['rows']:,} | {r['oxigraph_s']:.3f} | {rl} | {sp} | {same} |")
    slow = [r["query"] for r in results if r["oxigraph_s"] is None or r["oxigraph_s"] >= 1.0]
    weak = [r["query"] for r in results if r["aggregate"] and r["speedup"] is not None and r["speedup"] < 10]
    print(f"\nunder 1 s on Oxigraph: {'all' if not slow else 'not ' + ', '.join(slow)}; "
          f"aggregates ≥ 10× faster than rdflib: {'all measured' if not weak else 'not ' + ', '.join(weak)}")
    if a.json:
        a.json.write_text(json.dumps({"quads": quads, "docs": a.docs, "seed": a.seed, "cores": cpu,
                                      "oxigraph_open_s": ox_open, "rdflib_load_s": rl_load, "queries": results},
                                     ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
