"""The interactive HTML graph: one self-contained page drawn with vis-network (via pyvis).

``policykg build`` writes ``graph.html`` and, next to it, ``graph.json`` (the
node-link JSON of the networkx view, :func:`kg.graphs.to_networkx`);
``policykg html`` reads ``graph.json`` back, filters it by budget year and
issuer and renders another page.  The page holds vis-network, its own script
and its data inline: it makes no request and opens offline.

Every text from a source document reaches the page as JSON inside
``<script type="application/json">`` with ``<``, ``>`` and ``&`` escaped, and
the page's script builds its DOM with ``textContent`` only; a Content Security
Policy allows just the page's own two scripts (by hash) and no network access.

Large graphs: above ``aggregate_above`` nodes the default view shows project
series instead of project-years and only the works cited by at least N
project-years (N chosen so that at most ``max_nodes`` nodes remain), and the
page says so.  Positions are computed here (Fruchterman–Reingold with numpy)
so the browser draws a finished layout; small views then relax it briefly with
vis physics, which is switched off once stable.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import os
import random
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from .fileio import copy_range
from .graphs import SEP, graph_blocks

__all__ = [
    "write_graph_html",
    "write_graph_json",
    "write_graph_json_blocks",
    "read_graph_json",
    "filter_graph",
    "aggregate",
    "layout",
    "build_view",
    "render_html",
    "render_view",
    "write_html",
    "page_title",
    "View",
    "LayoutMemo",
    "layout_signature",
    "block_keys",
    "NODE_KINDS",
    "EDGE_KINDS",
    "AGGREGATE_ABOVE",
    "MAX_VIEW_NODES",
]

AGGREGATE_ABOVE = 2000  # nodes: a larger graph opens aggregated
MAX_VIEW_NODES = 1500  # the aggregated view raises N until it has at most this many nodes
PHYSICS_BELOW = 400  # nodes: smaller views relax the computed layout with vis physics
GRAPH_JSON_FORMAT = "policykg-graph/1"

# kind: (legend label, vis shape, colour, size)
NODE_KINDS: dict[str, tuple[str, str, str, int]] = {
    "budget_year": ("Budget year", "star", "#e0a800", 24),
    "disclosure": ("Disclosure", "square", "#9c755f", 14),
    "document": ("Other document", "square", "#bab0ac", 12),
    "project_year": ("Project-year", "dot", "#4e79a7", 10),
    "series": ("Project series", "hexagon", "#3f8f8a", 12),
    "work": ("Cited work", "diamond", "#59a14f", 12),
    "law": ("Law", "triangle", "#8c4e9b", 16),
    "article": ("Law article", "triangleDown", "#c39bd3", 8),
    "org": ("Issuing body", "ellipse", "#f7b6c2", 0),
}

# kind: (legend label, colour, dashes, width, label drawn on the edge)
EDGE_KINDS: dict[str, tuple[str, str, bool, float, str]] = {
    "cites": ("cites (立项依据, legal basis)", "#51606f", False, 1.6, ""),
    "cites_other": ("cites (other sections)", "#51606f", True, 1.2, ""),
    "part_of": ("part of", "#b9b9b9", False, 1.0, ""),
    "in_year": ("in budget year", "#e6cf7a", False, 1.0, ""),
    "of_series": ("of series", "#9fd0cc", False, 1.0, ""),
    "issued_by": ("issued by", "#ec8fa3", False, 1.0, ""),
    "published_by": ("published by", "#c9a38f", False, 1.0, ""),
    "implemented_by": ("implemented by", "#d4b8c0", True, 1.0, ""),
    "text_of": ("text of", "#9a9a9a", True, 1.0, ""),
    "forwards": ("forwards", "#59a14f", False, 2.0, "forwards"),
    "promulgates": ("promulgates", "#8c4e9b", False, 2.0, "promulgates"),
    "replaces": ("replaces (newer → older)", "#d62728", False, 3.5, "replaces"),
    "repeals": ("repeals (newer → older)", "#d62728", True, 3.5, "repeals"),
    "stale": ("stale citation (cites a replaced work)", "#ff7f0e", True, 3.0, "stale"),
}
RELATIONS = ("forwards", "promulgates", "repeals", "replaces")  # between works; year filters follow them both ways
REPLACED_BORDER = "#d62728"
STALE_BORDER = "#ff7f0e"
DATA = Path(__file__).parent / "data"


# ------------------------------------------------------------------ graph.json

_LINK_KEYS = {"name": "id", "source": "from", "target": "to", "key": "key", "edges": "edges"}
_EDGE_LINK_KEYS = frozenset(("from", "to", "key"))


def _edges(g: nx.MultiDiGraph) -> list[tuple]:
    """``list(g.edges(keys=True, data=True))``, from the adjacency dicts: networkx's edge
    views cost a generator step and a call per edge (a large graph has 300,000 edges)."""
    _require_multigraph(g)
    return [(u, v, k, d) for u, nbrs in g._adj.items() for v, keys in nbrs.items() for k, d in keys.items()]


def _number_of_edges(g: nx.MultiDiGraph) -> int:
    """``g.number_of_edges()``, which sums the degrees of all nodes instead."""
    _require_multigraph(g)
    return sum(len(keys) for nbrs in g._adj.values() for keys in nbrs.values())


def _require_multigraph(g: nx.Graph) -> None:
    if not g.is_multigraph():  # its adjacency holds no edge keys
        raise TypeError(f"a networkx MultiDiGraph is expected, not {type(g).__name__}")


def write_graph_json(g: nx.MultiDiGraph, path: str | os.PathLike) -> None:
    """The node-link JSON of ``g`` (UTF-8): what ``policykg html`` renders from.

    ``{"format", "directed", "multigraph", "graph", "nodes": [{"id", "kind", "label", …}],
    "edges": [{"from", "to", "key", "kind", …}]}``: what ``nx.node_link_data(g, **_LINK_KEYS)``
    makes, key for key and in the same order, built directly."""
    write_graph_json_blocks(g, [], path)


def write_graph_json_blocks(g: nx.MultiDiGraph, blocks: list[tuple[str, int]], path: str | os.PathLike, *,
                            keys: dict[str, str] | None = None, previous: str | os.PathLike | None = None,
                            spans: dict[str, list] | None = None) -> tuple[dict[str, list], int]:
    """:func:`write_graph_json` of ``g``, with the nodes of ``blocks`` (``(source id, nodes)``
    from :func:`kg.graphs.graph_blocks`, in node order) and the edges leaving them written as
    one block per source, taken from the ``previous`` graph.json when the source's key
    (``keys``: source id → key) is the one ``spans`` (source id → [key, node offset, length,
    edge offset, length]) has for it; the bytes are the same either way.  Returns the spans of
    this file and how many blocks were taken from the previous one."""
    _require_multigraph(g)
    node_items = list(g._node.items())
    adj = g._adj
    clash = ({"id"} & set().union(*(d.keys() for _, d in node_items))) | \
        (_EDGE_LINK_KEYS & {k for nbrs in adj.values() for ks in nbrs.values() for d in ks.values() for k in d})
    if clash:
        raise ValueError(f"graph attributes clash with node-link keys: {sorted(clash)}")
    keys, spans = keys or {}, spans or {}
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

    def nodes_json(items: list[tuple[str, dict]]) -> bytes:
        return ",".join([dumps({**d, "id": u}) for u, d in items]).encode("utf-8")

    def edges_json(items: list[tuple[str, dict]]) -> bytes:
        return ",".join([dumps({**d, "from": u, "to": v, "key": k})
                         for u, _ in items for v, ks in adj[u].items() for k, d in ks.items()]).encode("utf-8")

    out: dict[str, list] = {}
    copied = 0
    edge_parts: list[tuple[str, bytes | tuple[int, int]]] = []  # (source id, its edges or their old span)
    old = open(previous, "rb") if previous is not None and spans else None
    try:
        with open(path, "wb") as f:
            head = ('{"directed":%s,"multigraph":%s,"graph":%s,"nodes":['
                    % (dumps(g.is_directed()), dumps(g.is_multigraph()), dumps(g.graph))).encode("utf-8")
            f.write(head)
            pos, first = len(head), True

            def put(data: bytes | tuple[int, int]) -> int:
                """Write one block (items joined by commas, or a span of the previous file) after
                the previous block; its offset."""
                nonlocal pos, first
                n = data[1] if isinstance(data, tuple) else len(data)
                if not n:
                    return pos
                if not first:
                    f.write(b",")
                    pos += 1
                first = False
                if isinstance(data, tuple):
                    f.flush()
                    copy_range(old.fileno(), f.fileno(), *data)  # type: ignore[union-attr]
                else:
                    f.write(data)
                at, pos = pos, pos + n
                return at

            i = 0
            for sid, n in blocks:
                block = node_items[i:i + n]
                i += n
                key = keys.get(sid)
                prev = spans.get(sid)
                if key is not None and prev is not None and prev[0] == key and old is not None and prev[2] > 0:
                    copied += 1
                    out[sid] = [key, put((prev[1], prev[2])), prev[2], 0, 0]
                    edge_parts.append((sid, (prev[3], prev[4])))
                else:
                    data = nodes_json(block)
                    out[sid] = [key, put(data), len(data), 0, 0]
                    edge_parts.append((sid, edges_json(block)))
            rest = node_items[i:]
            put(nodes_json(rest))
            f.write(b'],"edges":[')
            pos += 11
            first = True
            for sid, part in edge_parts:
                out[sid][3] = put(part)
                out[sid][4] = part[1] if isinstance(part, tuple) else len(part)
            put(edges_json(rest))
            f.write(('],"format":%s}\n' % dumps(GRAPH_JSON_FORMAT)).encode("utf-8"))
    finally:
        if old is not None:
            old.close()
    return out, copied


def read_graph_json(path: str | os.PathLike) -> nx.MultiDiGraph:
    """Read a ``graph.json`` written by :func:`write_graph_json`; ValueError when it is not one."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise ValueError(f"{path}: not JSON ({e.msg}, line {e.lineno})") from None
    if not isinstance(data, dict) or data.get("format") != GRAPH_JSON_FORMAT:
        raise ValueError(f"{path}: not a policykg graph.json (format {GRAPH_JSON_FORMAT})")
    try:
        return nx.node_link_graph(data, directed=True, multigraph=True, **_LINK_KEYS)
    except (KeyError, TypeError, nx.NetworkXError) as e:
        raise ValueError(f"{path}: damaged graph.json ({type(e).__name__}: {e})") from None


