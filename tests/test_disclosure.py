"""Disclosure structure: the numbering and layout variants real disclosures use.

Each variant is the 2022 sample rewritten the way another bureau, or a PDF
export, would have written it; the structure read from it must be the same:
the same projects (number, name, unit, amount, period) and every mention in
the same project and section.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from extractors.text import clean as CleanText
from kg.analyse import analyse_text
from kg.disclosure import (HEADER_BODY_LABELS, PROJECT_TITLE_SUFFIXES, canonical_section, parse_disclosure, parse_header,
                           project_title_name)
from kg.samples import SAMPLES_DIR

SAMPLE = (SAMPLES_DIR / "chengjiang-healthcare-security-2022.txt").read_text(encoding="utf-8")
CN = "零一二三四五六七八九十"

EXPECTED_PROJECTS = [
    (1, "医疗保障基金监管工作补助资金", "澄江市医疗保障局", Decimal("17.00")),
    (2, "欺诈骗保举报奖励金补助资金", "澄江市医疗保障局", Decimal("5.00")),
    (3, "医保政策知识宣传财政补助资金", "澄江市医疗保障局", Decimal("5.00")),
    (4, "基本医疗保险业务经办补助资金", "澄江市医疗保险中心", Decimal("15.00")),
]


def _projects(text: str):
    d = parse_disclosure(CleanText(text))
    assert d is not None, "not read as a disclosure"
    return d


def _placements(text: str) -> list[tuple[str, int | None, str | None]]:
    """(mention as written without whitespace, project no, section) in text order."""
    a = analyse_text(text)
    out = []
    for (start, end), (no, section) in sorted(a.placement.items()):
        out.append(("".join(text[start:end].split()), no, section))
    return out


def _variant_chinese_project_numbers(text: str) -> str:  # 项目1. → 项目一
    return re.sub(r"^项目(\d)\.", lambda m: "项目" + CN[int(m.group(1))], text, flags=re.M)


def _variant_bracketed_project_numbers(text: str) -> str:  # 项目1. → （一）
    return re.sub(r"^项目(\d)\.", lambda m: "（" + CN[int(m.group(1))] + "）", text, flags=re.M)


def _variant_split_padded_header(text: str) -> str:
    return text.replace("澄江市医疗保障局2022年预算重点领域财政项目文本公开",
                        " 澄江市医疗保障局 2022 年预算重点领域\n财政项目文本公开", 1)


def _variant_damaged_headings(text: str) -> str:
    return (text.replace("三、项目实施单位", "三、目实施单位")
                .replace("六、资金安排情况", "六、资金安排情")
                .replace("八、项目实施成效", "八、项 目实施成效"))


def _variant_page_numbers_and_breaks(text: str) -> str:
    """PDF export: a page-number line every 9 lines and every long line broken in two."""
    out = []
    for k, line in enumerate(text.split("\n")):
        if len(line) > 40:
            line = line[: len(line) // 2] + "\n" + line[len(line) // 2 :]
        out.append(line)
        if k % 9 == 8:
            out.append(f"— {k // 9 + 1} —")
    return "\n".join(out)


def _variant_table_of_contents(text: str) -> str:
    toc = "目录\n" + "".join(f"项目{no}.{name}\n" for no, name, _, _ in EXPECTED_PROJECTS)
    header, rest = text.split("\n\n", 1) if not text.startswith("\n") else text[1:].split("\n\n", 1)
    return header + "\n\n" + toc + "\n" + rest


VARIANTS = {
    "chinese-project-numbers": _variant_chinese_project_numbers,
    "bracketed-project-numbers": _variant_bracketed_project_numbers,
    "split-padded-header": _variant_split_padded_header,
    "damaged-headings": _variant_damaged_headings,
    "page-numbers-and-breaks": _variant_page_numbers_and_breaks,
    "table-of-contents": _variant_table_of_contents,
}


def test_the_sample_itself():
    d = _projects(SAMPLE)
    assert (d.issuer, d.year) == ("澄江市医疗保障局", 2022)
    assert [(p.no, p.name, p.unit, p.amount_wan) for p in d.projects] == EXPECTED_PROJECTS
    assert [p.period for p in d.projects] == [("2022-01-01", "2022-12-31")] * 2 + [None] * 2
    assert [s.name for s in d.projects[0].sections] == [
        "项目名称", "立项依据", "项目实施单位", "项目基本概况", "项目实施内容", "资金安排情况", "项目实施计划", "项目实施成效"]


@pytest.mark.parametrize("name", list(VARIANTS))
def test_variant_reads_the_same_structure(name):
    text = VARIANTS[name](SAMPLE)
    assert text != SAMPLE
    d = _projects(text)
    assert (d.issuer, d.year) == ("澄江市医疗保障局", 2022)
    assert [(p.no, p.name, p.unit, p.amount_wan) for p in d.projects] == EXPECTED_PROJECTS
    assert [[s.name for s in p.sections] for p in d.projects] == [[s.name for s in p.sections] for p in _projects(SAMPLE).projects]


@pytest.mark.parametrize("name", list(VARIANTS))
def test_variant_places_every_mention_the_same(name):
    assert _placements(VARIANTS[name](SAMPLE)) == _placements(SAMPLE)


def test_projects_numbered_as_top_level_headings_without_a_name_section():
    """一、<project name> with （一）立项依据 … sub-sections: a layout without 项目名称."""
    text = """某某县财政局2023年预算重点领域财政项目文本公开
