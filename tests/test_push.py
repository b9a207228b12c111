"""``policykg push`` into a real Oxigraph server (``oxigraph serve``) started by the test."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections import Counter

import httpx
import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.cli_query import build_graphs

OTHER = "http://example.org/unrelated"
OTHER_TRIPLES = '<http://example.org/a> <http://example.org/p> "kept" .\n<http://example.org/b> <http://example.org/p> "too" .\n'
COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def oxigraph(tmp_path):
    """A read-write ``oxigraph serve`` on a fresh on-disk store; yields its base URL."""
    exe = shutil.which("oxigraph")
    if exe is None:
        pytest.fail("the `oxigraph` server (PyPI package oxigraph) is not installed")
    port = free_port()
    proc = subprocess.Popen([exe, "serve", "--location", str(tmp_path / "db"), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            httpx.get(url + "/query", params={"query": "ASK {}"}, timeout=5).raise_for_status()
            break
        except httpx.HTTPError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError("oxigraph serve did not start")
            time.sleep(0.1)
    yield url
    proc.terminate()
    proc.wait(10)


def graph_counts(url: str) -> dict[str, int]:
    r = httpx.post(url + "/query", content=COUNTS, headers={"Content-Type": "application/sparql-query",
                                                             "Accept": "application/sparql-results+json"}, timeout=30)
    r.raise_for_status()
    return {b["g"]["value"]: int(b["n"]["value"]) for b in r.json()["results"]["bindings"]}


def push(url: str, out) -> object:
    return CliRunner().invoke(cli, ["push", "--endpoint", url + "/store", str(out)])


def test_push_loads_one_graph_per_source_and_replaces_on_repush(oxigraph, built_samples):
    out = built_samples.out
    httpx.put(oxigraph + "/store", params={"graph": OTHER}, content=OTHER_TRIPLES.encode(),
              headers={"Content-Type": "application/n-triples"}, timeout=30).raise_for_status()

    r = push(oxigraph, out)
    assert r.exit_code == 0, r.output
    # what the build holds, graph by graph, counted from graph.nq itself
    want = Counter(line.rsplit("<", 1)[1].split(">", 1)[0] for line in (out / "graph.nq").open(encoding="utf-8") if line.strip())
    sources = [g for g in want if "/graph/source/" in g]
    assert len(sources) == 2  # the two sample disclosures
    got = graph_counts(oxigraph)
    assert got == {**want, OTHER: 2}
    assert f"pushed {len(build_graphs(out))} graphs ({sum(want.values())} triples)" in r.output

    # a stray triple in one of the build's graphs is gone after a re-push; nothing is duplicated
    corpus = "https://w3id.org/policykg/id/graph/corpus"
    httpx.post(oxigraph + "/store", params={"graph": corpus}, content=b'<http://example.org/x> <http://example.org/p> "stray" .\n',
               headers={"Content-Type": "application/n-triples"}, timeout=30).raise_for_status()
    assert graph_counts(oxigraph)[corpus] == want[corpus] + 1
    r = push(oxigraph, out)
    assert r.exit_code == 0, r.output
    assert graph_counts(oxigraph) == {**want, OTHER: 2}


def test_build_graphs_includes_empty_graphs(built_samples):
    graphs = build_graphs(built_samples.out)
    base = "https://w3id.org/policykg/id/graph/"
    assert {base + "corpus", base + "declared", base + "inferred", base + "run"} <= set(graphs)
    assert graphs[base + "corpus"] and graphs[base + "run"]


def test_push_errors_are_one_line(built_samples, tmp_path):
    r = CliRunner().invoke(cli, ["push", "--endpoint", f"http://127.0.0.1:{free_port()}/store", str(built_samples.out)])
    assert r.exit_code == 2 and r.output.startswith("policykg: error: http://127.0.0.1:")
    assert "Traceback" not in r.output
    r = CliRunner().invoke(cli, ["push", "--endpoint", "http://127.0.0.1:1/store", str(tmp_path)])
    assert r.exit_code == 2 and "run `policykg build` first" in r.output


def test_push_to_a_read_only_endpoint_is_refused(built_samples):
    """policykg's own endpoint refuses Graph Store writes unless --writable: push reports the 403."""
    from test_endpoint import Server

    s = Server(built_samples.out)
    try:
        r = push(s.url, built_samples.out)
    finally:
        s.stop()
    assert r.exit_code == 2
    assert "answered 403: this endpoint is read-only" in r.output
