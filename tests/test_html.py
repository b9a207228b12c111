"""The interactive HTML graph: self-contained, escaped, filterable, in a real browser.

Browser tests drive headless Chromium with Playwright; they skip when no
Chromium is found, unless POLICYKG_REQUIRE_BROWSER=1 (CI), where they fail.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.graphs import to_networkx
from kg.html import (
    aggregate,
    _notes,
    build_view,
    filter_graph,
    layout,
    read_graph_json,
    render_html,
    write_graph_json,
)

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOT = ROOT / "output" / "graph-screenshot.png"

# The only http(s) strings in a page: licence comments and the SVG namespace inside vis-network.
INERT_URLS = {
    "http://almende.com",
    "http://opensource.org/licenses/MIT",
    "http://www.apache.org/licenses/LICENSE-2.0",
    "http://www.w3.org/2000/svg",
    "https://github.com/uuidjs/uuid#getrandomvalues-not-supported",
    "https://github.com/visjs",
    "https://github.com/zloirock/core-js",
    "https://github.com/zloirock/core-js/blob/v3.21.1/LICENSE",
    "https://visjs.github.io/vis-network/",
}

EVIL_DISCLOSURE = """澄江市医疗保障局2022年预算重点领域财政项目文本公开

项目1.

一、项目名称

<script>window.__pwned=2</script>补助资金。
二、立项依据

依据《<img src=x onerror=window.__pwned=1>管理办法》（澄医保发〔2021〕7号）、《<img/src/onerror=window.__pwned=4>实施细则》（澄医保发〔2021〕8号）文件。

三、项目实施单位

澄江市医疗保障局<abbr/onmouseover=window.__pwned=3>。
四、项目基本概况

无。

六、资金安排情况

