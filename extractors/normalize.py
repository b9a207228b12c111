"""Normal forms: title keys, Chinese numerals, canonical numbers."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

__all__ = ["title_key", "parse_numeral", "article_id", "law_short_name", "NUMERAL_CHARS", "FILE_EXTENSIONS", "TRADITIONAL_CHARS",
           "TRADITIONAL_PLACE_CHARS_PATH", "to_simplified", "has_traditional"]

NUMERAL_CHARS = "〇零一二三四五六七八九十百千两"
# The extensions of an attachment's file name (《…范本.doc》, …（晋能源信监发〔2021〕272号）.pdf).
FILE_EXTENSIONS = r"(?:docx?|wps|pdf|ofd|xlsx?|et|txt|rar|zip|7z|jpe?g|png)"
_DIGITS = "0123456789"

# Traditional characters of issuer codes, body names, place abbreviations and the words
# written around them (根據, 關於, 印發), as pairs traditional → simplified: a number in a
# traditional-script text (國發〔2005〕44號, 甘政發〔2003〕10號, 國務院令第588號) is read and
# written canonically as the simplified one is, so that the registry knows its code and it
# is one work with the same number cited elsewhere.  Characters only: a 1:1 map, offsets
# unchanged.  Titles are not folded: they stay as written (only their kind is read in the
# simplified form: 《漳平統計年鑒——2022》 is a yearbook as 《…统计年鉴》 is).
TRADITIONAL_CHARS: dict[str, object] = {
    "pairs": ("國国發发號号辦办廳厅財财稅税務务衛卫計计劃划環环資资勞劳農农價价產产規规監监質质檢检"
              "廣广東东遼辽蘇苏閩闽贛赣魯鲁粵粤瓊琼貴贵雲云陝陕寧宁滬沪晉晋隴陇內内慶庆廈厦漢汉陽阳蘭兰"
              "烏乌齊齐龍龙門门業业會会員员機机關关於于據据實实貫贯徹彻轉转頒颁組组織织黨党紀纪總总區区"
              "縣县鄉乡鎮镇電电醫医藥药險险審审統统體体導导營营運运輸输鐵铁郵邮漁渔氣气礦矿應应對对為为"
              "與与開开調调經经濟济貿贸銀银權权證证設设議议請请復复報报進进書书長长協协聯联軍军參参華华"
              "僑侨園园屬属學学專专職职術术訓训藝艺圖图館馆檔档執执罰罚處处創创興兴獎奖勵励費费貸贷債债"
              "徵征繳缴備备災灾殘残婦妇兒儿養养態态綠绿節节約约溫温風风糧粮鹽盐廢废條条維维穩稳歸归辭辞"
              "適适標标準准憲宪選选舉举結结見见決决細细則则綱纲簡简給给從从將将並并動动鑒鉴"
              "視视劇剧錄录畫画詩诗詞词課课讀读欄栏題题傳传臺台說说戲戏寫写編编"),
    "examples": [("國發", "国发"), ("甘政發", "甘政发"), ("根據國務院令", "根据国务院令"), ("晉政字", "晋政字"),
                 ("國家衛生計生委", "国家卫生计生委")],
}
# The traditional forms of every place name's characters (懷 of 懷化, 瀋 of 瀋陽), derived from the
# registry's places and the county names: see the file's header.
TRADITIONAL_PLACE_CHARS_PATH = Path(__file__).resolve().parent / "data" / "traditional_place_chars.txt"


def _place_char_pairs() -> dict[str, str]:
    with open(TRADITIONAL_PLACE_CHARS_PATH, encoding="utf-8") as f:
        return dict(line.split() for line in f if line.strip() and not line.startswith("#"))


_TRADITIONAL_MAP = str.maketrans(
    _place_char_pairs() | dict(zip(TRADITIONAL_CHARS["pairs"][0::2], TRADITIONAL_CHARS["pairs"][1::2])))
# Characters that only a traditional-script text writes, all common in its numbers and names:
# one scan tells whether a text needs the fold at all.
_TRADITIONAL_MARK = re.compile("[國發辦廳務關於據號會]")


def to_simplified(s: str) -> str:
    """``s`` with the characters of :data:`TRADITIONAL_CHARS` simplified (same length)."""
    return s.translate(_TRADITIONAL_MAP)


def has_traditional(s: str) -> bool:
    """True when ``s`` holds a character that only traditional script writes."""
    return _TRADITIONAL_MARK.search(s) is not None


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
