"""From per-document analyses to one corpus model with identities.

Identity rules (the same input gives the same identities, run after run):

* A work with a number is identified by its canonical number.
* A title is identified by its normalised title (whitespace, ``_``, bracket
  styles and a leading ``中华人民共和国`` do not matter); a title and a number
  paired anywhere in the corpus are the same work.  A title paired with two
  different numbers stays two works, and an unpaired mention of it stays with
  the title.
* Law articles are parts of their law; a project series is one bureau's
  project name across years.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from extractors.normalize import title_key
from extractors.registry import load_registry, split_joint_issuers

from .analyse import DocAnalysis
from .model import Citation, Corpus, Org, ProjectYear, Relation, Series, SourceDoc, Work

__all__ = ["SourceInfo", "SourcePart", "source_part", "fold", "PART_VERSION", "build_corpus", "identity_key", "work_key_for_title", "h"]

_PRC = "中华人民共和国"
QUOTE_CONTEXT = 32  # characters of prefix/suffix kept with each quote


def h(*parts: object, n: int = 16) -> str:
    """Deterministic ASCII id from parts."""
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:n]


def identity_key(title: str) -> str:
    """Identity of a title: its comparison key without a leading 中华人民共和国."""
    k = title_key(title)
    if k.startswith(_PRC) and len(k) > len(_PRC) + 1:
        k = k[len(_PRC):]
    return k


@lru_cache(maxsize=1 << 16)  # every number mention asks, and numbers recur
def number_identity(number: str) -> str:
    """Identity of a canonical number: without a leading 中华人民共和国, and an
    order or announcement in the inverted form (``国务院第588号令``, ``国家税务总局2019年第12号公告``)
    in the usual one (``国务院令第588号``, ``国家税务总局公告2019年第12号``).

    The extractors keep order and announcement numbers as written
    (``中华人民共和国国务院令第253号``), but they name the same work as
    ``国务院令第253号``; bracketed numbers never carry the prefix.  Joint issuers are
    written with spaces or with 、 (``财政部 税务总局公告…``, ``财政部、税务总局公告…``):
    the extractors drop the spaces and keep the 、, and the work is the same."""
    if number.startswith(_PRC) and len(number) > len(_PRC) + 1:
        number = number[len(_PRC):]
    number = number.replace("、", "")
    m = _INVERTED_ORDER.fullmatch(number)
    if m:
        number = f"{m['issuer']}令第{m['serial']}号"
    m = _INVERTED_ANNOUNCEMENT.fullmatch(number)
    if m:
        number = f"{m['issuer']}公告{m['year']}年第{m['serial']}号"
    return number


_USUAL_FORM = {"inverted_order": "order", "inverted_announcement": "announcement"}
# 国务院第588号令, 总局2号令, 建设部〔2007〕第162号令: the issuer, then the serial, then 令
# (an order's serial runs on across years: the year bracket does not name another order).
_INVERTED_ORDER = re.compile(r"(?P<issuer>[^\d第令〔]+?)(?:〔\d{4}〕)?第?(?P<serial>\d+)号令")
# 国家税务总局2019年第12号公告: the issuer, the year, the serial, then 公告.
_INVERTED_ANNOUNCEMENT = re.compile(r"(?P<issuer>[^\d]+?)(?P<year>\d{4})年第(?P<serial>\d+)号公告")


@dataclass(frozen=True)
class SourceInfo:
    """The file behind an analysis (from :class:`extractors.reading.SourceText`)."""

    path: str
    name: str
    sha256: str
    format: str
    encoding: str | None
    warnings: tuple[str, ...] = ()


def work_key_for_title(title: str, paired_number: str | None, title_numbers: dict[str, set[str]]) -> str:
    if paired_number:
        return "n:" + number_identity(paired_number)
    nums = title_numbers.get(identity_key(title), set())
    if len(nums) == 1:
        return "n:" + number_identity(next(iter(nums)))
    return "t:" + identity_key(title)


# ------------------------------------------------------------------ one document's share

def _code_version() -> str:
    """What a cached :class:`SourcePart` depends on besides its document: the code that makes
    it and the registry data that splits joint issuers (the analysis has its own version)."""
    from pathlib import Path

    here, extractors = Path(__file__).parent, Path(__file__).parents[1] / "extractors"
    files = [here / "corpus.py", here / "model.py", extractors / "normalize.py", extractors / "registry.py",
             *sorted((extractors / "data").glob("*"))]
    return hashlib.blake2b(b"".join(p.read_bytes() for p in files if p.is_file()), digest_size=6).hexdigest()


PART_VERSION = _code_version()

# A reference to a work, resolved when the whole corpus is known (:func:`fold`):
#   ("n", number)                  the work of a number
#   ("t", title, paired, full)     the work of a title: ``paired`` is the number the text pairs it
#                                  with, ``full`` the issuer-titled full title (国务院 + 关于…) or None
#   ("raw", key)                   a key as it is (转发 X not yet resolved: "?<title key>")
Ref = tuple


@dataclass
class SourcePart:
    """One document's share of the corpus model, before identities are decided across the corpus.

    Everything in it follows from the document's analysis and name alone, so the build
    cache keeps it (:data:`PART_VERSION`) and a rebuild folds the unchanged documents' parts
    without analysing or even loading their analyses.  What depends on other documents, the
    identity of each work a mention refers to, is kept as references (:data:`Ref`) and
    resolved by :func:`fold`, which replays the document's effects on works (``ops``) in the
    order building the model one document after the other would have."""

    source: SourceDoc
    projects: list[tuple[Series, ProjectYear, str | None]]  # with the unit that implements it
    citations: list[Citation]  # their ``work`` is set by fold, from ``citation_refs``
    citation_refs: list[int]  # index into ``refs`` of each citation's work
    refs: list[Ref]
    ops: list[tuple]  # (what, ref index, …) in text order: see fold()
    relations: list[tuple]  # (kind, subject ref index, object ref index, evidence, confidence, check_own)
    own: int | None  # ref index of the work this text itself is
    pairs: list[tuple[str, str]]  # (title identity key, number identity): what pass 1 learns
    full_titles: list[str]  # identity keys of titles written without an issuer before them

    def __reduce__(self):  # a constructor call, as the model's records (kg.model)
        return SourcePart, (self.source, self.projects, self.citations, self.citation_refs, self.refs, self.ops,
                            self.relations, self.own, self.pairs, self.full_titles)


def source_part(info: SourceInfo, a: DocAnalysis) -> SourcePart:
    """The part of one analysed document (see :class:`SourcePart`)."""
    sid = h(info.name)
    d = a.disclosure
    src = SourceDoc(
        id=sid, path=info.path, name=info.name, sha256=info.sha256, format=info.format,
        encoding=info.encoding, text=a.text, kind="disclosure" if d else "document",
        issuer=d.issuer if d else None, year=d.year if d else None, title=d.title if d else a.own_title,
        warnings=info.warnings,
    )
    refs: list[Ref] = []
    ref_index: dict[Ref, int] = {}
    ops: list[tuple] = []
    citations: list[Citation] = []
    citation_refs: list[int] = []
    relations: list[tuple] = []

    def ref(r: Ref) -> int:
        i = ref_index.get(r)
        if i is None:
            i = ref_index[r] = len(refs)
            refs.append(r)
        return i

    def number_work(number: str) -> int:
        i = ref(("n", number))
        ops.append(("work", i))
        return i

    def title_work(title: str, paired: str | None = None, full: str | None = None) -> int:
        i = ref(("t", title, paired, full))
        ops.append(("title", i, title))  # one more spelling of the work's title
        return i

    # Pass 1's facts: the numbers each title is paired with, the titles written in full.
    pairs = []
    for p in a.pairs:
        n = number_identity(p.number.number)
        pairs.append((identity_key(p.title.title), n))
        if _issuer_titled(p.title):
            pairs.append((identity_key(p.title.issuer_before + p.title.title), n))
    full_titles = [identity_key(t.title) for t in a.titles if not t.issuer_before]

    # Projects.
    projects: dict[int, ProjectYear] = {}
    project_list: list[tuple[Series, ProjectYear, str | None]] = []
    if d is not None:
        for p in d.projects:
            name = p.name.rstrip("。")
            skey = h(d.issuer, name)
            py = ProjectYear(
                id=h(d.issuer, d.year, name, p.no), series=skey, source=sid, year=d.year, no=p.no,
                name=name, unit=p.unit, amount_wan=p.amount_wan, period=p.period, cstart=p.cstart, cend=p.cend,
            )
            projects[p.no] = py
            project_list.append((Series(key=skey, issuer=d.issuer, name=name), py, p.unit))

    paired_title = {p.title.start: p.number.number for p in a.pairs}
    paired_number = {p.number.start: p.title for p in a.pairs}

    def cite(m, r: int, kind: str, matched_by: str, article: str | None = None, **extra) -> None:
        no, section = a.placement.get((m.start, m.end), (None, None))
        citing = projects[no].id if no is not None and no in projects else sid
        citations.append(
            Citation(
                id=h(info.name, kind, m.start, m.end, article or ""), source=sid, citing=citing, section=section,
                kind=kind, work="", article=article, matched_by=matched_by, start=m.start, end=m.end,
                exact=a.text[m.start:m.end], prefix=a.text[max(0, m.start - QUOTE_CONTEXT):m.start],
                suffix=a.text[m.end:m.end + QUOTE_CONTEXT], sentence=a.sentences.get((m.start, m.end)), **extra,
            )
        )
        citation_refs.append(r)

    # Numbers.
    for n in a.numbers:
        i = number_work(n.number)
        ops.append(("facts", i, _number_fact_values(n)))
        if n.form != "bracketed" and n.issuer:
            ops.append(("issuers", i, "number", [n.issuer]))
        elif n.issuer:
            ops.append(("issuers", i, "registry", [n.issuer]))
        cite(n, i, "document_number", "title+number" if n.start in paired_number else "number")

    # Titles (outer and nested).
    title_works: dict[int, int] = {}
    for t in a.titles:
        i = title_work(t.title, paired_title.get(t.start), t.issuer_before + t.title if _issuer_titled(t) else None)
        title_works[t.start] = i
        cite(t, i, "title", "title+number" if t.start in paired_title else "title")
        raw = a.raw_titles.get(t.start, t.title)
        from_title = issuers_from_title(raw)
        if from_title:
            ops.append(("issuers", i, "title", from_title))
        elif t.issuer_before:
            ops.append(("issuers", i, "context", split_joint_issuers(t.issuer_before)))

    # Articles: parts of their law.
    for art in a.articles:
        i = title_work(art.law or "")
        ops.append(("article", i, art.article))
        cite(art, i, "article", "article", article=art.article, paragraph=art.paragraph, item=art.item, via=art.via)

    def cited_title_work(t) -> int:
        """The work of a title a statement names: the cited title's, or one of its own."""
        i = title_works.get(t.start)
        return i if i is not None else title_work(t.title)

    def own_work() -> int | None:
        if a.own_number is not None:
            i = number_work(a.own_number.number)
            ops.append(("facts", i, _number_fact_values(a.own_number)))
            if a.own_title:
                ops.append(("title", i, a.own_title))
            return i
        if a.own_title:
            return title_work(a.own_title)
        return None

    # What the text says about cited works: dates.
    for ds in a.dates:
        i = None
        if ds.number is not None:
            i = number_work(ds.number.number)
        elif ds.title is not None:
            i = cited_title_work(ds.title)
        elif a.own_number is not None or a.own_title:
            i = own_work()
        if i is None:
            continue
        ops.append(("dates", i, ds.adopted, ds.in_force, ds.expires))

    # The work this text itself is (an order, a notice): its own number or title.
    own = own_work() if d is None else None

    # 印发 / 转发 in titles.
    for t in a.titles:
        if t.parent is not None:
            continue
        i = title_works[t.start]
        inner = [x for x in a.titles if x.parent == t.start]
        if "印发" in t.title:
            for x in inner or []:
                relations.append(("promulgates", i, title_works[x.start], t.title, 1.0, False))
            if not inner:
                m = re.search(r"印发(?P<x>.+?)(?:的通知|的决定|的函)?$", t.title)
                if m and len(m.group("x")) >= 4:
                    relations.append(("promulgates", i, title_work(m.group("x")), t.title, 1.0, False))
        if "转发" in t.title:
            for x in inner:
                relations.append(("forwards", i, title_works[x.start], t.title, 1.0, False))
            if not inner:
                m = re.search(r"转发(?P<x>.+)$", t.title)
                if m:
                    relations.append(("forwards", i, ref(("raw", "?" + title_key(m.group("x")))), t.title, 1.0, False))

    # Repeals stated in the text: the text's own work repeals the old one.
    for r in a.repeals:
        if own is None:
            continue
        if r.old_number is not None:
            old = number_work(r.old_number.number)
        elif r.old_title is not None:
            old = cited_title_work(r.old_title)
        else:
            continue
        relations.append(("repeals", own, old, r.evidence, 1.0 if r.kind == "repeal" else 0.9, True))

    return SourcePart(source=src, projects=project_list, citations=citations, citation_refs=citation_refs,
                      refs=refs, ops=ops, relations=relations, own=own, pairs=pairs, full_titles=full_titles)