# ------------------------------------------------------------------ years and filters

def _own_years(g: nx.MultiDiGraph) -> defaultdict[str, set[int]]:
    """The budget years that nodes carry themselves (``years``, or the ``year`` of a timed kind)."""
    ys: defaultdict[str, set[int]] = defaultdict(set)
    for n, d in g.nodes(data=True):
        if d.get("years"):
            ys[n].update(d["years"])
        elif d["kind"] in ("budget_year", "disclosure", "document", "project_year") and d.get("year"):
            ys[n].add(int(d["year"]))
    return ys


def node_years(g: nx.MultiDiGraph) -> dict[str, tuple[int, ...]]:
    """Budget years of the timed nodes (years, disclosures, documents with a year, project-years, series)."""
    ys = _own_years(g)
    _require_multigraph(g)
    for u, nbrs in g._adj.items():  # not g.edges(): see _edges
        if u in ys:
            for v, keys in nbrs.items():
                for d in keys.values():
                    if d.get("kind") == "of_series":
                        ys[v].update(ys[u])
    return {n: tuple(sorted(y)) for n, y in ys.items()}


def edge_years(g: nx.MultiDiGraph, ny: dict[str, tuple[int, ...]]) -> dict[tuple, tuple[int, ...]]:
    """Budget years of the timed edges: those leaving a timed node (or carrying ``years``)."""
    out = {}
    for u, v, key, d in g.edges(keys=True, data=True):
        if d.get("years"):
            out[(u, v, key)] = tuple(d["years"])
        elif d["kind"] == "stale" and d.get("year"):
            out[(u, v, key)] = (int(d["year"]),)
        elif u in ny and g.nodes[u]["kind"] != "series":
            out[(u, v, key)] = ny[u]
    return out