合计17.00万元。
"""


def page_data(page_html: str) -> dict:
    m = re.search(r'<script type="application/json" id="policykg-data">(.*?)</script>', page_html, re.S)
    assert m, "no data block"
    return json.loads(m.group(1))


def kinds(g, what="nodes") -> Counter:
    if what == "nodes":
        return Counter(k for _, k in g.nodes(data="kind"))
    return Counter(k for *_, k in g.edges(data="kind"))


def node_where(g, **attrs) -> str:
    found = [n for n, d in g.nodes(data=True) if all(d.get(k) == v for k, v in attrs.items())]
    assert len(found) == 1, (attrs, found)
    return found[0]


@pytest.fixture(scope="module")
def sample_graph(built_samples):
    return to_networkx(built_samples.result.corpus, stale=built_samples.result.stale)


@pytest.fixture(scope="module")
def evil_out(tmp_path_factory):
    from kg import build

    src = tmp_path_factory.mktemp("evil-src")
    (src / "evil-2022.txt").write_text(EVIL_DISCLOSURE, encoding="utf-8")
    out = tmp_path_factory.mktemp("evil") / "output"
    result = build([str(src)], out, use_cache=False, store=False, jobs=1, executor="serial")
    return out, result


@pytest.fixture(scope="module")
def generated_graph(tmp_path_factory):
    """A generated corpus of 60 disclosures (about 800 nodes)."""
    from bench.generate import generate

    from kg.build import build_model

    src = tmp_path_factory.mktemp("gen60")
    generate(src, docs=60, seed=3)
    (src / "gold.json").unlink()
    result = build_model([str(src)], jobs=1, executor="serial")
    return to_networkx(result.corpus, stale=result.stale)


# ------------------------------------------------------------------ without a browser

def test_build_writes_page_and_graph_json(built_samples, sample_graph):
    out = built_samples.out
    assert (out / "graph.html").is_file() and (out / "graph.json").is_file()
    g = read_graph_json(out / "graph.json")
    assert sorted(g.nodes(data=True)) == sorted(sample_graph.nodes(data=True))
    assert sorted((u, v, k, sorted(d.items())) for u, v, k, d in g.edges(keys=True, data=True)) == \
        sorted((u, v, k, sorted(d.items())) for u, v, k, d in sample_graph.edges(keys=True, data=True))
    data = page_data((out / "graph.html").read_text(encoding="utf-8"))
    assert len(data["nodes"]) == g.number_of_nodes() == 48
    assert len(data["edges"]) == g.number_of_edges()
    assert kinds(g) == {"work": 12, "org": 10, "project_year": 9, "series": 6, "article": 4, "law": 3,
                        "disclosure": 2, "budget_year": 2}
    assert data["meta"]["years"] == [2021, 2022] and not data["meta"]["aggregated"]


def test_page_references_nothing_outside(built_samples):
    page = (built_samples.out / "graph.html").read_text(encoding="utf-8")
    assert set(re.findall(r"https?://[^\s\"'()<>]*", page)) <= INERT_URLS
    for pattern in (r"<script[^>]*\bsrc\s*=", r"<link(?![^>]*href=\"data:)[^>]*>", r"<iframe", r"<img",
                    r"@import", r"url\(\s*['\"]?(?!data:)", r"\bsrc\s*=\s*['\"]?(?:https?:)?//",
                    r"\bhref\s*=\s*['\"]?(?:https?:)?//", r"\bfetch\(", r"XMLHttpRequest", r"WebSocket\(",
                    r"\bimportScripts\(", r"sendBeacon"):
        assert not re.search(pattern, page), pattern
    # one CSP forbids any other source: scripts by hash only, no network
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("style-src")[0]


def test_text_from_sources_is_escaped(evil_out):
    out, result = evil_out
    page = (out / "graph.html").read_text(encoding="utf-8")
    data_block = re.search(r'id="policykg-data">(.*?)</script>', page, re.S).group(1)
    assert not re.search(r"[<>&]", data_block)
    assert "\\u003cimg src=x onerror=window.__pwned=1\\u003e" in data_block
    assert "<script>window.__pwned" not in page and "<abbr/onmouseover" not in page
    data = page_data(page)
    titles = {n["info"].get("title") for n in data["nodes"] if n["kind"] == "work"}
    assert titles == {w.title for w in result.corpus.works.values()}
    assert "<img/src/onerror=window.__pwned=4>实施细则" in titles


def test_filter_graph_known_answers(sample_graph):
    g22 = filter_graph(sample_graph, years=[2022])
    assert kinds(g22)["project_year"] == 4 and kinds(g22)["disclosure"] == 1 and kinds(g22)["budget_year"] == 1
    assert {d["year"] for _, d in g22.nodes(data=True) if d["kind"] == "project_year"} == {2022}
    assert kinds(filter_graph(sample_graph, years=[2021]))["project_year"] == 5
    # every cites edge of 2022, and only those
    cites22 = [(u, v) for u, v, d in sample_graph.edges(data=True)
               if d["kind"] == "cites" and sample_graph.nodes[u].get("year") == 2022]
    assert sorted((u, v) for u, v, k in g22.edges(data="kind") if k == "cites") == sorted(cites22)
    unit = filter_graph(sample_graph, issuers=["医疗保险中心"])
    assert sorted(d["label"] for _, d in unit.nodes(data=True) if d["kind"] == "project_year") == [
        "基本医疗保险业务经办补助资金 (2021)", "基本医疗保险业务经办补助资金 (2022)"]
    assert filter_graph(sample_graph, years=[2030]).number_of_nodes() == 0
    both = filter_graph(sample_graph, years=[2021, 2022])
    assert both.number_of_nodes() == sample_graph.number_of_nodes()
    assert both.number_of_edges() == sample_graph.number_of_edges()


def test_replaced_and_stale_are_marked(built_samples, sample_graph):
    result = built_samples.result
    corpus = result.corpus
    new, old = "n:玉政规〔2021〕4号", "n:玉溪市人民政府公告第49号"
    assert any(r.kind == "replaces" and (r.subject, r.object) == (new, old) for r in corpus.relations)
    p22 = next(p for p in corpus.project_years if p.year == 2022 and p.no == 4)
    stale = [{"citing": p22.id, "work": old, "year": 2022, "reason": "replaced", "replaced_by": "玉政规〔2021〕4号"}]
    g = to_networkx(corpus, stale=stale)
    data = page_data(render_html(g))
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["work:" + old]["info"]["replaced_by"] == "玉政规〔2021〕4号"
    assert nodes["work:" + old]["shapeProperties"]["borderDashes"] is True
    assert nodes["work:" + old]["label"].endswith("(replaced)")
    assert not nodes["work:" + new]["info"]["replaced_by"]
    by_kind = Counter(e["kind"] for e in data["edges"])
    assert by_kind["replaces"] == 1 and by_kind["stale"] == 1
    st = next(e for e in data["edges"] if e["kind"] == "stale")
    assert (st["from"], st["to"], st["years"]) == ("project:" + p22.id, "work:" + old, [2022])
    assert st["color"]["color"] == "#ff7f0e" and st["label"] == "stale"
    rep = next(e for e in data["edges"] if e["kind"] == "replaces")
    assert (rep["from"], rep["to"], rep["label"]) == ("work:" + new, "work:" + old, "replaces")
    assert {k["kind"] for k in data["meta"]["edge_kinds"]} >= {"replaces", "stale", "cites", "cites_other"}


def test_layout_is_deterministic_and_spread(sample_graph):
    a, b = layout(sample_graph), layout(sample_graph)
    assert a == b and set(a) == set(sample_graph)
    assert len(set(a.values())) == sample_graph.number_of_nodes()


def _view_size(g, n: int, m: int) -> int:
    view, _ = aggregate(g, min_cites=n, min_stale=m)
    return view.number_of_nodes()


@pytest.mark.parametrize("max_nodes", [60, 150, 300, 500])
def test_aggregate_picks_the_smallest_threshold_that_fits(generated_graph, max_nodes):
    """The thresholds are found by bisection: the same as trying every value in turn."""
    g = generated_graph
    _, info = aggregate(g, max_nodes=max_nodes)
    n, m = info["min_cites"], info["min_stale"]
    if m == 1:  # the stale works fit in half the view: n is the first count that fits
        assert _view_size(g, n, 1) <= max_nodes or n > info["top_cites"]
        assert n == 2 or _view_size(g, n - 1, 1) > max_nodes
    else:  # the stale works alone were too many: m is the first that fits in half the view
        none = info["top_cites"] + 1
        assert _view_size(g, none, m) <= max_nodes // 2 < _view_size(g, none, m - 1)
    view, _ = aggregate(g, max_nodes=max_nodes)
    assert view.number_of_nodes() == _view_size(g, n, m)


def _stale_heavy_graph():
    """Ten works with stale citations from 1..10 project-years, one work cited by 12."""
    import networkx as nx

    g = nx.MultiDiGraph()
    k = 0

    def project() -> str:
        nonlocal k
        k += 1
        p, s = f"project:{k}", f"series:{k}"
        g.add_node(p, kind="project_year", label=f"p{k}", year=2022)
        g.add_node(s, kind="series", label=f"s{k}")
        g.add_edge(p, s, kind="of_series")
        return p

    for w in range(10):
        g.add_node(f"work:{w}", kind="work", label=f"w{w}")
        for _ in range(w + 1):
            g.add_edge(project(), f"work:{w}", kind="stale", year=2022, reason="replaced")
    g.add_node("work:popular", kind="work", label="popular")
    for _ in range(12):
        g.add_edge(project(), "work:popular", kind="cites", quotes="q", sentences="s")
    return g


def test_aggregate_limits_stale_works_to_half_the_view():
    g = _stale_heavy_graph()
    view, info = aggregate(g, max_nodes=40)
    # Stale works with >= m citers and their series must fit in 20 nodes: m = 10 gives 1 + 10,
    # m = 9 would give 2 + 19.  The popular work and its 12 series then fit beside them (n = 2).
    assert (info["min_stale"], info["min_cites"]) == (10, 2)
    assert sorted(n for n, d in view.nodes(data=True) if d["kind"] == "work") == ["work:9", "work:popular"]
    assert view.number_of_nodes() == 24
    view, info = aggregate(g, max_nodes=200)  # everything fits
    assert (info["min_stale"], info["min_cites"]) == (1, 2) and view.number_of_nodes() == 10 + 55 + 1 + 12


def test_aggregate_caps_the_series_of_works_cited_too_widely():
    """A work cited by more series than the view holds is still drawn, with its most frequent citers."""
    import networkx as nx

    g = nx.MultiDiGraph()
    for w, n in (("work:wide", 100), ("work:other", 30)):
        g.add_node(w, kind="work", label=w)
        for k in range(n):
            s = f"series:{w}-{k}"
            g.add_node(s, kind="series", label=s)
            for year in range(2019, 2019 + (2 if k == 7 else 1)):  # series 7 cites it in two years
                p = f"project:{w}-{k}-{year}"
                g.add_node(p, kind="project_year", label=p, year=year)
                g.add_edge(p, s, kind="of_series")
                g.add_edge(p, w, kind="cites", quotes="q", sentences="s")
    view, info = aggregate(g, max_nodes=40)
    assert info["series_per_work"] > 0 and view.number_of_nodes() <= 40
    assert {"work:wide", "work:other"} <= set(view)
    wide = {u for u, _ in view.in_edges("work:wide")}
    assert len(wide) == info["series_per_work"] and "series:work:wide-7" in wide  # the most frequent first
    assert view.nodes["work:wide"]["cited_by"] == 101  # the full count
    assert "each with at most" in " ".join(_notes(build_view(g, aggregate_above=10, max_nodes=40), {}))
    # a view that fits draws every citing series and caps nothing
    view, info = aggregate(g, max_nodes=500)
    assert info["series_per_work"] == 0 and view.in_degree("work:wide") == 100


def test_aggregated_view(generated_graph):
    g = generated_graph
    view, info = aggregate(g, max_nodes=300)
    k = kinds(view)
    assert set(k) <= {"series", "work", "law", "org"} and k["series"] == info["series"]
    assert view.number_of_nodes() <= 300 and info["min_cites"] >= 2
    citers = Counter()
    law_of = {u: v for u, v, kk in g.edges(data="kind") if kk == "part_of" and g.nodes[u]["kind"] == "article"}
    for u, v, d in g.edges(data=True):
        if d["kind"] == "cites" and g.nodes[u]["kind"] == "project_year":
            citers[law_of.get(v, v)] += 1
    for n, d in view.nodes(data=True):
        if d["kind"] in ("work", "law"):
            stale_or_replaced = d.get("replaced_by") or any(
                kk in ("replaces", "repeals", "stale") for *_, kk in view.in_edges(n, data="kind"))
            assert citers[n] >= info["min_cites"] or stale_or_replaced or any(
                kk in ("replaces", "repeals") for *_, kk in view.out_edges(n, data="kind")), n
        if d["kind"] == "series":
            assert view.out_degree(n) >= 1
    # every project-year mention behind a drawn cites edge is kept in its items
    for u, v, d in view.edges(data=True):
        if d["kind"] == "cites":
            assert d["count"] == len(d["items"]) and set(d["years"]) == {i["year"] for i in d["items"]}
    v = build_view(g, aggregate_above=100)
    assert v.aggregated and v.full_nodes == g.number_of_nodes()
    assert not build_view(g).aggregated


def test_graph_json_is_node_link_data(tmp_path, sample_graph):
    """graph.json holds nx.node_link_data's structure, key for key and in its order."""
    import networkx as nx

    from kg.html import _edges, _number_of_edges

    assert _edges(sample_graph) == list(sample_graph.edges(keys=True, data=True))
    assert _number_of_edges(sample_graph) == sample_graph.number_of_edges()
    write_graph_json(sample_graph, tmp_path / "graph.json")
    data = nx.node_link_data(sample_graph, name="id", source="from", target="to", key="key", edges="edges")
    data["format"] = "policykg-graph/1"
    expected = json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    assert (tmp_path / "graph.json").read_text(encoding="utf-8") == expected
    g = sample_graph.copy()
    u, v, k = next(iter(g.edges(keys=True)))
    g.edges[u, v, k]["to"] = "x"
    g.nodes[u]["id"] = "x"
    with pytest.raises(ValueError, match=r"clash with node-link keys: \['id', 'to'\]"):
        write_graph_json(g, tmp_path / "clash.json")


