#!/usr/bin/env python3
"""Time to first draw and to a stable layout of the HTML graph in headless Chromium.

For each target size, generates a corpus with ``bench/generate.py`` whose
networkx view has about that many nodes (the number of documents is
calibrated once), builds the model and renders the page exactly as
``policykg build`` does (default view: aggregated above 2,000 nodes), then
opens it offline in headless Chromium and reads the page's own timings
(``performance.now()`` from navigation start): first ``afterDrawing`` of
vis-network, and the stable layout (physics switched off, or none needed).
It also times one zoom redraw and one click-to-details on the loaded page.

    python bench/html.py                         # 1,000 and 10,000 nodes
    python bench/html.py --sizes 1000 --runs 3
    python bench/html.py --sizes 10000 --view full   # the un-aggregated page, for comparison
    python bench/html.py --screenshot docs/graph.png # the sample corpus page, a work selected

Target (issue 5): the 10,000-node default view is interactive within 5 s.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, this file's folder leads sys.path and its name would shadow the stdlib ``html``.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import json
import os
import platform
import shutil
import statistics
import tempfile
import time

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402
from kg.build import build_model  # noqa: E402
from kg.graphs import to_networkx  # noqa: E402
from kg.html import page_title, write_graph_json, write_html  # noqa: E402

CHROMIUM = os.environ.get("POLICYKG_CHROMIUM", "/usr/bin/chromium")
NODES_PER_DOC = 10.0  # first guess; calibrated on the first build


def corpus_graph(nodes: int, seed: int, work: Path):
    """A generated corpus whose graph has about ``nodes`` nodes: (graph, documents)."""
    docs = max(2, round(nodes / NODES_PER_DOC))
    for attempt in range(2):
        src = work / f"corpus-{docs}"
        if not src.exists():
            generate(src, docs=docs, seed=seed)
            (src / "gold.json").unlink()
        result = build_model([str(src)], jobs=os.cpu_count() or 1)
        g = to_networkx(result.corpus, stale=result.stale)
        if attempt or abs(g.number_of_nodes() - nodes) <= nodes * 0.05:
            return g, docs
        docs = max(2, round(docs * nodes / g.number_of_nodes()))
    return g, docs


def open_page(browser, path: Path, viewport=(1400, 860)) -> dict:
    """Load ``path`` offline; the page's timings and the cost of a zoom and a click."""
    url = path.resolve().as_uri()
    ctx = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, offline=True)
    errors: list[str] = []
    others: list[str] = []
    ctx.route("**/*", lambda r: r.continue_() if r.request.url == url else (others.append(r.request.url), r.abort()))
    page = ctx.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    t0 = time.perf_counter()
    page.goto(url)
    page.wait_for_selector("body[data-ready='1']", state="attached", timeout=600_000)
    wall = time.perf_counter() - t0
    t = page.evaluate("policykg.timings")
    drawn = page.evaluate("policykg.drawn()")
    zoom = page.evaluate("""() => new Promise((done) => {
        const net = policykg.network, t0 = performance.now();
        net.once('afterDrawing', () => done(performance.now() - t0));
        net.moveTo({scale: net.getScale() * 1.5});
    })""")
    click = page.evaluate("""() => {
        const ids = policykg.nodesView.getIds({filter: n => n.kind === 'work' || n.kind === 'law'});
        const t0 = performance.now();
        policykg.select(ids[0]);
        document.getElementById('details').getBoundingClientRect();
        return performance.now() - t0;
    }""")
    ctx.close()
    return {"first_draw_s": t["firstDraw"] / 1000, "stable_s": t["stable"] / 1000, "ready_wall_s": wall,
            "zoom_redraw_ms": zoom, "select_ms": click, "drawn": drawn, "console_errors": errors,
            "other_requests": others}


def screenshot(browser, out: Path) -> None:
    """The sample corpus page with a work selected (the README picture)."""
    with tempfile.TemporaryDirectory() as tmp:
        result = build_model()
        g = to_networkx(result.corpus, stale=result.stale)
        page_path = Path(tmp) / "graph.html"
        write_html(g, page_path, title=page_title(g))
        ctx = browser.new_context(viewport={"width": 1400, "height": 860}, offline=True, device_scale_factor=1)
        page = ctx.new_page()
        page.goto(page_path.as_uri())
        page.wait_for_selector("body[data-ready='1']", state="attached", timeout=60_000)
        page.evaluate("() => { policykg.select('work:n:玉溪市人民政府公告第49号'); policykg.network.fit(); }")
        page.wait_for_timeout(500)
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out))
        ctx.close()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="target node counts")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--runs", type=int, default=1, help="page loads per size (median reported)")
    ap.add_argument("--view", choices=["auto", "full", "aggregated"], default="auto")
    ap.add_argument("--json", type=Path, help="also write the results here")
    ap.add_argument("--keep", type=Path, help="keep the generated pages in this directory")
    ap.add_argument("--screenshot", type=Path, help="only write the sample page screenshot to this file")
    a = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        if a.screenshot:
            screenshot(browser, a.screenshot)
            print(f"wrote {a.screenshot}")
            return 0
        work = Path(tmp)
        for size in a.sizes:
            g, docs = corpus_graph(size, a.seed, work)
            page_path = work / f"graph-{size}.html"
            t0 = time.perf_counter()
            write_graph_json(g, work / f"graph-{size}.json")
            t1 = time.perf_counter()
            v = write_html(g, page_path, title=page_title(g), view=a.view)
            t2 = time.perf_counter()
            runs = [open_page(browser, page_path) for _ in range(a.runs)]
            med = {k: statistics.median(r[k] for r in runs) for k in ("first_draw_s", "stable_s", "ready_wall_s",
                                                                     "zoom_redraw_ms", "select_ms")}
            row = {"target": size, "documents": docs, "nodes": g.number_of_nodes(), "edges": g.number_of_edges(),
                   "view": "aggregated" if v.aggregated else "full", "drawn": runs[0]["drawn"],
                   "min_cites": v.info.get("min_cites"), "json_s": round(t1 - t0, 2), "render_s": round(t2 - t1, 2),
                   "page_mb": round(page_path.stat().st_size / 1e6, 2), **{k: round(x, 3) for k, x in med.items()},
                   "console_errors": runs[0]["console_errors"], "other_requests": runs[0]["other_requests"]}
            rows.append(row)
            print(json.dumps(row, ensure_ascii=False), file=sys.stderr)
            if a.keep:
                a.keep.mkdir(parents=True, exist_ok=True)
                shutil.copy(page_path, a.keep / page_path.name)
        browser.close()
    print(f"\nheadless Chromium, {platform.machine()}, {os.cpu_count()} cores, view={a.view}, median of {a.runs}\n")
    print("| graph nodes / edges | drawn nodes / edges | view | render in Python | page | first draw | stable | zoom redraw | click → details |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['nodes']:,} / {r['edges']:,} | {r['drawn']['nodes']:,} / {r['drawn']['edges']:,} | {r['view']}"
              f"{' (N=' + str(r['min_cites']) + ')' if r['min_cites'] else ''} | {r['render_s']:.1f} s | {r['page_mb']:.1f} MB"
              f" | {r['first_draw_s']:.2f} s | {r['stable_s']:.2f} s | {r['zoom_redraw_ms']:.0f} ms | {r['select_ms']:.0f} ms |")
    if a.json:
        a.json.parent.mkdir(parents=True, exist_ok=True)
        a.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
