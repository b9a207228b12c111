"""Law article tokens: ``第七十七条``, ``第77条``, ``第三百零七条之一``,
``第X条第X款第X项``, lists (``第七十七条、第七十八条``, ``第七十七、七十八条``)
and ranges (``第七十七条至第七十九条``).

This module only finds the tokens and describes their surroundings; which law
each one cites is decided by the resolution pass (:mod:`extractors.resolve`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from operator import attrgetter

from .normalize import NUMERAL_CHARS, article_id, parse_numeral
from .text import CleanText
from .types import ArticleRef

__all__ = ["ArticleToken", "find_article_tokens", "ARTICLE_PATTERNS", "MEASURE_NOUNS", "SELF_MARKER"]

_N = f"[0-9{NUMERAL_CHARS}]"
_SMALL = "[0-9一二三四五六七八九十]"
ARTICLE_PATTERNS: dict[str, dict] = {
    "article": {
        "regex": (
            rf"第(?P<n>{_N}{{1,8}})条(?:之(?P<sub>{_SMALL}{{1,3}}))?"
            rf"(?:第(?P<para>{_SMALL}{{1,4}})款)?"
            rf"(?:第(?P<item>{_SMALL}{{1,4}}|[(（]{_SMALL}{{1,4}}[)）])项)?"
        ),
        "examples": [("第七十七条", ["77"]), ("第77条", ["77"]), ("第三百零七条之一", ["307-1"]), ("第十二条第一款第三项", ["12"])],
    },
    "short_list": {
        # 第七十七、七十八条 / 第七十七至七十九条 / 第十至第十一条 (the later 第 kept)
        "regex": rf"第(?P<ns>{_N}{{1,8}}(?:(?:、|，|,|和|及|至|到)第?{_N}{{1,8}})+)条",
        "examples": [("第七十七、七十八条", ["77", "78"]), ("第七十七至七十九条", ["77", "78", "79"]),
                     ("第十至第十二条", ["10", "11", "12"]), ("第十二、第十三条", ["12", "13"])],
    },
}
_ARTICLE = re.compile(ARTICLE_PATTERNS["article"]["regex"])
# A list or range item written without its 第 right after an article
# (第十条、十二条, 第十九条至二十八条): only directly after a token and a connector.
_BARE_NEXT = re.compile(
    rf"(?:、|和|及|与|或者|或|以及|至|到)(?P<n>{_N}{{1,8}})条(?:之(?P<sub>{_SMALL}{{1,3}}))?"
    rf"(?:第(?P<para>{_SMALL}{{1,4}})款)?"
    rf"(?:第(?P<item>{_SMALL}{{1,4}}|[(（]{_SMALL}{{1,4}}[)）])项)?"
)
_SHORT_LIST = re.compile(ARTICLE_PATTERNS["short_list"]["regex"])
# 条 as a measure word, not an article: 第一条高速公路, 第三条生产线, 第二条建议.  What 条
# counts, written right after it (no space: a heading 第五条 道路… keeps its space) inside
# a line; an article token never runs straight into these nouns.
MEASURE_NOUNS: dict[str, object] = {
    "regex": (
        r"(?:高速|公路|铁路|高铁|地铁|轻轨|城际|轨道交通|线路|航线|生产线|流水线|专线|公交线|示范线|"
        r"快速路|主干道|大道|隧道|通道|航道|管道|管线|河流|跑道|绿道|步道|新闻|短信|微博|建议|经验)"
    ),
    "examples": ["建成全省第一条高速公路", "开通第二条地铁线路", "投产第三条生产线", "第一条经验是坚持党的领导"],
}
_MEASURE_NOUN = re.compile(MEASURE_NOUNS["regex"])
_RANGE_JOIN = re.compile(r"^(?:至|到|—|－|-|~|～)$")
_LIST_JOIN = re.compile(r"^(?:、|，|,|和|及|与|或|以及|或者)$")

# 本条例第…, 本法第…, 本《办法》第…: the document's own articles.
SELF_MARKER = re.compile(
    r"本(?:《[^》]{1,16}》|[\u4e00-\u9fff]{0,6}?(?:条例|法|办法|规定|细则|规则|决定|意见|通知|方案|章程|准则|标准|解释|规程|制度|守则|公约|措施|规范))$"
)
# 该法第…, 该条例第…: the law just named.
ANAPHORA = re.compile(r"(?:该|上述|前述)(?:《[^》]{1,16}》|[\u4e00-\u9fff]{0,4}?(?:条例|法|办法|规定|细则|规则|决定))$")
_SENTENCE_END = set("。；！？：”\"#*")


@dataclass(frozen=True, slots=True)
class ArticleToken:
    """One article as written, before resolution."""

    cstart: int
    cend: int
    article: str
    paragraph: str | None
    item: str | None
    heading_like: bool  # looks like an article heading (line start, or after 。 followed by a space)
    joined_to_previous: bool  # 、/至/和 right after the previous token: a list or range continuation
    self_marked: bool  # 本办法第…
    anaphoric: bool  # 该法第…
    expanded: bool = False  # an article inside a range, not written out


def _match_token(ct: CleanText, m: re.Match, start: int) -> ArticleToken | None:
    """The token of an article match (its 之, 款 and 项 groups parsed), from ``start`` to the match's end."""
    a = article_id(m.group("n"), m.group("sub"))
    if a is None:
        return None
    item = m.group("item")
    if item:
        item = str(parse_numeral(item.strip("()（）")) or item)
    para = m.group("para")
    return _token(ct, start, m.end(), a, str(parse_numeral(para)) if para else None, item, False)