def _number_fact_values(n) -> tuple:
    return (n.form, n.serial, n.code, n.year, n.level)


def build_corpus(items: Iterable[tuple[SourceInfo, DocAnalysis]]) -> Corpus:
    """The corpus model of analysed documents (sorted by name for determinism)."""
    return fold(source_part(info, a) for info, a in items)


def fold(parts: Iterable[SourcePart]) -> Corpus:
    """The corpus model of the documents' parts (sorted by name for determinism).

    Pass 1 learns which numbers each title is paired with anywhere in the corpus, and which
    titles are written in full somewhere (for 国务院《关于…》); pass 2 resolves each part's
    references to works and replays its effects on them, document after document."""
    parts = sorted(parts, key=lambda p: p.source.name)
    reg = load_registry()
    corpus = Corpus()

    title_numbers: dict[str, set[str]] = defaultdict(set)
    full_titles: set[str] = set()
    for part in parts:
        for k, n in part.pairs:
            title_numbers[k].add(n)
        full_titles.update(part.full_titles)
    full_titles.update(title_numbers)

    resolved: dict[Ref, str] = {}

    def key_of(r: Ref) -> str:
        k = resolved.get(r)
        if k is None:
            if r[0] == "n":
                k = "n:" + number_identity(r[1])
            elif r[0] == "t":
                _, title, paired, full = r
                identity = full if full is not None and identity_key(full) in full_titles else title
                k = work_key_for_title(identity, paired, title_numbers)
            else:
                k = r[1]
            resolved[r] = k
        return k

    def work(key: str) -> Work:
        w = corpus.works.get(key)
        if w is None:
            w = corpus.works[key] = Work(key=key)
            if key.startswith("n:"):
                w.number = key[2:]
        return w

    issuer_evidence: dict[str, dict[str, list[str]]] = defaultdict(dict)  # work → source kind → issuers

    for part in parts:
        src = part.source
        corpus.sources.append(src)
        corpus.warnings.extend(src.warnings)
        if src.kind == "disclosure":
            org(corpus, reg, src.issuer)  # type: ignore[arg-type]
        for series, py, unit in part.projects:
            corpus.series.setdefault(series.key, series)
            corpus.project_years.append(py)
            if unit:
                org(corpus, reg, unit)
        keys = [key_of(r) for r in part.refs]
        for op in part.ops:
            what, i = op[0], op[1]
            w = work(keys[i])
            if what == "title":
                w.titles[op[2]] = w.titles.get(op[2], 0) + 1
            elif what == "facts":
                _apply_number_facts(w, *op[2])
            elif what == "issuers":
                issuer_evidence[w.key].setdefault(op[2], op[3])
            elif what == "article":
                w.articles.add(op[2])
            elif what == "dates":
                _, _, adopted, in_force, expires = op
                w.adopted = w.adopted or adopted
                w.in_force = w.in_force or in_force
                if expires:  # 有效期至…: the last day in force the text itself states
                    w.no_longer_in_force = min(filter(None, (w.no_longer_in_force, expires)))
        for c, i in zip(part.citations, part.citation_refs):
            c.work = keys[i]
        corpus.citations.extend(part.citations)
        if part.own is not None:
            src.own_work = keys[part.own]
        for kind, i, j, evidence, confidence, check_own in part.relations:
            if check_own and keys[i] == keys[j]:
                continue  # a text does not repeal itself
            corpus.relations.append(Relation(kind, keys[i], keys[j], "stated", src.id, evidence, confidence))

    _settle_titles(corpus)
    _settle_issuers(corpus, reg, issuer_evidence)
    _settle_forwards(corpus)
    _settle_in_force(corpus)
    corpus.relations = _dedup_relations(corpus.relations)
    return corpus


