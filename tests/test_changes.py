"""Change detection (issue 6): year-over-year changes, replacements, stale citations.

The samples must reproduce ``changes_2021_to_2022`` of seeds-gold.json; small
disclosures and notices written for the purpose (in the samples' format) check
stated, declared and inferred replacements, stale citations, chains and
several bureaus.  The named queries must give the same answers as
``policykg changes``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import build, build_model
from kg.changes import load_changes, read_declared, replacement_chain, title_similarity
from kg.cli import cli
from kg.samples import SAMPLES_DIR

FIXTURES = Path(__file__).parent / "fixtures"
GOLD = json.loads((FIXTURES / "seeds-gold.json").read_text(encoding="utf-8"))["changes_2021_to_2022"]
BUREAU = "澄江市医疗保障局"
OLD = "玉溪市人民政府公告第49号"
NEW = "玉政规〔2021〕4号"
PKG = "https://w3id.org/policykg/ns#"
ELI = "http://data.europa.eu/eli/ontology#"
DCT = "http://purl.org/dc/terms/"
GRAPH = "https://w3id.org/policykg/id/graph/"


# ------------------------------------------------------------------ texts written for the tests

def disclosure(bureau: str, year: int, projects: list[tuple[str, str]]) -> str:
    """A budget disclosure in the layout of the 2022 sample: (project name, 立项依据 text) per project."""
    out = ["", f"{bureau}{year}年预算重点领域财政项目文本公开", ""]
    for no, (name, basis) in enumerate(projects, 1):
        out += [
            f"项目{no}.", "", "一、项目名称", "", f"{name}。", "二、立项依据", "", basis, "",
            "三、项目实施单位", "", f"{bureau}。",
            "四、项目基本概况", "", "根据业务工作的需要给予必要的经费保障，确保各项工作顺利开展。", "",
            "五、项目实施内容", "", "严格执行医保的各项政策，加强监督管理，提高资金使用效益。", "",
            "六、资金安排情况", "", "项目安排资金10.00万元。", "",
            "七、项目实施计划", "", f"项目{year}年度开展计划，{year}年1月1日至{year}年12月31日。", "",
            "八、项目实施成效", "", "保障基金安全，维护参保群众合法权益。", "",
        ]
    return "\n".join(out)


BASIS_OLD = ("根据玉溪市人民政府公告第49号《玉溪市城乡居民基本医疗保险实施办法》，建立经费保障机制，"
             "市、县（市、区）财政部门应当根据城乡居民基本医疗保险业务工作的需要给予必要的经费保障。")
BASIS_FRAUD_PLUS = ("依据《云南省医疗保障局 云南省财政厅关于印发<云南省欺诈骗取医疗保障基金行为举报奖励实施细则（试行）>"
                    "的通知》(云医保〔2019〕45号)文件和《医疗保障基金使用监督管理条例》，各级医疗保障部门设立举报奖励金，"
                    "纳入同级财政预算，据实结算。")
BASIS_SUPERVISION = ("依据《医疗保障基金使用监督管理条例》第五条，县级以上人民政府应当加强对医疗保障基金使用监督管理工作的领导。"
                     "根据《中华人民共和国保险法》第七十七条，加强监督检查。")

# 2023: still cites the replaced announcement; adds a citation without dropping one; keeps one project as it was.
CHENGJIANG_2023 = disclosure(BUREAU, 2023, [
    ("医疗保障基金监管工作补助资金", BASIS_SUPERVISION),
    ("欺诈骗保举报奖励金补助资金", BASIS_FRAUD_PLUS),
    ("基本医疗保险业务经办补助资金", BASIS_OLD),
])

NOTICE_REPEAL = """玉溪市人民政府关于印发玉溪市城乡居民医疗保险管理实施办法的通知
玉政规〔2021〕4号

各县（市、区）人民政府，市直各委、办、局：
《玉溪市城乡居民医疗保险管理实施办法》已经2021年12月12日玉溪市人民政府第75次常务会议讨论通过，现予公布，自2022年1月1日起施行。《玉溪市城乡居民基本医疗保险实施办法》（玉溪市人民政府公告第49号）同时废止。

玉溪市人民政府
2021年12月20日
"""

NOTICE_PARTIAL = """玉溪市医疗保障局关于调整城乡居民医疗保险经办有关事项的通知
玉医保发〔2023〕7号

各县（市、区）医疗保障局：
根据《国务院关于废止和修改部分行政法规的决定》，结合我市实际，本通知自2023年1月1日起施行，不再执行《玉溪市城乡居民医疗保险管理实施办法》（玉政规〔2021〕4号）中关于经办费用的规定。

