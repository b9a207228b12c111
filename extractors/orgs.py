"""Issuing bodies written in running text: the left edge of an organisation name."""

from __future__ import annotations

import re
from bisect import bisect_left

from typing import TYPE_CHECKING

from .anchored import find_all
from .text import CleanText

if TYPE_CHECKING:
    from .registry import Registry

__all__ = ["is_cjk", "cjk_run_left", "org_left_edge", "boundary_cut", "name_start", "joint_issuers_left",
           "lead_word_cut", "ISSUER_LEAD_WORDS", "NOT_NAME_ENDINGS", "ORG_SUFFIXES"]

# An issuing body ends with one of these.  Of the bodies that end in 行 only banks issue
# documents (中国人民银行, 央行); a bare 行 would make a body of every verb before a title
# (举行《…》, 进行, 履行, 现行).
ORG_SUFFIXES = (
    "国务院", "政府", "委员会", "常委会", "人大", "总局", "局", "部", "厅", "委", "院", "署",
    "办公室", "办公厅", "主席", "会", "办", "银行", "分行", "支行", "总行", "央行", "府", "司", "处", "所",
    "中心", "公司",
)
# Words that end the text before an issuing body.  Not 和/与/及: they occur
# inside names (中华人民共和国, 工业和信息化部, 人力资源和社会保障部).
_ORG_BOUNDARIES = ("根据", "依据", "按照", "依照", "参照", "遵照", "对照", "执行", "落实", "贯彻", "结合", "印发", "转发", "引用", "援引", "废止", "包括", "的", "、", "即", "见", "按")
_AFTER_NUMBER_CONJUNCTIONS = ("以及", "和", "及", "与", "或")
# How a citation written before a name ends: the bracket after a title or a number.
_CITATION_CLOSERS = frozenset("）)》")
_ORG_BOUNDARIES_REVERSED = re.compile("|".join(re.escape(w[::-1]) for w in _ORG_BOUNDARIES))

# Verbs and prepositions that introduce a citation and stand, in the same run of characters, right
# before the body that issued it (加快推动中国人民银行等五部委《…》, 据湖北省地震局《…》, 各地要认真学习国务院
# 《…》).  Unlike the boundary words these may occur inside a name (推动长江经济带发展领导小组办公室, 将乐县),
# so a name is cut after one only where what follows starts like a complete name of known level
# (:func:`lead_word_cut`).
ISSUER_LEAD_WORDS: dict[str, object] = {
    "words": ("据", "由", "经", "将", "对", "向", "把", "请", "要", "推动", "推进", "学习", "参考", "参阅", "比照",
              "遵循", "遵守", "宣传", "研究", "报送", "上报", "报请", "会同", "配合", "联合", "要求", "同意", "通过"),
    "examples": [("加快推动中国人民银行等五部委", "中国人民银行等五部委"), ("据湖北省地震局", "湖北省地震局"),
                 ("各地要认真学习国务院", "国务院"), ("现将省发展改革委", "省发展改革委"), ("由国家卫生健康委", "国家卫生健康委")],
    "not": ["推动长江经济带发展领导小组办公室", "将乐县人民政府", "国家数据局", "中共江西省委全面依法治省委员会", "市场监管总局"],
}
_LEAD_WORDS = tuple(sorted(ISSUER_LEAD_WORDS["words"], key=len, reverse=True))


