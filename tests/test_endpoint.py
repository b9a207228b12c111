"""``policykg serve``: a real server process on a free loopback port, queried with httpx."""

from __future__ import annotations

import csv
import io
import re
import shutil
import socket
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import httpx
import pytest

from kg.query import run
from test_html import browser  # noqa: F401 - the shared headless-Chromium fixture

YEARS = "SELECT ?y WHERE { ?d a pkg:BudgetDisclosure ; pkg:budgetYear ?y } ORDER BY ?y"
# 1,257 quads ^ 4: far more than any timeout allows; the COUNT keeps the result one row
PATHOLOGICAL = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
TIMEOUT = 2.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``python -m kg.cli serve`` in a subprocess, stopped by pid."""

    def __init__(self, graph_dir: Path, *args: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = graph_dir.parent / f"serve-{self.port}.log"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kg.cli", "serve", str(graph_dir), "--port", str(self.port), *args],
            stdout=subprocess.DEVNULL, stderr=self.log.open("w"))
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(self.url + "/sparql", params={"query": "ASK {}"}, timeout=5).raise_for_status()
                return
            except httpx.HTTPError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"server did not start: {self.log.read_text()}")
                time.sleep(0.1)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture(scope="module")
def server(built_samples):
    s = Server(built_samples.out, "--timeout", str(TIMEOUT), "--max-rows", "100")
    yield s
    s.stop()


def sparql(server, query: str, accept: str | None = None, method: str = "GET", **kw) -> httpx.Response:
    headers = {"Accept": accept} if accept else {}
    if method == "GET":
        return httpx.get(server.url + "/sparql", params={"query": query}, headers=headers, timeout=30, **kw)
    return httpx.post(server.url + "/sparql", content=query.encode("utf-8"),
                      headers={**headers, "Content-Type": "application/sparql-query"}, timeout=30, **kw)


# ------------------------------------------------------------------ results formats

def test_select_json(server):
    r = sparql(server, YEARS, "application/sparql-results+json")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/sparql-results+json")
    assert r.json() == {"head": {"vars": ["y"]}, "results": {"bindings": [
        {"y": {"type": "literal", "value": str(y), "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}
        for y in (2021, 2022)]}}


def test_select_csv_by_post(server):
    r = sparql(server, YEARS, "text/csv", method="POST")
    assert r.headers["content-type"].startswith("text/csv")
    assert r.text == "y\r\n2021\r\n2022\r\n"


def test_select_tsv_by_form_post(server):
    r = httpx.post(server.url + "/sparql", data={"query": YEARS}, headers={"Accept": "text/tab-separated-values"}, timeout=30)
    assert r.headers["content-type"].startswith("text/tab-separated-values")
    assert r.text.splitlines() == ["?y", '"2021"^^<http://www.w3.org/2001/XMLSchema#integer>',
                                   '"2022"^^<http://www.w3.org/2001/XMLSchema#integer>']


def test_select_xml(server):
    r = sparql(server, YEARS, "application/sparql-results+xml")
    assert r.headers["content-type"].startswith("application/sparql-results+xml")
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    root = ET.fromstring(r.content)
    assert [b.text for b in root.findall("r:results/r:result/r:binding/r:literal", ns)] == ["2021", "2022"]


def test_accept_quality_and_format_parameter(server):
    r = sparql(server, YEARS, "application/sparql-results+xml;q=0.5, text/csv")
    assert r.headers["content-type"].startswith("text/csv")
    r = httpx.get(server.url + "/sparql", params={"query": YEARS, "format": "tsv"}, timeout=30)
    assert r.text.startswith("?y\n")


def test_named_query_rows_match_the_cli_engine(server, built_samples):
    from queries import load

    text = load("most_cited").text
    r = sparql(server, text, "text/csv", method="POST")
    got = list(csv.reader(io.StringIO(r.text)))
    want = run(load("most_cited"), built_samples.out)
    assert got[0] == want.vars
    assert got[1:] == [[str(v) for v in row.values()] for row in want.rows]


def test_named_query_text_with_its_header_runs_as_is(server):
    from queries import load

    text = load("who_cites").text.replace("WHERE {", 'WHERE {\n  VALUES ?number { "玉政规〔2021〕4号" }', 1)
    r = sparql(server, text, "text/csv", method="POST")
    assert r.status_code == 200, r.text
    assert [row[-3:-1] for row in csv.reader(io.StringIO(r.text))][1:] == [["4437", "4456"], ["4457", "4468"]]


def test_ask(server):
    r = sparql(server, 'ASK { ?w eli:id_local "玉政规〔2021〕4号" }', "application/sparql-results+json")
    assert r.json() == {"head": {}, "boolean": True}
    r = sparql(server, 'ASK { ?w eli:id_local "玉政规〔2099〕4号" }', "application/sparql-results+json")
    assert r.json()["boolean"] is False


def test_construct(server):
    import pyoxigraph as ox

    q = "CONSTRUCT { ?d pkg:budgetYear ?y } WHERE { ?d a pkg:BudgetDisclosure ; pkg:budgetYear ?y }"
    r = sparql(server, q, "text/turtle")
    assert r.headers["content-type"].startswith("text/turtle")
    triples = list(ox.parse(r.content, format=ox.RdfFormat.TURTLE))
    assert sorted(int(t.object.value) for t in triples) == [2021, 2022]
    r = sparql(server, q, "application/n-triples")
    assert r.text.count(" .\n") == 2


def test_syntax_error_is_a_400_with_position(server):
    r = sparql(server, "SELECT * WHERE { ?s ?p }")
    assert r.status_code == 400 and "error at 1:" in r.text


# ------------------------------------------------------------------ read-only, limits

def test_update_is_refused(server, built_samples):
    r = httpx.post(server.url + "/sparql", data={"update": "DROP ALL"}, timeout=30)
    assert r.status_code == 403 and "read-only" in r.text
    r = httpx.post(server.url + "/sparql", content=b"CLEAR ALL", headers={"Content-Type": "application/sparql-update"}, timeout=30)
    assert r.status_code == 403
    r = httpx.put(server.url + "/store", params={"graph": "http://example.org/g"}, content=b"",
                  headers={"Content-Type": "application/n-triples"}, timeout=30)
    assert r.status_code == 403
    r = httpx.delete(server.url + "/store", params={"graph": "https://w3id.org/policykg/id/graph/corpus"}, timeout=30)
    assert r.status_code == 403
    r = sparql(server, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "text/csv")
    assert r.text.split() == ["n", str(sum(1 for _ in (built_samples.out / "graph.nq").open(encoding="utf-8")))]


def test_graph_store_read(server):
    import pyoxigraph as ox

    r = httpx.get(server.url + "/store", params={"graph": "https://w3id.org/policykg/id/graph/run"},
                  headers={"Accept": "application/n-triples"}, timeout=30)
    assert r.status_code == 200
    assert any(t.predicate.value == "http://www.w3.org/ns/prov#startedAtTime"
               for t in ox.parse(r.content, format=ox.RdfFormat.N_TRIPLES))
    assert httpx.get(server.url + "/store", params={"graph": "http://example.org/none"}, timeout=30).status_code == 404


def test_pathological_query_times_out_and_the_server_recovers(server):
    t0 = time.monotonic()
    r = sparql(server, PATHOLOGICAL, method="POST")
    elapsed = time.monotonic() - t0
    assert r.status_code == 503 and "timed out" in r.text
    assert TIMEOUT <= elapsed < TIMEOUT + 10
    assert sparql(server, YEARS, "text/csv").text == "y\r\n2021\r\n2022\r\n"  # a fresh worker answers


def test_result_size_limit(server):
    r = sparql(server, "SELECT * WHERE { ?s ?p ?o }")
    assert r.status_code == 400 and "more than 100 rows" in r.text
    assert sparql(server, "SELECT * WHERE { ?s ?p ?o } LIMIT 100").status_code == 200


# ------------------------------------------------------------------ browser side

def test_cors(server):
    r = sparql(server, YEARS)
    assert r.headers["access-control-allow-origin"] == "*"
    r = httpx.options(server.url + "/sparql", headers={
        "Origin": "https://yasgui.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"}, timeout=30)
    assert r.status_code == 204
    assert r.headers["access-control-allow-origin"] == "*"
    assert "POST" in r.headers["access-control-allow-methods"]
    assert "content-type" in r.headers["access-control-allow-headers"].lower()


def test_query_page_is_self_contained(server):
    from queries import names

    r = httpx.get(server.url + "/", timeout=30)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = r.text
    assert "<textarea" in page and "fetch('/sparql'" in page
    for n in names():
        assert f'"name": "{n}"' in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page) and "@import" not in page


def test_query_page_runs_a_named_query_in_a_browser(server, browser):
    """The page loads nothing from elsewhere and runs who_cites with its example bound."""
    page = browser.new_context().new_page()
    foreign, errors = [], []
    page.on("request", lambda r: None if r.url.startswith(server.url) else foreign.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server.url + "/")
    page.select_option("#examples", "who_cites")
    assert 'VALUES (?number) { ("云医保〔2019〕45号") }' in page.input_value("#q")
    page.click("#run")
    page.wait_for_selector("#out table")
    assert page.locator("#out table tr").count() == 5  # header + the four mentions of 云医保〔2019〕45号
    assert page.text_content("#status").startswith("4 rows")
    assert "欺诈骗保举报奖励金补助资金" in page.text_content("#out table")
    assert foreign == [] and errors == []


def test_graph_page_and_unknown_paths(server, built_samples):
    r = httpx.get(server.url + "/graph.html", timeout=30)
    if (built_samples.out / "graph.html").is_file():
        assert r.status_code == 200 and r.content == (built_samples.out / "graph.html").read_bytes()
    else:
        assert r.status_code == 404
    assert httpx.get(server.url + "/nothing", timeout=30).status_code == 404


def test_requests_are_logged(server):
    sparql(server, YEARS, "text/csv")
    httpx.post(server.url + "/sparql", data={"update": "DROP ALL"}, timeout=30)
    time.sleep(0.2)
    log = server.log.read_text()
    assert "127.0.0.1 GET /sparql 200 select 2 rows" in log
    assert "127.0.0.1 POST /sparql 403 this endpoint is read-only" in log


def test_binds_loopback_by_default(server):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.connect(("10.255.255.255", 1))  # no packet is sent: this only picks the outward interface
        address = s.getsockname()[0]
    if address.startswith("127."):
        pytest.skip("no non-loopback interface")
    with pytest.raises(OSError):
        socket.create_connection((address, server.port), timeout=5).close()


# ------------------------------------------------------------------ writable

def test_writable_allows_update_and_graph_store(built_samples, tmp_path):
    out = tmp_path / "output"
    out.mkdir()
    shutil.copytree(built_samples.out / "store", out / "store")
    shutil.copy(built_samples.out / "graph.nq", out / "graph.nq")
    s = Server(out, "--writable")
    try:
        r = httpx.post(s.url + "/sparql", data={"update": 'INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/a> <http://example.org/p> "x" } }'}, timeout=30)
        assert r.status_code == 204
        r = httpx.put(s.url + "/store", params={"graph": "http://example.org/h"},
                      content='<http://example.org/b> <http://example.org/p> "y" .\n'.encode(),
                      headers={"Content-Type": "application/n-triples"}, timeout=30)
        assert r.status_code == 204
        r = sparql(s, "SELECT ?o WHERE { GRAPH ?g { ?s <http://example.org/p> ?o } } ORDER BY ?o", "text/csv")
        assert r.text == "o\r\nx\r\ny\r\n"
    finally:
        s.stop()