def org(corpus: Corpus, reg, name: str) -> Org:
    o = corpus.orgs.get(name)
    if o is None:
        o = corpus.orgs[name] = Org(name=name, level=reg.admin_level(name))
    return o


def _issuer_titled(t) -> bool:
    """``国务院《关于…》``: a 关于 title with its issuer written before the brackets."""
    return bool(t.issuer_before) and t.title.startswith("关于")


def _identity_title(t, full_titles: set[str]) -> str:
    """The title a mention identifies: ``国务院《关于…的通知》`` is the notice whose full
    title ``国务院关于…的通知`` the corpus writes somewhere (or pairs with a number);
    otherwise the title as written."""
    if _issuer_titled(t):
        full = t.issuer_before + t.title
        if identity_key(full) in full_titles:
            return full
    return t.title


def number_facts(w: Work, n) -> None:
    """What a number says about its work: form, serial, issuer code, year, level."""
    _apply_number_facts(w, *_number_fact_values(n))


def _apply_number_facts(w: Work, form: str, serial, code, year, level) -> None:
    # The work's number is in the usual form (number_identity): so is its form.
    w.number_form = _USUAL_FORM.get(form, form)
    w.serial = serial
    if form == "bracketed":
        w.issuer_code = code
        w.doc_year = year
    elif year:
        w.doc_year = year
    if level and not w.level:
        w.level = level


