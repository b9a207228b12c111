"""Change detection: year-over-year changes, replacements and stale citations.

* **Year over year**, per project series (one bureau's project name): kept,
  new and dropped projects; for kept ones the works added, removed and kept
  (articles rolled up to their law, the articles listed).  A title nested in
  another cited title (``《关于印发<X>的通知》``) is part of that citation.
* **Replacements**: stated by a text (:mod:`extractors.statements`, already
  in the corpus), declared by the user (``--replacements FILE``: CSV
  ``old,new,in_force`` or Turtle with ``eli:repeals``), or inferred from
  citation behaviour (a series drops one work and adds a similar, newer one of
  the same issuer, in force by 1 January of the later year).
* **Stale citations**: a project-year cites a work that was not in force at
  any time in its budget year.

:func:`apply_inference` adds declared and inferred relations to the corpus and
fills ``result.stale`` and ``result.changes``; :func:`write_changes` writes
``changes.json`` (the reports plus the per-year data any pair of years is
computed from) and ``changes.md``.  :func:`report` is a pure function of that
data, so ``policykg changes`` gives the same answer from the build's JSON.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher
from pathlib import Path

from extractors.normalize import title_key

from .corpus import identity_key, number_facts, number_identity, work_key_for_title
from .model import Citation, Corpus, Relation, Work

__all__ = [
    "apply_inference",
    "write_changes",
    "read_declared",
    "declared_relations",
    "Declaration",
    "project_cites",
    "infer_replacements",
    "find_stale",
    "change_data",
    "report",
    "reports",
    "consecutive_pairs",
    "replacement_chain",
    "chains",
    "render_md",
    "render_html",
    "load_changes",
    "title_similarity",
    "CHANGES_VERSION",
]

CHANGES_VERSION = 1
MIN_SIMILARITY = 0.6  # title similarity below which no replacement is inferred
NEAR_IDENTICAL = 0.8
MAX_INFERRED = 0.95  # an inference is never as sure as a statement


# ------------------------------------------------------------------ citations per project-year

@dataclass
class Cited:
    """One work as one project-year cites it."""

    work: str  # Work.key
    first: int  # offset of its first mention
    articles: set[str] = field(default_factory=set)
    sections: set[str] = field(default_factory=set)
    citations: list[str] = field(default_factory=list)  # Citation ids


def _nested(c: Citation, others: list[Citation]) -> bool:
    """The mention lies inside another mention of the same citing entity (a nested title)."""
    return any(o is not c and o.start <= c.start and c.end <= o.end and (o.start < c.start or c.end < o.end)
               for o in others)


def nested_flags(cs: list[Citation]) -> list[bool]:
    """:func:`_nested` for each of ``cs``, sorted by ``(start, -end)``, in one pass.

    In that order every mention that contains another comes before it, so a mention is
    nested when an earlier one ends after it, or ends where it ends and starts before it."""
    flags = []
    last_end, first_start = -1, 0  # the furthest end so far, and the earliest start of those ending there
    for c in cs:
        flags.append(last_end > c.end or (last_end == c.end and first_start < c.start))
        if c.end > last_end:
            last_end, first_start = c.end, c.start
        elif c.end == last_end:
            first_start = min(first_start, c.start)
    return flags


def project_cites(corpus: Corpus) -> dict[str, dict[str, Cited]]:
    """ProjectYear.id → Work.key → how it is cited (nested mentions left out), in text order."""
    by_py: dict[str, list[Citation]] = defaultdict(list)
    pids = {p.id for p in corpus.project_years}
    for c in corpus.citations:
        if c.citing in pids:
            by_py[c.citing].append(c)
    out: dict[str, dict[str, Cited]] = {}
    for pid in sorted(pids):
        cs = sorted(by_py.get(pid, ()), key=lambda c: (c.start, -c.end))
        works: dict[str, Cited] = {}
        for c, nested in zip(cs, nested_flags(cs)):
            if nested:
                continue
            w = works.setdefault(c.work, Cited(work=c.work, first=c.start))
            if c.article:
                w.articles.add(c.article)
            if c.section:
                w.sections.add(c.section)
            w.citations.append(c.id)
        out[pid] = dict(sorted(works.items(), key=lambda kv: kv[1].first))
    return out


# ------------------------------------------------------------------ declared replacements

@dataclass(frozen=True)
class Declaration:
    """One declared replacement as written in the user's file."""

    old: str
    new: str
    in_force: str | None
    file: str  # as given
    line: int


_HEADER = ("old", "new", "in_force")
_CN_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")


