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

from .anchored import anchored_finditer
from .normalize import parse_numeral
from .resolve import Extraction
from .types import DateStatement, DocumentNumber, RepealStatement, Title

__all__ = ["read_statements", "find_repeals", "find_dates", "own_identity", "parse_date"]

_SENT_BREAK = re.compile(r"[。；;！？]")
_REPEAL_TAIL = re.compile(r"(?:同时|一并|即行|予以|同日|随之)?(?:废止|停止执行|失效|不再执行)$")
# The lookbehind (not 自动停止执行) follows the literal: a pattern that starts
# with one keeps the regex engine from skipping ahead on the first character.
_REPEAL_AT = re.compile(r"(?:同时|一并|即行|予以|同日)(?:废止|停止执行|失效)|(?:停止执行|不再执行)(?<!自动停止执行)(?<!自动不再执行)(?=[。；;，,：:《]|$)|起废止|废止(?=《)|决定废止")
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
_YMD = r"(?P<y>\d{4}|[〇零一二三四五六七八九]{4})年(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})月(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})日"
_YMD_ANY = r"(?:\d{4}|[〇零一二三四五六七八九]{4})年(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:\d{1,2}|[一二三四五六七八九十]{1,3})日"
_ADOPTED = re.compile(r"(?:已经|已于|经)于?" + _YMD + r"[^。；]{0,40}?(?:讨论通过|审议通过|通过)")
_IN_FORCE = re.compile(r"自" + _YMD + r"起(?:施行|实施|执行|生效)")


def parse_date(y: str, m: str, d: str) -> str | None:
    """ISO date from year, month and day as written (Arabic or Chinese numerals)."""
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


class _Sentences:
    """Sentence bounds in the cleaned text: the nearest break marks either side."""

    _MARKS = "。；;！？"

    def __init__(self, s: str):
        self.s = s
        self.n = len(s)

    def around(self, i: int, j: int) -> tuple[int, int]:
        """Cleaned bounds of the sentence around [i, j) (its closing mark included)."""
        s = self.s
        # Back from i in growing windows: a mark absent from the text must not
        # cost a scan of all of it on every call.
        a, hi, step = 0, i, 256
        while hi > 0:
            lo = max(0, hi - step)
            last = max(s.rfind(c, lo, hi) for c in self._MARKS)
            if last >= 0:
                a = last + 1
                break
            hi, step = lo, step * 2
        m = _SENT_BREAK.search(s, j)
        b = m.start() if m else self.n
        return a, min(self.n, b + 1)


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


def _list_end(s: str, i: int, titles: _Spans) -> int:
    """End of the list that starts at cleaned ``i`` (right after its colon): the
    first 。 (items may end with ；), or what closes the list, whichever comes first."""
    j = s.find("。", i, i + _LIST_MAX)
    end = min(len(s), i + _LIST_MAX) if j < 0 else j + 1
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
    sentences = _Sentences(s)
    paired = {p.title.cstart: p.number for p in ex.pairs}
    own = None
    for m in anchored_finditer(_REPEAL_AT, s, _REPEAL_ANCHORS, 2):
        if all_outer.covering(m.start()):
            continue
        a, b = sentences.around(m.start(), m.end())
        trigger = m.group()
        kind = "cease" if ("停止执行" in trigger or "不再执行" in trigger or "失效" in trigger) else "repeal"
        intro = _LIST_INTRO.match(s, m.end())
        if intro is not None and not _LIST_OF_WORKS.search(s, a, intro.end()):
            intro = None
        if intro is not None:
            # 对以下2件规章予以废止：一、《A》（…）二、《B》（…）: the list after the colon
            scope = (intro.end(), _list_end(s, intro.end(), all_outer))
            b = max(b, scope[1])
        elif trigger.startswith("废止") or trigger == "决定废止":
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
    return [r for r in out if r.old_number is not None or r.old_title is None or r.old_title.key not in numbered]


def find_dates(ex: Extraction) -> list[DateStatement]:
    """Adoption and entry-into-force dates given for a cited work (or, with
    neither title nor number, for the document itself: 本办法自…起施行)."""
    s = ex.ct.clean
    out: list[DateStatement] = []
    outers = _Spans(t for t in ex.titles if t.parent is None and t.category == "policy")
    numbers_by_start = _Spans(ex.numbers)
    sentences = _Sentences(s)
    paired = {p.title.cstart: p.number for p in ex.pairs}
    by_number = {p.number.cstart: p.title for p in ex.pairs}
    for m in _IN_FORCE.finditer(s):
        a, b = sentences.around(m.start(), m.end())
        in_force = parse_date(m.group("y"), m.group("m"), m.group("d"))
        adopted = None
        am = None
        for x in _ADOPTED.finditer(s, a, m.start()):
            am = x
        if am is not None:
            adopted = parse_date(am.group("y"), am.group("m"), am.group("d"))
        anchor = am.start() if am is not None else m.start()
        ts = outers.within(a, anchor)
        title = ts[-1] if ts else None
        number = paired.get(title.cstart) if title else None
        if title is None:
            ns = numbers_by_start.within(a, anchor)
            if ns:
                number = ns[-1]
                title = by_number.get(number.cstart)
        if title is None and number is None and not re.search(r"本[\u4e00-\u9fff]{0,6}?(?:条例|法|办法|规定|细则|规则|决定|意见|通知|方案)", s[a:m.start()]):
            continue
        s0, s1 = ex.ct.span(a, b)
        out.append(DateStatement(title=title, number=number, adopted=adopted, in_force=in_force,
                                 evidence=ex.text[s0:s1].strip(), start=s0, end=s1))
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


def own_identity(ex: Extraction, at: int | None = None) -> tuple[DocumentNumber | None, str | None]:
    """The document's own number (the nearest header/history line number
    before cleaned position ``at``, else the first one) and own title (the
    title it promulgates: ``现予公布《X》`` / ``《X》已经…通过，现予公布`` (or 发布), a
    markdown ``# X`` heading, or the plain title line the text starts with)."""
    heads = [n for n in _header_numbers(ex) if not n.text.endswith("修正")]
    number = None
    if heads:
        before = [n for n in heads if at is None or n.cstart <= at]
        number = before[-1] if before else heads[0]
    s = ex.ct.clean
    title = None
    m = re.search(r"(?:现公布|现予公布|现予以公布|现发布|现予发布|现予以发布|现将)《", s)
    if m:
        t = next((t for t in ex.titles if t.cstart == m.end() - 1), None)
        title = t.title if t else None
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
    for line in text.lstrip("\ufeff").splitlines()[:12]:
        line = re.sub(r"[\s\u3000\u00a0]+", "", line)
        if not line:
            continue
        if len(line) >= 2 and line[0] == "《" and line[-1] == "》":
            line = line[1:-1]
        return line if HEADING_TITLE.fullmatch(line) else None
    return None


def read_statements(ex: Extraction) -> Extraction:
    """Add repeal and date statements to an extraction."""
    return replace(ex, repeals=tuple(find_repeals(ex)), dates=tuple(find_dates(ex)))
