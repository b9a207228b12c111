"""Tests of the issuer-code registry (extractors/registry.py, extractors/data/issuer_codes.json)."""

from __future__ import annotations

import copy
import dataclasses
import glob
import json
import re
from pathlib import Path

import pytest

from extractors.registry import (
    DATA_PATH,
    EXAMPLE_RE,
    LEVELS,
    Registry,
    format_data,
    load_registry,
    split_joint_issuers,
    validate_data,
)

ROOT = Path(__file__).resolve().parents[1]
README = DATA_PATH.parent / "README.md"
DATA_TEXT = DATA_PATH.read_text(encoding="utf-8")
DATA = json.loads(DATA_TEXT)
REG = load_registry()

ALL_CODES = [e["code"] for e in DATA["codes"]]
EXAMPLES = [(e["code"], ex) for e in DATA["codes"] for ex in e["examples"]]


def _cjk_run_left(s: str, i: int) -> str:
    j = i
    while j > 0 and "\u3400" <= s[j - 1] <= "\u9fff":
        j -= 1
    return s[j:i]


def _cleaned(path: str) -> str:
    """Whitespace dropped, full-width digits folded, year brackets unified (as extractors.text does)."""
    t = Path(path).read_text(encoding="utf-8")
    t = re.sub(r"[\s\u3000\u00a0\u200b\ufeff]+", "", t)
    t = t.translate({o: o - 0xFEE0 for o in range(0xFF10, 0xFF1A)})
    return re.sub(r"[\[［【﹝〖〔（(](\d{4})[\]］】﹞〗〕）)]", r"〔\1〕", t)


# --------------------------------------------------------------------------- the data file


def test_data_file_is_valid():
    assert validate_data(DATA) == []


def test_data_file_is_canonical():
    # sorted deterministically, one entry per line; fix with: python -m extractors.registry --format
    assert DATA_TEXT == format_data(DATA)


def test_data_file_sizes():
    assert DATA["version"] == 1
    assert len(DATA["codes"]) >= 300
    assert len({p["name"] for p in DATA["places"] if p["level"] == "provincial"}) == 31
    assert len(DATA["boundary_words"]) >= 30


@pytest.mark.parametrize("code,example", EXAMPLES, ids=[ex for _, ex in EXAMPLES])
def test_example_parses_and_belongs_to_its_code(code, example):
    m = EXAMPLE_RE.match(example)
    assert m, example
    assert m.group("code") == code
    assert example[: example.index("〔")] == code
    assert 1949 <= int(m.group("year")) <= 2030


def test_fixture_codes_have_examples():
    for e in DATA["codes"]:
        if e["source"] == "fixture":
            assert e["examples"], e["code"]


# --------------------------------------------------------------------------- real texts


GOLD = sorted(glob.glob(str(ROOT / "tests/fixtures/dev/d*.json")))
GOLD_BRACKETED = [
    (Path(f).name, n["canonical"])
    for f in GOLD
    for n in json.load(open(f, encoding="utf-8"))["doc_numbers"]
    if EXAMPLE_RE.match(n["canonical"])
]
GOLD_ORDERS = [
    (Path(f).name, n["canonical"])
    for f in GOLD
    for n in json.load(open(f, encoding="utf-8"))["doc_numbers"]
    if not EXAMPLE_RE.match(n["canonical"]) and re.search(r"(令|公告)第\d+号$", n["canonical"])
]
SAMPLE_NUMBERS = [
    ("chengjiang-healthcare-security-2021.txt", "云医保〔2019〕128号"),
    ("chengjiang-healthcare-security-2021.txt", "玉医保发〔2019〕44号"),
    ("chengjiang-healthcare-security-2021.txt", "玉民发〔2019〕48号"),
    ("chengjiang-healthcare-security-2021.txt", "澄政办发〔2020〕38号"),
    ("chengjiang-healthcare-security-2021.txt", "云医保〔2020〕107号"),
    ("chengjiang-healthcare-security-2021.txt", "玉政办发〔2019〕14号"),
    ("chengjiang-healthcare-security-2021.txt", "云医保〔2019〕45号"),
    ("chengjiang-healthcare-security-2022.txt", "云医保〔2019〕45号"),
    ("chengjiang-healthcare-security-2022.txt", "玉政规〔2021〕4号"),
]


