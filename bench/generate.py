#!/usr/bin/env python3
"""Deterministic generator of realistic budget-disclosure corpora (stdlib only).

Writes documents shaped like the two real samples in ``kg/samples/``
(预算重点领域财政项目文本公开 of 澄江市医疗保障局, 2021 PDF-extracted and 2022 clean),
plus ``gold.json``: every planted citation, stated exactly.

Usage::

    python bench/generate.py --docs 1000 --seed 7 OUT/
    python bench/generate.py --docs 200 --seed 1 --pdf-rate 0.5 --stale-rate 0.3 OUT/

    from bench.generate import generate
    gold = generate("OUT", docs=200, seed=1)            # writes OUT/, returns the gold
    gold = generate("OUT", 200, 1, pdf_rate=0.5)         # any knob below as a keyword
    files, gold = build(200, 1)                          # in memory: [(relpath, text)], gold

Same ``docs``, ``seed`` and knobs give byte-identical files (one ``random.Random(seed)``,
no hash-ordered iteration, ``\\n`` line ends, UTF-8).  Files land in
``OUT/<bureau-slug>/<year>.txt`` and ``OUT/gold.json``.  Existing files of an earlier run
in OUT are not deleted.

World model
-----------
* Bureaus: 12 departments (医疗保障, 财政, 民政, 人社, 卫健, 教育, 农业农村, 住建, 生态环境,
  水利, 应急管理, 市场监管) × real regions of 8 provinces (province, prefecture, county
  level; 云南省/玉溪市/澄江市 …).  Every region has an issuer abbreviation (云/玉/澄, 赣/洪,
  浙/杭/甬 …) and its government uses the province's code style (云政办发, 赣府厅发, 川办发 …).
  ~365 regions × 12 departments; beyond that synthetic county names are made up.
* Each bureau publishes one disclosure per year over a contiguous run of the budget years,
  until exactly ``docs`` documents exist.  1–``max_projects`` projects per disclosure;
  projects recur across years (same name and unit), are sometimes renumbered, dropped or new.
* Cited works: series of works per (issuing region, department or government, topic), created
  lazily, each with a unique canonical number and a unique title: notices
  (…关于进一步做好…工作的通知), rules (…关于印发<…实施细则（试行）>的通知, …实施办法,
  announcements 玉溪市人民政府公告第49号, province orders 云南省人民政府令第N号, 政规 numbers),
  plans (…实施方案), forwards (…关于转发<…>的通知), national ministry / 国办发 works, and
  national laws and regulations (regulations carry 国务院令 numbers) cited with articles.
* Replacements: a rule W_old is replaced by W_new (same issuer, similar title, new number),
  issued in Y-1 and in force from Y-01-01.  From budget year Y on projects cite W_new, except
  projects whose citation "lags" (``stale_rate``), which keep citing W_old: stale citations.
  A work is citable in budget year B when it was issued in B-1 or earlier.

Citation forms planted (in 二、立项依据, sometimes in 五、项目实施内容 and 六、资金安排情况)
---------------------------------------------------------------------------------------
* ``依据《T1》（N1）、《T2》（N2）文件`` (also ASCII ``(N)``), ``根据《T》N文件相关要求``;
* ``根据《法》第七十七条…。第七十八条 …`` (a bare article only directly continues an article
  chain of the same law), lists ``第七十七条、第七十八条`` / ``…和第八十条``, ranges
  ``第七十七条至第七十九条`` (gold lists every article of a range, ends included),
  ``第七十七条第一款`` (款 ignored);
* ``根据玉溪市人民政府公告第49号《T》已经2016年8月29日玉溪市人民政府第62次常务会议讨论通过，
  予以公布，自2017年1月1日起施行`` and the ``…文件《T》（玉政规〔2021〕4号）已经于…`` variant;
* ``《T》`` alone (title only), ``有关文件（N）`` (number only);
* nested titles ``关于印发<X>的通知`` with ``<>``, ``〈〉`` or an inner ``《》`` (one style per
  document).  Filler never contains 《》, 〈〉, <>, 第N条, year brackets or 号-numbers.

Noise (decided per document)
----------------------------
PDF style (blank line after every line, line breaks every ~28–38 characters falling inside
titles and numbers, page-number lines ``— N —`` or a leading space at page boundaries, digits
padded with spaces); year-bracket variants ``[] ［］ 【】 （） ﹝﹞``; full-width digits in
numbers; spaced numbers (``第 49 号``, ``〔2020〕 14 号``); ``_`` between joint issuers; the
damaged heading ``三、目实施单位``.  Clean documents vary the layout like the 2022 sample
(``名称。`` directly followed by the next heading, indented paragraphs).

Knobs (``Config`` fields; CLI ``--pdf-rate 0.5`` etc.)
-----------------------------------------------------
==========================  =======  ==================================================
first_year, last_year       2019,    budget years
                            2024
min_projects, max_projects  1, 8     projects per disclosure
pdf_rate                    0.30     documents in PDF style
page_number_rate            0.50     PDF page boundaries that keep a ``— N —`` line
bracket_rate                0.25     documents (with numbers) using a year-bracket variant
fullwidth_rate              0.08     documents (with numbers) with full-width digits in numbers
spaced_number_rate          0.20     clean documents with spaces inside numbers
underscore_rate             0.30     documents (with joint titles) using ``_`` between issuers
damaged_heading_rate        0.10     documents with ``三、目实施单位``
replace_rate                0.35     rule series replaced once within the years
stale_rate                  0.15     series citations that keep citing the replaced work
title_only_rate             0.08     numbered works cited by title only
no_citation_rate            0.08     projects citing nothing
no_total_rate               0.12     project-years whose 六 states no single total
renumber_rate               0.30     bureau-years whose project order is shuffled
drop_rate, new_rate         0.15,    per project per year: dropped; per bureau-year: new
                            0.35     project(s) added
==========================  =======  ==================================================

Gold (``gold.json``)
--------------------
``documents``: per file ``{file, issuer, year, level, dept, noise, projects: [{no, name, unit,
amount_wan, doc_numbers, titles, articles, pairs}]}`` like ``tests/fixtures/seeds-gold.json``:
canonical numbers (code + 〔year〕 + ASCII serial + 号; 公告/令 keep their form with ASCII
digits), titles as written minus whitespace and ``_`` (nested ones also on their own, inner
brackets as written), articles ``{law, article:int}``, pairs ``{title, number}``; lists are
distinct, in order of first occurrence.  ``works``: every work of the pool ``{number, title
(inner brackets <>), issuers, kind, issued, in_force, adopted, replaces, replaced_by,
promulgates, forwards, cited}``.  ``laws``: ``{title, articles, number}``.  ``replacements``:
``{old, new, in_force, observed}`` (observed: one project of one bureau cites old in one year
and new in a later year).  ``stale_citations``: ``{file, project, year, number, replaced_by}``
for every citation of a work whose replacement was in force on 1 January of the budget year.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import time
from dataclasses import asdict, dataclass, fields

__all__ = ["Config", "build", "generate", "main"]


@dataclass
class Config:
    first_year: int = 2019
    last_year: int = 2024
    min_projects: int = 1
    max_projects: int = 8
    pdf_rate: float = 0.30
    page_number_rate: float = 0.50
    bracket_rate: float = 0.25
    fullwidth_rate: float = 0.08
    spaced_number_rate: float = 0.20
    underscore_rate: float = 0.30
    damaged_heading_rate: float = 0.10
    replace_rate: float = 0.35
    stale_rate: float = 0.15
    title_only_rate: float = 0.08
    no_citation_rate: float = 0.08
    no_total_rate: float = 0.12
    renumber_rate: float = 0.30
    drop_rate: float = 0.15
    new_rate: float = 0.35


# ---------------------------------------------------------------------------
# Geography: province | abbr | gov style ; prefectures "name:abbr:county county …"
# gov style: (gov code, province office code, local office code, rule code)
# ---------------------------------------------------------------------------

_GEO = [
    ("云南省", "云", ("政发", "政办发", "政办发", "政规"), [
        ("昆明市", "昆", "五华区 盘龙区 官渡区 西山区 呈贡区 晋宁区 富民县 宜良县 石林彝族自治县 嵩明县 安宁市"),
        ("玉溪市", "玉", "红塔区 江川区 澄江市 通海县 华宁县 易门县 峨山彝族自治县 新平彝族傣族自治县 元江哈尼族彝族傣族自治县"),
        ("曲靖市", "曲", "麒麟区 沾益区 马龙区 陆良县 师宗县 罗平县 富源县 会泽县 宣威市"),
        ("保山市", "保", "隆阳区 施甸县 龙陵县 昌宁县 腾冲市"),
        ("昭通市", "昭", "昭阳区 鲁甸县 巧家县 盐津县 大关县 永善县 绥江县 镇雄县 彝良县 威信县 水富市"),
    ]),
    ("江西省", "赣", ("府发", "府厅发", "府办发", "府规"), [
        ("南昌市", "洪", "东湖区 青云谱区 青山湖区 新建区 红谷滩区 南昌县 安义县 进贤县"),
        ("九江市", "九", "濂溪区 浔阳区 柴桑区 武宁县 修水县 永修县 德安县 都昌县 湖口县 彭泽县 瑞昌市 共青城市 庐山市"),
        ("赣州市", "赣市", "章贡区 南康区 赣县区 信丰县 大余县 上犹县 崇义县 安远县 龙南市 定南县 全南县 宁都县 于都县 兴国县 会昌县 寻乌县 石城县 瑞金市"),
        ("上饶市", "饶", "信州区 广丰区 广信区 玉山县 铅山县 横峰县 弋阳县 余干县 鄱阳县 万年县 婺源县 德兴市"),
    ]),
    ("浙江省", "浙", ("政发", "政办发", "政办发", "政规"), [
        ("杭州市", "杭", "上城区 拱墅区 西湖区 滨江区 萧山区 余杭区 临平区 钱塘区 富阳区 临安区 桐庐县 淳安县 建德市"),
        ("宁波市", "甬", "海曙区 江北区 北仑区 镇海区 鄞州区 奉化区 象山县 宁海县 余姚市 慈溪市"),
        ("温州市", "温", "鹿城区 龙湾区 瓯海区 洞头区 永嘉县 平阳县 苍南县 文成县 泰顺县 瑞安市 乐清市 龙港市"),
        ("金华市", "金", "婺城区 金东区 武义县 浦江县 磐安县 兰溪市 义乌市 东阳市 永康市"),
    ]),
    ("四川省", "川", ("府发", "办发", "府办发", "府规"), [
        ("成都市", "成", "锦江区 青羊区 金牛区 武侯区 成华区 龙泉驿区 青白江区 新都区 温江区 双流区 郫都区 金堂县 大邑县 蒲江县 都江堰市 彭州市 邛崃市 崇州市"),
        ("绵阳市", "绵", "涪城区 游仙区 安州区 三台县 盐亭县 梓潼县 北川羌族自治县 平武县 江油市"),
        ("宜宾市", "宜", "翠屏区 南溪区 叙州区 江安县 长宁县 高县 珙县 筠连县 兴文县 屏山县"),
    ]),
    ("河南省", "豫", ("政", "政办", "政办", "政规"), [
        ("郑州市", "郑", "中原区 二七区 管城回族区 金水区 上街区 惠济区 中牟县 巩义市 荥阳市 新密市 新郑市 登封市"),
        ("洛阳市", "洛", "老城区 西工区 瀍河回族区 涧西区 偃师区 孟津区 洛龙区 新安县 栾川县 嵩县 汝阳县 宜阳县 洛宁县 伊川县"),
        ("南阳市", "宛", "宛城区 卧龙区 南召县 方城县 西峡县 镇平县 内乡县 淅川县 社旗县 唐河县 新野县 桐柏县 邓州市"),
    ]),
    ("湖南省", "湘", ("政发", "政办发", "政办发", "政规"), [
        ("长沙市", "长", "芙蓉区 天心区 岳麓区 开福区 雨花区 望城区 长沙县 浏阳市 宁乡市"),
        ("株洲市", "株", "荷塘区 芦淞区 石峰区 天元区 渌口区 攸县 茶陵县 炎陵县 醴陵市"),
        ("常德市", "常", "武陵区 鼎城区 安乡县 汉寿县 澧县 临澧县 桃源县 石门县 津市市"),
    ]),
    ("山东省", "鲁", ("政发", "政办发", "政办发", "政规"), [
        ("济南市", "济", "历下区 市中区 槐荫区 天桥区 历城区 长清区 章丘区 济阳区 莱芜区 钢城区 平阴县 商河县"),
        ("潍坊市", "潍", "潍城区 寒亭区 坊子区 奎文区 临朐县 昌乐县 青州市 诸城市 寿光市 安丘市 高密市 昌邑市"),
        ("临沂市", "临", "兰山区 罗庄区 河东区 沂南县 郯城县 沂水县 兰陵县 费县 平邑县 莒南县 蒙阴县 临沭县"),
    ]),
    ("广东省", "粤", ("府", "府办", "府办", "府规"), [
        ("广州市", "穗", "荔湾区 越秀区 海珠区 天河区 白云区 黄埔区 番禺区 花都区 南沙区 从化区 增城区"),
        ("韶关市", "韶", "武江区 浈江区 曲江区 始兴县 仁化县 翁源县 乳源瑶族自治县 新丰县 乐昌市 南雄市"),
        ("梅州市", "梅", "梅江区 梅县区 大埔县 丰顺县 五华县 平远县 蕉岭县 兴宁市"),
    ]),
]

_SYN_A = "安永兴平宁泰和丰昌华德清新明阳河嘉长定广"
_SYN_B = "远乐化江山溪源川城林岭丘峰原湖泉"

# ---------------------------------------------------------------------------
# Departments.  Strings separated by "|".  Nothing here may look like a citation.
# ---------------------------------------------------------------------------

def _d(**kw):
    for k, v in list(kw.items()):
        if isinstance(v, str) and "|" in v:
            kw[k] = v.split("|")
    return kw


_DEPTS = [
    _d(key="yb", fin_code="财社", slug="healthcare-security", prov="医疗保障局", pref="医疗保障局", county="医疗保障局",
       natl="国家医疗保障局", natl_codes="医保发|医保办发", codes="医保|医保发", partner="cz",
       subunits="医疗保险中心|医疗保障服务中心", tax_topics="城乡居民基本医疗保险",
       topics=[("城乡医疗救助", "城乡医疗救助财政补助资金"), ("医疗保障基金监管", "医疗保障基金监管工作补助资金"),
               ("城乡居民基本医疗保险", "城乡居民基本医疗保险财政补助资金"),
               ("欺诈骗取医疗保障基金行为举报奖励", "欺诈骗保举报奖励金补助资金"),
               ("医疗保障经办管理服务", "基本医疗保险业务经办补助资金"), ("医疗保障政策宣传", "医保政策知识宣传财政补助资金"),
               ("长期护理保险", "长期护理保险试点工作经费"), ("药品和医用耗材集中带量采购", "药品集中带量采购工作经费"),
               ("医疗保障信息化建设", "医疗保障信息平台运维经费"), ("异地就医直接结算", "异地就医直接结算工作经费")],
       laws="shbx|bxf|ybjj|jbyl|ysf", field="医疗保障",
       objs="医保基金|医疗救助资金|定点医药机构|城乡居民医保|医保经办服务|医保信息系统|门诊慢病待遇",
       ppl="参保群众|困难群众|参保人员|特困人员|低保对象|建档立卡人员",
       acts="参保缴费|待遇支付|基金监管|医疗救助|异地就医结算|协议管理|政策宣传|稽查审核",
       goals="确保医保基金安全运行|减轻困难群众医疗费用负担|防止因病致贫、因病返贫|提升医保经办服务水平|维护参保人员合法权益|提高医保基金使用效益",
       items="基金监管执法强制性审核（法律顾问）费用|医疗保障基金资料印刷费|医保政策宣传费|聘请监管办公室人员待遇|医保业务档案整理费用|窗口公益性岗位劳务费|第三方评估费用|信息系统运维费",
       provisions="县级以上人民政府应当加强对医疗保障基金使用监督管理工作的领导，建立健全监督管理机制和执法体制。|社会保险行政部门应当加强对用人单位和个人遵守社会保险法律、法规情况的监督检查。|财政部门、审计机关按照各自职责，对社会保险基金的收支、管理和投资运营情况实施监督。|社会保险经办机构应当建立健全业务、财务、安全和风险管理制度。|医疗保障经办机构应当按照服务协议的约定，及时结算和拨付医疗保障基金。|被检查的用人单位和个人应当如实提供与社会保险有关的资料，不得拒绝检查或者谎报、瞒报。"),
    _d(key="cz", fin_code="财预", slug="finance", prov="财政厅", pref="财政局", county="财政局",
       natl="财政部", natl_codes="财预|财社|财行", codes="财预|财社|财行", partner="",
       subunits="财政投资评审中心|国库支付中心|非税收入管理局", tax_topics="非税收入征收管理",
       topics=[("预算绩效管理", "预算绩效管理工作经费"), ("政府采购监督管理", "政府采购监督管理经费"),
               ("财政投资评审", "财政投资评审工作经费"), ("行政事业单位国有资产管理", "国有资产清查管理经费"),
               ("会计人员继续教育", "会计人员继续教育培训经费"), ("非税收入征收管理", "非税收入征管工作经费"),
               ("财政资金直达机制", "直达资金监控系统运维经费"), ("村级公益事业建设一事一议财政奖补", "一事一议财政奖补资金"),
               ("政府债务管理", "政府债务风险防控工作经费"), ("预算管理一体化建设", "预算管理一体化系统建设经费")],
       laws="ysf|yssl|zfcg|kjf", field="财政管理",
       objs="财政资金|预算资金|政府采购项目|国有资产|直达资金|非税收入|政府债务",
       ppl="预算单位|会计人员|采购人|项目单位|村级组织",
       acts="预算编制|预算执行|绩效评价|政府采购监管|投资评审|资产清查|会计监督|债务监测",
       goals="提高财政资金使用效益|规范预算管理行为|防范化解财政运行风险|推进财政管理现代化|确保资金安全高效运行|强化预算约束",
       items="第三方机构评审服务费|业务培训费|系统运维服务费|资料印刷费|专家咨询费|办公设备购置费|绩效评价委托费",
       provisions="各级预算应当遵循统筹兼顾、勤俭节约、量力而行、讲求绩效和收支平衡的原则。|各级政府、各部门、各单位应当对预算支出情况开展绩效评价。|政府采购应当遵循公开透明原则、公平竞争原则、公正原则和诚实信用原则。|各级政府财政部门负责监督检查本级各部门及其所属各单位预算的执行。|各单位必须依法设置会计账簿，并保证其真实、完整。|经批准的预算，非经法定程序，不得调整。"),
    _d(key="mz", fin_code="财社", slug="civil-affairs", prov="民政厅", pref="民政局", county="民政局",
       natl="民政部", natl_codes="民发|民函", codes="民发|民规", partner="cz",
       subunits="社会救助服务中心|社会福利院|救助管理站", tax_topics="",
       topics=[("城乡最低生活保障", "城乡最低生活保障资金"), ("特困人员救助供养", "特困人员救助供养资金"),
               ("临时救助", "临时救助资金"), ("困难残疾人生活补贴和重度残疾人护理补贴", "残疾人两项补贴资金"),
               ("孤儿基本生活保障", "孤儿基本生活费补助资金"), ("养老服务体系建设", "养老服务体系建设补助资金"),
               ("高龄老人津贴发放", "高龄津贴补助资金"), ("惠民殡葬", "惠民殡葬补助资金"),
               ("城乡社区治理", "城乡社区服务体系建设经费"), ("流浪乞讨人员救助管理", "流浪乞讨人员救助管理经费")],
       laws="shjz|lnr|csf|ysf", field="社会救助",
       objs="低保资金|救助供养资金|临时救助资金|养老服务设施|社区服务设施|残疾人补贴资金|救助对象档案",
       ppl="困难群众|低保对象|特困人员|孤儿|高龄老人|困难残疾人|流浪乞讨人员",
       acts="救助申请受理|家庭经济状况核对|动态管理|资金发放|入户核查|养老服务|社区服务",
       goals="切实保障困难群众基本生活|兜住兜准兜牢民生底线|提升基本民生保障水平|确保救助资金及时足额发放|促进社会公平正义",
       items="救助金发放|入户核查工作经费|供养服务机构运转经费|护理补贴|档案整理费用|政策宣传费|信息系统维护费",
       provisions="国家对共同生活的家庭成员人均收入低于当地最低生活保障标准的家庭给予最低生活保障。|县级以上地方人民政府应当加强社会救助能力建设，保障社会救助工作所需经费。|最低生活保障标准由省、自治区、直辖市或者设区的市级人民政府按照当地居民生活必需的费用确定、公布，并根据当地经济社会发展水平和物价变动情况适时调整。|国家对无劳动能力、无生活来源且无法定赡养、抚养、扶养义务人的老年人、残疾人以及未成年人给予特困人员供养。|各级人民政府应当将老龄事业纳入国民经济和社会发展规划，将老龄事业经费列入财政预算。"),
    _d(key="rs", fin_code="财社", slug="human-resources", prov="人力资源和社会保障厅", pref="人力资源和社会保障局", county="人力资源和社会保障局",
       natl="人力资源社会保障部", natl_codes="人社部发|人社部函", codes="人社发|人社通", partner="cz",
       subunits="就业服务中心|社会保险中心|劳动保障监察大队", tax_topics="城乡居民基本养老保险",
       topics=[("就业创业", "就业补助资金"), ("职业技能提升行动", "职业技能提升行动专项资金"),
               ("城乡居民基本养老保险", "城乡居民基本养老保险财政补助资金"), ("劳动保障监察执法", "劳动保障监察执法工作经费"),
               ("根治拖欠农民工工资", "根治欠薪工作经费"), ("高层次人才引进", "人才引进专项经费"),
               ("劳动人事争议调解仲裁", "劳动人事争议仲裁工作经费"), ("被征地农民社会保障", "被征地农民社会保障补助资金"),
               ("公益性岗位开发管理", "公益性岗位补贴资金"), ("社会保障卡应用", "社会保障卡服务经费")],
       laws="jycj|ldht|ngzg|shbx|ysf", field="人力资源和社会保障",
       objs="就业补助资金|职业培训补贴|养老保险基金|公益性岗位|劳动用工|人才服务|社会保障卡",
       ppl="城乡劳动者|高校毕业生|农民工|就业困难人员|参保居民|各类人才",
       acts="就业援助|技能培训|参保扩面|待遇发放|劳动监察|欠薪治理|争议调解|人才服务",
       goals="稳定和扩大就业|提高劳动者技能水平|保障劳动者合法权益|确保养老金按时足额发放|优化人才发展环境|构建和谐劳动关系",
       items="职业培训补贴|公益性岗位补贴|社会保险补贴|劳动监察执法经费|仲裁办案经费|人才引进补助|宣传资料印刷费",
       provisions="县级以上人民政府应当把扩大就业作为经济和社会发展的重要目标，纳入国民经济和社会发展规划。|用人单位应当按照劳动合同约定和国家规定，向劳动者及时足额支付劳动报酬。|县级以上地方人民政府对本行政区域内保障农民工工资支付工作负责。|国家建立和完善城镇居民社会养老保险制度，实行个人缴费和政府补贴相结合。|人力资源社会保障行政部门应当加强劳动保障监察，依法查处拖欠工资等违法行为。"),
    _d(key="wj", fin_code="财社", slug="health", prov="卫生健康委员会", pref="卫生健康委员会", county="卫生健康局",
       natl="国家卫生健康委员会", natl_codes="国卫基层发|国卫办医发", codes="卫健发|卫健函", partner="cz",
       subunits="疾病预防控制中心|妇幼保健院|卫生监督所", tax_topics="",
       topics=[("基本公共卫生服务", "基本公共卫生服务补助资金"), ("家庭医生签约服务", "家庭医生签约服务经费"),
               ("计划生育家庭奖励扶助", "计划生育家庭奖励扶助资金"), ("重大传染病防控", "重大传染病防控经费"),
               ("妇幼健康服务", "妇幼健康服务项目资金"), ("基层医疗卫生机构能力建设", "基层医疗卫生机构能力提升资金"),
               ("乡村医生队伍建设", "乡村医生补助资金"), ("严重精神障碍患者管理", "严重精神障碍患者救治管理经费"),
               ("爱国卫生运动", "爱国卫生工作经费"), ("医疗卫生人才培养", "卫生人才培训经费")],
       laws="jbyl|crb|rkjs|ysf", field="卫生健康",
       objs="基本公共卫生服务|家庭医生团队|基层医疗卫生机构|传染病监测网络|妇幼健康档案|乡村医生队伍|健康教育",
       ppl="城乡居民|孕产妇|儿童|老年人|慢性病患者|计划生育家庭",
       acts="健康档案管理|慢病随访|预防接种|疫情监测|健康教育|孕产妇保健|签约服务|业务培训",
       goals="提高城乡居民健康水平|有效防控重大传染病|提升基层医疗服务能力|促进基本公共卫生服务均等化|保障母婴安全",
       items="基本公共卫生服务补助|签约服务补助|培训费|疫情防控物资购置费|监测检测费|宣传资料印刷费|设备购置费",
       provisions="各级人民政府应当把人民健康放在优先发展的战略地位，将健康理念融入各项政策。|县级以上人民政府应当加大对基层医疗卫生机构的投入，提升基层医疗卫生服务能力。|各级人民政府领导传染病防治工作，建立健全传染病防治的疾病预防控制、医疗救治和监督管理体系。|国家对实行计划生育的家庭给予奖励扶助。|基本公共卫生服务由国家确定，政府免费提供。"),
    _d(key="jy", fin_code="财教", slug="education", prov="教育厅", pref="教育局", county="教育体育局",
       natl="教育部", natl_codes="教财|教发", codes="教发|教财", partner="cz",
       subunits="学生资助管理中心|教师进修学校|教育装备中心", tax_topics="",
       topics=[("义务教育学生营养改善计划", "学生营养改善计划补助资金"), ("学前教育发展", "学前教育发展资金"),
               ("家庭经济困难学生资助", "学生资助补助资金"), ("中小学教师培训", "教师培训经费"),
               ("义务教育薄弱环节改善与能力提升", "义务教育薄弱环节改善与能力提升补助资金"),
               ("城乡义务教育经费保障机制", "义务教育公用经费保障资金"), ("乡村教师生活补助", "乡村教师生活补助资金"),
               ("校园安全管理", "校园安全保障经费"), ("普通高中改善办学条件", "普通高中改善办学条件补助资金"),
               ("教育信息化", "教育信息化建设经费")],
       laws="jyf|ywjy|jsf|ysf", field="教育",
       objs="学生资助资金|营养膳食补助|教师队伍|学校基础设施|教育信息化设备|公用经费|校园安全设施",
       ppl="在校学生|家庭经济困难学生|农村教师|适龄儿童|中小学教师",
       acts="学生资助|营养餐供应|教师培训|校舍维修|设备采购|安全排查|资金发放",
       goals="保障适龄儿童平等接受义务教育|提升教育教学质量|改善办学条件|确保不让一个学生因家庭经济困难而失学|提高教师专业素质",
       items="营养膳食补助|培训费|设备购置费|校舍维修费|资助金发放|安保服务费|网络租赁费",
       provisions="国家实行教育督导制度和学校及其他教育机构教育评估制度。|各级人民政府应当将义务教育经费纳入财政预算，按照规定标准拨付。|国家建立健全学生资助体系，对家庭经济困难学生给予资助。|各级人民政府应当采取措施，改善教师的工作条件和生活条件。|学校应当建立健全安全制度和应急机制，对学生进行安全教育。"),
    _d(key="ny", fin_code="财农", slug="agriculture", prov="农业农村厅", pref="农业农村局", county="农业农村局",
       natl="农业农村部", natl_codes="农计财发|农办计财", codes="农发|农财", partner="cz",
       subunits="农业技术推广中心|动物疫病预防控制中心|农产品质量安全检测站", tax_topics="",
       topics=[("耕地地力保护补贴", "耕地地力保护补贴资金"), ("农机购置与应用补贴", "农机购置补贴资金"),
               ("动物疫病防控", "动物防疫补助经费"), ("高标准农田建设", "高标准农田建设资金"),
               ("农村人居环境整治", "农村人居环境整治资金"), ("基层农技推广体系建设", "基层农技推广体系建设资金"),
               ("农产品质量安全监管", "农产品质量安全监管经费"), ("新型农业经营主体培育", "新型农业经营主体培育资金"),
               ("农作物重大病虫害防控", "农作物重大病虫害防控经费"), ("高素质农民培育", "高素质农民培育资金")],
       laws="nyf|dwfy|njh|ysf", field="农业农村",
       objs="耕地地力保护补贴|农机购置补贴|动物防疫物资|高标准农田|农产品质量|农技推广队伍|农村人居环境",
       ppl="种粮农民|农业经营主体|养殖户|农技人员|农村群众",
       acts="补贴发放|强制免疫|疫情监测|农田建设|质量抽检|技术培训|病虫害监测",
       goals="保障粮食安全和重要农产品有效供给|促进农业增效、农民增收|有效防控重大动物疫病|改善农村人居环境|提高农业综合生产能力",
       items="疫苗采购费|补贴资金发放|检测试剂购置费|培训费|技术服务费|监测设备购置费|宣传费",
       provisions="国家采取措施保护和提高粮食综合生产能力，稳步提高粮食生产水平。|县级以上人民政府应当将动物防疫工作纳入本级国民经济和社会发展规划及年度计划。|国家对农民和农业生产经营组织购买国家支持推广的先进适用的农业机械给予补贴。|各级人民政府应当加强农业技术推广体系建设。|国家建立健全农产品质量安全标准体系和监测制度。"),
    _d(key="zj", fin_code="财建", slug="housing-construction", prov="住房和城乡建设厅", pref="住房和城乡建设局", county="住房和城乡建设局",
       natl="住房和城乡建设部", natl_codes="建城|建村", codes="建发|建城", partner="cz",
       subunits="住房保障服务中心|建设工程质量安全监督站|市政设施管理所", tax_topics="",
       topics=[("城镇老旧小区改造", "城镇老旧小区改造补助资金"), ("农村危房改造", "农村危房改造补助资金"),
               ("城镇保障性安居工程", "公共租赁住房保障资金"), ("城镇燃气安全管理", "城镇燃气安全检查经费"),
               ("建筑施工安全监管", "建筑施工安全监督经费"), ("城市生活垃圾分类", "生活垃圾分类工作经费"),
               ("历史文化街区保护", "历史文化街区保护经费"), ("城市排水防涝", "城市排水防涝设施维护经费"),
               ("物业服务管理", "物业管理工作经费"), ("房屋安全隐患排查整治", "自建房安全专项整治经费")],
       laws="cxgh|jzf|rqtl|ysf", field="住房和城乡建设",
       objs="老旧小区|农村危房|公共租赁住房|燃气设施|建筑工地|排水设施|既有房屋",
       ppl="城镇住房困难家庭|农村低收入群体|小区居民|施工企业|燃气用户",
       acts="改造实施|安全检查|隐患排查|质量监督|租赁补贴发放|设施维护|验收评估",
       goals="改善群众居住条件|保障住房安全|消除安全隐患|提升城市治理水平|推进城市更新",
       items="改造补助|检测鉴定费|安全检查经费|设施维护费|第三方巡查服务费|宣传费|租赁补贴",
       provisions="城乡规划的制定和实施应当遵循城乡统筹、合理布局、节约土地、集约发展和先规划后建设的原则。|建筑工程安全生产管理必须坚持安全第一、预防为主的方针。|燃气经营者应当对其供气范围内的燃气设施定期进行巡查、检测、维修和维护。|县级以上地方人民政府应当加强对建筑活动的监督管理。"),
    _d(key="hb", fin_code="财资环", slug="ecology-environment", prov="生态环境厅", pref="生态环境局", county="生态环境局",
       natl="生态环境部", natl_codes="环大气|环办水体", codes="环发|环函", partner="cz",
       subunits="生态环境监测站|环境监察支队|环境应急中心", tax_topics="",
       topics=[("大气污染防治", "大气污染防治资金"), ("水污染防治", "水污染防治资金"), ("土壤污染防治", "土壤污染防治专项资金"),
               ("生态环境监测", "生态环境监测运行经费"), ("农村环境整治", "农村环境整治资金"), ("生态环境执法", "生态环境执法工作经费"),
               ("突发环境事件应急", "环境应急管理经费"), ("固体废物污染环境防治", "固体废物监管经费"),
               ("集中式饮用水水源地保护", "饮用水水源地保护经费"), ("生态文明示范创建", "生态文明建设示范创建经费")],
       laws="hjbh|dqwr|swr|ysf", field="生态环境",
       objs="空气质量|水环境质量|土壤环境|监测站点|饮用水水源地|固体废物|排污单位",
       ppl="排污单位|周边群众|企业|村民",
       acts="监测运维|执法检查|污染源排查|应急演练|水源地巡查|环境整治|信息公开",
       goals="持续改善生态环境质量|坚决打好污染防治攻坚战|保障群众饮水安全|防范环境风险|推动绿色发展",
       items="监测设备运维费|第三方检测费|执法装备购置费|应急物资储备费|整治工程费|宣传培训费|巡查服务费",
       provisions="地方各级人民政府应当对本行政区域的环境质量负责。|企业事业单位和其他生产经营者应当防止、减少环境污染和生态破坏，对所造成的损害依法承担责任。|县级以上人民政府应当将大气污染防治工作纳入国民经济和社会发展规划，加大对大气污染防治的财政投入。|县级以上地方人民政府应当采取措施，保障饮用水水源的水质安全。"),
    _d(key="sl", fin_code="财农", slug="water-resources", prov="水利厅", pref="水利局", county="水务局",
       natl="水利部", natl_codes="水农|水运管", codes="水发|水农", partner="cz",
       subunits="水利工程管理站|水资源服务中心|防汛抗旱服务队", tax_topics="",
       topics=[("小型水库安全运行管护", "小型水库管护经费"), ("农村供水工程维修养护", "农村饮水安全工程维修养护资金"),
               ("河湖长制", "河长制工作经费"), ("山洪灾害防治", "山洪灾害防治非工程措施运行维护经费"),
               ("水土保持", "水土保持治理资金"), ("小型农田水利设施建设", "小型农田水利设施建设资金"),
               ("节约用水", "节约用水工作经费"), ("防汛抗旱", "防汛抗旱工作经费"), ("水利工程标准化管理", "水利工程标准化管理经费")],
       laws="slf|fhf|swr|ysf", field="水利",
       objs="小型水库|农村供水工程|河湖水域|监测预警设施|水土保持设施|灌溉渠系|防汛物资",
       ppl="农村群众|用水户|巡河人员|管护人员",
       acts="巡查管护|维修养护|水质检测|河湖清理|监测预警|防汛值守|工程运行",
       goals="确保水利工程安全运行|保障农村群众饮水安全|维护河湖健康生命|提升防灾减灾能力|促进水资源节约集约利用",
       items="管护人员劳务费|维修养护费|水质检测费|巡查服务费|防汛物资购置费|设备运行维护费|培训费",
       provisions="县级以上人民政府应当加强水利基础设施建设，并将其纳入本级国民经济和社会发展计划。|防洪工作实行全面规划、统筹兼顾、预防为主、综合治理、局部利益服从全局利益的原则。|国家对水资源实行流域管理与行政区域管理相结合的管理体制。|各级人民政府应当组织有关部门加强水工程的安全管理和运行维护。"),
    _d(key="yj", fin_code="财建", slug="emergency-management", prov="应急管理厅", pref="应急管理局", county="应急管理局",
       natl="应急管理部", natl_codes="应急|应急厅", codes="应急发|应急", partner="cz",
       subunits="应急救援中心|安全生产执法大队|森林消防队", tax_topics="",
       topics=[("安全生产监管执法", "安全生产监管执法经费"), ("自然灾害救助", "自然灾害救助资金"),
               ("森林草原防灭火", "森林防灭火工作经费"), ("应急救援队伍建设", "应急救援队伍建设经费"),
               ("应急物资储备", "应急物资储备经费"), ("危险化学品安全监管", "危险化学品安全监管经费"),
               ("安全生产宣传教育培训", "安全生产宣传培训经费"), ("自然灾害综合风险普查", "自然灾害综合风险普查经费"),
               ("防震减灾", "防震减灾工作经费")],
       laws="aqsc|tfsj|scyj|ysf", field="应急管理",
       objs="安全生产|应急物资|救援队伍|森林防火设施|危险化学品企业|灾害风险隐患|监测预警系统",
       ppl="受灾群众|生产经营单位|应急救援人员|护林员",
       acts="执法检查|隐患排查|应急演练|物资储备|灾情核查|救灾资金发放|宣传培训",
       goals="坚决遏制重特大事故发生|保障人民群众生命财产安全|提升应急处置能力|确保受灾群众基本生活|防范化解重大安全风险",
       items="执法装备购置费|应急物资购置费|救援队伍运行经费|培训演练费|灾害救助金|宣传费|专家服务费",
       provisions="安全生产工作坚持人民至上、生命至上，把保护人民生命安全摆在首位。|县级以上人民政府应当建立健全应急物资储备保障制度。|县级以上地方各级人民政府应当加强应急救援队伍建设，组织开展应急救援演练。|生产经营单位应当针对本单位可能发生的生产安全事故的特点和危害，进行风险辨识和评估。"),
    _d(key="sj", fin_code="财行", slug="market-regulation", prov="市场监督管理局", pref="市场监督管理局", county="市场监督管理局",
       natl="国家市场监督管理总局", natl_codes="国市监食检|国市监特设", codes="市监发|市监", partner="cz",
       subunits="质量技术监督检测中心|食品检验所|消费者权益保护中心", tax_topics="",
       topics=[("食品安全抽检监测", "食品安全抽检经费"), ("特种设备安全监察", "特种设备安全监察经费"),
               ("计量器具强制检定", "计量器具强制检定经费"), ("产品质量监督抽查", "产品质量监督抽查经费"),
               ("知识产权保护", "知识产权保护专项经费"), ("消费者权益保护", "消费维权工作经费"),
               ("药品安全监管", "药品安全监管经费"), ("市场主体登记注册", "市场主体登记服务经费"),
               ("价格监督检查", "价格监督检查经费")],
       laws="spaq|tzsb|jlf|ysf", field="市场监管",
       objs="食品安全|特种设备|计量器具|产品质量|药品零售企业|市场主体|消费投诉",
       ppl="市场主体|消费者|生产经营者|使用单位",
       acts="抽检监测|监督检查|检定校准|投诉处理|登记注册|执法办案|风险排查",
       goals="守住不发生系统性区域性安全风险的底线|维护公平竞争的市场秩序|保障人民群众饮食用药安全|优化营商环境|保护消费者合法权益",
       items="抽检样品购置费|检验检测费|执法装备购置费|检定设备维护费|宣传费|培训费|第三方服务费",
       provisions="县级以上地方人民政府对本行政区域的食品安全监督管理工作负责。|特种设备使用单位应当对其使用的特种设备进行经常性维护保养和定期自行检查。|县级以上人民政府计量行政部门对社会公用计量标准器具实行强制检定。|县级以上地方人民政府应当将食品安全工作纳入本级国民经济和社会发展规划，将食品安全工作经费列入本级政府财政预算。"),
]

# National laws and regulations: key -> (title, articles, since, order (serial, issued, in_force, form) or None)
_LAWS = {
    "shbx": ("中华人民共和国社会保险法", 98, 2011, None),
    "bxf": ("中华人民共和国保险法", 187, 2009, None),
    "ybjj": ("医疗保障基金使用监督管理条例", 50, 2021, (735, "2021-02-19", "2021-05-01")),
    "jbyl": ("中华人民共和国基本医疗卫生与健康促进法", 110, 2020, None),
    "ysf": ("中华人民共和国预算法", 101, 2015, None),
    "yssl": ("中华人民共和国预算法实施条例", 97, 2020, (729, "2020-08-03", "2020-10-01")),
    "zfcg": ("中华人民共和国政府采购法", 88, 2003, None),
    "kjf": ("中华人民共和国会计法", 52, 2000, None),
    "shjz": ("社会救助暂行办法", 70, 2014, (649, "2014-02-21", "2014-05-01")),
    "lnr": ("中华人民共和国老年人权益保障法", 85, 2013, None),
    "csf": ("中华人民共和国慈善法", 112, 2016, None),
    "jycj": ("中华人民共和国就业促进法", 69, 2008, None),
    "ldht": ("中华人民共和国劳动合同法", 98, 2008, None),
    "ngzg": ("保障农民工工资支付条例", 64, 2020, (724, "2019-12-30", "2020-05-01")),
    "crb": ("中华人民共和国传染病防治法", 80, 2004, None),
    "rkjs": ("中华人民共和国人口与计划生育法", 47, 2002, None),
    "jyf": ("中华人民共和国教育法", 86, 1995, None),
    "ywjy": ("中华人民共和国义务教育法", 63, 2006, None),
    "jsf": ("中华人民共和国教师法", 43, 1994, None),
    "nyf": ("中华人民共和国农业法", 99, 2003, None),
    "dwfy": ("中华人民共和国动物防疫法", 113, 2008, None),
    "njh": ("中华人民共和国农业机械化促进法", 35, 2004, None),
    "cxgh": ("中华人民共和国城乡规划法", 70, 2008, None),
    "jzf": ("中华人民共和国建筑法", 85, 1998, None),
    "rqtl": ("城镇燃气管理条例", 53, 2011, (583, "2010-11-19", "2011-03-01")),
    "hjbh": ("中华人民共和国环境保护法", 70, 2015, None),
    "dqwr": ("中华人民共和国大气污染防治法", 129, 2016, None),
    "swr": ("中华人民共和国水污染防治法", 103, 2008, None),
    "slf": ("中华人民共和国水法", 82, 2002, None),
    "fhf": ("中华人民共和国防洪法", 66, 1998, None),
    "aqsc": ("中华人民共和国安全生产法", 119, 2014, None),
    "tfsj": ("中华人民共和国突发事件应对法", 70, 2007, None),
    "scyj": ("生产安全事故应急条例", 35, 2019, (708, "2019-02-17", "2019-04-01")),
    "spaq": ("中华人民共和国食品安全法", 154, 2015, None),
    "tzsb": ("中华人民共和国特种设备安全法", 101, 2014, None),
    "jlf": ("中华人民共和国计量法", 34, 1986, None),
}

# ---------------------------------------------------------------------------
# Filler frames.  Placeholders are filled from the department's vocabulary.
# ---------------------------------------------------------------------------

_SLOGANS = ("分级管理、分级负担|应保尽保、应救尽救|公开、公平、公正|尽力而为、量力而行|属地管理、分级负责|"
            "统筹兼顾、突出重点|专款专用、据实结算|放管结合、优化服务").split("|")
_VERBS = "加强|规范|完善|落实|推进|健全|强化|优化|做实|深化".split("|")

_FRAMES = {
    # purpose sentences in 二、立项依据 after the citations
    "basis": """为切实做好{act}工作，{goal}，结合{area}实际，特申请设立本项目。
