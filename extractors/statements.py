"""What a text says about the works it cites: repeals and dates.

* Repeals: ``…《X》（…号）同时废止``, ``…同时停止执行``, ``…予以废止``, ``决定废止
  《X》``.  Not: ``不再执行…中关于…的规定`` (partial), ``凡与本规定不一致的同时
  废止`` (no identifiable work), ``自动停止执行`` (expiry), a 废止 inside a
  title, talk about repealing in general (``制定、修改、废止``).
* Dates: ``已经2016年8月29日…常务会议讨论通过，予以公布，自2017年1月1日起施行``
  gives the adoption and entry-into-force dates of the work named just before.

Also :func:`own_identity`: the document's own number and title, which a
repeal clause makes the replacing work.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace

from .anchored import anchored_finditer, find_all
from .normalize import parse_numeral
from .resolve import Extraction
from .text import CleanText
from .types import DateStatement, DocumentNumber, RepealStatement, Title

__all__ = ["read_statements", "find_repeals", "find_dates", "own_identity", "parse_date"]

_SENT_BREAK = re.compile(r"[。；;！？]")
_REPEAL_TAIL = re.compile(r"(?:同时|一并|即行|予以|同日|随之)?(?:废止|停止执行|失效|不再执行)$")
# The lookbehind (not 自动停止执行) follows the literal: a pattern that starts
# with one keeps the regex engine from skipping ahead on the first character.
_REPEAL_AT = re.compile(r"(?:同时|一并|即行|予以|同日)(?:废止|停止执行|失效)|(?:停止执行|不再执行)(?<!自动停止执行)(?<!自动不再执行)(?=[。；;，,：:《]|$)|起废止|废止(?=《)|决定废止"
                        r"|(?:(?<=文件)|(?<=规章))(?:废止|失效)(?=[。；;，,]|$)")
# A clean-up result names a batch by its first work and a count (《X》等2件规范性文件废止, 宣布《Y》等3件
# 规范性文件失效): a bare 废止/失效 right after 文件/规章 repeals only with such a count in its clause
# (not 凡与本规定不一致的文件失效, nor 等7件规范性文件继续有效).
BATCH_REPEAL: dict[str, object] = {
    "regex": r"等[0-9一二三四五六七八九十百千]{1,5}件",
    "examples": ["三、《花垣县人民政府办公室关于印发〈某某细则(试行)〉的通知》等2件规范性文件废止。",
                 "宣布《关于做好防汛工作的通知》（某政办发〔2012〕7号）等3件规范性文件失效。",
                 "《某某市城市管理办法》等5件市政府规章失效。"],
    "counterexamples": ["一、《某某办法》等7件规范性文件继续有效。", "凡与本规定不一致的文件失效。",
                        "《某某办法》印发后，原文件失效。"],
}
_BATCH_REPEAL = re.compile(BATCH_REPEAL["regex"])
# A trigger that introduces a list (决定对以下2件市政府规章予以废止：一、《A》…二、《B》…,
# 决定废止下列规章：…): the works are those of the list after the colon.
_LIST_INTRO = re.compile(r"(?:(?:以下|下列|如下)[^。；;：:《》，,]{0,20}?)?[：:]")
# ... when its sentence announces documents (以下2件市政府规章, 下列规范性文件): not 有下列情形之一的，
# 裁定停止执行：（一）…, nor 下列补贴标准不再执行：
_LIST_OF_WORKS = re.compile(r"(?:以下|下列)[^。；;：:，,《》]{0,12}?(?:文件|规章|规定|办法|通知|意见|法规|决定|目录|件)")
# What closes such a list: the decision's own closing sentences, its attachments, its
# signature block (outside a title).  Anything else (一、《A》…, 1.关于…的通知（…号）, the
# cells of a table, one a line) goes on with the list, up to the first 。.
LIST_STOP: dict[str, object] = {
    "regex": r"附件|附[:：]|本(?:决定|通知|办法|规定|公告|意见)|特此|抄送|此件",
    "examples": ["本决定自公布之日起施行。", "附件：某某目录", "特此通知。", "抄送：省政府办公厅"],
    "counterexamples": ["一、《常州市城市市容管理办法》", "2.关于做好防汛工作的通知（某政办发〔2012〕7号）", "关于加强城市管理的通知",
                        "某政办发〔2010〕5号", "1"],
}
# The longest list looked at (cleaned characters): a list that runs on without a 。 stops here.
_LIST_MAX = 20000
_LIST_STOP = re.compile(LIST_STOP["regex"])
# Every trigger holds one of these, at most two characters from its start: the
# scan tries _REPEAL_AT only there (see extractors.anchored).
_REPEAL_ANCHORS = ("废止", "停止执行", "失效", "不再执行")
_PARTIAL = re.compile(r"中(?:关于|的|有关|与|涉及)|第[0-9一二三四五六七八九十百]+条|相关规定|有关规定|部分条款")
# What follows works named after a trigger when only part of them goes (停止执行《X》第五条,
# 同时废止《X》中与本办法不一致的规定, 停止执行《X》规定的补贴标准).
_PARTIAL_AFTER = re.compile(r"中|第[0-9一二三四五六七八九十百]+条|(?:规定|确定|明确)的|相关|有关|部分|所列")
# Chinese-numeral years are written with 〇, 零, ○ (U+25CB), Ｏ or O for zero.
_CN_YEAR = "[〇零○ＯO一二三四五六七八九]{4}"
_CN_DAY = "[一二三四五六七八九十]{1,3}"
_YMD = r"(?P<y>\d{4}|" + _CN_YEAR + r")年(?P<m>\d{1,2}|" + _CN_DAY + r")月(?P<d>\d{1,2}|" + _CN_DAY + r")日"
_YMD_ANY = r"(?:\d{4}|" + _CN_YEAR + r")年(?:\d{1,2}|" + _CN_DAY + r")月(?:\d{1,2}|" + _CN_DAY + r")日"
_YMD_UNTIL = _YMD.replace("?P<y>", "?P<uy>").replace("?P<m>", "?P<um>").replace("?P<d>", "?P<ud>")
_ADOPTED = re.compile(r"(?:(?:已经|已于|业经|经)于?|已由[^。；，]{0,60}?于)" + _YMD + r"[^。；]{0,80}?(?:讨论通过|审议通过|通过)")
# An entry into force on a date: 自2017年1月1日起施行, 于2021年1月1日起施行 (news), 2017年5月2日起执行
# (a file list's cell), 自2019年1月1日起至2021年12月31日止执行 (a period), 自…零时起施行, 起试行.
_VERBS = r"(?:施行|实施|执行|生效|实行|试行)"
# The last day of a period: 至2021年12月31日(止), 至2020年12月底 (the last day of that month).
_UNTIL = (r"至(?:" + _YMD_UNTIL + r"|(?P<ey>\d{4}|" + _CN_YEAR + r")年(?P<em>\d{1,2}|" + _CN_DAY + r")月底)止?")
# A period named before its span (执行期自…起至…, 有效期限为自…起至…): the span needs no verb after it.
# Without that name a span needs its verb: 自2020年1月1日起至12月31日，全市共清理… dates no work.
_PERIOD = r"(?P<period>(?:执行|有效|实施|施行|试行|适用)期限?(?:为|是)?)?"
_IN_FORCE = re.compile(_PERIOD + r"(?P<pre>自|将于|于|从)?" + _YMD + r"(?:零时|0时|0:00|00:00)?起(?:" + _UNTIL + r")?"
                       + r"(?P<verb>" + _VERBS + r")?")
# ... on the day the text itself is published, issued or signed, perhaps N days later:
# 自公布之日起施行, 本办法自印发之日起施行, 自发布之日起30日后施行, 自发布之日起至2020年6月30日执行
# (a period), 执行期自发布之日起至2020年12月底; 现予发布施行 (an old order's 发布施行: published and
# in force at once).
_IN_FORCE_REL = re.compile(_PERIOD + r"自(?P<ev>公布|发布|印发|颁布|发文|下发|签发|公告)之日起"
                           r"(?:(?P<n>\d{1,3}|[一二三四五六七八九十]{1,3})(?:日|天|个工作日)后)?(?:" + _UNTIL + r")?"
                           + r"(?P<verb>" + _VERBS + r")?|现予(?:以)?(?P<ev2>公布|发布|颁布)施行")
# What a span of dates in a date's sentence dates when no title, number or 本… names its
# subject: the measures the text itself states (上述举措执行期自发布之日起至2020年12月底).
_OWN_CONTENT = re.compile(r"上述(?:政策措施|措施|举措|政策|规定|条款)")
# The end of a work's validity, in the same sentence: 有效期至2027年4月30日, 有效期5年 (from its entry
# into force: the day before that date five years on), 有效期为三年.
_EXPIRES = re.compile(r"有效期(?:至|截至|到)" + _YMD + r"|有效期(?:为|是)?(?P<years>\d{1,2}|[一二三四五两六七八九十]{1,2})年")
# The text names itself: 本办法, 本实施细则, 本解释 (an 本 and a document type, close together).
# (Not the 本 of a word: 基本医疗保险实施办法, 成本, 版本; see _self_named.)
_SELF = re.compile(r"本[\u4e00-\u9fff]{0,6}?(?:条例|法|办法|规定|细则|规则|决定|意见|通知|方案|解释|规范|标准|公告|通告|"
                   r"制度|指引|指南|准则|措施|规划|计划|目录|清单|批复|安排|章程|文件|政策|修正案|通报|纲要)")
# A page's metadata row with the text's own date (发布日期：2025-04-18, 成文日期: 2019年12月30日).
_META_DATE = re.compile(r"(?P<label>发布日期|公布日期|成文日期|印发日期|发文日期|签发日期|施行日期|实施日期|生效日期)[:：|｜】\]]*(?:" + _YMD +
                        r"|(?P<iy>\d{4})[-./](?P<im>\d{1,2})[-./](?P<id>\d{1,2}))")
# Which metadata labels date which event: publication (发布, 公布) or issue and signature (印发, 发文).
_EVENT_LABELS = {"公布": ("发布日期", "公布日期"), "发布": ("发布日期", "公布日期"), "颁布": ("发布日期", "公布日期"),
                 "公告": ("发布日期", "公布日期"), "印发": ("印发日期", "成文日期", "发文日期", "签发日期"),
                 "发文": ("发文日期", "印发日期", "成文日期", "签发日期"), "下发": ("印发日期", "成文日期", "发文日期", "签发日期"),
                 "签发": ("签发日期", "成文日期", "发文日期", "印发日期")}
# A metadata row that dates the text's own entry into force (实施日期 | 2019-12-30 |).
_META_IN_FORCE = ("施行日期", "实施日期", "生效日期")
_DATE_ONLY = re.compile(_YMD)
# The text publishes the work it dates (its own act, so its own date is the work's):
# 现予公布, 现公布《X》, 现予以发布, 予以公布.
_PROMULGATES = re.compile(r"(?:现予|现|予以|特予)(?:以)?(?:公布|发布|印发|颁布|下发)")
_DATE_FIRST = frozenset("0123456789〇零○ＯO一二三四五六七八九（(")
# What follows an adoption that is all the text says of a work's dates: 《X》已于…通过，现予印发.
_ADOPTION_ONLY_TAIL = re.compile(r"[，,、]?(?:现予|现|予以|特予|并)?(?:以)?(?:公布|发布|印发|颁布|施行)")


_ZERO = str.maketrans("○ＯO", "〇〇〇")


def parse_date(y: str, m: str, d: str) -> str | None:
    """ISO date from year, month and day as written (Arabic or Chinese numerals)."""
    y = y.translate(_ZERO)
    yy, mm, dd = parse_numeral(y), parse_numeral(m), parse_numeral(d)
    if not (yy and mm and dd) or not (1 <= mm <= 12 and 1 <= dd <= 31 and 1900 <= yy <= 2100):
        return None
    return f"{yy:04d}-{mm:02d}-{dd:02d}"


class _Spans:
    """Mentions sorted by cleaned start, for range queries in O(log n): the
    statement finders stay linear however long the text and however many
    citations it holds."""

    def __init__(self, items):
        self.items = sorted(items, key=lambda x: x.cstart)
        self.starts = [x.cstart for x in self.items]

    def within(self, a: int, b: int) -> list:
        """Items lying entirely inside cleaned [a, b)."""
        lo, hi = bisect_left(self.starts, a), bisect_left(self.starts, b)
        return [x for x in self.items[lo:hi] if x.cend <= b]

    def starting_at(self, i: int):
        """The item that starts at cleaned ``i``, if any."""
        k = bisect_left(self.starts, i)
        return self.items[k] if k < len(self.items) and self.starts[k] == i else None

    def covering(self, i: int) -> bool:
        """True when an item spans cleaned position ``i``."""
        k = bisect_right(self.starts, i)
        # Outer titles do not overlap, so only the nearest one can cover i.
        return k > 0 and i < self.items[k - 1].cend


# Lines that stand apart from the sentences around them, whatever punctuation they lack: a markdown
# heading (## 第六章 附 则, ## 三) and a comment line (<!-- INFO END -->).  (Any other line may be a
# sentence broken by a crawl or a PDF, and does not end it.)
STRUCTURE_LINES: dict[str, object] = {
    "starts": ("#", "<!--"),
    # (text, the sentence of its last 施行/废止 statement)
    "examples": [
        ("## 第六章 附 则\n\n第二十八条 本条例自2023年1月1日起施行。", "第二十八条 本条例自2023年1月1日起施行。"),
        ("月计薪天数＝21.75天\n\n## 三\n2000年3月17日劳动保障部发布的《某某通知》（劳社部发[2000]8号）同时废止。",
         "2000年3月17日劳动保障部发布的《某某通知》（劳社部发[2000]8号）同时废止。"),
        ("# 某某规定\n\n2019年7月26日 某某市人民代表大会常务委员会第十四次会议通过\n\n<!-- INFO END -->\n\n本规定自2019年9月1日起施行。",
         "本规定自2019年9月1日起施行。"),
    ],
    "counterexamples": [
        # a line broken inside its sentence goes on being that sentence
        ("经研究，原《某某办法》\n同时废止。", "经研究，原《某某办法》\n同时废止。"),
        # a # inside a line is no heading
        ("经研究，编号为#1的《某某规定》同时废止。", "经研究，编号为#1的《某某规定》同时废止。"),
    ],
}
_STRUCTURE_STARTS = STRUCTURE_LINES["starts"]


class _Sentences:
    """Sentence bounds in the cleaned text: the nearest break marks either side.

    A colon that ends its line (the salutation ``各乡镇人民政府,县级有关部门:``, a
    metadata label) also ends what stands before it: the sentence after it does
    not reach back into the heading and metadata lines above.  Nor does a sentence
    reach over a structure line (see STRUCTURE_LINES): one before it starts the
    sentence on the next line, one after it ends the sentence."""

    _MARKS = "。；;！？"
    _COLONS = "：:"

    def __init__(self, ct: CleanText):
        self.ct = ct
        self.s = ct.clean
        self.n = len(self.s)

    def _line_end_colon(self, lo: int, hi: int) -> int:
        """The last colon in ``s[lo:hi]`` that a line break follows, or -1."""
        s, n, gap = self.s, self.n, self.ct.gap
        best = -1
        for c in self._COLONS:
            i = s.rfind(c, lo, hi)
            while i >= 0 and not (i + 1 < n and gap(i + 1) == 2):
                i = s.rfind(c, lo, i)
            best = max(best, i)
        return best

    def around(self, i: int, j: int) -> tuple[int, int]:
        """Cleaned bounds of the sentence around [i, j) (its closing mark included)."""
        s = self.s
        # Back from i in growing windows: a mark absent from the text must not
        # cost a scan of all of it on every call.
        a, hi, step = 0, i, 256
        while hi > 0:
            lo = max(0, hi - step)
            last = max(max(s.rfind(c, lo, hi) for c in self._MARKS), self._line_end_colon(lo, hi))
            if last >= 0:
                a = last + 1
                break
            hi, step = lo, step * 2
        m = _SENT_BREAK.search(s, j)
        b = min(self.n, (m.start() if m else self.n) + 1)
        if "#" in s or "<!--" in s:  # (texts without markdown or comments cost nothing more)
            a, b = self._within_structure(a, i, j, b)
        return a, b

    def _structure_line(self, lo: int, hi: int, last: bool) -> int:
        """Cleaned start of the last (or first) structure line that starts in ``s[lo:hi]``, or -1."""
        s, ct = self.s, self.ct
        found = []
        for mark in _STRUCTURE_STARTS:
            k = s.rfind(mark, lo, hi) if last else s.find(mark, lo, hi)
            while k >= 0:
                p = k
                while mark == "#" and p > lo and s[p - 1] == "#":
                    p -= 1  # (## is one mark)
                if ct.line_start(p):
                    found.append(p)
                    break
                k = s.rfind(mark, lo, p) if last else s.find(mark, k + len(mark), hi)
        if not found:
            return -1
        return max(found) if last else min(found)

    def _within_structure(self, a: int, i: int, j: int, b: int) -> tuple[int, int]:
        """Bounds ``(a, b)`` kept off the structure lines around the statement at [i, j)."""
        h = self._structure_line(a, i, last=True)
        if h >= 0:
            end = self.ct.line_bounds(h)[1]
            a = end if end <= i else h  # (a statement on the structure line itself starts there)
        h = self._structure_line(j, b, last=False)
        if h >= 0:
            b = h
        return a, b


_CLAUSE_MARKS = re.compile(r"[，,（()）《》〈〉<>]")
_CLOSERS, _OPENERS_ = "）)》〉>", "（(《〈<"


def _clause_start(s: str, a: int, i: int) -> int:
    """Cleaned start of the clause that ends at ``i``: right after the last comma
    of ``s[a:i]`` outside brackets (a history bracket's commas do not count), else ``a``."""
    depth = 0
    marks = list(_CLAUSE_MARKS.finditer(s, a, i))
    for mk in reversed(marks):
        c = mk.group()
        if c in _CLOSERS:
            depth += 1
        elif c in _OPENERS_:
            depth = max(0, depth - 1)
        elif depth == 0:
            return mk.end()
    return a


_LIST_JOINER = re.compile(r"(?:、|，|,|和|及|与|以及)(?=《)")


def _listed_works_end(s: str, i: int, titles: _Spans, limit: int) -> int:
    """End of the works listed from cleaned ``i`` on: titles, each with its bracket
    (《X》（…令第1号）), joined by 、/和/及.  ``i`` itself if no title starts there."""
    end = i
    while (t := titles.starting_at(i)) is not None and t.cend <= limit:
        end = t.cend
        if end < limit and s[end] in "（(":
            close = _bracket_end(s, end, limit)
            if close is not None:
                end = close
        j = _LIST_JOINER.match(s, end)
        if j is None:
            break
        i = j.end()
    return end


# What stands before a work listed in a clause of its own, once its numbers are
# replaced by Ｎ: its date, 原 and the body or order that issued it
# (2011年9月30日原国家工商行政管理总局令第56号公布的《X》, 原国家食品药品监督管理总局
# 2016年3月4日发布的《X》), or nothing.  A clause that cites (根据《X》) lists nothing.
LISTED_PREFIX: dict[str, object] = {
    "regex": r"(?:以及|及|和|与)?(?:(?!.*(?:根据|依据|按照|依照|参照|贯彻|落实))(?:" + _YMD_ANY + r")?原?"
             r"[\u4e00-\u9fff、]{0,40}?Ｎ?(?:" + _YMD_ANY + r")?(?:公布|发布|印发|颁布|下发)的|原)?",
    "examples": ["", "原", "2011年9月30日原国家工商行政管理总局令Ｎ公布的", "原国家食品药品监督管理总局2016年3月4日发布的",
                 "和2000年1月13日原国家工商行政管理局令Ｎ公布的"],
    "counterexamples": ["根据国务院发布的", "依据", "现将", "按照省政府印发的"],
}
_LISTED_PREFIX = re.compile(LISTED_PREFIX["regex"])


def _listed_clause(s: str, i: int, j: int, titles: _Spans, numbers: _Spans, whole: bool) -> bool:
    """Cleaned ``s[i:j]`` is a clause that names works and nothing else: a listed
    prefix, then titles (each with its bracket) up to ``j`` (``whole``) or up to
    wherever they end (the trigger's own clause: 《B》（…）自本办法施行之日起)."""
    ts = titles.within(i, j)
    if not ts:
        return False
    t = ts[0]
    prefix = s[i:t.cstart]
    for n in reversed(numbers.within(i, t.cstart)):
        prefix = prefix[:n.cstart - i] + "Ｎ" + prefix[n.cend - i:]
    if not _LISTED_PREFIX.fullmatch(prefix):
        return False
    return not whole or _listed_works_end(s, t.cstart, titles, j) == j


_ROUND_BRACKETS = re.compile(r"[（()）]")


def _outside_brackets(s: str, a: int, ts: list) -> list:
    """The titles of ``ts`` (all after cleaned ``a``) that stand in no round bracket
    opened after ``a``: 《上海海关公告2014年第43号》（上海海关关于实施《X》相关事项的
    公告） names the announcement, and X only describes it."""
    if not ts:
        return ts
    keep, depth, k = [], 0, a
    for t in ts:
        for mk in _ROUND_BRACKETS.finditer(s, k, t.cstart):
            depth = depth + 1 if mk.group() in "（(" else max(0, depth - 1)
        k = t.cstart
        if depth == 0:
            keep.append(t)
    return keep


def _bracket_end(s: str, i: int, limit: int) -> int | None:
    """End (after the closing bracket) of the bracket opened at ``s[i]``, within ``limit``."""
    depth = 0
    for k in range(i, min(limit, i + 200)):
        c = s[k]
        if c in "（(":
            depth += 1
        elif c in "）)":
            depth -= 1
            if depth == 0:
                return k + 1
    return None


_CLAUSE_END = re.compile(r"[，,。；;]")


def _works_after(s: str, i: int, b: int, titles: _Spans, all_titles: _Spans, numbers: _Spans) -> int | None:
    """End of the works a trigger names right after it (同时废止《X》（…）、《Y》,
    同时废止原…发布的《X》, 同时废止财金〔2025〕9号), or None when its clause names none."""
    m = _CLAUSE_END.search(s, i, b)
    j = m.start() if m else b
    if _listed_clause(s, i, j, titles, numbers, whole=False):
        return _listed_works_end(s, titles.within(i, j)[0].cstart, all_titles, b)
    k = i + 1 if s.startswith("原", i) else i
    n = numbers.starting_at(k)
    if n is not None and n.cend <= j:
        return j
    return None


# What starts the next item of a list (二、, 2., （二）): a 。 right before it ends an item,
# not the list (一、山东省信访规定(省政府令第114号)。⏎二、…).
LIST_ITEM_START: dict[str, object] = {
    "regex": r"[一二三四五六七八九十]{1,3}、|\d{1,3}[.．、](?!\d)|[（(](?:[一二三四五六七八九十]{1,3}|\d{1,3})[）)]",
    "examples": ["二、山东省安全生产监督管理规定", "2.关于做好防汛工作的通知", "（三）《某某规定》", "(3)某某办法"],
    "counterexamples": ["本决定自公布之日起施行。", "2.5万元", "附件：目录"],
}
_LIST_ITEM_START = re.compile(LIST_ITEM_START["regex"])


def _list_end(ct: CleanText, i: int, titles: _Spans) -> int:
    """End of the list that starts at cleaned ``i`` (right after its colon): the
    first 。 that no further item follows (items may end with ；), or what closes the
    list, whichever comes first."""
    s = ct.clean
    limit = min(len(s), i + _LIST_MAX)
    j = s.find("。", i, limit)
    while 0 <= j < limit - 1 and _LIST_ITEM_START.match(s, j + 1):
        j = s.find("。", j + 1, limit)
    end = limit if j < 0 else j + 1
    for m in _LIST_STOP.finditer(s, i, end):
        if not titles.covering(m.start()):
            return m.start()
    return end


def find_repeals(ex: Extraction) -> list[RepealStatement]:
    """Statements that an identifiable cited work is repealed or ceases to apply."""
    s = ex.ct.clean
    out: list[RepealStatement] = []
    seen: set[tuple[int, int]] = set()
    outers = _Spans(t for t in ex.titles if t.parent is None and t.category == "policy")
    all_outer = _Spans(t for t in ex.titles if t.parent is None)
    numbers_by_start = _Spans(ex.numbers)
    sentences = _Sentences(ex.ct)
    paired = {p.title.cstart: p.number for p in ex.pairs}
    own = None
    for m in anchored_finditer(_REPEAL_AT, s, _REPEAL_ANCHORS, 2):
        if all_outer.covering(m.start()):
            continue
        a, b = sentences.around(m.start(), m.end())
        trigger = m.group()
        batch = trigger in ("废止", "失效") and s.startswith(("文件", "规章"), m.start() - 2)
        if batch and not _BATCH_REPEAL.search(s, _clause_start(s, a, m.start()), m.start()):
            continue  # 原文件失效: no batch of named works
        kind = "cease" if ("停止执行" in trigger or "不再执行" in trigger or "失效" in trigger) else "repeal"
        intro = _LIST_INTRO.match(s, m.end())
        if intro is not None and not _LIST_OF_WORKS.search(s, a, intro.end()):
            intro = None
        if intro is not None:
            # 对以下2件规章予以废止：一、《A》（…）二、《B》（…）: the list after the colon
            scope = (intro.end(), _list_end(ex.ct, intro.end(), all_outer))
            b = max(b, scope[1])
        elif (trigger.startswith("废止") and not batch) or trigger == "决定废止":
            # 决定废止《X》（…）: the works named after the trigger; when a title follows
            # it, only that title and those listed with it (关于废止《X》的决定… names
            # nothing else further on in its sentence)
            scope = (m.end(), _listed_works_end(s, m.end(), all_outer, b) if s.startswith("《", m.end()) else b)
        elif (after := _works_after(s, m.end(), b, outers, all_outer, numbers_by_start)) is not None:
            # 本规范自2025年1月1日起施行，同时废止《X》（…）: the works right after the trigger
            scope = (m.end(), after)
        else:
            scope = (a, m.start())
            # The works of the trigger's own clause, when it names any: 现将《X》印发给你们，
            # 原…印发的《Y》同时废止 repeals Y, not the X it issues.
            c = _clause_start(s, a, m.start())
            if c > a and (outers.within(c, m.start()) or numbers_by_start.within(c, m.start())):
                # ... and the works listed before it with commas: 《A》（…），《B》（…）同时废止;
                # …令第1号公布的《A》，…令第94号公布的《B》同时废止
                if _listed_clause(s, c, m.start(), outers, numbers_by_start, whole=False):
                    while c > a:
                        c2 = _clause_start(s, a, c - 1)
                        if not _listed_clause(s, c2, c - 1, outers, numbers_by_start, whole=True):
                            break
                        c = c2
                scope = (c, m.start())
        if scope[0] >= m.end() and _PARTIAL_AFTER.match(s, scope[1]):
            continue  # 废止《X》第十九条…: part of a work, not the work
        ts = _outside_brackets(s, scope[0], outers.within(*scope))
        if "不再执行" in trigger or "停止执行" in trigger:
            if any(_PARTIAL.search(s[t.cend:m.start()]) for t in ts) or _PARTIAL.search(s[a:m.start()]):
                continue
        elif ts and scope[1] == m.start():
            # 原《X》中与本办法不一致的规定同时废止: part of X goes, not X
            ends = [t.cstart for t in ts[1:]] + [m.start()]
            whole = [t for t, e in zip(ts, ends) if not _PARTIAL.search(s, t.cend, e)]
            if not whole:
                continue
            ts = whole
        # A self-reference repeals nothing identifiable (凡与本规定不一致的同时废止).
        numbers = numbers_by_start.within(*scope)
        targets: list[tuple[Title | None, DocumentNumber | None]] = []
        for t in ts:
            targets.append((t, paired.get(t.cstart)))
        if not ts:
            own = _own_number_positions(ex) if own is None else own
            for n in numbers:
                # (a number alone on its line after a list's colon is a table cell, not the own number)
                if n.cstart not in own or intro is not None:
                    targets.append((None, n))
        if not targets:
            continue
        s0, s1 = ex.ct.span(a, b)
        evidence = ex.text[s0:s1].strip()
        for t, n in targets:
            key = (t.cstart if t else -1, n.cstart if n else -1)
            if key in seen:
                continue
            seen.add(key)
            out.append(RepealStatement(old_title=t, old_number=n, evidence=evidence, start=s0, end=s1, kind=kind))
    # A work named twice (关于废止《X》的决定 … 决定废止《X》（…第132号令）) is one work: the
    # mention without its number goes when another gives it.
    numbered = {r.old_title.key for r in out if r.old_title is not None and r.old_number is not None}
    # ... and so is a work whose name a list writes unbracketed before its number (关于废止
    # 《山东省信访规定》等3件规章的决定 … 一、山东省信访规定(省政府令第114号)).
    named = [r.old_number for r in out if r.old_title is None and r.old_number is not None]
    return [r for r in out if r.old_number is not None or r.old_title is None
            or (r.old_title.key not in numbered and not any(_named_before(s, n, r.old_title.key) for n in named))]


def _named_before(s: str, n: DocumentNumber, key: str) -> bool:
    """The cleaned text writes ``key`` right before the bracket that opens at the number ``n``."""
    a = n.cstart - 1
    return a > len(key) and s[a] in "（(" and s[a - len(key):a] == key


def _self_named(ex: Extraction, i: int, j: int, titles: _Spans) -> bool:
    """The cleaned ``s[i:j]`` names the text itself (本办法, 本实施细则): a 本 that starts a
    word, not the 本 of 基本 or 成本.  A 本 after a line break or an article number
    (第三十条本办法, 2016年8月23日⏎本办法 once spaces and breaks go) starts one; one inside
    a title (《…基⏎本医疗保险实施办法》) names another work."""
    s = ex.ct.clean
    for m in _SELF.finditer(s, i, j):
        k = m.start()
        if titles.covering(k):
            continue
        if k == 0 or not "\u4e00" <= s[k - 1] <= "\u9fff" or s[k - 1] in "条则" or ex.ct.line_start(k):
            return True
    return False


def _span_end(m: re.Match) -> str | None:
    """The last day of the span a date match gives (至2021年12月31日, 至2020年12月底), if any."""
    if m.group("uy"):
        return parse_date(m.group("uy"), m.group("um"), m.group("ud"))
    if m.group("ey"):
        return _month_end(m.group("ey"), m.group("em"))
    return None


def _month_end(y: str, m: str) -> str | None:
    """The last day of a month (2020年12月底 → 2020-12-31; 2024年2月底 → 2024-02-29)."""
    first = parse_date(y, m, "1")
    if first is None:
        return None
    year, month = int(first[:4]), int(first[5:7])
    nxt = f"{year + month // 12:04d}-{month % 12 + 1:02d}-01"
    return _add_days(nxt, -1)


def _add_days(iso: str, days: int = 0, years: int = 0) -> str | None:
    from datetime import date, timedelta

    d = date.fromisoformat(iso)
    if years:
        try:
            d = d.replace(year=d.year + years)
        except ValueError:  # 29 February
            d = d.replace(year=d.year + years, day=28)
    return (d + timedelta(days=days)).isoformat()


class _OwnDates:
    """The text's own dates, read when a statement needs them: the dates of a page's
    metadata row (发布日期：…, 成文日期：…) and the signature dates (a line that holds a
    date and nothing else: 2019年12月30日, 二〇一九年十二月三十日)."""

    # How far after a statement its signature line may stand (a promulgation order's
    # signature follows its sentence closely).
    AFTER = 3000

    def __init__(self, ex: Extraction):
        s, ct = ex.ct.clean, ex.ct
        self.meta: dict[str, str] = {}
        for m in _meta_dates(s):
            d = _meta_date(m)
            if d:
                self.meta.setdefault(m.group("label"), d)
        # Signature lines, tried at each line start only: a scan of the whole text for
        # dates costs several times more.
        self.lines: list[tuple[int, str]] = []
        match, first = _DATE_ONLY.match, _DATE_FIRST
        n = len(s)
        for p in ct.line_starts():
            if p >= n or s[p] not in first:
                continue
            m = match(s, p + 1) if s[p] in "（(" else match(s, p)
            if m is None:
                continue
            e = m.end()
            if e < n and s[e] in "）)" and p < m.start():
                e += 1
            if e >= n or ct.line_start(e):
                d = parse_date(m.group("y"), m.group("m"), m.group("d"))
                if d:
                    self.lines.append((m.start(), d))

    def of(self, event: str, at: int) -> str | None:
        """The date of the text's ``event`` (公布, 印发, …) for a statement at cleaned ``at``:
        the metadata date that names that event, else the first signature date after
        ``at`` (not far after), else the last one before it (the notice's signature
        before its attachment)."""
        for label in _EVENT_LABELS.get(event, ()):
            if label in self.meta:
                return self.meta[label]
        k = bisect_left(self.lines, (at, ""))
        if k < len(self.lines) and self.lines[k][0] < at + self.AFTER:
            return self.lines[k][1]
        return self.lines[k - 1][1] if k else None


def _meta_dates(s: str):
    # Every label ends with 日期, two characters after the match's start.
    return anchored_finditer(_META_DATE, s, ("日期",), 2) if "日期" in s else iter(())


def _meta_date(m: re.Match) -> str | None:
    return (parse_date(m.group("y"), m.group("m"), m.group("d")) if m.group("y")
            else parse_date(m.group("iy"), m.group("im"), m.group("id")))


# Where the date patterns can start: at most 22 characters before the 起 of 起施行 (将于, a
# Chinese year, month and day, 零时), 3 before the 之 of 之日起 (自公布之日起), 5 before
# 布施行 (现予以发布施行); an adoption ends with 通过.  Found with str.find: a regex scan
# for these anchors costs twice as much.
_IN_FORCE_VERBS = ("施行", "实施", "执行", "生效", "实行", "试行", "至")


def _anchored(pattern: re.Pattern, s: str, anchors: list[int], back: int):
    """The matches of ``pattern.finditer(s)`` that start at most ``back`` characters before
    one of ``anchors`` (sorted positions), in order (see extractors.anchored)."""
    last_end = 0
    tried: set[int] = set()
    for i in anchors:
        for p in range(max(last_end, i - back), i + 1):
            if p in tried:
                continue
            tried.add(p)
            m = pattern.match(s, p)
            if m is not None:
                yield m
                last_end = m.end()
                break


# What may stand between a date and the work it dates when the work follows:
# 2020年1月1日起施行的《X》, 2004年11月1日起施行的现行《X》.
_DATED_AFTER = re.compile(r"的[^，,。；;《》]{0,4}")


# What may stand between a work named in a date's own clause and the date: 《X》将于…,
# 《X》（…）自…, 《X》已经…; anything else makes the work a qualifier (依照《X》新设定的制度自…).
_ALL_OF_THEM = re.compile(r"[均都](?:将|已)?$")
_SUBJECT_GAP = re.compile(r"(?:将|已|也|均|都|亦|同时|定|拟|正式|现)*")


def _subject_in_clause(s: str, c: int, anchor: int, outers: _Spans):
    """``False`` when the last title of the clause ``s[c:anchor]`` is followed by words
    that make it something else than the subject of the date; else ``None``."""
    ts = outers.within(c, anchor)
    if not ts:
        return None
    j = ts[-1].cend
    if j < anchor and s[j] in "（(":
        j = _bracket_end(s, j, anchor) or j
    return None if _SUBJECT_GAP.fullmatch(s, j, anchor) else False


def find_dates(ex: Extraction) -> list[DateStatement]:
    """Adoption, entry-into-force and expiry dates given for a cited work (or, with
    neither title nor number, for the document itself: 本办法自…起施行).

    * ``《X》已经…通过，现予公布，自…起施行``: X's dates; ``…起施行的《X》``: X's;
      ``本办法自…起施行`` (本 and a document type in the date's own clause): the
      text's own, whatever work the sentence cites before.
    * ``自公布之日起施行`` (发布, 印发, …; ``…之日起30日后施行``): the text's own date
      of that event (see :class:`_OwnDates`); none when the text gives none.
    * ``有效期至…`` / ``有效期5年`` / ``自…起至…止``: the last day of validity.
    * ``《X》已于…经…通过，现予印发`` (no in-force date): the adoption date alone.
    """
    s = ex.ct.clean
    out: list[DateStatement] = []
    outers = _Spans(t for t in ex.titles if t.parent is None and t.category == "policy")
    all_outer = _Spans(t for t in ex.titles if t.parent is None)
    numbers_by_start = _Spans(ex.numbers)
    sentences = _Sentences(ex.ct)
    paired = {p.title.cstart: p.number for p in ex.pairs}
    by_number = {p.number.cstart: p.title for p in ex.pairs}
    own_dates: _OwnDates | None = None
    absolute, relative_at = [], []
    for i in find_all(s, "起"):
        if s.startswith("之日", i - 2):
            relative_at.append(i - 2)
        elif s.startswith(_IN_FORCE_VERBS, i + 1):
            absolute.append(i)
    if "布施行" in s:
        relative_at = sorted(relative_at + find_all(s, "布施行"))
    events = ([(m, False) for m in _anchored(_IN_FORCE, s, absolute, 22)]
              + [(m, True) for m in _anchored(_IN_FORCE_REL, s, relative_at, 11)])
    events.sort(key=lambda e: e[0].start())
    used_adoptions: set[int] = set()
    for m, rel in events:
        if all_outer.covering(m.start()):
            continue  # a title that holds a date (《关于…自2020年1月1日起施行的通知》)
        if not (rel and m.group("ev2")) and not m.group("verb") and not (m.group("period") and _span_end(m)):
            continue  # a span with neither its verb nor the name of a period
        a, b = sentences.around(m.start(), m.end())
        relative = None
        expires = _span_end(m)
        if rel:
            event = m.group("ev") or m.group("ev2")
            own_dates = _OwnDates(ex) if own_dates is None else own_dates
            in_force = own_dates.of(event, m.start())
            n = parse_numeral(m.group("n")) if m.group("n") else 0
            relative = event if not n else f"{event}+{n}"
            if in_force and n:
                in_force = _add_days(in_force, n)
        else:
            in_force = parse_date(m.group("y"), m.group("m"), m.group("d"))
        am = None
        for x in _ADOPTED.finditer(s, a, m.start()):
            am = x
        adopted = parse_date(am.group("y"), am.group("m"), am.group("d")) if am is not None else None
        if am is not None:
            used_adoptions.add(am.start())
        anchor = am.start() if am is not None else m.start()
        title = number = None
        subjects: list[tuple[Title | None, DocumentNumber | None]] = []
        after = _DATED_AFTER.match(s, m.end()) if not rel else None
        if after is not None:
            # 2020年1月1日起施行的《X》: the work named after the date, or none
            t = outers.starting_at(after.end())
            if t is None:
                continue
            title, number = t, paired.get(t.cstart)
        elif not _self_named(ex, c := _clause_start(s, a, anchor), anchor, all_outer):
            if _subject_in_clause(s, c, anchor, outers) is False:
                continue  # 依照《X》新设定的制度自…起施行: what X sets up, not X
            last = all_outer.within(a, anchor)
            if last and last[-1].category != "policy":
                # …发布《管理办法》，自…起施行: a short name stands for the work; an alias names
                # it (新《刑诉法》), anything else leaves it unknown
                t = last[-1]
                if t.category != "alias" or t.alias_of is None:
                    continue
                t = next((x for x in reversed(outers.within(0, anchor)) if x.title == t.alias_of), None)
                if t is None:
                    continue
                last = [t]
            ts = outers.within(a, anchor)
            title = last[-1] if last else None
            number = paired.get(title.cstart) if title else None
            if title is not None and _ALL_OF_THEM.search(s, max(a, anchor - 3), anchor):
                # 《A》…以及…《B》…均于2013年1月1日起施行: each of them
                subjects = [(t, paired.get(t.cstart)) for t in _outside_brackets(s, a, ts)]
            if title is None:
                ns = numbers_by_start.within(a, anchor)
                if ns:
                    number = ns[-1]
                    title = by_number.get(number.cstart)
            if title is None and number is None and not _self_named(ex, a, m.start(), all_outer) \
                    and not _OWN_CONTENT.search(s, c, anchor):
                continue
        if rel and (title is not None or number is not None) and not m.group("ev2") \
                and not _PROMULGATES.search(s, a, m.start()):
            # 《实施意见》自印发之日起执行 in a text about it: its issue date, not this text's
            in_force = relative = None
        if expires is None and in_force is not None:
            x = _EXPIRES.search(s, m.end(), b) or _EXPIRES.match(s, b)
            if x is not None:
                if x.group("years"):
                    years = parse_numeral(x.group("years").replace("两", "二"))
                    expires = _add_days(in_force, days=-1, years=years) if in_force and years else None
                else:
                    expires = parse_date(x.group("y"), x.group("m"), x.group("d"))
        if adopted is None and in_force is None:
            continue  # 自发布之日起施行 in a text that gives no date of its own
        s0, s1 = ex.ct.span(a, b)
        for title, number in subjects or [(title, number)]:
            out.append(DateStatement(title=title, number=number, adopted=adopted, in_force=in_force,
                                     evidence=ex.text[s0:s1].strip(), start=s0, end=s1, expires=expires, relative=relative))
    # An adoption with no entry into force: 《X》已于2011年3月24日经…常务会议修订通过，现予印发.
    # (Found from its 通过 followed by 现予印发 and the like: 经 alone is too common to scan for.)
    for k in find_all(s, "通过"):
        e = k + 2
        if not _ADOPTION_ONLY_TAIL.match(s, e):
            continue
        a0 = sentences.around(e - 2, e)[0]
        am = next((x for x in _ADOPTED.finditer(s, a0, e) if x.end() == e), None)
        if am is None or am.start() in used_adoptions or all_outer.covering(am.start()):
            continue
        a, b = sentences.around(am.start(), am.end())
        t = next((t for t in reversed(outers.within(a, am.start())) if _clause_start(s, a, am.start()) <= t.cstart), None)
        if t is None:
            continue
        s0, s1 = ex.ct.span(a, b)
        out.append(DateStatement(title=t, number=paired.get(t.cstart), adopted=parse_date(am.group("y"), am.group("m"), am.group("d")),
                                 in_force=None, evidence=ex.text[s0:s1].strip(), start=s0, end=s1))
    # A page's metadata row: 实施日期 | 2019-12-30 | dates the text's own entry into force.
    for m in _meta_dates(s):
        if m.group("label") in _META_IN_FORCE:
            d = _meta_date(m)
            if d:
                s0, s1 = ex.ct.span(m.start(), m.end())
                out.append(DateStatement(title=None, number=None, adopted=None, in_force=d,
                                         evidence=ex.text[s0:s1].strip(), start=s0, end=s1, relative="metadata"))
            break
    out.sort(key=lambda d: d.start)
    return out


# A piece of a history line's opening bracket and date, as a line break leaves it.
_DATE_PIECE = re.compile(r"[（(]?[\d年月日]*")
# What stands before the own number on its line: an opening bracket and a date, or a
# history line's adoption first ((2010年4月19日…常务会议通过 2010年4月26日…令第147号公布)).
_HEADER_LINE_REST = re.compile(r"^[（(]?(?:\d{4}年\d{1,2}月\d{1,2}日[^（()）。；;]{0,60}?(?:通过|批准)[，,；;]?)?"
                               r"(?:\d{4}年\d{1,2}月\d{1,2}日)?(?:原)?$")
# The title of a document heading: an issuer's 关于… and a document type, no punctuation.
_GLUED_HEADING = re.compile(r"[^\s。，,；;：:《》“”\"()（）]{2,40}关于[^\s。，,；;：:《》“”\"()（）]{2,80}"
                            r"(?:通知|批复|决定|意见|通报|通告|公告|办法|规定|函|复函|答复)")
_ADDRESSEES = re.compile(r"各|[\u4e00-\u9fff、]{2,40}[：:]")
# A page's metadata row that gives the number (发文字号: 吕政办发[2013]99号 发布日期: …,
# 发文字号: | 大财社指【2022】18号 |): the label before it, other labels or cells after it.
_META_BEFORE = re.compile(r"(?:.*[|｜])?[^，。；,;|｜]{0,12}?(?:文号|字号|文件编号|发文编号)[:：]?[|｜]?")
_META_AFTER = re.compile(r"(?:[|｜].*|(?:发布日期|成文日期|发文日期|生成日期|印发日期|施行日期|实施日期|有效性|索引号|"
                         r"主题分类|发文机关|发布机构)[:：].*)?")


def _own_number_positions(ex: Extraction) -> set[int]:
    return {n.cstart for n in _header_numbers(ex)}


def _header_numbers(ex: Extraction) -> list[DocumentNumber]:
    """Numbers standing on a line of their own (or after a date, in a history
    line): the document's own number and its promulgating orders."""
    s = ex.ct.clean
    out = []
    # Line bounds by bisection over the line starts, listed once: a text crawled as a
    # single line must not cost a walk of that line per number.
    starts = ex.ct.line_starts() if ex.numbers else []

    def line_bounds(i: int) -> tuple[int, int]:
        k = bisect_right(starts, i) - 1
        return (starts[k] if k >= 0 else 0), (starts[k + 1] if k + 1 < len(starts) else len(s))

    for n in ex.numbers:
        a, b = line_bounds(n.cstart)
        if a > 0 and a < n.cstart and _DATE_PIECE.fullmatch(s, a, n.cstart):
            # A history line broken inside its date ((2011年8 ⏎ 月26日…令第190号公布): the line
            # starts where the piece before the break starts.
            a0 = line_bounds(a - 1)[0]
            if _DATE_PIECE.fullmatch(s, a0, a):
                a = a0
        before = s[a:n.cstart]
        after = s[n.cend:b]
        if _HEADER_LINE_REST.match(before) and re.match(r"^(?:公布|发布|修正|修订|施行|[)）])*", after):
            if re.fullmatch(r"(?:公布|发布|[)）])?(?:\d{4}年\d{1,2}月\d{1,2}日.*)?|(?:公布|发布)?[)）]?", after) or not after:
                out.append(n)
        elif len(before) <= 60 and _META_BEFORE.fullmatch(before) and _META_AFTER.fullmatch(after):
            out.append(n)
        elif a == 0 or ex.ct.line_start(a):
            # A heading glued to its number at the start of a line (crawled pages):
            # 国务院办公厅关于印发…的通知国办函〔2014〕119号各省、自治区…
            # and followed by the end of the line or the addressees (各省、…：)
            if _GLUED_HEADING.fullmatch(before) and (not after or _ADDRESSEES.match(after)):
                out.append(n)
    return out


# The title a text promulgates: 现予公布《X》, 现发布《X》, 现将《X》印发给你们.  After 现将 the verb
# decides: 现将《X》（国发明电〔2014〕1号）转发你们 forwards another's document, 现将《政府工作报告》提出的任务
# 予以分解 and 现将《X》中已竣工的项目… name a document the text is about; neither is the text's own.
_PROMULGATED_TITLE = re.compile(r"(?P<lead>现公布|现予公布|现予以公布|现发布|现予发布|现予以发布|现将)《")
_ISSUED_AFTER = re.compile(r"(?:[（(][^（）()\n]{0,60}[）)]|[、和及与]?《[^》\n]{1,160}》)*(?:予以|一并)?(?:印发|发布|公布|颁布|下发)")


def own_identity(ex: Extraction, at: int | None = None) -> tuple[DocumentNumber | None, str | None]:
    """The document's own number (the nearest header/history line number
    before cleaned position ``at``, else the first one) and own title (the
    title it promulgates: ``现予公布《X》`` / ``现将《X》印发`` / ``《X》已经…通过，现予公布`` (or 发布), a
    markdown ``# X`` heading, or the plain title line the text starts with)."""
    heads = [n for n in _header_numbers(ex) if not n.text.endswith("修正")]
    number = None
    if heads:
        before = [n for n in heads if at is None or n.cstart <= at]
        number = before[-1] if before else heads[0]
    s = ex.ct.clean
    title = None
    for m in _PROMULGATED_TITLE.finditer(s):
        t = next((t for t in ex.titles if t.cstart == m.end() - 1), None)
        if t is not None and (m.group("lead") != "现将" or _ISSUED_AFTER.match(s, t.cend)):
            title = t.title
            break
    if title is None:
        for t in ex.titles:
            if t.parent is None and re.match(r"^[^。《]{0,60}?(?:现予公布|现予以公布|予以公布|现予发布|现予以发布|予以发布|现印发给|现予印发|现予以印发)", s[t.cend:t.cend + 80]):
                title = t.title
                break
    if title is None:
        # Only a level-1 heading is the title (## 第五章 附则 is a section)
        hm = re.match(r"\s*#(?!#)\s*(\S[^\n]*)", ex.text)
        if hm:
            title = re.sub(r"\s+", "", hm.group(1))
    if title is None:
        title = heading_title(ex.text)
    return number, title


# A plain text's title line: no sentence punctuation, and it ends with a document type,
# perhaps followed by its status in brackets (（试行）, （2020年修订）).
HEADING_TITLE = re.compile(
    r"(?!第[一二三四五六七八九十百\d]+[条章节])[^\n。；;！？!?：:，,]{2,78}?"
    r"(?:办法|规定|条例|细则|规则|决定|通知|意见|方案|规划|批复|公告|通告|通报|解释|制度|规程|措施|纲要|计划|指南|守则|准则)"
    r"(?:[（(][^（）()\n]{1,12}[）)])?"
)
HEADING_TITLE_EXAMPLES = (
    ("玉溪市医疗保障基金监督管理办法", True),
    ("关于做好2021年城乡居民基本医疗保障工作的通知", True),
    ("江西省著名商标认定和保护办法（试行）", True),
    ("国务院关于印发《“十三五”国家信息化规划》的通知", True),
    ("中华人民共和国国务院令", False),   # the order line, not the title
    ("第232号", False),
    ("各乡镇人民政府：", False),
    ("为了规范管理，制定本办法", False),  # a sentence
    ("第一条 为了规范管理制定本办法", False),
    ("江西省人民政府", False),
)


def heading_title(text: str) -> str | None:
    """The title on the first non-empty line of a plain text (``玉溪市…管理办法`` ⏎
    ``第一条 …``), whitespace removed, or ``None`` when that line does not read as one."""
    # Only the first line is read: splitting a long text into lines would copy all of it.
    line = re.sub(r"\s+", "", _FIRST_LINE.match(text).group(1))
    if len(line) >= 2 and line[0] == "《" and line[-1] == "》":
        line = line[1:-1]
    return line if line and HEADING_TITLE.fullmatch(line) else None


_FIRST_LINE = re.compile(r"[\ufeff\s]*([^\r\n]*)")  # \s covers U+3000 and NBSP


def read_statements(ex: Extraction) -> Extraction:
    """Add repeal and date statements to an extraction."""
    return replace(ex, repeals=tuple(find_repeals(ex)), dates=tuple(find_dates(ex)))