def test_gold_lists_are_not_empty():
    assert len(GOLD_BRACKETED) >= 15 and len(GOLD_ORDERS) >= 10


@pytest.mark.parametrize(
    "path,number",
    [(str(ROOT / "tests/fixtures/dev" / d.replace(".json", ".txt")), n) for d, n in GOLD_BRACKETED]
    + [(str(ROOT / "kg/samples" / f), n) for f, n in SAMPLE_NUMBERS],
    ids=[n for _, n in GOLD_BRACKETED] + [n for _, n in SAMPLE_NUMBERS],
)
def test_every_number_of_the_real_texts_is_registered(path, number):
    code = number[: number.index("〔")]
    entry = REG.code(code)
    assert entry is not None, f"{code} is not registered"
    assert number in entry.examples
    # in the text, the longest known code that ends the run left of the bracket is the gold code
    s = _cleaned(path)
    m = EXAMPLE_RE.match(number)
    tail = re.escape(f"〔{m.group('year')}〕{m.group('serial')}") + r"(?!\d)"
    year_at = [x.start() for x in re.finditer(tail, s)]
    runs = [_cjk_run_left(s, i) for i in year_at]
    assert any(r.endswith(code) for r in runs), (number, runs)
    for r in runs:
        if r.endswith(code):
            assert REG.longest_known_suffix(r) == code, r


@pytest.mark.parametrize("doc,number", GOLD_ORDERS, ids=[n for _, n in GOLD_ORDERS])
def test_every_order_of_the_real_texts_has_an_issuer(doc, number):
    prefix = re.sub(r"第\d+号$", "", number)
    hit = REG.order_issuer(prefix)
    assert hit is not None, prefix
    assert hit.level in LEVELS


# --------------------------------------------------------------------------- left edge of a code


@pytest.mark.parametrize(
    "run,code",
    [
        ("根据云医保", "云医保"),
        ("依据玉政办发", "玉政办发"),
        ("文件澄政办发", "澄政办发"),
        ("澄\n政办发", "澄政办发"),
        ("省委办公厅印发赣办发", "赣办发"),
        ("按照国市监竞争", "国市监竞争"),
        ("的通知国办发", "国办发"),
        ("为贯彻落实发改能源", "发改能源"),
        ("要求市监食经", "市监食经"),
        ("的函食经函", "食经函"),
        ("江西省市场监管局关于开展赣市监食经", "赣市监食经"),
        ("试点工作的通知国能综通煤炭", "国能综通煤炭"),
        ("关于印发煤安监技装", "煤安监技装"),
        ("根据宁政发", "宁政发"),  # ambiguous codes are still known codes
        ("根据", None),
        ("", None),
    ],
)
def test_longest_known_suffix(run, code):
    assert REG.longest_known_suffix(run) == code


@pytest.mark.parametrize("code", ALL_CODES)
def test_known_code_is_found_after_any_boundary_word(code):
    for w in REG.boundary_words():
        assert w not in code
        assert REG.longest_known_suffix(w + code) == code


# --------------------------------------------------------------------------- boundary words

REQUIRED_BOUNDARIES = ["根据", "依据", "按照", "依照", "参照", "遵照", "结合", "贯彻", "落实", "执行", "印发", "转发",
                       "下发", "文件", "精神", "关于", "见", "即", "和", "及", "与", "的", "》"]
# characters that occur in real codes (食经函, 自然资发, 赣府厅字, 国能综通, 玉政规, 并政发, 同政发, 新政发, 赣市监)
FORBIDDEN_BOUNDARIES = ["经", "自", "办", "发", "函", "字", "政", "府", "厅", "通", "综", "规", "并", "同", "新", "省",
                        "市", "原", "中", "国", "财", "民", "教", "法", "公", "环", "建", "交", "规划", "办法"]


def test_boundary_words_longest_first():
    words = REG.boundary_words()
    assert [len(w) for w in words] == sorted((len(w) for w in words), reverse=True)
    assert len(set(words)) == len(words)


