"""Per-document analysis: one source text → its citations, structure and statements.

This is the unit of parallel work (one document, one task) and of the build
cache: :class:`DocAnalysis` holds only plain, picklable data, and depends on
nothing but the document's text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extractors import EXTRACTOR_VERSION, extract
from extractors.resolve import Extraction
from extractors.statements import own_identity
from extractors.types import ArticleRef, DateStatement, DocumentNumber, Pair, RepealStatement, Title

from .disclosure import Disclosure, parse_disclosure
from .sentences import SentenceBounds, sentence_bounds

__all__ = ["DocAnalysis", "analyse_text", "ANALYSIS_VERSION"]

# The cache key of an analysis: bump when analyse_text's output may change.
ANALYSIS_VERSION = f"{EXTRACTOR_VERSION}.4"  # .3: sentence bounds (session 7) and round 16's disclosures


@dataclass
class DocAnalysis:
    """What one text yields, independent of every other text."""

    text: str = field(repr=False)
    disclosure: Disclosure | None
    numbers: list[DocumentNumber]
    titles: list[Title]  # cited titles (policy documents), outer and nested
    articles: list[ArticleRef]  # cited articles with their law
    pairs: list[Pair]
    repeals: list[RepealStatement]
    dates: list[DateStatement]
    own_number: DocumentNumber | None
    own_title: str | None
    # Placement of each mention, keyed by its original (start, end): (project no, section name)
    placement: dict[tuple[int, int], tuple[int | None, str | None]] = field(default_factory=dict)
    raw_titles: dict[int, str] = field(default_factory=dict)  # title start → title as written (spaces kept)
    # The sentence around each mention, keyed as ``placement`` (found here, in the workers, and cached:
    # finding it was a third of making the networkx view)
    sentences: dict[tuple[int, int], SentenceBounds] = field(default_factory=dict)


def analyse_text(text: str, *, source: str | None = None) -> DocAnalysis:
    """Extract, resolve and place every citation of one text."""
    ex: Extraction = extract(text, source=source)
    ct = ex.ct
    disclosure = parse_disclosure(ct)
    placement: dict[tuple[int, int], tuple[int | None, str | None]] = {}
    mentions = [*ex.numbers, *ex.cited_titles, *ex.cited_articles]
    for m in mentions:
        no = section = None
        if disclosure is not None:
            p = disclosure.project_at(m.cstart)
            if p is not None:
                no = p.no
                sec = p.section_at(m.cstart)
                section = sec.name if sec else None
        placement[(m.start, m.end)] = (no, section)
    sentences = {span: sentence_bounds(text, *span) for span in placement}
    own_n, own_t = own_identity(ex)
    if own_n is not None and own_n.cstart > 400:
        own_n = None  # an own number stands in the header, not in the body
    raw = {}
    for t in ex.cited_titles:
        # As written, with the spaces and underscores that separate joint issuers,
        # but without the line breaks of PDF text.
        raw[t.start] = "".join(ch for ch in t.text[1:-1] if ch not in "\r\n")
    return DocAnalysis(
        text=text,
        disclosure=disclosure,
        numbers=list(ex.numbers),
        titles=list(ex.cited_titles),
        articles=list(ex.cited_articles),
        pairs=list(ex.pairs),
        repeals=list(ex.repeals),
        dates=list(ex.dates),
        own_number=own_n if disclosure is None else None,
        own_title=own_t if disclosure is None else None,
        placement=placement,
        raw_titles=raw,
        sentences=sentences,
    )