def _iso(value: str) -> str | None:
    v = value.strip()
    m = _CN_DATE.match(v)
    if m:
        v = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    try:
        return date.fromisoformat(v).isoformat()
    except ValueError:
        return None


def read_declared(path) -> list[Declaration]:
    """The declarations of a CSV (``old,new,in_force``) or Turtle (``eli:repeals``) file.

    Raises ValueError with one line naming the file and line on bad input."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise ValueError(f"{p}: cannot read ({e.strerror or e})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise ValueError(f"{p}:{line}: not UTF-8 text") from None
    is_turtle = p.suffix.lower() in (".ttl", ".turtle", ".n3") or (
        p.suffix.lower() not in (".csv", ".txt") and re.search(r"@prefix|eli:repeals|<https?://", text) is not None)
    return _read_turtle(p, text) if is_turtle else _read_csv(p, text)


def _read_csv(p: Path, text: str) -> list[Declaration]:
    out: list[Declaration] = []
    reader = csv.reader(io.StringIO(text))
    seen_row = False
    for row in reader:
        line = reader.line_num
        cells = [c.strip() for c in row]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if not seen_row:
            seen_row = True
            if tuple(c.lower() for c in cells[:3]) == _HEADER[: len(cells[:3])] and cells[0].lower() == "old":
                continue
        while cells and not cells[-1]:
            cells.pop()
        if len(cells) < 2 or len(cells) > 3 or not cells[0] or not cells[1]:
            raise ValueError(f"{p}:{line}: expected old,new[,in_force], got {len(cells)} field(s)")
        in_force = None
        if len(cells) == 3:
            in_force = _iso(cells[2])
            if in_force is None:
                raise ValueError(f"{p}:{line}: in_force {cells[2]!r} is not a date (YYYY-MM-DD)")
        out.append(Declaration(cells[0], cells[1], in_force, str(p), line))
    return out


def _read_turtle(p: Path, text: str) -> list[Declaration]:
    import rdflib
    from rdflib.namespace import DCTERMS, RDFS, SKOS

    from .rdf import ELI, PKG

    g = rdflib.Graph()
    try:
        g.parse(data=text, format="turtle")
    except Exception as e:  # rdflib raises several exception types for bad syntax
        msg = " ".join(str(e).split())
        m = re.search(r"line (\d+)", msg)
        where = f"{p}:{m.group(1)}" if m else str(p)
        raise ValueError(f"{where}: not valid Turtle ({msg[:160]})") from None
    eli = rdflib.Namespace(ELI)
    pkg = rdflib.Namespace(PKG)
    lines = text.splitlines()

    def line_of(node) -> int:
        s = str(node)
        needles = [f"<{s}>", re.split(r"[/#]", s)[-1], s]
        for needle in needles:
            for i, ln in enumerate(lines, 1):
                if needle and needle in ln:
                    return i
        return 0

    def name(node) -> str:
        if isinstance(node, rdflib.Literal):
            return str(node)
        for pred in (eli.id_local, DCTERMS.title, RDFS.label, SKOS.prefLabel):
            v = g.value(node, pred)
            if v is not None and str(v).strip():
                return str(v)
        if isinstance(node, rdflib.URIRef) and "/work/" in str(node):
            return "@" + str(node)  # a policykg work IRI: resolved against the corpus
        raise ValueError(f"{p}:{line_of(node)}: {node.n3()} has no eli:id_local, dcterms:title or rdfs:label")

    pairs = {(new, old) for new, old in g.subject_objects(eli.repeals)}
    pairs |= {(new, old) for old, new in g.subject_objects(eli.repealed_by)}
    out = []
    for new, old in sorted(pairs, key=lambda nw: (line_of(nw[0]), str(nw[0]), str(nw[1]))):
        when = g.value(new, eli.first_date_entry_in_force) or g.value(new, pkg.inForce)
        in_force = None
        if when is not None:
            in_force = _iso(str(when))
            if in_force is None:
                raise ValueError(f"{p}:{line_of(new)}: in-force date {str(when)!r} is not a date (YYYY-MM-DD)")
        new_name = name(new)  # the subject first: errors follow the file's order
        out.append(Declaration(name(old), new_name, in_force, str(p), line_of(new) or line_of(old)))
    return sorted(out, key=lambda d: (d.line, d.old, d.new))


def _resolve(corpus: Corpus, name: str, title_numbers: dict[str, set[str]]) -> tuple[str, bool]:
    """The Work.key a declared name denotes, creating the work when the corpus lacks it: (key, created)."""
    if name.startswith("@"):
        from .corpus import h

        digest = name.rsplit("/", 1)[-1]
        key = next((k for k in corpus.works if h(k) == digest), None)
        if key is None:
            raise KeyError(name[1:])
        return key, False
    from extractors import extract

    s = name.strip()
    if len(s) >= 2 and s[0] == "《" and s[-1] == "》":
        s = s[1:-1].strip()
    nums = [n for n in extract(s).numbers if n.start == 0 and n.end == len(s)]
    if nums:
        n = nums[0]
        key = "n:" + number_identity(n.number)
        if key in corpus.works:
            return key, False
        w = corpus.works[key] = Work(key=key, number=key[2:])
        number_facts(w, n)
        if n.issuer:
            from extractors.registry import load_registry

            from .corpus import org

            w.issuers, w.issuer_source = [n.issuer], "number" if n.form != "bracketed" else "registry"
            org(corpus, load_registry(), n.issuer)
        return key, True
    key = work_key_for_title(s, None, title_numbers)
    if key in corpus.works:
        return key, False
    corpus.works[key] = Work(key=key, title=s, titles={s: 1})
    return key, True


def declared_relations(corpus: Corpus, decls: list[Declaration], warnings: list[str]) -> list[Relation]:
    """Relations (origin ``declared``) for the declarations; unknown works are created, with a warning."""
    title_numbers: dict[str, set[str]] = defaultdict(set)
    for w in corpus.works.values():
        if w.number:
            for t in w.titles:
                title_numbers[identity_key(t)].add(w.number)
    out = []
    for d in decls:
        keys = []
        for nm in (d.old, d.new):
            try:
                key, created = _resolve(corpus, nm, title_numbers)
            except KeyError:
                raise ValueError(f"{d.file}:{d.line}: {nm[1:]} is no work of this corpus") from None
            if created:
                warnings.append(f"{d.file}:{d.line}: {nm} is not in the corpus; added as a work")
            keys.append(key)
        old, new = keys
        if old == new:
            raise ValueError(f"{d.file}:{d.line}: old and new are the same work ({d.old})")
        out.append(Relation("repeals", new, old, "declared", None, f"declared in {Path(d.file).name} line {d.line}",
                            1.0, d.in_force))
    return out


# ------------------------------------------------------------------ inferred replacements

def _core_title(t: str) -> str:
    """What a title is about: without issuer (before 关于), 印发/转发 wrapper and brackets."""
    k = title_key(t)
    i = k.find("关于")
    if i >= 0:
        k = k[i + 2:]
    k = re.sub(r"^(?:印发|转发|颁布|公布)", "", k)
    k = re.sub(r"的(?:通知|函|决定|批复)$", "", k)
    return re.sub(r"[〈〉《》<>]", "", k)


def title_similarity(a: str, b: str) -> float:
    """0–1 similarity of two titles (of what they are about)."""
    x, y = _core_title(a), _core_title(b)
    if not x or not y:
        return 0.0
    return SequenceMatcher(None, x, y, autojunk=False).ratio()


def _date(w: Work) -> str | None:
    return w.in_force or w.adopted


def _year(w: Work) -> int | None:
    d = _date(w)
    return int(d[:4]) if d else w.doc_year


def _newer(old: Work, new: Work) -> bool:
    do, dn = _date(old), _date(new)
    if do and dn:
        return dn > do
    yo, yn = _year(old), _year(new)
    if yo and yn and yo != yn:
        return yn > yo
    if old.issuer_code and old.issuer_code == new.issuer_code and old.doc_year and old.doc_year == new.doc_year:
        return (new.serial or 0) > (old.serial or 0)
    return False


@dataclass
class _Evidence:
    old: str
    new: str
    common_issuers: list[str]
    same_code: str | None
    similarity: float
    dated: bool
    series: list[str] = field(default_factory=list)  # Series keys
    citations: set[str] = field(default_factory=set)

    @property
    def confidence(self) -> float:
        c = 0.4 + (0.2 if self.common_issuers else 0) + (0.1 if self.same_code else 0) + 0.2 * self.similarity
        c += (0.1 if self.dated else 0) + min(0.1, 0.05 * (len(self.series) - 1))
        return round(min(MAX_INFERRED, c), 2)


def _candidate(old: Work, new: Work, to_year: int) -> _Evidence | None:
    if not old.title or not new.title:
        return None
    common = [i for i in old.issuers if i in new.issuers]
    code = old.issuer_code if old.issuer_code and old.issuer_code == new.issuer_code else None
    if not common and not code:
        return None
    sim = title_similarity(old.title, new.title)
    if sim < MIN_SIMILARITY or not _newer(old, new):
        return None
    if new.in_force:
        if new.in_force > f"{to_year}-01-01":
            return None
    else:
        y = _year(new)
        if y is None or y >= to_year:
            return None
    return _Evidence(old.key, new.key, common, code, round(sim, 3), bool(new.in_force))


def _why(ev: _Evidence, corpus: Corpus) -> str:
    old, new = corpus.works[ev.old], corpus.works[ev.new]
    parts = ["same project" if len(ev.series) == 1 else f"{len(ev.series)} projects"]
    if ev.common_issuers:
        parts.append(f"same issuer ({'、'.join(ev.common_issuers)})")
    if ev.same_code:
        parts.append(f"same issuer code ({ev.same_code})")
    kind = "near-identical title" if ev.similarity >= NEAR_IDENTICAL else "similar title"
    parts.append(f"{kind} ({old.title} -> {new.title})")
    if new.in_force:
        parts.append(f"the new one in force from {new.in_force}")
    else:
        parts.append(f"the new one of {_year(new)}")
    return ", ".join(parts)


def _bureau_years(corpus: Corpus) -> dict[str, list[int]]:
    years: dict[str, set[int]] = defaultdict(set)
    for s in corpus.sources:
        if s.kind == "disclosure" and s.issuer and s.year:
            years[s.issuer].add(s.year)
    return {b: sorted(ys) for b, ys in sorted(years.items())}


def _series_year_cites(corpus: Corpus, cites: dict[str, dict[str, Cited]]) -> dict[tuple[str, int], dict[str, Cited]]:
    """(Series.key, year) → Work.key → Cited, merged over the series' project-years of that year."""
    out: dict[tuple[str, int], dict[str, Cited]] = {}
    for p in sorted(corpus.project_years, key=lambda p: (p.year, p.no)):
        merged = out.setdefault((p.series, p.year), {})
        for k, c in cites.get(p.id, {}).items():
            m = merged.get(k)
            if m is None:
                merged[k] = Cited(k, c.first, set(c.articles), set(c.sections), list(c.citations))
            else:
                m.articles |= c.articles
                m.sections |= c.sections
                m.citations += c.citations
    return out


