"""Regex scans that try a pattern only where a match can start.

A pattern without a literal first character makes ``finditer`` attempt a
match at every position of the text (a top-level alternation of groups, a
repeat), or at best test every character against a set (``令|公告``): over a
whole document that costs more than everything done with its few matches.
When every match holds one of a few literal anchors near its start,
``str.find`` locates the anchors several times faster, and the pattern is
tried only at the few positions just before them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

__all__ = ["anchored_finditer", "find_all"]


def anchored_finditer(pattern: re.Pattern[str], s: str, anchors: Sequence[str], back: int) -> Iterator[re.Match[str]]:
    """Exactly the matches of ``pattern.finditer(s)``, in order.

    Valid when ``pattern`` never matches the empty string and each of its
    matches contains one of ``anchors`` beginning at most ``back`` characters
    after the start of the match.  Lookbehinds and ``$`` behave as in
    ``finditer``: ``pattern.match(s, p)`` sees the whole string."""
    candidates: set[int] = set()
    for anchor in anchors:
        i = s.find(anchor)
        while i >= 0:
            candidates.update(range(max(0, i - back), i + 1))
            i = s.find(anchor, i + 1)
    last_end = 0
    match = pattern.match
    for p in sorted(candidates):
        if p < last_end:
            continue  # finditer resumes after the previous match
        m = match(s, p)
        if m is not None:
            last_end = m.end()
            yield m


def find_all(s: str, sub: str) -> list[int]:
    """Every position of ``sub`` in ``s`` (overlapping ones too), by ``str.find``."""
    out, i = [], s.find(sub)
    while i >= 0:
        out.append(i)
        i = s.find(sub, i + 1)
    return out