def is_cjk(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff"


# The CJK characters of is_cjk, as a class: a run is measured in one regex match.
_CJK_RUN = re.compile("[\u3400-\u9fff\uf900-\ufaff]*")


def cjk_run_left(ct: CleanText, end: int, limit: int) -> int:
    """Start of the run of CJK characters ending at cleaned index ``end``.

    The run stops at a non-CJK character and at a space dropped from the
    original (a space never falls inside a name or code; a line break may:
    PDF text breaks lines anywhere)."""
    s = ct.clean
    lo = max(0, end - limit)
    if end <= lo:
        return end
    # The CJK run ending at ``end``: matched forward in the reversed window.
    i = end - _CJK_RUN.match(s[lo:end][::-1]).end()
    # The last dropped space inside it, if any, ends it.
    spaces = ct.space_gaps
    k = bisect_left(spaces, end) - 1
    if k >= 0 and spaces[k] > i:
        return spaces[k]
    return i


def org_left_edge(ct: CleanText, end: int, limit: int = 40) -> int | None:
    """Cleaned index where the issuing body written right before ``end``
    starts (``根据玉溪市人民政府`` → at 玉), or ``None`` if the text there
    does not end like an organisation name."""
    start = cjk_run_left(ct, end, limit)
    if start >= end:
        return None
    start = name_start(ct.clean, start, end)
    name, cut = ct.clean[start:end], 0
    # 原 ("former") is not part of the issuer.
    if name.startswith("原") and len(name) > 3:
        name, cut = name[1:], cut + 1
    if len(name) < 2 or not name.endswith(ORG_SUFFIXES):
        return None
    return start + cut


def boundary_cut(run: str) -> int:
    """Index in ``run`` right after the boundary word that ends last (0 if none)."""
    m = _ORG_BOUNDARIES_REVERSED.search(run[::-1])
    return len(run) - m.start() if m else 0


def name_start(s: str, start: int, end: int) -> int:
    """Where a name written in the CJK run ``s[start:end]`` may begin: after the
    年/月/日/号 that ends a date or number right before the run, a conjunction
    after a number, and the last boundary word (根据, 的, …)."""
    run = s[start:end]
    # Dates: 2017年11月22日中华人民共和国… — the run starts after 日/年/月 of a date.
    after_citation = start > 0 and s[start - 1] in _CITATION_CLOSERS
    if start > 0 and s[start - 1].isdigit() and run[:1] in ("年", "月", "日", "号"):
        run, start = run[1:], start + 1
        after_citation = True
    if after_citation:
        # …令第735号和国务院令第736号, 《A》（桂政办发〔2016〕80号）和自治区财政厅《B》: after a
        # number or a citation's closing bracket, a conjunction joins two citations
        # (和 may begin a name elsewhere: 和平区, 和田地区).
        for conj in _AFTER_NUMBER_CONJUNCTIONS:
            if run.startswith(conj) and len(run) > len(conj):
                run, start = run[len(conj):], start + len(conj)
                break
    return start + boundary_cut(run)


def lead_word_cut(name: str, reg: Registry) -> int:
    """Where the body starts in ``name`` (a run that ends like an organisation name): right
    after the leftmost lead word (:data:`ISSUER_LEAD_WORDS`) behind which a name starts (a
    place, a central body, 省…/市…); 0 when ``name`` itself starts like a name or no lead word
    is followed by one (推动长江经济带发展领导小组办公室 stays whole)."""
    if reg.starts_like_org(name):
        return 0
    cuts = sorted({i + len(w) for w in _LEAD_WORDS for i in find_all(name, w)})
    for k in cuts:
        if _names_a_body(name[k:], reg):
            return k
    return 0


def _names_a_body(s: str, reg: Registry) -> bool:
    """True when ``s`` starts like a name (a place, a central body, 省…, 市…) and ends like
    one: 湖北省地震局, 中国人民银行等五部委, 市委."""
    return len(s) >= 2 and reg.starts_like_org(s) and reg.is_complete_org(s)


def joint_issuers_left(ct: CleanText, reg: Registry, left: int) -> int:
    """Joint issuers written with spaces or 、 between their names (``财政部 税务总局 海关总署公告
    2019年第39号``, ``生态环境部、卫生健康委公告2019年第4号``, ``教育部、外交部、公安部令第42号``,
    ``教育部、外交部、财政部、体育总局《…的请示》``): go on leftwards across each space or 、 behind
    which a complete organisation name of known level ends.  (The 、 stays in the issuer as
    written; spaces are dropped as everywhere.)"""
    s = ct.clean
    while left > 0:
        if ct.gap(left) == 1:
            end = left
        elif s[left - 1] in _JOINT_ISSUER_SEPARATORS and ct.gap(left) == 0 and ct.gap(left - 1) == 0:
            end = left - 1
        else:
            break
        k = _central_body_before(s, reg, end) if end < left else None
        if k is None:
            k = org_left_edge(ct, end, 20)
        if k is None or k >= end or reg.admin_level(s[k:end]) is None:
            break
        # Words before the first name end the enumeration: a verb (现将内蒙古自治区农牧厅 财政厅《…》)
        # or a conjunction after other words (根据省委、省政府总体部署和市委、市政府《…》).
        cut = lead_word_cut(s[k:end], reg) or _after_conjunction(s[k:end], reg)
        left = k + cut
        if cut:
            break
    return left


def _after_conjunction(name: str, reg: Registry) -> int:
    """Where the last name joined by 和/与/及 begins in ``name`` when what stands before the
    conjunction is no name (省政府总体部署和市委 → 市委; 中共中央和国务院 stays whole); 0 otherwise."""
    for conj in _NAME_CONJUNCTIONS:
        i = name.rfind(conj)
        if i <= 0:
            continue
        before, rest = name[:i], name[i + len(conj):]
        if reg.admin_level(before) is not None and reg.is_complete_org(before) and not before.endswith(NOT_NAME_ENDINGS):
            return 0
        if _names_a_body(rest, reg):
            return i + len(conj)
    return 0


# Words that end as a body's name does (…署, …部, …局, …所) and are common nouns: 总体部署, 干部.
NOT_NAME_ENDINGS = ("部署", "干部", "全部", "内部", "局部", "格局", "大局", "场所", "住所")
_NAME_CONJUNCTIONS = ("以及", "和", "与", "及")


def _central_body_before(s: str, reg: Registry, end: int) -> int | None:
    """Start of the central body's full name that ends at ``end``, if one does: the words
    before a body in an enumeration are no part of it (会同教育部、公安部令 → 教育部)."""
    for name in reg.central_bodies():  # longest first
        if s.endswith(name, 0, end):
            return end - len(name)
    return None


# What a text writes between the names of joint issuers besides a space (教育部、外交部、公安部令第42号).
_JOINT_ISSUER_SEPARATORS = "、"