def test_boundary_words_required_and_forbidden():
    words = set(REG.boundary_words())
    assert set(REQUIRED_BOUNDARIES) <= words
    assert not words & set(FORBIDDEN_BOUNDARIES)


def test_boundary_words_never_inside_a_code_and_never_start_one():
    known = [e["code"] for e in DATA["codes"]] + [e["code"] for e in DATA["ambiguous_codes"]]
    for b in REG.boundary_word_reasons():
        assert b.reason
        assert not any(b.word in c for c in known), b.word
        assert not REG.starts_like_code(b.word), b.word


# --------------------------------------------------------------------------- starts_like_code


@pytest.mark.parametrize(
    "s,expected",
    [
        ("云医保", True), ("滇医保", True), ("玉政办发", True), ("澄政办发", True), ("国办发", True), ("发改能源", True),
        ("食经函", True), ("厅字", True), ("赣府厅字", True), ("甬政发", True), ("穗府办", True), ("人社部发", True),
        ("内政字", True), ("内蒙政发", True), ("曲医保发", True),
        ("根据云医保", False), ("文件", False), ("的", False), ("", False), ("按照", False),
    ],
)
def test_starts_like_code(s, expected):
    assert REG.starts_like_code(s) is expected


# --------------------------------------------------------------------------- code and region lookups


@pytest.mark.parametrize("c,expected", [("从", True), ("市", True), ("历", True), ("见", False), ("据", False)])
def test_may_begin_county(c, expected):
    assert REG.may_begin_county(c) is expected


@pytest.mark.parametrize(
    "code,issuer,level,region",
    [
        ("云医保", "云南省医疗保障局", "provincial", "云南省"),
        ("玉政办发", "玉溪市人民政府办公室", "prefecture", "玉溪市"),
        ("澄政办发", "澄江市人民政府办公室", "county", "澄江市"),
        ("国办发", "国务院办公厅", "central", None),
        ("国发", "国务院", "central", None),
        ("中发", "中共中央", "central", None),
        ("国市监竞争", "国家市场监督管理总局", "central", None),
        ("赣府厅字", "江西省人民政府办公厅", "provincial", "江西省"),
        ("赣办发", "中共江西省委办公厅", "provincial", "江西省"),
        ("京政文", "北京市人民政府", "provincial", "北京市"),
        ("鹰府文", "鹰潭市人民政府", "prefecture", "鹰潭市"),
        ("晋能源煤技发", "山西省能源局", "provincial", "山西省"),
        ("川办发", "四川省人民政府办公厅", "provincial", "四川省"),
    ],
)
def test_code(code, issuer, level, region):
    e = REG.code(code)
    assert (e.issuer, e.level, e.region) == (issuer, level, region)
    assert REG.is_known(code)


def test_unknown_and_ambiguous_codes():
    assert REG.code("根据云医保") is None
    assert REG.code("宁政发") is None and REG.is_known("宁政发")
    assert {c.region for c in REG.ambiguous("宁政发")} == {"宁夏回族自治区", "南京市"}
    assert REG.ambiguous("云医保") == ()


@pytest.mark.parametrize(
    "code,name,level",
    [
        ("云医保", "云南省", "provincial"),
        ("云卫发", "云南省", "provincial"),  # not registered: from the abbreviation
        ("滇医保", "云南省", "provincial"),
        ("玉政办发", "玉溪市", "prefecture"),
        ("澄政办发", "澄江市", "county"),
        ("赣市监食经", "江西省", "provincial"),
        ("甬政发", "宁波市", "prefecture"),
        ("穗府办", "广州市", "prefecture"),
        ("吉政发", "吉林省", "provincial"),
        ("吉府发", "吉安市", "prefecture"),  # shared abbreviation, told apart by 政/府
        ("吉医保", "吉林省", "provincial"),  # a department code: the provincial reading wins
        ("阳府发", "阳江市", "prefecture"),
        ("阳政发", "阳泉市", "prefecture"),
        ("中府办", "中山市", "prefecture"),
        ("国办发", None, None),
        ("国卫办医发", None, None),
        ("宁政发", None, None),  # 宁夏 or 南京
        ("汕府", None, None),  # 汕头 or 汕尾
        ("临政发", None, None),  # 临沧 or 临汾
        ("某某发", None, None),
    ],
)
def test_region_of_code(code, name, level):
    r = REG.region_of_code(code)
    assert (r.name if r else None, r.level if r else None) == (name, level)


