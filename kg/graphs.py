"""The networkx view of the corpus (and GraphML / GEXF export for Gephi).

Nodes carry ``kind`` (budget_year, disclosure, document, project_year, series,
work, law, article, org) and a ``label``; edges carry ``kind`` (cites,
part_of, in_year, of_series, issued_by, published_by, implemented_by,
forwards, promulgates, repeals, replaces, stale).  Every attribute is a
string, number or boolean, so the graph writes to GraphML and GEXF as is.

A ``cites`` edge lists its mentions in ``quotes`` and the sentence around each
in ``sentences`` (both joined by `` ‖ ``, in the same order); a work replaced
or repealed by another carries ``replaced_by`` (the newer works' labels).
"""

from __future__ import annotations

import os
import re
from collections import defaultdict

import networkx as nx

from .model import Corpus

__all__ = ["to_networkx", "write_graphml", "write_gexf", "node_id", "citation_sentence", "LAW_SUFFIXES"]

LAW_SUFFIXES = ("法", "条例", "法典")
SEP = " ‖ "  # joins the per-mention values of a cites edge

_END = "。；！？;!?"
_HEADING_BEFORE = re.compile(r"(?:\A|\n)\s*[一二三四五六七八九十]+、[^\n。；]{0,20}\n")
_HEADING_AFTER = re.compile(r"\n\s*[一二三四五六七八九十]+、")


def citation_sentence(text: str, start: int, end: int, reach: int = 300, longest: int = 360) -> str:
    """The sentence of ``text`` around ``text[start:end]``, line breaks removed.

    A sentence stops at 。；！？ and at section headings (二、…); one longer than
    ``longest`` characters is cut to ``longest // 2`` characters each side of the mention."""
    lo, hi = max(0, start - reach), min(len(text), end + reach)
    left, right = text[lo:start], text[end:hi]
    b = max((left.rfind(c) + 1 for c in _END), default=0)
    for m in _HEADING_BEFORE.finditer(left):
        b = max(b, m.end())
    if b == 0 and lo > 0:
        b = -1  # no start within reach
    e = min((i + 1 for i in (right.find(c) for c in _END) if i >= 0), default=-1)
    m = _HEADING_AFTER.search(right, 0, len(right) if e < 0 else e)
    if m:
        e = m.start()
    if e < 0 and hi == len(text):
        e = len(right)
    if b < 0 or e < 0 or (len(left) - b) + (end - start) + e > longest:
        half = longest // 2
        b = max(b, len(left) - half, 0)
        e = min(len(right) if e < 0 else e, half)
    head = ("…" if b > 0 and left[b - 1] not in _END and not left[:b].endswith("\n") else "") + left[b:]
    tail = right[:e] + ("…" if e < len(right) and right[e - 1:e] not in _END and right[e:e + 1] != "\n" else "")
    return re.sub(r"\s*\n\s*", "", head + text[start:end] + tail).strip().replace("‖", "|")


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
    replaced_by: dict[str, list[str]] = defaultdict(list)
    for r in corpus.relations:
        if r.kind in ("replaces", "repeals") and r.subject in corpus.works:
            replaced_by[r.object].append(corpus.works[r.subject].label)
    for w in corpus.works.values():
        wid = node_id("work", w.key)
        g.add_node(wid, kind="law" if _is_law(w) else "work", label=w.label, number=w.number or "", title=w.title or "",
                   alt_titles=" | ".join(t for t in sorted(w.titles) if t != w.title), issuers=" | ".join(w.issuers),
                   adopted=w.adopted or "", in_force=w.in_force or "", no_longer_in_force=w.no_longer_in_force or "",
                   level=w.level or "", replaced_by=" | ".join(sorted(set(replaced_by.get(w.key, ())))))
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
                   quotes=SEP.join(c.exact.replace("\n", "").replace("‖", "|") for c in cs),
                   sentences=SEP.join(citation_sentence(sources[c.source].text, c.start, c.end) for c in cs),
                   offsets=" ".join(f"{c.start}-{c.end}" for c in cs), source=sources[cs[0].source].name)
    for r in corpus.relations:
        a, b = node_id("work", r.subject), node_id("work", r.object)
        if a in g and b in g:
            g.add_edge(a, b, kind=r.kind, origin=r.origin, confidence=float(r.confidence), evidence=r.evidence or "")
    for st in stale or ():
        citing = node_id("project", st["citing"])
        if citing in g:
            g.add_edge(citing, node_id("work", st["work"]), kind="stale", reason=st["reason"], year=st["year"],
                       replaced_by=st.get("replaced_by") or "")
    return g


def write_graphml(g: nx.MultiDiGraph, path: str | os.PathLike) -> None:
    nx.write_graphml(g, path, encoding="utf-8")


def write_gexf(g: nx.MultiDiGraph, path: str | os.PathLike) -> None:
    nx.write_gexf(g, path, encoding="utf-8")
