"""Document numbers (发文字号), order numbers and announcement numbers.

Matching is anchored on the rare characters (the year bracket ``〔2019〕``,
``令``/``公告`` followed by ``第…号``, ``号令``) and then looks LEFT for the
issuer, because a regular expression that starts with a lazy run of CJK
characters is tried at every position and is slow.  The left edge of an
issuer code is decided by :func:`issuer_code_left_edge` from boundary words,
the issuer-code registry and region abbreviations.
"""

from __future__ import annotations

import dataclasses
import heapq
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from functools import lru_cache

from .anchored import anchored_finditer
from .normalize import FILE_EXTENSIONS, NUMERAL_CHARS, has_traditional, parse_numeral, to_simplified
from .orgs import ORG_SUFFIXES, name_start, cjk_run_left as _cjk_run_left, joint_issuers_left as _joint_issuers_left, org_left_edge
from .registry import Registry, load_registry
from .text import CleanText
from .types import DocumentNumber

__all__ = ["find_numbers", "issuer_code_left_edge", "NUMBER_PATTERNS", "ATTACHMENT_FILE_NAME"]


# What follows a bracketed year: 第, the serial (leading zeros dropped), a list of serials
# before one 号 (〔2019〕45、46号), a stray ）, 号, and 令 when the number is an order's.
_BRACKETED_TAIL = (r"(?P<di>第)?0*(?P<serial>\d{1,6})(?P<more>(?:[、，,]0*\d{1,6})*)(?P<stray>[)）])?号号?"
                   r"(?P<ling>令(?![人行]))?")

# Patterns as data: each has a name, a regex over the cleaned view and examples
# (text, canonical number) that tests/test_numbers.py checks.
NUMBER_PATTERNS: dict[str, dict] = {
    "bracketed": {
        # 〔2019〕45号; a list of serials before one 号 (〔2019〕45、46号) gives a number each
        # 号令 after the serial makes it an order in the inverted form, kept as written like
        # 总局2号令: 建设部〔2007〕第162号令
        "regex": r"〔(?P<year>\d{4})〕" + _BRACKETED_TAIL,
        "examples": [
            ("根据云医保〔2019〕45号文件", "云医保〔2019〕45号"),
            ("根据云医保〔2019〕45、46号文件", "云医保〔2019〕45号"),
            ("（澄\n\n政办发〔2020〕38号）", "澄政办发〔2020〕38号"),
            ("（国市监竞争[2019]150）号）", "国市监竞争〔2019〕150号"),
            ("国能综通煤炭﹝2021﹞59号", "国能综通煤炭〔2021〕59号"),
            ("国办发（2020）第012号", "国办发〔2020〕12号"),
            ("（云医保〔2019〕45号号）", "云医保〔2019〕45号"),
            ("按照建设部〔2007〕第162号令", "建设部〔2007〕第162号令"),
            ("依据市政府〔2010〕15号令", "市政府〔2010〕15号令"),
        ],
    },
    "bracketed_year_nian": {
        # the year written with its 年 inside the bracket, in any bracket (the cleaned text
        # unifies only a bare year's brackets): 〔2019年〕12号, （1994年）第001号
        "regex": r"[〔（(\[［【﹝〖](?P<year>\d{4})年[〕）)\]］】﹞〗]" + _BRACKETED_TAIL,
        "examples": [
            ("根据鲁政发〔2019年〕12号文件", "鲁政发〔2019〕12号"),
            ("（财税字(1994年)第001号）", "财税字〔1994〕1号"),
            ("按照皖政办[2018年]45号文件", "皖政办〔2018〕45号"),
        ],
    },
    "order": {
        # …令第693号, …公告第49号, …公告2021年第5号, …主席令第二十五号; an order without
        # its 第 (济南市人民政府令19号) only with Arabic digits and an issuer of known level
        # the serial may be bracketed: 州政府令(第22号)
        "regex": r"(?P<kind>令|公告)(?P<ob>[（(])?(?P<ayear>\d{4}年)?(?:第(?P<serial>[0-9" + NUMERAL_CHARS
                 + r"]{1,8})|(?P<bare>\d{1,5}))号号?(?(ob)[）)])(?!令)",
        "examples": [
            ("州政府令(第22号)", "州政府令第22号"),
            ("(1991年3月26日济南市人民政府令19号发布)", "济南市人民政府令第19号"),
            ("根据玉溪市人民政府公告第 49 号《", "玉溪市人民政府公告第49号"),
            ("中华人民共和国国务院令\r\n\r\n第682号", "中华人民共和国国务院令第682号"),
            ("中华人民共和国主席令第二十五号", "中华人民共和国主席令第25号"),
            ("国家税务总局公告2021年第5号", "国家税务总局公告2021年第5号"),
            ("原中华人民共和国国家发展计划委员会令第8号发布的", "中华人民共和国国家发展计划委员会令第8号"),
        ],
    },
    "inverted_order": {
        # 省政府第145号令, 总局2号令
        "regex": r"(?P<di>第?)(?P<serial>[0-9" + NUMERAL_CHARS + r"]{1,6})号令",
        "examples": [
            ("按照总局2号令规定", "总局2号令"),
            ("根据省政府第145号令", "省政府第145号令"),
        ],
    },
    "inverted_announcement": {
        # 国家税务总局2019年第12号公告: an announcement with its year before the serial and
        # 公告 last, kept as written like 总局2号令 (the corpus reads it as …公告2019年第12号)
        "regex": r"(?P<ayear>\d{4})年第(?P<serial>\d{1,6})号公告",
        "examples": [
            ("根据国家税务总局2019年第12号公告的规定", "国家税务总局2019年第12号公告"),
            ("财政部 税务总局2019年第39号公告", "财政部税务总局2019年第39号公告"),
        ],
    },
    "year_first": {
        # the year in brackets before the code, as 1990s central documents wrote it: （94）财税字第12号,
        # (1994)财税字第12号, （93）国税发第1号; read as 财税字〔1994〕12号.  A two-digit year is 19YY.
        # The code ends as a document's does (字, 发, 函), so court cases ((2019)京01民终1号,
        # （2011）金婺商初字第1054号: see _CASE_CODE_TAILS) are not read
        "regex": r"(?:〔(?P<year>\d{4})〕|[（(](?P<yy>[4-9]\d)[）)])(?P<code>[\u4e00-\u9fff]{1,7}?[字发函])第?0*(?P<serial>\d{1,6})号",
        "examples": [
            ("可按（94）财税字第12号《财政部、国家税务总局关于运输费用问题的通知》中有关规定", "财税字〔1994〕12号"),
            ("根据(1994)财税字第12号文件", "财税字〔1994〕12号"),
            ("依据（93）国税发第1号", "国税发〔1993〕1号"),
        ],
    },
}