def infer_replacements(corpus: Corpus, cites: dict[str, dict[str, Cited]],
                       sy: dict[tuple[str, int], dict[str, Cited]] | None = None) -> list[Relation]:
    """Replacements inferred from series that drop one work and add a similar, newer one
    (``sy``: :func:`_series_year_cites` of ``cites``, when the caller has it)."""
    asserted = {(r.subject, r.object) for r in corpus.relations if r.kind in ("repeals", "replaces")}
    replaced = {r.object for r in corpus.relations if r.kind in ("repeals", "replaces") and r.origin != "inferred"}
    sy = sy if sy is not None else _series_year_cites(corpus, cites)
    found: dict[tuple[str, str], _Evidence] = {}
    series_of: dict[str, list[str]] = defaultdict(list)  # grouped once: a scan per bureau is quadratic
    for k, s in sorted(corpus.series.items()):
        series_of[s.issuer].append(k)
    for bureau, years in _bureau_years(corpus).items():
        series = series_of.get(bureau, [])
        for y1, y2 in zip(years, years[1:]):
            for sk in series:
                a, b = sy.get((sk, y1)), sy.get((sk, y2))
                if a is None or b is None:
                    continue
                dropped = [k for k in a if k not in b]
                added = [k for k in b if k not in a]
                for o in dropped:
                    if o in replaced:
                        continue
                    for n in added:
                        if (n, o) in asserted or (o, n) in asserted:
                            continue
                        ev = _candidate(corpus.works[o], corpus.works[n], y2)
                        if ev is None:
                            continue
                        ev = found.setdefault((o, n), ev)
                        if sk not in ev.series:
                            ev.series.append(sk)
                        ev.citations |= set(a[o].citations) | set(b[n].citations)
    # Each old work has at most one inferred replacement, each new work replaces at most one.
    out: list[Relation] = []
    used_old: set[str] = set()
    used_new: set[str] = set()
    for ev in sorted(found.values(), key=lambda e: (-e.confidence, -e.similarity, e.old, e.new)):
        if ev.old in used_old or ev.new in used_new:
            continue
        used_old.add(ev.old)
        used_new.add(ev.new)
        out.append(Relation("replaces", ev.new, ev.old, "inferred", None, _why(ev, corpus), ev.confidence,
                            corpus.works[ev.new].in_force, tuple(sorted(ev.citations))))
    return out