按照“{slogan}”的原则，各级{field}部门将相关经费纳入同级财政预算，据实结算。
为{goal}，{verb}{obj}管理，需安排相应工作经费予以保障。
项目资金由本级财政预算安排，主要用于{act}和{act2}等工作。
上级部门明确要求各地{verb}{act}工作，{goal}，所需经费由同级财政予以保障。
建立经费保障机制，本级财政部门应当根据{act}工作的需要给予必要的经费保障。
随着{field}工作的深入推进，{obj}管理任务日益繁重，需进一步{verb2}工作保障。
{area}各级各部门要充分认识做好{act}工作的重要意义，切实履行职责，确保各项措施落到实处。""",
    # 二、立项依据 of a project that cites nothing
    "basis_none": """按照国家、省、市关于{field}工作的总体要求，准确把握新时代{field}工作的新变化和新特点，坚持因地制宜、适度合理、实际适用原则。
根据{area}{field}工作的实际需要，为{goal}，需安排专项经费用于{act}和{act2}工作。
结合上级部门年度工作部署和{area}{field}事业发展实际，{verb}{obj}管理，{goal2}。
本项目属于{area}{field}领域的经常性项目，每年根据工作任务和实际需求编制预算。""",
    "gai": """{area}现有服务对象约{n}人次，{obj}工作覆盖全部乡镇（街道）。