def test_page_title(sample_graph):
    from kg.html import node_years, page_title

    years = sorted({y for ys in node_years(sample_graph).values() for y in ys})
    disclosures = sum(1 for _, k in sample_graph.nodes(data="kind") if k == "disclosure")
    assert len(years) > 1
    assert page_title(sample_graph) == f"policykg graph: {disclosures} disclosures, {years[0]}–{years[-1]}"


def test_graph_json_rejects_other_json(tmp_path, sample_graph):
    write_graph_json(sample_graph, tmp_path / "graph.json")
    assert read_graph_json(tmp_path / "graph.json").number_of_edges() == sample_graph.number_of_edges()
    (tmp_path / "bad.json").write_text('{"nodes": []}', encoding="utf-8")
    with pytest.raises(ValueError, match="not a policykg graph.json"):
        read_graph_json(tmp_path / "bad.json")


def test_cli_html(built_samples, sample_graph, tmp_path):
    from kg.cli import cli

    runner = CliRunner()
    out = tmp_path / "p2022.html"
    r = runner.invoke(cli, ["html", str(built_samples.out), "--year", "2022", "-o", str(out)])
    assert r.exit_code == 0, r.output
    expected = filter_graph(sample_graph, years=[2022])
    data = page_data(out.read_text(encoding="utf-8"))
    assert (len(data["nodes"]), len(data["edges"])) == (expected.number_of_nodes(), expected.number_of_edges())
    assert data["meta"]["notes"] == ["Filtered view: budget year 2022."]
    assert f"wrote {out}: {expected.number_of_nodes()} nodes" in r.output
    r = runner.invoke(cli, ["html", str(built_samples.out), "--issuer", "医疗保险中心", "--view", "aggregated",
                            "-o", str(tmp_path / "agg.html")])
    assert r.exit_code == 0 and "(aggregated view)" in r.output
    r = runner.invoke(cli, ["html", str(tmp_path / "missing")])
    assert r.exit_code == 2 and "graph.json: not found" in r.output
    r = runner.invoke(cli, ["html", str(built_samples.out), "--year", "1999", "-o", str(tmp_path / "x.html")])
    assert r.exit_code == 2 and "nothing matches --year 1999" in r.output


