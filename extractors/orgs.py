"""Issuing bodies written in running text: the left edge of an organisation name."""

from __future__ import annotations

import re
from bisect import bisect_left

from .text import CleanText

__all__ = ["is_cjk", "cjk_run_left", "org_left_edge", "boundary_cut", "name_start", "ORG_SUFFIXES"]

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