def _matches_issuer(n: str, d: dict, issuers: list[str], source_issuer: dict[str, str]) -> bool:
    names = [d.get("issuer") or "", d.get("unit") or "", source_issuer.get(n, "")]
    return any(i in name for i in issuers for name in names if name)


def filter_graph(g: nx.MultiDiGraph, years=None, issuers=None) -> nx.MultiDiGraph:
    """The part of ``g`` about the given budget years and issuers.

    Seeds are the timed nodes (budget years, disclosures, project-years, series)
    of those years whose publishing bureau, implementing unit or issuer contains
    one of ``issuers``; the view is every node reached from a seed along edges of
    those years (relations between works are followed both ways), and every edge
    of those years between them.  The page's year filter does the same.
    """
    years = set(int(y) for y in years) if years else None
    issuers = [i for i in (issuers or ()) if i]
    if years is None and not issuers:
        return g.copy()
    ny = node_years(g)
    ey = edge_years(g, ny)
    sel = years if years is not None else {y for ys in ny.values() for y in ys}
    source_issuer = {}
    if issuers:
        for u, v, k in g.edges(data="kind"):
            if k == "part_of" and g.nodes[u]["kind"] == "project_year":
                source_issuer[u] = g.nodes[v].get("issuer") or ""
    seeds = []
    for n, d in g.nodes(data=True):
        if n in ny and sel.intersection(ny[n]):
            if issuers and (d["kind"] == "budget_year" or not _matches_issuer(n, d, issuers, source_issuer)):
                continue
            seeds.append(n)
    included = set(seeds)
    stack = list(seeds)

    def visit(m: str) -> None:
        if m not in included and (m not in ny or sel.intersection(ny[m])):
            included.add(m)
            stack.append(m)

    while stack:
        n = stack.pop()
        for _, m, key, k in g.out_edges(n, keys=True, data="kind"):
            if (n, m, key) not in ey or sel.intersection(ey[(n, m, key)]):
                visit(m)
        for m, _, k in g.in_edges(n, data="kind"):
            if k in RELATIONS:
                visit(m)
    sub = nx.MultiDiGraph()
    sub.graph.update(g.graph)
    sub.add_nodes_from((n, g.nodes[n]) for n in g if n in included)
    for u, v, key, d in g.edges(keys=True, data=True):
        if u in included and v in included and ((u, v, key) not in ey or sel.intersection(ey[(u, v, key)])):
            sub.add_edge(u, v, key=key, **d)
    return sub


# ------------------------------------------------------------------ aggregation

def _split(s: str) -> list[str]:
    return [x for x in (s or "").split(SEP)] if s else []


def _cite_item(g: nx.MultiDiGraph, citing: str, d: dict, article: str | None = None) -> dict:
    """One citing entity's mentions of one cited node, for the detail panel."""
    c = g.nodes[citing]
    sentences = list(dict.fromkeys(_split(d.get("sentences", ""))))
    return {
        "citing": citing,
        "label": c.get("label", citing),
        "year": c.get("year") or None,
        "sections": [s for s in (d.get("sections") or "").split(" | ") if s],
        "authority": bool(d.get("authority")),
        "quotes": list(dict.fromkeys(_split(d.get("quotes", "")))),
        "sentences": sentences,
        "article": article,
    }


