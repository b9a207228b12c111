"""`policykg build` on the sample corpus: every output parses, quotes are exact,
builds are deterministic, the graph conforms to the shapes, the exports agree."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import build, to_networkx, write_gexf, write_graphml
from kg.cli import cli
from kg.samples import SAMPLES_DIR

RUN_GRAPH = "<https://w3id.org/policykg/id/graph/run>"


def _without_run(nq: Path) -> list[str]:
    return [line for line in nq.read_text(encoding="utf-8").splitlines() if not line.endswith(RUN_GRAPH + " .")]


def test_outputs_are_all_there(built_samples):
    names = {p.name for p in built_samples.out.iterdir()}
    assert {"graph.trig", "graph.nq", "graph.ttl", "citations.csv", "store", "summary.json", "README.md",
            "graph.html", "changes.json", "changes.md"} <= names
    assert not list(built_samples.out.parent.glob(".output.tmp-*")), "a temporary directory was left behind"


@pytest.mark.parametrize("name, rdflib_format, ox_format", [
    ("graph.trig", "trig", "TRIG"), ("graph.nq", "nquads", "N_QUADS"), ("graph.ttl", "turtle", "TURTLE")])
def test_rdflib_and_pyoxigraph_parse_every_rdf_output(built_samples, name, rdflib_format, ox_format):
    import pyoxigraph as ox
    import rdflib

    path = built_samples.out / name
    ox_count = sum(1 for _ in ox.parse(path=str(path), format=getattr(ox.RdfFormat, ox_format)))
    if rdflib_format == "turtle":
        g = rdflib.Graph().parse(path, format="turtle")
        rdflib_count = len(g)
    else:
        ds = rdflib.Dataset().parse(path, format=rdflib_format)
        rdflib_count = sum(len(ctx) for ctx in ds.graphs() if len(ctx))
    assert ox_count == rdflib_count > 1000
    if name == "graph.nq":
        assert ox_count == built_samples.result.quads


def test_trig_and_nquads_hold_the_same_quads(built_samples):
    import pyoxigraph as ox

    def quads(name, fmt):
        return {str(q) for q in ox.parse(path=str(built_samples.out / name), format=fmt)}

    assert quads("graph.trig", ox.RdfFormat.TRIG) == quads("graph.nq", ox.RdfFormat.N_QUADS)


def test_the_union_has_every_triple_once(built_samples):
    import pyoxigraph as ox

    union = {str(t) for t in ox.parse(path=str(built_samples.out / "graph.ttl"), format=ox.RdfFormat.TURTLE)}
    quads = {str(q.triple) for q in ox.parse(path=str(built_samples.out / "graph.nq"), format=ox.RdfFormat.N_QUADS)}
    assert union == quads


def test_one_named_graph_per_source_plus_the_corpus_level_graphs(built_samples):
    rows = built_samples.store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    graphs = sorted(r["g"].value.rsplit("/graph/", 1)[1] for r in rows)
    ids = sorted(f"source/{s.id}" for s in built_samples.result.corpus.sources)
    assert len(ids) == 2
    assert [g for g in graphs if g.startswith("source/")] == ids
    assert {g for g in graphs if not g.startswith("source/")} <= {"corpus", "declared", "inferred", "run"}
    assert {"corpus", "inferred", "run"} <= set(graphs)


def test_every_citation_quote_equals_the_source_at_its_offsets(built_samples):
    """Through SPARQL: citation → target → source file name, selector offsets, exact quote."""
    q = """
    PREFIX oa: <http://www.w3.org/ns/oa#>
    PREFIX cito: <http://purl.org/spar/cito/>
    PREFIX dcterms: <http://purl.org/dc/terms/>
    SELECT DISTINCT ?c ?file ?start ?end ?exact ?prefix ?suffix WHERE {
      ?c a cito:Citation ; oa:hasTarget ?t .
      ?t oa:hasSource ?doc ; oa:hasSelector ?pos, ?quote .
      ?doc dcterms:source ?file .
      ?pos a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
      ?quote a oa:TextQuoteSelector ; oa:exact ?exact ; oa:prefix ?prefix ; oa:suffix ?suffix .
    }"""
    rows = list(built_samples.store.query(q, use_default_graph_as_union=True))
    assert len(rows) == len(built_samples.result.corpus.citations) == 44
    texts = {p.name: p.read_text(encoding="utf-8") for p in SAMPLES_DIR.glob("*.txt")}
    for r in rows:
        text = texts[r["file"].value]
        start, end = int(r["start"].value), int(r["end"].value)
        assert text[start:end] == r["exact"].value
        assert text[:start].endswith(r["prefix"].value)
        assert text[end:].startswith(r["suffix"].value)
    # The 2021 sample's bare article 第七十 ⏎ 八条 keeps its line break in the quote.
    assert any("\n" in r["exact"].value for r in rows)


def test_building_twice_gives_identical_rdf_apart_from_the_run(tmp_path):
    a = build(out_dir=tmp_path / "a", use_cache=False, html=False, store=False)
    b = build(out_dir=tmp_path / "b", use_cache=True, cache_dir=tmp_path / "cache", html=False, store=False)
    assert a.quads == b.quads
    assert _without_run(tmp_path / "a" / "graph.nq") == _without_run(tmp_path / "b" / "graph.nq")
    assert (tmp_path / "a" / "citations.csv").read_bytes() == (tmp_path / "b" / "citations.csv").read_bytes()
    # … and the run graph does differ in what it is about: the run itself.
    run_a = [line for line in (tmp_path / "a" / "graph.nq").read_text(encoding="utf-8").splitlines() if line.endswith(RUN_GRAPH + " .")]
    assert any("prov#Activity" in line for line in run_a)


def test_the_base_iri_is_configurable_and_iris_are_ascii(tmp_path):
    build(out_dir=tmp_path / "o", base="http://example.org/kg/", use_cache=False, html=False, store=False)
    import pyoxigraph as ox

    iris = {t.value for q in ox.parse(path=str(tmp_path / "o" / "graph.nq"), format=ox.RdfFormat.N_QUADS)
            for t in (q.subject, q.predicate, q.object, q.graph_name) if isinstance(t, ox.NamedNode)}
    ours = {i for i in iris if i.startswith("http://example.org/kg/")}
    assert ours and not any(i.startswith("https://w3id.org/policykg/id/") for i in iris)
    assert all(i.isascii() for i in iris)


def test_citations_csv(built_samples):
    with open(built_samples.out / "citations.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["source", "project", "year", "section", "kind", "number", "title", "law", "article",
                             "start", "end", "quote"]
    assert len(rows) == 44
    texts = {p.name: p.read_text(encoding="utf-8") for p in SAMPLES_DIR.glob("*.txt")}
    assert all(texts[r["source"]][int(r["start"]):int(r["end"])] == r["quote"] for r in rows)
    row = next(r for r in rows if r["number"] == "玉政规〔2021〕4号" and r["kind"] == "document_number")
    assert (row["project"], row["year"], row["section"]) == ("基本医疗保险业务经办补助资金", "2022", "立项依据")
    arts = sorted((r["year"], r["law"], r["article"]) for r in rows if r["kind"] == "article")
    assert ("2021", "中华人民共和国保险法", "78") in arts


def test_summary_json(built_samples):
    s = json.loads((built_samples.out / "summary.json").read_text(encoding="utf-8"))
    assert {k: s[k] for k in ("documents", "disclosures", "projects", "series", "mentions", "skipped")} == {
        "documents": 2, "disclosures": 2, "projects": 9, "series": 6, "mentions": 44, "skipped": 0}


def test_the_graph_conforms_to_the_shapes(built_samples):
    result = CliRunner().invoke(cli, ["validate", str(built_samples.out)])
    assert result.exit_code == 0, result.output
    assert "Conforms: True" in result.output


def test_validate_reports_violations(built_samples, tmp_path):
    """A graph that breaks a shape (a citation without its target) fails validation."""
    bad = tmp_path / "bad"
    bad.mkdir()
    ttl = (built_samples.out / "graph.ttl").read_text(encoding="utf-8")
    lines = [line for line in ttl.splitlines() if "oa:hasTarget" not in line]
    (bad / "graph.ttl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(bad)])
    assert result.exit_code == 1
    assert "Conforms: False" in result.output


def test_validate_without_a_build_is_one_line(tmp_path):
    result = CliRunner().invoke(cli, ["validate", str(tmp_path / "nothing")])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "run `policykg build` first" in result.output


def test_networkx_view_and_gephi_exports(built_samples, tmp_path):
    import networkx as nx

    corpus = built_samples.result.corpus
    g = to_networkx(corpus)
    kinds = {}
    for _, d in g.nodes(data=True):
        kinds[d["kind"]] = kinds.get(d["kind"], 0) + 1
    assert kinds["project_year"] == 9 and kinds["series"] == 6 and kinds["budget_year"] == 2
    assert kinds["disclosure"] == 2
    cites = [(u, v) for u, v, d in g.edges(data=True) if d["kind"] == "cites"]
    assert cites
    write_graphml(g, tmp_path / "g.graphml")
    write_gexf(g, tmp_path / "g.gexf")
    assert nx.read_graphml(tmp_path / "g.graphml").number_of_nodes() == g.number_of_nodes()
    assert nx.read_gexf(tmp_path / "g.gexf").number_of_nodes() == g.number_of_nodes()


def test_build_cli_prints_a_summary(tmp_path):
    out = tmp_path / "output"
    result = CliRunner().invoke(cli, ["build", "-o", str(out), "--no-cache", "-q"])
    assert result.exit_code == 0, result.output
    assert result.output == ""
    result = CliRunner().invoke(cli, ["build", "-o", str(out), "--no-html"])
    assert result.exit_code == 0, result.output
    assert re.search(r"built 2 documents \(2 disclosures\): 9 project-years in 6 series, 44 mentions of \d+ works", result.output)
    assert (out / "graph.trig").is_file()


def test_cli_start_up_does_not_import_networkx():
    """networkx is a third of the CLI's import time: only the commands that draw graphs load it."""
    import subprocess
    import sys

    code = "import sys, kg, kg.cli; assert 'networkx' not in sys.modules; from kg import to_networkx; print(to_networkx.__module__)"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=Path(__file__).parents[1])
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "kg.graphs"