# ------------------------------------------------------------------ in a browser

def _chromium() -> str | None:
    """POLICYKG_CHROMIUM when set (only it), else the usual places."""
    if "POLICYKG_CHROMIUM" in os.environ:
        c = os.environ["POLICYKG_CHROMIUM"]
        return c if Path(c).is_file() else None
    for c in ("/usr/bin/chromium", "/usr/bin/chromium-browser", shutil.which("chromium"),
              shutil.which("chromium-browser"), shutil.which("google-chrome")):
        if c and Path(c).is_file():
            return c
    return None


@pytest.fixture(scope="module")
def browser():
    required = os.environ.get("POLICYKG_REQUIRE_BROWSER") == "1"

    def unavailable(why: str):
        if required:
            pytest.fail(f"POLICYKG_REQUIRE_BROWSER=1 but {why}")
        pytest.skip(f"{why} (POLICYKG_REQUIRE_BROWSER=1 makes this a failure)")

    exe = _chromium()
    if exe is None:
        unavailable("no Chromium found (set POLICYKG_CHROMIUM to its path)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("playwright is not installed")
    with sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=exe, args=["--no-sandbox"])
        except Exception as e:  # noqa: BLE001 - any launch failure means no browser here
            unavailable(f"Chromium at {exe} does not start: {str(e).splitlines()[0]}")
        yield b
        b.close()