def aggregate(g: nx.MultiDiGraph, max_nodes: int = MAX_VIEW_NODES, min_cites: int | None = None,
              min_stale: int | None = None):
    """The aggregated view of ``g``: project series instead of project-years, works
    (and laws, their articles folded in) cited by at least N project-years, works with
    stale citations and their replacements, and the bodies issuing them.

    N (``min_cites``) is the smallest that fits the view in ``max_nodes`` nodes; when the
    works with stale citations alone take more than half of it, only those with stale
    citations from at least M (``min_stale``) project-years are kept.  Given thresholds
    are used as they are.  Returns ``(view, info)``; ``info`` says what was left out.
    """
    attrs = dict(g.nodes(data=True))
    kinds = {n: d["kind"] for n, d in attrs.items()}
    # The edges are walked once, each kind kept in order
    law_of: dict[str, str] = {}
    series_of: dict[str, str] = {}
    cite_edges: list[tuple[str, str, dict]] = []  # cites and stale
    work_edges: list[tuple[str, str, dict]] = []  # issued_by and relations
    for u, v, _, d in _edges(g):
        kind = d["kind"]
        if kind == "part_of":
            if kinds[u] == "article":
                law_of[u] = v
        elif kind == "of_series":
            series_of[u] = v
        elif kind == "cites" or kind == "stale":
            cite_edges.append((u, v, d))
        elif kind == "issued_by" or kind in RELATIONS:
            work_edges.append((u, v, d))
    citers: dict[str, set[str]] = defaultdict(set)
    # (series, work) -> the project-years' cites edges; their items are made only for the pairs shown
    cites: dict[tuple[str, str], list[tuple[str, dict, str | None]]] = defaultdict(list)
    stale: dict[tuple[str, str], list[dict]] = defaultdict(list)
    dropped_source_cites = 0
    for u, v, d in cite_edges:
        w = law_of.get(v, v)
        if kinds[u] != "project_year" or u not in series_of:
            dropped_source_cites += d["kind"] == "cites"
            continue
        if d["kind"] == "cites":
            citers[w].add(u)
            article = attrs[v].get("article") if v != w else None
            cites[(series_of[u], w)].append((u, d, article))
        else:
            stale[(series_of[u], w)].append({"citing": u, "label": attrs[u]["label"], "year": d.get("year"),
                                             "reason": d.get("reason", ""), "replaced_by": d.get("replaced_by", "")})
    replacing = defaultdict(set)
    issuers_of = defaultdict(list)
    for u, v, d in work_edges:
        if d["kind"] in ("replaces", "repeals"):
            replacing[u].add(v)
            replacing[v].add(u)
        elif d["kind"] == "issued_by":
            issuers_of[u].append(v)

    stale_citers: dict[str, set[str]] = defaultdict(set)
    for (_, w), items in stale.items():
        stale_citers[w].update(i["citing"] for i in items)
    series_of_work: dict[str, set[str]] = defaultdict(set)  # the series citing a work (or citing it stale)
    for s, w in [*cites, *stale]:
        series_of_work[w].add(s)

    def select(n: int, m: int):
        """Works cited by >= n project-years, works with stale citations from >= m project-years."""
        works = {w for w, ps in citers.items() if len(ps) >= n}
        works |= {w for w, ps in stale_citers.items() if len(ps) >= m}
        works |= {x for w in list(works) for x in replacing.get(w, ())}
        series = set().union(*(series_of_work[w] for w in works if w in series_of_work))
        orgs = {o for w in works for o in issuers_of.get(w, ())}
        return works, series, orgs

    def size(sel) -> int:
        return sum(map(len, sel))

    def smallest_fitting(groups: dict[str, set[str]], above: int, sel_at, budget: int) -> int:
        """The smallest threshold above ``above`` whose selection fits in ``budget`` nodes.

        The selection changes only at a group size and shrinks as the threshold grows, so
        the sizes are bisected instead of trying every value; one past the largest if none fits."""
        counts = sorted({len(ps) for ps in groups.values() if len(ps) > above})
        counts.append((counts[-1] if counts else above) + 1)  # selects none of the groups
        lo, hi = 0, len(counts) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if size(sel_at(counts[mid])) <= budget:
                hi = mid
            else:
                lo = mid + 1
        return counts[lo - 1] + 1 if lo > 0 else above + 1  # the smallest value selecting the same

    top = max((len(ps) for ps in citers.values()), default=0)
    n = min_cites or 2
    m = min_stale or 1  # every work with a stale citation, unless they alone take more than half the view
    if min_cites is None and min_stale is None and size(select(n, m)) > max_nodes:
        none = top + 1
        if size(select(none, m)) > max_nodes // 2:
            m = smallest_fitting(stale_citers, m, lambda t: select(none, t), max_nodes // 2)
        if size(select(n, m)) > max_nodes:
            n = smallest_fitting(citers, n, lambda t: select(t, m), max_nodes)
    works, series, orgs = select(n, m)
    per_work = 0
    if min_cites is None and min_stale is None and n > top and citers:
        # Not even the most cited work fits with all its citing series (a large corpus: one
        # work cited by thousands of project-years).  Draw the most cited works anyway, each
        # with at most ``per_work`` of its citing series (those citing it in most years first);
        # the work still says how many cite it in all.
        base = (works, series, orgs)
        by_work: dict[str, list[str]] = defaultdict(list)
        for (s_, w_) in cites:
            by_work[w_].append(s_)
        for w_, ss_ in by_work.items():
            ss_.sort(key=lambda x: (-len(cites[(x, w_)]), x))  # most frequent citers first
        ranked = sorted(citers, key=lambda w: (-len(citers[w]), w))

        def capped(k: int, p: int):
            ws, ss, os_ = set(base[0]), set(base[1]), set(base[2])
            for w in ranked[:k]:
                ws.add(w)
                ws |= replacing.get(w, set())
                ss.update(by_work[w][:p])
            os_ |= {o for w in ws for o in issuers_of.get(w, ())}
            return ws, ss, os_

        left = max_nodes - size(base)
        k = max(1, min(len(ranked), left // 12))
        while k >= 1:
            p = max(1, (left - 2 * k) // k)
            sel = capped(k, p)
            if size(sel) <= max_nodes or k == 1:
                break
            k -= max(1, k // 4)
        works, series, orgs = sel
        per_work = p

    view = nx.MultiDiGraph()
    view.graph.update(g.graph)
    projects = defaultdict(list)
    for p, s in series_of.items():
        d = g.nodes[p]
        projects[s].append({"id": p, "name": d.get("name", ""), "year": d.get("year"), "unit": d.get("unit", ""),
                            "amount_wan": d.get("amount_wan", -1.0), "source": d.get("source", "")})
    for s in sorted(series):
        ps = sorted(projects[s], key=lambda p: (p["year"] or 0, p["name"]))
        view.add_node(s, **g.nodes[s], years=sorted({p["year"] for p in ps if p["year"]}), projects=ps)
    for w in sorted(works):
        view.add_node(w, **g.nodes[w], cited_by=len(citers.get(w, ())))
    for o in sorted(orgs):
        view.add_node(o, **g.nodes[o])
    for (s, w), raw in sorted(cites.items()):
        if s in series and w in works:
            items = [_cite_item(g, u, d, article) for u, d, article in raw]
            items.sort(key=lambda i: (i["year"] or 0, i["label"]))
            view.add_edge(s, w, kind="cites", authority=any(i["authority"] for i in items), count=len(items),
                          years=sorted({i["year"] for i in items if i["year"]}), items=items)
    for (s, w), items in sorted(stale.items()):
        if s in series and w in works:
            view.add_edge(s, w, kind="stale", count=len(items), years=sorted({i["year"] for i in items if i["year"]}),
                          items=items, replaced_by=items[0]["replaced_by"], reason=items[0]["reason"])
    for u, v, d in work_edges:
        if d["kind"] == "issued_by" and u in works and v in orgs:
            view.add_edge(u, v, **d)
        elif d["kind"] in RELATIONS and u in works and v in works:
            view.add_edge(u, v, **d)
    count = defaultdict(int)
    for k in kinds.values():
        count[k] += 1
    info = {
        "min_cites": n,
        "min_stale": m,
        "top_cites": top,
        "series_per_work": per_work,  # 0: every citing series of a drawn work is drawn
        "series": len(series),
        "series_total": count["series"],
        "project_years": count["project_year"],
        "works": len(works),
        "works_total": count["work"] + count["law"],
        "orgs": len(orgs),
        "dropped_source_cites": dropped_source_cites,
    }
    return view, info


# ------------------------------------------------------------------ layout

DENSE_LAYOUT_MAX = 3000  # nodes: a component up to this size is laid out with numpy, all pairs repelling


def _fruchterman_reingold_dense(n: int, pairs: list[tuple[int, int]], rng: random.Random, iterations: int):
    """Positions of one connected component (unit ideal distance), every pair repelling: numpy arrays
    instead of Python loops (a 1,500-node view took 8 s in pure Python, a fraction of a second here)."""
    import numpy as np

    side = math.sqrt(n) * 1.2
    # float32: half the memory traffic of float64, and the positions are rounded to 0.1 px anyway
    pos = np.array([[rng.uniform(0, side), rng.uniform(0, side)] for _ in range(n)], dtype=np.float32)
    ii, jj = (np.array(pairs, dtype=np.intp).T if pairs else (np.zeros(0, np.intp), np.zeros(0, np.intp)))
    t = side / 8
    cool = t / (iterations + 1)
    block = max(1, 2_000_000 // n)  # rows per step: bounded temporary arrays
    # Allocated once and computed into (the same operations, so the same values): allocating
    # these megabytes anew at every step cost up to a third of the time
    dx_rows, dy_rows, d2_rows = (np.empty((min(block, n), n), dtype=np.float32) for _ in range(3))
    for _ in range(iterations):
        disp = np.zeros_like(pos)
        for lo in range(0, n, block):
            hi = min(n, lo + block)
            dx, dy, d2 = dx_rows[:hi - lo], dy_rows[:hi - lo], d2_rows[:hi - lo]
            np.subtract(pos[lo:hi, 0, None], pos[None, :, 0], out=dx)
            np.subtract(pos[lo:hi, 1, None], pos[None, :, 1], out=dy)
            np.multiply(dx, dx, out=d2)
            d2 += dy * dy
            d2[np.arange(hi - lo), np.arange(lo, hi)] = np.inf  # no force on itself
            np.maximum(d2, 1e-4, out=d2)
            np.reciprocal(d2, out=d2)
            dx *= d2
            dy *= d2
            disp[lo:hi, 0] = dx.sum(axis=1)
            disp[lo:hi, 1] = dy.sum(axis=1)
        e = pos[ii] - pos[jj]
        f = e * np.sqrt((e * e).sum(axis=1))[:, None]
        np.subtract.at(disp, ii, f)
        np.add.at(disp, jj, f)
        length = np.sqrt((disp * disp).sum(axis=1))
        scale = np.minimum(length, t) / np.where(length > 0, length, 1.0)
        pos += disp * scale[:, None]
        t = max(t - cool, 0.01)
    return pos[:, 0].tolist(), pos[:, 1].tolist()


def _fruchterman_reingold(n: int, pairs: list[tuple[int, int]], rng: random.Random, iterations: int):
    """Positions of one connected component (unit ideal distance); repulsion limited to 2 units (grid)."""
    side = math.sqrt(n) * 1.2
    xs = [rng.uniform(0, side) for _ in range(n)]
    ys = [rng.uniform(0, side) for _ in range(n)]
    t = side / 8
    cool = t / (iterations + 1)
    cell = 2.0
    r2 = cell * cell
    for _ in range(iterations):
        dx = [0.0] * n
        dy = [0.0] * n
        grid: dict[tuple[int, int], list[int]] = defaultdict(list)
        for i in range(n):
            grid[(int(xs[i] // cell), int(ys[i] // cell))].append(i)
        for (cx, cy), members in grid.items():
            near = []
            for ox in (-1, 0, 1):
                for oy in (-1, 0, 1):
                    near.extend(grid.get((cx + ox, cy + oy), ()))
            for i in members:
                xi, yi = xs[i], ys[i]
                fx = fy = 0.0
                for j in near:
                    if j == i:
                        continue
                    ddx = xi - xs[j]
                    ddy = yi - ys[j]
                    d2 = ddx * ddx + ddy * ddy
                    if d2 < r2:
                        if d2 < 1e-6:
                            ddx, ddy, d2 = rng.uniform(-0.01, 0.01), rng.uniform(-0.01, 0.01), 1e-4
                        fx += ddx / d2
                        fy += ddy / d2
                dx[i] += fx
                dy[i] += fy
        for i, j in pairs:
            ddx = xs[i] - xs[j]
            ddy = ys[i] - ys[j]
            d = math.sqrt(ddx * ddx + ddy * ddy)
            dx[i] -= ddx * d
            dy[i] -= ddy * d
            dx[j] += ddx * d
            dy[j] += ddy * d
        for i in range(n):
            d = math.sqrt(dx[i] * dx[i] + dy[i] * dy[i])
            if d > 0:
                s = min(d, t) / d
                xs[i] += dx[i] * s
                ys[i] += dy[i] * s
        t = max(t - cool, 0.01)
    return xs, ys


def layout(g: nx.MultiDiGraph, *, seed: int = 0, spacing: float = 110.0) -> dict[str, tuple[float, float]]:
    """Pixel positions for every node of ``g``: Fruchterman–Reingold per connected
    component (numpy, all pairs; above ``DENSE_LAYOUT_MAX`` nodes pure Python with
    repulsion cut off on a grid), components packed in rows,
    largest first.  Deterministic for a given graph and seed."""
    rng = random.Random(seed)
    und = nx.Graph()
    und.add_nodes_from(g)
    und.add_edges_from((u, v) for u, v in g.edges() if u != v)
    comps = sorted((sorted(c) for c in nx.connected_components(und)), key=lambda c: (-len(c), c[0]))
    placed = []  # (nodes, xs, ys, width, height)
    for comp in comps:
        n = len(comp)
        if n == 1:
            xs, ys = [0.0], [0.0]
        else:
            index = {v: i for i, v in enumerate(comp)}
            pairs = sorted({(min(index[u], index[v]), max(index[u], index[v])) for u, v in und.edges(comp)})
            iterations = 120 if n <= 300 else 60 if n <= 1500 else 40
            fr = _fruchterman_reingold_dense if n <= DENSE_LAYOUT_MAX else _fruchterman_reingold
            xs, ys = fr(n, pairs, rng, iterations)
        x0, y0 = min(xs), min(ys)
        xs = [x - x0 for x in xs]
        ys = [y - y0 for y in ys]
        placed.append((comp, xs, ys, max(xs), max(ys)))
    area = sum((w + 1.5) * (h + 1.5) for *_, w, h in placed)
    row_width = max(math.sqrt(area) * 1.3, placed[0][3] + 1.5) if placed else 0
    pos: dict[str, tuple[float, float]] = {}
    x = y = row_h = 0.0
    for comp, xs, ys, w, h in placed:
        if x > 0 and x + w > row_width:
            x, y, row_h = 0.0, y + row_h + 1.5, 0.0
        for v, px, py in zip(comp, xs, ys):
            pos[v] = (round((x + px) * spacing, 1), round((y + py) * spacing, 1))
        x += w + 1.5
        row_h = max(row_h, h)
    return pos


_CODE = hashlib.blake2b(Path(__file__).read_bytes(), digest_size=8).hexdigest()  # the layout is this module's


def layout_signature(g: nx.MultiDiGraph, *, seed: int = 0, spacing: float = 110.0) -> str:
    """What :func:`layout` depends on: the nodes, the undirected edges between distinct nodes,
    the seed, the spacing and this module's code.  The same signature, the same positions."""
    nodes = sorted(g)
    edges = sorted({(u, v) if u <= v else (v, u) for u, v in g.edges() if u != v})
    return hashlib.blake2b(repr((_CODE, seed, spacing, nodes, edges)).encode("utf-8"), digest_size=16).hexdigest()


class LayoutMemo:
    """Positions by :func:`layout_signature`, kept from one build to the next (``.layout.json``
    in the output): when a rebuild draws the same graph, its layout is not computed again.

    A missing or unreadable file is an empty memo; only the layouts asked for are written."""

    def __init__(self, known: dict[str, dict] | None = None) -> None:
        self._known = known or {}
        self.used: dict[str, dict] = {}
        self.hits = 0

    @classmethod
    def read(cls, path: str | os.PathLike) -> "LayoutMemo":
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            return cls({k: {n: tuple(p) for n, p in v.items()} for k, v in data["layouts"].items()})
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls()

    def layout(self, g: nx.MultiDiGraph, *, seed: int = 0) -> dict[str, tuple[float, float]]:
        sig = layout_signature(g, seed=seed)
        pos = self._known.get(sig)
        if pos is not None and set(pos) == set(g):
            self.hits += 1
        else:
            pos = layout(g, seed=seed)
        self.used[sig] = pos
        return pos

    def write(self, path: str | os.PathLike) -> None:
        Path(path).write_text(json.dumps({"layouts": self.used}, ensure_ascii=False, separators=(",", ":")),
                              encoding="utf-8")


# ------------------------------------------------------------------ the page

@dataclass
class View:
    """What a page draws, and what it says about it."""

    graph: nx.MultiDiGraph
    aggregated: bool = False
    info: dict = field(default_factory=dict)
    full_nodes: int = 0
    full_edges: int = 0


def build_view(g: nx.MultiDiGraph, *, view: str = "auto", aggregate_above: int = AGGREGATE_ABOVE,
               max_nodes: int = MAX_VIEW_NODES, min_cites: int | None = None) -> View:
    """The graph a page draws: ``g`` itself, or (``view="aggregated"``, or ``"auto"``
    above ``aggregate_above`` nodes) its aggregation."""
    if view not in ("auto", "full", "aggregated"):
        raise ValueError(f"unknown view {view!r} (auto, full or aggregated)")
    agg = view == "aggregated" or (view == "auto" and g.number_of_nodes() > aggregate_above)
    if not agg:
        return View(g, False, {}, g.number_of_nodes(), _number_of_edges(g))
    vg, info = aggregate(g, max_nodes=max_nodes, min_cites=min_cites)
    return View(vg, True, info, g.number_of_nodes(), _number_of_edges(g))


def _short(s: str, n: int) -> str:
    s = s or ""
    return s if len(s) <= n else s[: n - 1] + "…"


def _display_label(d: dict) -> str:
    k = d["kind"]
    if k == "work":
        return d.get("number") or _short(d.get("title") or d.get("label", ""), 18)
    if k == "law":
        return _short((d.get("title") or d.get("label", "")).removeprefix("中华人民共和国"), 16)
    if k == "article":
        return f"{_short((d.get('law') or '').removeprefix('中华人民共和国'), 10)}第{d.get('article', '')}条"
    if k == "project_year":
        return f"{_short(d.get('name', ''), 14)} ({d.get('year', '')})"
    if k == "disclosure" or k == "document":
        who = d.get("issuer") or ""
        return f"{_short(who, 12)} {d.get('year') or ''}".strip() if who else _short(d.get("label", ""), 16)
    if k == "series":
        return _short(d.get("label", ""), 16)
    if k == "org":
        return _short(d.get("label", ""), 12)
    return str(d.get("label", ""))


def _tooltip(d: dict) -> str:
    k = d["kind"]
    if k in ("work", "law"):
        return "\n".join(x for x in (d.get("number"), d.get("title"), d.get("issuers")) if x)
    if k == "project_year":
        return f"{d.get('name', '')} ({d.get('year', '')})\n{d.get('unit', '')}"
    return str(d.get("label", ""))


def _jsonable(v):
    if isinstance(v, float) and not math.isfinite(v):
        return None
    return v


def _page_nodes(vg: nx.MultiDiGraph, pos: dict, ny: dict) -> list[dict]:
    stale_cited = {v for _, v, k in vg.edges(data="kind") if k == "stale"}
    cited = defaultdict(int)
    for u, v, k in vg.edges(data="kind"):
        if k == "cites":
            cited[v] += 1
    from pyvis.node import Node

    out = []
    for n, d in vg.nodes(data=True):
        kind = d["kind"]
        legend, shape, colour, size = NODE_KINDS.get(kind, (kind, "dot", "#999999", 10))
        label = _display_label(d)
        border, width, dashes = "#555555", 1, False
        if d.get("replaced_by"):
            border, width, dashes, label = REPLACED_BORDER, 4, True, label + "\n(replaced)"
        elif n in stale_cited:
            border, width = STALE_BORDER, 4
        opts = {
            "title": _tooltip(d),
            "color": {"background": colour, "border": border,
                      "highlight": {"background": colour, "border": "#000000"},
                      "hover": {"background": colour, "border": "#000000"}},
            "borderWidth": width,
            "shapeProperties": {"borderDashes": dashes},
            "x": pos[n][0],
            "y": pos[n][1],
            "kind": kind,
            "info": {k: _jsonable(v) for k, v in d.items() if k != "kind"},
        }
        if size:
            n_cited = d.get("cited_by") or cited.get(n, 0)
            opts["size"] = size + (min(14, 3 * math.log2(1 + n_cited)) if kind in ("work", "law") else 0)
        if n in ny:
            opts["years"] = list(ny[n])
        out.append(Node(n, shape, label=label, **opts).options)
    return out


def _page_edges(vg: nx.MultiDiGraph, ey: dict, texts: list[str]) -> list[dict]:
    """vis edges; the sentences of citations go to ``texts`` (one copy each) and items refer to them by index."""
    from pyvis.edge import Edge

    index = {t: i for i, t in enumerate(texts)}

    def ref(t: str) -> int:
        if t not in index:
            index[t] = len(texts)
            texts.append(t)
        return index[t]

    out = []
    for i, (u, v, key, d) in enumerate(vg.edges(keys=True, data=True)):
        kind = d["kind"]
        style = "cites_other" if kind == "cites" and not d.get("authority") else kind
        legend, colour, dashes, width, text = EDGE_KINDS.get(style, (kind, "#999999", False, 1.0, ""))
        info = {k: _jsonable(x) for k, x in d.items() if k not in ("kind", "items")}
        if kind == "cites":
            items = d.get("items") or [_cite_item(vg, u, d, vg.nodes[v].get("article"))]
            info["items"] = [{**it, "sentences": [ref(t) for t in it["sentences"]]} for it in items]
            width = width + min(3.0, math.log2(max(1, d.get("count", 1))) * 0.6)
        elif kind == "stale":
            info["items"] = d.get("items") or [{"citing": u, "label": vg.nodes[u].get("label", u), "year": d.get("year"),
                                               "reason": d.get("reason", ""), "replaced_by": d.get("replaced_by", "")}]
        opts = {"id": i, "kind": kind, "style": style, "color": {"color": colour, "highlight": colour, "hover": colour},
                "dashes": dashes, "width": round(width, 2), "info": info}
        if text:
            opts["label"] = text
            opts["font"] = {"size": 11, "color": colour, "strokeWidth": 3, "align": "middle"}
        if kind in ("stale", "replaces", "repeals"):
            opts["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.2}
        if (u, v, key) in ey:
            opts["years"] = list(ey[(u, v, key)])
        if kind in RELATIONS:
            opts["both"] = True
        e = Edge(u, v, directed=True, **opts).options
        del e["arrows"]  # the global edge options draw the arrow
        out.append(e)
    return out


def _vis_options(n_nodes: int) -> dict:
    large = n_nodes > PHYSICS_BELOW
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False, "randomSeed": 0},
        "physics": {
            "enabled": not large,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -3000, "springLength": 110, "springConstant": 0.04,
                          "damping": 0.3, "avoidOverlap": 0.2},
            "stabilization": {"enabled": True, "iterations": 200, "updateInterval": 50, "fit": True},
            "minVelocity": 1.0,
        },
        "nodes": {"font": {"size": 13, "face": "sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "scaling": {"label": {"drawThreshold": 6}}},
        "edges": {"smooth": False if large else {"enabled": True, "type": "continuous", "roundness": 0.3},
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "selectionWidth": 2},
        "interaction": {"hover": not large, "tooltipDelay": 250, "hideEdgesOnDrag": large, "hideEdgesOnZoom": large,
                        "multiselect": False, "navigationButtons": False, "keyboard": False},
    }


def _json_for_html(obj) -> str:
    """JSON safe inside a <script> element: no '<', '>' or '&' (escaped as \\u003c …)."""
    s = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (s.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _vis_network_js() -> str:
    import pyvis

    return (Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2" / "vis-network.min.js").read_text(encoding="utf-8")


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def _notes(v: View, filters: dict) -> list[str]:
    notes = []
    if filters.get("years") or filters.get("issuers"):
        parts = []
        if filters.get("years"):
            parts.append("budget year " + ", ".join(str(y) for y in sorted(filters["years"])))
        if filters.get("issuers"):
            parts.append("issuer containing " + " or ".join(f"“{i}”" for i in filters["issuers"]))
        notes.append("Filtered view: " + "; ".join(parts) + ".")
    if v.aggregated:
        i = v.info
        if i.get("series_per_work"):
            which = (f"the most cited of {i['works_total']:,} works and laws, each with at most "
                     f"{i['series_per_work']} of its citing series (those citing it most; too many series cite "
                     f"them to draw all, and a work's details give the full count) (and works with stale citations")
        else:
            which = (f"the {i['works']:,} of {i['works_total']:,} works and laws cited by at least "
                     f"{i['min_cites']} project-years (or with stale citations")
        notes.append(
            f"Aggregated view of a large graph ({v.full_nodes:,} nodes, {v.full_edges:,} edges): "
            f"{i['series']:,} project series stand for {i['project_years']:,} project-years; shown are {which}"
            + (f" from at least {i['min_stale']} project-years" if i.get("min_stale", 1) > 1 else "")
            + f", or replacing one shown) and their {i['orgs']:,} issuing bodies; the layout is precomputed. "
            "For every project-year of a part, run: policykg html OUTPUT --year YEAR --issuer NAME --view full."
        )
    return notes


def render_html(g: nx.MultiDiGraph, **kwargs) -> str:
    """The self-contained page of ``g`` (the networkx view) as a string; keywords as :func:`render_view`."""
    return render_view(g, **kwargs)[0]


def render_view(g: nx.MultiDiGraph, *, title: str = "policykg graph", view: str = "auto",
                aggregate_above: int = AGGREGATE_ABOVE, max_nodes: int = MAX_VIEW_NODES,
                min_cites: int | None = None, filters: dict | None = None, seed: int = 0,
                layouts: LayoutMemo | None = None) -> tuple[str, View]:
    """The page of ``g`` and the :class:`View` it draws.

    ``view``: ``auto`` (aggregate above ``aggregate_above`` nodes), ``full`` or
    ``aggregated``; ``filters`` (``years``, ``issuers``) are only described on the page;
    ``layouts``: positions computed before (the same graph drawn again is not laid out again)."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape
    from markupsafe import Markup
    from pyvis.network import Network

    v = build_view(g, view=view, aggregate_above=aggregate_above, max_nodes=max_nodes, min_cites=min_cites)
    vg = v.graph
    pos = layouts.layout(vg, seed=seed) if layouts is not None else layout(vg, seed=seed)
    ny = node_years(vg)
    ey = edge_years(vg, ny)
    net = Network(directed=True, cdn_resources="in_line", height="100%", width="100%", heading=title)
    for node in _page_nodes(vg, pos, ny):
        net.nodes.append(node)
        net.node_ids.append(node["id"])
        net.node_map[node["id"]] = node
    texts: list[str] = []
    net.edges.extend(_page_edges(vg, ey, texts))
    net.options = _vis_options(vg.number_of_nodes())
    nodes, edges, heading, _, _, options = net.get_network_data()
    kinds_present = {n["kind"] for n in nodes}
    styles_present = {e["style"] for e in edges}
    years = sorted({y for ys in ny.values() for y in ys})
    data = {
        "meta": {
            "title": heading,
            "aggregated": v.aggregated,
            "notes": _notes(v, filters or {}),
            "years": years,
            "node_kinds": [{"kind": k, "label": s[0], "shape": s[1], "color": s[2]}
                           for k, s in NODE_KINDS.items() if k in kinds_present],
            "edge_kinds": [{"kind": k, "label": s[0], "color": s[1], "dashes": s[2], "width": s[3]}
                           for k, s in EDGE_KINDS.items() if k in styles_present],
            "marks": {"replaced": REPLACED_BORDER, "stale": STALE_BORDER},
            "full": {"nodes": v.full_nodes, "edges": v.full_edges},
            "physics": bool(net.options["physics"]["enabled"]),
        },
        "nodes": nodes,
        "edges": edges,
        "texts": texts,
        "options": json.loads(options),
    }
    vis_js = _vis_network_js()
    page_js = (DATA / "graph.js").read_text(encoding="utf-8")
    env = Environment(loader=FileSystemLoader(str(DATA)), autoescape=select_autoescape(default=True),
                      keep_trailing_newline=True)
    csp = (f"default-src 'none'; script-src {_csp_hash(vis_js)} {_csp_hash(page_js)}; "
           "style-src 'unsafe-inline'; img-src data: blob:; font-src data:")
    page = env.get_template("graph.html.j2").render(
        title=heading, csp=Markup(csp), notes=data["meta"]["notes"],
        css=Markup((DATA / "graph.css").read_text(encoding="utf-8")),
        vis_js=Markup(vis_js), page_js=Markup(page_js), data=Markup(_json_for_html(data)),
    )
    return page, v


def write_html(g: nx.MultiDiGraph, path: str | os.PathLike, **kwargs) -> View:
    """Write the page of ``g`` to ``path`` as UTF-8 (keywords as :func:`render_view`); return its view."""
    page, v = render_view(g, **kwargs)
    Path(path).write_text(page, encoding="utf-8", newline="\n")
    return v


def page_title(g: nx.MultiDiGraph) -> str:
    """'policykg graph: 2 disclosures, 2021–2022' (or '25 documents' when none is a disclosure)."""
    # node_years(g) gives series their project-years' years: none that is not already there
    years = sorted(set().union(*_own_years(g).values()))
    n = sum(1 for _, k in g.nodes(data="kind") if k == "disclosure")
    other = sum(1 for _, k in g.nodes(data="kind") if k == "document")
    span = f", {years[0]}–{years[-1]}" if len(years) > 1 else (f", {years[0]}" if years else "")
    if not other:
        what = f"{n:,} disclosure{'s' if n != 1 else ''}"
    elif not n:  # regulations and notices only: no budget
        what = f"{other:,} document{'s' if other != 1 else ''}"
    else:
        what = f"{n:,} disclosure{'s' if n != 1 else ''} and {other:,} other document{'s' if other != 1 else ''}"
    return f"policykg graph: {what}{span}"


def write_graph_html(result, path, *, layouts: LayoutMemo | None = None, graph_keys: dict[str, str] | None = None,
                     previous: str | os.PathLike | None = None,
                     spans: dict[str, list] | None = None) -> tuple[dict[str, list], int]:
    """``policykg build``: write ``graph.html`` at ``path`` and ``graph.json`` next to it.

    ``layouts``: positions of earlier builds (:class:`LayoutMemo`); ``graph_keys`` (source id →
    the key of its RDF graph, :func:`kg.rdf.source_graph_key`) with the ``previous`` graph.json
    and its ``spans``: a source's block of graph.json is copied when nothing it is made from
    changed.  Returns the spans of the new graph.json and how many blocks were copied."""
    path = Path(path)
    g, blocks = graph_blocks(result.corpus, stale=result.stale)
    keys = block_keys(result.corpus, result.stale, graph_keys) if graph_keys else None
    out = write_graph_json_blocks(g, blocks, path.with_suffix(".json"), keys=keys, previous=previous, spans=spans)
    write_html(g, path, title=page_title(g), layouts=layouts)
    return out


# What a source's block of graph.json is made from besides its data: the code of the view.
_BLOCK_CODE = hashlib.blake2b(b"".join((Path(__file__).parent / name).read_bytes()
                                       for name in ("graphs.py", "sentences.py", "html.py")), digest_size=8).hexdigest()


def block_keys(corpus, stale: list[dict], graph_keys: dict[str, str]) -> dict[str, str]:
    """Source id → the key of its block of graph.json: its RDF graph's key (its source, projects,
    citations, the identities of the works they cite, its text), the stale citations of its
    project-years, and the view's code."""
    source_of = {p.id: p.source for p in corpus.project_years}
    stale_of: dict[str, list] = defaultdict(list)
    for st in stale:
        stale_of[source_of.get(st["citing"], "")].append(
            (st["citing"], st["work"], st["reason"], st["year"], st.get("replaced_by") or ""))
    return {sid: hashlib.blake2b(repr((_BLOCK_CODE, key, stale_of.get(sid, []))).encode("utf-8"),
                                 digest_size=16).hexdigest()
            for sid, key in graph_keys.items()}
