"""RDF export on standard vocabularies (ELI, CiTO, Web Annotation, PROV, DCTERMS).

The writer streams: every named graph is produced as sorted N-Quads lines on
its own, so building RDF for a corpus never needs every triple in one rdflib
Graph.  TriG and Turtle are written from those lines by pyoxigraph's
serialisers; :func:`to_rdflib` loads the same quads into an rdflib Dataset for
in-process use on small corpora.

Named graphs: one per source document (``graph/source/<id>``: its disclosure,
projects, citations and the relations its text states), ``graph/corpus`` (the
corpus-level entities: cited works and articles with their numbers, titles,
issuers and dates; organisations; project series),
``graph/declared`` (user-declared replacements), ``graph/inferred`` (inferred
replacements and stale citations) and ``graph/run`` (the extraction run's
provenance).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from .model import Citation, Corpus, ProjectYear, SourceDoc

__all__ = [
    "NS",
    "DEFAULT_BASE",
    "PREFIXES",
    "Iris",
    "graph_quads",
    "iter_graphs",
    "iter_keyed_graphs",
    "source_graph_key",
    "nquad",
    "literal",
    "to_rdflib",
]

ELI = "http://data.europa.eu/eli/ontology#"
CITO = "http://purl.org/spar/cito/"
OA = "http://www.w3.org/ns/oa#"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
ORG = "http://www.w3.org/ns/org#"
FOAF = "http://xmlns.com/foaf/0.1/"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
SH = "http://www.w3.org/ns/shacl#"
PKG = "https://w3id.org/policykg/ns#"
DEFAULT_BASE = "https://w3id.org/policykg/id/"

NS = {
    "eli": ELI, "cito": CITO, "oa": OA, "prov": PROV, "dcterms": DCT, "skos": SKOS, "org": ORG,
    "foaf": FOAF, "xsd": XSD, "rdf": RDF, "rdfs": RDFS, "owl": OWL, "pkg": PKG,
}
PREFIXES = dict(NS)

_TYPE = RDF + "type"


def _esc(s: str) -> str:
    return (
        s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    )


def literal(value: object, datatype: str | None = None) -> str:
    """An N-Quads literal: strings plain, int → xsd:integer, Decimal → xsd:decimal."""
    if isinstance(value, bool):
        return f'"{str(value).lower()}"^^<{XSD}boolean>'
    if isinstance(value, int) and datatype is None:
        return f'"{value}"^^<{XSD}integer>'
    if isinstance(value, Decimal) and datatype is None:
        return f'"{_decimal(value)}"^^<{XSD}decimal>'
    if isinstance(value, float) and datatype is None:
        return f'"{value!r}"^^<{XSD}decimal>'
    s = _esc(str(value))
    if datatype:
        return f'"{s}"^^<{datatype}>'
    return f'"{s}"'


def _decimal(d: Decimal) -> str:
    s = format(d.normalize(), "f")
    return s if "." in s else s + ".0"


def nquad(s: str, p: str, o: str, g: str) -> str:
    """One N-Quads line; ``s``, ``p``, ``g`` are IRIs, ``o`` is an IRI (``<…>``) or a literal."""
    return f"<{s}> <{p}> {o} <{g}> .\n"


def iri(x: str) -> str:
    return f"<{x}>"


@dataclass(frozen=True)
class Iris:
    """Deterministic ASCII IRIs under a base (same key, same IRI, corpus after corpus)."""

    base: str = DEFAULT_BASE
    # Hashed IRIs by key: a work or body is named once per citation, and hashing it
    # again each time was a tenth of writing the graphs.
    _hashed: dict = field(default_factory=dict, init=False, repr=False, compare=False, hash=False)

    def _h(self, kind: str, key: str) -> str:
        got = self._hashed.get((kind, key))
        if got is None:
            from .corpus import h

            got = self._hashed[(kind, key)] = f"{self.base}{kind}/{h(key)}"
        return got

    def source(self, s: SourceDoc) -> str:
        if s.kind == "disclosure" and s.issuer and s.year:
            from .corpus import h

            return f"{self.base}disclosure/{s.year}-{h(s.issuer, s.year, s.name, n=12)}"
        return f"{self.base}source/{s.id}"

    def graph(self, s: SourceDoc) -> str:
        return f"{self.base}graph/source/{s.id}"

    def named(self, name: str) -> str:
        return f"{self.base}graph/{name}"

    def work(self, key: str) -> str:
        return self._h("work", key)

    def article(self, key: str, article: str) -> str:
        return f"{self.work(key)}/art/{article}"

    def org(self, name: str) -> str:
        return self._h("org", name)

    def series(self, key: str) -> str:
        return f"{self.base}series/{key}"

    def project(self, p: ProjectYear) -> str:
        return f"{self.base}project/{p.year}-{p.id}"

    def citation(self, c: Citation) -> str:
        return f"{self.base}citation/{c.id}"

    def candidate(self, old: str, new: str) -> str:
        from .corpus import h

        return f"{self.base}candidate/{h(old, new)}"

    def stale(self, citing: str, work: str) -> str:
        from .corpus import h

        return f"{self.base}stale/{h(citing, work)}"

    def run(self, run_id: str) -> str:
        return f"{self.base}run/{run_id}"


@dataclass
class _Index:
    """Per-source views of the corpus, so that writing a graph is linear."""

    projects: dict
    citations: dict
    relations: dict
    project_by_id: dict

    @classmethod
    def of(cls, corpus: Corpus) -> "_Index":
        from collections import defaultdict

        projects, citations, relations = defaultdict(list), defaultdict(list), defaultdict(list)
        for p in corpus.project_years:
            projects[p.source].append(p)
        for c in corpus.citations:
            citations[c.source].append(c)
        for r in corpus.relations:
            relations[r.source].append(r)
        return cls(projects, citations, relations, {p.id: p for p in corpus.project_years})


def _source_quads(corpus: Corpus, s: SourceDoc, ir: Iris, ix: "_Index") -> list[str]:
    g = ir.graph(s)
    d = ir.source(s)
    q: list[str] = []
    add = lambda a, b, c: q.append(nquad(a, b, c, g))  # noqa: E731
    if s.kind == "disclosure":
        add(d, _TYPE, iri(PKG + "BudgetDisclosure"))
        add(d, PKG + "budgetYear", literal(s.year))
        if s.issuer:
            add(d, DCT + "publisher", iri(ir.org(s.issuer)))
    else:
        add(d, _TYPE, iri(PKG + "SourceDocument"))
        if s.own_work:
            add(d, PKG + "isTextOf", iri(ir.work(s.own_work)))
    if s.title:
        add(d, DCT + "title", literal(s.title))
    add(d, DCT + "source", literal(s.name))
    add(d, PKG + "sha256", literal(s.sha256))
    add(d, DCT + "format", literal(_MEDIA.get(s.format, s.format)))
    if s.encoding:
        add(d, PKG + "encoding", literal(s.encoding))
    add(d, PKG + "characters", literal(len(s.text)))
    for p in ix.projects.get(s.id, ()):
        pi = ir.project(p)
        add(pi, _TYPE, iri(PKG + "ProjectYear"))
        add(pi, PKG + "ofProject", iri(ir.series(p.series)))
        add(pi, DCT + "isPartOf", iri(d))
        add(pi, PKG + "budgetYear", literal(p.year))
        add(pi, PKG + "projectNumber", literal(p.no))
        add(pi, DCT + "title", literal(p.name))
        if p.unit:
            add(pi, PKG + "implementedBy", iri(ir.org(p.unit)))
        if p.amount_wan is not None:
            add(pi, PKG + "amountWan", literal(p.amount_wan))
        if p.period:
            add(pi, PKG + "periodStart", literal(p.period[0], XSD + "date"))
            add(pi, PKG + "periodEnd", literal(p.period[1], XSD + "date"))
    cs = ix.citations.get(s.id, ())
    if cs:
        q.extend(_citation_lines(cs, s, ir, ix, d, g))
    for r in ix.relations.get(s.id, ()):
        if r.origin != "stated":
            continue
        a, b = ir.work(r.subject), ir.work(r.object)
        if r.kind == "promulgates":
            add(a, PKG + "promulgates", iri(b))
        elif r.kind == "forwards":
            add(a, PKG + "forwards", iri(b))
        elif r.kind == "repeals":
            add(a, ELI + "repeals", iri(b))
            add(b, ELI + "repealed_by", iri(a))
    return q


# The fixed parts of a citation's lines, preformatted: a citation is 20-odd lines and most
# of the graph, so its lines are written as f-strings rather than through nquad()/literal().
_CITO_CITATION = f"<{_TYPE}> <{CITO}Citation>"
_OA_ANNOTATION = f"<{_TYPE}> <{OA}Annotation>"
_SPECIFIC = f"<{_TYPE}> <{OA}SpecificResource>"
_POSITION = f"<{_TYPE}> <{OA}TextPositionSelector>"
_QUOTE = f"<{_TYPE}> <{OA}TextQuoteSelector>"
_NNI = f"^^<{XSD}nonNegativeInteger>"


def _citation_lines(cs: list[Citation], s: SourceDoc, ir: Iris, ix: "_Index", d: str, g: str) -> list[str]:
    """The N-Quads lines of one source's citations (what ``nquad``/``literal`` would write)."""
    end = f" <{g}> .\n"
    outer = _nesting(cs)
    q: list[str] = []
    add = q.append
    for c in cs:
        ci = ir.citation(c)
        citing = ir.project(ix.project_by_id[c.citing]) if c.citing != s.id else d
        cited = ir.article(c.work, c.article) if c.article else ir.work(c.work)
        rel = CITO + ("citesAsAuthority" if c.as_authority else "cites")
        add(f"<{citing}> <{rel}> <{cited}>{end}")
        # Shortcuts for the change queries: nested titles, and the works cited outside them.
        around = outer.get(id(c))
        if around is None:
            add(f"<{citing}> <{PKG}citesWork> <{ir.work(c.work)}>{end}")
        else:
            for o in around:
                add(f"<{ci}> <{PKG}nestedIn> <{ir.citation(o)}>{end}")
        b = f"<{ci}>"
        t = f"<{ci}/target>"
        pos = f"<{ci}/position>"
        quote = f"<{ci}/quote>"
        add(f"{b} {_CITO_CITATION}{end}")
        add(f"{b} {_OA_ANNOTATION}{end}")
        add(f"{b} <{CITO}hasCitingEntity> <{citing}>{end}")
        add(f"{b} <{CITO}hasCitedEntity> <{cited}>{end}")
        add(f"{b} <{CITO}hasCitationCharacterization> <{rel}>{end}")
        add(f"{b} <{OA}motivatedBy> <{OA}identifying>{end}")
        add(f'{b} <{PKG}mentionKind> "{_esc(c.kind)}"{end}')
        add(f'{b} <{PKG}matchedBy> "{_esc(c.matched_by)}"{end}')
        if c.section:
            add(f'{b} <{PKG}section> "{_esc(c.section)}"{end}')
        if c.paragraph:
            add(f"{b} <{PKG}paragraph> {literal(c.paragraph)}{end}")
        if c.item:
            add(f"{b} <{PKG}item> {literal(c.item)}{end}")
        if c.via:
            add(f"{b} <{PKG}resolvedVia> {literal(c.via)}{end}")
        add(f"{b} <{OA}hasTarget> {t}{end}")
        add(f"{t} {_SPECIFIC}{end}")
        add(f"{t} <{OA}hasSource> <{d}>{end}")
        add(f"{t} <{OA}hasSelector> {pos}{end}")
        add(f"{t} <{OA}hasSelector> {quote}{end}")
        add(f"{pos} {_POSITION}{end}")
        add(f'{pos} <{OA}start> "{c.start}"{_NNI}{end}')
        add(f'{pos} <{OA}end> "{c.end}"{_NNI}{end}')
        add(f"{quote} {_QUOTE}{end}")
        add(f'{quote} <{OA}exact> "{_esc(c.exact)}"{end}')
        add(f'{quote} <{OA}prefix> "{_esc(c.prefix)}"{end}')
        add(f'{quote} <{OA}suffix> "{_esc(c.suffix)}"{end}')
    return q