class Opened:
    """A page loaded offline, with every request and console error it made."""

    def __init__(self, browser, path: Path, viewport=(1400, 860)):
        self.url = path.resolve().as_uri()
        self.context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, offline=True)
        self.requests: list[str] = []
        self.blocked: list[str] = []
        self.errors: list[str] = []

        def route(r):
            if r.request.url == self.url:
                r.continue_()
            else:
                self.blocked.append(r.request.url)
                r.abort()

        self.context.route("**/*", route)
        self.page = self.context.new_page()
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(self.url)
        # (wait_for_function would eval a string, which the page's CSP refuses)
        self.page.wait_for_selector("body[data-ready='1']", state="attached", timeout=60_000)

    def js(self, expr: str, arg=None):
        return self.page.evaluate(expr, arg)

    def click_node(self, node_id: str) -> None:
        """A real mouse click on the node where it is drawn."""
        self.js("(id) => policykg.network.focus(id, {scale: 1.5})", node_id)
        at = self.js("""(id) => {
            const net = policykg.network, p = net.getPositions([id])[id], d = net.canvasToDOM(p);
            const r = document.getElementById('graph').getBoundingClientRect();
            return {x: r.left + d.x, y: r.top + d.y, hit: net.getNodeAt(d)};
        }""", node_id)
        assert at["hit"] == node_id, at
        self.page.mouse.click(at["x"], at["y"])

    def details(self) -> str:
        return self.page.inner_text("#details")

    def check_clean(self) -> None:
        assert self.errors == []
        assert self.blocked == [] and set(self.requests) == {self.url}

    def close(self) -> None:
        self.context.close()