# ------------------------------------------------------------------ stale citations

_ORIGIN_RANK = {"stated": 0, "declared": 1, "inferred": 2}


def _replacements(corpus: Corpus) -> dict[str, list[tuple[str, str, str]]]:
    """Old Work.key → [(in force date, new Work.key, origin)] for every dated replacement."""
    out: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for r in corpus.relations:
        if r.kind not in ("repeals", "replaces") or r.subject not in corpus.works:
            continue
        when = r.in_force or corpus.works[r.subject].in_force or _assumed_in_force(corpus.works[r.subject])
        if when:
            out[r.object].append((when, r.subject, r.origin))
    for v in out.values():
        v.sort(key=lambda t: (t[0], _ORIGIN_RANK.get(t[2], 3), t[1]))
    return out


def _assumed_in_force(w: Work) -> str | None:
    """When no text dates a replacing work: in force by 1 January after the year
    of its number (a notice takes effect when issued, at the latest that year) —
    the same assumption the inference makes when it accepts the candidate."""
    y = _year(w)
    return f"{y + 1}-01-01" if y else None


def _current(repl: dict[str, list[tuple[str, str, str]]], key: str, day: str) -> list[str]:
    """The replacements of ``key`` in force on ``day``, following the chain: [first, …, current]."""
    chain = []
    seen = {key}
    while True:
        nxt = [t for t in repl.get(key, ()) if t[0] <= day and t[1] not in seen]
        if not nxt:
            return chain
        key = max(nxt, key=lambda t: (t[0], -_ORIGIN_RANK.get(t[2], 3)))[1]
        seen.add(key)
        chain.append(key)


