"""Acceptance: the sample corpus reproduces seeds-gold.json exactly.

At document level through the extractors, and at project level through the
built graph, queried with SPARQL (Oxigraph store and rdflib both)."""

from __future__ import annotations

import json
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

from extractors import extract
from extractors.normalize import title_key
from kg.samples import SAMPLES_DIR

FIXTURES = Path(__file__).parent / "fixtures"
GOLD = json.loads((FIXTURES / "seeds-gold.json").read_text(encoding="utf-8"))
DOCS = GOLD["documents"]

PREFIXES = """
PREFIX pkg: <https://w3id.org/policykg/ns#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX cito: <http://purl.org/spar/cito/>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""


def gold_doc_sets(doc):
    out = defaultdict(set)
    for p in doc["projects"]:
        out["doc_numbers"] |= set(p["doc_numbers"])
        out["titles"] |= {title_key(t) for t in p["titles"]}
        out["articles"] |= {(title_key(a["law"]), str(a["article"])) for a in p["articles"]}
        out["pairs"] |= {(title_key(x["title"]), x["number"]) for x in p["pairs"]}
        out["optional"] |= set(p.get("optional", []))
    return out


@pytest.mark.parametrize("doc", DOCS, ids=[d["file"] for d in DOCS])
def test_document_level_reading(doc):
    text = (SAMPLES_DIR / doc["file"]).read_text(encoding="utf-8")
    ex = extract(text)
    gold = gold_doc_sets(doc)
    assert {n.number for n in ex.numbers} - gold["optional"] == gold["doc_numbers"]
    assert {t.key for t in ex.cited_titles} == gold["titles"]
    assert {(a.law_key, a.article) for a in ex.cited_articles} == gold["articles"]
    assert {(p.title.key, p.number.number) for p in ex.pairs} == gold["pairs"]


def _q(store, query):
    return [tuple(None if v is None else v.value for v in row)
            for row in store.query(PREFIXES + query, use_default_graph_as_union=True)]


def _ask(store, query) -> bool:
    return bool(store.query(PREFIXES + query, use_default_graph_as_union=True))


def test_projects_through_sparql(built_samples):
    store = built_samples.store
    rows = _q(store, """
        SELECT ?file ?no ?name ?unit ?amount WHERE {
          ?p a pkg:ProjectYear ; pkg:projectNumber ?no ; dcterms:title ?name ; dcterms:isPartOf ?d .
          ?d dcterms:source ?file .
          OPTIONAL { ?p pkg:implementedBy/skos:prefLabel ?unit }
          OPTIONAL { ?p pkg:amountWan ?amount }
        }""")
    got = {(f, int(no)): (name, unit, Decimal(a) if a is not None else None) for f, no, name, unit, a in rows}
    want = {
        (d["file"], p["no"]): (p["name"], p["unit"], Decimal(str(p["amount_wan"])) if p["amount_wan"] is not None else None)
        for d in DOCS for p in d["projects"]
    }
    assert got == want


def _project_citations(store):
    """Per (file, project no): numbers, titles, articles and pairs, read back from the graph."""
    sets = defaultdict(lambda: defaultdict(set))
    base = """
        ?c cito:hasCitingEntity ?p ; pkg:mentionKind ?kind ; pkg:matchedBy ?how ; cito:hasCitedEntity ?x ;
           oa:hasTarget/oa:hasSelector ?sel .
        ?sel oa:exact ?exact .
        ?p pkg:projectNumber ?no ; dcterms:isPartOf/dcterms:source ?file ."""
    for file, no, num in _q(store, f"SELECT ?file ?no ?num WHERE {{ {base} FILTER(?kind = 'document_number') ?x eli:id_local ?num }}"):
        sets[(file, int(no))]["doc_numbers"].add(num)
    for file, no, exact, how, num in _q(store, f"""SELECT ?file ?no ?exact ?how ?num WHERE {{ {base}
            FILTER(?kind = 'title') OPTIONAL {{ ?x eli:id_local ?num }} }}"""):
        key = title_key(exact)
        sets[(file, int(no))]["titles"].add(key)
        if how == "title+number":
            sets[(file, int(no))]["pairs"].add((key, num))
    for file, no, law, art in _q(store, f"""SELECT ?file ?no ?law ?art WHERE {{ {base}
            FILTER(?kind = 'article') ?x eli:number ?art ; eli:is_part_of/dcterms:title ?law }}"""):
        sets[(file, int(no))]["articles"].add((title_key(law), art))
    return sets


def test_project_citations_through_sparql(built_samples):
    got = _project_citations(built_samples.store)
    for d in DOCS:
        for p in d["projects"]:
            g = got[(d["file"], p["no"])]
            optional = set(p.get("optional", []))
            assert g["doc_numbers"] - optional == set(p["doc_numbers"]), (d["file"], p["no"])
            assert g["titles"] == {title_key(t) for t in p["titles"]}, (d["file"], p["no"])
            assert g["articles"] == {(title_key(a["law"]), str(a["article"])) for a in p["articles"]}, (d["file"], p["no"])
            assert g["pairs"] == {(title_key(x["title"]), x["number"]) for x in p["pairs"]}, (d["file"], p["no"])


def test_one_series_per_project_name(built_samples):
    rows = _q(built_samples.store, """
        SELECT ?name (COUNT(DISTINCT ?s) AS ?n) (COUNT(?p) AS ?years) WHERE {
          ?p pkg:ofProject ?s . ?s dcterms:title ?name } GROUP BY ?name""")
    names = {p["name"] for d in DOCS for p in d["projects"]}
    assert {r[0] for r in rows} == names
    assert all(int(r[1]) == 1 for r in rows)
    years = {r[0]: int(r[2]) for r in rows}
    assert years["基本医疗保险业务经办补助资金"] == 2  # 项目5 in 2021, 项目4 in 2022


def test_facts_through_sparql(built_samples):
    store = built_samples.store
    facts = GOLD["facts"]
    for f in facts["effective_dates"]:
        rows = _q(store, f"""SELECT ?a ?f WHERE {{ ?w eli:id_local "{f['number']}" ;
            eli:date_document ?a ; eli:first_date_entry_in_force ?f }}""")
        assert rows == [(f["adopted"], f["in_force"])]
    for f in facts["issuers"]:
        rows = _q(store, f"""SELECT ?name WHERE {{ ?w eli:id_local "{f['number']}" ; eli:passed_by/skos:prefLabel ?name }}""")
        assert {r[0] for r in rows} == set(f["issuers"]), f["number"]
    for f in facts["forwards"]:
        assert _ask(store, f"""ASK {{ ?a eli:id_local "{f['by']}" ; pkg:forwards ?b . ?b eli:id_local "{f['forwarded']}" }}""")
    for f in facts["promulgates"]:
        assert _ask(store, f"""ASK {{ ?a eli:id_local "{f['by']}" ; pkg:promulgates ?b . ?b dcterms:title "{f['title']}" }}""")
    # and nothing that is not there
    assert not _ask(store, """ASK { ?a eli:id_local "云医保〔2019〕128号" ; pkg:forwards ?b }""")


def test_rdflib_reads_the_same_projects(built_samples):
    import rdflib

    ds = rdflib.Dataset()
    ds.parse(built_samples.out / "graph.trig", format="trig")
    rows = ds.query(PREFIXES + """SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { GRAPH ?g { ?p a pkg:ProjectYear } }""")
    assert [int(r[0]) for r in rows] == [sum(len(d["projects"]) for d in DOCS)]
