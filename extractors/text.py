"""A cleaned view of a source text, with an exact offset map back to the original.

Citations are matched against the cleaned view, where

* whitespace of every kind (spaces, U+3000, NBSP, tabs, CR/LF, zero-width
  characters) is dropped, so that ``第七十`` ⏎ ``八条`` and ``（澄`` ⏎
  ``政办发〔2020〕38号）`` read as one token;
* page-number lines (``— 11 —``, ``- 11 -``, ``第 11 页``) are dropped;
* markup left in a text taken from a web page or a markdown file is dropped as
  whitespace is (:data:`MARKUP`): HTML tags of formatting and layout elements
  (``<p id="t4">``, ``<b>``, ``</td>``, ``<br/>``), entities that write a space
  (``&emsp;``, ``&nbsp;``) and markdown bold marks (``**``), so that
  ``<p>&emsp;&emsp;<b>第四条</b>&emsp;…`` starts a line with its article heading
  as the plain text does;
* full-width digits and Latin letters are folded to ASCII;
* the traditional 號 of a number (``國發〔2005〕44號``, ``令第588號``: texts of
  traditional-script pages such as big5.www.gov.cn) reads ``号`` right after a digit
  or a Chinese numeral, so that every number pattern reads it; 號 elsewhere (號召) stays;
* every bracket variant around a four-digit year (``[2019]``, ``［2019］``,
  ``【2019】``, ``﹝2019﹞``, ``〖2019〗``, ``〈2019〉``, ``（2019）``, mixed pairs too) reads ``〔2019〕``;
  so does ``„2019‟``, what 〔〕 become when text is copied out of PDFs set in some
  Founder fonts.

Every cleaned character keeps the index of the original character it came from
(``origin(i)``, stored compactly as runs), so a match ``clean[s:e]`` maps back to ``text[span(s, e)]``: the
mention exactly as written, line breaks and padding included.  No diff-based
re-alignment is involved: the map is built while cleaning.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from functools import cached_property
from itertools import accumulate, compress
from dataclasses import dataclass, field

__all__ = ["CleanText", "clean", "WHITESPACE"]

# Characters that never carry meaning inside a citation.
WHITESPACE = frozenset(
    " \t\r\n\f\v\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
    "\u2008\u2009\u200a\u200b\u200c\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff"
)
_NEWLINES = frozenset("\n\r\u2028\u2029\f\v")

# A line that is only a page number, as left behind by PDF extraction.  It is
# matched as a whole ``\n``-delimited line (what ``^…$`` means under re.M).
_PAGE_BODY = re.compile(
    r"[ \t\u3000\u00a0]*(?:"
    r"[—－\-–─]{1,2}[ \t\u3000\u00a0]*\d{1,4}[ \t\u3000\u00a0]*[—－\-–─]{1,2}"
    r"|第[ \t\u3000\u00a0]*\d{1,4}[ \t\u3000\u00a0]*页(?:[ \t\u3000\u00a0，,]*共[ \t\u3000\u00a0]*\d{1,4}[ \t\u3000\u00a0]*页)?"
    r")[ \t\u3000\u00a0\r]*"  # \r: the line's own CR in a CRLF text
)
# Every page line holds one of these.
_PAGE_ANCHORS = "—－-–─页"

# Markup that carries no text of its own.  Only the tags of known HTML elements of layout and
# formatting (with an optional Word namespace: <o:p>, <st1:chsdate …>) are markup: ASCII angle
# brackets also nest titles (《关于印发<山西省…>的通知》) and those never hold a tag name.  An
# <img>, a <script> or an <input> stands for content, not for a space, and stays; so do comments
# (<!-- INFO END -->): they stand on lines of their own and hold words.
MARKUP: dict[str, object] = {
    "regex": (
        r"</?(?i:(?:[a-z][a-z0-9]{0,10}:)?"
        r"(?:a|b|i|p|q|s|u|br|h[1-6r]|div|span|font|strong|em|su[bp]|small|big|center|"
        r"table|tbody|thead|tfoot|t[rdh]|caption|col(?:group)?|[uo]l|li|d[ltd]|blockquote|pre|"
        r"section|article|header|footer|strike|del|ins|chsdate|chmetcnv))"
        r"(?=[\s/>])[^<>\n]{0,300}>"
        r"|&(?:nbsp|ensp|emsp|thinsp|zwnj|zwj|#160|#12288|#8194|#8195|#8201|#x[aA]0|#x3000);"
        # markdown bold opens after white space or closes before it (**第二条** 本办法); asterisks
        # between characters are the text's own (a masked year: 关于要求对**年…的函)
        r"|(?<!\S)\*\*+|\*\*+(?!\S)"
    ),
    # (text, the cleaned view of it)
    "examples": [
        ('<p id="t4">&emsp;&emsp;<b>第四条</b>&emsp;立案后', "第四条立案后"),
        ("<br/><strong>第十二条</strong>&nbsp;&nbsp;本办法", "第十二条本办法"),
        ("<td>《中华人民共和国食品安全法》</td><TD>第三十四条</TD>", "《中华人民共和国食品安全法》第三十四条"),
        ("**第二条** 本办法适用于全省", "第二条本办法适用于全省"),
        ("2019年<o:p></o:p>3月", "2019年3月"),
    ],
    "counterexamples": [
        "《关于印发<山西省能源发展规划>的通知》",
        "<!-- INFO END -->",
        "&lt;b&gt;",
        "第*条",
        "关于要求对**年项目建议书进行批复的函",
        '《<img src=x>管理办法》',
    ],
}
_MARKUP = re.compile(MARKUP["regex"])
# Every markup match starts with one of these.
_MARKUP_FIRST = "<&*"

_YEAR_BRACKETS = re.compile(r"[\[［【﹝〖〔〈（(„](\d{4})[\]］】﹞〗〕〉）)‟]")


# Full-width digits and Latin letters (U+FF10–FF19, FF21–FF3A, FF41–FF5A) → ASCII.
_FOLD = {o: o - 0xFEE0 for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)) for o in range(r[0], r[1] + 1)}
_WS_CLASS = "".join(sorted(WHITESPACE))
# Split on whitespace runs, keeping them.  Written ``[ws][ws]*`` rather than
# ``[ws]+`` so that the regex engine scans for the first character with its fast
# character-set loop instead of attempting a match at every position.
_WS_SPLIT = re.compile(f"([{_WS_CLASS}][{_WS_CLASS}]*)")
# The same split for a text that holds markup: a run of whitespace and markup is one gap.
_WS_OR_MARKUP = f"(?:[{_WS_CLASS}]|{MARKUP['regex']})"
_WS_OR_MARKUP_SPLIT = re.compile(f"({_WS_OR_MARKUP}{_WS_OR_MARKUP}*)")
# A full-width character alone (the lookbehind accepts it), or an opening
# bracket, a year and a closing bracket: _YEAR_BRACKETS.  Written with one
# leading character class so that the regex engine scans for it at C speed.
_FW_CLASS = "\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"
# What 號 follows when it is a number's 号: a digit (ASCII or full-width) or a Chinese numeral.
_NUMBER_BEFORE_HAO = "0-9\uff10-\uff19〇零一二三四五六七八九十百千两"
_FOLD_OR_YEAR = re.compile(f"[{_FW_CLASS}號\\[［【﹝〖〔〈（(„](?:(?<=[{_FW_CLASS}])|(?<=[{_NUMBER_BEFORE_HAO}]號)|(\\d{{4}})[\\]］】﹞〗〕〉）)‟])")


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
        runs = self.runs
        k = bisect_right(runs, i) - 1
        return self.starts[k] + (i - runs[k])

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the cleaned slice ``clean[start:end]``."""
        if not self.clean:
            return 0, 0
        if end <= start:
            pos = self.origin(start) if start < len(self.clean) else len(self.text)
            return pos, pos
        # Called for every mention: both ends in one place, and one bisection
        # when the slice lies within one kept run (most do).
        runs, starts = self.runs, self.starts
        k = bisect_right(runs, start) - 1
        last = end - 1
        if k + 1 < len(runs) and runs[k + 1] <= last:
            j = bisect_right(runs, last) - 1
        else:
            j = k
        return starts[k] + (start - runs[k]), starts[j] + (last - runs[j]) + 1

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
        return self._gap_at.get(i, 0)

    @cached_property
    def _gap_at(self) -> dict[int, int]:
        # Run start → its gap: gap() is a dictionary probe, not a bisection.
        return dict(zip(self.runs, self.gaps))

    @cached_property
    def space_gaps(self) -> list[int]:
        """Cleaned positions where only spaces (no line break) were dropped, in order."""
        return list(compress(self.runs, map((1).__eq__, self.gaps)))

    def line_start(self, i: int) -> bool:
        """True when cleaned character ``i`` starts a line of the original."""
        if i <= 0 or i >= len(self.clean):
            return True  # gap(i) == 2
        return self._gap_at.get(i) == 2

    def line_starts(self) -> list[int]:
        """Cleaned positions where a line of the original begins, in order."""
        starts = list(compress(self.runs, map((2).__eq__, self.gaps)))
        while starts and starts[-1] >= len(self.clean):  # runs are sorted: only the tail can lie past the end
            starts.pop()
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
    # Page-number lines are blanked out (same length, so offsets are unchanged) and
    # dropped with the whitespace around them; so is markup, by the split itself.
    work = text
    if "页" in text or "—" in text or "-" in text or "－" in text:
        work = _blank(text, _page_lines(text))
    # One regex split yields kept runs and whitespace runs alternately
    # ([kept, ws, kept, ..., kept]); every further step is a bulk C-level pass
    # over those pieces instead of a Python loop over match objects.
    parts = (_WS_OR_MARKUP_SPLIT if _has_markup(work) else _WS_SPLIT).split(work)
    lengths = list(map(len, parts))
    offsets = list(accumulate(lengths, initial=0))
    kept = parts[0::2]
    starts = offsets[0::2]
    kept_lengths = lengths[0::2]
    # What was dropped before kept run k (k ≥ 1) is whitespace run k - 1; the
    # few distinct runs ('\n\n', ' ', '\u3000\u3000', …) are classified once each.
    gaps = bytearray(b"\x02")
    gaps += bytes(map(_GapCodes().__getitem__, parts[1::2]))
    # Only the first and the last piece may be empty (text starting or ending
    # with whitespace): drop them; the first kept run always reads as a line start.
    if kept_lengths[-1] == 0:
        del kept[-1], starts[-1], kept_lengths[-1], gaps[-1]
    if kept_lengths and kept_lengths[0] == 0:
        del kept[0], starts[0], kept_lengths[0], gaps[0]
        if gaps:
            gaps[0] = 2
    runs = array("q", accumulate(kept_lengths[:-1], initial=0)) if kept else array("q")
    cleaned = _fold_and_unify("".join(kept))
    return CleanText(text=text, clean=cleaned, runs=runs, starts=array("q", starts), gaps=bytes(gaps))