def test_sample_page_in_browser(browser, built_samples, sample_graph):
    page = Opened(browser, built_samples.out / "graph.html")
    try:
        g = sample_graph
        full = {"nodes": g.number_of_nodes(), "edges": g.number_of_edges()}
        assert page.js("policykg.drawn()") == full
        assert page.js("policykg.shown()") == full
        assert page.js("policykg.nodes.length") == 48
        assert page.page.inner_text("#status") == f"Showing 48 of 48 nodes and {full['edges']} of {full['edges']} edges."

        # filter by year: exactly what filter_graph keeps
        page.page.uncheck("#years label[data-year='2021'] input")
        g22 = filter_graph(g, years=[2022])
        assert page.js("policykg.drawn()") == {"nodes": g22.number_of_nodes(), "edges": g22.number_of_edges()}
        shown_projects = page.js("policykg.nodesView.get({filter: n => n.kind === 'project_year'}).map(n => n.info.year)")
        assert sorted(shown_projects) == [2022] * 4
        page.js("policykg.setYears([2021, 2022])")
        assert page.js("policykg.drawn()") == full

        # filter by node kind
        page.page.uncheck("#kinds label[data-kind='org'] input")
        no_org = [n for n, k in g.nodes(data="kind") if k != "org"]
        assert page.js("policykg.drawn()") == {"nodes": len(no_org), "edges": g.subgraph(no_org).number_of_edges()}
        page.page.check("#kinds label[data-kind='org'] input")

        # a real click on a work opens its details
        page.click_node("work:n:云医保〔2019〕45号")
        text = page.details()
        assert "云医保〔2019〕45号" in text
        assert "云南省医疗保障局云南省财政厅关于印发<云南省欺诈骗取医疗保障基金行为举报奖励实施细则（试行）>的通知" in text
        assert "云南省医疗保障局" in text and "云南省财政厅" in text
        assert "欺诈骗保举报奖励金补助资金 (2021)" in text and "欺诈骗保举报奖励金补助资金 (2022)" in text
        assert "Promulgates" in text and "Cited by 2 project-years" in text
        assert "为切实保障医疗保障基金安全，鼓励社会各界举报欺诈骗保医疗保障基金行为" in text  # the quoted sentence
        marks = page.js("[...document.querySelectorAll('#details mark')].map(m => m.textContent)")
        assert "云医保〔2019〕45号" in marks

        # clicking a project shows unit, amount and citations
        pid = "project:" + node_where(g, kind="project_year", year=2022, no=1).split(":", 1)[1]
        page.click_node(pid)
        text = page.details()
        assert "医疗保障基金监管工作补助资金 (2022)" in text and "澄江市医疗保障局" in text and "17 万元" in text
        n_cites = sum(1 for *_, k in g.out_edges(pid, data="kind") if k == "cites")
        assert n_cites == 6 and f"Cites {n_cites}" in text and "医疗保障基金使用监督管理条例" in text
        assert "第七十八条" in page.js("[...document.querySelectorAll('#details mark')].map(m => m.textContent)")

        # search by number, then pick the result
        page.page.fill("#search", "玉政规〔2021〕4")
        page.page.click("#results button.link")
        text = page.details()
        assert "玉溪市城乡居民医疗保险管理实施办法" in text and "Replaces" in text

        page.js("policykg.network.fit()")
        SCREENSHOT.parent.mkdir(exist_ok=True)
        page.page.screenshot(path=str(SCREENSHOT))
        assert SCREENSHOT.stat().st_size > 10_000
        page.check_clean()
    finally:
        page.close()