# A procurement or project code written as a document number (项目编号：包采谈〔2018〕1096号) names
# a tender or a project, not a document: the label before it says so.  Not 文件编号 or 文号.
PROJECT_CODE_LABEL: dict[str, object] = {
    "regex": r"(?:采购|招标|项目|标段|标包|合同|计划|批次)(?:编号|代码|编码)[:：]?$",
    "examples": ["采购项目编号：", "项目编号:", "招标编号：", "政府采购计划编号：", "标段编号"],
    "not": ["文件编号：", "文号：", "发文字号：", "编号："],
}
_PROJECT_CODE_LABEL = re.compile(PROJECT_CODE_LABEL["regex"])
_LABEL_WINDOW = 10  # cleaned characters before a code: a label and its colon

_BRACKETED = re.compile(NUMBER_PATTERNS["bracketed"]["regex"])
_YEAR_FIRST = re.compile(NUMBER_PATTERNS["year_first"]["regex"])
_BRACKETED_NIAN = re.compile(NUMBER_PATTERNS["bracketed_year_nian"]["regex"])
# Where _BRACKETED_NIAN can match: 年 and a closing bracket, five characters in (a regex with
# a literal first character is scanned for at C speed; eight str.find calls are slower).
_NIAN_CLOSE = re.compile(r"年[〕）)\]］】﹞〗]")
# Further serials of the same code and year after a number: 〔2019〕45号、46号, 45号和第46号.
# ``at``: where the further number is written (第 and leading zeros included).
_MORE_SERIALS = re.compile(r"(?:[、，,和及与]|以及)(?P<at>第?0*(?P<serial>\d{1,6}))号(?![楼院栋室床线路门车机台位井])")  # not 2号楼
_LIST_SERIAL = re.compile(r"[、，,](?P<at>0*(?P<serial>\d{1,6}))")
_MORE_ORDERS = re.compile(r"(?:[、，,和及与]|以及)(?P<at>第(?P<serial>[0-9" + NUMERAL_CHARS + r"]{1,8}))号(?!令)")
_ORDER = re.compile(NUMBER_PATTERNS["order"]["regex"])
_INVERTED = re.compile(NUMBER_PATTERNS["inverted_order"]["regex"])
_INVERTED_ANNOUNCEMENT = re.compile(NUMBER_PATTERNS["inverted_announcement"]["regex"])


# Boundary words known to the extractor even without the registry's list.
# Multi-character words first; single characters only when they never occur
# inside an issuer code.
_BASE_BOUNDARIES = (
    "根据", "依据", "按照", "依照", "参照", "遵照", "对照", "结合", "贯彻", "落实", "执行",
    "印发", "转发", "下发", "文件", "精神", "要求", "关于", "以及", "通知", "意见", "办法",
    "规定", "决定", "方案", "批复", "请示", "报告", "条例", "细则", "规划", "纲要", "公告",
    "通报", "通告", "纪要", "简报", "决议", "计划", "指南", "章程",
    "和", "及", "与", "的", "即", "见", "据", "按", "依", "由", "是", "为", "于", "在", "对",
    "将", "把", "从", "同", "等", "或", "并", "且", "了", "向", "给", "至", "至", "附",
)
# How the name of an issuing body written before its code ends (省财政厅, 市医疗保障局).
_ORG_TAILS = ("厅", "局", "委员会", "政府", "办公室", "中心")
# ... of them, the endings that only a body's full name has (人民政府, 办公厅): right before
# an unknown code they end the name even when the code's region is not registered.
_ORG_NAME_TAILS = ("人民政府", "办公室", "办公厅", "委员会")


# The longest run read whole as a code when an opening bracket stands before it.
_MAX_DELIMITED_CODE = 10
# What opens the bracket a number is written in.
_OPENERS = frozenset("（(")


# Characters of running text that may stand right before a number without being a
# boundary word (they also occur inside codes: 经 of 食经函, 省 of 省政办): never read
# as a one-character local abbreviation (经财社〔2017〕21号批准 is 财社…).
_FUNCTION_CHARS = frozenset("经以省市县区其好并如即将本该各每全此凡若可应也都就又还再则而但且另已须要能会使让被所之这那上下中内外前后同通新原")