def _fold_and_unify(cleaned: str) -> str:
    """Fold full-width digits and letters to ASCII, a number's 號 to 号, and unify the brackets around a year.

    Both are 1:1 replacements, so offsets are unchanged.  One regex scan finds
    both, and only what changes is rebuilt: str.translate with a dict would
    visit every character of the text.  Folding does not move a year bracket
    (``\\d`` matches a full-width digit as well), so the brackets found before
    folding are those found after it, and the year's digits are folded in place."""
    pieces: list[str] = []
    last = 0
    for m in _FOLD_OR_YEAR.finditer(cleaned):
        a, b = m.span()
        digits = m.group(1)
        if digits is None:  # a full-width character, or 號 after a numeral
            new = "号" if cleaned[a] == "號" else chr(_FOLD[ord(cleaned[a])])
        else:
            new = "〔" + digits.translate(_FOLD) + "〕"
            if new == cleaned[a:b]:
                continue  # already 〔2019〕
        pieces += (cleaned[last:a], new)
        last = b
    if not pieces:
        return cleaned
    pieces.append(cleaned[last:])
    return "".join(pieces)


class _GapCodes(dict):
    """Whitespace run → gap code (2 with a line break, else 1), computed on first use."""

    def __missing__(self, ws: str) -> int:
        code = self[ws] = 2 if any(c in _NEWLINES for c in ws) else 1
        return code


