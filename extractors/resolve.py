"""Resolution: aliases, title↔number pairs and the law of each article.

Mention finding (numbers, titles, article tokens) knows nothing about the
other mentions; resolution is a separate, replaceable pass over all of them,
as in eyecite.  :data:`DEFAULT_RESOLVERS` runs, in order:

1. :func:`resolve_aliases` — ``《X》（以下简称《Y》）``: later ``《Y》`` and a bare
   ``Y`` before an article stand for X and are not titles of their own;
   ``本《办法》`` is a self-reference.
2. :func:`resolve_pairs` — a title and the number the text gives for it, in
   either order (``《…》（云医保〔2019〕128号）``, ``…公告第49号《…》``,
   ``…令第8号发布的《…》``, an order line above ``现公布《…》``, a history line
   ``（1998年…国务院令第253号发布``).
3. :func:`resolve_articles` — the citation chain: an article right after a
   title, an alias or a law's name cites that law; a bare article in a list
   or continuing the chain cites the chain's law; self-references, the
   document's own article headings, another reference and a section heading
   break the chain; inside ``对《X》作如下修改：…`` every article is X's.

A resolver is any callable ``(Extraction) -> Extraction``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from operator import itemgetter

from .anchored import anchored_finditer
from .articles import ArticleToken, to_ref
from .normalize import law_short_name, title_key
from .text import CleanText
from .types import Alias, ArticleRef, DateStatement, DocumentNumber, Pair, RepealStatement, Title

__all__ = [
    "Extraction",
    "Resolver",
    "DEFAULT_RESOLVERS",
    "resolve",
    "resolve_aliases",
    "resolve_pairs",
    "resolve_articles",
    "section_breaks",
]


@dataclass(frozen=True)
class Extraction:
    """Everything found in one text.

    ``titles`` holds every 《》 (use :attr:`citations` or ``is_citation`` to
    keep the policy titles); ``articles`` every article token with its role
    and law once resolved."""

    ct: CleanText = field(repr=False)
    source: str | None
    numbers: tuple[DocumentNumber, ...]
    titles: tuple[Title, ...]
    tokens: tuple[ArticleToken, ...] = field(repr=False)
    articles: tuple[ArticleRef, ...] = ()
    aliases: tuple[Alias, ...] = ()
    pairs: tuple[Pair, ...] = ()
    repeals: tuple[RepealStatement, ...] = ()
    dates: tuple[DateStatement, ...] = ()

    @property
    def text(self) -> str:
        return self.ct.text

    @property
    def cited_titles(self) -> list[Title]:
        return [t for t in self.titles if t.is_citation]

    @property
    def cited_articles(self) -> list[ArticleRef]:
        return [a for a in self.articles if a.is_citation]

    @property
    def citations(self) -> list[DocumentNumber | Title | ArticleRef]:
        """Every citing mention in text order: numbers, policy titles, cited articles."""
        items: list = [*self.numbers, *self.cited_titles, *self.cited_articles]
        items.sort(key=lambda m: (m.start, m.end, m.kind))
        return items

    def number_for(self, title: Title) -> DocumentNumber | None:
        for p in self.pairs:
            if p.title.cstart == title.cstart:
                return p.number
        return None

    def title_for(self, number: DocumentNumber) -> Title | None:
        for p in self.pairs:
            if p.number.cstart == number.cstart:
                return p.title
        return None


Resolver = Callable[[Extraction], Extraction]

# ---------------------------------------------------------------- aliases

# The short name may be quoted around its brackets (“《暂行办法》”), carry a word before
# them (新《刑诉法》, 市场监管总局《意见》) and be followed by more of the bracket
# (（以下简称“《申请表》”，样本请见附件一）).  Its bracket may follow a note or a number in
# brackets of their own: 《…规定》（试行）（以下简称…）, 《…》（国发〔2019〕1号）（以下简称…）.  (Not after a draft
# stage: in 《…条例》修订稿（下简称《修订稿》） the short name is the draft's.)
_ALIAS_DEF = re.compile(
    r"(?:[（(][^（()）]{1,24}[）)])?"
    r"[（(](?:[^（()）]{0,40}?[，,、；;])?(?:以下简称|以下称为|以下称|下简称|下称|简称)[:：]?[“\"]?"
    r"(?P<issuer>[\u4e00-\u9fff]{1,12}?(?=《))?《?(?P<alias>[^）)《》”\"，,、；;]{1,24})》?[”\"]?"
    r"(?:[）)]|[，,；;][^（()）]{0,40}[）)])"
)


def resolve_aliases(ex: Extraction) -> Extraction:
    """Short names defined with 以下简称 right after a cited title."""
    s = ex.ct.clean
    aliases: list[Alias] = []
    alias_of: dict[str, str] = {}
    # A short name defined again for another title (two 《意见》 in one text) stands for
    # the later title from its definition on: alias key → [(cleaned start, title)].
    redefined: dict[str, list[tuple[int, str]]] = {}
    for t in ex.titles:
        # (a form or a film may get a short name too: 《分期购服务申请表》（以下简称“《申请表》”）)
        if t.parent is not None or t.category in ("generic", "alias", "self"):
            continue
        m = _ALIAS_DEF.match(s, t.cend, min(len(s), t.cend + 80))
        if not m:
            continue
        alias = m.group("alias")
        if not alias or title_key(alias) == t.key:
            continue
        key = title_key(alias)
        if key in alias_of:
            if alias_of[key] != t.title:
                redefined.setdefault(key, [(0, alias_of[key])]).append((m.start(), t.title))
            continue
        alias_of[key] = t.title
        a0, a1 = ex.ct.span(m.start("alias"), m.end("alias"))
        aliases.append(Alias(alias=alias, title=t.title, start=a0, end=a1))
    titles = []
    for t in ex.titles:
        if t.key in alias_of and t.category in ("policy", "generic"):
            target = alias_of[t.key]
            for at, title in redefined.get(t.key, ()):
                if at <= t.cstart:
                    target = title
            t = replace(t, category="alias", alias_of=target)
        elif t.category in ("policy", "generic") and t.cstart > 0 and s[t.cstart - 1] == "本":
            t = replace(t, category="self")
        titles.append(t)
    return replace(ex, titles=tuple(titles), aliases=tuple(aliases))


# ---------------------------------------------------------------- pairs

# Numerals of dates and serials: digits or Chinese (二〇一九年十二月三十日, 第一百三十四号).
_N = "[0-9〇零一二三四五六七八九十百两]"
_DATE = rf"(?:{_N}{{4}}年{_N}{{1,3}}月(?:{_N}{{1,3}}日)?)"
# A label written before a number (文号：国卫办医发（2022）8号).
_NUMBER_LABEL = r"(?:文号|发文字号|发文文号|文件编号|文件号)[:：]?"
# Between a title and the number the text gives for it (the whole cleaned gap): nothing (a space
# or a line break was dropped: the next cell of a table flattened one cell a line), the rule between
# two cells of a table row (| 《…》 | 国卫办医发〔2017〕8号 |), or the bracket holding the number, square
# ones too (《…》[国办发〔2017〕54号]), with what may come before the number inside it: 原 ("former":
# the order of a body since renamed, 《…规定》（原安全监管总局令第12号）), a short name's definition,
# a date and what happened on it, a label.
TITLE_TO_NUMBER: dict[str, object] = {
    "regex": (
        rf"^(?:[|｜]|[（(\[［【]原?(?:(?:以下简称|简称)[^，,、（()）]{{1,24}}[，,、])?"
        rf"(?:{_DATE}(?:[\u4e00-\u9fff]{{0,12}}?(?:第{_N}+次会议|常务会议)?(?:通过|审议通过)?[，,]?)?)?"
        rf"(?:{_NUMBER_LABEL})?)?$"
    ),
    # (text, its pairs)
    "examples": [
        ("《某某办法》（原安全监管总局令第12号）", [("某某办法", "安全监管总局令第12号")]),
        ("发布的《关于印发医疗机构门诊质量管理暂行规定的通知》（文号：国卫办医发（2022）8号）",
         [("关于印发医疗机构门诊质量管理暂行规定的通知", "国卫办医发〔2022〕8号")]),
        ("国务院办公厅发布《关于建设第二批大众创业万众创新示范基地的实施意见》[国办发〔2017〕54号]：经国务院同意",
         [("关于建设第二批大众创业万众创新示范基地的实施意见", "国办发〔2017〕54号")]),
        ("《关于做好医疗救助工作的通知》【云医保〔2019〕128号】", [("关于做好医疗救助工作的通知", "云医保〔2019〕128号")]),
        ("| 《病历书写基本规范》 | 卫医政发〔2010〕11号 | NR-002 |", [("病历书写基本规范", "卫医政发〔2010〕11号")]),
    ],
    "counterexamples": [
        "《关于做好医疗救助工作的通知》（附件：云医保〔2019〕128号）",
        "《关于做好医疗救助工作的通知》[1]云医保〔2019〕128号",
        "| 《病历书写基本规范》 | 2010年 | 卫医政发〔2010〕11号 |",
    ],
}
_TITLE_TO_NUMBER = re.compile(TITLE_TO_NUMBER["regex"])
# The number as the next field of a title's entry, after a comma: inside the bracket that holds both
# (（国务院办公厅《…》，国办发〔2013〕15 号）) or in a list of references (国务院办公厅：《…》，国办发〔2020〕45号。).
# The field ends right after the number; a number the sentence goes on about (《…》，国发〔2019〕5号文件精神)
# is another document's.
NUMBER_FIELDS: dict[str, object] = {
    "regex": rf"^[，,](?:{_NUMBER_LABEL})?$",
    "ends": "，,。；;）)]】",
    "examples": [
        ("（国务院办公厅《关于建立疾病应急救助制度的指导意见》，国办发〔2013〕15 号）",
         [("关于建立疾病应急救助制度的指导意见", "国办发〔2013〕15号")]),
        ("6. 国务院办公厅：《关于切实解决老年人运用智能技术困难的实施方案》，国办发〔2020〕45号。",
         [("关于切实解决老年人运用智能技术困难的实施方案", "国办发〔2020〕45号")]),
        ("国务院办公厅：《“十四五”城乡社区服务体系建设规划》，国办发〔2021〕56号，https://www.mee.gov.cn/",
         [("“十四五”城乡社区服务体系建设规划", "国办发〔2021〕56号")]),
        ("九部门：《关于深入推进智慧社区建设的意见》，民发〔2022〕29号\n住房和城乡建设部办公厅",
         [("关于深入推进智慧社区建设的意见", "民发〔2022〕29号")]),
    ],
    "counterexamples": [
        "依据《某某办法》，国发〔2019〕5号文件精神，制定本细则",
        "按照《某某办法》，国发〔2019〕5号要求执行",
        "学习《某某办法》，国发〔2019〕5号和中办发〔2019〕6号",
    ],
}
_NUMBER_FIELD = re.compile(NUMBER_FIELDS["regex"])
_NUMBER_FIELD_ENDS = frozenset(NUMBER_FIELDS["ends"])
# Between a number and the title it introduces (签署第736号国务院令，公布《…》).
_NUMBER_TO_TITLE = re.compile(r"^(?:[)）])?(?:文件|文|发布的|公布的|印发的|[，,]?(?:发布|公布)|现公布|现予公布|现予以公布|现发布|现予发布|特发布|现印发|现将|的)?$")
# Between an issuing order and the title it issued, the amendments made since (令第66号发布、2004年…
# 令第134号修正的《…》): the issuing order is the title's number, not the amending ones.  An amendment
# is 修正, 修订 or 修改, counted (第一次修正) or not, made by an order or on a date (根据…令第30号修改).
ISSUED_THEN_AMENDED: dict[str, object] = {
    "regex": (
        rf"^(?:发布|公布)(?:[、，,](?:根据)?(?:{_DATE}(?:[\u4e00-\u9fff]{{2,30}}?第{_N}+号号?)?|[\u4e00-\u9fff]{{2,30}}?第{_N}+号号?)"
        rf"(?:第[一二三四五六七八九十]{{1,3}}次)?(?:修正|修订|修改))+的$"
    ),
    # (text, its pairs)
    "examples": [
        ("１９９８年２月１０日省人民政府令第６６号发布、２００４年６月３０日省人民政府令第１３４号修正的《江西省暂住人口管理办法》同时废止。",
         [("江西省暂住人口管理办法", "省人民政府令第66号")]),
        ("2000年3月1日省人民政府令第88号公布、2010年11月29日省人民政府令第178号修订的《某某省城镇供水管理办法》同时废止。",
         [("某某省城镇供水管理办法", "省人民政府令第88号")]),
        ("2014年7月30日原国家食品药品监督管理总局令第5号公布、根据2017年1月25日原国家食品药品监督管理总局令第30号修改的"
         "《体外诊断试剂注册管理办法》同时废止。",
         [("体外诊断试剂注册管理办法", "国家食品药品监督管理总局令第5号")]),
        ("2005年1月5日市人民政府令第12号公布，2013年6月1日市人民政府令第23号第一次修正，2017年3月2日市人民政府令第34号"
         "第二次修正的《某某市养犬管理规定》同时废止。",
         [("某某市养犬管理规定", "市人民政府令第12号")]),
        ("1998年2月10日省人民政府令第66号发布、2004年6月30日修订的《某某省暂住人口管理办法》同时废止。",
         [("某某省暂住人口管理办法", "省人民政府令第66号")]),
    ],
    "counterexamples": [
        # the amendment is a decision named in 《》: the first title after the order is that decision
        "2004年6月30日省人民政府令第134号公布，根据《某某省人民政府关于修改部分规章的决定》修订的《某某省暂住人口管理办法》同时废止。",
        # the order did not issue the title: it approved another document
        "省人民政府令第66号发布、2004年6月30日省人民政府批复同意的《某某市城市总体规划》同时实施。",
    ],
}
_ISSUED_THEN_AMENDED = re.compile(ISSUED_THEN_AMENDED["regex"])
_HISTORY_TAIL = re.compile(r"^(?:发布|公布|印发)")
# An order or announcement line above the sentence that promulgates a title, the meeting that
# adopted it written first: 深圳市人民代表大会常务委员会公告 ⏎ 第三十七号 ⏎ 深圳市第三届…第十一次会议于
# 2001年10月17日审议通过的《…条例》…批准,现予公布 (the whole cleaned gap between the number and the title).
PROMULGATION_PREAMBLES: dict[str, object] = {
    "regex": r"^[^。；;《》]{0,80}?会议[^。；;《》]{0,80}?(?:通过|批准)的$",
    # (text, its pairs)
    "examples": [
        ("深圳市人民代表大会常务委员会公告\n\n第三十七号\n\n  深圳市第三届人民代表大会常务委员会第十一次会议于2001年10月17日"
         "审议通过的《深圳市人民代表大会常务委员会听证条例》业经广东省第九届人民代表大会常务委员会第二十九次会议于2001年12月3日批准,"
         "现予公布,自2002年1月1日起施行。",
         [("深圳市人民代表大会常务委员会听证条例", "深圳市人民代表大会常务委员会公告第37号")]),
    ],
    "counterexamples": [
        # the number does not end its line
        "根据深圳市人民代表大会常务委员会公告第37号，第十一次会议审议通过的《某某条例》现予公布。",
        # the sentence does not promulgate the title
        "某某市人民政府令\n第5号\n市政府第3次常务会议审议通过的《某某办法》存在以下问题。",
    ],
}
_PROMULGATION_PREAMBLE = re.compile(PROMULGATION_PREAMBLES["regex"])
# What the sentence after such a title says of it.
_PROMULGATES = ("公布", "发布")
# How far back the sentence before a history line (《X》…重新公布。) is looked for.
_HISTORY_SENTENCE = 200


def resolve_pairs(ex: Extraction) -> Extraction:
    """Pair each cited title with the number the text gives for it."""
    s = ex.ct.clean
    # (not the short name in its own definition: 《A办法》（以下简称《办法》，国发〔2019〕1号）)
    defining = {a.start - 1 for a in ex.aliases}
    outers = [t for t in ex.titles if t.parent is None and (t.category == "policy" or t.category == "alias"
                                                             and t.start not in defining)]
    starts = [t.cstart for t in outers]
    pairs: list[Pair] = []
    paired_titles: set[int] = set()
    paired_numbers: set[int] = set()

    first_policy: dict[str, Title] = {}
    for t in outers:
        if t.category == "policy":
            first_policy.setdefault(t.title, t)

    def add(t: Title, n: DocumentNumber, how: str) -> None:
        if t.category == "alias" and how == "bracket":
            # 印发了《方案》（环办监测函〔2020〕714号）: the number of the title the short name stands for
            target = first_policy.get(t.alias_of) if t.alias_of else None
            if target is None or any(p.title.title == target.title for p in pairs):
                return
            t = target
        if t.cstart in paired_titles or n.cstart in paired_numbers or t.category != "policy":
            return
        pairs.append(Pair(title=t, number=n, how=how))
        paired_titles.add(t.cstart)
        paired_numbers.add(n.cstart)

    # 1. the number right after a title, bare or in a bracket: 《…》（X号）, 《…》X号文件; a list
    #    of numbers (（X〔2019〕45、46号）, （国发〔2019〕1号、国办发〔2019〕2号）) goes to as many titles
    #    written one after another before it, in order; when there are fewer, a list of one series
    #    goes to none (which would be which?), a list of several codes gives a lone title its first.
    for group in _number_lists(s, ex.numbers):
        n = group[0]
        k = bisect_left(starts, n.cstart) - 1
        if k < 0:
            continue
        t = outers[k]
        if t.cend > n.cstart:
            continue
        bracketed = _TITLE_TO_NUMBER.match(s[t.cend:n.cstart]) is not None
        if not (bracketed or _number_field(ex.ct, s[t.cend:n.cstart], group[-1])):
            continue
        how = "bracket" if n.cstart > t.cend else "adjacent"
        if len(group) == 1:
            add(t, n, how)
            continue
        titles = [t]
        while len(titles) < len(group) and k > 0 and s[outers[k - 1].cend:outers[k].cstart] in _LIST_SEPARATORS:
            k -= 1
            titles.insert(0, outers[k])
        if len(titles) == len(group):
            for t, n in zip(titles, group):
                add(t, n, how)
        elif bracketed and len(titles) == 1 and not _one_series(group):
            add(t, n, how)
    # 2. the number right before a title: 公告第49号《…》, 令第8号发布的《…》, 令第693号现公布《…》, an order
    #    or announcement line above …会议于…通过的《…》…现予公布
    for n in ex.numbers:
        if n.cstart in paired_numbers:
            continue
        k = bisect_left(starts, n.cend)
        if k >= len(outers):
            continue
        t = outers[k]
        between = s[n.cend:t.cstart]
        if _NUMBER_TO_TITLE.match(between) or _ISSUED_THEN_AMENDED.match(between) \
                or _promulgated_below(ex.ct, n, t, between):
            add(t, n, "number_first")
    # 3. a history bracket: 《…》（2007年…令第161号公布）, a heading （1998年…令第253号发布,
    #    or a line (…令第190号公布 …) right after 《X》…重新公布。
    by_key: dict[str, Title] = {}
    for t in outers:
        by_key.setdefault(t.key, t)
    line_starts: list[int] | None = None  # listed once, on the first history bracket
    for n in ex.numbers:
        if n.cstart in paired_numbers or not _HISTORY_TAIL.match(s[n.cend:n.cend + 2]):
            continue
        open_at = _open_bracket_before(s, n.cstart)
        if open_at is None:
            continue
        # (by bisection: a text crawled as a single line must not cost a walk of it per number)
        line_starts = ex.ct.line_starts() if line_starts is None else line_starts
        k = bisect_right(line_starts, open_at) - 1
        line_start = line_starts[k] if k >= 0 else 0
        heading = s[line_start:open_at]
        # (no title runs longer: a text crawled as one line has no heading to key)
        if heading and len(heading) <= 300:
            t = by_key.get(title_key(heading))
            if t is not None:
                add(t, n, "history")
        elif line_start > 0:
            # The sentence that ends the text before the bracket's line (《X》…重新公布。),
            # wherever PDF extraction broke its lines; its first title.
            lo = max(0, line_start - _HISTORY_SENTENCE)
            j = s.rfind("。", lo, line_start - 1)
            sentence_start = j + 1 if j >= 0 else lo
            k = bisect_left(starts, sentence_start)
            if k < len(outers) and starts[k] < line_start and "公布" in s[sentence_start:line_start]:
                add(outers[k], n, "history")
    pairs.sort(key=lambda p: p.title.cstart)
    return replace(ex, pairs=tuple(pairs))


_LIST_SEPARATORS = frozenset(("", "、", "，", ",", "和", "及", "与", "以及"))


def _promulgated_below(ct: CleanText, n: DocumentNumber, t: Title, between: str) -> bool:
    """``n`` is an order or announcement line and the sentence under it promulgates ``t``,
    the meeting that adopted it named first (…会议于…审议通过的《X》…现予公布)."""
    if n.form not in ("order", "announcement") or ct.gap(n.cend) != 2 or len(between) > 170:
        return False
    if not _PROMULGATION_PREAMBLE.match(between):
        return False
    s = ct.clean
    end = s.find("。", t.cend, t.cend + _HISTORY_SENTENCE)
    rest = s[t.cend:end if end >= 0 else t.cend + _HISTORY_SENTENCE]
    return any(word in rest for word in _PROMULGATES)


def _number_field(ct: CleanText, between: str, last: DocumentNumber) -> bool:
    """The number is the comma-separated field right after a title (``《…》，国办发〔2020〕45号。``):
    the gap is a comma, a label at most, and the field ends with the number (``last``, the list's last)."""
    if not _NUMBER_FIELD.match(between):
        return False
    return last.cend >= len(ct.clean) or ct.gap(last.cend) == 2 or ct.clean[last.cend] in _NUMBER_FIELD_ENDS


def _number_lists(s: str, numbers: Sequence[DocumentNumber]) -> list[list[DocumentNumber]]:
    """Numbers in text order, grouped into lists: consecutive bracketed numbers with only a
    separator between them (45、46号; 45号、46号; X〔2019〕45号和X〔2019〕46号; 国发〔2019〕1号、国办发〔2019〕2号)."""
    groups: list[list[DocumentNumber]] = []
    for n in sorted(numbers, key=lambda n: n.cstart):
        last = groups[-1][-1] if groups else None
        # (orders stay single: 《…条例》（国务院令第588号、第666号修订） is issued by the first)
        if (last is not None and n.form == last.form == "bracketed"
                and s[last.cend:n.cstart] in _LIST_SEPARATORS):
            groups[-1].append(n)
        else:
            groups.append([n])
    return groups


def _one_series(group: Sequence[DocumentNumber]) -> bool:
    """The numbers share one code and year (云医保〔2019〕45、46号)."""
    return len({(n.code, n.year) for n in group}) == 1


def _open_bracket_before(s: str, i: int) -> int | None:
    """Index of the （ that opens the bracket containing position ``i`` when
    only a date and bracket-free text stand between them."""
    j = i - 1
    lo = max(0, i - 40)
    while j >= lo:
        c = s[j]
        if c in "（(":
            inside = s[j + 1:i]
            return j if re.fullmatch(rf"{_DATE}?(?:原)?", inside) else None
        if c in "）)》《。；":
            return None
        j -= 1
    return None


# ---------------------------------------------------------------- articles

_AMEND_START = re.compile(r"对《[^》]{1,80}》(?:的部分条款)?(?:作|作出|做出|进行)(?:如下|以下)修改|《[^》]{1,80}》(?:修改|修正)如下")
_AMEND_END = re.compile(r"本决定自|根据本决定作相应|根据本决定作|此外[，,]|本决定施行|附[:：]")
_SECTION_HEAD = re.compile(
    r"(?:[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十百零〇0-9]{1,4}[章节编]|#|项目\d{1,3}[.．、]?|项目[一二三四五六七八九十]{1,3}[.．、])"
)


# The characters a _SECTION_HEAD match can start with.
_SECTION_FIRST = frozenset("一二三四五六七八九十第#项")


def section_breaks(ct: CleanText) -> list[int]:
    """Cleaned positions of lines that start a heading (一、…, 第二章, # …, 项目2.)."""
    s = ct.clean
    match = _SECTION_HEAD.match
    # A set probe on the first character rules out most lines before the regex is tried.
    return [i for i in ct.line_starts() if s[i] in _SECTION_FIRST and match(s, i)]


def _amendment_regions(ex: Extraction) -> list[tuple[int, int, Title]]:
    s = ex.ct.clean
    outers = [t for t in ex.titles if t.parent is None]
    outer_starts = [t.cstart for t in outers]
    # Titles come in text order; then the first outer title inside a match is found by bisection.
    in_order = all(a < b for a, b in zip(outer_starts, outer_starts[1:]))
    # Every match holds a 《 at its first or second character.
    starts = list(anchored_finditer(_AMEND_START, s, ("《",), 1))
    regions = []
    end_mark: re.Match[str] | None = None  # the last _AMEND_END found, reused while still ahead
    searched = False
    for k, m in enumerate(starts):
        if in_order:
            j = bisect_left(outer_starts, m.start())
            t = outers[j] if j < len(outers) and outers[j].cstart < m.end() else None
        else:
            t = next((t for t in outers if m.start() <= t.cstart < m.end()), None)
        if t is None:
            continue
        # Searches start further on each time: the previous end marker stands
        # while it lies ahead (and none found means none further on), so the
        # text is scanned once, not once per amendment.
        if not searched or (end_mark is not None and end_mark.start() < m.end()):
            end_mark, searched = _AMEND_END.search(s, m.end()), True
        e = end_mark
        nxt = starts[k + 1] if k + 1 < len(starts) else None  # what _AMEND_START.search(s, m.end()) finds
        end = min(e.start() if e else len(s), nxt.start() if nxt else len(s))
        regions.append((m.end(), end, t))
    return regions


def _policy_titles(ex: Extraction) -> dict[str, Title]:
    """Title text → the first policy title written so: the law an alias stands for."""
    named: dict[str, Title] = {}
    for t in ex.titles:
        if t.category == "policy":
            named.setdefault(t.title, t)
    return named


def _law_names(ex: Extraction, policy: dict[str, Title] | None = None) -> dict[str, Title]:
    """Names that stand for a cited law when written without brackets, longest first."""
    if policy is None:
        policy = _policy_titles(ex)
    names: dict[str, Title] = {}
    for t in ex.titles:
        if t.parent is not None and t.category != "policy":
            continue
        if t.category == "policy":
            names.setdefault(t.key, t)
            short = law_short_name(t.title)
            if short and len(short) >= 2:  # 刑法, 宪法: two characters are enough
                names.setdefault(short, t)
    for a in ex.aliases:
        t = policy.get(a.title)
        if t is not None:
            names[title_key(a.alias)] = t
    return names


@dataclass
class _Chain:
    law: Title | None = None  # the law the chain is about
    is_self: bool = False
    last: int | None = None  # last article number cited in the chain
    quoted: Title | None = None  # the law whose quoted text a 前款/本条 inside it made self-referring


# A decision that amends other works (关于修改部分规章的决定, 关于废止和修改部分行政法规的决定): its
# items are numbered 一、二、, so a 第X条 after it is an article of a work it amends (根据《…关于修改
# 部分规章的决定》修正，将第二十条的“征用”改为“征收”): of the work nested in its title when it names
# one (《…关于修改〈X〉的决定》), else of a work the text does not say.  A 修正案 has articles of its own.
AMENDING_DECISIONS: dict[str, object] = {
    "regex": r"关于(?:修改|修订|废止和修改|修改和废止)[^《》]*的决定$",
    "examples": ["国土资源部关于修改部分规章的决定", "国务院关于修改和废止部分行政法规的决定",
                 "国务院关于修改〈计算机软件保护条例〉的决定", "关于修改〈浙江省促进科技成果转化条例〉等七件地方性法规的决定"],
    "counterexamples": ["中华人民共和国刑法修正案（十一）", "全国人民代表大会常务委员会关于惩治骗购外汇、逃汇和非法买卖外汇犯罪的决定",
                        "国务院关于修改部分行政法规的决定的说明", "关于修改工作的通知"],
}
_AMENDING_DECISION = re.compile(AMENDING_DECISIONS["regex"])


def _amended_work(law: Title, inner_of: dict[int, Title]) -> Title | None | bool:
    """For a chain law that is an amending decision: the work nested in its title, or None
    (a work the text does not name); False when ``law`` is no amending decision."""
    if not _AMENDING_DECISION.search(law.key):
        return False
    return inner_of.get(law.start)


def resolve_articles(ex: Extraction) -> Extraction:
    """Decide the law (or self/heading role) of every article token."""
    ct = ex.ct
    s = ct.clean
    titles_by_end = {t.cend: t for t in ex.titles if t.parent is None}
    # An article written inside a title (《关于修改〈X条例〉第二十五条的决定》) is the inner title's.
    inner_by_end = {t.cend: t for t in ex.titles if t.parent is not None and t.category == "policy"}
    # One pass over the titles instead of a scan per alias and per article.
    policy = _policy_titles(ex)
    names = _law_names(ex, policy)
    alias_names = frozenset(title_key(a.alias) for a in ex.aliases)  # the short names the text defines
    lengths: dict[str, list[int]] = {}  # last character of a name → the lengths of such names, longest first
    for k in names:
        if 0 < len(k) <= 40:
            lengths.setdefault(k[-1], []).append(len(k))
    for c, v in lengths.items():
        lengths[c] = sorted(set(v), reverse=True)  # names of one length share one probe
    inner_of: dict[int, Title] = {}  # an outer title's start → the first policy title nested in it
    for t in ex.titles:
        if t.parent is not None and t.category == "policy":
            inner_of.setdefault(t.parent, t)
    amend = _amendment_regions(ex)  # sorted and disjoint: found by bisection
    amend_starts = [r[0] for r in amend]
    breaks = section_breaks(ct)

    # Events in text order: ('break', pos), ('title', pos, Title), ('number', pos), ('token', pos, token)
    events: list[tuple[int, int, object]] = []
    for b in breaks:
        events.append((b, 0, None))
    for t in ex.titles:
        if t.parent is None:
            events.append((t.cstart, 1, t))
    paired = {p.number.cstart for p in ex.pairs}
    for n in ex.numbers:
        if n.cstart not in paired:
            events.append((n.cstart, 2, n))
    for i, tok in enumerate(ex.tokens):
        events.append((tok.cstart, 3, i))
    # 本条/前条/前款/本款 point back into the document: a bare article after them
    # continues the self-reference, not a law named earlier (依照《X法》第十条。
    # 违反前款规定的，依照第十二条处罚 → the document's own 第十二条).
    if "本" in s or "前" in s:
        for m in _INTERNAL_REF.finditer(s):
            events.append((m.start(), 1, _INTERNAL))
    events.sort(key=itemgetter(0, 1))

    chain = _Chain()
    own_last = 0  # the document's own last article heading
    refs: list[ArticleRef] = []
    last_decision: tuple[Title | None, str | None, str] | None = None
    open_title: Title | None = None  # the last outer title met
    inside: tuple[Title, Title | None] | None = None  # the title the last article inside a title was in, and its law
    for pos, kind, obj in events:
        if kind == 0:
            chain = _Chain()
            continue
        if kind == 1:
            if obj is _INTERNAL:
                # (前款 inside a quoted article still lets the next quoted heading cite that law:
                # 第九十四条 …依照前款规定…。第一百一十五条 本法规定的…)
                chain = _Chain(is_self=True, last=chain.last, quoted=chain.law or chain.quoted)
                continue
            t: Title = obj  # type: ignore[assignment]
            open_title = t  # outer titles do not overlap: the last one seen is the only one a token can be in
            if t.category == "policy":
                chain = _Chain(law=t)
            elif t.category == "alias":
                chain = _Chain(law=_title_named(policy, t.alias_of) or t)
            elif t.category == "self":
                chain = _Chain(is_self=True)
            continue
        if kind == 2:
            chain = _Chain()
            continue
        tok: ArticleToken = ex.tokens[obj]  # type: ignore[index]
        n = _as_int(tok.article)
        k = bisect_right(amend_starts, tok.cstart) - 1
        region = amend[k] if k >= 0 and tok.cstart < amend[k][1] else None
        decision: tuple[Title | None, str | None, str]
        if open_title is not None and tok.cstart < open_title.cend:
            inner = inner_by_end.get(tok.cstart) or inner_by_end.get(_edition_before(s, tok.cstart))
            if inner is None and tok.joined_to_previous and inside is not None and inside[0] is open_title:
                inner = inside[1]  # 〈X〉第五条、第六条
            inside = (open_title, inner)
            refs.append(to_ref(ct, tok, inner.title if inner else None, inner.key if inner else None,
                               "title" if inner else None, "citation" if inner else "unattributed"))
            continue  # the chain stays the outer title's
        if region is not None and not _bare_law_before(s, tok.cstart, names, alias_names):
            decision = (region[2], "amendment", "citation")
        elif region is not None:
            decision = (None, None, "unattributed")  # 刑法第一百九十六条 quoted in an amendment item
        elif tok.joined_to_previous and last_decision is not None:
            decision = (last_decision[0], last_decision[1] if last_decision[1] != "title" else "chain", last_decision[2])
        elif tok.self_marked and not _named_after_self_marker(s, tok.cstart, names, lengths):
            decision = (None, None, "self")
        else:
            law, via = _law_before(s, tok.cstart, titles_by_end, names, lengths, policy)
            if (law is not None and via != "title" and n is not None and n == own_last + 1
                    and ct.space_before(tok.cstart) and (ct.gap(tok.cend) != 0 or _title_line_before(ct, tok.cstart, law))):
                # An unbracketed own-title heading glued to the first article heading
                # (条例　　第一条　为了…): spaces on both sides, the next own number; or the
                # title alone on the line before, the article's text glued to it
                # (办法 ⏎ 第一条为规范…).
                law, via = None, None
                decision = (None, None, "heading")
            elif law is not None:
                decision = (law, via, "citation")
            elif _bare_law_before(s, tok.cstart, names, alias_names):
                # 刑法第一百九十六条 with no such title in the text: another law, not
                # a continuation of the chain.
                decision = (None, None, "unattributed")
            elif (m_other := _OTHER_INSTRUMENT.search(s, max(0, tok.cstart - 9), tok.cstart)) is not None and (
                    m_other.start() == 0 or s[m_other.start() - 1] != "》") and not _points_back(s, m_other, chain.law):
                # 合同第八条约定, 公司章程第十条, 员工手册第五条: a clause of a contract, charter or
                # handbook named without brackets, not of the law named before; it ends that chain
                # (《某某办法》文件第五条 is still that title's, 该协议第11条 after 《…协议》 too).
                decision = (None, None, "unattributed")
                chain = _Chain()
            elif (n == 1 and own_last == 0 and chain.law is None and not chain.is_self
                    and _BARE_TYPE.search(s, max(0, tok.cstart - 2), tok.cstart) is not None):
                # The own title glued to the first heading by a crawl (…并网管理办法第一条为规范…).
                decision = (None, None, "heading")
            elif tok.anaphoric and chain.law is not None:
                decision = (chain.law, "chain", "citation")
            elif tok.heading_like or (n is not None and n == own_last + 1 and (
                    ct.space_before(tok.cstart) or s[tok.cstart - 1] in _GLUED_HEADING_AFTER)):
                # A heading that continues the document's own numbering is its own; one
                # further on in the cited law's numbering quotes that law (quotes skip
                # articles: 第十八条…。第十九条…。第二十一条…; own headings never do).
                # An amendment item at a line start (第十三条后增加一条, 第九条修改为) names
                # an article of the law being amended, whatever its number.
                if chain.law is not None and ct.gap(tok.cend) == 0 and _AMENDMENT_ITEM.match(s, tok.cend):
                    decision = (chain.law, "chain", "citation")
                elif n is not None and n == own_last + 1:
                    decision = (None, None, "heading")
                elif (quoted := chain.law or chain.quoted) is not None and chain.last is not None and n is not None and n > chain.last:
                    decision = (quoted, "chain", "citation")
                else:
                    decision = (None, None, "heading")
            elif chain.is_self:
                decision = (None, None, "self")
            elif chain.law is not None and _other_instrument_named(s, tok.cstart, chain.law.key):
                # 专利代理条例第25条, 商标法实施条例第72条 after 《商标法》: another instrument's
                # bare name, not a shortening of the chain's law (违反道路运输条例第十条 after
                # 《江苏省道路运输条例》, 按照办法第十条); it ends the chain.
                decision = (None, None, "unattributed")
                chain = _Chain()
            elif chain.law is not None:
                decision = (chain.law, "chain", "citation")
            else:
                decision = (None, None, "unattributed")
        if decision[2] == "citation" and decision[0] is not None and decision[1] != "amendment":
            amended = _amended_work(decision[0], inner_of)
            if amended is not False:
                decision = (amended, decision[1], "citation") if amended is not None else (None, None, "unattributed")
        law, via, role = decision
        if role == "citation" and law is not None:
            chain = _Chain(law=law, last=n)
        elif role == "self":
            chain = _Chain(is_self=True, last=n)
        elif role == "heading":
            chain = _Chain()
            if n is not None:
                own_last = n
        last_decision = decision
        refs.append(to_ref(ct, tok, law.title if law else None, law.key if law else None, via, role))
    return replace(ex, articles=tuple(refs))


# What an amendment item says of the article it starts with (第十三条后增加一条作为第十四条,
# 第九条修改为, 第十条第四项修改为, 第五条删去): an own heading is followed by its text instead.
AMENDMENT_ITEMS: dict[str, object] = {
    "regex": r"(?:之?后|中|前)?(?:增加|增写|新增|插入)|(?:修改|修订)为|改为|删去|删除",
    # (text, the law of its last article)
    "examples": [
        ("在《某某条例》第七条中增加一项。\n第九条修改为：“…”\n第十三条后增加一条作为第十四条", "某某条例"),
        ("将《某某条例》第七条修改为：“…”\n第七条删去", "某某条例"),
    ],
    "counterexamples": [
        "依照《某某条例》第七条处罚。\n第七条 增加收入的措施如下",
        "依照《某某条例》第七条处罚。\n第七条为规范管理，制定本办法",
    ],
}
_AMENDMENT_ITEM = re.compile(AMENDMENT_ITEMS["regex"])


# What ends the text before an own article heading a crawl glued to it (…适用于全市。第三条违反…):
# the heading starts a sentence and continues the document's own numbering.
_GLUED_HEADING_AFTER = frozenset("。；")


# 本条, 前条, 本款, 前款, 前两款, 本项, 前项 (not 本条例, 本条件).
_INTERNAL_REF = re.compile(r"(?:本|前[两二三]?)(?:条|款|项)(?![例件])")
_INTERNAL = object()


# A bare law name right before an article (刑法第…, 食品安全法第…): the name's
# last two characters, minus common words that end in 法 and name no law.
_BARE_LAW = re.compile(
    r"(?:[\u4e00-\u9fff](?<![本该此办方做依违合无算立执司守非设说看想用手写章语兵])法|预算法|法典)$"
)  # (算法 is an algorithm, 预算法 the budget law)


# What a clause of an instrument that is no law ends with, right before its 第X条: contracts,
# agreements, charters, handbooks, tender documents (借款合同第四条, 招标文件第5条).  Policy
# types (办法, 条例, 规定) are not here: written bare they may shorten the law of the chain.
OTHER_INSTRUMENTS: dict[str, object] = {
    "regex": r"(?P<word>合同|合同书|协议|协议书|承诺书|责任书|委托书|章程|手册|文件|须知)(?:第[0-9一二三四五六七八九十]{1,3}[章节])?$",
    "examples": ["双方签订的合同第八条约定", "公司章程第十条规定", "被告公司员工手册第五条规定", "招标文件第三章第5条"],
}
_OTHER_INSTRUMENT = re.compile(OTHER_INSTRUMENTS["regex"])
# A determiner before such an instrument word (该协议第11条, 上述协议第五条) points back to the
# chain's law when that law is an instrument of the same kind: the cited 《…协议》 itself.
BACK_REFERENCES: dict[str, object] = {
    "regex": r"(?:该|上述|前述|此)$",
    # (text, the law of its last article)
    "examples": [
        ("签署了《海峡两岸共同打击犯罪及司法互助协议》，并于同年生效。该协议第11条约定", "海峡两岸共同打击犯罪及司法互助协议"),
        ("依照《长江三角洲区域合作框架协议》第三条。上述协议第五条规定", "长江三角洲区域合作框架协议"),
    ],
    # the chain's law is no instrument of that kind: 该合同 is a contract, not 《…合同法》
    "counterexamples": [
        "依照《中华人民共和国合同法》第六十条规定。该合同第八条约定，出卖人应支付违约金",
        "依照《某某协议》第三条。双方签订的合同第八条约定",
    ],
}
_BACK_REFERENCE = re.compile(BACK_REFERENCES["regex"])


def _points_back(s: str, m: re.Match, law: Title | None) -> bool:
    """The instrument word of ``m`` follows a determiner and names the kind of instrument
    ``law`` is (该协议 after 《…协议》): a shortened reference to that law."""
    return (law is not None and law.key.endswith(m.group("word"))
            and _BACK_REFERENCE.search(s, max(0, m.start() - 2), m.start()) is not None)


# A law named in quotation marks right before its article: 台湾地区“刑法”第二百条, 该“法”第23条
# (mainland texts quote the laws of Taiwan so).  It is another law than the chain's unless
# the quoted name is a short name the text defines (（以下简称“预算法”）): a name derived
# from a cited title (刑法 of 《中华人民共和国刑法》) is not enough, quotation marks set it apart.
QUOTED_LAWS: dict[str, object] = {
    "regex": r"[“\"「](?P<name>[^“”\"「」《》]{0,30}(?:法|条例|法典))[”\"」]$",
    # (text, the law of its last article)
    "examples": [
        ("依照《海峡两岸共同打击犯罪及司法互助协议》第十一条。台湾地区实施了“跨国移交受刑人法”。根据该“法”第23条", None),
        ("依照《中华人民共和国刑法》第二百六十六条。台湾地区“刑法”第三百三十九条规定", None),
        ("根据《中华人民共和国预算法》（以下简称“预算法”）。“预算法”第五十三条规定", "中华人民共和国预算法"),
    ],
}
_QUOTED_LAW = re.compile(QUOTED_LAWS["regex"])


def _bare_law_before(s: str, i: int, names: dict[str, Title], alias_names: frozenset[str]) -> bool:
    """A law's bare name ends right before ``i`` and no title or alias of the text has it,
    or a law's name in quotation marks that is no short name the text defines."""
    if i > 2 and s[i - 1] in "”\"」" and (m := _QUOTED_LAW.search(s, max(0, i - 34), i)) is not None:
        return m.group("name") not in alias_names
    if i < 2 or _BARE_LAW.search(s, i - 3, i) is None:
        return False
    return not any(s[max(0, i - n):i] in names for n in range(2, 41))


# The policy type a bare instrument name ends with (法 is _BARE_LAW's).
_BARE_TYPE = re.compile(r"(?:条例|办法|规定|细则|规则)$")
# What may stand before a bare type word or a shortened name when it shortens the chain's
# law (按照办法第十条, 违反道路运输条例第十条, 该条例第五条): verbs, prepositions, connectors
# and determiners, not the tail of another instrument's name (特殊标志管理条例, 专利法实施细则).
SHORTENING_LEADS: dict[str, object] = {
    "regex": (
        r"(?:违反|依照|依据|根据|按照|参照|对照|遵照|比照|适用|符合|执行|遵守|落实|贯彻|援引|引用|按|依|据|照|见|和|及|与|或|的|其|"
        r"本|该|此|原|新|上述|前述|有关|相关|即|为|是|由|在|对|以|经)$"
    ),
    # (text, the law of its second article)
    "examples": [
        ("依照《某某条例》第五条处罚。按照办法第十条执行", "某某条例"),
        ("依照《江苏省道路运输条例》第五条处罚。违反道路运输条例第十条", "江苏省道路运输条例"),
        ("依照《中华人民共和国预算法实施条例》第五条。依照条例第十条", "中华人民共和国预算法实施条例"),
        ("依照《中华人民共和国商标法》第五条。商标法实施条例第十条", None),
        ("依照《中华人民共和国商标法》第五条。特殊标志管理条例第十条", None),
    ],
}
_SHORTENING_LEAD = re.compile(SHORTENING_LEADS["regex"])
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _other_instrument_named(s: str, i: int, chain_key: str) -> bool:
    """A bare instrument name that is not the chain law's ends right before ``i``:
    a type word (条例, 办法…) whose matched tail of the chain law's key is preceded
    by a name character, not by a verb, a preposition or punctuation."""
    m = _BARE_TYPE.search(s, max(0, i - 2), i)
    if m is None:
        return False
    # The longest tail of the written name that the chain law's key also ends with
    # (道路运输条例 of 江苏省道路运输条例), at least the type word.
    j = m.start()
    k = len(chain_key) - (i - j)
    if chain_key.endswith(s[j:i]):
        while j > 0 and k > 0 and s[j - 1] == chain_key[k - 1]:
            j -= 1
            k -= 1
    if j == 0 or not _CJK.match(s, j - 1):
        return False
    return _SHORTENING_LEAD.search(s, max(0, j - 2), j) is None


def _named_after_self_marker(s: str, i: int, names: dict[str, Title], lengths: dict[str, list[int]]) -> bool:
    """A law's name of the text ends right before ``i`` and 本 is not right before it:
    本人实施刑法第一百九十一条 cites 刑法; 本条例第五条 (条例 an alias) stays the text's own."""
    for n in lengths.get(s[i - 1], ()) if i > 0 else ():
        if n < i and s[i - n:i] in names:
            return s[i - n - 1] != "本"
    return False


def _title_line_before(ct: CleanText, i: int, law: Title) -> bool:
    """Cleaned ``i`` starts a line and the line before it is the title ``law`` and nothing else."""
    if not ct.line_start(i) or i == 0:
        return False
    a, _ = ct.line_bounds(i - 1)
    return title_key(ct.clean[a:i]) == law.key


def _title_named(policy: dict[str, Title], title: str | None) -> Title | None:
    return policy.get(title) if title is not None else None


def _law_before(s: str, i: int, titles_by_end: dict[int, Title], names: dict[str, Title],
                lengths: dict[str, list[int]], policy: dict[str, Title]):
    """The law written right before cleaned position ``i``: a title, an alias or a name."""
    for gap in ("", "中", "的"):
        t = titles_by_end.get(i - len(gap))
        if t is not None and s[i - len(gap):i] == gap:
            if t.category == "policy":
                return t, "title"
            if t.category == "alias":
                return (_title_named(policy, t.alias_of) or t), "alias"
            return None, None
    # The longest name that ends right here: a dictionary probe per length keeps
    # this independent of how many laws the text names.
    for n in lengths.get(s[i - 1], ()) if i > 0 else ():
        if n > i:
            continue
        name = s[i - n:i]
        t = names.get(name)
        if t is not None:
            via = "alias" if name != t.key and name != law_short_name(t.title) else "name"
            return t, via
    j = _edition_before(s, i)
    if j < i:
        return _law_before(s, j, titles_by_end, names, lengths, policy)
    return None, None


# A bracket naming the edition of a law between its name and its article.
EDITION_BRACKETS: dict[str, object] = {
    "regex": (
        r"[（(][^（()）]{0,20}?(?:[0-9〇零一二三四五六七八九]{4}|修订|修正|试行|施行)[^（()）]{0,20}[)）]$"
    ),
    "examples": [
        ("违反了《中华人民共和国保险法》（2002年修正）第八十二条", "中华人民共和国保险法"),
        ("根据《中华人民共和国环境保护法》。适用新环境保护法（自2015年1月1日起施行）第六十一条", "中华人民共和国环境保护法"),
        ("根据《环境影响评价法》。该条款与原环境影响评价法（2002年）第三十一条相比", "环境影响评价法"),
    ],
}
_EDITION = re.compile(EDITION_BRACKETS["regex"])


def _edition_before(s: str, i: int) -> int:
    """Where an edition bracket ending right before ``i`` starts (（2002年修正）第八十二条), else ``i``."""
    if i > 0 and s[i - 1] in "）)":
        m = _EDITION.search(s, max(0, i - 44), i)
        if m is not None:
            return m.start()
    return i


def _as_int(article: str) -> int | None:
    return int(article) if article.isdigit() else None


# ---------------------------------------------------------------- pipeline

DEFAULT_RESOLVERS: tuple[Resolver, ...] = (resolve_aliases, resolve_pairs, resolve_articles)


def resolve(ex: Extraction, resolvers: Sequence[Resolver] = DEFAULT_RESOLVERS) -> Extraction:
    """Run the resolution passes in order."""
    for r in resolvers:
        ex = r(ex)
    return ex