近年来，{area}{field}工作稳步推进，{obj}管理不断规范，{ppl}的获得感、幸福感和安全感持续增强。
本项目主要用于保障{act}、{act2}等工作的正常开展，确保各项政策落实到位。
项目资金纳入本级财政预算管理，实行专款专用、单独核算，严禁截留、挤占和挪用。
截至上年末，{area}{act}工作累计服务{n}人次，较上年增长{g}%。
项目实施周期为一年，由{unit}具体负责组织实施。
按照“{slogan}”的原则，统筹推进{act}工作，{goal}。
{verb}{obj}管理，进一步健全工作机制，切实维护{ppl}合法权益。
项目涉及{area}各乡镇（街道）和相关单位，服务对象主要为{ppl}。
{field}工作事关群众切身利益，必须始终把{goal2}作为首要任务。
上年度项目资金全部按时拨付到位，资金使用规范，绩效目标基本完成。""",
    "nei": """一是{verb}{act}，{goal}；二是{verb2}{act2}，提升服务效率；三是做好政策宣传，提高{ppl}政策知晓率。
严格执行{field}各项政策，{verb}{obj}管理，确保资金安全运行，提高资金使用效益。
主要开展{act}、{act2}和{act3}等工作。
对{obj}实行动态管理，做到应纳尽纳、应退尽退。
通过电视、广播、微信公众号、宣传单等多种形式开展政策宣传，提高{ppl}的政策知晓率。
会同财政、审计等部门开展联合检查，及时发现和纠正资金使用中存在的问题。
建立健全工作台账，按月汇总统计{act}情况，按季度报送工作进展。
{verb}{act}工作流程，简化办事程序，推行“一站式”服务，方便{ppl}办理相关业务。
组织开展业务培训，提升工作人员业务能力和服务水平。
积极引入第三方专业力量参与{act}工作，强化社会监督。
完善{obj}管理制度，规范工作权限、程序和标准，推进依法行政。""",
    "plan": """项目{year}年度开展计划，{year}年1月1日至{year}年12月31日，完成项目目标比例100%。
{m1}月底前完成项目前期准备和资金分配方案，{m2}月底前完成资金拨付，{m3}月底前开展绩效自评。
第一季度制定工作方案，第二季度至第三季度组织实施，第四季度开展检查验收和绩效评价。
资金按照项目实施进度分批拨付，确保年底前支付完毕。
按照{act}工作计划有序开展，完成项目目标比例为100%。
每月1日至20日为集中办理期，集中办理期结束后按月受理。
{m1}月份启动{act}工作，{m2}月份开展中期检查，{m3}月份完成年度目标任务。
项目采取公开比选方式确定服务机构，费用按合同约定分期支付。""",
    "eff": """通过项目实施，{goal}，{ppl}的获得感、幸福感进一步提升。