def _nesting(citations: Iterable[Citation]) -> dict[int, list[Citation]]:
    """id(citation) → the citations of the same citing entity whose mention strictly contains
    its mention (a title nested in another cited title), for the nested ones only: the rule of
    :func:`kg.changes.project_cites`."""
    by_citing: dict[str, list[Citation]] = {}
    for c in citations:
        by_citing.setdefault(c.citing, []).append(c)
    out: dict[int, list[Citation]] = {}
    for cs in by_citing.values():
        # A container starts earlier, or at the same offset and ends later: it sorts first.
        open_: list[Citation] = []  # earlier mentions that may still contain a later one
        for c in sorted(cs, key=lambda c: (c.start, -c.end)):
            open_ = [o for o in open_ if o.end >= c.start]
            around = [o for o in open_ if o.start <= c.start and c.end <= o.end
                      and (o.start < c.start or c.end < o.end)]
            if around:
                out[id(c)] = around
            open_.append(c)
    return out


_MEDIA = {"txt": "text/plain", "pdf": "application/pdf", "html": "text/html",
          "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def _corpus_quads(corpus: Corpus, ir: Iris) -> list[str]:
    g = ir.named("corpus")
    q: list[str] = []
    add = lambda a, b, c: q.append(nquad(a, b, c, g))  # noqa: E731
    for w in corpus.works.values():
        wi = ir.work(w.key)
        add(wi, _TYPE, iri(ELI + "LegalResource"))
        add(wi, RDFS + "label", literal(w.label))
        if w.number:
            add(wi, ELI + "id_local", literal(w.number))
            add(wi, PKG + "numberForm", literal(w.number_form or "bracketed"))
        if w.serial:
            add(wi, ELI + "number", literal(str(w.serial)))
        if w.issuer_code:
            add(wi, PKG + "issuerCode", literal(w.issuer_code))
        if w.doc_year:
            add(wi, PKG + "docYear", literal(w.doc_year))
        if w.title:
            add(wi, DCT + "title", literal(w.title))
        for t in sorted(w.titles):
            if t != w.title:
                add(wi, SKOS + "altLabel", literal(t))
        for name in w.issuers:
            add(wi, ELI + "passed_by", iri(ir.org(name)))
        if w.level:
            add(wi, PKG + "issuerLevel", literal(w.level))
        if w.adopted:
            add(wi, ELI + "date_document", literal(w.adopted, XSD + "date"))
        if w.in_force:
            add(wi, ELI + "first_date_entry_in_force", literal(w.in_force, XSD + "date"))
        if w.no_longer_in_force:
            add(wi, ELI + "date_no_longer_in_force", literal(w.no_longer_in_force, XSD + "date"))
        for a in sorted(w.articles, key=_article_sort):
            ai = ir.article(w.key, a)
            add(ai, _TYPE, iri(ELI + "LegalResourceSubdivision"))
            add(ai, ELI + "is_part_of", iri(wi))
            add(wi, ELI + "has_part", iri(ai))
            add(ai, ELI + "number", literal(a))
            add(ai, RDFS + "label", literal(f"{w.title or w.label}第{a}条"))
    for se in corpus.series.values():
        si = ir.series(se.key)
        add(si, _TYPE, iri(PKG + "ProjectSeries"))
        add(si, DCT + "title", literal(se.name))
        add(si, DCT + "publisher", iri(ir.org(se.issuer)))
    for o in corpus.orgs.values():
        oi = ir.org(o.name)
        add(oi, _TYPE, iri(ORG + "Organization"))
        add(oi, SKOS + "prefLabel", literal(o.name))
        if o.level:
            add(oi, PKG + "adminLevel", literal(o.level))
    return q


def _article_sort(a: str) -> tuple[int, ...]:
    return tuple(int(x) if x.isdigit() else 0 for x in a.split("-"))


def _relation_quads(corpus: Corpus, ir: Iris, origin: str, graph: str) -> list[str]:
    g = ir.named(graph)
    q: list[str] = []
    add = lambda a, b, c: q.append(nquad(a, b, c, g))  # noqa: E731
    for r in corpus.relations:
        if r.origin != origin:
            continue
        new, old = ir.work(r.subject), ir.work(r.object)
        if r.kind == "repeals":
            add(new, ELI + "repeals", iri(old))
            add(old, ELI + "repealed_by", iri(new))
            if r.evidence:
                st = ir.candidate(r.object, r.subject)
                add(st, _TYPE, iri(PKG + "DeclaredReplacement"))
                add(st, PKG + "oldWork", iri(old))
                add(st, PKG + "newWork", iri(new))
                add(st, PKG + "evidence", literal(r.evidence))
                if r.in_force:
                    add(st, PKG + "inForce", literal(r.in_force, XSD + "date"))
        elif r.kind == "replaces":
            add(new, DCT + "replaces", iri(old))
            ci = ir.candidate(r.object, r.subject)
            add(ci, _TYPE, iri(PKG + "ReplacementCandidate"))
            add(ci, PKG + "oldWork", iri(old))
            add(ci, PKG + "newWork", iri(new))
            add(ci, PKG + "confidence", literal(Decimal(str(round(r.confidence, 3)))))
            if r.evidence:
                add(ci, PKG + "evidence", literal(r.evidence))
            if r.in_force:
                add(ci, PKG + "inForce", literal(r.in_force, XSD + "date"))
            for cid in r.citations:
                add(ci, PROV + "wasDerivedFrom", iri(f"{ir.base}citation/{cid}"))
    return q


def _stale_quads(corpus: Corpus, ir: Iris, stale: Iterable[dict]) -> list[str]:
    """Stale citations: dicts with ``citing`` (ProjectYear.id), ``work`` (Work.key),
    ``reason`` (replaced | no_longer_in_force | not_yet_in_force), ``year`` and
    optionally ``replacement`` (Work.key)."""
    g = ir.named("inferred")
    projects = {p.id: p for p in corpus.project_years}
    q: list[str] = []
    add = lambda a, b, c: q.append(nquad(a, b, c, g))  # noqa: E731
    for st in stale:
        si = ir.stale(st["citing"], st["work"])
        add(si, _TYPE, iri(PKG + "StaleCitation"))
        add(si, PKG + "citingEntity", iri(ir.project(projects[st["citing"]])))
        add(si, PKG + "citedWork", iri(ir.work(st["work"])))
        add(si, PKG + "reason", literal(st["reason"]))
        add(si, PKG + "budgetYear", literal(st["year"]))
        if st.get("replacement"):
            add(si, PKG + "replacement", iri(ir.work(st["replacement"])))
    return q


def iter_graphs(corpus: Corpus, ir: Iris | None = None, *, stale: Iterable[dict] = ()) -> Iterator[tuple[str, list[str]]]:
    """(graph IRI, sorted unique N-Quads lines) for every named graph except the run's."""
    for g, _, lines in iter_keyed_graphs(corpus, ir, stale=stale, keys=False):
        assert lines is not None
        yield g, lines


def iter_keyed_graphs(corpus: Corpus, ir: Iris | None = None, *, stale: Iterable[dict] = (), keys: bool = True,
                      known: Callable[[str, str], bool] | None = None
                      ) -> Iterator[tuple[str, str | None, list[str] | None]]:
    """(graph IRI, key, sorted unique lines) for every named graph except the run's.

    A source graph's ``key`` (with ``keys``) is a digest of everything its lines are
    made from and of the code that makes them; when ``known(graph, key)`` says a previous
    build wrote that graph with that key, its lines are not made again (``None``: the
    caller copies them).  The corpus-level graphs have no key and are always made."""
    ir = ir or Iris()
    ix = _Index.of(corpus)
    for s in sorted(corpus.sources, key=lambda s: s.id):
        g = ir.graph(s)
        key = source_graph_key(s, ir, ix) if keys else None
        if key is not None and known is not None and known(g, key):
            yield g, key, None
        else:
            yield g, key, sorted(set(_source_quads(corpus, s, ir, ix)))
    yield ir.named("corpus"), None, sorted(set(_corpus_quads(corpus, ir)))
    yield ir.named("declared"), None, sorted(set(_relation_quads(corpus, ir, "declared", "declared")))
    inferred = _relation_quads(corpus, ir, "inferred", "inferred") + _stale_quads(corpus, ir, stale)
    yield ir.named("inferred"), None, sorted(set(inferred))


# What a source graph's lines depend on besides the data: the code that writes them, the code of
# the identities and properties they are made from (kg.corpus.h names every IRI), and the code
# that turns a file's bytes into its text (the quotes are slices of it).
_CODE = hashlib.blake2b(b"".join([*((Path(__file__).parent / name).read_bytes() for name in ("rdf.py", "corpus.py", "model.py")),
                                  *((Path(__file__).parents[1] / "extractors" / name).read_bytes()
                                    for name in ("reading.py", "text.py"))]), digest_size=8).hexdigest()


def source_graph_key(s: SourceDoc, ir: Iris, ix: "_Index") -> str:
    """A digest of every value :func:`_source_quads` reads for ``s`` (the same key, the same lines).

    A citation's quote, prefix and suffix are slices of the source's text at its offsets, and
    the text is a function of the file's bytes (``sha256``) and of the reading code (in
    ``_CODE``): the offsets stand for them, which makes the key a fraction of the cost."""
    facts = (
        _CODE, ir.base,
        (s.id, s.kind, s.year, s.issuer, s.own_work, s.title, s.name, s.sha256, s.format, s.encoding, len(s.text)),
        [(p.id, p.series, p.year, p.no, p.name, p.unit, p.amount_wan, p.period) for p in ix.projects.get(s.id, ())],
        [(c.id, c.citing, c.work, c.article, c.section, c.kind, c.matched_by, c.paragraph, c.item, c.via, c.start,
          c.end) for c in ix.citations.get(s.id, ())],
        [(r.origin, r.kind, r.subject, r.object) for r in ix.relations.get(s.id, ())],
    )
    return hashlib.blake2b(repr(facts).encode("utf-8"), digest_size=16).hexdigest()


def run_quads(corpus: Corpus, ir: Iris, *, run_id: str, started: str, ended: str, version: str,
              inputs: Iterable[str] = ()) -> list[str]:
    """The extraction run's provenance (the only graph that differs between two builds)."""
    g = ir.named("run")
    r = ir.run(run_id)
    q = [
        nquad(r, _TYPE, iri(PROV + "Activity"), g),
        nquad(r, RDFS + "label", literal(f"policykg build {run_id}"), g),
        nquad(r, PROV + "startedAtTime", literal(_utc(started), XSD + "dateTime"), g),
        nquad(r, PROV + "endedAtTime", literal(_utc(ended), XSD + "dateTime"), g),
        nquad(r, PKG + "toolVersion", literal(version), g),
        nquad(r, PROV + "wasAssociatedWith", iri(PKG + "policykg"), g),
    ]
    for s in sorted(corpus.sources, key=lambda s: s.id):
        q.append(nquad(r, PROV + "used", iri(ir.source(s)), g))
        q.append(nquad(ir.graph(s), PROV + "wasGeneratedBy", iri(r), g))
    for name in ("corpus", "declared", "inferred"):
        q.append(nquad(ir.named(name), PROV + "wasGeneratedBy", iri(r), g))
    for i in inputs:
        q.append(nquad(r, PKG + "input", literal(i), g))
    return sorted(set(q))


def _utc(t: str) -> str:
    """An xsd:dateTime in UTC written with ``Z``, as SPARQL engines give it back (not ``+00:00``)."""
    return t[:-6] + "Z" if t.endswith("+00:00") else t


def graph_quads(corpus: Corpus, ir: Iris | None = None, *, stale: Iterable[dict] = ()) -> list[str]:
    """All N-Quads lines of the corpus (without the run graph), graph by graph."""
    out: list[str] = []
    for _, lines in iter_graphs(corpus, ir, stale=stale):
        out.extend(lines)
    return out


def to_rdflib(corpus: Corpus, ir: Iris | None = None, *, stale: Iterable[dict] = ()):
    """An rdflib Dataset of the corpus (for in-process use on small corpora)."""
    import rdflib

    ds = rdflib.Dataset()
    ds.parse(data="".join(graph_quads(corpus, ir, stale=stale)), format="nquads")
    for prefix, ns in NS.items():
        ds.bind(prefix, ns)
    return ds
