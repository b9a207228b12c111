"""Typed citation objects with spans.

Every mention carries ``start``/``end`` into the decoded source text, so that
``text[start:end] == mention.text`` (the mention exactly as written, line
breaks included), and ``cstart``/``cend`` into the cleaned view it was matched
in.  Objects are immutable; resolution passes return updated copies.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import ClassVar

__all__ = [
    "Mention",
    "DocumentNumber",
    "Title",
    "ArticleRef",
    "Pair",
    "Alias",
    "RepealStatement",
    "DateStatement",
]


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of the source text that cites something."""

    start: int
    end: int
    text: str
    cstart: int = field(compare=False, repr=False)
    cend: int = field(compare=False, repr=False)

    kind: ClassVar[str] = "mention"


@dataclass(frozen=True, slots=True)
class DocumentNumber(Mention):
    """A document number (发文字号), an order number or an announcement number.

    ``number`` is canonical (GB/T 9704-2012): ``云医保〔2019〕45号``; orders and
    announcements keep their own form with Arabic digits:
    ``玉溪市人民政府公告第49号``, ``中华人民共和国主席令第25号``.
    """

    number: str = ""
    form: str = "bracketed"  # bracketed | order | announcement | inverted_order | inverted_announcement
    code: str = ""  # issuer code (云医保) or issuing body of an order (国务院)
    year: int | None = None
    serial: int = 0
    issuer: str | None = None  # issuing body, when the registry knows the code
    level: str | None = None  # central | provincial | prefecture | county
    confidence: float = 1.0

    kind: ClassVar[str] = "document_number"


@dataclass(frozen=True, slots=True)
class Title(Mention):
    """A title in 《》 (``start``/``end`` include the brackets).

    ``title`` is the text between the brackets with whitespace removed;
    ``key`` is its comparison key (see :func:`extractors.normalize.title_key`).
    Nested titles (``《…印发<X>的通知》``) give the outer title and an inner one
    with ``parent`` set to the outer title's ``start``.
    """

    title: str = ""
    key: str = ""
    parent: int | None = None
    issuer_before: str | None = None  # 国务院《…》: the body written before the brackets
    category: str = "policy"  # policy, or why it is not cited: form, certificate, table, newspaper, website, register, publication, file, work, alias, self, generic
    alias_of: str | None = None  # for an alias mention, the full title it stands for

    kind: ClassVar[str] = "title"

    @property
    def is_citation(self) -> bool:
        return self.category == "policy"


@dataclass(frozen=True, slots=True)
class ArticleRef(Mention):
    """A law article: ``第七十七条``, ``第三百零七条之一`` (article ``307-1``).

    ``law`` is the title of the cited law once resolved (``None`` for a bare
    article outside any chain); ``via`` says how it was attached: ``title``
    (right after 《…》), ``alias`` (a 以下简称 short name), ``name`` (the
    law's name written without brackets), ``chain`` (a bare article continuing
    a citation chain), ``amendment`` (an item of 对《X》作如下修改).
    ``role`` is ``citation``, ``self`` (本办法第十三条) or ``heading`` (the
    document's own article heading).
    """

    article: str = ""
    paragraph: str | None = None  # 款
    item: str | None = None  # 项
    law: str | None = None
    law_key: str | None = None
    via: str | None = None
    role: str = "citation"

    kind: ClassVar[str] = "article"

    @property
    def is_citation(self) -> bool:
        return self.role == "citation" and self.law is not None


@dataclass(frozen=True, slots=True)
class Pair:
    """A title and the number the text gives for it."""

    title: Title
    number: DocumentNumber
    how: str = "bracket"  # bracket | adjacent | number_first | promulgation | history


@dataclass(frozen=True, slots=True)
class Alias:
    """A short name defined with 以下简称/简称 for a cited title."""

    alias: str
    title: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class RepealStatement:
    """The text says that an identifiable work is repealed (…同时废止)."""

    old_title: Title | None
    old_number: DocumentNumber | None
    evidence: str
    start: int
    end: int
    kind: str = "repeal"  # repeal | cease


@dataclass(frozen=True, slots=True)
class DateStatement:
    """Adoption / entry-into-force dates the text gives for a cited work (or,
    with neither title nor number, for the text's own work).

    ``expires`` is the last day of a stated validity (有效期至…, 有效期5年, 自…起至…止);
    ``relative`` says how an in-force date was read off the text's own date
    (``公布``, ``印发``, … for 自公布之日起施行), ``None`` when the text writes the date.
    """

    title: Title | None
    number: DocumentNumber | None
    adopted: str | None
    in_force: str | None
    evidence: str
    start: int
    end: int
    expires: str | None = None
    relative: str | None = None


def _reduce(self):
    # Pickled as a constructor call: dataclasses' generic __setstate__ for slotted
    # classes looks up fields() for every object, which made loading a cached
    # analysis (and receiving one from a worker) half again as slow.
    cls = type(self)
    return cls, tuple(getattr(self, name) for name in _FIELDS[cls])


_FIELDS: dict[type, tuple[str, ...]] = {}
for _cls in (Mention, DocumentNumber, Title, ArticleRef, Pair, Alias, RepealStatement, DateStatement):
    _FIELDS[_cls] = tuple(f.name for f in fields(_cls))
    _cls.__reduce__ = _reduce  # type: ignore[method-assign]
del _cls
