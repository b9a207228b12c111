"""policykg extractors: from a text to the exact list of the citations in it.

>>> from extractors import extract
>>> ex = extract("依据《云南省医疗保障局关于进一步做好云南省城乡医疗救助工作的通知》（云医保〔2019〕128号）文件。")
>>> [n.number for n in ex.numbers]
['云医保〔2019〕128号']
>>> [(p.title.title, p.number.number) for p in ex.pairs]
[('云南省医疗保障局关于进一步做好云南省城乡医疗救助工作的通知', '云医保〔2019〕128号')]

Data flows one way: :func:`extractors.text.clean` builds the cleaned view
with its offset map, the finders (:mod:`~extractors.numbers`,
:mod:`~extractors.titles`, :mod:`~extractors.articles`) find mentions, the
resolvers (:mod:`~extractors.resolve`) attach aliases, pairs and laws, and
:mod:`~extractors.statements` reads what the text says about cited works
(repeals, dates).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .articles import find_article_tokens
from .numbers import find_numbers
from .registry import Registry, load_registry
from .resolve import DEFAULT_RESOLVERS, Extraction, Resolver, resolve
from .statements import read_statements
from .text import CleanText, clean
from .titles import find_titles
from .types import Alias, ArticleRef, DateStatement, DocumentNumber, Mention, Pair, RepealStatement, Title

__all__ = [
    "extract",
    "find_mentions",
    "Extraction",
    "Mention",
    "DocumentNumber",
    "Title",
    "ArticleRef",
    "Pair",
    "Alias",
    "RepealStatement",
    "DateStatement",
    "CleanText",
    "clean",
    "resolve",
    "DEFAULT_RESOLVERS",
    "EXTRACTOR_VERSION",
]

# Bump when the output for the same input may change (the build cache is keyed on it).
EXTRACTOR_VERSION = "36"  # session 7: review rounds 13–22 (their branches used 21–29, 34, 35; merges 23, 30–33, 36)


def find_mentions(text: str | CleanText, *, source: str | None = None, registry: Registry | None = None,
                  seen_codes: Iterable[str] = ()) -> Extraction:
    """Find the mentions of ``text`` without resolving them."""
    ct = text if isinstance(text, CleanText) else clean(text)
    reg = registry or load_registry()
    return Extraction(
        ct=ct,
        source=source,
        numbers=tuple(find_numbers(ct, reg, seen_codes)),
        titles=tuple(find_titles(ct, reg)),
        tokens=tuple(find_article_tokens(ct)),
    )


def extract(text: str | CleanText, *, source: str | None = None, resolvers: Sequence[Resolver] = DEFAULT_RESOLVERS,
            registry: Registry | None = None, seen_codes: Iterable[str] = ()) -> Extraction:
    """Every citation of ``text``: numbers, titles and articles with exact spans,
    resolved (aliases, pairs, the law of each article), and the statements
    the text makes about cited works (repeals, adoption and in-force dates).

    ``mention.text == text[mention.start:mention.end]`` for every mention."""
    ex = resolve(find_mentions(text, source=source, registry=registry, seen_codes=seen_codes), resolvers)
    return read_statements(ex)
