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

__all__ = ["SourceInfo", "build_corpus", "identity_key", "work_key_for_title", "h"]

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
    ``国务院令第253号``; bracketed numbers never carry the prefix."""
    if number.startswith(_PRC) and len(number) > len(_PRC) + 1:
        number = number[len(_PRC):]
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


def build_corpus(items: Iterable[tuple[SourceInfo, DocAnalysis]]) -> Corpus:
    """The corpus model of analysed documents (sorted by name for determinism)."""
    items = sorted(items, key=lambda it: it[0].name)
    reg = load_registry()
    corpus = Corpus()

    # Pass 1: which numbers each title is paired with, anywhere in the corpus, and which
    # titles are written in full somewhere (for 国务院《关于…》, below).
    title_numbers: dict[str, set[str]] = defaultdict(set)
    full_titles: set[str] = set()
    for _, a in items:
        for p in a.pairs:
            n = number_identity(p.number.number)
            title_numbers[identity_key(p.title.title)].add(n)
            if _issuer_titled(p.title):
                title_numbers[identity_key(p.title.issuer_before + p.title.title)].add(n)
        for t in a.titles:
            if not t.issuer_before:
                full_titles.add(identity_key(t.title))
    full_titles.update(title_numbers)

    def work(key: str) -> Work:
        if key.startswith("n:"):
            key = "n:" + number_identity(key[2:])
        w = corpus.works.get(key)
        if w is None:
            w = corpus.works[key] = Work(key=key)
            if key.startswith("n:"):
                w.number = key[2:]
        return w

    def title_work(title: str, paired: str | None = None, identity: str | None = None) -> Work:
        w = work(work_key_for_title(identity or title, paired, title_numbers))
        w.titles[title] = w.titles.get(title, 0) + 1
        return w

    issuer_evidence: dict[str, dict[str, list[str]]] = defaultdict(dict)  # work → source kind → issuers

    for info, a in items:
        sid = h(info.name)
        d = a.disclosure
        src = SourceDoc(
            id=sid, path=info.path, name=info.name, sha256=info.sha256, format=info.format,
            encoding=info.encoding, text=a.text, kind="disclosure" if d else "document",
            issuer=d.issuer if d else None, year=d.year if d else None, title=d.title if d else a.own_title,
            warnings=info.warnings,
        )
        corpus.sources.append(src)
        corpus.warnings.extend(info.warnings)

        # Projects.
        projects: dict[int, ProjectYear] = {}
        if d is not None:
            org(corpus, reg, d.issuer)
            for p in d.projects:
                name = p.name.rstrip("。")
                skey = h(d.issuer, name)
                corpus.series.setdefault(skey, Series(key=skey, issuer=d.issuer, name=name))
                py = ProjectYear(
                    id=h(d.issuer, d.year, name, p.no), series=skey, source=sid, year=d.year, no=p.no,
                    name=name, unit=p.unit, amount_wan=p.amount_wan, period=p.period, cstart=p.cstart, cend=p.cend,
                )
                projects[p.no] = py
                corpus.project_years.append(py)
                if p.unit:
                    org(corpus, reg, p.unit)

        paired_title = {p.title.start: p.number.number for p in a.pairs}
        paired_number = {p.number.start: p.title for p in a.pairs}

        def citing_of(m) -> tuple[str, str | None]:
            no, section = a.placement.get((m.start, m.end), (None, None))
            if no is not None and no in projects:
                return projects[no].id, section
            return sid, section

        def cite(m, w: Work, kind: str, matched_by: str, article: str | None = None, **extra) -> None:
            citing, section = citing_of(m)
            corpus.citations.append(
                Citation(
                    id=h(info.name, kind, m.start, m.end, article or ""), source=sid, citing=citing, section=section,
                    kind=kind, work=w.key, article=article, matched_by=matched_by, start=m.start, end=m.end,
                    exact=a.text[m.start:m.end], prefix=a.text[max(0, m.start - QUOTE_CONTEXT):m.start],
                    suffix=a.text[m.end:m.end + QUOTE_CONTEXT], sentence=a.sentences.get((m.start, m.end)), **extra,
                )
            )

        # Numbers.
        for n in a.numbers:
            w = work("n:" + n.number)
            number_facts(w, n)
            if n.form != "bracketed" and n.issuer:
                issuer_evidence[w.key].setdefault("number", [n.issuer])
            elif n.issuer:
                issuer_evidence[w.key].setdefault("registry", [n.issuer])
            cite(n, w, "document_number", "title+number" if n.start in paired_number else "number")

        # Titles (outer and nested).
        title_works: dict[int, Work] = {}
        for t in a.titles:
            w = title_work(t.title, paired_title.get(t.start), _identity_title(t, full_titles))
            title_works[t.start] = w
            cite(t, w, "title", "title+number" if t.start in paired_title else "title")
            raw = a.raw_titles.get(t.start, t.title)
            from_title = issuers_from_title(raw)
            if from_title:
                issuer_evidence[w.key].setdefault("title", from_title)
            elif t.issuer_before:
                issuer_evidence[w.key].setdefault("context", split_joint_issuers(t.issuer_before))

        # Articles: parts of their law.
        for art in a.articles:
            law = art.law or ""
            w = title_work(law)
            w.articles.add(art.article)
            cite(art, w, "article", "article", article=art.article, paragraph=art.paragraph, item=art.item, via=art.via)

        # What the text says about cited works: dates.
        for ds in a.dates:
            w = None
            if ds.number is not None:
                w = work("n:" + ds.number.number)
            elif ds.title is not None:
                w = title_works.get(ds.title.start) or title_work(ds.title.title)
            elif a.own_number is not None or a.own_title:
                w = _own_work(a, work, title_work)
            if w is None:
                continue
            w.adopted = w.adopted or ds.adopted
            w.in_force = w.in_force or ds.in_force
            if ds.expires:  # 有效期至…: the last day in force the text itself states
                w.no_longer_in_force = min(filter(None, (w.no_longer_in_force, ds.expires)))

        # The work this text itself is (an order, a notice): its own number or title.
        own = _own_work(a, work, title_work) if d is None else None
        if own is not None:
            src.own_work = own.key

        # 印发 / 转发 in titles.
        for t in a.titles:
            if t.parent is not None:
                continue
            w = title_works[t.start]
            inner = [x for x in a.titles if x.parent == t.start]
            if "印发" in t.title:
                for x in inner or []:
                    corpus.relations.append(Relation("promulgates", w.key, title_works[x.start].key, "stated", sid, t.title))
                if not inner:
                    m = re.search(r"印发(?P<x>.+?)(?:的通知|的决定|的函)?$", t.title)
                    if m and len(m.group("x")) >= 4:
                        pw = title_work(m.group("x"))
                        corpus.relations.append(Relation("promulgates", w.key, pw.key, "stated", sid, t.title))
            if "转发" in t.title:
                for x in inner:
                    corpus.relations.append(Relation("forwards", w.key, title_works[x.start].key, "stated", sid, t.title))
                if not inner:
                    m = re.search(r"转发(?P<x>.+)$", t.title)
                    if m:
                        corpus.relations.append(Relation("forwards", w.key, "?" + title_key(m.group("x")), "stated", sid, t.title))

        # Repeals stated in the text: the text's own work repeals the old one.
        for r in a.repeals:
            if own is None:
                continue
            if r.old_number is not None:
                old = work("n:" + r.old_number.number)
            elif r.old_title is not None:
                old = title_works.get(r.old_title.start) or title_work(r.old_title.title)
            else:
                continue
            if old.key != own.key:
                corpus.relations.append(
                    Relation("repeals", own.key, old.key, "stated", sid, r.evidence, 1.0 if r.kind == "repeal" else 0.9)
                )

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
    # The work's number is in the usual form (number_identity): so is its form.
    w.number_form = _USUAL_FORM.get(n.form, n.form)
    w.serial = n.serial
    if n.form == "bracketed":
        w.issuer_code = n.code
        w.doc_year = n.year
    elif n.year:
        w.doc_year = n.year
    if n.level and not w.level:
        w.level = n.level


def _own_work(a: DocAnalysis, work, title_work) -> Work | None:
    if a.own_number is not None:
        w = work("n:" + a.own_number.number)
        number_facts(w, a.own_number)
        if a.own_title:
            w.titles[a.own_title] = w.titles.get(a.own_title, 0) + 1
        return w
    if a.own_title:
        return title_work(a.own_title)
    return None


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
