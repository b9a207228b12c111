"""Normal forms: title keys, Chinese numerals, canonical numbers."""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["title_key", "parse_numeral", "article_id", "law_short_name", "NUMERAL_CHARS"]

NUMERAL_CHARS = "〇零一二三四五六七八九十百千两"
_DIGITS = "0123456789"

_OUTER = {"《": "》", "〈": "〉", "<": ">", "＜": "＞"}
_KEY_DROP = re.compile(r"[\s_\u3000\u00a0\u200b\ufeff]+")
_KEY_MAP = str.maketrans(
    {
        "<": "〈",
        ">": "〉",
        "《": "〈",
        "》": "〉",
        "＜": "〈",
        "＞": "〉",
        "（": "(",
        "）": ")",
        "［": "[",
        "］": "]",
        "—": "-",
        "－": "-",
        "–": "-",
    }
)
_FW = {o: o - 0xFEE0 for o in range(0xFF10, 0xFF1A)} | {o: o - 0xFEE0 for o in range(0xFF21, 0xFF3B)} | {
    o: o - 0xFEE0 for o in range(0xFF41, 0xFF5B)
}


@lru_cache(maxsize=16384)
def title_key(title: str) -> str:
    """Comparison key of a title: whitespace and ``_`` removed, every nested
    bracket (``<>``, ``〈〉``, inner ``《》``) read as ``〈〉``, parentheses and
    full-width digits folded.  ``key(a) == key(b)`` means the same spelling.

    Cached: every title and name is keyed several times over the pipeline."""
    t = title.strip()
    if len(t) >= 2 and t[0] in _OUTER and t[-1] == _OUTER[t[0]]:
        t = t[1:-1]
    return _KEY_DROP.sub("", t).translate(_FW).translate(_KEY_MAP)


@lru_cache(maxsize=4096)
def parse_numeral(s: str) -> int | None:
    """Integer value of a numeral as written: ``77``, ``七十七``, ``二〇一九``,
    ``两百``, ``三百零七``.  ``None`` when it is not a numeral."""
    if not s:
        return None
    s = s.translate(_FW)
    if s.isdigit():
        return int(s)
    if any(c not in NUMERAL_CHARS for c in s):
        return None
    # Digit-by-digit form (二〇一九) has no unit characters.
    if not any(c in "十百千" for c in s):
        digits = "".join(_DIGIT_OF.get(c, "") for c in s)
        return int(digits) if digits and len(digits) == len(s) else None
    try:
        import cn2an  # imported lazily: it is slow to import and rarely needed

        value = cn2an.cn2an(s, "normal")
    except Exception:  # cn2an raises its own ValueError subclasses on odd input
        return None
    return int(value) if value == int(value) else None


_DIGIT_OF = {"〇": "0", "零": "0", "一": "1", "二": "2", "两": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}


def article_id(numeral: str, sub: str | None = None) -> str | None:
    """Article id: ``七十七`` → ``"77"``; ``三百零七`` + ``之一`` → ``"307-1"``."""
    n = parse_numeral(numeral)
    if n is None or n <= 0:
        return None
    if sub:
        m = parse_numeral(sub)
        if m is None or m <= 0:
            return None
        return f"{n}-{m}"
    return str(n)


_PRC = "中华人民共和国"


def law_short_name(title: str) -> str | None:
    """The name a law goes by without its ``中华人民共和国`` prefix
    (``中华人民共和国社会保险法`` → ``社会保险法``), or ``None``."""
    t = title_key(title)
    if t.startswith(_PRC) and len(t) > len(_PRC) + 1:
        return t[len(_PRC):]
    return None
