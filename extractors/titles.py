"""Titles in 《》, nested titles, and what is not a policy title.

A title may span line breaks (matched in the cleaned view), nest another
(``《…关于印发<X>的通知》`` with ``<>``, ``〈〉`` or an inner ``《》``: both the
outer and the inner title are reported), or be left unclosed by a damaged
text: an unclosed ``《`` stops at the end of its sentence and never swallows
the rest of the document.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .normalize import FILE_EXTENSIONS, title_key, to_simplified
from .orgs import joint_issuers_left, lead_word_cut, org_left_edge
from .registry import Registry, load_registry
from .text import CleanText
from .types import Title

__all__ = ["find_titles", "classify_title", "TITLE_EXCLUSIONS", "GENERIC_TITLES", "PERIODICAL_AFTER", "WORK_CONTEXT"]

MAX_TITLE = 160  # cleaned characters; real titles are far shorter
_OPEN = {"《": "》", "〈": "〉", "<": ">", "＜": "＞"}
_CLOSE = {v: k for k, v in _OPEN.items()}
_HARD_STOP = set("。；！？\n")
# The characters _match acts on.
_SIGNIFICANT = re.compile("[" + re.escape("".join([*_OPEN, *_CLOSE, *_HARD_STOP])) + "]")

# Why a 《》 is not a policy document, as data: (category, suffixes, examples).
# Tables annexed to a law (《环境保护税税目税额表》) remain titles: only the kinds
# of table named here are excluded.
TITLE_EXCLUSIONS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("certificate", ("许可证", "证书", "执照", "登记证", "合格证", "资格证", "身份证", "居住证", "证件", "证明书", "证明", "证", "卡",
                     "牌照"),
     ("药品经营许可证", "社会团体法人登记证书", "江西省居住证", "受理证明", "机动车驾驶人身体条件证明")),
    ("form", ("笔录", "审批表", "登记表", "申请表", "申报表", "备案表", "核查表", "检查表", "评分表", "考核表", "调查表", "信息表",
              "情况表", "一览表", "统计表", "明细表", "汇总表", "认定表", "评定表", "鉴定表", "推荐表", "自荐表", "报名表", "归还表",
              "副表", "通知书", "告知书", "决定书", "意见书", "建议书", "申请书", "报告书", "承诺书", "确认书", "回执", "存根", "凭证",
              "票据",
              "登记簿", "台账", "记录", "物品清单", "告知单", "通知单", "收据",
              # the instruments of a case file (法律文书), not documents of policy
              "立案书", "移送书", "起诉书", "判决书", "裁定书", "调解书", "裁决书", "答辩书", "陈述书", "请求书",
              # records about one person or product, not documents of policy
              "验证报告", "检验报告", "检测报告"),
     ("继续盘问审批表", "当场盘问、检查笔录", "行政处罚告知书", "暂存物品清单", "社会团体年度检查报告书", "家庭经济困难学生认定表",
      "残疾评定表", "设备归还表", "机动车驾驶证申请表副表", "教育部学籍在线验证报告", "通知立案书", "涉嫌犯罪案件移送书",
      # round 21: what a person fills in to apply, and what an office issues to confirm an address
      "宁波市荣誉市民自荐表", "门楼号确认书", "送达地址确认书")),
    ("table", ("总表", "收支表", "收入表", "支出表", "预算表", "目标表", "绩效表", "决算表", "报表"),
     ("收支预算总表", "一般公共预算“三公”经费支出表", "一级项目绩效目标表")),
    ("newspaper", ("日报", "晚报", "时报", "商报", "法制报", "杂志", "周刊", "月刊", "画报", "学报"),
     ("温州日报", "人民日报")),
    # a website named as the source of a page (信息来源:《内蒙古自治区人民政府网》): a medium as a
    # newspaper is; a document's title ends with its kind, never with 网
    ("website", ("网", "网站"),
     ("内蒙古自治区人民政府网", "中国政府网", "人民网", "呼伦贝尔市人民政府门户网站")),
    ("register", ("产品公告", "名录", "名单"),
     ("道路机动车辆生产企业及产品公告", "全球生物物种名录（COL）", "国家危险废物名录（2021年版）")),
    # a statistics yearbook is a book of figures, whatever year it is of (《安康统计年鉴2022》)
    ("publication", ("年鉴",),
     ("安康统计年鉴2022", "漳平統計年鑒——2022", "中国统计年鉴")),
)

# A title that is nothing but a document type is a short self-reference or an
# alias (《办法》, 《规划》, 《实施意见》), never a citable title by itself; so is a
# bare draft stage (《修订稿》, 《征求意见稿》: the draft of a title named before).
GENERIC_TITLES = frozenset(
    """办法 条例 规定 意见 实施意见 指导意见 规划 总体规划 方案 实施方案 工作方案 决定 通知 细则 实施细则 规则 章程 准则 纲要 计划
    行动计划 标准 指南 制度 规范 批复 报告 请示 函 公告 通告 决议 法 本法 暂行办法 管理办法 实施办法 条款 协议 合同 附件 说明
    草案 修正案 征求意见稿 修订稿 送审稿 讨论稿 指引 导则 规程 守则 公约 大纲 要点 清单 目录 通报 通则 解释 复函
    公报 统计公报""".split()
)

# A note in brackets at the end (（2021年版）, （COL）, （样表）) does not change what the
# titled thing is: 《国家危险废物名录（2021年版）》 is a register as 《国家危险废物名录》 is.
_TRAILING_NOTE = re.compile(r"\([^()]{1,24}\)$")
# Nor does the year of an edition written after the name (《安康统计年鉴2022》, 《…年鑒——2022》).
_TRAILING_YEAR = re.compile(r"(?:-{1,2}|—{1,2})?(?:19|20)\d\d(?:年版|年|版)?$")
# A file name, with its extension (《行政许可文书格式范本.doc》): an attachment, not a citation.
_FILE_EXTENSION = re.compile(r"\." + FILE_EXTENSIONS + "$", re.IGNORECASE)
# Words that end in 证 without naming a certificate (社论《为实现中华民族伟大复兴提供有力保证》).
_NOT_CERTIFICATE = ("保证", "论证", "验证", "见证", "印证", "佐证", "例证", "求证", "考证", "辩证", "实证", "查证")


# Each category's suffixes as one tuple for str.endswith (any suffix of a
# category gives the same answer, so their order within it does not matter).
_EXCLUSION_SUFFIXES = tuple((category, tuple(suffixes)) for category, suffixes, _ in TITLE_EXCLUSIONS)
_NOT_NEWSPAPER = ("通报", "汇报", "简报", "公报", "快报", "情报", "预报", "年报", "报告")
_HAS_CJK = re.compile(r"[\u3400-\u9fff]")


@lru_cache(maxsize=16384)
def classify_title(title: str) -> str:
    """``policy`` or the kind of thing a 《》 holds instead (see TITLE_EXCLUSIONS)."""
    # Cached: a pure function of the title, and texts cite the same works again and again.
    # Read in simplified script: a traditional-script text names the same kinds (《統計公報》).
    key = to_simplified(title_key(title))
    if key[-1:] == ")" and (m := _TRAILING_NOTE.search(key)) is not None and m.start() > 0:
        key = key[:m.start()]  # (title_key folds （） to ())
    if _FILE_EXTENSION.search(key):
        return "file"
    if key[-1:].isdigit() and (m := _TRAILING_YEAR.search(key)) is not None and m.start() > 0:
        key = key[:m.start()]
    if key in GENERIC_TITLES:
        return "generic"
    for category, suffixes in _EXCLUSION_SUFFIXES:
        if key.endswith(suffixes):
            if category == "newspaper" and len(key) > 12:
                continue
            if category == "certificate" and key.endswith(_NOT_CERTIFICATE):
                continue
            return category
    if key.endswith("报") and len(key) <= 8 and not key.endswith(_NOT_NEWSPAPER):
        return "newspaper"
    if not _HAS_CJK.search(key):
        return "generic"
    return "policy"


def _issuer_before(ct: CleanText, p: int, reg: Registry) -> str | None:
    """The body written right before a title: 国务院《…》, 玉溪市人民政府文件《…》, without the
    words that introduce it (据湖北省地震局《…》 → 湖北省地震局), with the joint issuers written
    before it (教育部、外交部、财政部、体育总局《…》); or a body the registry knows
    (国务院应对新型冠状病毒肺炎疫情联防联控机制《…》)."""
    end = p - 2 if ct.clean[max(0, p - 2):p] == "文件" else p
    left = org_left_edge(ct, end)
    if left is None:
        # a body the registry knows whose name ends in no usual way (…联防联控机制《…》)
        left = reg.registered_body_before(ct.clean, end)
        if left is None or any(ct.gap(k) for k in range(left + 1, end)):
            return None
    else:
        left += lead_word_cut(ct.clean[left:end], reg)
    left = joint_issuers_left(ct, reg, left)
    return ct.clean[left:end]


def find_titles(ct: CleanText, registry: Registry | None = None) -> list[Title]:
    """Every 《…》 of the text (outer and nested), classified, in text order."""
    reg = registry or load_registry()
    s = ct.clean
    out: list[Title] = []
    n = len(s)
    i = s.find("《")
    while i >= 0:
        close, inner = _match(s, i, n)
        if close is None:
            i = s.find("《", i + 1)
            continue
        outer = _title(ct, i, close + 1, None, reg)
        if outer is not None:
            out.append(outer)
            for a, b in inner:
                t = _title(ct, a, b, outer.start, reg)
                if t is not None:
                    out.append(t)
        i = s.find("《", close + 1)
    return out


def _match(s: str, i: int, n: int) -> tuple[int | None, list[tuple[int, int]]]:
    """Index of the 》 closing the 《 at ``i`` and the (start, end) of the
    bracket pairs directly nested in it (end exclusive, brackets included)."""
    stack: list[tuple[str, int]] = [("《", i)]
    inner: list[tuple[int, int]] = []
    limit = min(n, i + MAX_TITLE + 2)
    k = i + 1
    # Jump from one bracket or stop character to the next: the others change nothing.
    search = _SIGNIFICANT.search
    while (m := search(s, k, limit)) is not None:
        k = m.start()
        c = s[k]
        if c in _OPEN:
            stack.append((c, k))
        elif c in _CLOSE:
            opener = _CLOSE[c]
            # Pop to the matching opener; unbalanced inner brackets are dropped.
            j = len(stack) - 1
            while j >= 0 and stack[j][0] != opener:
                j -= 1
            if j < 0:
                if c == "》":
                    return None, []
                k += 1
                continue
            b, pos = stack[j]
            del stack[j:]
            if not stack:
                return k, inner
            if len(stack) == 1:
                inner.append((pos, k + 1))
        elif c in _HARD_STOP:
            return None, []
        k += 1
    return None, []


# A periodical named by the word after its 《》 (第4期《求是》杂志, 《半月谈》杂志社): a
# newspaper-like title whose name alone does not end like one.  An issue number alone
# (第132期) is no sign: minutes and briefings are numbered so (《…会议纪要》第132期).
PERIODICAL_AFTER: dict[str, object] = {
    "regex": r"(?:杂志|期刊|周刊|月刊|半月刊|旬刊|编辑部)",
    "examples": ["今年第4期《求是》杂志发表重要文章", "《半月谈》杂志社记者"],
}
_PERIODICAL_AFTER = re.compile(PERIODICAL_AFTER["regex"])

# A film, programme, song, painting, book or school course named by the word right before
# its 《》 (纪录片《…》, 诗歌《…》, 画作《…》, 课程《…》) or right after it (《…》教育片, 《…》一书,
# 开好《红色文化》课程), or a book by its volume (《习近平谈治国理政》第四卷): a work, not a policy document.  Words only: a bare name (《新闻联播》) is not guessed.  Not
# 栏目/专栏 before a title (a website's column publishes policies: 文件发布栏目《关于印发…的通知》),
# and never a title that ends as a document does (…的通知, …办法).
WORK_CONTEXT: dict[str, object] = {
    "before": r"(?:电影|影片|电视剧|连续剧|纪录片|专题片|宣传片|教育片|警示片|动画片|歌曲|诗歌|诗词|小说|话剧|舞剧|歌剧|"
              r"图书|新书|书籍|专著|著作|诗集|画作|央视|电视台|课程|教材|读本)$",
    "after": r"等?(?:节目|栏目|电视剧|纪录片|专题片|宣传片|教育片|警示片|影片|剧组|一书|一剧|课程|教材|读本|校本课"
             r"|系列报道|专题报道|篇目|课文|第[一二三四五六七八九十0-9]{1,3}卷)",
    "examples": ["随后观看的纪录片《为国捐躯的县委书记——朱正传》", "齐声朗诵红色诗歌《如果信仰有颜色》",
                 "出自齐白石画作《蛙声十里出山泉》", "集体观看了《情映东沟红》教育片", "电影《环太平洋：雷霆再起》首日开画",
                 "央视《焦点访谈》聚焦中国开源", "请基于央视《焦点访谈》节目内容，提炼公务员面试高频考点素材",
                 "开好《红色文化》课程，广泛开展中华优秀传统文化教育", "编写地方教材《家乡的红色故事》",
                 "专题学习《习近平谈治国理政》第三卷", "组织党员干部们共同观看《二十大代表在基层》系列报道",
                 "他在“學習強國”點播《詩詞大會》節目", "學生在學習語文課《開國大典》、《小兵張嘎》、《地雷戰》、《地道戰》等篇目時"],
    "not": ["海南省残联官网文件发布栏目《关于印发〈海南省用人单位超比例安排残疾人就业奖励办法〉的通知》",
            "按照《义务教育课程方案（2022年版）》课程设置要求"],
}
_WORK_BEFORE = re.compile(WORK_CONTEXT["before"])
_WORK_AFTER = re.compile(WORK_CONTEXT["after"])
_DOCUMENT_ENDINGS = tuple(GENERIC_TITLES) + ("法典",)
_WORK_WORD_SPAN = 8  # characters read after a title (and before it, 3) for a work word
# Titles listed back to back or with 、/和/及 share the word after the last one
# (《開國大典》、《小兵張嘎》等篇目); at most this many are looked through.
_LISTED_TITLES = 12
_LIST_JOINERS = ("、", "，", ",", "和", "及", "与")


def _is_work(s: str, a: int, b: int) -> bool:
    """True when the words around the 《》 at ``s[a:b]`` name a work (纪录片《…》, 《…》节目,
    《…》第三卷), read in simplified script so that a traditional text is read alike."""
    if _WORK_BEFORE.search(to_simplified(s[max(0, a - 3):a])):
        return True
    k = b
    for _ in range(_LISTED_TITLES):
        joiner = next((j for j in _LIST_JOINERS if s.startswith(j, k)), "")
        nxt = k + len(joiner)
        if not s.startswith("《", nxt):
            break
        close = s.find("》", nxt + 1, nxt + MAX_TITLE + 2)
        if close < 0:
            break
        k = close + 1
    return _WORK_AFTER.match(to_simplified(s[k:k + _WORK_WORD_SPAN])) is not None


def _title(ct: CleanText, a: int, b: int, parent: int | None, reg: Registry) -> Title | None:
    s = ct.clean
    body = s[a + 1:b - 1]
    if not body or not body.strip():
        return None
    start, end = ct.span(a, b)
    category = classify_title(body)
    if category == "policy":
        if parent is None and _PERIODICAL_AFTER.match(s, b):
            category = "newspaper"
        elif _is_work(s, a, b) and not _ends_as_document(body):
            # nested too: a plan for studying a book (《…学习贯彻<习近平谈治国理政>第四卷学习计划》)
            category = "work"
    issuer = _issuer_before(ct, a, reg) if parent is None else None
    return Title(
        start=start,
        end=end,
        text=ct.text[start:end],
        cstart=a,
        cend=b,
        title=_display(body),
        key=title_key(body),
        parent=parent,
        issuer_before=issuer,
        category=category,
    )


def _ends_as_document(body: str) -> bool:
    """True when the title ends as a document does (…的意见, …方案), a trailing note in
    brackets aside (《义务教育课程方案（2022年版）》)."""
    key = title_key(body)
    if key[-1:] == ")" and (m := _TRAILING_NOTE.search(key)) is not None and m.start() > 0:
        key = key[:m.start()]
    return key.endswith(_DOCUMENT_ENDINGS)


def _display(body: str) -> str:
    # ASCII angle brackets come from &lt;/&gt; in web pages; keep as written.
    return body