@pytest.mark.parametrize("long, short", [
    ("中华人民共和国国务院令第253号", "国务院令第253号"),
    ("中华人民共和国财政部令第10号", "财政部令第10号"),
    ("中华人民共和国海关总署公告2019年第39号", "海关总署公告2019年第39号"),
    ("国务院第588号令", "国务院令第588号"),  # the inverted form of an order
    ("建设部〔2007〕第162号令", "建设部令第162号"),  # … with the year of its order
    ("国家税务总局2019年第12号公告", "国家税务总局公告2019年第12号"),  # … and of an announcement
])
def test_a_number_with_and_without_the_country_prefix_is_one_work(tmp_path, long, short):
    from kg import build_model

    (tmp_path / "a.txt").write_text(f"关于执行的通知\n根据《某某管理规定》（{short}）执行。\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"关于落实的通知\n依据{long}的规定，落实《某某管理规定》。\n", encoding="utf-8")
    corpus = build_model([str(tmp_path)]).corpus
    numbered = [w for w in corpus.works.values() if w.number]
    assert [w.number for w in numbered] == [short]
    # the title (paired in a.txt) and both spellings of the number: three mentions, one work
    assert sorted(c.exact for c in corpus.citations if c.work == numbered[0].key) == sorted(
        [long, short, "《某某管理规定》", "《某某管理规定》"])


def _works(tmp_path, texts: dict[str, str]):
    from kg import build_model

    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    corpus = build_model([str(tmp_path)]).corpus
    return {w.key: w for w in corpus.works.values()}, corpus


def test_a_notice_cited_with_its_issuer_before_the_brackets_is_the_notice_of_the_full_title(tmp_path):
    title = "关于印发降低实体经济企业成本工作方案的通知"
    works, corpus = _works(tmp_path, {
        "a.txt": f"关于执行的通知\n根据《国务院{title}》（国发〔2016〕48号）执行。\n",
        "b.txt": f"关于落实的通知\n按照国务院《{title}》要求落实。\n",
        # no full title 省政府关于… anywhere: the title as written, a work of its own
        "c.txt": "关于贯彻的通知\n按照省政府《关于加强预算管理的通知》要求贯彻。\n",
    })
    by_exact = {c.exact: works[c.work] for c in corpus.citations}
    assert by_exact[f"《{title}》"].number == "国发〔2016〕48号"
    assert by_exact["《关于加强预算管理的通知》"].key == "t:关于加强预算管理的通知"


def test_a_law_is_labelled_with_its_official_title(tmp_path):
    works, corpus = _works(tmp_path, {
        "a.txt": "关于执行的通知\n依据《预算法》第十条、《预算法》第十一条执行。\n",
        "b.txt": "关于落实的通知\n依据《中华人民共和国预算法》第十条落实。\n",
    })
    (law,) = {works[c.work].key for c in corpus.citations}
    assert works[law].title == "中华人民共和国预算法"


def test_joint_issuers_written_with_spaces_or_with_a_comma_name_one_work(tmp_path):
    from kg import build_model

    (tmp_path / "a.txt").write_text("依据《关于深化增值税改革有关政策的公告》（财政部 税务总局 海关总署公告2019年第39号）执行。\n",
                                    encoding="utf-8")
    (tmp_path / "b.txt").write_text("按照财政部、税务总局、海关总署公告2019年第39号的规定执行。\n", encoding="utf-8")
    r = build_model([str(tmp_path)])
    numbered = {c.exact: c.work for c in r.corpus.citations if c.kind == "document_number"}
    assert set(numbered.values()) == {"n:财政部税务总局海关总署公告2019年第39号"}, numbered
    assert len(numbered) == 2