def find_stale(corpus: Corpus, cites: dict[str, dict[str, Cited]]) -> list[dict]:
    """Project-years citing a work not in force at any time of their budget year.

    A citation is not ``replaced`` when the same project-year also cites the replacement."""
    repl = _replacements(corpus)
    out = []
    for p in sorted(corpus.project_years, key=lambda p: (p.year, p.source, p.no)):
        jan1, dec31 = f"{p.year}-01-01", f"{p.year}-12-31"
        cited = cites.get(p.id, {})
        for key, c in cited.items():
            w = corpus.works[key]
            rec = None
            chain = _current(repl, key, jan1)
            if chain:
                if not any(k in cited for k in chain):
                    cur = corpus.works[chain[-1]]
                    rec = {"reason": "replaced", "replacement": cur.key, "replaced_by": cur.label}
            elif w.no_longer_in_force and w.no_longer_in_force < jan1:
                rec = {"reason": "no_longer_in_force"}
            elif w.in_force and w.in_force > dec31:
                rec = {"reason": "not_yet_in_force"}
            if rec is not None:
                out.append({"citing": p.id, "work": key, "year": p.year, **rec, "label": w.label,
                            "sections": sorted(c.sections), "citations": list(c.citations)})
    return out


# ------------------------------------------------------------------ entry points used by the build

def apply_inference(result, declared=None) -> None:
    """Add declared and inferred replacements to the corpus; fill ``result.stale`` and ``result.changes``."""
    corpus: Corpus = result.corpus
    corpus.relations = [r for r in corpus.relations if r.origin == "stated"]
    if declared:
        decls = read_declared(declared)
        corpus.relations += declared_relations(corpus, decls, result.warnings)
    cites = project_cites(corpus)
    sy = _series_year_cites(corpus, cites)
    corpus.relations += infer_replacements(corpus, cites, sy)
    corpus.relations = _sorted_relations(corpus.relations)
    result.stale = find_stale(corpus, cites)
    data = change_data(result, cites, sy)
    result.changes = reports(data)
    result.changes_data = data  # write_changes writes these rather than computing them again


def _sorted_relations(rels: list[Relation]) -> list[Relation]:
    seen = {}
    for r in rels:
        seen.setdefault((r.kind, r.subject, r.object, r.origin), r)
    return sorted(seen.values(), key=lambda r: (r.kind, r.subject, r.object, r.origin))


def write_changes(result, out_dir) -> None:
    """Write ``changes.json`` (reports and per-year data) and ``changes.md`` into ``out_dir``."""
    out = Path(out_dir)
    if getattr(result, "changes_data", None):  # computed by apply_inference
        data, reps = result.changes_data, result.changes
    else:
        data = change_data(result)
        reps = reports(data)
    doc = {"version": CHANGES_VERSION, "reports": reps, "data": data}
    # Compact: json's C encoder is used only without ``indent`` (8 s instead of 1 at 10,000 documents).
    (out / "changes.json").write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n",
                                      encoding="utf-8")
    (out / "changes.md").write_text(render_md(reps, data), encoding="utf-8")


# ------------------------------------------------------------------ the per-year data and reports