def test_region_of_county_code_has_its_parent():
    r = REG.region_of_code("澄政办发")
    assert (r.abbr, r.parent) == ("澄", "玉溪市")


PROVINCE_ABBRS = {
    "云南省": {"云", "滇"}, "贵州省": {"贵", "黔"}, "甘肃省": {"甘", "陇"}, "陕西省": {"陕", "秦"}, "四川省": {"川", "蜀"},
    "江西省": {"赣"}, "湖北省": {"鄂"}, "湖南省": {"湘"}, "广东省": {"粤"}, "广西壮族自治区": {"桂"}, "海南省": {"琼"},
    "福建省": {"闽"}, "浙江省": {"浙"}, "江苏省": {"苏"}, "安徽省": {"皖"}, "山东省": {"鲁"}, "河南省": {"豫"},
    "河北省": {"冀"}, "山西省": {"晋"}, "内蒙古自治区": {"蒙", "内蒙", "内"}, "辽宁省": {"辽"}, "吉林省": {"吉"},
    "黑龙江省": {"黑"}, "上海市": {"沪"}, "北京市": {"京"}, "天津市": {"津"}, "重庆市": {"渝"}, "西藏自治区": {"藏"},
    "青海省": {"青"}, "宁夏回族自治区": {"宁"}, "新疆维吾尔自治区": {"新"},
}


def test_all_31_provinces_and_their_abbreviations():
    got: dict[str, set[str]] = {}
    for r in REG.regions():
        if r.level == "provincial":
            got.setdefault(r.name, set()).add(r.abbr)
    assert got == PROVINCE_ABBRS


@pytest.mark.parametrize("province", sorted(PROVINCE_ABBRS))
def test_every_province_has_government_codes(province):
    gov = [c for c in REG.codes() if c.region == province and c.issuer == province + "人民政府"]
    office = [c for c in REG.codes() if c.region == province and c.issuer == province + "人民政府办公厅"]
    amb = [c for cands in (REG.ambiguous(e["code"]) for e in DATA["ambiguous_codes"]) for c in cands if c.region == province]
    assert gov or amb, province
    assert office or amb, province
    for c in gov + office:
        assert REG.region_of_code(c.code).name == province


@pytest.mark.parametrize(
    "code,gov_char",
    [("赣府发", "府"), ("粤府", "府"), ("沪府规", "府"), ("琼府", "府"), ("渝府发", "府"), ("川府发", "府"), ("黔府发", "府"),
     ("云政发", "政"), ("浙政发", "政"), ("京政发", "政"), ("皖政", "政"), ("豫政", "政"), ("桂政发", "政"), ("青政", "政")],
)
def test_zheng_or_fu(code, gov_char):
    r = REG.region_of_code(code)
    assert r.gov == gov_char and code[len(r.abbr)] == gov_char


# --------------------------------------------------------------------------- admin levels