# The rest of a local government's or party committee's code after its place head:
# 咸|政办发, 鄂州|政发, 恩施|州政办发, 大兴安岭|行署发, 锡|盟行署发, 黔江|府办发, and a
# prefecture's administrative office (行政公署) by its 署 alone: 兴|署发 of 兴安盟, 阿|行发 is not one.
_LOCAL_BODY = re.compile(r"[州市县区盟旗]?(?:行署|署|政|府|委|办)[办厅]?[发字函规文秘干人调明电通告复报令综任]{0,3}")


# The level characters that may follow a place head inside a local code (恩施州政办发, 锡盟行署发).
_LEVEL_CHARS = frozenset("州市县区盟旗")


# What begins central codes only: never after a place's head (藏国发明电 is 国发明电).
_CENTRAL_ONLY = frozenset("国中")
# Agency abbreviations that begin a code only after a place's head (政 of 甘政办发): a run
# that starts with one of them (政策载明甘政办发) does not start like a code.
_BODY_CHARS = frozenset("政府委办")


def _local_code_start(code: str, registry: Registry, known: str = "") -> int | None:
    """Where a local code starts inside ``code`` (a run with no boundary word), or None.

    The leftmost position from which a place head (:meth:`Registry.place_heads_at`)
    is followed by a government body's code (``_LOCAL_BODY``: 经咸政办发 → 咸政办发,
    又如鄂州政办发 → 鄂州政办发, 大兴安岭行署发) or, right after a word character
    that is never part of a code (``_FUNCTION_CHARS``), by a registered code or an
    agency's abbreviation (经冀财教 → 冀财教, 其中晋医保发 → 晋医保发), as is a province's
    abbreviation after any word (后续鲁民 → 鲁民).  A head never takes
    a character of the registered code ``known`` that ends ``code`` (经中山市中府办 is 中府办,
    not 市中府办 of 市中区)."""
    known_at = len(code) - len(known) if known else len(code)
    for p in range(len(code) - 1):
        for n in registry.place_heads_at(code, p):
            if p > 0 and code[p] in _FUNCTION_CHARS:
                continue  # 其中国发, 道路通渭政办发: 中, 通 are words of the sentence there
            body = code[p + n:]
            if not body or (p + n > known_at and p != known_at):
                continue
            if _LOCAL_BODY.fullmatch(body):
                if body[0] in _LEVEL_CHARS and not registry.head_names_level(code[p:p + n], body[0]):
                    continue  # 永老区办: 老 (of 老河口市) + 区办 names no 区; the head is 永
                return p
            if (p > 0 and registry.starts_like_agency(body) and body[0] not in _CENTRAL_ONLY
                    and not registry.starts_with_region(body)
                    and (n > 1 or registry.is_region_abbr(code[p]))
                    and (code[p - 1] in _FUNCTION_CHARS or (n == 1 and _province_before(code, p + 1, registry)))):
                # not a place before a local code (港口浙政发) or before 国/中 (冷藏国发明电),
                # nor a place's initial the registry does not list (基本达教学厅函)
                return p
    return None


def _province_before(run: str, k: int, registry: Registry) -> bool:
    """True when ``run[k - 1]`` is a province's one-character abbreviation (皖, 桂) that is
    not also a word of running text (新, 内), before a code that is not a central one
    (国发明电 after 冷藏): a code cut at ``k`` started one earlier."""
    c = run[k - 1]
    return c not in _FUNCTION_CHARS and run[k:k + 1] not in _CENTRAL_ONLY and registry.is_provincial_abbr(c)


@lru_cache(maxsize=8)
def _boundary_pattern(words: tuple[str, ...]) -> re.Pattern:
    """The boundary words, reversed, as one pattern (longest first)."""
    return re.compile("|".join(re.escape(w[::-1]) for w in sorted(words, key=len, reverse=True)))


