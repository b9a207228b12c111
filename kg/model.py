"""The corpus model: typed records from which every exporter derives.

One :class:`Corpus` holds the sources (each with its extraction and, for a
budget disclosure, its structure), the cited works with their identities,
organisations, project series and project-years, every citation occurrence
and the relations between works (promulgates, forwards, repeals, replaces).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from decimal import Decimal

__all__ = [
    "SourceDoc",
    "Work",
    "Org",
    "Series",
    "ProjectYear",
    "Citation",
    "Relation",
    "Corpus",
]


@dataclass
class SourceDoc:
    """One source file as read and understood."""

    id: str  # stable: hash of the path relative to the corpus root
    path: str  # as given
    name: str  # relative to the corpus root (dcterms:source)
    sha256: str
    format: str
    encoding: str | None
    text: str = field(repr=False)
    kind: str  # "disclosure" | "document"
    issuer: str | None = None
    year: int | None = None
    title: str | None = None
    own_work: str | None = None  # key of the work this text is (its own number / title)
    warnings: tuple[str, ...] = ()


@dataclass
class Work:
    """A cited regulation, notice, measure or law (eli:LegalResource)."""

    key: str  # identity: "n:<canonical number>" or "t:<title identity key>"
    number: str | None = None
    title: str | None = None  # preferred label
    titles: dict[str, int] = field(default_factory=dict)  # every spelling seen → count
    issuers: list[str] = field(default_factory=list)
    issuer_source: str | None = None  # title | context | number | registry
    issuer_code: str | None = None
    doc_year: int | None = None
    serial: int | None = None
    number_form: str | None = None
    level: str | None = None
    adopted: str | None = None
    in_force: str | None = None
    no_longer_in_force: str | None = None  # last day in force
    articles: set[str] = field(default_factory=set)

    @property
    def label(self) -> str:
        """How a researcher names the work: its number, or its title when it has none."""
        return self.number or self.title or self.key


@dataclass
class Org:
    name: str
    level: str | None = None


@dataclass
class Series:
    """The same bureau's project across budget years."""

    key: str
    issuer: str
    name: str


@dataclass
class ProjectYear:
    id: str
    series: str
    source: str
    year: int
    no: int
    name: str
    unit: str | None
    amount_wan: Decimal | None
    period: tuple[str, str] | None
    cstart: int = 0
    cend: int = 0


@dataclass
class Citation:
    """One mention that cites a work (or an article of a law)."""

    id: str
    source: str  # SourceDoc.id
    citing: str  # ProjectYear.id, or the SourceDoc.id for document-level citations
    section: str | None
    kind: str  # document_number | title | article
    work: str  # Work.key
    article: str | None
    matched_by: str  # number | title | title+number | article
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    paragraph: str | None = None
    item: str | None = None
    via: str | None = None  # for articles: title | alias | name | chain | amendment
    sentence: tuple[int, int, bool, bool] | None = None  # where the sentence around it is (kg.sentences)

    @property
    def as_authority(self) -> bool:
        """Cited as legal basis: the mention stands in the 立项依据 section."""
        return self.section == "立项依据"


@dataclass
class Relation:
    """A relation between two works, with its evidence."""

    kind: str  # promulgates | forwards | repeals | replaces
    subject: str  # Work.key (the promulgating / forwarding / repealing / newer work)
    object: str  # Work.key
    origin: str  # stated | declared | inferred
    source: str | None = None  # SourceDoc.id whose text states it
    evidence: str | None = None
    confidence: float = 1.0
    in_force: str | None = None
    citations: tuple[str, ...] = ()  # Citation ids an inference rests on


@dataclass
class Corpus:
    """Everything the build knows, ready for the exporters."""

    sources: list[SourceDoc] = field(default_factory=list)
    works: dict[str, Work] = field(default_factory=dict)
    orgs: dict[str, Org] = field(default_factory=dict)
    series: dict[str, Series] = field(default_factory=dict)
    project_years: list[ProjectYear] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def source(self, source_id: str) -> SourceDoc:
        return next(s for s in self.sources if s.id == source_id)

    def project_year(self, pid: str) -> ProjectYear | None:
        return next((p for p in self.project_years if p.id == pid), None)


def _reduce(self):
    # Pickled as a constructor call (the build cache keeps every document's sources,
    # project-years and citations: kg.corpus.SourcePart): half the size and the time of
    # pickling each object's attribute dict with its field names.
    cls = type(self)
    return cls, tuple(getattr(self, name) for name in _FIELDS[cls])


_FIELDS: dict[type, tuple[str, ...]] = {}
for _cls in (SourceDoc, Series, ProjectYear, Citation):
    _FIELDS[_cls] = tuple(f.name for f in fields(_cls))
    _cls.__reduce__ = _reduce  # type: ignore[method-assign]
del _cls