_ORG_END = re.compile(r"(?:局|厅|部|委|委员会|院|政府|办公室|办公厅|署|会|中心|总局|领导小组|小组|司|处)$")


def issuers_from_title(raw_title: str) -> list[str]:
    """Issuing bodies written before 关于 in a title (joint issuers split)."""
    return list(_issuers_from_title(raw_title))


@lru_cache(maxsize=1 << 16)
def _issuers_from_title(raw_title: str) -> tuple[str, ...]:
    # Cached: the same titles are cited by many documents, and splitting joint
    # issuers against the registry was a third of building the corpus model.
    i = raw_title.find("关于")
    if i <= 0:
        return ()
    prefix = raw_title[:i].strip(" \u3000_")
    if not prefix:
        return ()
    compact = re.sub(r"[\s_\u3000]+", "", prefix)
    if not _ORG_END.search(compact) and not re.search(r"等\d*个?部[门委]$", compact):
        return ()
    return tuple(x for x in split_joint_issuers(prefix) if x)


def _settle_titles(corpus: Corpus) -> None:
    for w in corpus.works.values():
        if w.titles:
            # A law's official title (中华人民共和国…法) before its short name, then the most
            # frequent spelling; ties: without separators, then shortest, then text order.
            w.title = sorted(w.titles.items(), key=lambda kv: (not kv[0].startswith(_PRC), -kv[1], "_" in kv[0] or " " in kv[0],
                                                               len(kv[0]), kv[0]))[0][0]
        elif w.key.startswith("t:"):
            w.title = w.key[2:]