def issuer_code_left_edge(run: str, registry: Registry, seen: Iterable[str] = (), *,
                          delimited: bool = False) -> tuple[int, float]:
    """Where the issuer code starts inside ``run`` (the CJK characters right
    before a year bracket), and how confident that is.

    ``根据云医保`` → (2, 1.0): the code is ``云医保``.  ``delimited``: an opening
    bracket stands right before ``run`` (``（联防联控机制发〔2020〕28号）``), so no
    word of the sentence can precede the code in it."""
    if not run:
        return 0, 0.0
    known = registry.longest_known_suffix(run) or ""
    protect = len(run) - len(known)  # boundary words inside a registered code do not count
    # The boundary word that ends last before ``protect``: the first match in the reversed run.
    m = _boundary_pattern(registry.boundary_words() or _BASE_BOUNDARIES).search(run[:protect][::-1])
    cut = protect - m.start() if m else 0
    if run.startswith("国家", cut) and registry.is_known(run[cut + 2:]):
        cut += 2  # 国家 is a word before a ministry's code: 国家发改价格规 is 发改价格规
    code = run[cut:]
    seen = set(seen)
    if code in seen:
        return cut, 1.0
    if known and known == code:
        return cut, 1.0
    if not registry.is_known(code):
        # The issuing body's name written right before its code: 省财政厅云财社〔2022〕56号
        # is 云财社, not 财社.  The longest head of three or more characters that ends like an
        # organisation is the name; the rest must start like a code (赣府厅字 stays whole).
        for k in range(len(code) - 2, 2, -1):
            if code[:k].endswith(_ORG_TAILS):
                tail = code[k:]
                if tail.startswith("公告"):
                    # 中国证券监督管理委员会公告〔2017〕13号: an announcement is numbered under
                    # its body's full name; 公告〔2017〕13号 alone names no issuer.
                    return cut, 0.85
                if len(tail) <= 8 and (registry.is_known(tail) or registry.starts_like_code(tail)):
                    return cut + k, 0.85
                if len(code) - k <= 6 and code[:k].endswith(_ORG_NAME_TAILS) and tail[0] not in _FUNCTION_CHARS:
                    # A full body name (…人民政府办公室, a heading's issuer line) before a code whose
                    # region the registry lacks (齐政办发 of 齐齐哈尔市): the whole rest is the code.
                    return cut + k, 0.6
                break
    if delimited and cut == 0 and len(code) <= _MAX_DELIMITED_CODE:
        # Nothing but the code fits between the bracket and the year: keep it whole,
        # long (联防联控机制发) or headed by a character that elsewhere is a word of the
        # sentence (从医保 of 从化区, 市民发 of 市中区).
        return 0, 0.8
    if (delimited and cut == 1 and len(run) <= _MAX_DELIMITED_CODE and registry.may_begin_county(run[0])
            and not registry.is_known(code) and registry.starts_like_code(code)):
        # A one-character word at the bracket, before an unregistered code, that begins a
        # county's name: that county's abbreviation (（从医保〔2014〕150号） of 从化区), not
        # a word of the sentence (（见国发〔2019〕5号） stays 国发: 国发 is registered).
        return 0, 0.7
    if code and not (known and len(known) >= len(code)) and (
            code[0] in _BODY_CHARS or (plen := registry.code_prefix_len(code)) == 0
            or (plen == 1 and code[0] not in _CENTRAL_ONLY and not registry.is_region_abbr(code[0]))):
        # No boundary word before a code that does not start like one (经咸政办发, 又如鄂州政办发,
        # 经冀财教, 大兴安岭行署发), or only through a one-character agency that is a word there
        # (公务宿政规发, 交通苏自然资函): the code starts at the leftmost place head followed by
        # a code's body.
        local = _local_code_start(code, registry, known)
        if local is not None:
            return cut + local, 0.75
    if known and len(known) > len(code):
        # The registry knows a longer code than the boundary words leave.
        return len(run) - len(known), 0.95
    if known and len(known) < len(code):
        if registry.starts_like_code(code) and len(code) <= 8:
            return cut, 0.9
        extra = code[: len(code) - len(known)]
        if known[0] not in _CENTRAL_ONLY and (
                (len(extra) == 1 and extra not in _FUNCTION_CHARS) or registry.may_abbreviate_place(extra)
                or (registry.abbreviates_division(extra) and extra[0] not in _FUNCTION_CHARS)):
            # One character, or two that begin a place's name or that are a place's initial and
            # its division's level (高区 of 高昌区), between a boundary (a word, punctuation) and a
            # registered code: a city's or county's abbreviation that the registry lacks, on a
            # central pattern (宜财社 of 宜宾市财政局 on 财社, 宛环函 of 南阳市, 历城应急 of 历城区,
            # 高区财农 of 高昌区财政局).  Reading 财社 there would name the ministry instead.
            return cut, 0.7
        k = len(run) - len(known)
        if k - 1 >= cut and _province_before(run, k, registry):
            # A province's abbreviation right before a registered code, after words of the
            # sentence (公开皖民务函 is 皖民务函, 专题引桂财税 is 桂财税).
            return k - 1, 0.7
        return k, 0.9
    if code and registry.starts_like_code(code) and len(code) <= 8:
        return cut, 0.8
    if 2 <= len(code) <= 6:
        if len(code) > 3 and code[0] in _FUNCTION_CHARS and registry.place_heads_at(code, 1):
            return cut + 1, 0.6  # 经永老区办: a word of the sentence before a place's code
        return cut, 0.6
    # Too long and unknown: keep the shortest tail that starts like a code.
    for k in range(len(run) - 2, max(cut, len(run) - 8) - 1, -1):
        if registry.starts_like_code(run[k:]):
            if k - 1 >= cut and _province_before(run, k, registry):
                return k - 1, 0.5
            return k, 0.5
    return max(cut, len(run) - 4), 0.3


def find_numbers(ct: CleanText, registry: Registry | None = None, seen_codes: Iterable[str] = ()) -> list[DocumentNumber]:
    """Every document, order and announcement number in the cleaned text."""
    reg = registry or load_registry()
    ct = _simplified_view(ct)
    found: list[DocumentNumber] = []
    found.extend(_bracketed(ct, reg, seen_codes))
    found.extend(_year_first(ct, reg))
    found.extend(_orders(ct, reg))
    found.sort(key=lambda m: (m.cstart, -m.cend))
    # Overlaps (a number matched by two patterns): keep the earlier, longer one.
    out: list[DocumentNumber] = []
    for m in found:
        if out and m.cstart < out[-1].cend:
            continue
        out.append(m)
    return [m for m in out if not _in_file_name(ct.clean, m.cend)]


# An attachment's file name ends with its extension: a number in it names the file, not a
# citation (the dev README: attachment file names are no numbers).
ATTACHMENT_FILE_NAME: dict[str, object] = {
    "regex": r"[)）]?\." + FILE_EXTENSIONS + r"(?![A-Za-z])",
    "examples": ["关于做好2021年全省煤炭储备能力建设工作的通知（晋能源信监发〔2021〕272号）.pdf", "附件：赣府字〔2020〕1号.doc",
                 "2.关于印发实施方案的通知（国办发〔2019〕6号）.DOCX"],
    "not": ["根据《关于印发实施方案的通知》（国办发〔2019〕6号）.现将有关事项通知如下", "（国办发〔2019〕6号）。下载：方案.pdf"],
}
_ATTACHMENT_FILE_NAME = re.compile(ATTACHMENT_FILE_NAME["regex"], re.IGNORECASE)


