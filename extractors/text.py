"""A cleaned view of a source text, with an exact offset map back to the original.

Citations are matched against the cleaned view, where

* whitespace of every kind (spaces, U+3000, NBSP, tabs, CR/LF, zero-width
  characters) is dropped, so that ``第七十`` ⏎ ``八条`` and ``（澄`` ⏎
  ``政办发〔2020〕38号）`` read as one token;
* page-number lines (``— 11 —``, ``- 11 -``, ``第 11 页``) are dropped;
* full-width digits and Latin letters are folded to ASCII;
* every bracket variant around a four-digit year (``[2019]``, ``［2019］``,
  ``【2019】``, ``﹝2019﹞``, ``〖2019〗``, ``（2019）``) reads ``〔2019〕``.

Every cleaned character keeps the index of the original character it came from
(``origin(i)``, stored compactly as runs), so a match ``clean[s:e]`` maps back to ``text[span(s, e)]``: the
mention exactly as written, line breaks and padding included.  No diff-based
re-alignment is involved: the map is built while cleaning.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from itertools import accumulate
from dataclasses import dataclass, field

__all__ = ["CleanText", "clean", "WHITESPACE"]

# Characters that never carry meaning inside a citation.
WHITESPACE = frozenset(
    " \t\r\n\f\v\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
    "\u2008\u2009\u200a\u200b\u200c\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff"
)
_NEWLINES = frozenset("\n\r\u2028\u2029\f\v")

# A line that is only a page number, as left behind by PDF extraction.
_PAGE_LINE = re.compile(
    r"^[ \t\u3000\u00a0]*(?:"
    r"[—－\-–─]{1,2}[ \t\u3000\u00a0]*\d{1,4}[ \t\u3000\u00a0]*[—－\-–─]{1,2}"
    r"|第[ \t\u3000\u00a0]*\d{1,4}[ \t\u3000\u00a0]*页(?:[ \t\u3000\u00a0，,]*共[ \t\u3000\u00a0]*\d{1,4}[ \t\u3000\u00a0]*页)?"
    r")[ \t\u3000\u00a0]*$",
    re.M,
)

_YEAR_BRACKETS = re.compile(r"[\[［【﹝〖〔（(](\d{4})[\]］】﹞〗〕）)]")


# Full-width digits and Latin letters (U+FF10–FF19, FF21–FF3A, FF41–FF5A) → ASCII.
_FOLD = {o: o - 0xFEE0 for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)) for o in range(r[0], r[1] + 1)}
_WS_CLASS = "".join(sorted(WHITESPACE))
_WS_RUN = re.compile(f"[{_WS_CLASS}]+")
_KEPT_RUN = re.compile(f"[^{_WS_CLASS}]+")
# A whitespace run that contains a line break; its end starts a new line.
_NL_CLASS = "\n\r\u2028\u2029\f\v"
_SP_CLASS = "".join(sorted(WHITESPACE - set(_NL_CLASS)))
_BREAK_RUN = re.compile(f"[{_NL_CLASS}][{_WS_CLASS}]*")
_FULL_WIDTH = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


@dataclass(frozen=True)
class CleanText:
    """The original text, its cleaned view and the map between them.

    The cleaned view is a concatenation of kept runs of the original.  Run
    ``k`` starts at cleaned index ``runs[k]`` and original index ``starts[k]``;
    ``gaps[k]`` tells what was dropped before it: 0 nothing, 1 spaces only,
    2 at least one line break (or a dropped page-number line).
    """

    text: str
    clean: str
    runs: array = field(repr=False)
    starts: array = field(repr=False)
    gaps: bytes = field(repr=False)

    def _run(self, i: int) -> int:
        return bisect_right(self.runs, i) - 1

    def origin(self, i: int) -> int:
        """Original index of cleaned character ``i``."""
        k = self._run(i)
        return self.starts[k] + (i - self.runs[k])

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the cleaned slice ``clean[start:end]``."""
        if not self.clean:
            return 0, 0
        if end <= start:
            pos = self.origin(start) if start < len(self.clean) else len(self.text)
            return pos, pos
        return self.origin(start), self.origin(end - 1) + 1

    def original(self, start: int, end: int) -> str:
        """The original text behind ``clean[start:end]``, exactly as written."""
        s, e = self.span(start, end)
        return self.text[s:e]

    def to_clean(self, pos: int) -> int:
        """Index of the first cleaned character at or after original ``pos``."""
        k = bisect_right(self.starts, pos) - 1
        if k < 0:
            return 0
        run_len = (self.runs[k + 1] if k + 1 < len(self.runs) else len(self.clean)) - self.runs[k]
        off = pos - self.starts[k]
        return self.runs[k] + min(off, run_len)

    def gap(self, i: int) -> int:
        """What was dropped right before cleaned character ``i`` (0, 1 or 2)."""
        if i <= 0:
            return 2
        if i >= len(self.clean):
            return 2
        k = self._run(i)
        return self.gaps[k] if self.runs[k] == i else 0

    def line_start(self, i: int) -> bool:
        """True when cleaned character ``i`` starts a line of the original."""
        return self.gap(i) == 2

    def line_starts(self) -> list[int]:
        """Cleaned positions where a line of the original begins, in order."""
        starts = [r for r, g in zip(self.runs, self.gaps) if g == 2 and r < len(self.clean)]
        return starts if starts[:1] == [0] or not self.clean else [0, *starts]

    def space_before(self, i: int) -> bool:
        """True when whitespace was dropped right before cleaned character ``i``."""
        return self.gap(i) != 0

    def line_bounds(self, i: int) -> tuple[int, int]:
        """Cleaned ``(start, end)`` of the original line containing cleaned ``i``."""
        k = self._run(i)
        a = k
        while a > 0 and self.gaps[a] != 2:
            a -= 1
        b = k + 1
        while b < len(self.runs) and self.gaps[b] != 2:
            b += 1
        return self.runs[a] if self.runs else 0, (self.runs[b] if b < len(self.runs) else len(self.clean))