def find_article_tokens(ct: CleanText) -> list[ArticleToken]:
    """Every article token, in text order, with range and list expansion."""
    s = ct.clean
    tokens: list[ArticleToken] = []
    taken: list[tuple[int, int]] = []
    for m in _SHORT_LIST.finditer(s):
        parts = re.split(r"(、|，|,|和|及|至|到)", m.group("ns"))
        nums = [p.removeprefix("第") for p in parts[0::2]]
        joins = parts[1::2]
        ids: list[str] = []
        for k, raw in enumerate(nums):
            a = article_id(raw)
            if a is None:
                ids = []
                break
            if k > 0 and joins[k - 1] in ("至", "到") and ids:
                lo, hi = int(ids[-1].split("-")[0]), int(a.split("-")[0])
                if lo < hi <= lo + 60:
                    ids.extend(str(x) for x in range(lo + 1, hi))
            ids.append(a)
        if not ids:
            continue
        for a in ids:
            tokens.append(_token(ct, m.start(), m.end(), a, None, None, False))
        taken.append((m.start(), m.end()))
    taken_starts = [a for a, _ in taken]  # taken is sorted and disjoint: bisect, not scan
    for m in _ARTICLE.finditer(s):
        if taken:
            k = bisect_right(taken_starts, m.start()) - 1
            if k >= 0 and m.start() < taken[k][1]:
                continue
        if (m.group("para") is None and m.group("item") is None and _MEASURE_NOUN.match(s, m.end())
                and ct.gap(m.end()) == 0 and not ct.line_start(m.start())):
            continue  # 第一条高速公路: a measure word
        tok = _match_token(ct, m, m.start())
        if tok is not None:
            tokens.append(tok)
    # 第十条、十二条、十三条: follow each token's end while bare items continue it.
    for end in sorted({t.cend for t in tokens}):
        while (m := _BARE_NEXT.match(s, end)) is not None and (tok := _match_token(ct, m, m.start("n"))) is not None:
            tokens.append(tok)
            end = m.end()
    tokens.sort(key=attrgetter("cstart", "cend"))
    return _link(ct, tokens)


def _token(ct: CleanText, a: int, b: int, art: str, para: str | None, item: str | None, joined: bool) -> ArticleToken:
    s = ct.clean
    before = s[max(0, a - 24):a]
    prev = s[a - 1] if a > 0 else ""
    heading = (
        a == 0
        or (prev not in "、，,和及与或至到" and ct.line_start(a))
        or (prev in _SENTENCE_END and b < len(s) and ct.gap(b) != 0)
    )
    return ArticleToken(
        cstart=a,
        cend=b,
        article=art,
        paragraph=para,
        item=item,
        heading_like=heading,
        joined_to_previous=joined,
        # The literal test skips the regex for the many tokens that cannot match.
        self_marked="本" in before and SELF_MARKER.search(before) is not None,
        anaphoric=("该" in before or "述" in before) and ANAPHORA.search(before) is not None,
    )


# Between two tokens of one list: connectors, 款/项 fragments of the previous
# article (第四十四条第一项、第四项、第五项), and nothing else.
_SUB_FRAGMENT = re.compile(
    rf"^(?:(?:、|，|,|和|及|与|或|或者|以及|至|到)?(?:第{_SMALL}{{1,4}}[款项]|第[(（]{_SMALL}{{1,4}}[)）]项|[(（]{_SMALL}{{1,4}}[)）]项?))*"
    r"(?:、|，|,|和|及|与|或|或者|以及|至|到|—|－|～|~)$"
)
_CONNECTOR_LAST = frozenset("、，,和及与或者至到—－～~")  # the last character of each connector above
_DASH_RANGE = ("—", "－", "～", "~")  # 第九条—第十条: a range written with a dash


def _link(ct: CleanText, tokens: list[ArticleToken]) -> list[ArticleToken]:
    """Mark list/range continuations and expand written ranges (第77条至第79条)."""
    s = ct.clean
    out: list[ArticleToken] = []
    for t in tokens:
        if out:
            prev = out[-1]
            # _SUB_FRAGMENT ends with a connector: test its last character before
            # slicing and matching what may be a long stretch of text.
            if (prev.cend < t.cstart and s[t.cstart - 1] in _CONNECTOR_LAST
                    and _SUB_FRAGMENT.match(between := s[prev.cend:t.cstart])):
                joined = True
                if between.endswith(("至", "到", *_DASH_RANGE)) and not prev.expanded:
                    lo, hi = _int(prev.article), _int(t.article)
                    if lo is not None and hi is not None and lo + 1 < hi <= lo + 60:
                        for x in range(lo + 1, hi):
                            out.append(
                                ArticleToken(prev.cstart, t.cend, str(x), None, None, False, True, prev.self_marked, prev.anaphoric, True)
                            )
                t = ArticleToken(t.cstart, t.cend, t.article, t.paragraph, t.item, False, joined, t.self_marked, t.anaphoric, t.expanded)
            elif prev.cstart == t.cstart and prev.cend == t.cend:
                t = ArticleToken(t.cstart, t.cend, t.article, t.paragraph, t.item, t.heading_like, True, t.self_marked, t.anaphoric, t.expanded)
        out.append(t)
    return out


def _int(article: str) -> int | None:
    head = article.split("-")[0]
    return int(head) if head.isdigit() and "-" not in article else None


def to_ref(ct: CleanText, t: ArticleToken, law: str | None, law_key: str | None, via: str | None, role: str) -> ArticleRef:
    start, end = ct.span(t.cstart, t.cend)
    # Positional (start, end, text, cstart, cend, article, paragraph, item, law,
    # law_key, via, role): one per article of the text, keywords cost a fifth more.
    return ArticleRef(start, end, ct.text[start:end], t.cstart, t.cend, t.article, t.paragraph, t.item, law, law_key, via, role)