def _in_file_name(s: str, end: int) -> bool:
    """True when the number ending at ``end`` is followed by a file extension (…号）.pdf)."""
    return s.startswith((".", "）.", ")."), end) and _ATTACHMENT_FILE_NAME.match(s, end) is not None


# A romanised reading written after a character (財(cái)社, 國(guó)函): pages run through a
# converter that annotates characters this way cut a code in two; what follows the note
# is only part of the code.
_READING_NOTE = re.compile(r"[\u4e00-\u9fff]\([a-z\u00e0-\u01dc]{1,6}\)$")


def _simplified_view(ct: CleanText) -> CleanText:
    """The cleaned view with traditional characters simplified (國發 → 国发, 根據 → 根据), for
    a text written in traditional script: codes, bodies and boundary words read as in a
    simplified text and numbers come out in their simplified canonical form.  The fold is
    1:1, so offsets and the mention as written (from the original text) are unchanged."""
    if not has_traditional(ct.clean):
        return ct
    return dataclasses.replace(ct, clean=to_simplified(ct.clean))


def _bracketed(ct: CleanText, reg: Registry, seen_codes: Iterable[str]) -> Iterator[DocumentNumber]:
    s = ct.clean
    for m in heapq.merge(_BRACKETED.finditer(s), _nian_matches(s), key=re.Match.start):
        year = int(m.group("year"))
        if not 1949 <= year <= 2100:
            continue
        b = m.start()
        run_start = _cjk_run_left(ct, b, 20)
        run_start = _across_space(ct, reg, run_start, b)
        paren_start = _across_paren(ct, reg, run_start, b)
        if paren_start is not None:
            run_start = paren_start
        run = s[run_start:b]
        if not run:
            continue
        delimited = run_start > 0 and s[run_start - 1] in _OPENERS
        if paren_start is not None:
            cut, confidence = 0, 0.8
        else:
            cut, confidence = issuer_code_left_edge(run, reg, seen_codes, delimited=delimited)
            if run.endswith(("令", "公告")):
                # an order or announcement numbered with a year bracket (工业和信息化部令〔2019〕第50号):
                # its issuer is a body's name, read as an order's is (和 inside 工业和信息化部), joint
                # issuers included (教育部、外交部、公安部令〔2017〕第42号)
                org = org_left_edge(ct, b - (1 if run.endswith("令") else 2))
                if org is not None and run_start <= org < run_start + cut:
                    cut = org - run_start
                if org is not None and org == run_start + cut:
                    joint = _joint_issuers_left(ct, reg, org)
                    if joint < run_start:
                        run_start, cut, run = joint, 0, s[joint:b]
            cut = _line_start_code(ct, reg, run_start, run_start + cut, b, seen_codes) - run_start
        if cut == 0 and _READING_NOTE.search(s, max(0, run_start - 9), run_start):
            continue  # 財(cái)社〔2015〕257號: a code cut by a reading note cannot be read
        if _PROJECT_CODE_LABEL.search(s, max(0, run_start + cut - _LABEL_WINDOW), run_start + cut):
            continue
        code = run[cut:]
        if paren_start is not None:
            code = code.replace("(", "（").replace(")", "）")
        if not code or len(code) < 1 or code.endswith(_CASE_CODE_TAILS):
            continue
        if m.group("stray") and not _stray_ok(s, run_start + cut):
            continue
        serial = int(m.group("serial"))
        if serial == 0:
            continue
        info = reg.code(code)
        region = reg.region_of_code(code) if info is None else None
        fields = {"form": "bracketed", "code": code, "year": year, "issuer": info.issuer if info else None,
                  "level": info.level if info else (region.level if region else None)}
        more = m.group("more")
        if m.group("ling") and not more:
            # 建设部〔2007〕第162号令: an order, kept as written (brackets unified, no leading zeros)
            di = m.group("di") or ""
            fields["form"] = "inverted_order"
            yield _number(ct, run_start + cut, m.end(), f"{code}〔{year}〕{di}{serial}号令",
                          serial=serial, confidence=confidence, **fields)
            continue
        # 〔2019〕45、46号: the first number ends with its serial, each further one is its serial
        # (the last with 号), so that every span is exactly what the text says of it.
        yield _number(ct, run_start + cut, m.end("serial") if more else m.end(), f"{code}〔{year}〕{serial}号",
                      serial=serial, confidence=confidence, **fields)
        at = m.start("more")
        further = [(at + k.start("at"), at + k.end(), int(k.group("serial"))) for k in _LIST_SERIAL.finditer(more)]
        if further:
            further[-1] = (further[-1][0], m.end(), further[-1][2])
        # 〔2019〕45号、46号: more serials of the same code and year
        pos = m.end()
        while (k := _MORE_SERIALS.match(s, pos)) is not None:
            further.append((k.start("at"), k.end(), int(k.group("serial"))))
            pos = k.end()
        for cstart, cend, n in further:
            if n:
                yield _number(ct, cstart, cend, f"{code}〔{year}〕{n}号", serial=n, confidence=confidence * 0.9, **fields)


def _year_first(ct: CleanText, reg: Registry) -> Iterator[DocumentNumber]:
    """Numbers with the year in brackets before the code (（94）财税字第12号), in canonical form."""
    s = ct.clean
    for m in _YEAR_FIRST.finditer(s):
        year = int(m.group("year") or "19" + m.group("yy"))
        code, serial = m.group("code"), int(m.group("serial"))
        if not 1949 <= year <= 2100 or not serial or code.endswith(_CASE_CODE_TAILS):
            continue
        info = reg.code(code)
        yield _number(ct, m.start(), m.end(), f"{code}〔{year}〕{serial}号", form="bracketed", code=code, year=year,
                      serial=serial, issuer=info.issuer if info else None, level=info.level if info else None,
                      confidence=0.8)