def clean(text: str) -> CleanText:
    """Build the cleaned view of ``text`` (see the module docstring)."""
    work = text
    if "页" in text or "—" in text or "-" in text or "－" in text:
        # Blank out page-number lines (same length, so offsets are unchanged).
        work = _PAGE_LINE.sub(lambda m: " " * len(m.group()), text)
    kept = [m.span() for m in _KEPT_RUN.finditer(work)]
    line_breaks = {m.end() for m in _BREAK_RUN.finditer(work)}
    starts = array("q", [a for a, _ in kept])
    runs = array("q", accumulate((b - a for a, b in kept[:-1]), initial=0)) if kept else array("q")
    gaps = bytes(
        2 if (i == 0 or a in line_breaks) else (1 if a != kept[i - 1][1] else 0)
        for i, (a, _) in enumerate(kept)
    )
    # Adjacent kept runs only arise where a page line was blanked; harmless.
    cleaned = _WS_RUN.sub("", work)
    if _FULL_WIDTH.search(cleaned):
        # re.sub touches only the few full-width characters; str.translate with a
        # dict would visit every character of the text (a fifth of the run time).
        cleaned = _FULL_WIDTH.sub(_fold, cleaned)
    # Unify the brackets around a year: a 1:1 replacement, offsets unchanged.
    cleaned = _YEAR_BRACKETS.sub(_unify_year, cleaned)
    return CleanText(text=text, clean=cleaned, runs=runs, starts=starts, gaps=gaps)


def _fold(m: re.Match) -> str:
    return chr(_FOLD[ord(m.group())])


def _unify_year(m: re.Match) -> str:
    return "〔" + m.group(1) + "〕"


def _merge(regions: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    regions.sort()
    merged: list[list[int]] = []
    for a, b, k in regions:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
            merged[-1][2] = max(merged[-1][2], k)
        else:
            merged.append([a, b, k])
    return [(a, b, k) for a, b, k in merged]