def _article_sort(a: str) -> tuple[int, ...]:
    return tuple(int(x) if x.isdigit() else 0 for x in a.split("-"))


def change_data(result, cites: dict[str, dict[str, Cited]] | None = None,
                sy: dict[tuple[str, int], dict[str, Cited]] | None = None) -> dict:
    """Everything the reports need, JSON-ready, works named by label (number, else title)."""
    corpus: Corpus = result.corpus
    cites = cites if cites is not None else project_cites(corpus)
    label = {k: w.label for k, w in corpus.works.items()}
    bureau_years = _bureau_years(corpus)
    series = corpus.series
    projects = []
    for p in sorted(corpus.project_years, key=lambda p: (series[p.series].issuer, p.year, p.no)):
        projects.append({
            "bureau": series[p.series].issuer, "year": p.year, "no": p.no, "name": p.name,
            "cites": [{"work": label[k], "articles": sorted(c.articles, key=_article_sort)}
                      for k, c in cites[p.id].items()],
        })
    # Which series cited the old work, later the new one: work → series → years citing it.
    sy = sy if sy is not None else _series_year_cites(corpus, cites)
    years_of: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for (sk, y), works in sorted(sy.items(), key=lambda kv: kv[0][1]):
        for k in works:
            years_of[k][sk].append(y)
    source_names = {s.id: s.name for s in corpus.sources}
    reps = []
    for r in corpus.relations:
        if r.kind not in ("repeals", "replaces") or r.subject not in corpus.works or r.object not in corpus.works:
            continue
        followed = []
        old_years = years_of.get(r.object, {})
        for sk, ny in years_of.get(r.subject, {}).items():
            oy = [y for y in old_years.get(sk, ()) if y < ny[0]]
            if oy:
                followed.append({"bureau": series[sk].issuer, "project": series[sk].name, "from": max(oy), "to": ny[0]})
        followed.sort(key=lambda f: (f["bureau"], f["project"]))
        reps.append({
            "old": label[r.object], "new": label[r.subject], "kind": r.origin, "relation": r.kind,
            "confidence": round(r.confidence, 2), "why": _why_text(r, source_names),
            "in_force": r.in_force or corpus.works[r.subject].in_force, "followed_by": followed,
        })
    reps.sort(key=lambda x: (x["in_force"] or "9999", x["old"], x["new"], _ORIGIN_RANK.get(x["kind"], 3)))
    pys = {p.id: p for p in corpus.project_years}
    stale = []
    for st in result.stale:
        p = pys[st["citing"]]
        e = {"bureau": series[p.series].issuer, "year": st["year"], "project": p.name, "no": p.no,
             "work": label[st["work"]], "reason": st["reason"]}
        if st.get("replacement"):
            e["replaced_by"] = label[st["replacement"]]
        stale.append(e)
    stale.sort(key=lambda e: (e["bureau"], e["year"], e["no"]))
    years = sorted({y for ys in bureau_years.values() for y in ys})
    return {"years": years, "bureaus": bureau_years, "projects": projects, "replacements": reps,
            "stale_citations": stale}


def _why_text(r: Relation, source_names: dict[str, str]) -> str:
    if r.origin == "stated":
        src = source_names.get(r.source or "", "a source text")
        quote = " ".join((r.evidence or "").split())
        return f"stated in {src}: {quote}" if quote else f"stated in {src}"
    return r.evidence or r.origin


def consecutive_pairs(data: dict) -> list[tuple[int, int]]:
    ys = data["years"]
    return list(zip(ys, ys[1:]))


def _project_entries(bureau: str, before: dict, after: dict, y1: int, y2: int, several: bool) -> list[dict]:
    def entry(name, status, **kw):
        e = {"name": name, "status": status, **kw}
        if several:
            e["bureau"] = bureau
        return e

    out = []
    for name, p in before.items():
        if name not in after:
            continue
        q = after[name]
        a, b = p["cites"], q["cites"]
        e = entry(name, "kept", added=[w for w in b if w not in a], removed=[w for w in a if w not in b],
                  kept=[w for w in b if w in a])
        arts: dict[str, dict[str, list[str]]] = {}
        for w in list(a) + [w for w in b if w not in a]:
            for y, cs in ((y1, a), (y2, b)):
                if cs.get(w):
                    arts.setdefault(w, {})[str(y)] = cs[w]
        if arts:
            e["articles"] = arts
        out.append(e)
    out += [entry(name, "dropped") for name in before if name not in after]
    out += [entry(name, "new") for name in after if name not in before]
    return out