def _nian_matches(s: str) -> Iterator[re.Match]:
    """Matches of _BRACKETED_NIAN (〔2019年〕12号), found from their ``年`` + closing bracket."""
    for k in _NIAN_CLOSE.finditer(s):
        if k.start() >= 5 and (m := _BRACKETED_NIAN.match(s, k.start() - 5)) is not None:
            yield m


# How the code of a case number ends, written like a document number: an arbitration award
# (新劳人仲案字（2015）第228号, 京劳人仲字〔2019〕12号) or a court case in the code-first order
# (金婺商初字〔2011〕第1054号).  Cases are not documents, as （2021）京01民终123号 is not.
_CASE_CODE_TAILS = ("仲案字", "仲案", "仲字", "仲裁字", "仲裁案字", "初字", "终字", "申字", "再字", "执字")


# A one-character series in brackets inside a code (宁财（综）发, 宁财(社)发 of 宁夏财政厅).
_PAREN_SERIES = re.compile(r"[（(][\u4e00-\u9fff][）)]$")


def _across_paren(ct: CleanText, reg: Registry, run_start: int, b: int) -> int | None:
    """Where a code with a bracketed series (``宁财（综）发〔2016〕892号``) starts, or None.

    The run before the year is at most three characters (发, 函) right after ``（X）``,
    and before the bracket stands a short head that starts like a code and is not a
    body's name (宁财, not 财政厅)."""
    s = ct.clean
    if not 0 < b - run_start <= 3 or run_start < 4:
        return None
    m = _PAREN_SERIES.search(s, run_start - 3, run_start)
    if m is None:
        return None
    p0 = m.start()
    left = _cjk_run_left(ct, p0, 12)
    head = s[left:p0]
    if not head:
        return None
    # Inside an opened bracket nothing but the code stands before the series
    # (（梅财(事)指〔2021〕70号） of 闽清县): the head need not start like a code.
    delimited = left > 0 and s[left - 1] in _OPENERS
    cut, _ = issuer_code_left_edge(head, reg, delimited=delimited)
    code = head[cut:]
    if (2 <= len(code) <= 4 and (reg.starts_like_code(code) or (delimited and cut == 0))
            and not code.endswith(_ORG_TAILS + ("委", "办"))):
        return left + cut
    return None


def _across_space(ct: CleanText, reg: Registry, run_start: int, b: int) -> int:
    """A space inside a registered code (PDF padding: ``云 医保〔2019〕45号``) does not end it.

    The run before a year bracket stops at a dropped space; it goes on across
    that space only when the registry knows a code that needs the characters
    before it."""
    if run_start == 0 or ct.gap(run_start) != 1:
        return run_start
    left = _cjk_run_left(ct, run_start, 8)
    known = reg.longest_known_suffix(ct.clean[left:b]) or ""
    if len(known) > b - run_start:
        return b - len(known)
    return _letter_spaced_left(ct, run_start, b)


def _letter_spaced_left(ct: CleanText, run_start: int, b: int) -> int:
    """A code letter-spaced inside an opened bracket (``（国 保发[2008]8 号）``,
    ``（国 办 发〔2019〕1号）``) starts at the bracket: going left across spaces,
    each piece is one character (not a word of the sentence, ``（如 国发…``), and
    the first stands right after ``（``.  Boundary words (``（见 国发…``) are then
    cut as anywhere else."""
    s = ct.clean
    pos = run_start
    while pos > 1 and ct.gap(pos) == 1 and b - pos < _MAX_DELIMITED_CODE:
        c = s[pos - 1]
        if not "\u4e00" <= c <= "\u9fff" or c in _FUNCTION_CHARS:
            break
        if ct.gap(pos - 1) == 0 and s[pos - 2] in _OPENERS:
            return pos - 1
        pos -= 1
    return run_start


def _org_across_space(ct: CleanText, reg: Registry, left: int | None, end: int) -> int | None:
    """A space inside an issuing body's name (``玉 溪市人民政府公告第49号``, ``国务 院令``,
    ``中华人民共和国 国务院令``, letter-spaced ``国 务 院 令``) does not end it.

    Going left across each dropped space (pieces of at most 24 characters), the
    name read with what precedes the space (cut after the last boundary word, as
    :func:`~extractors.orgs.org_left_edge` does) replaces the name as it stands
    when it starts like an organisation and has a known level; a piece that is a
    complete name itself is a joint issuer (:func:`_joint_issuers_left`) and a
    boundary word (``按照 总局2号令``) ends the name.  Where nothing before the
    space read as a name, the name after a boundary word is taken as
    :func:`~extractors.orgs.org_left_edge` takes it (``按照总 局2号令``)."""
    s = ct.clean
    pos = _cjk_run_left(ct, end, 40) if left is None else left
    best = left
    while pos > 0 and end - pos < 40 and ct.gap(pos) == 1:
        prev = _cjk_run_left(ct, pos, 24)
        if prev >= pos or (pos - prev > 1 and reg.is_complete_org(s[prev:pos])):
            break
        k = name_start(s, prev, end)
        if s[k] == "原" and end - k > 3:
            k += 1  # 原 ("former") is not part of the issuer
        if k >= pos:
            break  # a boundary word right before the space
        name = s[k:end]
        if reg.starts_like_org(name) and reg.admin_level(name) is not None:
            best = k
        elif best is None and k > prev and len(name) >= 2 and name.endswith(ORG_SUFFIXES):
            best = k  # no name as it stands; after a boundary word, a short one (按照总 局2号令)
        if k > prev:
            break  # a boundary word inside the piece
        pos = prev
    return best