一、农村公路养护补助资金
（一）立项依据
根据《云南省农村公路条例》第十二条和《某某县农村公路养护管理办法》（某政发〔2020〕3号）。
（二）项目实施单位
某某县交通运输局
（三）资金安排情况
本项目安排资金120.5万元。
二、义务教育营养改善计划补助资金
（一）立项依据
依据《国务院办公厅关于实施农村义务教育学生营养改善计划的意见》（国办发〔2011〕54号）。
（二）项目实施单位
某某县教育体育局
（三）资金安排情况
合计80万元。
"""
    d = _projects(text)
    assert [(p.no, p.name, p.unit, p.amount_wan) for p in d.projects] == [
        (1, "农村公路养护补助资金", "某某县交通运输局", Decimal("120.5")),
        (2, "义务教育营养改善计划补助资金", "某某县教育体育局", Decimal("80")),
    ]
    placed = {m: (no, sec) for m, no, sec in _placements(text)}
    assert placed["某政发〔2020〕3号"] == (1, "立项依据")
    assert placed["《国务院办公厅关于实施农村义务教育学生营养改善计划的意见》"] == (2, "立项依据")


def test_a_total_after_a_count_of_items_is_not_the_project_total():
    text = SAMPLE.replace("项目安排资金15.00万元。", "项目安排资金15.00万元。其中两项合计7.50万元。")
    assert _projects(text).projects[3].amount_wan == Decimal("15.00")


def test_no_single_total_gives_no_amount():
    text = re.sub(r"本?项目(计划)?安排资金[\d.]+万元", "资金按实际需要安排", SAMPLE)
    text = re.sub(r"(合计|总计)[\d.]+万元", "", text)
    amounts = [p.amount_wan for p in _projects(text).projects]
    assert amounts == [None] * 4


@pytest.mark.parametrize(
    "text",
    [
        "玉溪市人民政府关于印发玉溪市城乡居民医疗保险管理实施办法的通知\n各县（市、区）人民政府：\n现将《玉溪市城乡居民医疗保险管理实施办法》印发给你们。",
        "中华人民共和国社会保险法\n第一条 为了规范社会保险关系，制定本法。",
        "根据2022年预算重点领域财政项目文本公开的要求，我局整理如下。",  # a sentence before it: not a header
        "",
    ],
)
def test_not_a_disclosure(text):
    assert parse_header(CleanText(text)) is None
    assert parse_disclosure(CleanText(text)) is None


def test_a_non_disclosure_keeps_its_citations_at_document_level():
    text = "玉溪市医疗保障局关于转发进一步做好云南省城乡医疗救助工作的通知\n根据《云南省医疗保障局关于进一步做好云南省城乡医疗救助工作的通知》（云医保〔2019〕128号）要求，现转发给你们。"
    a = analyse_text(text)
    assert a.disclosure is None
    assert set(a.placement.values()) == {(None, None)}
    assert {n.number for n in a.numbers} == {"云医保〔2019〕128号"}


@pytest.mark.parametrize(
    "heading, canonical",
    [("项目名称", "项目名称"), ("目实施单位", "项目实施单位"), ("立项依据：", "立项依据"), ("政策依据", "立项依据"),
     ("资金安排情", "资金安排情况"), ("项目实施成效", "项目实施成效"), ("绩效目标", "项目实施成效"),
     ("工作要求", None), ("保障措施", None)],
)
def test_section_names(heading, canonical):
    assert canonical_section(heading) == canonical


# A provincial department budget as crawled pages keep it (dev d10): the header line is lost,
# budget sentences name the body and the year, and each 一级项目 lists its 二级项目 as
# "1. <name>" over "1）项目概述 … 2）立项依据 …" sub-sections; numbering restarts per group.
CRAWLED_BUDGET = """　　　　一、部门主要职责
二、部门基本情况
2020年江西省市场监督管理局共有预算单位37个，包括本级和36个二级预算单位。
（一）收入预算情况
2020年江西省市场监督管理局收入预算总额为107744.07万元。
按照财政部《地方预决算公开操作规程》明确的口径，机关运行费指各部门的公用经费。
（九）市场执法检查一级项目中各二级项目情况说明（部门本级）
1. 质量监管和执法办案经费二级项目
1）项目概述：开展执法稽查等工作。
2）立项依据：
①《国家市场监督管理总局关于认真做好重点领域价格监管工作的通知》（国市监竞争[2019]145号）；
②评审专家收集的其他相关资料。
3）实施主体：江西省市场监督管理局。
4）实施方案：
1. 按计划分批组织开展产品质量省级监督抽查；2. 制定下发反垄断工作计划。
5）实施周期：1年。
6）年度预算安排：3125.70万元。
7）绩效目标和指标
1：抽查产品数≥500批次
按照总局2号令规定时间完成
（十）知识产权一级项目中各二级项目情况说明（部门本级）
1. 知识产权保护经费二级项目
1）项目概述：开展知识产权保护工作。
2）立项依据：《江西省人民政府关于知识产权强省建设的实施意见》（赣府发〔2017〕8号）。
3）实施主体：江西省知识产权局。
6）年度预算安排：200万元。
一、《收支预算总表》
二、《部门收入总表》
"""


def test_a_crawled_budget_without_its_header_line():
    d = _projects(CRAWLED_BUDGET)
    assert (d.issuer, d.year) == ("江西省市场监督管理局", 2020)
    assert [(p.no, p.name, p.unit, p.amount_wan) for p in d.projects] == [
        (1, "质量监管和执法办案经费二级项目", "江西省市场监督管理局", Decimal("3125.70")),
        (2, "知识产权保护经费二级项目", "江西省知识产权局", Decimal("200")),
    ]
    placed = {m: (no, sec) for m, no, sec in _placements(CRAWLED_BUDGET)}
    assert placed["国市监竞争[2019]145号"] == (1, "立项依据")
    assert placed["总局2号令"] == (1, "项目实施成效")  # the "1." lines inside 实施方案 do not end the project
    assert placed["赣府发〔2017〕8号"] == (2, "立项依据")
    assert placed["《地方预决算公开操作规程》"] == (None, None)  # before the projects


@pytest.mark.parametrize("text", [
    # budget sentences, but no project with a 立项依据 section
    "2020年江西省市场监督管理局共有预算单位37个。\n2020年江西省市场监督管理局收入预算总额为107744.07万元。\n",
    # projects with 立项依据, but no budget sentence naming a body and a year
    CRAWLED_BUDGET.replace("2020年江西省市场监督管理局", "本部门"),
    # the body is not an issuing body
    CRAWLED_BUDGET.replace("2020年江西省市场监督管理局", "2020年全省市场主体"),
])
def test_not_a_crawled_budget(text):
    assert parse_disclosure(CleanText(text)) is None


# A Shanghai district budget (上海市普陀区2026年区级部门预算, shortened): the header names the
# place, the next line the body (预算主管部门：…); each project is an unnumbered line
# "<name>项目经费情况说明" over 一、项目概述 … 七、绩效目标, after numbered sections of the budget.
DISTRICT_BUDGET = """上海市普陀区2026年区级部门预算
预算主管部门：上海市普陀区建设和管理委员会
其他相关情况说明
四、绩效目标设置情况
按照本区预算绩效管理工作的总体要求，本部门5个预算单位开展了2026年项目预算绩效目标编报工作。
五、国有资产占有使用情况
截至2025年8月31日，上海市普陀区建设和管理委员会（部门）共有车辆14辆。
兰溪路-真南路下立交工程项目经费情况说明
一、项目概述
兰溪路-真南路下立交工程范围南起兰溪路桃浦路交叉口，北至真南路新村路交叉口，道路全长约985米。
二、立项依据
普建委[2025]127号关于同意兰溪路-真南路下立交工程方案的批复。
三、实施主体
上海市普陀区市政工程建设中心
五、实施周期
2026年1月1日至2027年12月31日。
七、绩效目标
详见单位的项目绩效目标表
项目经费情况说明
一、项目概述
根据《上海市城市管理精细化三年行动计划（2024-2026）》等文件精神，持续推动违法建设常态化治理工作。
二、立项依据
1.《上海市住宅物业管理规定》
2.《上海市城乡规划条例》
三、实施主体
普陀区城市管理行政执法局
四、实施方案
1.加强组织，强化领导，强化对突发事件的协调和处置。
2.构建监控网络，开展对违法建设行为的全方位巡查。
七、绩效目标
（包括总目标、年度目标、分解目标等，具体见表格）
"""


def test_a_district_budget_with_a_labelled_body_and_unnumbered_project_titles():
    d = _projects(DISTRICT_BUDGET)
    assert (d.issuer, d.year, d.title) == ("上海市普陀区建设和管理委员会", 2026, "上海市普陀区2026年区级部门预算")
    assert [(p.no, p.name, p.unit, p.period) for p in d.projects] == [
        (1, "兰溪路-真南路下立交工程", "上海市普陀区市政工程建设中心", ("2026-01-01", "2027-12-31")),
        (2, "项目经费情况说明", "普陀区城市管理行政执法局", None),
    ]
    assert [s.name for s in d.projects[0].sections] == [
        "项目名称", "项目基本概况", "立项依据", "项目实施单位", "项目实施计划", "项目实施成效"]
    placed = {m: (no, sec) for m, no, sec in _placements(DISTRICT_BUDGET)}
    assert placed["普建委[2025]127号"] == (1, "立项依据")
    assert placed["《上海市城市管理精细化三年行动计划（2024-2026）》"] == (2, "项目基本概况")
    assert placed["《上海市住宅物业管理规定》"] == (2, "立项依据")
    assert placed["《上海市城乡规划条例》"] == (2, "立项依据")


@pytest.mark.parametrize("text, body", HEADER_BODY_LABELS["examples"])
def test_header_body_label_examples(text, body):
    assert parse_header(CleanText(text))[0] == body


@pytest.mark.parametrize("line, name", PROJECT_TITLE_SUFFIXES["examples"])
def test_project_title_examples(line, name):
    assert project_title_name(line) == name


@pytest.mark.parametrize("line", PROJECT_TITLE_SUFFIXES["not"])
def test_not_project_titles(line):
    assert project_title_name(line) is None


@pytest.mark.parametrize("text", [
    # the place names no body, and no labelled line follows
    "上海市普陀区2026年区级部门预算\n目 录\n一、部门主要职能\n",
    # the labelled line names no body
    "上海市普陀区2026年区级部门预算\n预算主管部门：详见附表\n",
    # the label is not on a line of its own: a sentence goes on after the header
    "上海市普陀区2026年区级部门预算预算主管部门：上海市普陀区文化和旅游局。\n",
])
def test_not_a_district_budget_header(text):
    assert parse_header(CleanText(text)) is None

