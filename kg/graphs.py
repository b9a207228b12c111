"""The networkx view of the corpus (and GraphML / GEXF export for Gephi).

Nodes carry ``kind`` (budget_year, disclosure, document, project_year, series,
work, law, article, org) and a ``label``; edges carry ``kind`` (cites,
part_of, in_year, of_series, issued_by, published_by, implemented_by,
forwards, promulgates, repeals, replaces, stale).  Every attribute is a
string, number or boolean, so the graph writes to GraphML and GEXF as is.
"""

from __future__ import annotations

import os
from collections import defaultdict

import networkx as nx

from .model import Corpus

__all__ = ["to_networkx", "write_graphml", "write_gexf", "node_id", "LAW_SUFFIXES"]

LAW_SUFFIXES = ("法", "条例", "法典")


def node_id(kind: str, key: object) -> str:
    return f"{kind}:{key}"


def _is_law(w) -> bool:
    return bool(w.articles) or (not w.number and (w.title or "").endswith(LAW_SUFFIXES))


def to_networkx(corpus: Corpus, *, stale: list[dict] | None = None) -> nx.MultiDiGraph:
    """A MultiDiGraph of the corpus: one node per year, source, project-year, series,
    work, article and organisation; one edge per relation (citations aggregated
    per citing entity and cited work, with their quotes)."""
    g = nx.MultiDiGraph()
    sources = {s.id: s for s in corpus.sources}
    for s in corpus.sources:
        sid = node_id("source", s.id)
        g.add_node(sid, kind="disclosure" if s.kind == "disclosure" else "document",
                   label=s.title or s.name, name=s.name, year=s.year or 0, issuer=s.issuer or "", sha256=s.sha256)
        if s.year:
            yid = node_id("year", s.year)
            g.add_node(yid, kind="budget_year", label=str(s.year), year=s.year)
            g.add_edge(sid, yid, kind="in_year")
        if s.issuer:
            g.add_node(node_id("org", s.issuer), kind="org", label=s.issuer, level=corpus.orgs.get(s.issuer).level or "" if s.issuer in corpus.orgs else "")
            g.add_edge(sid, node_id("org", s.issuer), kind="published_by")
        if s.own_work:
            g.add_edge(sid, node_id("work", s.own_work), kind="text_of")
    for se in corpus.series.values():
        g.add_node(node_id("series", se.key), kind="series", label=se.name, issuer=se.issuer)
    for p in corpus.project_years:
        pid = node_id("project", p.id)
        g.add_node(pid, kind="project_year", label=f"{p.name} ({p.year})", name=p.name, year=p.year, no=p.no,
                   unit=p.unit or "", amount_wan=float(p.amount_wan) if p.amount_wan is not None else -1.0,
                   source=sources[p.source].name)
        g.add_edge(pid, node_id("source", p.source), kind="part_of")
        g.add_edge(pid, node_id("series", p.series), kind="of_series")
        if p.unit:
            g.add_node(node_id("org", p.unit), kind="org", label=p.unit,
                       level=(corpus.orgs[p.unit].level or "") if p.unit in corpus.orgs else "")
            g.add_edge(pid, node_id("org", p.unit), kind="implemented_by")
    for w in corpus.works.values():
        wid = node_id("work", w.key)
        g.add_node(wid, kind="law" if _is_law(w) else "work", label=w.label, number=w.number or "", title=w.title or "",
                   alt_titles=" | ".join(t for t in sorted(w.titles) if t != w.title), issuers=" | ".join(w.issuers),
                   adopted=w.adopted or "", in_force=w.in_force or "", no_longer_in_force=w.no_longer_in_force or "",
                   level=w.level or "")
        for name in w.issuers:
            g.add_node(node_id("org", name), kind="org", label=name,
                       level=(corpus.orgs[name].level or "") if name in corpus.orgs else "")
            g.add_edge(wid, node_id("org", name), kind="issued_by")
        for a in sorted(w.articles):
            aid = node_id("article", f"{w.key}#{a}")
            g.add_node(aid, kind="article", label=f"{w.title or w.label}第{a}条", article=a, law=w.title or w.label)
            g.add_edge(aid, wid, kind="part_of")
    # Citations: one edge per (citing entity, cited node), with every quote.
    grouped: dict[tuple[str, str], list] = defaultdict(list)
    for c in corpus.citations:
        citing = node_id("project", c.citing) if c.citing != c.source else node_id("source", c.source)
        cited = node_id("article", f"{c.work}#{c.article}") if c.article else node_id("work", c.work)
        grouped[(citing, cited)].append(c)
    for (citing, cited), cs in sorted(grouped.items()):
        cs.sort(key=lambda c: c.start)
        g.add_edge(citing, cited, kind="cites", authority=any(c.as_authority for c in cs),
                   sections=" | ".join(sorted({c.section or "" for c in cs})), count=len(cs),
                   quotes=" ‖ ".join(c.exact.replace("\n", "") for c in cs),
                   offsets=" ".join(f"{c.start}-{c.end}" for c in cs), source=sources[cs[0].source].name)
    for r in corpus.relations:
        a, b = node_id("work", r.subject), node_id("work", r.object)
        if a in g and b in g:
            g.add_edge(a, b, kind=r.kind, origin=r.origin, confidence=float(r.confidence), evidence=r.evidence or "")
    for st in stale or ():
        citing = node_id("project", st["citing"])
        if citing in g:
            g.add_edge(citing, node_id("work", st["work"]), kind="stale", reason=st["reason"], year=st["year"])
    return g


def write_graphml(g: nx.MultiDiGraph, path: str | os.PathLike) -> None:
    nx.write_graphml(g, path, encoding="utf-8")


def write_gexf(g: nx.MultiDiGraph, path: str | os.PathLike) -> None:
    nx.write_gexf(g, path, encoding="utf-8")