def _year_projects(projects: list[dict]) -> dict[str, dict]:
    """Project name → {"no", "cites": {work label: [articles]}} (same-named projects merged)."""
    out: dict[str, dict] = {}
    for p in projects:
        e = out.setdefault(p["name"], {"no": p["no"], "cites": {}})
        for c in p["cites"]:
            arts = e["cites"].setdefault(c["work"], [])
            arts.extend(a for a in c["articles"] if a not in arts)
    for e in out.values():
        for arts in e["cites"].values():
            arts.sort(key=_article_sort)
    return out


def report(data: dict, y1: int, y2: int) -> dict:
    """The changes between budget years ``y1`` and ``y2`` (bureaus that published in both)."""
    bureaus = [b for b, ys in data["bureaus"].items() if y1 in ys and y2 in ys]
    several = len(bureaus) > 1
    by_year: dict[tuple[str, int], list[dict]] = defaultdict(list)
    for p in data["projects"]:
        if p["year"] in (y1, y2):
            by_year[(p["bureau"], p["year"])].append(p)
    projects = []
    cited_before: set[str] = set()
    for b in bureaus:
        before, after = _year_projects(by_year[(b, y1)]), _year_projects(by_year[(b, y2)])
        for p in before.values():
            cited_before |= set(p["cites"])
        projects += _project_entries(b, before, after, y1, y2, several)
    jan1 = f"{y2}-01-01"
    replacements = [
        {k: r[k] for k in ("old", "new", "kind", "relation", "confidence", "why", "in_force")}
        for r in data["replacements"]
        if r["old"] in cited_before and (r["in_force"] is None or r["in_force"] <= jan1)
    ]
    stale = []
    for s in data["stale_citations"]:
        if s["bureau"] in bureaus and s["year"] in (y1, y2):
            e = {k: v for k, v in s.items() if k not in ("bureau", "no")}
            if several:
                e["bureau"] = s["bureau"]
            stale.append(e)
    return {"from": y1, "to": y2, "bureaus": bureaus, "projects": projects, "replacements": replacements,
            "stale_citations": stale}


def reports(data: dict, pairs: list[tuple[int, int]] | None = None) -> list[dict]:
    return [report(data, a, b) for a, b in (consecutive_pairs(data) if pairs is None else pairs)]


def replacement_chain(data: dict, work: str) -> list[dict]:
    """The replacement chain through ``work`` (a label), as ``replacement_chain.rq`` gives it: one
    row per member and replacement it has, ``position`` = how many works precede it, in chain order."""
    succ: dict[str, list[dict]] = defaultdict(list)
    pred: dict[str, set[str]] = defaultdict(set)
    for r in data["replacements"]:
        succ[r["old"]].append(r)
        pred[r["new"]].add(r["old"])

    def reach(start: str, step) -> set[str]:
        seen, todo = set(), [start]
        while todo:
            for y in step(todo.pop()):
                if y not in seen:
                    seen.add(y)
                    todo.append(y)
        return seen

    members = {work} | reach(work, lambda x: [r["new"] for r in succ.get(x, ())])
    members |= reach(work, lambda x: pred.get(x, ()))
    if len(members) == 1:
        return []
    rows = []
    for m in members:
        pos = len(reach(m, lambda x: pred.get(x, ())))
        for r in succ.get(m) or [None]:
            rows.append({
                "position": pos, "member": m, "next": r["new"] if r else None, "kind": r["kind"] if r else None,
                "confidence": r["confidence"] if r and r["kind"] == "inferred" else None,
                "in_force": r["in_force"] if r else None,
            })
    rows.sort(key=lambda r: (r["position"], r["member"], r["next"] or "", r["kind"] or ""))
    return rows


def chains(data: dict) -> list[list[str]]:
    """Every maximal replacement chain (from a work nothing replaces), as labels in order."""
    succ: dict[str, list[str]] = defaultdict(list)
    news = set()
    for r in data["replacements"]:
        if r["new"] not in succ[r["old"]]:
            succ[r["old"]].append(r["new"])
        news.add(r["new"])
    out = []

    def walk(path: list[str]) -> None:
        nxt = [n for n in succ.get(path[-1], ()) if n not in path]
        if not nxt:
            out.append(path)
        for n in sorted(nxt):
            walk(path + [n])

    for root in sorted(k for k in succ if k not in news):
        walk([root])
    return out


# ------------------------------------------------------------------ reading the build's output

def load_changes(out_dir) -> dict:
    """The ``data`` of ``DIR/changes.json``; ValueError (one line) when it is missing or not ours."""
    path = Path(out_dir) / "changes.json"
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValueError(f"{path}: not found; run `policykg build` first") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ValueError(f"{path}: cannot read ({e})") from None
    if not isinstance(doc, dict) or doc.get("version") != CHANGES_VERSION or "data" not in doc:
        raise ValueError(f"{path}: not a policykg changes file (version {CHANGES_VERSION}); "
                         "rebuild with `policykg build`")
    return doc["data"]