玉溪市医疗保障局
2022年12月26日
"""

JIANGCHUAN = "江川区医疗保障局"
JIANGCHUAN_2023 = disclosure(JIANGCHUAN, 2023, [
    ("基本医疗保险业务经办补助资金", BASIS_OLD),
    ("城乡居民医疗保险经办补助资金",
     "根据《玉溪市城乡居民医疗保险管理实施办法》（玉政规〔2021〕4号）和玉医保发〔2023〕7号文件，保障经办工作经费。"),
])

# 2021: cites rules that only enter into force on 2022-01-01.
JIANGCHUAN_2021 = disclosure(JIANGCHUAN, 2021, [
    ("城乡居民医疗保险经办补助资金", "根据《玉溪市城乡居民医疗保险管理实施办法》（玉政规〔2021〕4号），保障经办工作经费。"),
])

# A second bureau with its own 2021 and 2022 disclosures (one kept project, one dropped, one new).
HUANING = "华宁县医疗保障局"
HUANING_2021 = disclosure(HUANING, 2021, [
    ("欺诈骗保举报奖励金补助资金", "依据云医保〔2019〕45号文件，设立举报奖励金，纳入同级财政预算。"),
    ("城乡医疗救助财政补助资金", "依据《云南省医疗保障局关于进一步做好云南省城乡医疗救助工作的通知》（云医保〔2019〕128号）文件。"),
])
HUANING_2022 = disclosure(HUANING, 2022, [
    ("欺诈骗保举报奖励金补助资金", "依据云医保〔2019〕45号文件和《医疗保障基金使用监督管理条例》第三十七条，设立举报奖励金。"),
    ("医保信息化建设补助资金", "依据《医疗保障基金使用监督管理条例》，加强信息化建设。"),
])


def corpus_dir(tmp_path: Path, files: dict[str, str], samples: bool = True) -> Path:
    d = tmp_path / "corpus"
    d.mkdir()
    if samples:
        for p in sorted(SAMPLES_DIR.glob("*.txt")):
            shutil.copy(p, d / p.name)
    for name, text in files.items():
        (d / name).write_text(text, encoding="utf-8")
    return d


def build_dir(tmp_path: Path, files: dict[str, str], samples: bool = True, declared=None):
    out = tmp_path / "output"
    result = build([str(corpus_dir(tmp_path, files, samples))], out, use_cache=False, html=False, jobs=1,
                   executor="serial", declared=declared)
    return out, result


def changes_cli(out: Path, *args: str):
    r = CliRunner().invoke(cli, ["changes", str(out), *args])
    assert r.exit_code == 0, r.output
    return r.output


def changes_json(out: Path, *args: str):
    return json.loads(changes_cli(out, *args, "--format", "json"))


def run_query(name: str, out: Path, **params) -> list[dict]:
    from kg.query import run
    from queries import load

    return run(load(name), out, params={k: str(v) for k, v in params.items()}).rows


def quads(out: Path, predicate: str, graph_suffix: str | None = None) -> set[tuple[str, str, str]]:
    import pyoxigraph as ox

    found = set()
    for q in ox.parse(path=str(out / "graph.nq"), format=ox.RdfFormat.N_QUADS):
        if q.predicate.value == predicate and (graph_suffix is None or q.graph_name.value.endswith(graph_suffix)):
            found.add((q.subject.value, q.object.value, q.graph_name.value))
    return found


def label_of(out: Path) -> dict[str, str]:
    """Work IRI → rdfs:label."""
    return {s: o for s, o, _ in quads(out, "http://www.w3.org/2000/01/rdf-schema#label") if "/work/" in s}


# ------------------------------------------------------------------ helpers comparing with queries

def report_rows(rep: dict) -> set[tuple]:
    """The rows year_changes.rq gives for one report."""
    rows = set()
    single = rep["bureaus"][0] if len(rep["bureaus"]) == 1 else None
    for p in rep["projects"]:
        b = p.get("bureau", single)
        rows.add((b, p["name"], p["status"], None, None))
        if p["status"] == "kept":
            for change in ("added", "removed", "kept"):
                rows |= {(b, p["name"], "kept", change, w) for w in p[change]}
    return rows


def query_rows(out: Path, y1: int, y2: int) -> set[tuple]:
    return {(r["bureau"], r["project"], r["status"], r["change"], r["work"])
            for r in run_query("year_changes", out, **{"from": y1, "to": y2})}


def stale_rows_json(data: dict) -> list[tuple]:
    return sorted((s["year"], s["bureau"], s["no"], s["project"], s["work"], s["reason"], s.get("replaced_by"))
                  for s in data["stale_citations"])


def stale_rows_query(out: Path, **params) -> list[tuple]:
    return sorted((r["year"], r["bureau"], r["projectNumber"], r["project"], r["work"], r["reason"], r["replacedBy"])
                  for r in run_query("stale_citations", out, **params))


def followed_json(data: dict) -> list[tuple]:
    return sorted((f["bureau"], f["project"], r["old"], r["new"], r["kind"], f["from"], f["to"])
                  for r in data["replacements"] for f in r["followed_by"])


def followed_query(out: Path) -> list[tuple]:
    return sorted((r["bureau"], r["project"], r["old"], r["new"], r["kind"], r["oldYear"], r["newYear"])
                  for r in run_query("followed_replacement", out))


def chain_query(out: Path, work: str) -> list[dict]:
    rows = run_query("replacement_chain", out, work=work)
    return [{"position": r["position"], "member": r["member"], "next": r["next"], "kind": r["kind"],
             "confidence": float(r["confidence"]) if r["confidence"] is not None else None,
             "in_force": r["inForce"]} for r in rows]


def assert_matches_gold(got: dict, gold: dict) -> None:
    """Equal to the gold on every key the gold has (its ``series_match`` is a note), lists in the gold's order."""
    assert [{k: p.get(k) for k in g} for p, g in zip(got["projects"], gold["projects"])] == gold["projects"]
    assert len(got["projects"]) == len(gold["projects"])
    assert [{k: r.get(k) for k in g} for r, g in zip(got["replacements"], gold["replacements"])] == gold["replacements"]
    assert len(got["replacements"]) == len(gold["replacements"])
    assert got["stale_citations"] == gold["stale_citations"]