@pytest.mark.parametrize(
    "name,level",
    [
        ("国务院办公厅", "central"),
        ("国务院", "central"),
        ("中共中央办公厅", "central"),
        ("最高人民法院", "central"),
        ("最高人民检察院", "central"),
        ("公安部", "central"),
        ("财政部", "central"),
        ("中华人民共和国国家发展计划委员会", "central"),
        ("国家市场监督管理总局", "central"),
        ("市场监管总局办公厅", "central"),
        ("国家能源局综合司", "central"),
        ("国家煤矿安监局", "central"),
        ("云南省财政厅", "provincial"),
        ("云南省医疗保障局", "provincial"),
        ("江西省市场监督管理局法规处", "provincial"),
        ("北京市人民政府", "provincial"),
        ("上海市人民政府办公厅", "provincial"),
        ("广西壮族自治区人民政府", "provincial"),
        ("广东省人大常委会", "provincial"),
        ("国家税务总局云南省税务局", "provincial"),
        ("中共云南省委", "provincial"),
        ("省委办公厅", "provincial"),
        ("省人民政府", "provincial"),
        ("玉溪市人民政府", "prefecture"),
        ("玉溪市民政局", "prefecture"),
        ("宁波市人大常委会", "prefecture"),
        ("温州市人民代表大会", "prefecture"),
        ("聊城市人大常委会", "prefecture"),
        ("洛阳市人大常委会", "prefecture"),
        ("楚雄彝族自治州人民政府", "prefecture"),
        ("楚雄州人民政府", "prefecture"),
        ("和田地区行政公署", "prefecture"),
        ("国家税务总局玉溪市税务局", "prefecture"),
        ("澄江市医疗保障局", "county"),
        ("澄江市人民政府办公室", "county"),
        ("云南省玉溪市澄江市人民政府", "county"),
        ("玉溪市红塔区人民政府", "county"),
        ("北京市海淀区人民政府", "county"),
        ("秀山土家族苗族自治县人民代表大会", "county"),
        ("石柱土家族自治县人民代表大会", "county"),
        ("重庆市秀山土家族苗族自治县人民政府", "county"),
        ("石城县人民政府", "county"),
        ("义乌市人民政府", "county"),
        ("国家税务总局澄江市税务局", "county"),
        ("市人民政府", None),
        ("云南省某某市人民政府", None),
        ("某某有限公司", None),
        ("", None),
    ],
)
def test_admin_level(name, level):
    assert REG.admin_level(name) == level


def test_places_levels():
    assert REG.place("澄江市").level == "county" and REG.place("澄江市").parent == "玉溪市"
    assert REG.place("玉溪市").level == "prefecture" and REG.place("玉溪市").parent == "云南省"
    assert REG.place("北京市").level == "provincial"
    # every region abbreviation points at a known place of the same level
    for r in REG.regions():
        assert REG.place(r.name).level == r.level


# --------------------------------------------------------------------------- joint issuers


@pytest.mark.parametrize(
    "s,expected",
    [
        ("云南省医疗保障局 云南省财政厅", ["云南省医疗保障局", "云南省财政厅"]),
        ("云南省医疗保障局_云南省财政厅_国家税务总局云南省税务局",
         ["云南省医疗保障局", "云南省财政厅", "国家税务总局云南省税务局"]),
        ("云南省医疗保障局云南省财政厅", ["云南省医疗保障局", "云南省财政厅"]),
        ("玉溪市民政局玉溪市医疗保障局", ["玉溪市民政局", "玉溪市医疗保障局"]),
        ("玉溪市民政局 玉溪市医疗保障局", ["玉溪市民政局", "玉溪市医疗保障局"]),
        ("国家能源局综合司、国家矿山安全监察局综合司", ["国家能源局综合司", "国家矿山安全监察局综合司"]),
        ("国家能源局综合司国家矿山安全监察局综合司", ["国家能源局综合司", "国家矿山安全监察局综合司"]),
        ("省委办公厅省政府办公厅", ["省委办公厅", "省政府办公厅"]),
        ("国家市场监督管理总局等7部委", ["国家市场监督管理总局"]),
        ("国家煤矿安监局国家能源局", ["国家煤矿安监局", "国家能源局"]),
        ("财政部和国家税务总局", ["财政部", "国家税务总局"]),
        ("国家发展和改革委员会与财政部", ["国家发展和改革委员会", "财政部"]),
        ("财政部，税务总局", ["财政部", "税务总局"]),
        ("中共中央 国务院", ["中共中央", "国务院"]),
        ("最高人民法院最高人民检察院公安部", ["最高人民法院", "最高人民检察院", "公安部"]),
        ("澄江市 医疗保障局", ["澄江市医疗保障局"]),
        ("人力资源和社会保障部", ["人力资源和社会保障部"]),
        ("住房和城乡建设部", ["住房和城乡建设部"]),
        ("国家卫生和计划生育委员会", ["国家卫生和计划生育委员会"]),
        ("云南省人民政府办公厅", ["云南省人民政府办公厅"]),
        ("国务院国有资产监督管理委员会", ["国务院国有资产监督管理委员会"]),
        ("国家税务总局云南省税务局", ["国家税务总局云南省税务局"]),
        ("中国人民银行昆明中心支行", ["中国人民银行昆明中心支行"]),
        ("", []),
    ],
)
def test_split_joint_issuers(s, expected):
    assert split_joint_issuers(s) == expected