def _line_start_code(ct: CleanText, reg: Registry, run_start: int, code_start: int, b: int,
                     seen: Iterable[str]) -> int:
    """Where the code starts when a line break falls inside the run before its year bracket.

    A code that begins a line is read from the line's start, as if the break were a
    boundary word, so that the words of the line before (a heading or a metadata line that
    no boundary word ends: 主 题 词: 行政事务 ⏎ 兴署发〔2019〕1号) neither join the code nor
    make it lose its head.  PDF text breaks lines anywhere, inside codes too (（澄 ⏎
    政办发〔2020〕38号）), so the break is no boundary when it splits one: the line after it
    begins with a body's or a level's character (政, 办, 州), a registered code or a place's
    head runs across it (云 ⏎ 医保, 黔东 ⏎ 南府办发), the code read so far has a place's
    abbreviation before it (宜 ⏎ 财社, 高区 ⏎ 财农), or an opening bracket holds the whole run."""
    runs, gaps, s = ct.runs, ct.gaps, ct.clean
    k = bisect_right(runs, b - 1)
    while k > 0 and runs[k - 1] > run_start:
        k -= 1
        if gaps[k] == 2:
            break
    else:
        return code_start
    q = runs[k]
    tail = s[q:b]
    if len(tail) < 2 or tail[0] in _BODY_CHARS or tail[0] in _LEVEL_CHARS:
        return code_start
    if run_start > 0 and s[run_start - 1] in _OPENERS and b - run_start <= _MAX_DELIMITED_CODE:
        return code_start
    if len(reg.longest_known_suffix(s[run_start:b]) or "") > len(tail):
        return code_start
    before = s[max(run_start, q - 4):q]
    if any(p + n > len(before) for p in range(len(before)) for n in reg.place_heads_at(before + tail[:4], p)):
        return code_start
    piece = s[code_start:q]
    if 0 < len(piece) <= 2 and (reg.may_abbreviate_place(piece) or reg.abbreviates_division(piece)
                                or (len(piece) == 1 and piece not in _FUNCTION_CHARS)):
        return code_start
    return q + issuer_code_left_edge(tail, reg, seen)[0]


def _stray_ok(s: str, code_start: int) -> bool:
    # A stray ）between serial and 号 only inside an opened bracket: （X〔2019〕150）号）
    return code_start > 0 and s[code_start - 1] in "（("


def _orders(ct: CleanText, reg: Registry) -> Iterator[DocumentNumber]:
    s = ct.clean
    # _ORDER starts with 令 or 公告: str.find locates them faster than the regex scan.
    for m in anchored_finditer(_ORDER, s, ("令", "公告"), 0):
        bare = m.group("bare")
        serial = parse_numeral(m.group("serial") or bare)
        if not serial:
            continue
        left = _org_across_space(ct, reg, org_left_edge(ct, m.start()), m.start())
        if bare is not None and (m.group("kind") != "令" or left is None
                                 or reg.admin_level(s[left:m.start()]) is None):
            continue  # 令19号 is an order only when a body of known level issues it
        if left is None:
            # 《…规定》（部令第13号）, （署令第123号）: a ministry's own short form, only
            # right after an opening bracket
            at = m.start()
            if at >= 2 and s[at - 1] in _SHORT_ORDER_ISSUERS and s[at - 2] in "（(" and m.group("kind") == "令":
                left = at - 1
            else:
                continue
        left = _joint_issuers_left(ct, reg, left)
        left = _line_issuer_left(ct, reg, left, m.start())
        issuer = s[left:m.start()]
        kind = m.group("kind")
        ayear = m.group("ayear") or ""
        canonical = f"{issuer}{kind}{ayear}第{serial}号"
        form = "order" if kind == "令" else "announcement"
        year = int(ayear[:4]) if ayear else None
        yield _make(ct, reg, left, m.end(), canonical, form, issuer, serial, year)
        # 国务院令第735号和第736号: more numbers of the same issuer
        pos = m.end()
        while (k := _MORE_ORDERS.match(s, pos)) is not None:
            if more := parse_numeral(k.group("serial")):
                yield _make(ct, reg, k.start("at"), k.end(), f"{issuer}{kind}{ayear}第{more}号", form, issuer, more, year)
            pos = k.end()
    for m in _inverted_orders(s):
        serial = parse_numeral(m.group("serial"))
        if not serial:
            continue
        left = _org_across_space(ct, reg, org_left_edge(ct, m.start()), m.start())
        if left is None:
            continue
        left = _line_issuer_left(ct, reg, left, m.start())
        issuer = s[left:m.start()]
        canonical = f"{issuer}{m.group('di')}{serial}号令"
        yield _make(ct, reg, left, m.end(), canonical, "inverted_order", issuer, serial, None)
    for m in anchored_finditer(_INVERTED_ANNOUNCEMENT, s, ("号公告",), 12):
        left = _org_across_space(ct, reg, org_left_edge(ct, m.start()), m.start())
        if left is None:
            continue  # 2019年第3号公告 with no body before it names no issuer
        left = _joint_issuers_left(ct, reg, left)
        left = _line_issuer_left(ct, reg, left, m.start())
        issuer = s[left:m.start()]
        serial, ayear = int(m.group("serial")), m.group("ayear")
        canonical = f"{issuer}{ayear}年第{serial}号公告"
        yield _make(ct, reg, left, m.end(), canonical, "inverted_announcement", issuer, serial, int(ayear))
    # 签署第736号国务院令: the issuer written between the serial and 令, the order in its own form
    # 签署第37号、第38号主席令, 第46、47、48号主席令: a list of serials before one issuer, a number
    # each, spanning what the text writes of it (the last one up to 令).
    for m in _issuer_inside_orders(s):
        issuer = m.group("issuer")
        if not issuer.endswith(_ORDER_ISSUER_TAILS):
            continue
        base = m.start("serials")
        items = list(_INSIDE_ITEM.finditer(m.group("serials")))
        for k, it in enumerate(items):
            serial = parse_numeral(it.group("serial"))
            if not serial:
                continue
            cstart = m.start() if k == 0 else base + it.start()
            cend = m.end() if k == len(items) - 1 else base + it.end()
            yield _make(ct, reg, cstart, cend, f"{issuer}令第{serial}号", "order", issuer, serial, None)