# ------------------------------------------------------------------ the samples

def test_samples_equal_the_gold(built_samples):
    got = changes_json(built_samples.out, "--from", "2021", "--to", "2022")
    assert_matches_gold(got, GOLD)
    assert (got["from"], got["to"], got["bureaus"]) == (2021, 2022, [BUREAU])
    [rep] = got["replacements"]
    assert (rep["kind"], rep["relation"], rep["confidence"], rep["in_force"]) == ("inferred", "replaces", 0.88, "2022-01-01")
    # Articles rolled up to their law, and listed.
    assert got["projects"][0]["articles"] == {
        "中华人民共和国保险法": {"2021": ["77", "78", "79"], "2022": ["77", "78", "79"]},
        "医疗保障基金使用监督管理条例": {"2022": ["5"]},
    }
    # Default: every consecutive pair; here the one pair, as one object.
    assert changes_json(built_samples.out) == got


def test_build_writes_changes_json_and_md(built_samples):
    doc = json.loads((built_samples.out / "changes.json").read_text(encoding="utf-8"))
    assert doc["version"] == 1 and doc["data"]["years"] == [2021, 2022]
    assert doc["reports"] == [changes_json(built_samples.out)] == built_samples.result.changes
    md = (built_samples.out / "changes.md").read_text(encoding="utf-8")
    assert "## 2021 → 2022" in md
    assert "| 基本医疗保险业务经办补助资金 | kept | 玉政规〔2021〕4号 | 玉溪市人民政府公告第49号 |  |" in md
    assert f"- {OLD} → {NEW} (inferred, confidence 0.88)" in md
    assert changes_cli(built_samples.out) == md
    html = changes_cli(built_samples.out, "--format", "html")
    assert html.startswith("<!DOCTYPE html>") and "玉政规〔2021〕4号" in html and "<script" not in html


def test_samples_inferred_replacement_in_rdf(built_samples):
    out = built_samples.out
    labels = label_of(out)
    assert {(labels[s], labels[o], g) for s, o, g in quads(out, DCT + "replaces")} == {(NEW, OLD, GRAPH + "inferred")}
    assert quads(out, ELI + "repeals") == set()
    [(cand, _, _)] = quads(out, PKG + "confidence")
    assert {(p, o) for s, p, o in _triples(out, cand)} >= {
        ("http://www.w3.org/1999/02/22-rdf-syntax-ns#type", PKG + "ReplacementCandidate"),
        (PKG + "confidence", "0.88"), (PKG + "inForce", "2022-01-01")}
    # It rests on the four mentions: number and title of the old work in 2021, of the new one in 2022.
    derived = {o for s, o, _ in quads(out, "http://www.w3.org/ns/prov#wasDerivedFrom") if s == cand}
    exact = {s.rsplit("/", 2)[-2]: o for s, o, _ in quads(out, "http://www.w3.org/ns/oa#exact")}
    assert sorted("".join(exact[d.rsplit("/", 1)[-1]].split()) for d in derived) == sorted([
        "玉溪市人民政府公告第49号", "《玉溪市城乡居民基本医疗保险实施办法》", "玉政规〔2021〕4号", "《玉溪市城乡居民医疗保险管理实施办法》"])
    # The model: the relation for the HTML graph, the old work's stated facts untouched.
    [rel] = [r for r in built_samples.result.corpus.relations if r.origin == "inferred"]
    assert (rel.kind, rel.subject, rel.object, len(rel.citations)) == ("replaces", "n:" + NEW, "n:" + OLD, 4)
    assert built_samples.result.corpus.works["n:" + OLD].no_longer_in_force is None
    assert built_samples.result.stale == []