def test_script_in_source_text_runs_nothing(browser, evil_out):
    out, result = evil_out
    page = Opened(browser, out / "graph.html")
    try:
        wid = "work:n:澄医保发〔2021〕7号"
        page.click_node(wid)
        text = page.details()
        assert "《<img src=x onerror=window.__pwned=1>管理办法》" in text  # the quote, as written
        assert result.corpus.works["n:澄医保发〔2021〕7号"].title in text
        assert "<script>window.__pwned=2</script>补助资金 (2022)" in text
        page.js("(id) => policykg.select(id)", "work:n:澄医保发〔2021〕8号")
        assert "<img/src/onerror=window.__pwned=4>实施细则" in page.details()
        pid = next(n["id"] for n in page.js("policykg.nodes.get()") if n["kind"] == "project_year")
        page.click_node(pid)
        assert "澄江市医疗保障局<abbr/onmouseover=window.__pwned=3>" in page.details()
        page.page.fill("#search", "img")
        assert page.js("document.querySelectorAll('#results li').length") == 2
        page.page.hover("#details")
        page.page.wait_for_timeout(300)
        assert page.js("typeof window.__pwned") == "undefined"
        assert page.js("document.querySelectorAll('img, abbr, #details script').length") == 0
        page.check_clean()
    finally:
        page.close()


def test_aggregated_page_in_browser(browser, generated_graph, tmp_path):
    g = generated_graph
    path = tmp_path / "agg.html"
    path.write_text(render_html(g, aggregate_above=200, max_nodes=250), encoding="utf-8")
    v = build_view(g, aggregate_above=200, max_nodes=250)
    page = Opened(browser, path)
    try:
        assert page.js("policykg.meta.aggregated") is True
        assert "Aggregated view of a large graph" in page.page.inner_text("header")
        assert page.js("policykg.drawn()") == {"nodes": v.graph.number_of_nodes(), "edges": v.graph.number_of_edges()}
        year = page.js("policykg.meta.years")[-1]
        page.js("(y) => policykg.setYears([y])", year)
        one = filter_graph(v.graph, years=[year])
        assert page.js("policykg.drawn()") == {"nodes": one.number_of_nodes(), "edges": one.number_of_edges()}
        assert 0 < one.number_of_nodes() < v.graph.number_of_nodes()
        page.js("() => policykg.setYears(policykg.meta.years)")
        work = max((n for n, d in v.graph.nodes(data=True) if d["kind"] in ("work", "law")),
                   key=lambda n: (v.graph.in_degree(n), n))
        page.click_node(work)
        text = page.details()
        assert f"Cited by {v.graph.nodes[work]['cited_by']} project-years" in text
        page.check_clean()
    finally:
        page.close()


def test_stale_and_replaced_in_browser(browser, built_samples, tmp_path):
    corpus = built_samples.result.corpus
    old = "n:玉溪市人民政府公告第49号"
    p22 = next(p for p in corpus.project_years if p.year == 2022 and p.no == 4)
    stale = [{"citing": p22.id, "work": old, "year": 2022, "reason": "replaced", "replaced_by": "玉政规〔2021〕4号"}]
    path = tmp_path / "stale.html"
    path.write_text(render_html(to_networkx(corpus, stale=stale)), encoding="utf-8")
    page = Opened(browser, path)
    try:
        page.click_node("project:" + p22.id)
        text = page.details()
        assert "stale" in text and "budget year 2022; replaced; replaced by 玉政规〔2021〕4号" in text
        page.click_node("work:" + old)
        text = page.details()
        assert "replaced" in text and "Replaced by\n玉政规〔2021〕4号" in text
        assert "基本医疗保险业务经办补助资金 (2022)" in text
        page.check_clean()
    finally:
        page.close()


