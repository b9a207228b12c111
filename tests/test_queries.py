"""Named queries on the sample corpus: expected rows, both engines, binding, formats, CLI.

The expected rows were computed, then checked by hand against the sample texts
in kg/samples/ and tests/fixtures/seeds-gold.json (which project cites what in
which section, which works carry numbers, issuers and dates)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.query import QueryError, QueryResult, Term, bind_params, run, to_csv, to_json, to_tsv, to_xml, write
from kg.samples import SAMPLES_DIR
from queries import QUERIES_DIR, NamedQuery, Param, load, names, parse

GOLD = json.loads((Path(__file__).parent / "fixtures" / "seeds-gold.json").read_text(encoding="utf-8"))
F21, F22 = "chengjiang-healthcare-security-2021.txt", "chengjiang-healthcare-security-2022.txt"
TEXT = {f: (SAMPLES_DIR / f).read_text(encoding="utf-8") for f in (F21, F22)}
MINE = ["citation_lag", "cited_articles", "curation_queue", "edge_provenance", "issuer_levels",
        "legal_basis", "most_cited", "who_cites"]

# the works of the samples, by label (their number, else their title)
BXF = "中华人民共和国保险法"
SBXF = "中华人民共和国社会保险法"
TIAOLI = "医疗保障基金使用监督管理条例"
XIZE = "云南省欺诈骗取医疗保障基金行为举报奖励实施细则（试行）"
JIYAO = "关于研究玉溪市城乡居民基本医疗保险财政补助会议纪要"
N128, N44, N48, N38 = "云医保〔2019〕128号", "玉医保发〔2019〕44号", "玉民发〔2019〕48号", "澄政办发〔2020〕38号"
N107, N14, N45 = "云医保〔2020〕107号", "玉政办发〔2019〕14号", "云医保〔2019〕45号"
N49, N4 = "玉溪市人民政府公告第49号", "玉政规〔2021〕4号"


def rows(name: str, built, engine: str = "oxigraph", **params) -> list[tuple]:
    res = run(load(name), built.out, {k: str(v) for k, v in params.items()}, engine=engine)
    return [tuple(r.values()) for r in res.rows]


def example_params(q: NamedQuery, optional: bool = True) -> dict[str, str]:
    return {p.name: p.example for p in q.params if p.required or optional}


# ------------------------------------------------------------------ headers

def test_every_query_file_has_a_complete_header():
    assert names() == sorted(p.stem for p in QUERIES_DIR.glob("*.rq"))
    assert set(MINE) <= set(names())
    for n in names():
        q = load(n)
        assert q.name == n and q.title and q.title != n, n
        assert len(q.description) > 30, n
        assert "SELECT" in q.text or "ASK" in q.text or "CONSTRUCT" in q.text, n
        for p in q.params:
            assert p.example and p.description, (n, p.name)
            assert re.search(rf"\?{p.name}\b", q.text), (n, p.name)


def test_header_parsing():
    q = parse(
        "# title: Demo\n"
        "# answers: first line\n"
        "#   continued here\n"
        "# param: $number — a canonical number, e.g. 云医保〔2019〕45号\n"
        "# param: $year (integer, optional) -- a budget year, e.g. 2021\n"
        "# param: $work (iri) — the work, e.g. https://w3id.org/policykg/id/work/x\n"
        "# an ordinary comment\n"
        "SELECT ?number ?year ?work WHERE {}\n"
        "# title: not a header line any more\n",
        name="demo",
    )
    assert (q.name, q.title, q.description) == ("demo", "Demo", "first line continued here")
    assert q.params == [
        Param("number", "云医保〔2019〕45号", "a canonical number"),
        Param("year", "2021", "a budget year", "integer", False),
        Param("work", "https://w3id.org/policykg/id/work/x", "the work", "iri", True),
    ]
    with pytest.raises(ValueError, match="bad param"):
        parse("# param: number without dollar\nSELECT * {}")
    with pytest.raises(ValueError, match="bad options"):
        parse("# param: $n (float) — x, e.g. 1\nSELECT * {}")


def test_load_by_path_and_unknown_name(tmp_path):
    f = tmp_path / "mine.rq"
    f.write_text("# title: Mine\nSELECT * WHERE { ?s ?p ?o } LIMIT 1\n", encoding="utf-8")
    assert load(f).title == "Mine" and load(str(f)).name == "mine"
    with pytest.raises(KeyError, match="no named query"):
        load("no_such_query")


# ------------------------------------------------------------------ both engines

@pytest.mark.parametrize("name", names())
def test_both_engines_give_the_same_rows(name, built_samples):
    q = load(name)
    for params in (example_params(q), example_params(q, optional=False)):
        ox = run(q, built_samples.out, params, engine="oxigraph")
        rl = run(q, built_samples.out, params, engine="rdflib")
        assert ox.vars == rl.vars
        assert ox.rows == rl.rows, name


# ------------------------------------------------------------------ expected rows

def test_legal_basis(built_samples):
    got = rows("legal_basis", built_samples)
    assert {r[1] for r in got} == {"澄江市医疗保障局"}
    assert [(y, no, w) for y, _, no, _, w, _ in got] == [
        (2021, 1, N128), (2021, 1, N38), (2021, 1, N44), (2021, 1, N48),
        (2021, 2, BXF),
        (2021, 3, SBXF), (2021, 3, N107), (2021, 3, N49),  # 玉政办发〔2019〕14号 is cited in 项目实施内容, not 立项依据
        (2021, 4, N45), (2021, 4, XIZE),
        (2021, 5, N49),
        (2022, 1, BXF), (2022, 1, TIAOLI),
        (2022, 2, N45), (2022, 2, XIZE),
        (2022, 3, None),  # 医保政策知识宣传: no legal basis cited
        (2022, 4, N4),
    ]
    got = rows("legal_basis", built_samples, year=2022)
    assert [(r[0], r[2]) for r in got] == [(2022, 1), (2022, 1), (2022, 2), (2022, 2), (2022, 3), (2022, 4)]
    assert got[-1] == (2022, "澄江市医疗保障局", 4, "基本医疗保险业务经办补助资金", N4, "玉溪市城乡居民医疗保险管理实施办法")
    # every work is one the gold file lists for that project
    gold = {(d["year"], p["no"]): set(p["doc_numbers"]) | set(p["titles"]) for d in GOLD["documents"] for p in d["projects"]}
    for y, _, no, _, w, title in rows("legal_basis", built_samples):
        if w is not None:
            assert w in gold[(y, no)] or title.replace("_", "") in gold[(y, no)], (y, no, w)


def test_most_cited(built_samples):
    assert rows("most_cited", built_samples) == [
        # work, projects (series), project-years, years, documents, mentions
        (BXF, 1, 2, 2, 2, 8),   # title + 第七十七、七十八、七十九条, in both years
        (N45, 1, 2, 2, 2, 4),
        (XIZE, 1, 2, 2, 2, 2),
        (N49, 2, 2, 1, 1, 8),   # 2021 项目3 (three sections) and 项目5
        (N107, 1, 1, 1, 1, 4),
        (N14, 1, 1, 1, 1, 4),
        (N128, 1, 1, 1, 1, 2),
        (TIAOLI, 1, 1, 1, 1, 2),
        (N38, 1, 1, 1, 1, 2),
        (N44, 1, 1, 1, 1, 2),
        (N4, 1, 1, 1, 1, 2),
        (N48, 1, 1, 1, 1, 2),
        (SBXF, 1, 1, 1, 1, 1),
        (JIYAO, 1, 1, 1, 1, 1),
    ]


# Two texts that are not budget disclosures: a county notice citing a provincial one and
# the 社会保险法 by article, and a city rule citing the same law.  Their citations belong
# to the documents themselves (no project, no budget year).
NOTICE = ("关于做好城乡居民医疗保险工作的通知\n"
          "各乡镇人民政府：\n"
          "根据《云南省医疗保障局关于做好2021年城乡居民基本医疗保障工作的通知》（云医保〔2021〕62号）"
          "和《中华人民共和国社会保险法》第二十三条、第二十四条的规定，现将有关事项通知如下。\n")
RULE = ("玉溪市医疗保障基金监督管理办法\n"
        "玉政规〔2022〕1号\n"
        "第一条 为了加强医疗保障基金监督管理，根据《中华人民共和国社会保险法》，制定本办法。\n"
        "第二条 执行云医保〔2021〕62号的规定。\n"
        "第三条 本办法自2022年1月1日起施行，《玉溪市医疗保障基金监督暂行办法》同时废止。\n")


@pytest.fixture(scope="module")
def built_documents(tmp_path_factory) -> Path:
    from kg import build

    root = tmp_path_factory.mktemp("documents")
    (root / "corpus").mkdir()
    (root / "corpus" / "notice.txt").write_text(NOTICE, encoding="utf-8")
    (root / "corpus" / "rule.txt").write_text(RULE, encoding="utf-8")
    result = build([root / "corpus"], out_dir=root / "output", use_cache=False)
    assert result.documents == 2
    return root / "output"


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_queries_answer_for_documents_that_are_not_disclosures(built_documents, engine):
    def got(name: str, **params) -> list[tuple]:
        res = run(load(name), built_documents, params, engine=engine)
        return [tuple(r.values()) for r in res.rows]

    sbxf, n62 = "中华人民共和国社会保险法", "云医保〔2021〕62号"
    assert got("most_cited") == [
        # work, projects, project-years, years, documents, mentions
        (sbxf, 0, 0, 0, 2, 4),  # the title in both, 第二十三条 and 第二十四条 in the notice
        (n62, 0, 0, 0, 2, 3),   # the notice's title paired with its number, and the number twice
        ("玉政规〔2022〕1号", 0, 0, 0, 1, 1),  # the rule's own number
        ("玉溪市医疗保障基金监督暂行办法", 0, 0, 0, 1, 1),  # which the rule repeals
    ]
    title = "《云南省医疗保障局关于做好2021年城乡居民基本医疗保障工作的通知》"
    who = got("who_cites", number=n62)
    assert who == [
        (n62, None, None, None, None, title, 29, 63, "notice.txt"),
        (n62, None, None, None, None, n62, 64, 76, "notice.txt"),
        (n62, None, None, None, None, n62, 77, 89, "rule.txt"),
    ]
    articles = got("cited_articles")
    assert articles == [
        (sbxf, "23", None, None, "第二十三条", 92, 97, "title", "notice.txt"),
        (sbxf, "24", None, None, "第二十四条", 98, 103, "chain", "notice.txt"),
    ]
    text = {"notice.txt": NOTICE, "rule.txt": RULE}
    assert all(text[r[8]][r[6]:r[7]] == r[5] for r in who)
    assert all(text[r[8]][r[5]:r[6]] == r[4] for r in articles)


def test_who_cites(built_samples):
    got = rows("who_cites", built_samples, number=N45)
    title21 = "《云南省医疗保障局 云南省财政厅关于印发<云南\n\n省欺诈骗取医疗保障基金行为举报奖励实施细则（试行）>\n\n的通知》"
    title22 = "《云南省医疗保障局 云南省财政厅关于印发<云南省欺诈骗取医疗保障基金行为举报奖励实施细则（试行）>的通知》"
    name = "欺诈骗保举报奖励金补助资金"
    assert got == [
        (N45, 2021, 4, name, "立项依据", title21, 4471, 4528, F21),
        (N45, 2021, 4, name, "立项依据", N45, 4529, 4541, F21),
        (N45, 2022, 2, name, "立项依据", title22, 1949, 2002, F22),
        (N45, 2022, 2, name, "立项依据", N45, 2003, 2015, F22),
    ]
    sections = [(r[1], r[2], r[4]) for r in rows("who_cites", built_samples, number=N49) if r[5] != "x"]
    assert sections == [(2021, 3, "立项依据")] * 2 + [(2021, 3, "项目实施内容")] * 2 + [(2021, 3, "资金安排情况")] * 2 \
        + [(2021, 5, "立项依据")] * 2
    assert rows("who_cites", built_samples, number="云医保〔2019〕46号") == []


def test_cited_articles(built_samples):
    assert rows("cited_articles", built_samples) == [
        (BXF, "77", 2021, 2, "第七十七条", 1658, 1663, "title", F21),
        (BXF, "78", 2021, 2, "第七十\n\n八条", 1776, 1783, "chain", F21),  # a bare 第七十八条 continues the chain
        (BXF, "79", 2021, 2, "第七十九条", 1827, 1832, "chain", F21),
        (TIAOLI, "5", 2022, 1, "第五条", 217, 220, "title", F22),
        (BXF, "77", 2022, 1, "第七十七条", 335, 340, "title", F22),
        (BXF, "78", 2022, 1, "第七十八条", 445, 450, "chain", F22),
        (BXF, "79", 2022, 1, "第七十九条", 492, 497, "chain", F22),
    ]
    assert [r[1] for r in rows("cited_articles", built_samples, law=TIAOLI)] == ["5"]


@pytest.mark.parametrize("name,params", [("who_cites", {"number": N49}), ("cited_articles", {})])
def test_quotes_and_offsets_are_the_source_text(name, built_samples, params):
    res = run(load(name), built_samples.out, params)
    assert res.rows
    for r in res.rows:
        assert TEXT[r["source"]][r["start"]:r["end"]] == r["exact"]


def test_issuer_levels(built_samples):
    assert rows("issuer_levels", built_samples) == [
        (2021, "county", 1, 2),       # 澄政办发〔2020〕38号
        (2021, "prefecture", 4, 16),  # 44号, 48号, 14号, 公告第49号
        (2021, "provincial", 3, 8),   # 128号, 107号, 45号
        (2021, "unknown", 4, 7),      # the two laws, the 会议纪要 and the promulgated 细则
        (2022, "prefecture", 1, 2),   # 玉政规〔2021〕4号
        (2022, "provincial", 1, 2),   # 45号
        (2022, "unknown", 3, 7),      # 保险法, 条例, 细则
    ]


def test_edge_provenance(built_samples):
    got = run(load("edge_provenance"), built_samples.out, {"work": N4}).rows
    sha = hashlib.sha256((SAMPLES_DIR / F22).read_bytes()).hexdigest()
    assert [(r["work"], r["year"], r["project"], r["relation"], r["source"], r["sha256"], r["section"], r["matchedBy"],
             r["start"], r["end"]) for r in got] == [
        (N4, 2022, 4, "http://purl.org/spar/cito/citesAsAuthority", F22, sha, "立项依据", "title+number", 4437, 4456),
        (N4, 2022, 4, "http://purl.org/spar/cito/citesAsAuthority", F22, sha, "立项依据", "title+number", 4457, 4468),
    ]
    runs = run("SELECT ?run ?t WHERE { GRAPH ?g { ?run a prov:Activity ; prov:startedAtTime ?t } }", built_samples.out).rows
    assert len(runs) == 1
    for r in got:
        assert r["graph"].startswith("https://w3id.org/policykg/id/graph/source/")
        assert (r["run"], r["time"]) == (runs[0]["run"], runs[0]["t"].replace("+00:00", "Z"))
    started = datetime.fromisoformat(got[0]["time"].replace("Z", "+00:00"))
    assert abs((datetime.now(timezone.utc) - started).total_seconds()) < 3600
    # by title, by article label, and narrowed by year
    assert len(run(load("edge_provenance"), built_samples.out, {"work": "玉溪市城乡居民基本医疗保险实施办法"}).rows) == 8
    assert [r["start"] for r in run(load("edge_provenance"), built_samples.out,
                                    {"work": "中华人民共和国保险法第78条", "year": "2022"}).rows] == [445]


def test_curation_queue(built_samples):
    lacking = "number, issuer, entry into force"
    assert rows("curation_queue", built_samples) == [
        (BXF, lacking, 8),
        (N45, "entry into force", 4),
        (N107, "entry into force", 4),
        (N14, "entry into force", 4),
        (N128, "entry into force", 2),
        (XIZE, lacking, 2),
        (TIAOLI, lacking, 2),
        (N38, "entry into force", 2),
        (N44, "entry into force", 2),
        (N48, "entry into force", 2),
        (SBXF, lacking, 1),
        (JIYAO, lacking, 1),
    ]  # 公告第49号 and 玉政规〔2021〕4号 state their dates (seeds-gold effective_dates): complete


def test_citation_lag(built_samples):
    assert rows("citation_lag", built_samples) == [
        (N4, "2022-01-01", 2022, 0),
        (N49, "2017-01-01", 2021, 4),
    ]
    dates = {f["number"]: f["in_force"] for f in GOLD["facts"]["effective_dates"]}
    assert {w: d for w, d, _, _ in rows("citation_lag", built_samples)} == dates


# ------------------------------------------------------------------ binding

INJECTION = '"} ; DROP ALL ; {"'


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_parameters_are_bound_as_terms_not_text(engine, built_samples):
    before = run("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", built_samples.out, engine=engine).rows
    assert run(load("who_cites"), built_samples.out, {"number": INJECTION}, engine=engine).rows == []
    res = run("SELECT ?v WHERE { }", built_samples.out, {"v": INJECTION}, engine=engine)
    assert res.terms == [(Term("literal", INJECTION, "http://www.w3.org/2001/XMLSchema#string"),)]
    assert run("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", built_samples.out, engine=engine).rows == before


def test_parameter_types():
    q = load("edge_provenance")
    assert bind_params(q, {"work": "2022", "year": "2022"}) == {
        "work": Term("literal", "2022", "http://www.w3.org/2001/XMLSchema#string"),
        "year": Term("literal", "2022", "http://www.w3.org/2001/XMLSchema#integer"),
    }
    adhoc = parse("SELECT ?a ?b ?c WHERE {}")
    assert bind_params(adhoc, {"a:iri": "<http://example.org/x>", "b:date": "2022-01-01", "c": "7"}) == {
        "a": Term("uri", "http://example.org/x"),
        "b": Term("literal", "2022-01-01", "http://www.w3.org/2001/XMLSchema#date"),
        "c": Term("literal", "7", "http://www.w3.org/2001/XMLSchema#string"),
    }
    for bad, msg in [({"year": "2022"}, "missing parameter \\$work"), ({"work": "x", "yr": "1"}, "unknown parameter \\$yr"),
                     ({"work": "x", "year": "twenty"}, "not an integer")]:
        with pytest.raises(QueryError, match=msg):
            bind_params(q, bad)
    with pytest.raises(QueryError, match="absolute IRI"):
        bind_params(adhoc, {"a:iri": "not an iri"})


def test_syntax_errors_give_position(built_samples):
    with pytest.raises(QueryError, match=r"syntax error: error at 1:\d+"):
        run("SELECT * WHERE { ?s ?p }", built_samples.out)
    with pytest.raises(QueryError, match=r"syntax error: .*line:1"):
        run("SELECT * WHERE { ?s ?p }", built_samples.out, engine="rdflib")


# ------------------------------------------------------------------ formats

SAMPLE = QueryResult("select", ["s", "label", "n"], [
    (Term("uri", "https://w3id.org/policykg/id/work/1"), Term("literal", 'a, "b"\n\tc', "http://www.w3.org/2001/XMLSchema#string"),
     Term("literal", "3", "http://www.w3.org/2001/XMLSchema#integer")),
    (Term("bnode", "b0"), Term("literal", "条例", None, "zh"), None),
])


def test_json_results_format():
    assert json.loads(to_json(SAMPLE)) == {"head": {"vars": ["s", "label", "n"]}, "results": {"bindings": [
        {"s": {"type": "uri", "value": "https://w3id.org/policykg/id/work/1"},
         "label": {"type": "literal", "value": 'a, "b"\n\tc'},
         "n": {"type": "literal", "value": "3", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}},
        {"s": {"type": "bnode", "value": "b0"}, "label": {"type": "literal", "value": "条例", "xml:lang": "zh"}},
    ]}}
    assert json.loads(to_json(QueryResult("ask", boolean=True))) == {"head": {}, "boolean": True}


def test_csv_and_tsv_results_formats():
    text = to_csv(SAMPLE)
    assert text.startswith("s,label,n\r\n")
    assert list(csv.reader(io.StringIO(text))) == [["s", "label", "n"], ["https://w3id.org/policykg/id/work/1", 'a, "b"\n\tc', "3"],
                                                  ["_:b0", "条例", ""]]
    assert to_tsv(SAMPLE).split("\n") == [
        "?s\t?label\t?n",
        '<https://w3id.org/policykg/id/work/1>\t"a, \\"b\\"\\n\\tc"\t"3"^^<http://www.w3.org/2001/XMLSchema#integer>',
        '_:b0\t"条例"@zh\t', ""]
    assert to_csv(QueryResult("ask", boolean=False)) == "_askResult\r\nfalse\r\n"


def test_xml_results_format():
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    root = ET.fromstring(to_xml(SAMPLE).encode("utf-8"))
    assert [v.get("name") for v in root.findall("r:head/r:variable", ns)] == ["s", "label", "n"]
    first, second = root.findall("r:results/r:result", ns)
    assert first.find("r:binding[@name='s']/r:uri", ns).text == "https://w3id.org/policykg/id/work/1"
    assert first.find("r:binding[@name='n']/r:literal", ns).get("datatype").endswith("#integer")
    assert second.find("r:binding[@name='label']/r:literal", ns).get("{http://www.w3.org/XML/1998/namespace}lang") == "zh"
    assert second.find("r:binding[@name='n']", ns) is None
    assert ET.fromstring(to_xml(QueryResult("ask", boolean=True))).find("r:boolean", ns).text == "true"


def test_construct_results(built_samples):
    import pyoxigraph as ox

    res = run("CONSTRUCT { ?d pkg:budgetYear ?y } WHERE { ?d a pkg:BudgetDisclosure ; pkg:budgetYear ?y }", built_samples.out)
    assert res.kind == "construct" and len(res) == 2
    parsed = list(ox.parse(write(res, "turtle").encode(), format=ox.RdfFormat.TURTLE))
    assert sorted(int(t.object.value) for t in parsed) == [2021, 2022]
    assert write(res, "ntriples").count(" .\n") == 2
    with pytest.raises(QueryError, match="turtle or ntriples"):
        write(res, "csv")


def test_table_shows_line_breaks_and_counts(built_samples):
    text = write(run(load("who_cites"), built_samples.out, {"number": N45}))
    assert "<云南⏎⏎省欺诈" in text and text.rstrip().endswith("(4 rows)")
    assert write(QueryResult("ask", boolean=False)) == "no\n"


# ------------------------------------------------------------------ CLI

def invoke(*args: str):
    return CliRunner().invoke(cli, ["query", *args], catch_exceptions=False)


def test_cli_list_names_every_query():
    r = invoke("--list")
    assert r.exit_code == 0
    lines = r.output.splitlines()
    assert len(lines) == len(names())
    for n, line in zip(names(), lines):
        assert line.startswith(n) and load(n).title in line
    assert any(line.startswith("who_cites") and "$number" in line for line in lines)


def test_cli_runs_named_file_and_text_queries(built_samples, tmp_path):
    g = str(built_samples.out)
    r = invoke("who_cites", "--param", f"number={N4}", "--format", "csv", "--graph", g)
    assert r.exit_code == 0
    assert r.stdout_bytes.decode("utf-8") == to_csv(run(load("who_cites"), g, {"number": N4}))
    assert len(list(csv.reader(io.StringIO(r.output)))) == 3
    f = tmp_path / "years.rq"
    f.write_text("SELECT DISTINCT ?y WHERE { ?d a pkg:BudgetDisclosure ; pkg:budgetYear ?y } ORDER BY ?y\n", encoding="utf-8")
    r = invoke(str(f), "-f", "tsv", "-g", g)
    assert r.output.splitlines() == ["?y", '"2021"^^<http://www.w3.org/2001/XMLSchema#integer>',
                                     '"2022"^^<http://www.w3.org/2001/XMLSchema#integer>']
    r = invoke("SELECT ?v WHERE { }", "-p", "v:integer=5", "-f", "json", "-g", g, "--engine", "rdflib")
    assert json.loads(r.output)["results"]["bindings"] == [
        {"v": {"type": "literal", "value": "5", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]
    r = invoke("legal_basis", "-p", "year=2021", "-g", g)
    assert r.exit_code == 0 and "2022" not in r.output and r.output.rstrip().endswith("(11 rows)")


@pytest.mark.parametrize("args,message", [
    (["SELECT * WHERE { ?s ?p }"], "policykg: error: syntax error: error at 1:"),
    (["who_cites"], "policykg: error: who_cites: missing parameter $number (e.g. --param number=云医保〔2019〕45号)"),
    (["who_cites", "-p", "nmber=1"], "policykg: error: who_cites: unknown parameter $nmber"),
    (["no_such_query"], "policykg: error: no named query 'no_such_query'"),
    (["most_cited", "-p", "oops"], "policykg: error: --param wants key=value"),
])
def test_cli_errors_are_one_line(args, message, built_samples):
    r = CliRunner().invoke(cli, ["query", *args, "-g", str(built_samples.out)])
    assert r.exit_code == 2
    assert r.output.startswith(message) and len(r.output.strip().splitlines()) == 1, r.output
    assert "Traceback" not in r.output


def test_cli_without_a_build(tmp_path):
    r = CliRunner().invoke(cli, ["query", "most_cited", "-g", str(tmp_path)])
    assert r.exit_code == 2 and "run `policykg build` first" in r.output


def test_decimal_values(built_samples):
    got = run("SELECT ?a WHERE { ?p pkg:budgetYear 2021 ; pkg:projectNumber 1 ; pkg:amountWan ?a }", built_samples.out).rows
    assert got == [{"a": Decimal("990")}]


def test_cookbook_has_a_section_per_query():
    doc = (Path(__file__).parent.parent / "docs" / "queries.md").read_text(encoding="utf-8")
    for n in names():
        assert f"queries/{n}.rq" in doc and f"policykg query {n}" in doc, n


@pytest.mark.parametrize("name", names())
def test_every_query_agrees_on_both_engines_without_disclosures(built_documents, name):
    """No budget year anywhere: the budget questions have no rows, and rdflib must not turn an
    aggregate over nothing into one empty group joined to everything (HAVING COUNT(*) > 0)."""
    q = load(name)
    params = example_params(q, optional=False)
    got = {e: sorted(tuple(map(str, r.values())) for r in run(q, built_documents, params, engine=e).rows)
           for e in ("oxigraph", "rdflib")}
    assert got["oxigraph"] == got["rdflib"]
    if name in ("citation_lag", "followed_replacement", "legal_basis", "stale_citations", "year_changes",
                "issuer_levels", "edge_provenance"):
        assert got["oxigraph"] == []