# 部令, 署令, 局令 (a ministry, an administration, a bureau of the State Council writing its own orders).
_SHORT_ORDER_ISSUERS = "部署局"

# How the name of a body that issues orders ends (国务院, 省政府, 市场监管总局, 财政部), or
# the office whose orders promulgate laws (签署第八十一号主席令).
_ORDER_ISSUER_TAILS = ("国务院", "政府", "总局", "部", "委员会", "署", "局", "委", "院", "主席")
# 第736号国务院令, matched backwards from its 令: the serial (or a list of them), 号 and the issuer's name.
_INSIDE_SERIAL = "[0-9" + NUMERAL_CHARS + "]{1,6}"
_ISSUER_INSIDE = re.compile(
    r"第(?P<serials>" + _INSIDE_SERIAL + r"(?:号?(?:、|，|,|和|及)第?" + _INSIDE_SERIAL + r"){0,9})"
    r"号(?P<issuer>(?:(?![第号令])[\u4e00-\u9fff]){2,16})令"
)
# One serial of that list, with the 第 and 号 written around it.
_INSIDE_ITEM = re.compile(r"第?(?P<serial>" + _INSIDE_SERIAL + r")号?")


def _issuer_inside_orders(s: str) -> Iterator[re.Match]:
    """Matches of ``第N号<issuer>令`` (签署第736号国务院令), found from each 令 that
    does not itself start an order number (令第…) and matched in the characters before it."""
    i = s.find("令")
    while i >= 0:
        if s[i + 1:i + 2] != "第" and s[i - 1:i] != "号":
            m = None
            for m in _ISSUER_INSIDE.finditer(s, max(0, i - 90), i + 1):
                pass
            if m is not None and m.end() == i + 1:
                yield m
        i = s.find("令", i + 1)


# How a heading line ends: a title's document type (东莞市…管理办法 ⏎ … ⏎ 东莞市人民政府令第123号;
# 【所属类别】国家法律法规 ⏎ 中华人民共和国国务院令).
_LINE_END_WORDS = ("办法", "规定", "条例", "细则", "规则", "决定", "通知", "公告", "通告", "意见", "方案",
                   "法", "法规", "规章", "规划", "批复", "函")


def _line_issuer_left(ct: CleanText, reg: Registry, left: int, end: int) -> int:
    """An order's issuer does not reach back over a line break after which an
    organisation's name stands alone before 令/公告, when the line before it is a
    heading (it ends with a document type) or the issuing body's own line
    (广东省东莞市人民政府 ⏎ 东莞市人民政府令第123号).  A line break inside a name
    (PDF text: ``中华人民共和国`` ⏎ ``国务院令``) or between joint issuers
    (``财政部`` ⏎ ``税务总局公告…``) leaves it whole."""
    s = ct.clean
    runs, gaps = ct.runs, ct.gaps
    k = bisect_right(runs, end - 1)
    while k > 0 and runs[k - 1] > left:
        k -= 1
        p = runs[k]
        if gaps[k] != 2:
            continue
        name, before = s[p:end], s[left:p]
        if (before.endswith(_LINE_END_WORDS) or before.endswith(name)) and reg.is_complete_org(name) \
                and reg.admin_level(name) is not None:
            return p
    return left


def _inverted_orders(s: str) -> Iterator[re.Match]:
    """Matches of the inverted order pattern (省政府第145号令), found from the rare
    ``号令`` and matched in the few characters before it: the pattern starts with
    a numeral, which a scan would try at every numeral of the text."""
    i = s.find("号令")
    last_end = 0
    while i >= 0:
        for m in _INVERTED.finditer(s, max(last_end, i - 8), i + 2):
            if m.end() == i + 2:
                last_end = m.end()
                yield m
                break
        i = s.find("号令", i + 2)


def _number(ct: CleanText, cstart: int, cend: int, canonical: str, **fields) -> DocumentNumber:
    """The number written at cleaned ``cstart:cend``, its span and text in the original."""
    start, end = ct.span(cstart, cend)
    return DocumentNumber(start=start, end=end, text=ct.text[start:end], cstart=cstart, cend=cend, number=canonical,
                          **fields)


def _make(ct: CleanText, reg: Registry, cstart: int, cend: int, canonical: str, form: str, issuer: str, serial: int, year: int | None) -> DocumentNumber:
    level = reg.admin_level(issuer)
    return _number(
        ct, cstart, cend, canonical,
        form=form,
        code=issuer,
        year=year,
        serial=serial,
        issuer=issuer,
        level=level,
        confidence=0.9 if level else 0.7,
    )
