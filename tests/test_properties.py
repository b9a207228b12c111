"""Property-based tests of the extractors (hypothesis).

On random Unicode and on damaged copies of the samples (characters deleted,
brackets swapped, line breaks and spaces inserted) the extractors never raise,
every span indexes the text exactly, and every canonical number has the
canonical form.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors import extract
from kg.analyse import analyse_text
from kg.samples import SAMPLE_FILES

SAMPLES = [p.read_text(encoding="utf-8") for p in SAMPLE_FILES]
# GB/T 9704-2012: code〔year〕serial号; announcements and orders keep their form with Arabic digits.
CANONICAL = re.compile(
    r"^(?:[\u4e00-\u9fff]+〔(?:19|20)\d\d〕[1-9]\d*号"
    r"|[\u4e00-\u9fff]+(?:(?:19|20)\d\d年)?第[1-9]\d*号"
    r"|[\u4e00-\u9fff]+第[1-9]\d*号令)$"
)
ARTICLE_ID = re.compile(r"^[1-9]\d*(?:-[1-9]\d*)?$")

CITATION_ALPHABET = st.sampled_from(
    list("《》〈〉<>〔〕[]［］【】（）()〖〗第条款项号之一二三四五六七八九十百零〇两0123456789０１２３４５６７８９")
    + ["云医保", "玉政规", "国务院令", "公告", "关于印发", "的通知", "以下简称", "本办法", "同时废止", "\n", " ", "　",
       "— 3 —", "中华人民共和国社会保险法", "根据", "、", "至", "。"]
)
TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(CITATION_ALPHABET, max_size=120).map("".join),
    st.lists(st.one_of(CITATION_ALPHABET, st.characters()), max_size=150).map("".join),
)


def check(text: str) -> None:
    ex = extract(text)
    for m in ex.citations:
        assert 0 <= m.start <= m.end <= len(text)
        assert text[m.start:m.end] == m.text
        if m.kind == "document_number":
            assert CANONICAL.match(m.number), m.number
        if m.kind == "article":
            assert ARTICLE_ID.match(m.article), m.article
    analyse_text(text)  # the disclosure parser and statements never raise either


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_random_text(text):
    check(text)


@st.composite
def mutated_sample(draw):
    """A window of a sample, damaged by a few random edits."""
    text = draw(st.sampled_from(SAMPLES))
    start = draw(st.integers(0, len(text) - 1))
    chars = list(text[start:start + draw(st.integers(50, 1500))])
    for _ in range(draw(st.integers(1, 12))):
        if not chars:
            break
        i = draw(st.integers(0, len(chars) - 1))
        op = draw(st.sampled_from(["delete", "swap-bracket", "newline", "space", "duplicate"]))
        if op == "delete":
            del chars[i]
        elif op == "swap-bracket":
            chars[i] = draw(st.sampled_from(list("《》〈〉〔〕[]（）()【】")))
        elif op == "newline":
            chars.insert(i, draw(st.sampled_from(["\n", "\n\n", "\r\n", "\n— 7 —\n"])))
        elif op == "space":
            chars.insert(i, draw(st.sampled_from([" ", "　", "\t"])))
        else:
            chars.insert(i, chars[i])
    return "".join(chars)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_sample())
def test_mutated_samples(text):
    check(text)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["云医保〔2019〕45号", "玉政规〔2021〕4号", "玉溪市人民政府公告第49号", "国务院令第735号"]),
       st.sampled_from(["\n", " ", "\n\n", "　"]), st.data())
def test_a_break_anywhere_inside_a_number_keeps_it(number, brk, data):
    """PDF line breaks and padding fall anywhere inside a number: same canonical number, exact span."""
    i = data.draw(st.integers(1, len(number) - 1))
    written = number[:i] + brk + number[i:]
    text = f"根据{written}文件精神。"
    ex = extract(text)
    assert [n.number for n in ex.numbers] == [number]
    assert ex.numbers[0].text == written


# ---------------------------------------------------------------- anchored scans

from extractors.anchored import anchored_finditer  # noqa: E402
from extractors.numbers import _ORDER  # noqa: E402
from extractors.resolve import _AMEND_START  # noqa: E402
from extractors.statements import _REPEAL_ANCHORS, _REPEAL_AT  # noqa: E402

ANCHORED = [(_ORDER, ("令", "公告"), 0), (_AMEND_START, ("《",), 1), (_REPEAL_AT, _REPEAL_ANCHORS, 2)]
SCAN_ALPHABET = st.sampled_from(
    list("《》令公告第号年条修改决定废止同时自起施行日月。；，0123456789一二三十") + ["国务院", "\n", " ", "省政府", "以下",
     "停止执行", "不再执行", "自动", "一并", "即行", "予以", "同日", "失效"]
)


def _spans(ms):
    return [(m.start(), m.end(), m.group()) for m in ms]


@given(st.lists(SCAN_ALPHABET, max_size=80).map("".join))
@settings(max_examples=300, deadline=None)
def test_anchored_scan_equals_finditer(text):
    """anchored_finditer finds exactly what finditer finds, for the patterns that use it."""
    for pattern, anchors, back in ANCHORED:
        assert _spans(anchored_finditer(pattern, text, anchors, back)) == _spans(pattern.finditer(text))


def test_anchored_scan_on_samples():
    for text in SAMPLES:
        for pattern, anchors, back in ANCHORED:
            assert _spans(anchored_finditer(pattern, text, anchors, back)) == _spans(pattern.finditer(text))


# ---------------------------------------------------------------- noisy citing sentences

# Citing sentences of the dev texts and the seeds: a perturbation that a reader
# still reads as the same citation leaves the extraction unchanged.
CITING = [
    "依据《云南省医疗保障局关于进一步做好云南省城乡医疗救助工作的通知》（云医保〔2019〕128号）文件。",
    "根据《江西省人民政府办公厅关于印发江西省全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度实施方案的通知》（赣府厅字[2019]22号）",
    "《建设项目环境保护管理条例》（1998年11月29日中华人民共和国国务院令第253号发布）",
    "１９９８年２月１０日省人民政府令第６６号发布、２００４年６月３０日省人民政府令第１３４号修正的《江西省暂住人口管理办法》同时废止。",
    "根据玉溪市人民政府公告第 49 号《玉溪市城乡居民基本医疗保险实施办法》执行。",
    "宁波市第十三届人民代表大会常务委员会公告第33号",
    "《国家煤矿安监局国家能源局关于印发<煤矿瓦斯等级鉴定信息公示制度>的通知》（煤安监技装〔2020〕23号）",
]
NOISE = ["\n", "\r\n", "\n— 12 —\n", "\r\n\r\n－ 7 －\r\n\r\n", "\n第 3 页\n", " ", "\u3000", "\xa0"]
BRACKETS = ["〔〕", "[]", "（）", "()", "【】", "﹝﹞", "［］", "〈〉", "〔]", "（〕"]


def _reading(ex):
    return ({n.number for n in ex.numbers}, {t.key for t in ex.cited_titles},
            {(p.title.key, p.number.number) for p in ex.pairs})


@st.composite
def noisy_citation(draw):
    text = draw(st.sampled_from(CITING))
    ex = extract(text)
    m = draw(st.sampled_from([*ex.numbers, *ex.cited_titles]))
    raw = text[m.start:m.end]
    op = draw(st.sampled_from(["noise", "noise", "bracket", "fullwidth", "hao"]))
    year = re.search(r"[〔\[（(【﹝［〈](\d{4})[〕\]）)】﹞］〉]", raw)
    if op == "bracket" and year:
        b = draw(st.sampled_from(BRACKETS))
        new = raw[:year.start()] + b[0] + year.group(1) + b[1] + raw[year.end():]
    elif op == "fullwidth":
        new = raw.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    elif op == "hao" and raw.endswith("号"):
        new = raw + "号"
    else:
        i = draw(st.integers(1, len(raw) - 1))
        new = raw[:i] + draw(st.sampled_from(NOISE)) + raw[i:]
    return text, text[:m.start] + new + text[m.end:], m.start, m.start + len(new)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(noisy_citation())
def test_noise_inside_a_citation_keeps_its_reading(case):
    """Line breaks, page-number lines, padding, bracket variants, full-width digits and a
    doubled 号 inside a cited number or title: the same reading, and a mention spanning
    exactly the perturbed citation as written."""
    text, noisy, start, end = case
    ex = extract(noisy)
    assert _reading(ex) == _reading(extract(text))
    assert any(m.start == start and m.end == end for m in [*ex.numbers, *ex.titles])
    for m in [*ex.numbers, *ex.titles]:
        assert noisy[m.start:m.end] == m.text