def _settle_issuers(corpus: Corpus, reg, evidence: dict[str, dict[str, list[str]]]) -> None:
    for key, ev in evidence.items():
        w = corpus.works[key]
        for kind in ("title", "context", "number", "registry"):
            if ev.get(kind):
                w.issuers = list(dict.fromkeys(ev[kind]))
                w.issuer_source = kind
                break
        for name in w.issuers:
            org(corpus, reg, name)
        if w.issuers and not w.level:
            w.level = reg.admin_level(w.issuers[0])


def _subject(title: str) -> str:
    """What a title is about: the part after 关于 (or the whole title)."""
    i = title.find("关于")
    return title_key(title[i + 2:] if i >= 0 else title)


def _settle_forwards(corpus: Corpus) -> None:
    """Resolve 转发 X to the work whose title is X (or is about X)."""
    by_subject: dict[str, list[str]] = defaultdict(list)
    for w in corpus.works.values():
        for t in w.titles or ([w.title] if w.title else []):
            by_subject[_subject(t)].append(w.key)
            by_subject[title_key(t)].append(w.key)
    kept = []
    for r in corpus.relations:
        if r.kind == "forwards" and r.object.startswith("?"):
            cands = sorted(set(k for k in by_subject.get(r.object[1:], []) if k != r.subject))
            if len(cands) == 1:
                kept.append(Relation("forwards", r.subject, cands[0], r.origin, r.source, r.evidence, r.confidence))
            continue
        kept.append(r)
    corpus.relations = kept


def _settle_in_force(corpus: Corpus) -> None:
    """A repealed work's last day in force is the day before its replacement's entry into force."""
    for r in corpus.relations:
        if r.kind == "repeals":
            new, old = corpus.works.get(r.subject), corpus.works.get(r.object)
            if new and old and new.in_force:
                last = (date.fromisoformat(new.in_force) - timedelta(days=1)).isoformat()
                # the earlier of the replacement's eve and a stated end of validity
                old.no_longer_in_force = min(filter(None, (old.no_longer_in_force, last)))


def _dedup_relations(rels: list[Relation]) -> list[Relation]:
    seen = {}
    for r in rels:
        k = (r.kind, r.subject, r.object, r.origin)
        if k not in seen:
            seen[k] = r
    return sorted(seen.values(), key=lambda r: (r.kind, r.subject, r.object, r.origin))
