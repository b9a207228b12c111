"""Budget disclosure structure: header, projects, sections and project fields.

A disclosure (``澄江市医疗保障局2022年预算重点领域财政项目文本公开``) lists
projects (``项目1.``, ``项目 1.``, ``项目一``, ``（一）``), each with numbered
sections (一、项目名称 … 八、项目实施成效).  Parsing works on the cleaned view
of :mod:`extractors.text`, so PDF line breaks, padded digits and page-number
lines do not matter, and tolerates damaged headings (``三、目实施单位``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from extractors.normalize import parse_numeral
from extractors.orgs import ORG_SUFFIXES
from extractors.text import CleanText

__all__ = ["Section", "Project", "Disclosure", "parse_disclosure", "SECTION_NAMES", "canonical_section",
           "HEADER_BODY_LABELS", "PROJECT_TITLE_SUFFIXES", "project_title_name"]

# The eight sections of a project, in order, with the variants real texts use.
SECTION_NAMES: dict[str, tuple[str, ...]] = {
    "项目名称": ("项目名称",),
    "立项依据": ("立项依据", "项目立项依据", "政策依据", "设立依据"),
    "项目实施单位": ("项目实施单位", "实施单位", "实施主体", "项目实施主体", "项目单位"),
    "项目基本概况": ("项目基本概况", "基本概况", "项目概况", "项目基本情况", "项目概述", "项目简介"),
    "项目实施内容": ("项目实施内容", "实施内容", "项目内容", "主要内容"),
    "资金安排情况": ("资金安排情况", "资金安排", "年度预算安排", "预算安排", "资金安排使用情况", "资金测算依据"),
    "项目实施计划": ("项目实施计划", "实施计划", "实施周期", "项目实施周期", "实施方案"),
    "项目实施成效": ("项目实施成效", "实施成效", "绩效目标", "绩效目标和指标", "预期效益", "项目绩效目标"),
}
_CN = "一二三四五六七八九十"
_SECTION_HEAD = re.compile(rf"(?:[{_CN}]{{1,2}}、|[（(][{_CN}]{{1,2}}[）)]|\d{{1,2}}[）)、.．])(?P<name>[\u4e00-\u9fff]{{2,10}})")
# Headings that may name a project in the layouts without a 项目名称 section, by level:
# 一、<name> (1), （一）<name> (2), 1. <name> (3), each over numbered sub-sections (立项依据 …).
_TOP_HEAD = re.compile(
    rf"(?:(?P<l1>[{_CN}]{{1,3}})、|[（(](?P<l2>[{_CN}]{{1,3}})[）)]|(?P<l3>\d{{1,2}})[.．、](?!\d))(?P<name>[^\n]{{2,60}})"
)
_PROJECT_HEAD = re.compile(rf"项目(?P<no>\d{{1,3}}|[{_CN}]{{1,3}})")
# An unnumbered line naming one project above its numbered sections, as Shanghai district
# budgets write it (兰溪路-真南路下立交工程项目经费情况说明 ⏎ 一、项目概述 ⏎ 二、立项依据 …): it
# heads the project above every numbered heading.  The name is the line less the suffix.
PROJECT_TITLE_SUFFIXES: dict[str, object] = {
    "suffixes": ("项目经费情况说明", "项目情况说明"),
    "examples": [("兰溪路-真南路下立交工程项目经费情况说明", "兰溪路-真南路下立交工程"),
                 ("真如海心剧院精装修工程项目经费情况说明", "真如海心剧院精装修工程"),
                 ("项目经费情况说明", "项目经费情况说明")],
    "not": ["七、项目经费情况说明", "其他相关情况说明", "一、2026年“三公”经费预算情况说明",
            "本项目经费情况说明如下，按照本区预算绩效管理工作的总体要求编制。"],
}
_PROJECT_TITLE_SUFFIXES: tuple[str, ...] = PROJECT_TITLE_SUFFIXES["suffixes"]  # type: ignore[assignment]
_MAX_PROJECT_TITLE = 60
_HEADER = re.compile(
    r"(?P<issuer>[\u4e00-\u9fff（）()]{2,40}?)(?P<year>(?:19|20)\d{2})年度?"
    r"(?P<kind>(?:部门)?预算重点领域财政项目文本公开|预算重点领域项目文本公开|(?:部门)?预算项目文本公开|重点项目预算公开"
    r"|(?:[省市区县州盟旗]级)?部门预算(?:公开)?|项目支出预算公开)"
)
# A header that names the place before the year (上海市普陀区2026年区级部门预算) names the
# body whose budget it is on a labelled line of its own (预算主管部门：上海市普陀区文化和旅游局).
HEADER_BODY_LABELS: dict[str, object] = {
    "regex": r"(?:预算主管部门|主管部门|预算单位)[：:]",
    "examples": [("上海市普陀区2026年区级部门预算\n预算主管部门：上海市普陀区建设和管理委员会\n目 录",
                  "上海市普陀区建设和管理委员会")],
}
_HEADER_BODY_LABEL = re.compile(HEADER_BODY_LABELS["regex"])
_AMOUNT_TOTAL = re.compile(r"(?<![两二三四五六七八九十\d]项)(?<!小)(?:合计|总计|共计|总额|总金额)(?:资金|金额)?[为:：]?(?P<v>\d+(?:\.\d+)?)万元")
_AMOUNT_LEAD = re.compile(r"\s*(?P<v>\d+(?:\.\d+)?)万元")  # 年度预算安排：3125.70万元。
# A disclosure whose header line was lost (crawled pages): the budget sentences name the
# body and the year (2020年江西省市场监督管理局共有预算单位37个 / 收入预算总额为…).
_BODY_HEADER = re.compile(
    r"(?P<year>(?:19|20)\d{2})年度?(?P<issuer>[\u4e00-\u9fff（）()]{2,40}?)"
    r"(?:共有预算单位|(?:部门)?(?:收入|支出)预算总额|部门预算(?:收支|公开)?)"
)
_AMOUNT_PLANNED = re.compile(r"(?:本项目|项目)(?:计划)?(?:安排|申请|预算)(?:资金|经费|金额)?[为:：]?(?P<v>\d+(?:\.\d+)?)万元")
_PERIOD = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日[至到—\-~～](\d{4})年(\d{1,2})月(\d{1,2})日")


@dataclass(frozen=True)
class Section:
    """A numbered section of a project; ``name`` is canonical (立项依据)."""

    name: str
    heading: str  # as written, cleaned (三、目实施单位)
    cstart: int  # cleaned start of the heading
    cbody: int  # cleaned start of the body
    cend: int  # cleaned end (exclusive)


@dataclass(frozen=True)
class Project:
    no: int
    name: str
    unit: str | None
    amount_wan: Decimal | None
    period: tuple[str, str] | None
    cstart: int
    cend: int
    sections: tuple[Section, ...] = ()

    def section_at(self, cpos: int) -> Section | None:
        for s in self.sections:
            if s.cstart <= cpos < s.cend:
                return s
        return None


@dataclass(frozen=True)
class Disclosure:
    issuer: str
    year: int
    title: str
    projects: tuple[Project, ...] = field(default_factory=tuple)

    def project_at(self, cpos: int) -> Project | None:
        for p in self.projects:
            if p.cstart <= cpos < p.cend:
                return p
        return None


def canonical_section(heading_name: str) -> str | None:
    """Canonical section name for a heading as written, tolerating damage
    (``目实施单位`` → ``项目实施单位``)."""
    canon, score = _section_score(heading_name.rstrip("：:。"))
    return canon if score >= 0.8 else None


# Exact variant → canonical name (the first section listing it, as the loop below would find it).
_VARIANT_CANON: dict[str, str] = {}
for _canon, _variants in SECTION_NAMES.items():
    for _v in _variants:
        _VARIANT_CANON.setdefault(_v, _canon)


def _section_score(name: str) -> tuple[str | None, float]:
    exact = _VARIANT_CANON.get(name)
    if exact is not None:
        return exact, 1.0
    best, score = None, 0.0
    for canon, variants in SECTION_NAMES.items():
        for v in variants:
            if 2 * min(len(name), len(v)) / (len(name) + len(v)) <= score:
                continue  # that upper bound of the ratio cannot beat the best so far
            r = _similarity(name, v)
            if r > score:
                best, score = canon, r
    return best, score


def _similarity(a: str, b: str) -> float:
    from difflib import SequenceMatcher

    return SequenceMatcher(None, a, b).ratio()


def parse_header(ct: CleanText) -> tuple[str, int, str] | None:
    """(issuer, budget year, title) from the header, or None if the text does not
    start like a budget disclosure."""
    head = ct.clean[:200]
    m = _HEADER.search(head)
    if m is None:
        return None
    # The header is the first thing on the page (no sentence before it), and
    # it is published by a body (根据2022年预算… is a sentence, not a header).
    if re.search(r"[。；]", head[: m.start()]):
        return None
    issuer = m.group("issuer")
    if not _is_body(issuer):
        issuer = _labelled_body(ct, m.end())
        if issuer is None:
            return None
    return issuer, int(m.group("year")), m.group(0)


def _is_body(name: str) -> bool:
    return name.rstrip("（）()").endswith(ORG_SUFFIXES)


def _labelled_body(ct: CleanText, pos: int) -> str | None:
    """The body named on a labelled line right after the header (预算主管部门：<body>), or None."""
    m = _HEADER_BODY_LABEL.match(ct.clean, pos)
    if m is None or not ct.line_start(pos):
        return None
    _, line_end = ct.line_bounds(m.end() - 1)
    body = ct.clean[m.end():line_end]
    return body if 2 <= len(body) <= 40 and re.fullmatch(r"[\u4e00-\u9fff（）()]+", body) and _is_body(body) else None


def parse_body_header(ct: CleanText) -> tuple[str, int, str] | None:
    """(issuer, budget year, the words naming them) from a budget sentence, for a
    disclosure whose header line was lost; None when no sentence names a body and a year."""
    for m in _BODY_HEADER.finditer(ct.clean, 0, 5000):
        issuer = m.group("issuer")
        if issuer.rstrip("（）()").endswith(ORG_SUFFIXES) and not issuer.startswith(("部门", "本部门", "我")):
            return issuer, int(m.group("year")), m.group(0)
    return None


def parse_disclosure(ct: CleanText) -> Disclosure | None:
    """The disclosure structure of a text, or None when it is not a disclosure.

    A disclosure starts with its header (``澄江市医疗保障局2022年预算…公开``); one whose
    header was lost counts when a budget sentence names its body and year and its
    projects have a 立项依据 section."""
    header = parse_header(ct)
    if header is None:
        if "立项依据" not in ct.clean:  # most texts: no need to look for budget sentences
            return None
        header = parse_body_header(ct)
        if header is None:
            return None
        d = _parse_projects(ct, *header)
        return d if d.projects else None
    return _parse_projects(ct, *header)


def _parse_projects(ct: CleanText, issuer: str, year: int, title: str) -> Disclosure:
    s = ct.clean
    # Headings are matched at each line start, not with finditer, so that a
    # heading after a number on the previous line (项目一 ⏎ 一、项目名称 reads
    # 一一、 in the cleaned view) is still found.
    lines = ct.line_starts()
    heads = _section_heads(ct, lines)
    # A project starts at each 项目名称 section (extended back to its 项目N. line).
    name_heads = [h for h in heads if h[0] == "项目名称"]
    proj_lines = _project_lines(ct, lines)
    projects: list[Project] = []
    starts: list[tuple[int, int | None]] = []
    for k, h in enumerate(name_heads):
        prev_end = name_heads[k - 1][1] if k else 0
        no = None
        start = h[1]
        for pos, m in proj_lines:
            if prev_end <= pos < h[1]:
                start, no = pos, m
        starts.append((start, no))
    for k, (start, no) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(s)
        secs = [h for h in heads if start <= h[1] < end]
        sections = []
        for j, (canon, hs, hb, heading) in enumerate(secs):
            se = secs[j + 1][1] if j + 1 < len(secs) else end
            sections.append(Section(name=canon, heading=heading, cstart=hs, cbody=hb, cend=se))
        projects.append(_project(s, no if no is not None else k + 1, start, end, sections))
    if not projects:
        projects = _projects_by_top_headings(ct, lines, heads)
    return Disclosure(issuer=issuer, year=year, title=title, projects=tuple(projects))


def _project_lines(ct: CleanText, lines: list[int]) -> list[tuple[int, int]]:
    """(cleaned start, number) of each 项目N line: 项目1. / 项目 1、/ 项目一 alone on its line.

    The number ends at punctuation or at the end of its line, so 项目一 ⏎
    一、项目名称 is project 1, not 11."""
    s = ct.clean
    out = []
    for pos in lines:
        m = _PROJECT_HEAD.match(s, pos)
        if m is None:
            continue
        _, line_end = ct.line_bounds(pos)
        digits = m.group("no")[: max(0, line_end - m.start("no"))]
        for n in range(len(digits), 0, -1):
            end = m.start("no") + n
            if end >= len(s) or s[end] in ".．、:：" or ct.line_start(end):
                out.append((pos, parse_numeral(digits[:n])))
                break
    return out


def _projects_by_top_headings(ct: CleanText, lines: list[int], heads: list[tuple[str, int, int, str]]) -> list[Project]:
    """Projects of the layouts without 项目名称: a heading naming the project (一、<name>,
    （一）<name> or 1. <name>) over numbered sub-sections (（一）立项依据, 2）立项依据 …).

    The project is the nearest heading before a 立项依据 section.  It ends at the first
    heading of its level or above after its last section (so that a numbered line inside a
    section does not cut it), and before a heading of a higher level."""
    s = ct.clean
    # A line read as a section heading (一、项目概述 ⏎ …) never names a project, whatever follows it.
    section_starts = {h[1] for h in heads}
    tops = []  # (start, level, number, line, name)
    for pos in lines:
        if pos in section_starts:
            continue
        _, line_end = ct.line_bounds(pos)
        m = _TOP_HEAD.match(s, pos)
        if m is None:
            name = project_title_name(s[pos:line_end])
            if name is not None:
                tops.append((pos, 0, None, s[pos:line_end], name))
            continue
        if canonical_section(m.group("name")[:10]) is not None:
            continue
        level = 1 if m.group("l1") else 2 if m.group("l2") else 3
        line = s[m.start("name"):line_end]
        tops.append((pos, level, parse_numeral(m.group("l1") or m.group("l2") or m.group("l3")), line, _first_sentence(line)))
    owners: list[int] = []  # indexes into tops
    k = 0
    for canon, hs, _, _ in heads:
        if canon != "立项依据":
            continue
        while k + 1 < len(tops) and tops[k + 1][0] < hs:
            k += 1
        if tops and tops[k][0] < hs and (not owners or owners[-1] != k):
            owners.append(k)
    spans = []
    for j, k in enumerate(owners):
        start, level, no, line, name = tops[k]
        limit = tops[owners[j + 1]][0] if j + 1 < len(owners) else len(s)
        limit = next((t[0] for t in tops[k + 1:] if t[0] < limit and t[1] < level), limit)
        secs = [h for h in heads if start < h[1] < limit]
        last = secs[-1][1] if secs else start
        end = next((t[0] for t in tops[k + 1:] if last < t[0] < limit and t[1] <= level), limit)
        spans.append((start, end, no, line, name, secs))
    numbers = [no for _, _, no, _, _, _ in spans]
    unique = len(set(numbers)) == len(numbers) and None not in numbers
    projects = []
    for j, (start, end, no, line, name, secs) in enumerate(spans):
        sections = [Section(name="项目名称", heading=line, cstart=start, cbody=start + len(line) - len(line.lstrip()),
                            cend=secs[0][1] if secs else end)]
        for i, (canon, hs, hb, heading) in enumerate(secs):
            se = secs[i + 1][1] if i + 1 < len(secs) else end
            sections.append(Section(name=canon, heading=heading, cstart=hs, cbody=hb, cend=se))
        # Numbers restart under each group (（九）… 1. 2.): then they count through the text.
        projects.append(_project(s, no if unique else j + 1, start, end, sections, name=name))
    return projects


def project_title_name(line: str) -> str | None:
    """The project an unnumbered title line names (…项目经费情况说明), or None when the line is
    no such title; a bare suffix line names no project but itself."""
    if (len(line) > _MAX_PROJECT_TITLE or not line.endswith(_PROJECT_TITLE_SUFFIXES) or re.search(r"[。；，,]", line)
            or _TOP_HEAD.match(line)):
        return None  # a sentence, or a numbered heading of the document (七、项目经费情况说明)
    for suffix in _PROJECT_TITLE_SUFFIXES:
        if line.endswith(suffix):
            return line[: -len(suffix)] or line
    return None


def _project(s: str, no: int, start: int, end: int, sections: list[Section], name: str | None = None) -> Project:
    body = {sec.name: s[sec.cbody:sec.cend] for sec in reversed(sections)}
    return Project(
        no=no,
        name=name if name is not None else _first_sentence(body.get("项目名称", "")),
        unit=_first_sentence(body.get("项目实施单位", "")) or None,
        amount_wan=_amount(body.get("资金安排情况", "")),
        period=_period(body.get("项目实施计划", "") or body.get("项目实施内容", "")),
        cstart=start,
        cend=end,
        sections=tuple(sections),
    )


def _section_heads(ct: CleanText, lines: list[int]) -> list[tuple[str, int, int, str]]:
    """(canonical name, heading start, body start, heading text) for every section heading."""
    out = []
    s = ct.clean
    for pos in lines:
        m = _SECTION_HEAD.match(s, pos)
        if m is None:
            continue
        _, line_end = ct.line_bounds(m.start())
        canon, used = _match_heading(s[m.start("name"):min(line_end, m.start("name") + 12)])
        if canon is None:
            continue
        body = m.start("name") + used
        if body < len(s) and s[body] in "：:":
            body += 1
        out.append((canon, m.start(), body, s[m.start():body]))
    return out


def _match_heading(raw: str) -> tuple[str | None, int]:
    """Canonical section name for the start of ``raw`` and how many characters it spans:
    the whole line when it is a heading of its own, else the best-matching prefix."""
    raw = raw.rstrip("：:。")
    canon, score = _section_score(raw)
    if score >= 0.8:
        return canon, len(raw)
    best: tuple[str | None, int, float] = (None, 0, 0.0)
    for n in range(2, min(len(raw), 10) + 1):
        c, sc = _section_score(raw[:n])
        if sc > best[2] or (sc == best[2] and sc == 1.0):
            best = (c, n, sc)
    return (best[0], best[1]) if best[2] >= 0.8 else (None, 0)


def _first_sentence(body: str) -> str:
    body = body.strip()
    m = re.match(r"[^。；\n]*", body)
    return (m.group(0) if m else body).strip("：: ")


def _amount(body: str) -> Decimal | None:
    totals = list(_AMOUNT_TOTAL.finditer(body))
    if totals:
        return Decimal(totals[-1].group("v"))
    lead = _AMOUNT_LEAD.match(body)
    if lead:
        return Decimal(lead.group("v"))
    planned = _AMOUNT_PLANNED.search(body)
    if planned:
        return Decimal(planned.group("v"))
    return None


def _period(body: str) -> tuple[str, str] | None:
    m = _PERIOD.search(body)
    if not m:
        return None
    y1, m1, d1, y2, m2, d2 = (int(x) for x in m.groups())
    return f"{y1:04d}-{m1:02d}-{d1:02d}", f"{y2:04d}-{m2:02d}-{d2:02d}"