def _triples(out: Path, subject: str) -> list[tuple[str, str, str]]:
    import pyoxigraph as ox

    return [(q.subject.value, q.predicate.value, q.object.value)
            for q in ox.parse(path=str(out / "graph.nq"), format=ox.RdfFormat.N_QUADS) if q.subject.value == subject]


def test_samples_queries_agree_with_changes(built_samples):
    out = built_samples.out
    rep = changes_json(out)
    assert query_rows(out, 2021, 2022) == report_rows(rep)
    assert len(report_rows(rep)) == 11
    data = load_changes(out)
    assert stale_rows_query(out) == stale_rows_json(data) == []
    assert followed_query(out) == followed_json(data) == [(BUREAU, "基本医疗保险业务经办补助资金", OLD, NEW, "inferred", 2021, 2022)]
    chain = replacement_chain(data, OLD)
    assert chain_query(out, OLD) == chain_query(out, NEW) == chain == [
        {"position": 0, "member": OLD, "next": NEW, "kind": "inferred", "confidence": 0.88, "in_force": "2022-01-01"},
        {"position": 1, "member": NEW, "next": None, "kind": None, "confidence": None, "in_force": None},
    ]
    assert chain_query(out, "云医保〔2019〕45号") == replacement_chain(data, "云医保〔2019〕45号") == []


def test_title_similarity():
    assert title_similarity("玉溪市城乡居民基本医疗保险实施办法", "玉溪市城乡居民医疗保险管理实施办法") == pytest.approx(15 / 17)
    # What a notice is about counts, not its issuer and 印发 wrapper.
    assert title_similarity("云南省医疗保障局关于印发《云南省医疗救助实施细则》的通知", "云南省医疗救助实施细则") == 1.0


# ------------------------------------------------------------------ a later year still citing the replaced work

@pytest.fixture(scope="module")
def built_2023(tmp_path_factory):
    return build_dir(tmp_path_factory.mktemp("y2023"), {"chengjiang-2023.txt": CHENGJIANG_2023})