def test_empty_graph_in_browser(browser, tmp_path):
    import networkx as nx

    path = tmp_path / "empty.html"
    path.write_text(render_html(nx.MultiDiGraph()), encoding="utf-8")
    page = Opened(browser, path)
    try:
        assert page.js("policykg.drawn()") == {"nodes": 0, "edges": 0}
        assert "Nothing to draw." in page.page.inner_text("#graph")
        page.check_clean()
    finally:
        page.close()


@pytest.mark.parametrize("kinds, title", [
    (["disclosure", "disclosure", "document"], "policykg graph: 2 disclosures and 1 other document"),
    (["document"] * 25, "policykg graph: 25 documents"),
    (["document"], "policykg graph: 1 document"),
    (["disclosure"], "policykg graph: 1 disclosure"),
])
def test_page_title_names_the_documents_that_are_not_disclosures(kinds, title):
    import networkx as nx

    from kg.html import page_title

    g = nx.MultiDiGraph()
    for i, k in enumerate(kinds):
        g.add_node(f"n{i}", kind=k)
    assert page_title(g) == title


# ------------------------------------------------------------------ graph.json in source blocks (rebuilds)


def _near_copy_corpus(tmp_path: Path) -> Path:
    """The samples plus a second text of the 2022 disclosure: its project-years are the same
    nodes (same bureau, year, name and number), which belong to neither text's block."""
    from kg.samples import SAMPLE_FILES

    c = tmp_path / "c"
    c.mkdir()
    for p in SAMPLE_FILES:
        shutil.copy(p, c / Path(p).name)
    second = next(Path(p) for p in SAMPLE_FILES if "2022" in Path(p).name)
    (c / "z-copy.txt").write_text(second.read_text(encoding="utf-8") + "\n本公开内容以最新版为准。\n", encoding="utf-8")
    return c


def test_graph_json_in_blocks_is_write_graph_json_byte_for_byte(tmp_path):
    from kg import build_model
    from kg.graphs import graph_blocks
    from kg.html import write_graph_json_blocks

    r = build_model([str(_near_copy_corpus(tmp_path))])
    g, blocks = graph_blocks(r.corpus, stale=r.stale)
    assert [sid for sid, _ in blocks] == [s.id for s in r.corpus.sources]
    shared = [n for n, d in g.nodes(data=True) if d["kind"] == "project_year" and
              len([v for v, k in g[n].items() if any(e["kind"] == "part_of" for e in k.values())]) == 2]
    assert shared  # the near copy's project-years are shared with the original's
    write_graph_json(g, tmp_path / "a.json")
    spans, copied = write_graph_json_blocks(g, blocks, tmp_path / "b.json", keys={s: s for s, _ in blocks})
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes() and copied == 0
    # every block taken from the previous file: the same bytes again
    again, copied = write_graph_json_blocks(g, blocks, tmp_path / "c.json", keys={s: s for s, _ in blocks},
                                            previous=tmp_path / "b.json", spans=spans)
    assert copied == len(blocks) and again == spans
    assert (tmp_path / "c.json").read_bytes() == (tmp_path / "a.json").read_bytes()
    data = (tmp_path / "a.json").read_bytes()
    for sid, (_, noff, nlen, eoff, elen) in spans.items():  # a block is whole items
        for off, n in ((noff, nlen), (eoff, elen)):
            if n:
                json.loads(b"[" + data[off:off + n] + b"]")


def test_a_rebuild_copies_the_unchanged_sources_blocks_of_graph_json(tmp_path):
    from kg import build

    c = _near_copy_corpus(tmp_path)
    first = build([str(c)], tmp_path / "out")
    assert first.json_blocks_copied == 0
    with open(c / "z-copy.txt", "a", encoding="utf-8") as f:
        f.write("\n附：项目情况以预算批复为准。\n")
    again = build([str(c)], tmp_path / "out")
    assert again.json_blocks_copied == len(again.corpus.sources) - 1  # all but the changed text's
    full = build([str(c)], tmp_path / "full", use_cache=False)
    assert (tmp_path / "out" / "graph.json").read_bytes() == (tmp_path / "full" / "graph.json").read_bytes()
    assert (tmp_path / "out" / "graph.html").read_bytes() == (tmp_path / "full" / "graph.html").read_bytes()
    assert full.json_blocks_copied == 0