# ------------------------------------------------------------------ rendering

def _work_md(w: str, p: dict, year: int) -> str:
    arts = p.get("articles", {}).get(w, {}).get(str(year))
    return f"{w}（第{'、'.join(arts)}条）" if arts else w


def render_md(reps: list[dict], data: dict) -> str:
    """The reports as Markdown (with the replacement chains of the corpus)."""
    lines = ["# Changes between budget years", ""]
    if not reps:
        lines += ["Fewer than two budget years: nothing to compare.", ""]
    for r in reps:
        lines += [f"## {r['from']} → {r['to']}", ""]
        if not r["bureaus"]:
            lines += ["No bureau published a disclosure in both years.", ""]
        by_bureau: dict[str, list[dict]] = defaultdict(list)  # grouped once: a scan per bureau is quadratic
        for p in r["projects"]:
            by_bureau[p.get("bureau")].append(p)
        for b in r["bureaus"]:
            ps = by_bureau.get(b, []) + by_bureau.get(None, [])
            lines += [f"### {b}", "", "| project | status | added | removed | kept |", "|---|---|---|---|---|"]
            for p in ps:
                cells = ["" if p["status"] != "kept" else "<br>".join(_work_md(w, p, y) for w in p[k])
                         for k, y in (("added", r["to"]), ("removed", r["from"]), ("kept", r["to"]))]
                lines.append(f"| {p['name']} | {p['status']} | " + " | ".join(cells) + " |")
            lines.append("")
        lines += ["### Replacements", ""]
        lines += [f"- {x['old']} → {x['new']} ({x['kind']}, confidence {x['confidence']}): {x['why']}"
                  for x in r["replacements"]] or ["None."]
        lines += ["", "### Stale citations", ""]
        lines += [f"- {s['year']} {s['project']}: {s['work']} ({s['reason'].replace('_', ' ')}"
                  + (f"; now {s['replaced_by']}" if s.get("replaced_by") else "") + ")"
                  for s in r["stale_citations"]] or ["None."]
        lines.append("")
    cs = chains(data)
    if cs:
        lines += ["## Replacement chains", ""] + [f"- {' → '.join(c)}" for c in cs] + [""]
    return "\n".join(lines)


def render_html(reps: list[dict], data: dict) -> str:
    """The reports as one self-contained HTML page."""
    e = html.escape
    parts = ["<!DOCTYPE html><html lang=\"zh\"><head><meta charset=\"utf-8\"><title>policykg changes</title>",
             "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
             "td,th{border:1px solid #ccc;padding:.3em .6em;vertical-align:top}"
             ".dropped{color:#a00}.new{color:#070}</style></head><body>",
             "<h1>Changes between budget years</h1>"]
    if not reps:
        parts.append("<p>Fewer than two budget years: nothing to compare.</p>")
    for r in reps:
        parts.append(f"<h2>{r['from']} → {r['to']}</h2>")
        for b in r["bureaus"]:
            parts.append(f"<h3>{e(b)}</h3><table><tr><th>project</th><th>status</th><th>added</th>"
                         "<th>removed</th><th>kept</th></tr>")
            for p in r["projects"]:
                if p.get("bureau", b) != b:
                    continue
                cells = ["" if p["status"] != "kept" else "<br>".join(e(_work_md(w, p, y)) for w in p[k])
                         for k, y in (("added", r["to"]), ("removed", r["from"]), ("kept", r["to"]))]
                parts.append(f"<tr class=\"{p['status']}\"><td>{e(p['name'])}</td><td>{p['status']}</td>"
                             + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
            parts.append("</table>")
        parts.append("<h3>Replacements</h3><ul>")
        parts += [f"<li>{e(x['old'])} → {e(x['new'])} ({x['kind']}, confidence {x['confidence']}): {e(x['why'])}</li>"
                  for x in r["replacements"]] or ["<li>None.</li>"]
        parts.append("</ul><h3>Stale citations</h3><ul>")
        parts += [f"<li>{s['year']} {e(s['project'])}: {e(s['work'])} ({s['reason'].replace('_', ' ')}"
                  + (f"; now {e(s['replaced_by'])}" if s.get("replaced_by") else "") + ")</li>"
                  for s in r["stale_citations"]] or ["<li>None.</li>"]
        parts.append("</ul>")
    parts.append("</body></html>\n")
    return "\n".join(parts)