def test_2023_citing_the_replaced_work_is_stale(built_2023):
    out, result = built_2023
    assert [(s["year"], s["work"], s["reason"], s["replacement"], s["replaced_by"]) for s in result.stale] == [
        (2023, "n:" + OLD, "replaced", "n:" + NEW, NEW)]
    data = load_changes(out)
    assert data["stale_citations"] == [{"bureau": BUREAU, "year": 2023, "project": "基本医疗保险业务经办补助资金",
                                        "no": 3, "work": OLD, "reason": "replaced", "replaced_by": NEW}]
    labels = label_of(out)
    stale_nodes = {s for s, o, g in quads(out, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
                   if o == PKG + "StaleCitation" and g == GRAPH + "inferred"}
    assert len(stale_nodes) == 1
    assert {labels[o] for s, o, _ in quads(out, PKG + "replacement")} == {NEW}
    assert stale_rows_query(out) == stale_rows_json(data) == [
        (2023, BUREAU, 3, "基本医疗保险业务经办补助资金", OLD, "replaced", NEW)]
    assert stale_rows_query(out, year=2022) == []


def test_2023_adding_citations_infers_nothing_more(built_2023):
    out, result = built_2023
    # 欺诈骗保 adds the 条例 without dropping anything; 业务经办 goes back to the old work: no candidate.
    assert [(r.subject, r.object) for r in result.corpus.relations if r.origin == "inferred"] == [("n:" + NEW, "n:" + OLD)]
    rep = changes_json(out, "--from", "2022", "--to", "2023")
    assert [(p["name"], p["status"], p.get("added"), p.get("removed"), p.get("kept")) for p in rep["projects"]] == [
        ("医疗保障基金监管工作补助资金", "kept", [], [], ["医疗保障基金使用监督管理条例", "中华人民共和国保险法"]),
        ("欺诈骗保举报奖励金补助资金", "kept", ["医疗保障基金使用监督管理条例"], [], ["云医保〔2019〕45号"]),
        ("基本医疗保险业务经办补助资金", "kept", [OLD], [NEW], []),
        ("医保政策知识宣传财政补助资金", "dropped", None, None, None),
    ]
    assert rep["replacements"] == []  # the old work is not cited in 2022
    assert rep["stale_citations"] == [{"year": 2023, "project": "基本医疗保险业务经办补助资金", "work": OLD,
                                       "reason": "replaced", "replaced_by": NEW}]


def test_2023_pairs_and_queries(built_2023):
    out, _ = built_2023
    reps = changes_json(out)
    assert [(r["from"], r["to"]) for r in reps] == [(2021, 2022), (2022, 2023)]
    assert_matches_gold(reps[0], {**GOLD, "stale_citations": []})
    # Non-consecutive years.
    rep = changes_json(out, "--from", "2021", "--to", "2023")
    p = next(p for p in rep["projects"] if p["name"] == "基本医疗保险业务经办补助资金")
    assert (p["added"], p["removed"], p["kept"]) == ([], [], [OLD])
    assert [(r["old"], r["new"]) for r in rep["replacements"]] == [(OLD, NEW)]
    assert [s["year"] for s in rep["stale_citations"]] == [2023]
    for y1, y2 in ((2021, 2022), (2022, 2023), (2021, 2023)):
        assert query_rows(out, y1, y2) == report_rows(changes_json(out, "--from", str(y1), "--to", str(y2)))
    assert followed_query(out) == followed_json(load_changes(out))
    # --from alone compares with the next year; unknown years are one-line errors.
    assert changes_json(out, "--from", "2022") == reps[1]
    r = CliRunner().invoke(cli, ["changes", str(out), "--from", "2020"])
    assert r.exit_code == 2 and r.output.strip().endswith("(years: 2021, 2022, 2023)")


def test_no_longer_in_force_without_replacement():
    from kg.changes import find_stale, project_cites

    result = build_model(jobs=1, executor="serial")
    corpus = result.corpus
    corpus.works["n:云医保〔2019〕45号"].no_longer_in_force = "2021-06-30"  # as a registry would say
    stale = find_stale(corpus, project_cites(corpus))
    assert [(s["year"], s["label"], s["reason"], s.get("replacement")) for s in stale] == [
        (2022, "云医保〔2019〕45号", "no_longer_in_force", None)]


def test_a_stated_end_of_validity_makes_later_citations_stale(tmp_path):
    """有效期至…: the work's last day in force as its own text states it; a budget of a later
    year that cites it has a stale citation (no_longer_in_force, no replacement)."""
    (tmp_path / "notice.txt").write_text(
        "澄江市医疗保障局关于印发澄江市医疗救助资金管理办法的通知\n澄医保发〔2020〕3号\n"
        "各乡镇：\n现将《澄江市医疗救助资金管理办法》印发给你们，自2021年1月1日起施行，有效期至2022年12月31日。\n",
        encoding="utf-8")
    (tmp_path / "b2023.txt").write_text(disclosure(BUREAU, 2023, [
        ("城乡医疗救助财政补助资金", "依据《澄江市医疗救助资金管理办法》（澄医保发〔2020〕3号），保障困难群众基本医疗。"),
    ]), encoding="utf-8")
    result = build_model([str(tmp_path)], jobs=1, executor="serial")
    w = result.corpus.works["n:澄医保发〔2020〕3号"]
    assert (w.in_force, w.no_longer_in_force) == ("2021-01-01", "2022-12-31")
    assert [(s["year"], s["label"], s["reason"]) for s in result.stale] == [
        (2023, "澄医保发〔2020〕3号", "no_longer_in_force")]


# ------------------------------------------------------------------ stated repeals (and what is not one)

@pytest.fixture(scope="module")
def built_stated(tmp_path_factory):
    return build_dir(tmp_path_factory.mktemp("stated"), {
        "jiangchuan-2021.txt": JIANGCHUAN_2021, "jiangchuan-2023.txt": JIANGCHUAN_2023, "notice-repeal.txt": NOTICE_REPEAL, "notice-partial.txt": NOTICE_PARTIAL,
    }, samples=False)


def test_stated_repeal_yields_eli_repeals(built_stated):
    out, result = built_stated
    labels = label_of(out)
    repeals = {(labels[s], labels[o], g.rsplit("/", 2)[-2]) for s, o, g in quads(out, ELI + "repeals")}
    assert repeals == {(NEW, OLD, "source")}  # in the notice's own graph, not declared or inferred
    assert quads(out, DCT + "replaces") == set()
    [r] = [r for r in result.corpus.relations if r.kind in ("repeals", "replaces")]
    assert (r.origin, r.subject, r.object) == ("stated", "n:" + NEW, "n:" + OLD)
    data = load_changes(out)
    assert [(x["old"], x["new"], x["kind"], x["confidence"], x["why"]) for x in data["replacements"]] == [
        (OLD, NEW, "stated", 1.0, "stated in notice-repeal.txt: 《玉溪市城乡居民基本医疗保险实施办法》（玉溪市人民政府公告第49号）同时废止。")]
    assert result.corpus.works["n:" + OLD].no_longer_in_force == "2021-12-31"
    # Stale: the 2021 project citing rules not yet in force; in 2023 the project citing the repealed
    # announcement, not the one citing the rules.
    assert stale_rows_json(data) == stale_rows_query(out) == [
        (2021, JIANGCHUAN, 1, "城乡居民医疗保险经办补助资金", NEW, "not_yet_in_force", None),
        (2023, JIANGCHUAN, 1, "基本医疗保险业务经办补助资金", OLD, "replaced", NEW)]
    rep = changes_json(out)  # the one pair of years of this corpus: 2021 → 2023
    assert (rep["from"], rep["to"], rep["bureaus"]) == (2021, 2023, [JIANGCHUAN])
    assert [(p["name"], p["status"], p.get("added"), p.get("kept")) for p in rep["projects"]] == [
        ("城乡居民医疗保险经办补助资金", "kept", ["玉医保发〔2023〕7号"], [NEW]),
        ("基本医疗保险业务经办补助资金", "new", None, None),
    ]
    assert rep["replacements"] == []  # the repealed announcement is not cited in 2021
    assert query_rows(out, 2021, 2023) == report_rows(rep)
    assert chain_query(out, OLD) == replacement_chain(data, OLD) == [
        {"position": 0, "member": OLD, "next": NEW, "kind": "stated", "confidence": None, "in_force": "2022-01-01"},
        {"position": 1, "member": NEW, "next": None, "kind": None, "confidence": None, "in_force": None},
    ]


def test_partial_cessation_and_titles_with_feizhi_repeal_nothing(built_stated):
    out, result = built_stated
    # 不再执行《…》（玉政规〔2021〕4号）中关于…的规定 is partial; 《国务院关于废止和修改…的决定》 is a title.
    assert [(r.subject, r.object) for r in result.corpus.relations if r.kind in ("repeals", "replaces")] == [
        ("n:" + NEW, "n:" + OLD)]
    labels = label_of(out)
    assert {(labels[s], labels[o]) for s, o, _ in quads(out, ELI + "repealed_by")} == {(OLD, NEW)}
    assert not [s for s in result.stale if s["work"] == "n:" + NEW and s["year"] == 2023]


# ------------------------------------------------------------------ declared replacements

DECLARED_CSV = """old,new,in_force
云医保〔2019〕45号,云医保〔2022〕30号,2023-01-01
# a chain: the announcement, then the 2021 rules, then their 2023 revision
玉溪市人民政府公告第49号,玉政规〔2021〕4号,2022-01-01
《玉溪市城乡居民医疗保险管理实施办法》,玉政规〔2023〕2号,2023-01-01
"""

DECLARED_TTL = """@prefix eli: <http://data.europa.eu/eli/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix ex: <http://example.org/> .

ex:fraud2022 eli:id_local "云医保〔2022〕30号" ;
    eli:first_date_entry_in_force "2023-01-01"^^<http://www.w3.org/2001/XMLSchema#date> ;
    eli:repeals ex:fraud2019 .
ex:fraud2019 eli:id_local "云医保〔2019〕45号" .

ex:rules2021 eli:id_local "玉政规〔2021〕4号" ;
    eli:first_date_entry_in_force "2022-01-01"^^<http://www.w3.org/2001/XMLSchema#date> ;
    eli:repeals "玉溪市人民政府公告第49号" .
ex:rules2023 eli:id_local "玉政规〔2023〕2号" ;
    eli:first_date_entry_in_force "2023-01-01"^^<http://www.w3.org/2001/XMLSchema#date> ;
    eli:repeals [ dcterms:title "玉溪市城乡居民医疗保险管理实施办法" ] .
"""

CHAIN_OLD, CHAIN_MID, CHAIN_NEW = OLD, NEW, "玉政规〔2023〕2号"


@pytest.fixture(scope="module")
def built_declared(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("declared")
    f = tmp / "replacements.csv"
    f.write_text(DECLARED_CSV, encoding="utf-8")
    return build_dir(tmp, {"chengjiang-2023.txt": CHENGJIANG_2023}, declared=f)


def test_declared_csv_is_honoured(built_declared):
    out, result = built_declared
    labels = label_of(out)
    assert {(labels[s], labels[o], g) for s, o, g in quads(out, ELI + "repeals")} == {
        ("云医保〔2022〕30号", "云医保〔2019〕45号", GRAPH + "declared"),
        (CHAIN_MID, CHAIN_OLD, GRAPH + "declared"),
        (CHAIN_NEW, CHAIN_MID, GRAPH + "declared"),
    }
    # The declared pair is asserted: no inferred candidate repeats it.
    assert quads(out, DCT + "replaces") == set()
    assert {o for _, o, _ in quads(out, PKG + "inForce", "declared")} == {"2022-01-01", "2023-01-01"}
    # Works the corpus never cites are created, with a warning naming file and line.
    assert "云医保〔2022〕30号" in labels.values() and CHAIN_NEW in labels.values()
    assert [w.split("replacements.csv", 1)[1] for w in result.warnings if "replacements.csv" in w] == [
        ":2: 云医保〔2022〕30号 is not in the corpus; added as a work",
        ":5: 玉政规〔2023〕2号 is not in the corpus; added as a work",
    ]
    data = load_changes(out)
    assert stale_rows_json(data) == stale_rows_query(out) == [
        (2023, BUREAU, 2, "欺诈骗保举报奖励金补助资金", "云医保〔2019〕45号", "replaced", "云医保〔2022〕30号"),
        (2023, BUREAU, 3, "基本医疗保险业务经办补助资金", CHAIN_OLD, "replaced", CHAIN_NEW),
    ]
    why = {(r["old"], r["new"]): (r["kind"], r["why"]) for r in data["replacements"]}
    assert why[(CHAIN_OLD, CHAIN_MID)] == ("declared", "declared in replacements.csv line 4")


def test_declared_chain_resolves_in_order(built_declared):
    out, _ = built_declared
    data = load_changes(out)
    want = [
        {"position": 0, "member": CHAIN_OLD, "next": CHAIN_MID, "kind": "declared", "confidence": None, "in_force": "2022-01-01"},
        {"position": 1, "member": CHAIN_MID, "next": CHAIN_NEW, "kind": "declared", "confidence": None, "in_force": "2023-01-01"},
        {"position": 2, "member": CHAIN_NEW, "next": None, "kind": None, "confidence": None, "in_force": None},
    ]
    for work in (CHAIN_OLD, CHAIN_MID, CHAIN_NEW, "玉溪市城乡居民医疗保险管理实施办法"):
        assert chain_query(out, work) == want, work
    assert replacement_chain(data, CHAIN_MID) == want
    assert f"- {CHAIN_OLD} → {CHAIN_MID} → {CHAIN_NEW}" in (out / "changes.md").read_text(encoding="utf-8")
    assert followed_query(out) == followed_json(data) == [
        (BUREAU, "基本医疗保险业务经办补助资金", CHAIN_OLD, CHAIN_MID, "declared", 2021, 2022)]


def test_declared_turtle_gives_the_same_facts(built_declared, tmp_path):
    _, from_csv = built_declared
    f = tmp_path / "replacements.ttl"
    f.write_text(DECLARED_TTL, encoding="utf-8")
    d = corpus_dir(tmp_path, {"chengjiang-2023.txt": CHENGJIANG_2023})
    from_ttl = build_model([str(d)], declared=f, jobs=1, executor="serial")

    def facts(result):
        return ({(r.subject, r.object, r.in_force) for r in result.corpus.relations if r.origin == "declared"},
                [(s["citing"], s["work"], s["reason"], s.get("replacement")) for s in result.stale])

    assert facts(from_ttl) == facts(from_csv)
    assert len(facts(from_ttl)[0]) == 3


@pytest.mark.parametrize("name, text, error", [
    ("r.csv", "old,new,in_force\n云医保〔2019〕45号,云医保〔2022〕30号,2023-13-01\n",
     "r.csv:2: in_force '2023-13-01' is not a date (YYYY-MM-DD)"),
    ("r.csv", "云医保〔2019〕45号\n", "r.csv:1: expected old,new[,in_force], got 1 field(s)"),
    ("r.csv", "a,b,2020-01-01,x\n", "r.csv:1: expected old,new[,in_force], got 4 field(s)"),
    ("r.csv", "\n云医保〔2019〕45号,云医保[2019]45号\n", "r.csv:2: old and new are the same work (云医保〔2019〕45号)"),
    ("r.ttl", "@prefix eli: <http://data.europa.eu/eli/ontology#> .\n<http://x/a> eli:repeals <http://x/b> .\n",
     "r.ttl:2: <http://x/a> has no eli:id_local, dcterms:title or rdfs:label"),
    ("r.ttl", "@prefix eli: <http://data.europa.eu/eli/ontology#> .\n\n<http://x/a> eli:repeals .\n", "r.ttl:3: not valid Turtle"),
])
def test_bad_declared_files_are_one_line_errors(tmp_path, name, text, error):
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError) as e:
        build_model([str(SAMPLES_DIR / "chengjiang-healthcare-security-2022.txt")], declared=f, jobs=1, executor="serial")
    msg = str(e.value)
    assert "\n" not in msg and msg.startswith(str(f) + error[len(name):]), msg
    r = CliRunner().invoke(cli, ["build", str(SAMPLES_DIR), "-o", str(tmp_path / "out"), "--replacements", str(f),
                                 "--no-cache", "-j", "1", "--executor", "serial", "-q", "--no-html"])
    assert r.exit_code == 2
    assert r.output.count("\n") == 1 and r.output.startswith("policykg: error: ")
    assert r.output.startswith(f"policykg: error: {f}{error[len(name):]}")
    assert not (tmp_path / "out").exists()


def test_read_declared_csv_forms(tmp_path):
    f = tmp_path / "decl.csv"
    f.write_text("\ufeff# comment\n\n玉溪市人民政府公告第49号 , 玉政规〔2021〕4号 , 2022年1月1日\nA办法,B办法\n", encoding="utf-8")
    assert [(d.old, d.new, d.in_force, d.line) for d in read_declared(f)] == [
        (OLD, NEW, "2022-01-01", 3), ("A办法", "B办法", None, 4)]


# ------------------------------------------------------------------ several bureaus

@pytest.fixture(scope="module")
def built_two_bureaus(tmp_path_factory):
    return build_dir(tmp_path_factory.mktemp("bureaus"), {"huaning-2021.txt": HUANING_2021, "huaning-2022.txt": HUANING_2022})


def test_several_bureaus(built_two_bureaus):
    out, _ = built_two_bureaus
    rep = changes_json(out, "--from", "2021", "--to", "2022")
    assert rep["bureaus"] == [HUANING, BUREAU]
    assert all("bureau" in p for p in rep["projects"])
    # Per bureau, the same report as alone: the gold for the samples' bureau.
    ours = [{k: v for k, v in p.items() if k != "bureau"} for p in rep["projects"] if p["bureau"] == BUREAU]
    assert_matches_gold({**rep, "projects": ours}, GOLD)
    assert [(p["name"], p["status"], p.get("added"), p.get("kept")) for p in rep["projects"] if p["bureau"] == HUANING] == [
        ("欺诈骗保举报奖励金补助资金", "kept", ["医疗保障基金使用监督管理条例"], ["云医保〔2019〕45号"]),
        ("城乡医疗救助财政补助资金", "dropped", None, None),
        ("医保信息化建设补助资金", "new", None, None),
    ]
    assert query_rows(out, 2021, 2022) == report_rows(rep)
    md = changes_cli(out)
    assert f"### {HUANING}" in md and f"### {BUREAU}" in md


def test_an_undated_inferred_replacement_is_assumed_in_force_the_year_after_its_number(tmp_path):
    """No text dates the new notice (玉医保发〔2021〕9号): it is taken as in force by 1 January 2022,
    so the project that kept citing the old notice is stale in 2022 and 2023; the one that switched is not."""
    old_basis = "依据《玉溪市医疗保障局关于做好城乡医疗救助资金管理工作的通知》（玉医保发〔2018〕12号）执行。"
    new_basis = "依据《玉溪市医疗保障局关于进一步做好城乡医疗救助资金管理工作的通知》（玉医保发〔2021〕9号）执行。"
    files = {
        f"b-{year}.txt": disclosure("澄江市民政局", year, [("城乡医疗救助资金", basis), ("临时救助资金", other)])
        for year, basis, other in ((2021, old_basis, old_basis), (2022, new_basis, old_basis), (2023, new_basis, old_basis))
    }
    _, result = build_dir(tmp_path, files, samples=False)
    inferred = [(r.object, r.subject) for r in result.corpus.relations if r.origin == "inferred"]
    assert inferred == [("n:玉医保发〔2018〕12号", "n:玉医保发〔2021〕9号")]
    assert [(s["year"], s["work"], s["reason"], s["replaced_by"]) for s in result.stale] == [
        (2022, "n:玉医保发〔2018〕12号", "replaced", "玉医保发〔2021〕9号"),
        (2023, "n:玉医保发〔2018〕12号", "replaced", "玉医保发〔2021〕9号"),
    ]


# ------------------------------------------------------------------ nested mentions in one pass

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from kg.changes import _nested, nested_flags  # noqa: E402
from kg.model import Citation  # noqa: E402

_span = st.tuples(st.integers(0, 12), st.integers(0, 6)).map(lambda t: (t[0], t[0] + t[1]))


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.lists(_span, max_size=10))
def test_nested_flags_are_what_comparing_every_pair_gives(spans):
    cs = [Citation(id=str(i), source="s", citing="p", section=None, kind="title", work="w", article=None,
                   matched_by="title", start=a, end=b, exact="", prefix="", suffix="") for i, (a, b) in enumerate(spans)]
    cs.sort(key=lambda c: (c.start, -c.end))
    assert nested_flags(cs) == [_nested(c, cs) for c in cs]
