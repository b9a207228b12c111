"""The sentence around a mention: what the HTML graph and the networkx view quote.

Finding a sentence's bounds (regular expressions over a few hundred characters
around the mention) is the costly part, and depends on the text alone, so
:func:`kg.analyse.analyse_text` finds them once per mention, in the worker
processes, and the build cache keeps them (:func:`sentence_bounds`); making the
sentence from its bounds is a slice and a clean-up (:func:`sentence_at`).
:func:`citation_sentence` does both.
"""

from __future__ import annotations

import re

__all__ = ["citation_sentence", "sentence_bounds", "sentence_at", "SentenceBounds"]

# (start, end, cut before, cut after): the sentence is text[start:end], with "…" where it was cut
SentenceBounds = tuple[int, int, bool, bool]

_END = "。；！？;!?"
_HEADING = r"\s*[一二三四五六七八九十]+、"  # a section heading's number: 二、
_HEADING_LINE = _HEADING + r"[^\n。；]{0,20}\n"  # … and the rest of its short line
# A sentence starts after the last heading line that re.finditer(r"(?:\A|\n)" + _HEADING_LINE)
# finds in the ``reach`` characters before the mention, and ends at the first _HEADING_AFTER.
# The text is searched between positions rather than sliced (the same matches: no pattern is
# anchored), and (?:\A|\n) is split in two: a pattern starting with a line break or a character
# set is searched for quickly, one that can start anywhere is tried at every position.
_HEADING_LINE_HERE = re.compile(_HEADING_LINE)  # the \A branch
_HEADING_LINE_AFTER_BREAK = re.compile(r"\n" + _HEADING_LINE)  # the \n branch
_HEADING_AFTER = re.compile(r"\n" + _HEADING)
_FIRST_END = re.compile(f"[{_END}]")
_LAST_END = re.compile(f".*[{_END}]", re.DOTALL)


def citation_sentence(text: str, start: int, end: int, reach: int = 300, longest: int = 360) -> str:
    """The sentence of ``text`` around ``text[start:end]``, line breaks removed.

    A sentence stops at 。；！？ and at section headings (二、…); one longer than
    ``longest`` characters is cut to ``longest // 2`` characters each side of the mention."""
    return sentence_at(text, sentence_bounds(text, start, end, reach, longest))


def sentence_bounds(text: str, start: int, end: int, reach: int = 300, longest: int = 360) -> SentenceBounds:
    """Where :func:`citation_sentence` of ``text[start:end]`` is in ``text``, and whether it was cut."""
    lo, hi = max(0, start - reach), min(len(text), end + reach)
    m = _LAST_END.match(text, lo, start)
    b = m.end() - lo if m else 0
    # The heading lines finditer would find in text[lo:start]: one at lo itself (\A) first, then
    # each searched for from the end of the previous one
    m = _HEADING_LINE_HERE.match(text, lo, start)
    pos = m.end() if m else lo
    while m := _HEADING_LINE_AFTER_BREAK.search(text, pos, start):
        pos = m.end()
    b = max(b, pos - lo)
    if b == 0 and lo > 0:
        b = -1  # no start within reach
    m = _FIRST_END.search(text, end, hi)
    e = m.end() - end if m else -1
    m = _HEADING_AFTER.search(text, end, hi if e < 0 else end + e)
    if m:
        e = m.start() - end
    if e < 0 and hi == len(text):
        e = hi - end
    n_left, n_right = start - lo, hi - end
    if b < 0 or e < 0 or (n_left - b) + (end - start) + e > longest:
        half = longest // 2
        b = max(b, n_left - half, 0)
        e = min(n_right if e < 0 else e, half)
    # "…" where the sentence does not start after an end mark or a line break (and does not end at one)
    before = b > 0 and text[lo + b - 1] not in _END and text[lo + b - 1] != "\n"
    after = 0 < e < n_right and text[end + e - 1] not in _END and text[end + e] != "\n"
    return lo + b, end + e, before, after


def sentence_at(text: str, bounds: SentenceBounds) -> str:
    """The sentence ``bounds`` (from :func:`sentence_bounds`) give in ``text``."""
    a, b, before, after = bounds
    s = ("…" if before else "") + text[a:b] + ("…" if after else "")
    return _without_line_breaks(s).strip().replace("‖", "|")


def _without_line_breaks(s: str) -> str:
    """``re.sub(r"\\s*\\n\\s*", "", s)``: every run of white space holding a line break removed.

    Split at the breaks and stripped (str.strip strips what \\s matches) instead: a
    fraction of the time of that pattern, which is tried at every position."""
    if "\n" not in s:
        return s
    parts = s.split("\n")
    return parts[0].rstrip() + "".join([p.strip() for p in parts[1:-1]]) + parts[-1].lstrip()