确保{act}工作按时保质完成，完成项目目标比例达到100%。
项目实施后，{obj}管理更加规范，资金使用效益明显提高。
{ppl}满意度达到{p}%以上。
有效防范和化解{field}领域风险，促进社会和谐稳定。
进一步{verb}{obj}管理，{goal2}，为{area}经济社会高质量发展提供有力保障。
其中{act}完成率、资金拨付及时率、{ppl}满意度均为可考核的绩效指标，能够说明项目所取得的效果。
牢固树立以人民为中心的发展思想，{goal}，增进民生福祉。""",
}
_FRAMES = {k: v.split("\n") for k, v in _FRAMES.items()}

# Sentences that follow an article citation or a title in 五 (requirements the text derives).
_REQUIRE = ("明确要求各级{field}部门将相关经费纳入同级财政预算，并及时足额拨付到位。|"
            "明确{act}工作的责任分工和保障措施。|对{act}的标准和程序作出了具体规定。|"
            "要求各地{verb}{obj}管理，{goal}。").split("|")

_HEADINGS = ("一、项目名称", "二、立项依据", "三、项目实施单位", "四、项目基本概况",
             "五、项目实施内容", "六、资金安排情况", "七、项目实施计划", "八、项目实施成效")
_DAMAGED_HEADING = "三、目实施单位"
_BRACKETS = (("[", "]"), ("［", "］"), ("【", "】"), ("（", "）"), ("﹝", "﹞"))
_NESTS = (("<", ">"), ("〈", "〉"), ("《", "》"))
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_CN_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1..999 in Chinese numerals as used in article numbers (七十七, 一百零五, 一百一十)."""
    d = _CN_DIGITS
    if n < 10:
        return d[n]
    if n < 20:
        return "十" + (d[n % 10] if n % 10 else "")
    if n < 100:
        return d[n // 10] + "十" + (d[n % 10] if n % 10 else "")
    h, r = divmod(n, 100)
    s = d[h] + "百"
    if r == 0:
        return s
    if r < 10:
        return s + "零" + d[r]
    return s + d[r // 10] + "十" + (d[r % 10] if r % 10 else "")


def title_key(s: str) -> str:
    """Whitespace and ``_`` removed (the comparison key of tests/fixtures/README.md)."""
    return _KEY_RE.sub("", s)


_KEY_RE = re.compile(r"[\s_\u3000\u00a0]+")


# ---------------------------------------------------------------------------
# World model
# ---------------------------------------------------------------------------

class Region:
    __slots__ = ("name", "abbr", "level", "parent", "style", "area", "gov", "office")

    def __init__(self, name, abbr, level, parent, style):
        self.name, self.abbr, self.level, self.parent, self.style = name, abbr, level, parent, style
        self.area = {"province": "全省", "prefecture": "全市"}.get(level) or ("全" + name[-1])
        self.gov = name + "人民政府"
        self.office = name + ("人民政府办公厅" if level == "province" else "人民政府办公室")

    def chain(self):
        """Regions from the province down to this one."""
        out, r = [], self
        while r is not None:
            out.append(r)
            r = r.parent
        return out[::-1]


class Title:
    """issuers + pre [+ open inner close + post]; inner is a Title without inner."""
    __slots__ = ("issuers", "pre", "inner", "post", "canonical")

    def __init__(self, issuers, pre, inner=None, post=""):
        self.issuers, self.pre, self.inner, self.post = tuple(issuers), pre, inner, post
        s = "".join(self.issuers) + pre
        if inner is not None:
            s += "<" + inner.canonical + ">" + post
        self.canonical = s


class Work:
    __slots__ = ("number", "form", "code", "year", "serial", "prefix", "title", "issuers", "issued",
                 "in_force", "adopted", "meeting", "gov", "kind", "replaces", "replaced_by",
                 "promulgates", "forwards", "cited", "series", "idx")

    def __init__(self, **kw):
        for k in self.__slots__:
            setattr(self, k, kw.get(k))
        self.cited = 0


class Series:
    __slots__ = ("works", "role", "kind")

    def __init__(self, role, kind):
        self.works, self.role, self.kind = [], role, kind

    def current(self, year):
        """Index of the work in force for budget ``year`` (issued in year-1 or before)."""
        best = None
        for i, w in enumerate(self.works):
            if w.issued[0] <= year - 1:
                best = i
        return best


class Law:
    __slots__ = ("key", "title", "articles", "since", "work")

    def __init__(self, key, title, articles, since, work):
        self.key, self.title, self.articles, self.since, self.work = key, title, articles, since, work


_LEVEL_KEY = {"province": "prov", "prefecture": "pref", "county": "county"}


def _iso(t):
    return "%04d-%02d-%02d" % t if t else None


def _cn_date(t):
    return "%d年%d月%d日" % t


class World:
    """Regions, organs and the lazily grown pool of cited works."""

    def __init__(self, cfg: Config, rng: random.Random):
        self.cfg, self.rng = cfg, rng
        self.depts = {d["key"]: d for d in _DEPTS}
        self.numbers: dict[str, Work] = {}
        self.titles: set[str] = set()
        self.works: list[Work] = []
        self.pools: dict[tuple, list[Series]] = {}
        self.provinces, self.prefectures, self.counties = [], [], []
        self._build_geo()
        self.laws = {}
        for key, (title, n, since, order) in _LAWS.items():
            work = None
            if order:
                serial, issued, in_force = order
                prefix = rng.choice(("国务院令第", "国务院令第", "中华人民共和国国务院令第"))
                iy, im, idd = map(int, issued.split("-"))
                fy, fm, fd = map(int, in_force.split("-"))
                work = self._add_work(Work(number=f"{prefix}{serial}号", form="order", prefix=prefix, serial=serial,
                                           title=Title((), title), issuers=["国务院"], issued=(iy, im, idd),
                                           in_force=(fy, fm, fd), kind="regulation"))
            self.laws[key] = Law(key, title, n, since, work)

    # -- geography ---------------------------------------------------------
    def _build_geo(self):
        seen = set()
        for pname, pabbr, style, prefs in _GEO:
            prov = Region(pname, pabbr, "province", None, style)
            self.provinces.append(prov)
            taken_p = {pabbr} | {a for _, a, _ in prefs}
            for fname, fabbr, counties in prefs:
                pref = Region(fname, fabbr, "prefecture", prov, style)
                self.prefectures.append(pref)
                taken = set(taken_p)
                for cname in counties.split():
                    if cname in seen:
                        continue
                    seen.add(cname)
                    abbr = cname[0]
                    if abbr in taken:
                        abbr = cname[:2]
                    taken.add(abbr)
                    self.counties.append(Region(cname, abbr, "county", pref, style))
        self._seen_names = seen
        self.by_gov = {r.gov: r for r in self.provinces + self.prefectures + self.counties}

    def synthetic_county(self, pref: Region) -> Region:
        rng = self.rng
        while True:
            name = rng.choice(_SYN_A) + rng.choice(_SYN_B) + rng.choice("县县县区市")
            if name not in self._seen_names:
                self._seen_names.add(name)
                r = Region(name, name[:2], "county", pref, pref.style)
                self.counties.append(r)
                self.by_gov[r.gov] = r
                return r

    # -- organs ------------------------------------------------------------
    def dept_organ(self, region, dept):
        if region is None:
            return dept["natl"], dept["natl_codes"]
        return region.name + dept[_LEVEL_KEY[region.level]], \
            [region.abbr + c for c in dept["codes"]]

    def tax_organ(self, region):
        return "国家税务总局" if region is None else "国家税务总局" + region.name + "税务局"

    # -- registries ----------------------------------------------------------
    def _add_work(self, w: Work) -> Work:
        assert w.number not in self.numbers, w.number
        assert w.title.canonical not in self.titles, w.title.canonical
        self.numbers[w.number] = w
        self.titles.add(w.title.canonical)
        self.works.append(w)
        return w

    def _doc_number(self, code, year, hi):
        rng = self.rng
        for attempt in range(200):
            serial = rng.randint(1, hi + attempt)
            num = f"{code}〔{year}〕{serial}号"
            if num not in self.numbers:
                return num, serial
        raise RuntimeError("number space exhausted")

    def _prefixed_number(self, prefix, lo, hi):
        rng = self.rng
        for attempt in range(200):
            serial = rng.randint(lo, hi + attempt)
            num = f"{prefix}{serial}号"
            if num not in self.numbers:
                return num, serial
        raise RuntimeError("number space exhausted")

    def _free_title(self, make, tries=12):
        """Call make() until it returns a Title whose canonical form is unused."""
        for _ in range(tries):
            t = make()
            if t.canonical not in self.titles:
                return t
        return None

    def _random_date(self, year, m_lo=1, m_hi=12):
        rng = self.rng
        return (year, rng.randint(m_lo, m_hi), rng.randint(1, 28))

    # -- series ------------------------------------------------------------
    def pool(self, region, role, dept_key, topic):
        key = (region.name if region else "", role, dept_key, topic)
        p = self.pools.get(key)
        if p is None:
            p = []
            n = 1 if self.rng.random() < 0.7 else 2
            for _ in range(n):
                s = self._make_series(region, role, self.depts[dept_key], topic, p)
                if s is not None:
                    p.append(s)
            self.pools[key] = p
        return p

    def _first_year(self):
        cfg, rng = self.cfg, self.rng
        if rng.random() < 0.6:
            return cfg.first_year - 1 - rng.randint(0, 4)
        return rng.randint(cfg.first_year, max(cfg.first_year, cfg.last_year - 1))

    def _make_series(self, region, role, dept, topic, siblings):
        rng = self.rng
        t_phrase = dept["topics"][topic][0]
        level = region.level if region else "national"
        kinds_taken = {s.kind for s in siblings}
        if role == "gov":
            if level == "national":
                kind = "notice"
            elif level == "county":
                kind = rng.choice(("plan", "plan", "rule"))
            else:
                kind = rng.choice(("plan", "rule", "rule"))
        else:
            r = rng.random()
            kind = "notice" if r < 0.45 else "rule" if r < 0.85 else "forward"
            if kind == "forward" and level not in ("prefecture", "county"):
                kind = "notice"
        if kind in kinds_taken:
            kind = "notice" if kind != "notice" else "rule"
            if role == "gov" and level == "national":
                return None
        if kind == "forward":
            w = self._forward_work(region, dept, topic)
            if w is None:
                kind = "notice"
            else:
                s = Series(role, kind)
                self._append(s, w)
                return s
        y0 = self._first_year()
        s = Series(role, kind)
        if role == "gov":
            w = self._gov_work(region, dept, t_phrase, kind, y0)
        else:
            w = self._dept_work(region, dept, topic, t_phrase, kind, y0)
        if w is None:
            return None
        self._append(s, w)
        if kind == "rule":
            self._maybe_replace(s)
        return s

    def _append(self, s, w):
        w.series, w.idx = s, len(s.works)
        s.works.append(w)

    def _issuers(self, region, dept, t_phrase, joint_ok=True):
        """(issuer names, lead codes) for a department work, sometimes joint."""
        rng = self.rng
        name, codes = self.dept_organ(region, dept)
        issuers = [name]
        if joint_ok and dept["partner"] and rng.random() < 0.3:
            pname, pcodes = self.dept_organ(region, self.depts[dept["partner"]])
            if region is None:  # 财政部 leads national joint works
                issuers.insert(0, pname)
                codes = [dept["fin_code"]]
            else:
                issuers.append(pname)
            if t_phrase in dept["tax_topics"] and rng.random() < 0.6:
                issuers.append(self.tax_organ(region))
        elif joint_ok and t_phrase in dept["tax_topics"] and rng.random() < 0.3:
            issuers.append(self.tax_organ(region))
        return issuers, codes

    def _dept_work(self, region, dept, topic, t_phrase, kind, y0):
        rng = self.rng
        rname = region.name if region else ""
        issuers, codes = self._issuers(region, dept, t_phrase)
        issued = self._random_date(y0)
        if kind == "notice":
            def make():
                tpl = rng.choice(("关于进一步做好{T}工作的通知", "关于做好{Y}年{T}工作的通知", "关于加强{T}工作的通知",
                                  "关于切实做好{T}有关工作的通知", "关于进一步规范{T}管理的通知",
                                  "关于做好{T}工作的实施意见", "关于做好{Y}年{T}工作的通知"))
                return Title(issuers, tpl.format(T=t_phrase, Y=y0 + rng.choice((0, 0, 1))))
            title = self._free_title(make)
            if title is None:
                return None
            in_force = issued
        else:
            def make():
                tpl = rng.choice(("{R}{T}实施细则（试行）", "{R}{T}管理办法", "{R}{T}资金管理办法",
                                  "{R}{T}工作规程（试行）", "{R}{T}暂行办法", "{R}{T}实施细则"))
                return Title(issuers, "关于印发", Title((), tpl.format(R=rname, T=t_phrase)), "的通知")
            title = self._free_title(make)
            if title is None:
                return None
            in_force = (y0 + 1, 1, 1) if rng.random() < 0.5 else issued
        num, serial = self._doc_number(rng.choice(codes), y0, 60 if region is None else 150)
        code = num[:num.index("〔")]
        return self._add_work(Work(number=num, form="doc", code=code, year=y0, serial=serial, title=title,
                                   issuers=issuers, issued=issued, in_force=in_force, kind=kind,
                                   promulgates=title.inner.canonical if title.inner else None))

    def _gov_work(self, region, dept, t_phrase, kind, y0):
        rng = self.rng
        issued = self._random_date(y0)
        if region is None:  # 国务院 / 国务院办公厅 opinions
            office = rng.random() < 0.7
            issuer = "国务院办公厅" if office else "国务院"
            code = "国办发" if office else "国发"
            def make():
                tpl = rng.choice(("关于进一步加强{T}工作的意见", "关于健全{T}工作机制的意见", "关于{T}工作的指导意见",
                                  "关于深化{T}改革的意见"))
                return Title([issuer], tpl.format(T=t_phrase))
            title = self._free_title(make)
            if title is None:
                return None
            num, serial = self._doc_number(code, y0, 70)
            return self._add_work(Work(number=num, form="doc", code=code, year=y0, serial=serial, title=title,
                                       issuers=[issuer], issued=issued, in_force=issued, kind="notice"))
        rname = region.name
        gov_code, office_prov, office_local, rule_code = region.style
        office_code = region.abbr + (office_prov if region.level == "province" else office_local)
        if kind == "plan":
            def make():
                inner = rng.choice(("{R}{T}工作实施方案", "{R}{T}三年行动方案", "{R}{T}改革实施方案"))
                inner = inner.format(R=rname, T=t_phrase)
                if rng.random() < 0.5:
                    return Title([region.office], "关于印发", Title((), inner), "的通知")
                return Title((), inner)
            title = self._free_title(make)
            if title is None:
                return None
            num, serial = self._doc_number(office_code, y0, 120)
            return self._add_work(Work(number=num, form="doc", code=office_code, year=y0, serial=serial,
                                       title=title, issuers=[region.office], issued=issued, in_force=issued,
                                       kind="plan", promulgates=title.inner.canonical if title.inner else None))
        # rule of the government: 办法 with an announcement / order / 政规 number
        def make():
            tpl = rng.choice(("{R}{T}实施办法", "{R}{T}管理办法", "{R}{T}暂行办法", "{R}{T}办法"))
            return Title((), tpl.format(R=rname, T=t_phrase))
        title = self._free_title(make)
        if title is None:
            return None
        adopted = self._random_date(y0, 3, 11)
        in_force = (y0 + 1, 1, 1) if rng.random() < 0.6 else (y0, adopted[1] + 1, 1)
        w = Work(title=title, issuers=[region.gov], issued=adopted, adopted=adopted, in_force=in_force,
                 meeting=rng.randint(12, 160), gov=region.gov, kind="rule", year=y0)
        self._rule_number(w, region, prefer=None)
        return self._add_work(w)

    def _rule_number(self, w, region, prefer):
        """Give a government rule an order / announcement / 政规 number."""
        rng = self.rng
        form = prefer
        if form is None:
            if region.level == "province":
                form = "order" if rng.random() < 0.6 else "doc"
            elif region.level == "prefecture":
                form = "announce" if rng.random() < 0.6 else "doc"
            else:
                form = "doc"
        if form == "order":
            prefix = region.gov + "令第"
            w.number, w.serial = self._prefixed_number(prefix, 150 + (w.year - 2015) * 12, 160 + (w.year - 2015) * 12)
            w.form, w.prefix = "order", prefix
        elif form == "announce":
            prefix = region.gov + "公告第"
            w.number, w.serial = self._prefixed_number(prefix, 1, 90)
            w.form, w.prefix = "announce", prefix
        else:
            code = region.abbr + region.style[3]
            w.number, w.serial = self._doc_number(code, w.year, 12)
            w.form, w.code = "doc", code

    def _forward_work(self, region, dept, topic):
        rng = self.rng
        upper = self.pool(region.parent, "dept", dept["key"], topic)
        cands = [s.works[0] for s in upper if s.kind != "forward"]
        if not cands:
            return None
        up = rng.choice(cands)
        y, m, d = up.issued
        m += rng.randint(1, 3)
        if m > 12:
            y, m = y + 1, m - 12
        issued = (y, m, d)
        name, codes = self.dept_organ(region, dept)

        def make():
            if up.title.inner is not None:
                return Title([name], "关于转发", up.title.inner, "的通知")
            if rng.random() < 0.5:
                return Title([name], "关于转发", up.title, "的通知")
            core = up.title.pre[2:] if up.title.pre.startswith("关于") else up.title.pre
            return Title([name], "关于转发" + core)
        title = self._free_title(make)
        if title is None:
            return None
        num, serial = self._doc_number(rng.choice(codes), y, 120)
        code = num[:num.index("〔")]
        return self._add_work(Work(number=num, form="doc", code=code, year=y, serial=serial, title=title,
                                   issuers=[name], issued=issued, in_force=issued, kind="forward",
                                   forwards=up.number))

    def _maybe_replace(self, s: Series):
        cfg, rng = self.cfg, self.rng
        n_repl = 0
        while rng.random() < (cfg.replace_rate if n_repl == 0 else cfg.replace_rate * 0.25):
            old = s.works[-1]
            lo = max(old.issued[0] + 2, cfg.first_year + 1)
            if lo > cfg.last_year:
                return
            y = rng.randint(lo, cfg.last_year)
            new = self._revised(old, y)
            if new is None:
                return
            old.replaced_by, new.replaces = new.number, old.number
            self._append(s, new)
            n_repl += 1

    def _revised(self, old: Work, y: int):
        """W_new: same issuers, similar title, issued in y-1, in force from y-01-01."""
        rng = self.rng
        t = old.title
        base = t.inner.pre if t.inner is not None else t.pre

        def variants():
            out = []
            if base.endswith("（试行）"):
                out.append(base[:-4])
            if "暂行办法" in base:
                out.append(base.replace("暂行办法", "办法"))
            if base.endswith("实施办法") and "管理实施办法" not in base:
                out.append(base[:-4] + "管理实施办法")
            if base.endswith("管理办法"):
                out.append(base[:-4] + "管理实施办法")
            out.append(base + "（修订）")
            out.append(base + "（%d年修订）" % (y - 1))
            return out
        title = None
        for v in variants():
            cand = Title(t.issuers, t.pre, Title((), v), t.post) if t.inner is not None else Title(t.issuers, v)
            if cand.canonical not in self.titles:
                title = cand
                break
        if title is None:
            return None
        adopted = self._random_date(y - 1, 9, 12)
        w = Work(title=title, issuers=list(old.issuers), issued=adopted, in_force=(y, 1, 1), kind="rule",
                 year=y - 1, promulgates=title.inner.canonical if title.inner else None)
        if old.gov:  # a government rule: adopted at a standing meeting
            w.adopted, w.meeting, w.gov = adopted, rng.randint(12, 160), old.gov
            if old.form == "doc":
                w.number, w.serial = self._doc_number(old.code, y - 1, 12)
                w.form, w.code = "doc", old.code
            elif old.form == "announce" and rng.random() < 0.4:
                code = old.code or self._rule_code_for(old)
                w.number, w.serial = self._doc_number(code, y - 1, 12)
                w.form, w.code = "doc", code
            else:
                w.number, w.serial = self._prefixed_number(old.prefix, old.serial + 1,
                                                           old.serial + 8 + 12 * (y - old.year))
                w.form, w.prefix = old.form, old.prefix
        else:
            w.number, w.serial = self._doc_number(old.code, y - 1, 150)
            w.form, w.code = "doc", old.code
        return self._add_work(w)

    def _rule_code_for(self, w):
        r = self.by_gov[w.gov]
        return r.abbr + r.style[3]


# ---------------------------------------------------------------------------
# Bureaus and their projects over the years
# ---------------------------------------------------------------------------

class Bureau:
    __slots__ = ("region", "dept", "name", "slug", "years")

    def __init__(self, region, dept, idx):
        self.region, self.dept = region, dept
        self.name = region.name + dept[_LEVEL_KEY[region.level]]
        self.slug = "b%05d-%s-%s" % (idx, region.level[0] if region.level != "prefecture" else "m", dept["slug"])
        self.years = []


class Slot:
    __slots__ = ("series", "law", "form", "lag", "section", "mode", "arts", "kuan")

    def __init__(self, series=None, law=None):
        self.series, self.law = series, law
        self.form = self.mode = None
        self.lag = False
        self.section = 2
        self.arts = ()
        self.kuan = None


class Project:
    __slots__ = ("name", "topic", "unit", "slots", "base")

    def __init__(self, name, topic, unit, slots, base):
        self.name, self.topic, self.unit, self.slots, self.base = name, topic, unit, slots, base


class BureauSim:
    def __init__(self, world: World, bureau: Bureau):
        self.w, self.b, self.rng, self.cfg = world, bureau, world.rng, world.cfg
        self.free_topics = list(range(len(bureau.dept["topics"])))
        self.rng.shuffle(self.free_topics)
        self.projects: list[Project] = []
        chain = bureau.region.chain()
        cands = [(None, "dept", 1.0), (None, "gov", 0.4)]
        for reg in chain:
            if reg is bureau.region:
                cands += [(reg, "gov", 0.6 if reg.level == "province" else 0.9), (reg, "dept", 0.35)]
            else:
                cands += [(reg, "dept", 1.4), (reg, "gov", 0.8)]
        self.cands = cands

    # -- slots ---------------------------------------------------------------
    def _pick_keys(self, k):
        rng = self.rng
        pool = list(self.cands)
        out = []
        while pool and len(out) < k:
            tot = sum(c[2] for c in pool)
            x = rng.random() * tot
            for i, c in enumerate(pool):
                x -= c[2]
                if x <= 0:
                    break
            out.append(pool.pop(i))
        return out

    def _series_slot(self, topic, taken):
        rng, cfg, dept = self.rng, self.cfg, self.b.dept
        for reg, role, _ in self._pick_keys(1):
            t = topic if rng.random() < 0.8 else rng.randrange(len(dept["topics"]))
            pool = [s for s in self.w.pool(reg, role, dept["key"], t) if s not in taken]
            if not pool:
                return None
            slot = Slot(series=rng.choice(pool))
            slot.lag = rng.random() < cfg.stale_rate
            self._series_form(slot)
            slot.section = 5 if rng.random() < 0.12 else 2
            return slot
        return None

    def _series_form(self, slot):
        rng, cfg = self.rng, self.cfg
        r = rng.random()
        if r < cfg.title_only_rate and not slot.lag:
            slot.form = "title"
        elif r < cfg.title_only_rate + 0.05:
            slot.form = "number"
        elif r < cfg.title_only_rate + 0.12:
            slot.form = "bare"
        else:
            slot.form = "pair"
        if slot.series.role == "gov" and slot.series.kind == "rule" and rng.random() < 0.45:
            slot.form = "adopt"

    def _law_slot(self, key):
        rng = self.rng
        law = self.w.laws[key]
        slot = Slot(law=law)
        n = law.articles
        r = rng.random()
        a = rng.randint(1, n - 3)
        if r < 0.2:
            slot.mode = "title"
        elif r < 0.5:
            slot.mode = "chain"
            arts = [a]
            for _ in range(rng.choice((0, 1, 1, 2, 2))):
                nxt = arts[-1] + (1 if rng.random() < 0.8 else 2)
                if nxt <= n:
                    arts.append(nxt)
            slot.arts = tuple(arts)
        elif r < 0.7:
            slot.mode = "list"
            arts = [a]
            for _ in range(rng.choice((1, 1, 2))):
                nxt = arts[-1] + rng.randint(1, 3)
                if nxt <= n:
                    arts.append(nxt)
            if len(arts) == 1:
                slot.mode = "single"
            slot.arts = tuple(arts)
        elif r < 0.8:
            slot.mode = "range"
            slot.arts = (a, min(n, a + rng.randint(1, 3)))
        else:
            slot.mode = "single"
            slot.arts = (a,)
        if slot.mode in ("chain", "single") and rng.random() < 0.1:
            slot.kuan = rng.choice(("第一款", "第二款"))
        slot.section = 5 if rng.random() < 0.08 else 2
        return slot

    def _new_slots(self, topic):
        rng, cfg = self.rng, self.cfg
        if rng.random() < cfg.no_citation_rate:
            return []
        slots, taken = [], []
        k = rng.choice((1, 1, 2, 2, 2, 3, 3, 4))
        for _ in range(k):
            s = self._series_slot(topic, taken)
            if s is not None:
                slots.append(s)
                taken.append(s.series)
        nl = rng.choice((0, 0, 0, 1, 1, 1, 2))
        laws = rng.sample(self.b.dept["laws"], min(nl, len(self.b.dept["laws"])))
        for key in laws:
            slots.append(self._law_slot(key))
        rng.shuffle(slots)
        return slots

    # -- projects --------------------------------------------------------------
    def _new_project(self):
        rng, b = self.rng, self.b
        topic = self.free_topics.pop()
        name = b.dept["topics"][topic][1]
        unit = b.name if rng.random() < 0.7 else b.region.name + rng.choice(b.dept["subunits"])
        base = int(10 ** rng.uniform(4.3, 7.2))
        return Project(name, topic, unit, self._new_slots(topic), base)

    def step(self, year) -> list[Project]:
        rng, cfg = self.rng, self.cfg
        if not self.projects:
            n0 = rng.choice((1, 2, 2, 3, 3, 3, 4, 4, 5, 5, 6, 7, 8))
            n0 = max(cfg.min_projects, min(cfg.max_projects, n0, len(self.free_topics)))
            self.projects = [self._new_project() for _ in range(n0)]
            return list(self.projects)
        kept = [p for p in self.projects if rng.random() >= cfg.drop_rate]
        add = 0
        if rng.random() < cfg.new_rate:
            add = 1 + (rng.random() < 0.3)
        while len(kept) + add < cfg.min_projects:
            add += 1
        add = max(0, min(add, cfg.max_projects - len(kept), len(self.free_topics)))
        for _ in range(add):
            kept.insert(rng.randint(0, len(kept)), self._new_project())
        if not kept:
            kept = self.projects[:1]
        if len(kept) > 1 and rng.random() < cfg.renumber_rate:
            p = kept.pop(rng.randrange(len(kept)))
            kept.insert(rng.randrange(len(kept) + 1), p)
        for p in kept:  # the citations evolve a little from year to year
            if p.slots and rng.random() < 0.08 and len(p.slots) > 1:
                p.slots.pop(rng.randrange(len(p.slots)))
            if rng.random() < 0.12:
                s = self._series_slot(p.topic, [x.series for x in p.slots if x.series])
                if s is not None:
                    p.slots.insert(rng.randint(0, len(p.slots)), s)
            for s in p.slots:
                if s.series is not None and rng.random() < 0.1:
                    self._series_form(s)
        self.projects = kept
        return list(kept)


# ---------------------------------------------------------------------------
# Rendering one disclosure
# ---------------------------------------------------------------------------

_PH = re.compile(r"\{(\w+)\}")
_VOCAB = {"obj": "objs", "ppl": "ppl", "act": "acts", "goal": "goals"}


def _tokenize(frame):
    parts = _PH.split(frame)
    return tuple((i % 2 == 1, p) for i, p in enumerate(parts) if p)


_TOKENS = {k: [_tokenize(f) for f in v] for k, v in _FRAMES.items()}
_REQUIRE_TOKENS = [_tokenize(f) for f in _REQUIRE]
_NO_LINE_START = frozenset("，。、；：）》〉>”’」！？%")
_NO_LINE_END = frozenset("（《〈<“‘「")
_SPACED_DIGITS = re.compile(r"(?<![0-9.〔〕\[\]［］【】（）()﹝﹞])([0-9]+(?:\.[0-9]+)?)(?=[年月日元万人号次期件个份%])")


def _wan(yuan: int, two_dp: bool) -> str:
    """An amount in 元 written in 万元 (exact: up to four decimals)."""
    w, r = divmod(yuan, 10000)
    if r == 0:
        return f"{w}.00" if two_dp else str(w)
    frac = f"{r:04d}".rstrip("0")
    if two_dp and len(frac) < 2:
        frac = frac + "0"
    return f"{w}.{frac}"


def _wan_value(yuan: int):
    return yuan // 10000 if yuan % 10000 == 0 else yuan / 10000


class PGold:
    __slots__ = ("nums", "titles", "arts", "pairs", "_n", "_t", "_a", "_p", "works")

    def __init__(self):
        self.nums, self.titles, self.arts, self.pairs = [], [], [], []
        self._n, self._t, self._a, self._p = set(), set(), set(), set()
        self.works = []

    def num(self, n):
        if n not in self._n:
            self._n.add(n)
            self.nums.append(n)

    def title(self, t):
        if t not in self._t:
            self._t.add(t)
            self.titles.append(t)

    def art(self, law, a):
        if (law, a) not in self._a:
            self._a.add((law, a))
            self.arts.append({"law": law, "article": a})

    def pair(self, t, n):
        if (t, n) not in self._p:
            self._p.add((t, n))
            self.pairs.append({"title": t, "number": n})


class Renderer:
    def __init__(self, world: World, bureau: Bureau, year: int, projects: list[Project]):
        self.w, self.b, self.year, self.projects = world, bureau, year, projects
        rng = self.rng = world.rng
        cfg = self.cfg = world.cfg
        self.dept = bureau.dept
        self.pdf = rng.random() < cfg.pdf_rate
        self.brackets = rng.choice(_BRACKETS) if rng.random() < cfg.bracket_rate else None
        self.fullwidth = rng.random() < cfg.fullwidth_rate
        self.spaced = (not self.pdf) and rng.random() < cfg.spaced_number_rate
        self.underscore = rng.random() < cfg.underscore_rate
        self.damaged = rng.random() < cfg.damaged_heading_rate
        self.sep = "_" if self.underscore else rng.choice((" ", " ", " ", " ", " ", " ", "\u3000", ""))
        self.nest = rng.choice(_NESTS[:1] * 5 + _NESTS[1:2] * 3 + _NESTS[2:] * 2)
        self.paren = ("(", ")") if rng.random() < 0.15 else ("（", "）")
        self.two_dp = (not self.pdf) and rng.random() < 0.3
        self.used = {"brackets": False, "fullwidth": False, "spaced": False, "underscore": False,
                     "doc_numbers": 0, "numbers": 0, "joint_titles": 0}
        self.g: PGold = None

    # -- filler ----------------------------------------------------------------
    def _fill_tokens(self, tokens, unit=""):
        rng, d = self.rng, self.dept
        rnd = rng.random
        out = []
        picks = {}
        for is_ph, text in tokens:
            if not is_ph:
                out.append(text)
                continue
            v = picks.get(text)
            if v is None:
                base = text.rstrip("23")
                if base in ("obj", "ppl", "act", "goal"):
                    lst = d[_VOCAB[base]]
                    used = picks.setdefault("_" + base, set())
                    i = int(rnd() * len(lst))
                    while i in used and len(used) < len(lst):
                        i = (i + 1) % len(lst)
                    used.add(i)
                    v = lst[i]
                elif base == "verb":
                    v = _VERBS[int(rnd() * len(_VERBS))]
                elif text == "field":
                    v = d["field"]
                elif text == "area":
                    v = self.b.region.area
                elif text == "unit":
                    v = unit or self.b.name
                elif text == "slogan":
                    v = _SLOGANS[int(rnd() * len(_SLOGANS))]
                elif text == "year":
                    v = str(self.year)
                elif text == "n":
                    v = str(300 + int(rnd() * 180000))
                elif text == "p":
                    v = str(85 + int(rnd() * 14))
                elif text == "g":
                    v = "%d.%d" % (int(rnd() * 9), 1 + int(rnd() * 9))
                elif text in ("m1", "m2", "m3"):
                    m1 = rng.randint(2, 4)
                    m2 = rng.randint(m1 + 2, 8)
                    picks["m1"], picks["m2"], picks["m3"] = str(m1), str(m2), str(rng.randint(m2 + 2, 12))
                    v = picks[text]
                else:  # pragma: no cover - a frame typo
                    raise KeyError(text)
                picks[text] = v
            out.append(v)
        return "".join(out)

    def filler(self, key, target, unit="", start=""):
        rnd = self.rng.random
        frames = _TOKENS[key]
        used = set()
        out = start
        while len(out) < target and len(used) < len(frames):
            i = int(rnd() * len(frames))
            if i in used:
                continue
            used.add(i)
            out += self._fill_tokens(frames[i], unit)
        return out

    # -- citations ---------------------------------------------------------------
    def _title_str(self, title: Title):
        sep = self.sep
        s = sep.join(title.issuers) + title.pre
        if len(title.issuers) > 1:
            self.used["joint_titles"] += 1
            if sep == "_":
                self.used["underscore"] = True
        inner_s = None
        if title.inner is not None:
            inner_s = self._title_str(title.inner)[0]
            o, c = self.nest
            s += o + inner_s + c + title.post
        return s, inner_s

    def title(self, title: Title) -> tuple[str, str]:
        """《title》 as written; records the title (and a nested one).  Returns (text, key)."""
        s, inner_s = self._title_str(title)
        k = title_key(s)
        self.g.title(k)
        if inner_s is not None:
            self.g.title(title_key(inner_s))
        return "《" + s + "》", k

    def number(self, w: Work) -> str:
        rng, u = self.rng, self.used
        u["numbers"] += 1
        fw = self.fullwidth and (not u["fullwidth"] or rng.random() < 0.5)
        if fw:
            u["fullwidth"] = True
        sp = ""
        if self.spaced and (not u["spaced"] or rng.random() < 0.5):
            sp, u["spaced"] = " ", True
        serial = str(w.serial)
        if fw:
            serial = serial.translate(_FULLWIDTH)
        self.g.num(w.number)
        self.g.works.append(w)
        if w.form == "doc":
            u["doc_numbers"] += 1
            lb, rb = "〔", "〕"
            if self.brackets and (not u["brackets"] or rng.random() < 0.7):
                (lb, rb), u["brackets"] = self.brackets, True
            year = str(w.year).translate(_FULLWIDTH) if fw else str(w.year)
            return f"{w.code}{lb}{year}{rb}{sp}{serial}{sp}号"
        return f"{w.prefix}{sp}{serial}{sp}号"

    def pair(self, w: Work, paren=True) -> str:
        t, k = self.title(w.title)
        n = self.number(w)
        self.g.pair(k, w.number)
        if not paren:
            return t + n
        o, c = self.paren
        return t + o + n + c

    def law_title(self, law: Law) -> str:
        t, _ = self.title(Title((), law.title))
        return t

    def provision(self):
        return self._fill_tokens(_tokenize(self.rng.choice(self.dept["provisions"])))

    def require(self):
        return self._fill_tokens(self.rng.choice(_REQUIRE_TOKENS))

    def resolve(self, slot: Slot):
        """The work a series slot cites this year (None before the first work is out)."""
        s = slot.series
        i = s.current(self.year)
        if i is None:
            return None
        if slot.lag and i > 0:
            i -= 1
        return s.works[i]

    def law_articles(self, slot: Slot) -> str:
        rng, law = self.rng, slot.law
        arts = slot.arts
        if slot.mode == "range":
            for a in range(arts[0], arts[1] + 1):
                self.g.art(law.title, a)
        else:
            for a in arts:
                self.g.art(law.title, a)
        t = self.law_title(law)
        sp = rng.choice(("", "", " "))
        kuan = slot.kuan or ""
        if slot.mode == "chain":
            out = rng.choice(("根据", "依据")) + t + sp + "第" + cn_number(arts[0]) + "条" + kuan + \
                rng.choice(("", "", " ")) + self.provision()
            for a in arts[1:]:
                out += "第" + cn_number(a) + "条" + rng.choice((" ", "\u3000", "")) + self.provision()
            return out
        if slot.mode == "list":
            items = ["第" + cn_number(a) + "条" for a in arts]
            if len(items) > 2 and rng.random() < 0.5:
                body = "、".join(items[:-1]) + "和" + items[-1]
            else:
                body = "、".join(items)
            return rng.choice(("根据", "依据", "按照")) + t + sp + body + rng.choice(("的规定，", "规定，")) + self.provision()
        if slot.mode == "range":
            return "按照" + t + sp + "第" + cn_number(arts[0]) + "条至第" + cn_number(arts[1]) + "条的有关规定，" + \
                self.provision()
        return "依据" + t + sp + "第" + cn_number(arts[0]) + "条" + kuan + "规定，" + self.provision()

    def adopt(self, w: Work) -> str:
        t, k = self.title(w.title)
        n = self.number(w)
        self.g.pair(k, w.number)
        tail = "%s第%d次常务会议讨论通过，予以公布，自%s起施行。" % (w.gov, w.meeting, _cn_date(w.in_force))
        if w.form == "doc":
            o, c = self.paren
            return "根据%s文件%s%s%s%s已经于%s%s" % (w.gov, t, o, n, c, _cn_date(w.adopted), tail)
        return "根据%s%s已经%s%s" % (n, t, _cn_date(w.adopted), tail)

    # -- sections ------------------------------------------------------------------
    def basis(self, proj: Project, active, target):
        rng = self.rng
        units, items = [], []

        def flush():
            if not items:
                return
            lead = rng.choice(("依据", "根据", "按照"))
            r = rng.random()
            if r < 0.3:
                tail = "文件。"
            elif r < 0.6:
                tail = "文件，" + self.filler("basis", 1)
            elif r < 0.8:
                tail = "等文件精神，" + self.filler("basis", 1)
            else:
                tail = "文件相关要求，" + self.filler("basis", 1)
            units.append(lead + "、".join(items) + tail)
            items.clear()

        for slot, w in active:
            if slot.law is not None:
                if slot.mode == "title":
                    lw = slot.law.work
                    if lw is not None and rng.random() < 0.5:
                        items.append(self.pair(lw))
                    else:
                        items.append(self.law_title(slot.law))
                    if len(items) >= 4:
                        flush()
                else:
                    flush()
                    units.append(self.law_articles(slot))
                continue
            form = slot.form
            if form == "adopt" and w.gov is None:
                form = "pair"
            if form == "pair":
                items.append(self.pair(w))
            elif form == "title":
                items.append(self.title(w.title)[0])
                self.g.works.append(w)
            else:
                flush()
                if form == "bare":
                    units.append("根据" + self.pair(w, paren=False) + "文件相关要求，" + self.filler("basis", 1))
                elif form == "number":
                    o, c = self.paren
                    units.append("按照上级%s部门有关文件%s%s%s要求，%s" % (
                        self.dept["field"], o, self.number(w), c, self.filler("basis", 1)))
                else:
                    units.append(self.adopt(w))
            if len(items) >= 4:
                flush()
        flush()
        text = "".join(units)
        if not units:
            return self.filler("basis_none", target)
        if len(text) < target and rng.random() < 0.7:
            text = self.filler("basis", target, start=text)
        return text

    def content(self, proj, active5, recite, target):
        rng = self.rng
        parts = []
        for slot, w in active5:
            if slot.law is not None:
                if slot.mode == "title":
                    parts.append(self.law_title(slot.law) + self.require())
                else:
                    parts.append(self.law_articles(slot))
            elif slot.form == "title":
                parts.append(self.title(w.title)[0] + self.require())
                self.g.works.append(w)
            else:
                parts.append(self.pair(w) + self.require())
        if recite is not None:
            parts.append(self.pair(recite) + self.require())
        text = self.filler("nei", target)
        if parts:
            pos = rng.randint(0, 1)
            text = text + "".join(parts) if pos else "".join(parts) + text
        return text

    def funds(self, proj: Project, recite):
        rng, d = self.rng, self.dept
        total = int(proj.base * rng.uniform(0.85, 1.2))
        total = (total // 10000) * 10000 if rng.random() < 0.5 else (total // 100) * 100
        total = max(total, 10000)
        two = self.two_dp
        k = rng.choice((1, 2, 2, 3, 3, 4))
        cuts = sorted(rng.sample(range(1, total // 100), k - 1)) if total // 100 > k else []
        parts = [(b - a) * 100 for a, b in zip([0] + cuts, cuts + [total // 100])]
        items = rng.sample(d["items"], min(len(parts), len(d["items"])))
        parts = parts[:len(items)]
        parts[-1] += total - sum(parts)
        pre = ""
        if recite is not None:
            pre = "按照" + self.pair(recite) + "有关要求，"
        if rng.random() < self.cfg.no_total_rate:  # no single total
            src = [int(total * f) // 100 * 100 for f in (0.5, 0.3)]
            src.append(total - sum(src))
            text = pre + "资金来源为中央补助资金%s万元，省级补助资金%s万元，本级财政配套资金%s万元，按实际需求据实结算。" % tuple(
                _wan(x, two) for x in src)
            text += "资金严格按照国库集中支付有关规定拨付，专款专用。"
            return text, None
        r = rng.random()
        itemtxt = "；".join("%s%s万元" % (it, _wan(x, two)) for it, x in zip(items, parts))
        T = _wan(total, two)
        if r < 0.35:
            text = "安排%s，合计%s万元。" % (itemtxt, T)
        elif r < 0.6:
            text = "项目安排资金%s万元。主要用于%s和%s等工作，其中%s。" % (
                T, rng.choice(d["acts"]), rng.choice(d["acts"]), itemtxt)
        elif r < 0.85:
            cn = "一二三四五"
            lst = "；".join("%s是%s，小计%s万元" % (cn[i], it, _wan(x, two)) for i, (it, x) in enumerate(zip(items, parts)))
            text = "本项目计划安排资金%s万元。资金安排使用情况如下：%s。" % (T, lst)
        else:
            src = [int(total * f) // 100 * 100 for f in (0.4, 0.1)]
            src.append(total - sum(src))
            text = "%s项目中央资金%s万元，市级%s万元，本级配套%s万元，总计%s万元。" % (
                proj.name, _wan(src[0], two), _wan(src[1], two), _wan(src[2], two), T)
        if rng.random() < 0.4:
            text += "资金严格按照国库集中支付有关规定拨付，专款专用。"
        return pre + text, _wan_value(total)

    # -- the document ----------------------------------------------------------------
    def render(self):
        rng, year = self.rng, self.year
        n = len(self.projects)
        hi = max(120, 380 - 40 * (n - 1))
        blocks = []  # (kind, text): kind in head/para/name
        gold_projects = []
        for k, proj in enumerate(self.projects, 1):
            self.g = g = PGold()
            active2, active5 = [], []
            for slot in proj.slots:
                if slot.law is not None:
                    if slot.law.since > year - 1:
                        continue
                    (active5 if slot.section == 5 else active2).append((slot, None))
                else:
                    w = self.resolve(slot)
                    if w is None:
                        continue
                    (active5 if slot.section == 5 else active2).append((slot, w))
            numbered = [w for s, w in active2 if w is not None and s.form != "title"]
            recite5 = rng.choice(numbered) if numbered and rng.random() < 0.15 else None
            recite6 = rng.choice(numbered) if numbered and rng.random() < 0.06 else None
            t = lambda: rng.randint(100, hi)
            basis = self.basis(proj, active2, t())
            gai = self.filler("gai", t(), proj.unit)
            nei = self.content(proj, active5, recite5, t())
            funds, amount = self.funds(proj, recite6)
            plan = self.filler("plan", rng.randint(60, hi // 2 + 60))
            eff = self.filler("eff", t())
            for w in dict.fromkeys(g.works):
                w.cited += 1
            blocks.append(("proj", k))
            blocks.append(("head", _HEADINGS[0]))
            blocks.append(("name", proj.name))
            blocks.append(("head", _HEADINGS[1]))
            blocks.append(("para", basis))
            blocks.append(("head", _DAMAGED_HEADING if self.damaged else _HEADINGS[2]))
            blocks.append(("name", proj.unit))
            for h, p in zip(_HEADINGS[3:], (gai, nei, funds, plan, eff)):
                blocks.append(("head", h))
                blocks.append(("para", p))
            gold_projects.append({"no": k, "name": proj.name, "unit": proj.unit, "amount_wan": amount,
                                  "doc_numbers": g.nums, "titles": g.titles, "articles": g.arts, "pairs": g.pairs})
        text, page_lines = (self._layout_pdf if self.pdf else self._layout_clean)(blocks)
        u = self.used
        noise = {
            "pdf": self.pdf,
            "brackets": "".join(self.brackets) if u["brackets"] else None,
            "fullwidth": u["fullwidth"],
            "spaced": u["spaced"],
            "underscore": u["underscore"],
            "damaged_heading": self.damaged,
            "page_lines": page_lines,
            # decided flags (whether or not the document gave them something to act on)
            "planned": {"brackets": "".join(self.brackets) if self.brackets else None,
                        "fullwidth": self.fullwidth, "spaced": self.spaced, "underscore": self.underscore},
            "counts": {"numbers": u["numbers"], "doc_numbers": u["doc_numbers"], "joint_titles": u["joint_titles"]},
        }
        return text, gold_projects, noise

    def _layout_clean(self, blocks):
        rng = self.rng
        period = rng.random() < 0.3
        indent = "    " if rng.random() < 0.2 else ""
        out = ["\n"] if rng.random() < 0.3 else []
        out.append("%s%d年预算重点领域财政项目文本公开\n\n" % (self.b.name, self.year))
        for kind, text in blocks:
            if kind == "proj":
                out.append("项目%d.\n\n" % text)
            elif kind == "head":
                out.append(text + "\n\n")
            elif kind == "name":
                out.append(text + ("。\n" if period else "\n\n"))
            else:
                out.append(indent + text + "\n\n")
        return "".join(out), 0

    def _layout_pdf(self, blocks):
        rng, cfg = self.rng, self.cfg
        width = rng.randint(28, 36)
        pad = self._pad_digits
        lines = []  # physical lines
        head = " %s %d 年预算重点领域" % (self.b.name, self.year)
        lines += [head, "财政项目文本公开"]
        for kind, text in blocks:
            if kind == "proj":
                lines.append("项目 %d." % text)
            elif kind in ("head", "name"):
                lines.append(text)
            else:
                lines += self._wrap(pad(text), width)
        out = []
        page_len = rng.randint(24, 34)
        count, page, page_lines, lead = 0, rng.randint(2, 30), 0, ""
        for ln in lines:
            out.append(lead + ln + "\n\n")
            lead = ""
            count += 1
            if count >= page_len:
                count, page_len = 0, rng.randint(24, 34)
                if rng.random() < cfg.page_number_rate:
                    out.append("\n\n— %d —\n\n" % page)
                    page_lines += 1
                else:
                    lead = " "
                page += 1
        return "".join(out), page_lines

    def _pad_digits(self, text):
        rng = self.rng

        def sub(m):
            r = rng.random()
            if r < 0.35:
                return m.group(1)
            if r < 0.55:
                return " " + m.group(1)
            if r < 0.7:
                return m.group(1) + " "
            return " " + m.group(1) + " "
        return _SPACED_DIGITS.sub(sub, text)

    def _wrap(self, text, width):
        rng = self.rng
        out, i, n = [], 0, len(text)
        while i < n:
            w = width + rng.randint(-1, 1)
            chunk = text[i:i + w]
            narrow = (3 * len(chunk) - len(chunk.encode("utf-8"))) // 2
            if narrow > 1:
                chunk = text[i:i + w + narrow // 2]
            j = i + len(chunk)
            while j < n and text[j] in _NO_LINE_START:  # no line starts with closing punctuation
                j += 1
            while j < n and j - i > 2 and text[j - 1] in _NO_LINE_END:  # nor ends with an opening one
                j -= 1
            out.append(text[i:j])
            i = j
        return out


# ---------------------------------------------------------------------------
# The corpus
# ---------------------------------------------------------------------------

def _plan_bureaus(world: World, n_docs: int) -> list[Bureau]:
    """Bureaus in a round-robin over provinces (two at a time), each with its run of years."""
    rng, cfg = world.rng, world.cfg
    years = list(range(cfg.first_year, cfg.last_year + 1))
    provs = list(world.provinces)
    rng.shuffle(provs)
    seqs = []
    for prov in provs:
        seq = []
        prefs = [p for p in world.prefectures if p.parent is prov]
        rng.shuffle(prefs)
        for pref in prefs:
            group = [(r, d) for r in [pref] + [c for c in world.counties if c.parent is pref] for d in _DEPTS]
            rng.shuffle(group)
            seq.extend(group)
        top = [(prov, d) for d in _DEPTS]
        rng.shuffle(top)
        for i, pb in enumerate(top):  # spread the province-level bureaus over the sequence
            seq.insert(min(len(seq), i * 9 + rng.randint(0, 8)), pb)
        seqs.append(seq)
    order = []
    pos = [0] * len(seqs)
    while any(pos[i] < len(seqs[i]) for i in range(len(seqs))):
        for i, seq in enumerate(seqs):
            order.extend(seq[pos[i]:pos[i] + 2])
            pos[i] += 2
    bureaus, total = [], 0
    it = iter(order)
    syn_i = 0
    while total < n_docs:
        nxt = next(it, None)
        if nxt is None:  # the real regions are used up: make up counties
            pref = world.prefectures[syn_i % len(world.prefectures)]
            syn_i += 1
            county = world.synthetic_county(pref)
            extra = [(county, d) for d in _DEPTS]
            rng.shuffle(extra)
            it = iter(extra)
            continue
        region, dept = nxt
        b = Bureau(region, dept, len(bureaus) + 1)
        span = min(len(years), rng.choice((6, 6, 6, 5, 5, 4, 3, 2)))
        start = rng.randint(0, len(years) - span)
        b.years = years[start:start + span][: n_docs - total]
        total += len(b.years)
        bureaus.append(b)
    return bureaus


def build(docs: int, seed: int, config: Config | None = None, **knobs):
    """Generate the corpus in memory: ([(relative path, text)], gold)."""
    cfg = config or Config(**knobs)
    if config is not None and knobs:
        cfg = Config(**{**asdict(config), **knobs})
    rng = random.Random(seed)
    world = World(cfg, rng)
    files, gdocs = [], []
    for b in _plan_bureaus(world, docs):
        sim = BureauSim(world, b)
        for year in b.years:
            projects = sim.step(year)
            text, gprojects, noise = Renderer(world, b, year, projects).render()
            path = "%s/%d.txt" % (b.slug, year)
            files.append((path, text))
            gdocs.append({"file": path, "issuer": b.name, "year": year, "level": b.region.level,
                          "dept": b.dept["key"], "noise": noise, "projects": gprojects})
    return files, _gold(world, docs, seed, cfg, gdocs)


def _gold(world, docs, seed, cfg, gdocs):
    by_num = world.numbers
    stale = []
    seen_by_project = {}  # (issuer, project name) -> {number: [years]}
    for d in gdocs:
        year = d["year"]
        for p in d["projects"]:
            rec = seen_by_project.setdefault((d["issuer"], p["name"]), {})
            for num in p["doc_numbers"]:
                rec.setdefault(num, []).append(year)
                w = by_num[num]
                if w.replaced_by:
                    new = by_num[w.replaced_by]
                    if new.in_force <= (year, 1, 1):
                        stale.append({"file": d["file"], "project": p["no"], "year": year, "number": num,
                                      "replaced_by": w.replaced_by})
    citing = {}  # number -> project keys citing it
    for key, rec in seen_by_project.items():
        for num in rec:
            citing.setdefault(num, []).append(key)
    replacements = []
    for w in world.works:
        if not w.replaced_by:
            continue
        new = by_num[w.replaced_by]
        observed = False
        for key in citing.get(w.number, ()):
            rec = seen_by_project[key]
            b = rec.get(new.number)
            if b and min(rec[w.number]) < max(b):
                observed = True
                break
        replacements.append({"old": w.number, "new": new.number, "in_force": _iso(new.in_force),
                             "observed": observed})
    works = []
    for w in world.works:
        works.append({"number": w.number, "title": w.title.canonical, "issuers": list(w.issuers),
                      "kind": w.kind, "issued": _iso(w.issued), "in_force": _iso(w.in_force),
                      "adopted": _iso(w.adopted), "replaces": w.replaces, "replaced_by": w.replaced_by,
                      "promulgates": w.promulgates, "forwards": w.forwards, "cited": w.cited})
    laws = [{"title": l.title, "articles": l.articles, "number": l.work.number if l.work else None}
            for l in world.laws.values()]
    return {
        "about": "Generated by bench/generate.py: budget disclosures (预算重点领域财政项目文本公开) with every "
                 "planted citation. Shapes follow tests/fixtures/seeds-gold.json; titles are written as in the "
                 "text minus whitespace and '_' (compare by title key, nested brackets <> 〈〉 《》 alike); "
                 "numbers are canonical; a range 第X条至第Y条 counts every article from X to Y.",
        "generator": {"docs": docs, "seed": seed, "config": asdict(cfg)},
        "documents": gdocs,
        "works": works,
        "laws": laws,
        "replacements": replacements,
        "stale_citations": stale,
    }


def generate(out_dir, docs: int, seed: int, config: Config | None = None, **knobs) -> dict:
    """Write the corpus to ``out_dir`` (``<bureau>/<year>.txt`` + ``gold.json``); return the gold."""
    files, gold = build(docs, seed, config, **knobs)
    made = set()
    for path, text in files:
        full = os.path.join(out_dir, path)
        d = os.path.dirname(full)
        if d not in made:
            os.makedirs(d, exist_ok=True)
            made.add(d)
        with open(full, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "gold.json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump(gold, f, ensure_ascii=False, indent=1)
        f.write("\n")
    return gold


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", help="output directory")
    ap.add_argument("--docs", type=int, required=True, help="number of documents")
    ap.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    defaults = Config()
    for f in fields(Config):
        ap.add_argument("--" + f.name.replace("_", "-"), type=type(getattr(defaults, f.name)),
                        default=getattr(defaults, f.name), help="default %(default)s")
    a = ap.parse_args(argv)
    cfg = Config(**{f.name: getattr(a, f.name) for f in fields(Config)})
    t0 = time.perf_counter()
    gold = generate(a.out, a.docs, a.seed, cfg)
    dt = time.perf_counter() - t0
    n_bytes = sum(os.path.getsize(os.path.join(a.out, d["file"])) for d in gold["documents"])
    print("%d documents, %.1f MB, %d works, %d replacements, %d stale citations in %.1f s -> %s" % (
        len(gold["documents"]), n_bytes / 1e6, len(gold["works"]), len(gold["replacements"]),
        len(gold["stale_citations"]), dt, a.out), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