# --------------------------------------------------------------------------- orders


@pytest.mark.parametrize(
    "prefix,issuer,level",
    [
        ("国务院令", "国务院", "central"),
        ("中华人民共和国国务院令", "国务院", "central"),
        ("中华人民共和国\r\n国务院令", "国务院", "central"),
        ("中华人民共和国主席令", "中华人民共和国主席", "central"),
        ("国家市场监督管理总局令", "国家市场监督管理总局", "central"),
        ("原中华人民共和国国家发展计划委员会令", "国家发展计划委员会", "central"),
        ("中华人民共和国公安部令", "公安部", "central"),
        ("江西省人民政府令", "江西省人民政府", "provincial"),
        ("省人民政府令", "省人民政府", "provincial"),
        ("云南省人民代表大会常务委员会公告", "云南省人民代表大会常务委员会", "provincial"),
        ("玉溪市人民政府公告", "玉溪市人民政府", "prefecture"),
        ("宁波市第十三届人民代表大会常务委员会公告", "宁波市人民代表大会常务委员会", "prefecture"),
        ("温州市人民代表大会常务委员会公告", "温州市人民代表大会常务委员会", "prefecture"),
        ("澄江市人民政府令", "澄江市人民政府", "county"),  # not registered: read from the issuer
    ],
)
def test_order_issuer(prefix, issuer, level):
    hit = REG.order_issuer(prefix)
    assert (hit.issuer, hit.level) == (issuer, level)


@pytest.mark.parametrize("prefix", ["总局令", "令", "某某公司令", "", "国务院"])
def test_order_issuer_unknown(prefix):
    assert REG.order_issuer(prefix) is None


# --------------------------------------------------------------------------- immutability and validation


def test_registry_is_immutable_and_cached():
    assert load_registry() is REG
    with pytest.raises(dataclasses.FrozenInstanceError):
        REG._codes = {}  # type: ignore[misc]
    with pytest.raises(TypeError):
        REG._codes["新码"] = None  # type: ignore[index]
    e = REG.code("云医保")
    with pytest.raises(dataclasses.FrozenInstanceError):
        e.issuer = "x"  # type: ignore[misc]
    assert isinstance(e.examples, tuple)


def _broken(mutate):
    data = copy.deepcopy(DATA)
    mutate(data)
    return data


@pytest.mark.parametrize(
    "mutate,message",
    [
        (lambda d: d["boundary_words"].append({"word": "政", "reason": "x"}), "inside the code"),
        (lambda d: d["codes"][0]["examples"].append("某某〔2019〕1号"), "does not parse"),
        (lambda d: d["codes"][0].update(level="national"), "bad level"),
        (lambda d: d["codes"].append(dict(d["codes"][0])), "duplicate code"),
        (lambda d: d["codes"].append({"code": "某发", "issuer": "某", "level": "prefecture", "region": "不存在市",
                                      "examples": [], "source": "knowledge"}), "not a known place"),
        (lambda d: d["regions"].append({"abbr": "某", "name": "玉溪市", "level": "county", "parent": "云南省",
                                        "confidence": "customary"}), "disagree"),
        (lambda d: d["orders"].append({"prefix": "国务院", "issuer": "国务院", "level": "central"}), "令 or 公告"),
        (lambda d: d.pop("boundary_words"), "missing top-level key"),
    ],
)
def test_validate_data_catches(mutate, message):
    errors = validate_data(_broken(mutate))
    assert any(message in e for e in errors), errors
    with pytest.raises(ValueError):
        Registry.from_data(_broken(mutate))


# --------------------------------------------------------------------------- README


def _readme_example() -> dict:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Adding a code"):]
    block = re.search(r"```json\n(.*?)\n```", section, re.S).group(1)
    return json.loads(block)


def test_readme_documents_every_top_level_key():
    text = README.read_text(encoding="utf-8")
    for key in DATA:
        assert f"`{key}`" in text, key