def _page_lines(text: str) -> list[tuple[int, int]]:
    r"""Spans of the page-number lines of ``text``: whole ``\n``-delimited lines that
    match :data:`_PAGE_BODY`.

    Such a line always holds a dash or 页, so only the lines holding one
    (found with str.find) are tried: a MULTILINE ``^`` pattern would be
    attempted at every position of the text."""
    found: set[int] = set()
    spans: list[tuple[int, int]] = []
    n = len(text)
    for ch in _PAGE_ANCHORS:
        i = text.find(ch)
        while i >= 0:
            a = text.rfind("\n", 0, i) + 1
            b = text.find("\n", i)
            if b < 0:
                b = n
            if a not in found:
                found.add(a)
                if _PAGE_BODY.fullmatch(text, a, b):
                    spans.append((a, b))
            i = text.find(ch, b)
    return spans


def _has_markup(text: str) -> bool:
    """True when ``text`` holds :data:`MARKUP`.  Markup starts with ``<``, ``&`` or ``*``:
    those characters are found with str.find and the pattern is tried there only
    (a regex search would test every position of a plain text)."""
    match = _MARKUP.match
    for ch in _MARKUP_FIRST:
        i = text.find(ch)
        while i >= 0:
            if match(text, i) is not None:
                return True
            i = text.find(ch, i + 1)
    return False


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with every span replaced by as many spaces (spans may overlap)."""
    pieces: list[str] = []
    last = 0
    for a, b in sorted(spans):
        if b <= last:
            continue
        a = max(a, last)
        pieces.append(text[last:a])
        pieces.append(" " * (b - a))
        last = b
    pieces.append(text[last:])
    return "".join(pieces)


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