def test_readme_example_entry_can_be_added():
    entry = _readme_example()
    assert REG.code(entry["code"]) is None  # the example shows a code that is not registered yet
    data = copy.deepcopy(DATA)
    data["codes"].append(entry)
    assert validate_data(data) == []
    reg = Registry.from_data(data)
    assert reg.code(entry["code"]).issuer == entry["issuer"]
    assert reg.longest_known_suffix("根据" + entry["code"]) == entry["code"]
    assert reg.region_of_code(entry["code"]).name == entry["region"]
    assert reg.admin_level(entry["issuer"]) == entry["level"]
    assert format_data(data) != DATA_TEXT
    assert json.loads(format_data(data))["codes"] != DATA["codes"]


def test_county_names_file_and_place_initials():
    """data/county_names.txt: county-level divisions, sorted, unique; used only for two-character initials."""
    from extractors.registry import COUNTY_NAMES_PATH

    lines = COUNTY_NAMES_PATH.read_text(encoding="utf-8").splitlines()
    names = [n for n in lines if n and not n.startswith("#")]
    assert len(names) > 2800 and names == sorted(set(names))
    assert {"历城区", "施甸县", "澄江市", "番禺区", "渝北区", "西沙区"} <= set(names)
    reg = load_registry()
    assert reg.may_abbreviate_place("历城") and reg.may_abbreviate_place("宜")  # 历城区; 宜宾市 (a prefecture)
    assert not reg.may_abbreviate_place("通过") and not reg.may_abbreviate_place("其中")
    assert not reg.may_abbreviate_place("番")  # single characters come from prefectures and county-level cities only


# --------------------------------------------------------------------------- place heads (round 8)

PLACE_HEAD_CASES = [
    # a prefecture's short name, its people stripped (恩施土家族苗族自治州, 黔东南苗族侗族自治州)
    ("大兴安岭行署发", 4),
    ("锡林郭勒盟行署发", 4),
    ("恩施州政办发", 2),
    ("黔东南州府办发", 3),
    ("鄂州政发", 2),
    # a county's first two characters, a place's first character
    ("黔江府办发", 2),
    ("渝北府发", 2),  # 渝北区: missing from the first list of county names (round 19)
    ("咸政办发", 1),
    ("齐政办发", 1),
    # words of the sentence are no heads
    ("经济", None),
    ("其中", None),
    ("出台", None),
    ("财政", None),
    ("行政", None),
    ("民政", None),
]


@pytest.mark.parametrize("s,longest", PLACE_HEAD_CASES)
def test_place_heads_at(s, longest):
    heads = REG.place_heads_at(s, 0)
    assert (heads[0] if heads else None) == longest


def test_place_heads_come_from_every_prefecture():
    # every prefecture-level division gives a head: its short name or its first character
    for p in REG._places.values():
        if p.level == "prefecture":
            assert REG.place_heads_at(p.name, 0), p.name


def test_abbreviates_division():
    # a place's initial and the character that ends its division's name (round 19)
    assert REG.abbreviates_division("高区")  # 高昌区
    assert REG.abbreviates_division("昌州")  # 昌吉回族自治州
    assert REG.abbreviates_division("莫旗")  # 莫力达瓦达斡尔族自治旗
    assert not REG.abbreviates_division("辖区") and not REG.abbreviates_division("高")
    assert not REG.abbreviates_division("高昌")  # a county's first two characters: may_abbreviate_place


def test_starts_like_agency_is_not_a_region():
    assert REG.starts_like_agency("医保发")
    assert REG.starts_like_agency("财教")
    assert not REG.starts_like_agency("黔江府办发")


def test_region_abbreviation_lookups():
    assert REG.is_region_abbr("浙") and REG.is_region_abbr("澄")
    assert not REG.is_region_abbr("汉")  # 汉中: a place head, not a registered abbreviation
    assert REG.is_provincial_abbr("皖") and not REG.is_provincial_abbr("澄")
    assert REG.starts_with_region("浙政发") and not REG.starts_with_region("医保发")
    assert REG.code_prefix_len("公务宿政规发") == 1
    assert REG.code_prefix_len("国市监竞争") >= 3
    assert REG.code_prefix_len("经营") == 0
