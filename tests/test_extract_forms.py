"""Table-driven tests of every citation form, positive and negative: (text, expected)."""

from __future__ import annotations

import pytest

from extractors import extract
from extractors.articles import ARTICLE_PATTERNS, MEASURE_NOUNS
from extractors.numbers import NUMBER_PATTERNS
from extractors.orgs import ISSUER_LEAD_WORDS, lead_word_cut
from extractors.registry import load_registry
from extractors.resolve import EDITION_BRACKETS, OTHER_INSTRUMENTS, SHORTENING_LEADS
from extractors.titles import PERIODICAL_AFTER, TITLE_EXCLUSIONS, WORK_CONTEXT, classify_title


def numbers(text: str) -> list[str]:
    return [n.number for n in extract(text).numbers]


def titles(text: str) -> list[str]:
    return [t.title for t in extract(text).cited_titles]


def articles(text: str) -> list[tuple[str | None, str]]:
    return [(a.law, a.article) for a in extract(text).cited_articles]


def pairs(text: str) -> list[tuple[str, str]]:
    return [(p.title.title, p.number.number) for p in extract(text).pairs]


# --------------------------------------------------------------- numbers

NUMBER_CASES = [
    # brackets of every kind around the year
    ("云医保〔2019〕45号", ["云医保〔2019〕45号"]),
    ("云医保[2019]45号", ["云医保〔2019〕45号"]),
    ("云医保［2019］45号", ["云医保〔2019〕45号"]),
    ("云医保【2019】45号", ["云医保〔2019〕45号"]),
    ("云医保（2019）45号", ["云医保〔2019〕45号"]),
    ("云医保(2019)45号", ["云医保〔2019〕45号"]),
    ("云医保〖2019〗45号", ["云医保〔2019〕45号"]),
    ("国能综通煤炭﹝2021﹞59号", ["国能综通煤炭〔2021〕59号"]),
    # spaces and line breaks anywhere inside, even inside the issuer code
    ("（澄\n\n政办发〔2020〕38号）", ["澄政办发〔2020〕38号"]),
    ("（玉政\n办发〔2019〕14号）", ["玉政办发〔2019〕14号"]),
    ("云医保 〔 2019 〕 45 号", ["云医保〔2019〕45号"]),
    # optional 第, leading zeros, full-width digits, a stray bracket
    ("国发〔2019〕第012号", ["国发〔2019〕12号"]),
    ("国办发〔２０２０〕１２号", ["国办发〔2020〕12号"]),
    ("（国市监竞争[2019]150）号）", ["国市监竞争〔2019〕150号"]),
    # the left edge of the issuer code
    ("根据云医保〔2019〕45号文件", ["云医保〔2019〕45号"]),
    ("依据玉政办发〔2019〕14号", ["玉政办发〔2019〕14号"]),
    ("贯彻落实国发〔2019〕5号文件精神", ["国发〔2019〕5号"]),
    ("省政府办公厅印发的赣府厅发〔2019〕22号和国办发〔2020〕12号", ["赣府厅发〔2019〕22号", "国办发〔2020〕12号"]),
    ("关于审理行政赔偿案件若干问题的规定\n\n法释〔2022〕10号", ["法释〔2022〕10号"]),
    ("北京市环境污染防治目标和对策的批复国函〔1999〕134号", ["国函〔1999〕134号"]),
    # announcements and orders keep their form with Arabic digits
    ("玉溪市人民政府公告第 49 号", ["玉溪市人民政府公告第49号"]),
    ("根据玉溪市人民政府公告第49号《", ["玉溪市人民政府公告第49号"]),
    ("国务院令第735号", ["国务院令第735号"]),
    ("中华人民共和国主席令第二十五号", ["中华人民共和国主席令第25号"]),
    ("国家税务总局公告2021年第5号", ["国家税务总局公告2021年第5号"]),
    ("省政府第145号令", ["省政府第145号令"]),
    ("按照总局2号令规定时间完成", ["总局2号令"]),
    ("中华人民共和国国务院令\r\n\r\n\u00a0第\u3000559\u3000号", ["中华人民共和国国务院令第559号"]),
    ("2017年11月22日 中华人民共和国国务院令第692号", ["中华人民共和国国务院令第692号"]),
    ("2000年10月31日原中华人民共和国国家发展计划委员会令第8号发布", ["中华人民共和国国家发展计划委员会令第8号"]),
    ("１９９８年２月１０日省人民政府令第６６号发布", ["省人民政府令第66号"]),
    ("宁波市第十三届人民代表大会常务委员会公告第33号", ["宁波市第十三届人民代表大会常务委员会公告第33号"]),
    ("工业和信息化部公告2019年第5号", ["工业和信息化部公告2019年第5号"]),
    # not document numbers
    ("（2019）京01民终1号", []),
    ("按照GB/T 9704-2012执行", []),
    ("〔 〕号", []),
    ("〔2019〕号", []),
    ("2019年12月31日", []),
    ("安排资金990万元，占比12.5%", []),
    ("电话：0877-6012345", []),
    ("第232号", []),
    ("省人民政府第66次常务会议", []),
    ("玉溪市人民政府专题会议纪要第132期", []),
    ("受理编号：〔2019〕001号", []),
    # lists of serials of one code and year: a number each
    ("根据云医保〔2019〕45、46号文件", ["云医保〔2019〕45号", "云医保〔2019〕46号"]),
    ("根据云医保〔2019〕45号、46号文件", ["云医保〔2019〕45号", "云医保〔2019〕46号"]),
    ("云医保〔2019〕45号和第046号", ["云医保〔2019〕45号", "云医保〔2019〕46号"]),
    ("云医保〔2019〕45号、\n46号", ["云医保〔2019〕45号", "云医保〔2019〕46号"]),
    ("按云医保〔2019〕45号和2号楼的要求", ["云医保〔2019〕45号"]),
    ("依据国务院令第735号和第736号", ["国务院令第735号", "国务院令第736号"]),
    ("玉溪市人民政府公告第49号、第五十号", ["玉溪市人民政府公告第49号", "玉溪市人民政府公告第50号"]),
    # the issuing body's name written right before its code
    ("根据省财政厅云财社〔2022〕56号", ["云财社〔2022〕56号"]),
    ("根据玉溪市医疗保障局玉医保发〔2021〕3号", ["玉医保发〔2021〕3号"]),
    ("根据赣府厅字〔2019〕5号", ["赣府厅字〔2019〕5号"]),
    # a local body's abbreviation the registry lacks, before a registered (central) code:
    # one character, or two that begin a county-level division's name
    ("根据宜财社〔2017〕21号文件", ["宜财社〔2017〕21号"]),
    ("（宛环函〔2020〕76号）", ["宛环函〔2020〕76号"]),
    ("根据历城应急〔2019〕73号", ["历城应急〔2019〕73号"]),
    # ... but not a word of the sentence
    ("经财社〔2017〕21号批准", ["财社〔2017〕21号"]),
    ("落实好财社〔2017〕21号", ["财社〔2017〕21号"]),
    ("其中财社〔2017〕21号", ["财社〔2017〕21号"]),
    ("通过国办发〔2017〕21号", ["国办发〔2017〕21号"]),
    ("总计〔1800〕5号", []),
    # inside a bracket nothing but the code stands before the year: a long code is not cut,
    # nor one that starts with a character that elsewhere is a word of the sentence
    ("（联防联控机制发〔2020〕28号）", ["联防联控机制发〔2020〕28号"]),
    ("按照联防联控机制发〔2020〕28号要求", ["联防联控机制发〔2020〕28号"]),
    ("（从医保〔2014〕150号）", ["从医保〔2014〕150号"]),
    ("（市民发〔2019〕12号）", ["市民发〔2019〕12号"]),
    # ... but a word before a registered code still is a word
    ("（见国发〔2019〕5号）", ["国发〔2019〕5号"]),
    ("（依国发〔2019〕5号）", ["国发〔2019〕5号"]),
    ("从医保〔2014〕150号起", ["医保〔2014〕150号"]),
    # joint issuers with spaces between their names
    ("（财政部 税务总局 海关总署公告2019年第39号）", ["财政部税务总局海关总署公告2019年第39号"]),
    ("按照财政部 税务总局公告2019年第39号执行", ["财政部税务总局公告2019年第39号"]),
    ("2019年11月30日 国家市场监督管理总局令第20号公布", ["国家市场监督管理总局令第20号"]),
    # the issuer written between the serial and 令
    ("国务院总理李克强签署第736号国务院令，公布", ["国务院令第736号"]),
    ("国家主席习近平签署第八十一号主席令予以公布", ["主席令第81号"]),
    ("国家主席习近平分别签署第37号、第38号、第39号主席令予以公布。", ["主席令第37号", "主席令第38号", "主席令第39号"]),
    ("国家主席习近平分别签署第46、47、48号主席令予以公布。", ["主席令第46号", "主席令第47号", "主席令第48号"]),
    ("根据第5号省政府令和第十号市政府令", ["省政府令第5号", "市政府令第10号"]),
    ("这是第一号命令", []),
    ("按照第3号令执行", []),
    # a heading glued to its number ends with its document type, whatever the type
    ("关于2019年度工作情况的通报赣市监办〔2020〕3号", ["赣市监办〔2020〕3号"]),
    ("市政府常务会议纪要宜府纪〔2019〕5号", ["宜府纪〔2019〕5号"]),
    ("关于禁止燃放烟花爆竹的通告赣府字〔2019〕2号", ["赣府字〔2019〕2号"]),
    # after a number, 和 joins two numbers and is no part of the next issuer
    ("依据国务院令第735号和国务院令第736号", ["国务院令第735号", "国务院令第736号"]),
    # a ministry's own short order form, right after an opening bracket only
    ("发布了《核动力厂营运单位核安全报告规定》（部令第13号），于2021年1月1日起施行", ["部令第13号"]),
    ("《海关行政处罚实施条例》（署令第240号）", ["署令第240号"]),
    # an announcement numbered with a year bracket under its body's full name
    ("根据中国证券监督管理委员会公告〔2017〕13号的规定", ["中国证券监督管理委员会公告〔2017〕13号"]),
    ("中国证券监督管理委员会公告\n〔2017〕13号\n", ["中国证券监督管理委员会公告〔2017〕13号"]),
    ("根据国家税务总局公告〔2015〕5号", ["国家税务总局公告〔2015〕5号"]),
    ("按照省财政厅云财社〔2022〕56号", ["云财社〔2022〕56号"]),
    # an announcement with its year before the serial and 公告 last, kept as written
    ("根据国家税务总局2019年第12号公告的规定", ["国家税务总局2019年第12号公告"]),
    ("（国家税务总局2018年第28号公告）", ["国家税务总局2018年第28号公告"]),
    ("按照2019年第3号公告执行", []),
    ("根据部令第5号", []),
    ("（部公告第5号）", []),
    # 〔〕 copied out of a PDF set in a Founder font come out as „‟
    ("根据《国务院办公厅关于加强普通高等学校毕业生就业工作的通知》(国办发„2009‟3号)精神", ["国办发〔2009〕3号"]),
    ("财政部、环保部《中央农村环境保护专项资金管理暂行办法》(财建„2009‟165号)、", ["财建〔2009〕165号"]),
    ("按„2009‟年度计划执行", []),
    # an order written without its 第, by a body of known level, or with its serial in brackets
    ("(1991年3月26日济南市人民政府令19号发布)", ["济南市人民政府令第19号"]),
    ("州政府令(第22号)", ["州政府令第22号"]),
    ("市人民政府令（第18号）", ["市人民政府令第18号"]),
    ("责令15号楼业主整改", []),
    ("某公司令3号", []),
    ("公告5号", []),
    ("国务院令（2019年修订）", []),
    # case numbers written like document numbers: an arbitration award, a court case in the
    # code-first order (cases are not documents, as （2019）京01民终1号 is not) ...
    ("依法撤销新泰市劳动争议仲裁委员会新劳人仲案字（2015）第228号裁决书", []),
    ("作出的劳人仲案字〔2019〕第123号仲裁裁决", []),
    ("不服本院金婺商初字〔2011〕第1054号民事判决", []),
    # ... but an arbitration commission's own documents are numbered as documents
    ("长沙仲裁委员会关于印发规则的通知（长仲发〔2019〕3号）", ["长仲发〔2019〕3号"]),
    # a body's full name on the line above a code whose region the registry lacks
    ("信息来源: 市人民政府办公室\n\n齐政办发〔2019〕29号", ["齐政办发〔2019〕29号"]),
    # a decision's head line (…决定书) runs into its own number
    ("重庆市万州区市场监督管理局\n行政处罚决定书\n渝万州市监处字〔2023〕497号", ["渝万州市监处字〔2023〕497号"]),
    # round 8 (real numbers of many provinces): a local code starts at a place head (a region
    # abbreviation, a place's first character, a prefecture's short name, a county's first two
    # characters) followed by a government body's code, even after a word that is no boundary
    ("根据大兴安岭行署发〔2019〕1号", ["大兴安岭行署发〔2019〕1号"]),
    ("经大兴安岭行署发〔2019〕1号批准", ["大兴安岭行署发〔2019〕1号"]),
    ("经恩施州政办发〔2022〕41号批准", ["恩施州政办发〔2022〕41号"]),
    ("经咸政办发〔2019〕60号批准", ["咸政办发〔2019〕60号"]),
    ("经齐政办发〔2019〕29号批准", ["齐政办发〔2019〕29号"]),
    ("经平政〔2023〕9号批准", ["平政〔2023〕9号"]),
    ("又经鄂州政发〔2020〕13号", ["鄂州政发〔2020〕13号"]),
    ("根据锡盟行署发〔2019〕5号", ["锡盟行署发〔2019〕5号"]),
    # ... or, after a word character, a province before a registered code or agency
    ("经冀财教〔2017〕12号批准", ["冀财教〔2017〕12号"]),
    ("经晋医保发〔2021〕14号批准", ["晋医保发〔2021〕14号"]),
    ("经苏自然资发〔2021〕128号批准", ["苏自然资发〔2021〕128号"]),
    # verbs of issuing and words that introduce an example stand before a code
    ("市政府出台咸政办发〔2019〕60号", ["咸政办发〔2019〕60号"]),
    ("市政府出台瑞政发〔2020〕73号", ["瑞政发〔2020〕73号"]),
    ("市政府出台汉医保发〔2024〕18号", ["汉医保发〔2024〕18号"]),
    ("又如黔江府办发〔2022〕11号", ["黔江府办发〔2022〕11号"]),
    ("其中晋政办发〔2021〕45号", ["晋政办发〔2021〕45号"]),
    ("例如发改办投资〔2013〕428号", ["发改办投资〔2013〕428号"]),
    # ... but a head is not a word of the sentence, nor part of a registered code
    ("其中国发〔2018〕43号", ["国发〔2018〕43号"]),
    ("其中医保发〔2020〕32号", ["医保发〔2020〕32号"]),
    ("又如国办发〔2021〕2号", ["国办发〔2021〕2号"]),
    ("经中山市中府办〔2019〕3号", ["中府办〔2019〕3号"]),
    ("市政府出台发改办投资〔2013〕428号", ["发改办投资〔2013〕428号"]),
    ("经研究财社〔2019〕3号", ["财社〔2019〕3号"]),
    ("全省民政系统民发〔2019〕3号", ["民发〔2019〕3号"]),
    ("黄冈市政府黄政发〔2019〕3号", ["黄政发〔2019〕3号"]),
    # verbs of citing and repealing end the text before a code or an issuer (real source notes)
    ("国家税务总局吉林省税务局（引吉财税〔2016〕726号）", ["吉财税〔2016〕726号"]),
    ("城中区人民政府惠企政策专题引用桂财税〔2016〕47号：安排比例", ["桂财税〔2016〕47号"]),
    ("有效期5年，同时废止琼残字〔2016〕85号。", ["琼残字〔2016〕85号"]),
    ("分档减缴按财政部公告2023年第8号。", ["财政部公告2023年第8号"]),
    ("（引国发〔2018〕20号）", ["国发〔2018〕20号"]),
    # a one-character series in brackets inside a code (宁夏财政厅)
    ("宁财（综）发〔2016〕892号：安排比例1.5%。", ["宁财（综）发〔2016〕892号"]),
    ("减免见宁财(社)发〔2017〕364号。", ["宁财（社）发〔2017〕364号"]),
    # ... but not a body's name, nor a heading's bracket
    ("自治区财政厅（局）发〔2019〕3号", ["发〔2019〕3号"]),
    ("《实施办法》（试行）发〔2019〕3号", ["发〔2019〕3号"]),
    # a province's one-character abbreviation after words of the sentence, before a code
    # that starts like one (real source notes of 安徽, 贵州, 甘肃)
    ("安徽省有关部门（绩溪县政府网公开皖民务函〔2024〕237号）", ["皖民务函〔2024〕237号"]),
    ("绩溪县政府网载明皖民务函〔2024〕237号", ["皖民务函〔2024〕237号"]),
    ("惠企政策专题载桂财税〔2016〕47号", ["桂财税〔2016〕47号"]),
    ("具有贵州省户籍，并符合黔府发〔2016〕2号及后续提标", ["黔府发〔2016〕2号"]),
    ("政策载明甘政办发〔2020〕87号", ["甘政办发〔2020〕87号"]),
    # ... but not a word of the sentence
    ("资金用于确保财社〔2016〕47号", ["财社〔2016〕47号"]),
    ("加强管理新财社〔2016〕47号", ["财社〔2016〕47号"]),
    ("根据办公厅办发〔2020〕87号", ["办发〔2020〕87号"]),
    # a province's abbreviation after any word, before an agency's code (山东 source notes)
    ("后续鲁民〔2021〕86号、鲁民〔2022〕64号等完善文件", ["鲁民〔2021〕86号", "鲁民〔2022〕64号"]),
    # 国家 before a registered ministry code is a word
    ("征收上限；国家发改价格规〔2019〕2015号后征收", ["发改价格规〔2019〕2015号"]),
    ("（国家发改价格规〔2019〕2015号）", ["发改价格规〔2019〕2015号"]),
    ("国家卫健委国卫办医发〔2019〕3号", ["国卫办医发〔2019〕3号"]),
    # a run that starts like a code only through a one-character agency that is a word there
    ("公务宿政规发〔2022〕8号", ["宿政规发〔2022〕8号"]),
    ("交通苏自然资函〔2021〕769号", ["苏自然资函〔2021〕769号"]),
    ("建设单位晋政办发〔2019〕32号", ["晋政办发〔2019〕32号"]),
    # ... a place head is not followed by another place's code, nor by a central code
    ("经营浙政发〔2020〕11号", ["浙政发〔2020〕11号"]),
    ("重要港口浙政发〔2020〕11号", ["浙政发〔2020〕11号"]),
    ("指经重庆晋政办发〔2019〕32号", ["晋政办发〔2019〕32号"]),
    ("员会应当渝府发〔2019〕25号", ["渝府发〔2019〕25号"]),
    ("销售冷藏国发明电〔2014〕1号", ["国发明电〔2014〕1号"]),
    ("符合发国办发〔2021〕2号", ["国办发〔2021〕2号"]),
    ("工作的通 知\n国办发〔2007〕12号", ["国办发〔2007〕12号"]),
    ("响道路通渭政办发〔2022〕55号", ["渭政办发〔2022〕55号"]),
    # ... nor a place's initial the registry does not list, before a central code
    ("划基本达教学厅函〔2013〕25号", ["教学厅函〔2013〕25号"]),
    ("国台办发〔2019〕3号", ["国台办发〔2019〕3号"]),
    # round 11: a year written with its 年 inside the bracket, in any bracket (财政部 税务总局〔2023年〕第12号,
    # 鲁政发〔2019年〕12号): the canonical year bracket is 〔2019〕, 第 and leading zeros dropped
    ("根据鲁政发〔2019年〕12号文件", ["鲁政发〔2019〕12号"]),
    ("按照鲁政发〔2019年〕第12号文件", ["鲁政发〔2019〕12号"]),
    ("（财税字(1994年)第001号）", ["财税字〔1994〕1号"]),
    ("依据皖政办[2018年]45号、46号文件", ["皖政办〔2018〕45号", "皖政办〔2018〕46号"]),
    ("依据湘人社发【２０１８年】５９号", ["湘人社发〔2018〕59号"]),
    # ... but a year in brackets with no serial and 号 after it is no number (an edition, a Japanese era)
    ("依照《中华人民共和国刑法》(1997年)第二十五条", []),
    ("《政府工作报告（2019年）》12月发布", []),
    ("考試合格（令和7年〔2025年〕第202500525號）", []),
    # round 11: 号令 after a bracketed number makes it an order in the inverted form, kept as written
    # like 总局2号令 (《廉租住房保障办法》（建设部〔2007〕第162号令）)
    ("《廉租住房保障办法》（建设部〔2007〕第162号令）", ["建设部〔2007〕第162号令"]),
    ("根据省政府[2010]015号令规定", ["省政府〔2010〕15号令"]),
    # ... but not 令人 / 令行 after a number (令 as a verb of the sentence)
    ("国发〔2019〕12号令人鼓舞", ["国发〔2019〕12号"]),
    ("落实鲁政发〔2019〕12号令行禁止", ["鲁政发〔2019〕12号"]),
    # round 11: a code letter-spaced inside an opened bracket starts at the bracket
    # (《…认证管理办法》（国 保发[2008]8 号）同时废止)
    ("的《保密资格审查认证管理办法》（国 保发[2008]8 号）同时废止", ["国保发〔2008〕8号"]),
    ("（国 办 发〔2019〕1号）", ["国办发〔2019〕1号"]),
    # ... but a word of the sentence or a longer piece before the space is not part of the code
    ("（如 国发〔2019〕5号）", ["国发〔2019〕5号"]),
    ("（见 国发〔2019〕5号）", ["国发〔2019〕5号"]),
    ("（附件 国发〔2019〕5号）", ["国发〔2019〕5号"]),
    ("（发改 委 国发〔2019〕5号）", ["国发〔2019〕5号"]),
    # round 11: an order or announcement numbered with a year bracket (财政部令〔2023〕第1号,
    # 中国人民银行令〔2024〕第1号) names its body in full, 和 included
    ("按照住房和城乡建设部令〔2019〕第47号", ["住房和城乡建设部令〔2019〕47号"]),
    ("根据人力资源和社会保障部公告〔2019〕第3号", ["人力资源和社会保障部公告〔2019〕3号"]),
    ("（和平区政府令〔2015〕第2号）", ["和平区政府令〔2015〕2号"]),
    # ... while 和 before a code that is not an order's still ends the sentence's words
    ("根据财政部和国发〔2019〕5号", ["国发〔2019〕5号"]),
    ("根据中国人民银行令〔2024〕第1号", ["中国人民银行令〔2024〕1号"]),
    # round 13 (city and county fund notices): a place head followed by a level character names a
    # place of that level; 老 (of 老河口市) + 区办 names none, so the head of 永老区办 (永安市老区办) is 永
    ("备注/文号: 永老区办〔2021〕5号", ["永老区办〔2021〕5号"]),
    ("永老区办〔2021〕5号\n来源:永安市民政局", ["永老区办〔2021〕5号"]),
    ("经永老区办〔2021〕5号批准", ["永老区办〔2021〕5号"]),
    # ... while a head of that level still starts the code
    ("经恩施州政办发〔2022〕41号批准", ["恩施州政办发〔2022〕41号"]),
    ("经黔江区政办发〔2022〕11号批准", ["黔江区政办发〔2022〕11号"]),
    # round 13: a bracketed series inside a code whose head does not start like a code, inside an
    # opened bracket (闽清县财政局 梅财(事)指〔2021〕70号)
    ("(梅财(事)指〔2021〕70号)和", ["梅财（事）指〔2021〕70号"]),
    ("（梅财（事）指〔2021〕70号）", ["梅财（事）指〔2021〕70号"]),
    # ... but not a body's name nor a one-character word in the bracket
    ("（财政厅（局）发〔2019〕3号）", ["发〔2019〕3号"]),
    ("（如（试行）发〔2019〕3号）", ["发〔2019〕3号"]),
    # round 15: numbers of traditional-script pages (big5.www.gov.cn, 國函〔2000〕70號): 號 after a
    # numeral is 号, and code, body and boundary words read as simplified (canonical 国发…号)
    ("為全面貫徹落實《決定》(中發〔2006〕4號)、《綱要》(國發〔2005〕44號)",
     ["中发〔2006〕4号", "国发〔2005〕44号"]),
    ("根據國發〔2005〕44號文件精神", ["国发〔2005〕44号"]),
    ("你省《關於撤銷忻州地區的請示》(晉政字〔2000〕9號)收悉", ["晋政字〔2000〕9号"]),
    ("國函〔2000〕70號\n山西省人民政府:", ["国函〔2000〕70号"]),
    ("依據國務院令第588號和第589號", ["国务院令第588号", "国务院令第589号"]),
    ("依據《辦法》(皖政辦〔2016〕29號)", ["皖政办〔2016〕29号"]),
    # ... but 號 that follows no numeral is no number's (號召), and a code that a converter's
    # romanised reading cuts in two (財(cái)社) cannot be read
    ("響應國家號召，第三批", []),
    ("《暫行辦法》(財(cái)社〔2015〕257號(hào))", []),
    # round 15: the year in brackets before the code, as 1990s central documents wrote it
    # (财政部 国家税务总局 1994 notice: 可按（94）财税字第12号《…的通知》中有关规定)
    ("可按（94）财税字第12号《财政部、国家税务总局关于运输费用和废旧物资准予抵扣进项税额问题的通知》中有关规定",
     ["财税字〔1994〕12号"]),
    ("根据(1994)财税字第12号文件", ["财税字〔1994〕12号"]),
    ("依据（93）国税发第1号和国发〔1994〕12号", ["国税发〔1993〕1号", "国发〔1994〕12号"]),
    # ... but not a court case written year first, nor a list item's number
    ("（2016）最高法民终123号", []),
    ("（2019）民申字第3号", []),
    ("（12）国税发第5号", []),
    # ... while a code the note does not touch is read (the note ends a word before it)
    ("設(shè)立地級忻州市的批復\n國函〔2000〕70號", ["国函〔2000〕70号"]),
    # round 18: a procurement or project code written as a number names a tender, not a document
    ("项目编号：包采谈〔2018〕1096号", []),
    ("二、采购项目编号： 包采谈〔2018〕1096号 预算金额：12万元", []),
    ("标段编号：包采谈〔2018〕1096号、1097号", []),
    # ... while a document's own number under its label stays one
    ("文件编号：云医保〔2019〕45号", ["云医保〔2019〕45号"]),
    ("采购项目编号：ZFCG-2017-073，依据云财采〔2017〕12号文件", ["云财采〔2017〕12号"]),
    # round 17: joint issuers enumerated with 、 issue one announcement or order, the 、 kept
    # as written; the words before the first body are no part of it
    ("以及纳入《有毒有害大气污染物名录（2018年）》（生态环境部、卫生健康委公告2019年第4号）的物质",
     ["生态环境部、卫生健康委公告2019年第4号"]),
    ("《关于深化增值税改革有关政策的公告》（财政部、税务总局、海关总署公告2019年第39号）",
     ["财政部、税务总局、海关总署公告2019年第39号"]),
    ("会同教育部、公安部令第5号", ["教育部、公安部令第5号"]),
    # ... while numbers listed with 、 stay two, and joint issuers written with spaces lose them
    ("根据国家税务总局公告2019年第1号、财政部公告2019年第2号", ["国家税务总局公告2019年第1号", "财政部公告2019年第2号"]),
    ("（财政部 税务总局 海关总署公告2019年第39号）", ["财政部税务总局海关总署公告2019年第39号"]),
    # round 19 (city, county and township documents of the least seen regions): a district the first
    # list of county names lacked (渝北区) heads its own code after words and lines that are no
    # boundary (重庆市渝北区人民政府 portal page: 主 题 词: 行政事务 ⏎ 渝北府发〔2017〕7号)
    ("主 题 词: 行政事务\n \n渝北府发〔2017〕7号", ["渝北府发〔2017〕7号"]),
    ("经渝北府发〔2017〕7号批准", ["渝北府发〔2017〕7号"]),
    # ... while a head of no division is no part of it (北府发 stays the code after 经营)
    ("经营北府发〔2017〕7号", ["北府发〔2017〕7号"]),
    # round 19: a place's initial and its division's level before a registered (central) code: a district's
    # or county's department (吐鲁番市高昌区: 文  号 高区财农〔2023〕45号, 高昌区财政局's 农 series)
    ("文  号 高区财农〔2023〕45号 主题分类 生态保护", ["高区财农〔2023〕45号"]),
    ("根据高区财农〔2023〕45号文件", ["高区财农〔2023〕45号"]),
    ("依据高区财农〔2023〕45号的规定", ["高区财农〔2023〕45号"]),
    # ... but not a word of the sentence that ends with a level (辖区, 全区, 本县: no division is 辖…区)
    ("辖区财农〔2023〕45号", ["财农〔2023〕45号"]),
    ("全区财农〔2023〕45号", ["财农〔2023〕45号"]),
    ("本县财社〔2017〕21号", ["财社〔2017〕21号"]),
    # round 19: a traditional-script page's code is read simplified whatever place heads it, not only the
    # places the fold table once named (懷化市人民政府辦公室: 懷政辦發〔2023〕9號)
    ("HHCR-2023-01005\n\n懷政辦發〔2023〕9號\n\n懷化市人民政府辦公室", ["怀政办发〔2023〕9号"]),
    ("根據《懷化市貫徹落實實施方案》(懷政辦發〔2023〕9號)文件", ["怀政办发〔2023〕9号"]),
    # ... while a simplified page's code stays as it is
    ("怀政办发〔2023〕9号", ["怀政办发〔2023〕9号"]),
    # round 19: a code that begins a line is read from the line's start: the words of a metadata line
    # or a heading that no boundary word ends are no part of it, nor cut its head (portal pages:
    # 主 题 词: 行政事务 ⏎ 渝北府发〔2017〕7号; 兴安盟行政公署 兴署发〔2019〕1号: 署 alone is its body)
    ("主 题 词: 行政事务\n \n兴署发〔2019〕1号", ["兴署发〔2019〕1号"]),
    ("郎溪县人民政府工作规则\n郎政办秘〔2018〕77号", ["郎政办秘〔2018〕77号"]),
    ("主题分类:综合政务\n海发改办〔2020〕1085号", ["海发改办〔2020〕1085号"]),
    ("信息分类:行政事务\n大渡口府文〔2001〕119号", ["大渡口府文〔2001〕119号"]),
    # ... but a line break that splits a code (PDF text) is no boundary: a place's head runs across it,
    # the piece before it is a place's abbreviation, or a bracket holds the whole code
    ("根据黔东\n南府办发〔2019〕1号", ["黔东南府办发〔2019〕1号"]),
    ("根据恩施\n州政办发〔2022〕41号", ["恩施州政办发〔2022〕41号"]),
    ("根据高区\n财农〔2023〕45号", ["高区财农〔2023〕45号"]),
    ("（联防联控\n机制发〔2020〕28号）", ["联防联控机制发〔2020〕28号"]),
    ("根据\n省财政厅云财社〔2022〕56号", ["云财社〔2022〕56号"]),
    # ... nor is 署 alone a body after a word that heads no place
    ("根据署税发〔2019〕1号", ["署税发〔2019〕1号"]),
    # round 20: joint issuers written with 、 before an order, its year in brackets or not
    # (西安交通大学 2021: 《学校招收和培养国际学生管理办法》（教育部、外交部、公安部令〔2017〕第42号）)
    ("《学校招收和培养国际学生管理办法》（教育部、外交部、公安部令〔2017〕第42号）",
     ["教育部、外交部、公安部令〔2017〕42号"]),
    ("《学校招收和培养国际学生管理办法》（教育部、外交部、公安部令第42号）", ["教育部、外交部、公安部令第42号"]),
    ("《外商投资准入特别管理措施（负面清单）》（国家发展改革委、商务部令2021年第47号）",
     ["国家发展改革委、商务部令2021年第47号"]),
    ("《会计档案管理办法》（财政部 国家档案局令〔2015〕第79号）", ["财政部国家档案局令〔2015〕79号"]),
    # ... not a title or a word before the 、
    ("依据《财政票据管理办法》、财政部令第70号", ["财政部令第70号"]),
    ("按照规定、公安部令第42号", ["公安部令第42号"]),
    # round 20: a State Council bureau's own short order form in brackets (《药品说明书和标签管理规定》（局令第24号）)
    ("法规依据包括《药品说明书和标签管理规定》（局令第24号）", ["局令第24号"]),
    # ... only right after the bracket
    ("依据局令第24号", []),
    # round 22: a number in an attachment's file name names the file (山西省能源局 page whose only
    # content is the attachment link …的通知（晋能源信监发〔2021〕272号）.pdf)
    ("关于做好2021年全省煤炭储备能力建设工作的通知（晋能源信监发〔2021〕272号）.pdf", []),
    ("附件：1.赣府字〔2020〕1号.doc\n2.关于印发实施方案的通知（国办发〔2019〕6号）.DOCX", []),
    # ... while a number that ends its sentence or a line before a file name stays
    ("根据《关于印发实施方案的通知》（国办发〔2019〕6号）。下载：实施方案.pdf", ["国办发〔2019〕6号"]),
    ("《关于印发实施方案的通知》（国办发〔2019〕6号）.现将有关事项通知如下", ["国办发〔2019〕6号"]),
]


@pytest.mark.parametrize("text,expected", NUMBER_CASES)
def test_numbers(text, expected):
    assert numbers(text) == expected


def test_attachment_file_name_examples():
    from extractors.numbers import ATTACHMENT_FILE_NAME
    assert all(numbers(x) == [] for x in ATTACHMENT_FILE_NAME["examples"])
    assert all(numbers(x) for x in ATTACHMENT_FILE_NAME["not"])


def test_project_code_label_examples():
    from extractors.numbers import _PROJECT_CODE_LABEL, PROJECT_CODE_LABEL
    assert all(_PROJECT_CODE_LABEL.search(x) for x in PROJECT_CODE_LABEL["examples"])
    assert not any(_PROJECT_CODE_LABEL.search(x) for x in PROJECT_CODE_LABEL["not"])


@pytest.mark.parametrize("name", list(NUMBER_PATTERNS))
def test_number_pattern_examples(name):
    for text, expected in NUMBER_PATTERNS[name]["examples"]:
        assert expected in numbers(text), (name, text)


def test_number_spans_are_exact():
    text = "依据《澄江市人民政府办\n\n公室关于印发澄江市 2020 年城乡医疗救助实施细则》（澄\n\n政办发〔2020〕38号）文件。"
    ex = extract(text)
    (n,) = ex.numbers
    assert n.text == "澄\n\n政办发〔2020〕38号"
    assert text[n.start:n.end] == n.text


# --------------------------------------------------------------- titles

TITLE_CASES = [
    ("依据《云南省医疗保障局关于进一步做好云南省城乡医疗救助工作的通知》", ["云南省医疗保障局关于进一步做好云南省城乡医疗救助工作的通知"]),
    # nested titles give the outer and the inner title
    ("《云南省医疗保障局 云南省财政厅关于印发<云南省欺诈骗取医疗保障基金行为举报奖励实施细则（试行）>的通知》",
     ["云南省医疗保障局云南省财政厅关于印发<云南省欺诈骗取医疗保障基金行为举报奖励实施细则（试行）>的通知",
      "云南省欺诈骗取医疗保障基金行为举报奖励实施细则（试行）"]),
    ("《国务院关于修改〈建设项目环境保护管理条例〉的决定》", ["国务院关于修改〈建设项目环境保护管理条例〉的决定", "建设项目环境保护管理条例"]),
    ("《山东省实施《中华人民共和国道路交通安全法》办法》", ["山东省实施《中华人民共和国道路交通安全法》办法", "中华人民共和国道路交通安全法"]),
    # spanning line breaks
    ("《玉溪市\n\n医疗保障局关于转发进一步做好云南省城乡医疗救助工作\n\n的通知》", ["玉溪市医疗保障局关于转发进一步做好云南省城乡医疗救助工作的通知"]),
    # back to back
    ("《中华人民共和国价格法》《价格违法行为行政处罚规定》", ["中华人民共和国价格法", "价格违法行为行政处罚规定"]),
    # an unclosed 《 never swallows the rest
    ("《未闭合的标题 后面还有很多文字。依据《真正的标题》办理", ["真正的标题"]),
    ("《" + "很长" * 200, []),
    # aliases: the short name is not a title of its own
    ("根据《中华人民共和国反间谍法》(以下简称《反间谍法》)，依据《反间谍法》第八条", ["中华人民共和国反间谍法"]),
    ("原则同意《鹰潭港总体规划》（以下简称《规划》）。《规划》实施", ["鹰潭港总体规划"]),
    # not policy documents
    ("持有《药品经营许可证》《继续盘问审批表》《温州日报》《行政处罚告知书》《收支预算总表》", []),
    ("有本《办法》第二十条规定行为之一", []),
    ("国务院《医疗事故处理条例》", ["医疗事故处理条例"]),
    # a tax schedule annexed to a law is a title
    ("环境保护税法所附《环境保护税税目税额表》", ["环境保护税税目税额表"]),
    # a periodical named by what follows it; the article it publishes stays a title
    ("今年第4期《求是》杂志发表重要文章《在中央政治局常委会会议研究应对新型冠状病毒肺炎疫情工作时的讲话》",
     ["在中央政治局常委会会议研究应对新型冠状病毒肺炎疫情工作时的讲话"]),
    ("9月16日出版的第18期《求是》杂志将发表重要文章《毫不动摇坚持和加强党的全面领导》", ["毫不动摇坚持和加强党的全面领导"]),
    ("《半月谈》杂志社记者采访", []),
    # ... but an issue number alone is no sign: minutes are numbered so
    ("玉溪市人民政府专题会议纪要《关于研究玉溪市城乡居民基本医疗保险财政补助会议纪要》第 132\n\n期要求",
     ["关于研究玉溪市城乡居民基本医疗保险财政补助会议纪要"]),
    ("国家统计局《2020年国民经济和社会发展统计公报》显示", ["2020年国民经济和社会发展统计公报"]),
    # 下简称 defines a short name as 以下简称 does; a bare draft stage is no title
    ("按现行《收费公路管理条例》（下简称《收费条例》），一些高速公路已经收费到期。现行《收费条例》规定", ["收费公路管理条例"]),
    ("交通运输部发布《收费公路管理条例》修订稿（下简称《修订稿》），向社会公开征求意见。《修订稿》提出", ["收费公路管理条例"]),
    ("对《征求意见稿》提出修改意见", []),
    # short names quoted around their brackets, with a word before them, or followed by more of the bracket
    ("根据《上市公司重大资产重组管理办法》（以下简称“《重组管理办法》”）\n的规定：上市公司在 12 个月内连续对同一资产进行购买。依照《重组管理办法》",
     ["上市公司重大资产重组管理办法"]),
    ("2012年3月修改的《中华人民共和国刑事诉讼法》（以下简称新《刑诉法》）以及8月修改的《中华人民共和国民事诉讼法》（以下简称新《民诉法》）均于2013年1月1日起施行",
     ["中华人民共和国刑事诉讼法", "中华人民共和国民事诉讼法"]),
    ("根据2016年《中国共产党纪律处分条例》（以下简称新《条例》）第五十七条之规定", ["中国共产党纪律处分条例"]),
    ("之《九泰安鑫纯债债券型证券投资基金基金合同（草案）》（以下简称“《基金合同》”）系按照中国证监会基金监管部发布的"
     "《证券投资基金基金合同填报指引第3号——债券型证券投资基金基金合同填报指引(试行)》（以下简称“《指引》”）撰写。"
     "我公司在撰写《基金合同》时对《指引》部分条款进行了增加",
     ["九泰安鑫纯债债券型证券投资基金基金合同（草案）", "证券投资基金基金合同填报指引第3号——债券型证券投资基金基金合同填报指引(试行)"]),
    ("2021年1月1日生效施行《中华人民共和国民法典》（下称“《民法典》”）对过往的合同解除制度进行了较多的修改。"
     "虎诉律师针对《民法典》中的合同解除制度进行了梳理", ["中华人民共和国民法典"]),
    # ... or defined in a bracket of its own after the number's bracket
    ("学习《自治区党委第十四巡视组关于梧州学院巡视情况的反馈意见》（桂巡办〔2016〕246号）（以下简称《反馈意见》），研究部署整改工作。"
     "会议根据《反馈意见》中提出的存在的主要问题", ["自治区党委第十四巡视组关于梧州学院巡视情况的反馈意见"]),
    ("联合制定了《常见类型移动互联网应用程序必要个人信息范围规定》（国信办秘字〔2021〕14号，以下简称“《规定》”），明确",
     ["常见类型移动互联网应用程序必要个人信息范围规定"]),
    ("拟向贷款人申请一笔《分期购服务申请表》（以下简称“《申请表》”，样本请见附件一）中所列明的贷款，从《申请表》上所列的零售商", []),
    ("发布《“粉红势力”的苏醒：2008-2016中国时尚洞察报告》（以下简称“《报告》”），《报告》不仅集结了平台八年的大数据资源",
     ["“粉红势力”的苏醒：2008-2016中国时尚洞察报告"]),
    # a bare document type is no title: 《指引》 written alone stands for a title named before
    ("我公司在撰写基金合同时对《指引》部分条款进行了增加、删除或修改", []),
    # films, poems, paintings named by the word before or after them; a title read as a document stays one
    ("今天（3月23日）电影《环太平洋：雷霆再起》（以下简称“《环太平洋2》”）首日开画", []),
    ("随后观看的纪录片《为国捐躯的县委书记——朱正传》，让青年干部无不为之动容。齐声朗诵红色诗歌《如果信仰有颜色》", []),
    ("在电教厅里，大家集体观看了《情映东沟红》教育片", []),
    ("蛙声十里出自齐白石画作《蛙声十里出山泉》", []),
    ("共同学习了习近平总书记关于税收工作的重要论述及省税务局党委《关于在全省税务系统广泛开展向卢东同志学习活动的决定》等文件",
     ["关于在全省税务系统广泛开展向卢东同志学习活动的决定"]),
    ("海南省残联官网文件发布栏目《关于印发〈海南省用人单位超比例安排残疾人就业奖励办法〉的通知》（琼残规字〔2026〕1号）",
     ["关于印发〈海南省用人单位超比例安排残疾人就业奖励办法〉的通知", "海南省用人单位超比例安排残疾人就业奖励办法"]),
    # forms, certificates and records
    ("未进行预申请的学生在系统内导出《申请表》和《家庭经济困难学生认定表》", []),
    ("打印借款合同副本和《受理证明》（附有“校验码”）交给学生。如学生证遗失，可用《教育部学籍在线验证报告》代替", []),
    ("体检合格后凭《机动车驾驶证申请表》和《机动车驾驶人身体条件证明》以及身份证到交警支队领取《机动车驾驶证申请表副表》后", []),
    ("户口所在地的县、市、区级残联领取《残疾人证申请表》和《残疾评定表》", []),
    ("中心仪器设备借出与归还，必须按《设备借用申请表》和《设备归还表》的程序办理", []),
    # a note in brackets at the end does not change what a register is; a plan keeps its years
    ("根据《全球生物物种名录（COL）》所示，该目共有66科320属1176种", []),
    ("世界现存的七种海龟均已被列入《濒危野生动植物种国际贸易公约》(CITES)附录I", ["濒危野生动植物种国际贸易公约"]),
    ("7部门联合印发《国家黑土地保护工程实施方案（2021—2025年）》（以下简称《实施方案》）。《实施方案》明确黑土地保护原则",
     ["国家黑土地保护工程实施方案（2021—2025年）"]),
    # round 14: the instruments of a case file (立案书, 移送书, 判决书) are forms, not policy documents
    ("应当通知公安机关在收到《通知立案书》后十五日内决定立案", []),
    ("应当审查是否附有《涉嫌犯罪案件移送书》和《不予立案决定书》", []),
    ("凭人民法院《民事判决书》《民事裁定书》《民事调解书》办理", []),
    # ... while a policy document about them stays a title
    ("结合《行政执法机关移送涉嫌犯罪案件的规定》，执行《关于加强和规范裁判文书释法说理的指导意见》",
     ["行政执法机关移送涉嫌犯罪案件的规定", "关于加强和规范裁判文书释法说理的指导意见"]),
    # round 15: a school course or textbook named in 《》 (开好《红色文化》课程) is a work
    ("积极培育和践行社会主义核心价值观，开好《红色文化》课程，广泛开展中华优秀传统文化教育", []),
    ("组织编写地方教材《家乡的红色故事》，进课堂", []),
    ("开设《劳动与技术》等课程", []),
    # ... not a document about courses, even with an edition note in its brackets
    ("按照《义务教育课程方案（2022年版）》课程设置要求", ["义务教育课程方案（2022年版）"]),
    ("落实《关于全面加强新时代大中小学劳动教育的意见》课程要求", ["关于全面加强新时代大中小学劳动教育的意见"]),
    # round 15: titles of a traditional-script text stay as written (only numbers are read as simplified)
    ("《關於實施〈規劃綱要〉若干配套政策的通知》(國發〔2006〕6號)", ["關於實施〈規劃綱要〉若干配套政策的通知", "規劃綱要"]),
    # round 18: a book named by its volume is a work, nested in a plan's title too; the plan stays
    ("全国政协党组理论学习中心组17日在京举行2020年第三次集体学习,专题学习《习近平谈治国理政》第三卷。", []),
    ("根据《哈尔滨师范大学委员会学习贯彻<习近平谈治国理政>第四卷学习计划》要求",
     ["哈尔滨师范大学委员会学习贯彻<习近平谈治国理政>第四卷学习计划"]),
    ("会议書面傳達學習了《習近平談治國理政》第五卷第三專題", []),
    ("学习《中国共产党章程》第三章", ["中国共产党章程"]),
    # round 18: a statistics yearbook (whatever its edition year), in either script, is a book of figures
    ("本年鉴全省及本省各市区数据主要指标来源于《陕西统计年鉴2022》;毗邻城市主要指标由相关城市统计局提供", []),
    ("一、《漳平統計年鑒——2022》收錄了全市及各鄉(鎮、街道)、各部門2021年經濟、社會和科技各方面的統計數據", []),
    ("依照《统计年鉴编纂工作规定》执行", ["统计年鉴编纂工作规定"]),
    # ... and 《统计公报》 alone stands for the bulletin named before, as 《决议》 does
    ("附錄:漳平市 2021年國民經濟和社會發展統計公報。三、文字部分除《統計公報》使用的2021 年數據為快報數外", []),
    # round 18: a file name with its extension is an attachment, not a citation
    ("《行政许可文书格式范本.doc》由会员分享,可在线阅读,更多相关《行政许可文书格式范本.doc(38页珍藏版)》请在得力文库", []),
    ("附件：《关于做好2020年行政许可工作的通知》", ["关于做好2020年行政许可工作的通知"]),
    # round 18: a title ending in 保证 names no certificate: an editorial stays a title as an article does
    ("肖湘愚领学了人民日报11月1日社论《为实现中华民族伟大复兴提供有力保证》。", ["为实现中华民族伟大复兴提供有力保证"]),
    ("持《居住证》和《合格证》办理", []),
    # round 18: works named by the word after them in a traditional text, a news series, and lesson
    # texts listed before one word (the list shares it); documents listed so stay titles
    ("晚飯前,他在“學習強國”點播《詩詞大會》節目,讓9歲的兒子在等飯時觀看學習。", []),
    ("為深入宣傳貫徹黨的二十大精神,臨邑縣孟寺鎮線下體驗館組織黨員干部們共同觀看《二十大代表在基层》系列报道。", []),
    ("學生在學習語文課《開國大典》、《小兵張嘎》、《地雷戰》、《地道戰》等篇目時", []),
    ("依据《中华人民共和国教育法》、《某某课程管理办法》等文件开设课程", ["中华人民共和国教育法", "某某课程管理办法"]),
    # round 19: a website named as a page's source is a medium, not a document (内蒙古 portal page)
    ("2015-07-22 次浏览分类:区内政策 信息来源:《内蒙古自治区人民政府网》", []),
    ("转载自《中国政府网》", []),
    # ... while a document about a network stays a title
    ("按照《关于加快推进农村电网改造升级的实施意见》执行", ["关于加快推进农村电网改造升级的实施意见"]),
    # round 21: a form one fills in to put oneself forward and a confirmation an office issues are
    # no documents (宁波市荣誉市民条例, 江门市门楼号牌管理条例, 人民法院在线调解规则)
    ("应当向受理部门提交《宁波市荣誉市民推荐表》以及相关的证明材料。自荐的，应当提交《宁波市荣誉市民自荐表》", []),
    ("应当在受理申请之日起十五个工作日内向申请人出具《门楼号确认书》。", []),
    ("调解员还应当指导当事人填写《送达地址确认书》等相关材料。", []),
    # ... while documents about recommending, commending or confirming stay titles
    ("按照《关于推荐表彰全国劳动模范和先进工作者的通知》执行", ["关于推荐表彰全国劳动模范和先进工作者的通知"]),
    ("依据《关于规范电子送达地址确认书格式的通知》办理", ["关于规范电子送达地址确认书格式的通知"]),
]


@pytest.mark.parametrize("text,expected", TITLE_CASES)
def test_titles(text, expected):
    assert titles(text) == expected


@pytest.mark.parametrize("category,suffixes,examples", TITLE_EXCLUSIONS)
def test_title_exclusion_examples(category, suffixes, examples):
    for e in examples:
        assert classify_title(e) == category


def test_issuer_before_title():
    ex = extract("按照财政部《地方预决算公开操作规程》执行；根据玉溪市人民政府文件《玉溪市城乡居民医疗保险管理实施办法》")
    assert [t.issuer_before for t in ex.cited_titles] == ["财政部", "玉溪市人民政府"]


@pytest.mark.parametrize("text,expected", [
    # round 13: after a citation's closing bracket a conjunction joins two citations and is no part
    # of the next title's issuer (上思县 办法: …（桂政办发〔2016〕80号）和自治区财政厅《…》)
    ("《甲通知》（桂政办发〔2016〕80号）和自治区财政厅《关于印发操作指南的通知》", [None, "自治区财政厅"]),
    ("《甲办法》及玉溪市人民政府《乙办法》", [None, "玉溪市人民政府"]),
    # ... while 和 that begins a place's name after a boundary word stays (和平区)
    ("根据和平区人民政府《乙办法》", ["和平区人民政府"]),
    ("按照岚皋县财政局《关于调减支出预算指标的通知》", ["岚皋县财政局"]),
    # round 18: a verb ending in 行 before a title is no bank (举行, 履行, 现行); banks stay issuers
    ("机关、团体和其他组织不履行《反间谍法实施细则》规定的安全防范义务", [None]),
    ("按现行《收费公路管理条例》规定", [None]),
    ("学习会议,举行《关于推进高校思想政治工作的意见》专题宣讲报告会", [None]),
    ("中国人民银行《关于做好个人征信工作的通知》", ["中国人民银行"]),
    ("央行《关于做好个人征信工作的通知》", ["央行"]),
    # round 20: 包括 ("including") before the body is no part of its name
    # (海南 2025: 包括国办《关于严格规范涉企行政检查的意见》（国办发〔2024〕54号）)
    ("未将监管工作部署要求纳入建设内容，包括国办《关于严格规范涉企行政检查的意见》（国办发〔2024〕54号）", ["国办"]),
    ("法规依据包括国务院《医疗事故处理条例》", ["国务院"]),
    # ... while a name with 包 in it stays whole
    ("按照包头市人民政府《包头市城市供热管理办法》", ["包头市人民政府"]),
    # round 22: a verb or preposition that introduces the citation is no part of the body's name
    # (江西 2020 金融若干措施: 加快推动中国人民银行等五部委《…》; 国办函〔2004〕80号: 据湖北省地震局《…》;
    # 法释 2016: 现决定对最高人民法院《…》作如下修改)
    ("加快推动中国人民银行等五部委《关于进一步强化金融支持防控新型冠状病毒感染肺炎疫情的通知》（银发〔2020〕29号）",
     ["中国人民银行等五部委"]),
    ("据湖北省地震局《湖北省巴东县马鬃山村地面振动监测结果汇报》：自2003年7月下旬以来", ["湖北省地震局"]),
    ("现决定对最高人民法院《关于审理非法行医刑事案件具体应用法律若干问题的解释》作如下修改", ["最高人民法院"]),
    ("各地要认真学习国务院《关于加强安全生产工作的通知》", ["国务院"]),
    ("现将内蒙古自治区农牧厅 财政厅《关于印发<强镇建设项目实施方案>的通知》转发给你们", ["内蒙古自治区农牧厅财政厅", None]),
    # ... while a name that holds such a word stays whole
    ("推动长江经济带发展领导小组办公室《关于加强长江经济带生态保护的通知》", ["推动长江经济带发展领导小组办公室"]),
    ("将乐县人民政府《关于印发将乐县防汛预案的通知》", ["将乐县人民政府"]),
    ("国家数据局《关于开展数据资源调查的通知》", ["国家数据局"]),
    ("按照市场监管总局《关于规范市场监督管理行政处罚裁量权的指导意见》规定", ["市场监管总局"]),
    # round 22: joint issuers written with 、 before the 《》 are all the issuers (国办函〔2004〕36号,
    # 法释 2016), and the enumeration ends at words that are no name (济宁 2021: …总体部署和市委、市政府《…》)
    ("教育部、外交部、财政部、体育总局《关于以哈尔滨市名义申请举办2009年世界大学生冬季运动会的请示》（教外际〔2004〕14号）收悉",
     ["教育部、外交部、财政部、体育总局"]),
    ("最高人民法院、最高人民检察院《关于办理环境污染刑事案件适用法律若干问题的解释》", ["最高人民法院、最高人民检察院"]),
    ("根据省委、省政府总体部署和市委、市政府《关于争创营商环境创新改革示范区的实施意见》", ["市委、市政府"]),
    # ... while a title list or a list of words before the body is no enumeration of issuers
    ("《甲办法》、国务院《关于加强安全生产工作的通知》", [None, "国务院"]),
    ("各地区、各部门要学习国务院《关于加强安全生产工作的通知》", ["国务院"]),
    ("工业和信息化部《关于促进制造业发展的通知》", ["工业和信息化部"]),
    # round 22: a body the registry knows whose name ends in no usual way (江西 2020 两好 实施意见:
    # 参照国务院应对新型冠状病毒肺炎疫情联防联控机制《…》（联防联控机制发〔2020〕28号）执行)
    ("以上具体操作技术参照国务院应对新型冠状病毒肺炎疫情联防联控机制《关于依法科学精准做好新冠肺炎疫情防控工作的通知》"
     "（联防联控机制发〔2020〕28号）执行", ["国务院应对新型冠状病毒肺炎疫情联防联控机制"]),
    ("按照国务院联防联控机制《关于做好新冠肺炎疫情常态化防控工作的指导意见》执行", ["国务院联防联控机制"]),
    # ... while a mechanism the registry does not name is no body
    ("建立健全联防联控机制《某某工作规则》", [None]),
    ("完善部门协调机制《某某管理办法》", [None]),
])
def test_issuer_before_title_after_a_citation(text, expected):
    assert [t.issuer_before for t in extract(text).cited_titles] == expected


@pytest.mark.parametrize("run,body", ISSUER_LEAD_WORDS["examples"])
def test_issuer_lead_word_examples(run, body):
    reg = load_registry()
    assert run[lead_word_cut(run, reg):] == body


@pytest.mark.parametrize("name", ISSUER_LEAD_WORDS["not"])
def test_issuer_lead_word_non_examples(name):
    assert lead_word_cut(name, load_registry()) == 0


# --------------------------------------------------------------- articles

ARTICLE_CASES = [
    ("《中华人民共和国保险法》第七十七条", [("中华人民共和国保险法", "77")]),
    ("《中华人民共和国保险法》第77条", [("中华人民共和国保险法", "77")]),
    ("《中华人民共和国刑法》第三百零七条之一", [("中华人民共和国刑法", "307-1")]),
    ("《中华人民共和国保险法》第七十七条、第七十八条", [("中华人民共和国保险法", "77"), ("中华人民共和国保险法", "78")]),
    ("《中华人民共和国保险法》第七十七条至第七十九条",
     [("中华人民共和国保险法", "77"), ("中华人民共和国保险法", "78"), ("中华人民共和国保险法", "79")]),
    ("《中华人民共和国保险法》第七十七、七十八条", [("中华人民共和国保险法", "77"), ("中华人民共和国保险法", "78")]),
    # a bare article continues the chain, even split over a line break
    ("根据《中华人民共和国保险法》第七十七条市级以上人民政府应当监督检查。第七十\n\n八条 财政部门实施监督。第七十九条 社会保险行政部门进行监督检查。",
     [("中华人民共和国保险法", "77"), ("中华人民共和国保险法", "78"), ("中华人民共和国保险法", "79")]),
    ("《中华人民共和国劳动合同法》第四十四条第一项、第四项、第五项规定；第三十九条、第四十条规定",
     [("中华人民共和国劳动合同法", "44"), ("中华人民共和国劳动合同法", "39"), ("中华人民共和国劳动合同法", "40")]),
    # an article through a short name defined with a word before its brackets (新《刑诉法》)
    ("2012年3月修改的《中华人民共和国刑事诉讼法》（以下简称新《刑诉法》）均于2013年1月1日起施行。新刑诉法第192条第二款规定",
     [("中华人民共和国刑事诉讼法", "192")]),
    # aliases outside 《》 and a law switch in one sentence
    ("根据《中华人民共和国行政诉讼法》（以下简称行政诉讼法）《中华人民共和国国家赔偿法》（以下简称国家赔偿法）等法律规定。"
     "依据行政诉讼法第一条、第十二条第一款第十二项和国家赔偿法第二条规定",
     [("中华人民共和国行政诉讼法", "1"), ("中华人民共和国行政诉讼法", "12"), ("中华人民共和国国家赔偿法", "2")]),
    # a law named without its 中华人民共和国 prefix
    ("根据《中华人民共和国社会保险法》。依照社会保险法第八十六条处罚", [("中华人民共和国社会保险法", "86")]),
    # self-references and own headings are not citations
    ("依照本办法第十三条、第十四条的规定", []),
    ("有本《办法》第二十条、第二十一条规定行为之一", []),
    ("第一条 为了规范管理，制定本办法。\n第二条 本办法适用于全省。", []),
    # another reference, a self-reference or a heading breaks the chain
    ("依照《中华人民共和国道路交通安全法》第九十五条的规定予以扣留。\n\n违反本条例第三十三条、第三十四条规定的，处罚款。",
     [("中华人民共和国道路交通安全法", "95")]),
    ("第十九条 不得虚假标价。\n依照《中华人民共和国价格法》处罚。\n第二十一条 有下列情形之一的，不属于第十九条规定的价格欺诈行为",
     []),
    ("根据《中华人民共和国保险法》第七十七条。\n三、项目实施单位\n第七十八条 不是引用", [("中华人民共和国保险法", "77")]),
    # quoted articles of a law may skip numbers: the quote goes on (own headings never skip)
    ("根据《中华人民共和国传染病防治法》第十八条 国家实行有计划的预防接种制度。第十九条 国家建立传染病预警制度。"
     "第二十一条 各级人民政府领导传染病防治工作。",
     [("中华人民共和国传染病防治法", "18"), ("中华人民共和国传染病防治法", "19"), ("中华人民共和国传染病防治法", "21")]),
    # the document's own headings, even right after a quoted law article
    ("第十七条　环境保护税法第十七条所称排放地。第十八条　纳税人跨区域排放。",
     []),
    # amending decisions: every article of the items belongs to the amended law
    ("国务院决定对《建设项目环境保护管理条例》作如下修改：一、删去第六条。二、依照《中华人民共和国环境影响评价法》的规定处罚。"
     "三、增加一条，作为第二十二条。本决定自2017年10月1日起施行。",
     [("建设项目环境保护管理条例", "6"), ("建设项目环境保护管理条例", "22")]),
    # not articles
    ("第一章 总则 第二节 一般规定", []),
    # a two-character short name (刑法) stands for the law named in full elsewhere ...
    ("根据《中华人民共和国刑法》的有关规定。第六条 具有本解释第二条规定情形之一的，应当认定为刑法第一百四十四条规定的情形",
     [("中华人民共和国刑法", "144")]),
    ("根据《中华人民共和国刑法》《中华人民共和国刑事诉讼法》的有关规定。符合刑法第一百四十三条、第一百四十四条规定的",
     [("中华人民共和国刑法", "143"), ("中华人民共和国刑法", "144")]),
    # ... and a law named only by its bare name is another law, not the chain's
    ("现决定对《关于办理妨害信用卡管理刑事案件的解释》作如下修改：将原第六条修改为：“应当认定为刑法第一百九十六条规定的恶意透支。”",
     [("关于办理妨害信用卡管理刑事案件的解释", "6")]),
    ("依照《某某条例》第五条处罚，违反治安管理法第十条的，由公安机关处理", [("某某条例", "5")]),
    ("依照《某某条例》第五条处罚。按照办法第十条执行", [("某某条例", "5"), ("某某条例", "10")]),
    # an unbracketed own-title heading glued to the first article heading
    ("中华人民共和国国务院令第　623　号　　《气象设施和气象探测环境保护条例》已经国务院常务会议通过，现予公布。\n\n"
     "气象设施和气象探测环境保护条例　　第一条　为了保护气象设施，根据《中华人民共和国气象法》，制定本条例。　　第二条　本条例所称气象设施。",
     []),
    ("根据《气象设施和气象探测环境保护条例》，依照气象设施和气象探测环境保护条例第一条的规定", [("气象设施和气象探测环境保护条例", "1")]),
    # ... or alone on the line above it, the article's text glued to it
    ("现将修订后的《安徽省省级预算管理办法》印发给你们。\n\n安徽省省级预算管理办法\n\n第一条为规范省级预算的编制,"
     "根据《中华人民共和国预算法》制定本办法。\n第二条省级预算由部门预算组成。", []),
    # ... while a law's name that ends a line inside a sentence still cites
    ("根据《中华人民共和国预算法》。\n违反预算法\n第一条规定的", [("中华人民共和国预算法", "1")]),
    # an article inside a title belongs to the title written right before it, not to the outer title
    ("根据1997年12月1日《关于修改〈广东省森林保护管理条例〉第二十五条的决定》修正)", [("广东省森林保护管理条例", "25")]),
    ("《关于〈某某条例〉第五条、第六条的决定》", [("某某条例", "5"), ("某某条例", "6")]),
    ("《关于修改某条例第二十五条的决定》", []),
    # list and range items written without their 第 (第十条、十二条; 第十九条至二十八条)
    ("依照《中华人民共和国行政许可法》第十条、十二条规定处罚",
     [("中华人民共和国行政许可法", "10"), ("中华人民共和国行政许可法", "12")]),
    ("依照《中华人民共和国行政许可法》第十条、十二条、十三条之一规定处罚",
     [("中华人民共和国行政许可法", "10"), ("中华人民共和国行政许可法", "12"), ("中华人民共和国行政许可法", "13-1")]),
    ("依照《中华人民共和国行政许可法》第十条第二款和十二条第一款第三项规定处罚",
     [("中华人民共和国行政许可法", "10"), ("中华人民共和国行政许可法", "12")]),
    ("《道路交通安全法实施条例》第十九条至二十一条；",
     [("道路交通安全法实施条例", "19"), ("道路交通安全法实施条例", "20"), ("道路交通安全法实施条例", "21")]),
    # ... but only right after an article and a connector
    ("依照《中华人民共和国行政许可法》第十条处罚。共十二条措施。", [("中华人民共和国行政许可法", "10")]),
    ("依照《中华人民共和国行政许可法》第十条处罚，分为三条至五条", [("中华人民共和国行政许可法", "10")]),
    ("按照本办法第十条、十二条规定处罚", []),
    # 本条/前条/前款 point back into the document: a bare article after them is the document's own
    ("依照《中华人民共和国行政许可法》第十条的规定。违反前款规定的，依照第十二条处罚。", [("中华人民共和国行政许可法", "10")]),
    ("依照《中华人民共和国行政许可法》第十条的规定。前条规定的期限，依照第十二条计算。", [("中华人民共和国行政许可法", "10")]),
    ("依照《中华人民共和国行政许可法》第十条的规定。本条所称许可，依照第十二条执行。", [("中华人民共和国行政许可法", "10")]),
    # ... while a law named after them starts a new chain, and 本条例 is not 本条
    ("违反前款规定的，依照《中华人民共和国行政许可法》第十条、第十二条处罚。",
     [("中华人民共和国行政许可法", "10"), ("中华人民共和国行政许可法", "12")]),
    ("依照《中华人民共和国行政许可法》第十条的规定；本条例另有规定的除外，第十二条规定的情形",
     [("中华人民共和国行政许可法", "10"), ("中华人民共和国行政许可法", "12")]),
    # 条 as a measure word (第一条高速公路) is no article of the law named before
    ("现行《收费公路管理条例》第十四条规定了收费期限。从1988年第一条高速公路通车到如今总里程居世界第一",
     [("收费公路管理条例", "14")]),
    ("根据《中华人民共和国公路法》第八条规定。今年开通全市第二条地铁线路，投产第三条生产线。",
     [("中华人民共和国公路法", "8")]),
    # a clause of a contract, charter or handbook named without brackets is no article of the law
    # named before, and ends its chain
    ("依照《中华人民共和国合同法》第六十条规定，当事人应当按照约定全面履行义务。双方签订的合同第八条约定，逾期交房的，出卖人应支付违约金。",
     [("中华人民共和国合同法", "60")]),
    ("依据《中华人民共和国公司法》第三十七条，股东会行使下列职权。公司章程第十条规定，股东会会议由股东按照出资比例行使表决权。",
     [("中华人民共和国公司法", "37")]),
    ("依照《中华人民共和国民事诉讼法》第一百四十四条之规定。借款合同第四条约定，借款期限为一年。第五条约定，利率为年6%。",
     [("中华人民共和国民事诉讼法", "144")]),
    ("根据《中华人民共和国招标投标法》第二十条。招标文件第三章第5条规定", [("中华人民共和国招标投标法", "20")]),
    # ... while a law whose name ends in 合同法 is still that law, and 文件 right after a title still cites that title
    ("依照《某某办法》文件第五条执行", [("某某办法", "5")]),
    # 本人 (oneself) before a law's name is no self-reference (本人实施刑法第一百九十一条)
    ("根据《中华人民共和国刑法》的规定。为掩饰、隐瞒本人实施刑法第一百九十一条规定的上游犯罪的所得",
     [("中华人民共和国刑法", "191")]),
    ("根据《中华人民共和国刑法》的规定。本人依照刑法第十条、第十一条", [("中华人民共和国刑法", "10"), ("中华人民共和国刑法", "11")]),
    # ... while 本 right before the name stays the text's own (条例 being a short name here)
    ("根据《中华人民共和国某某条例》（以下简称条例）。依照本条例第十条", []),
    # the bare name of another instrument (an implementing regulation, another 条例/细则/办法)
    # is not the chain's law, even on the next line of a table
    ("按《商标法》第13条请求驰名商标保护的（商标法第13\n条，商标法实施条例第72条）",
     [("商标法", "13"), ("商标法", "13")]),
    ("按《商标法》第13条请求驰名商标保护的\n将未注册商标冒充注册商标使用的（商标法第52条）\n非法使用特殊标志（特殊标志管理条例第16条）\n"
     "标注他人的专利号的（专利法实施细则第84条第1款第1\n项）\n专利代理师存在违规情形的（专利代理条例第26条）\n"
     "侵犯奥林匹克标志保护规定（奥林匹克标志保护规定第\n11条、第24条）",
     [("商标法", "13"), ("商标法", "52")]),
    ("违反了《中华人民共和国土地管理法》第七十七条的规定，依照土地管理法实施条例第五十八条处罚",
     [("中华人民共和国土地管理法", "77")]),
    ("根据《中华人民共和国预算法》（以下简称预算法）。根据预算法第五十三条、预算法实施条例第七十条",
     [("中华人民共和国预算法", "53")]),
    ("依照《中华人民共和国商标法》第五条。商标法实施条例第十条。第十一条", [("中华人民共和国商标法", "5")]),
    # 预算法 is a law's bare name (算法 alone is not): it is not the chain's implementing regulation
    ("新修订的《中华人民共和国预算法实施条例》（以下简称《条例》）。《条例》第十条规定，根据预算法第五十三条",
     [("中华人民共和国预算法实施条例", "10")]),
    ("根据《中华人民共和国预算法》。根据预算法第五十三条", [("中华人民共和国预算法", "53")]),
    # 资本, 基本 hold a 本 that marks no self-reference when a law of the text is named after it
    ("依照《基本农田保护条例》（2011年修订）第三十条。违反基本农田保护条例第十八条",
     [("基本农田保护条例", "30"), ("基本农田保护条例", "18")]),
    # own headings a crawl glued to the sentence before (。第二条本办法…) or to the own title
    # (…管理办法第一条为规范…) continue the own numbering; they are no articles of the law named before
    ("广东省光伏并网管理办法第一条为规范光伏发电项目并网管理，根据《中华人民共和国电力法》制定本办法。"
     "第二条本办法适用于广东省内所有光伏项目。第三条申请并网需要提交技术资料。",
     []),
    ("第一条为了规范管理，根据《中华人民共和国食品安全法》，制定本办法。第二条本办法适用于全市。"
     "第三条违反《中华人民共和国食品安全法》第三十四条的，依照该法第一百二十四条处罚。第四条本办法自发布之日起施行。",
     [("中华人民共和国食品安全法", "34"), ("中华人民共和国食品安全法", "124")]),
    # ... while a bare article after 。 that does not continue the own numbering still quotes the law
    ("根据《中华人民共和国社会保险法》第七十七条规定。第七十八条规定财政部门实施监督。",
     [("中华人民共和国社会保险法", "77"), ("中华人民共和国社会保险法", "78")]),
    ("依照《中华人民共和国电力法》第五条。按照办法第一条执行", [("中华人民共和国电力法", "5"), ("中华人民共和国电力法", "1")]),
    # ranges written with a dash (第九条—第十条) or with 第 after 至 in a short list (第十至第十一条)
    ("依照《中华人民共和国个人信息保护法》第四十四条—第四十七条", [("中华人民共和国个人信息保护法", str(n)) for n in range(44, 48)]),
    ("依照《中华人民共和国个人信息保护法》第四十四条～第四十五条", [("中华人民共和国个人信息保护法", "44"), ("中华人民共和国个人信息保护法", "45")]),
    ("依照《中华人民共和国个人信息保护法》第十至第十一条", [("中华人民共和国个人信息保护法", "10"), ("中华人民共和国个人信息保护法", "11")]),
    # ... but not a double dash, which explains rather than spans
    ("依照《中华人民共和国个人信息保护法》第四十四条——第四十七条",
     [("中华人民共和国个人信息保护法", "44"), ("中华人民共和国个人信息保护法", "47")]),
    # a 前款 inside a quoted article does not end the quote for the next quoted heading ...
    ("1.《中华人民共和国安全生产法》 第九十四条第一款、第三款 生产经营单位的主要负责人依照前款规定受刑事处罚的，五年内不得担任。"
     "第一百一十五条 本法规定的行政处罚，根据本法第九十五条的规定处罚。",
     [("中华人民共和国安全生产法", "94"), ("中华人民共和国安全生产法", "115")]),
    # ... while the document's own next heading stays its own, and a bare article after 前款 is the document's
    ("第十条 依照《中华人民共和国安全生产法》第九十四条处罚；违反前款规定的，依照第十二条处理。\n第十一条 本办法自公布之日起施行。",
     [("中华人民共和国安全生产法", "94")]),
    # a bracket naming the edition may stand between a law's name and its article
    ("根据《中华人民共和国环境保护法》《环境影响评价法》。依照本法第二十四条。2014年修订的新环境保护法（自2015年1月1日起施行）第六十一条规定",
     [("中华人民共和国环境保护法", "61")]),
    ("依照《环境影响评价法》第三十一条、《中华人民共和国环境保护法》第六十一条。该条款与原环境影响评价法（2002年）第三十一条相比",
     [("环境影响评价法", "31"), ("中华人民共和国环境保护法", "61"), ("环境影响评价法", "31")]),
    ("《关于〈环境保护法〉（2014修订）第六十一条适用有关问题的复函》", [("环境保护法", "61")]),
    # ... while a shortened name of the chain's law still continues it
    ("依照《江苏省道路运输条例》第五条处罚。违反道路运输条例第十条",
     [("江苏省道路运输条例", "5"), ("江苏省道路运输条例", "10")]),
    ("依照《中华人民共和国土地管理法实施条例》第五条处罚。违反实施条例第十条",
     [("中华人民共和国土地管理法实施条例", "5"), ("中华人民共和国土地管理法实施条例", "10")]),
    ("依照《中华人民共和国商标法》第五条和《中华人民共和国商标法实施条例》第十条。商标法实施条例第十一条",
     [("中华人民共和国商标法", "5"), ("中华人民共和国商标法实施条例", "10"), ("中华人民共和国商标法实施条例", "11")]),
    ("依照《中华人民共和国劳动合同法》第三十九条、劳动合同法第四十条规定",
     [("中华人民共和国劳动合同法", "39"), ("中华人民共和国劳动合同法", "40")]),
    # round 14: an amendment item at a line start (第十三条后增加一条作为第十四条, 第九条修改为) names
    # an article of the law being amended, even when it repeats or goes back in its numbering
    ("1.在《甘肃省农村能源建设管理条例》第七条中增加一项作为第六项。\n第十三条增加一款作为该条第二款。\n"
     "第十三条后增加一条作为第十四条,即:“鼓励畜禽养殖场采用沼气环保能源技术。”",
     [("甘肃省农村能源建设管理条例", "7"), ("甘肃省农村能源建设管理条例", "13"), ("甘肃省农村能源建设管理条例", "13"),
      ("甘肃省农村能源建设管理条例", "14")]),
    ("将《某某条例》第九条修改为：“应当登记。”\n第七条删去。\n第二十七条后增加一条作为第二十九条", [
        ("某某条例", "9"), ("某某条例", "7"), ("某某条例", "27"), ("某某条例", "29")]),
    ("2.将《甘肃省气象条例》第十条修改为：“气象机构；”\n第十条第四项修改为：“制氢室；”",
     [("甘肃省气象条例", "10"), ("甘肃省气象条例", "10")]),
    # ... while an own heading after a citation stays a heading, text glued to it or not
    ("依照《某某条例》第七条处罚。\n第七条 增加收入的措施如下", [("某某条例", "7")]),
    ("依照《某某条例》第七条处罚。\n第七条为规范管理，制定本办法", [("某某条例", "7")]),
    ("第一条 为了规范管理，根据《某某条例》第七条制定本办法。\n第二条 增加的经费由财政保障。", [("某某条例", "7")]),
    # round 17: the document's own article headings wrapped in markup (a web page's <p>, <b>,
    # <strong>, &emsp; padding, markdown **…**) are headings as in plain text, not articles
    # of the law cited just before
    ('<p>&emsp;&emsp;为正确适用《中华人民共和国行政诉讼法》（以下简称行政诉讼法），制定本解释。</p>\n'
     '<p id="t3">&emsp;&emsp;<b>第三条</b>&emsp;铁路运输法院审理行政案件，应当执行行政诉讼法第十八条第二款的规定。</p>\n'
     '<p id="t4">&emsp;&emsp;<b>第四条</b>&emsp;立案后，受诉人民法院的管辖权不受影响。</p>',
     [("中华人民共和国行政诉讼法", "18")]),
    ('<p id="t1">&emsp;&emsp;<b>第一条</b>&emsp;根据《医疗废物管理条例》（以下简称《条例》），制定本办法。</p>\n'
     '<p id="t2">&emsp;&emsp;<b>第二条</b>&emsp;医疗卫生机构有《条例》第四十五条规定的情形的，责令限期改正。</p>\n'
     '<p id="t3">&emsp;&emsp;<b>第三条</b>&emsp;处置单位有《条例》第四十六条规定的情形的，给予警告。</p>',
     [("医疗废物管理条例", "45"), ("医疗废物管理条例", "46")]),
    ("<br/><b>第十一条</b>&nbsp;&nbsp; 金融机构违反本办法的，按照《中华人民共和国反洗钱法》第三十一条、第三十二条的规定予以处罚。 \n"
     "    <br/><b>第十三条 </b>&nbsp;&nbsp;金融机构参照反洗钱相关规定执行。 \n    <br/><b>第十四条</b>&nbsp;&nbsp; 本办法自发布之日起施行。",
     [("中华人民共和国反洗钱法", "31"), ("中华人民共和国反洗钱法", "32")]),
    ("第一条 根据《中华人民共和国土地管理法》第十条制定本办法。\n<strong>第二条</strong> 本办法适用于全省。",
     [("中华人民共和国土地管理法", "10")]),
    ("根据《中华人民共和国土地管理法》第十条制定本办法。\n**第二条** 本办法适用于全省。\n**第三条** 本办法自公布之日起施行。",
     [("中华人民共和国土地管理法", "10")]),
    # ... while an article of the law named in the cell before still cites it, and a quoted
    # law's next heading in markup still continues the quote
    ("<tr>\n<td>《中华人民共和国食品安全法》</td>\n<td>第三十四条</td>\n</tr>", [("中华人民共和国食品安全法", "34")]),
    ("<p>根据《中华人民共和国传染病防治法》第十八条 国家实行有计划的预防接种制度。</p>\n<p><b>第十九条</b> 国家建立传染病预警制度。</p>",
     [("中华人民共和国传染病防治法", "18"), ("中华人民共和国传染病防治法", "19")]),
    ("- 《广东省环境保护条例》第二十四条&emsp;第四款重点排污单位应当公开环境信息", [("广东省环境保护条例", "24")]),
    # round 17: 该协议, 上述协议 point back to the cited 《…协议》 itself: its article, not a clause
    # of some contract named without brackets
    ("签署了《海峡两岸共同打击犯罪及司法互助协议》(以下简称两岸司法互助协议),并于同年6月25日起生效。该协议第11条约定:",
     [("海峡两岸共同打击犯罪及司法互助协议", "11")]),
    ("依照《长江三角洲区域合作框架协议》第三条。上述协议第五条规定",
     [("长江三角洲区域合作框架协议", "3"), ("长江三角洲区域合作框架协议", "5")]),
    # ... while 该合同 after 《…合同法》 is still a contract's clause
    ("依照《中华人民共和国合同法》第六十条规定。该合同第八条约定，出卖人应支付违约金", [("中华人民共和国合同法", "60")]),
    # a law named in quotation marks (台湾地区“刑法”, 该“法”) is another law, not the chain's ...
    ("依照《海峡两岸共同打击犯罪及司法互助协议》第十一条。台湾地区实施了“跨国移交受刑人法”(以下简称台湾移交法)。根据该“法”第23条,两岸之间准用之",
     [("海峡两岸共同打击犯罪及司法互助协议", "11")]),
    ("依照《中华人民共和国刑法》第二百六十六条。台湾地区“刑法”第三百三十九条规定", [("中华人民共和国刑法", "266")]),
    # ... unless the text defines the quoted name as a short name
    ("根据《中华人民共和国预算法》（以下简称“预算法”）。“预算法”第五十三条规定", [("中华人民共和国预算法", "53")]),
    # round 21: a decision amending other works has items, not articles: a 第X条 after it is an
    # article of the work it amends (a page's history note of 土地权属争议调查处理办法), that is of the
    # work nested in its title when it names one ...
    ("土地权属争议调查处理办法\n（2003年1月3日中华人民共和国国土资源部令第17号公布，根据2010年11月30日《国土资源部关于修改部分规章的决定》"
     "（国土资源部令第49号）修正，将第二十条的“征用”改为“征收”。）", []),
    ("2017年10月7日根据《国务院关于修改部分行政法规的决定》（国务院令第687号）修订，速度限制条款（第四十五、四十六条）未发生变化。", []),
    ("根据《国务院关于修改〈计算机软件保护条例〉的决定》，将第二十四条修改为：", [("计算机软件保护条例", "24")]),
    # ... while an amendment (修正案) and a decision that amends nothing have articles of their own
    ("依照《中华人民共和国刑法修正案（九）》第十二条的规定", [("中华人民共和国刑法修正案（九）", "12")]),
    ("依照《全国人民代表大会常务委员会关于惩治骗购外汇、逃汇和非法买卖外汇犯罪的决定》第一条的规定",
     [("全国人民代表大会常务委员会关于惩治骗购外汇、逃汇和非法买卖外汇犯罪的决定", "1")]),
]


@pytest.mark.parametrize("text,expected", ARTICLE_CASES)
def test_articles(text, expected):
    assert articles(text) == expected


def test_amending_decision_examples():
    from extractors.normalize import title_key
    from extractors.resolve import AMENDING_DECISIONS, _AMENDING_DECISION
    for title in AMENDING_DECISIONS["examples"]:
        assert _AMENDING_DECISION.search(title_key(title)), title
    for title in AMENDING_DECISIONS["counterexamples"]:
        assert not _AMENDING_DECISION.search(title_key(title)), title


def test_article_subfields():
    (a,) = extract("《中华人民共和国刑法》第三百零七条之一第二款第三项").cited_articles
    assert (a.article, a.paragraph, a.item) == ("307-1", "2", "3")


def test_back_reference_and_quoted_law_examples():
    from extractors.resolve import BACK_REFERENCES, QUOTED_LAWS
    for text, law in BACK_REFERENCES["examples"] + QUOTED_LAWS["examples"]:
        got = [a.law for a in extract(text).articles]
        assert got[-1:] == [law], text
    for text in BACK_REFERENCES["counterexamples"]:
        assert [a.role for a in extract(text).articles][-1:] == ["unattributed"], text


def test_markup_examples():
    from extractors.text import MARKUP, clean
    for text, cleaned in MARKUP["examples"]:
        assert clean(text).clean == cleaned, text
    for text in MARKUP["counterexamples"]:
        assert clean(text).clean == text.replace(" ", ""), text


def test_article_span_across_markup():
    text = "《广东省环境保护条例》第二十四条&emsp;第四款重点排污单位应当公开"
    (a,) = extract(text).cited_articles
    assert (a.text, a.article, a.paragraph) == ("第二十四条&emsp;第四款", "24", "4")
    assert text[a.start:a.end] == a.text


def test_measure_word_and_other_instrument_examples():
    for text in MEASURE_NOUNS["examples"] + OTHER_INSTRUMENTS["examples"]:
        assert articles("依照《中华人民共和国公路法》第八条规定。" + text) == [("中华人民共和国公路法", "8")], text


def test_work_context_examples():
    for text in WORK_CONTEXT["examples"]:
        assert titles(text) == [], text
    for text in WORK_CONTEXT["not"]:
        assert titles(text), text


def test_traditional_char_examples():
    from extractors.normalize import TRADITIONAL_CHARS, to_simplified
    pairs = TRADITIONAL_CHARS["pairs"]
    assert len(pairs) % 2 == 0 and len(set(pairs[0::2])) == len(pairs) // 2
    for text, expected in TRADITIONAL_CHARS["examples"]:
        assert to_simplified(text) == expected, text


def test_traditional_place_chars():
    # round 19: the traditional forms of every place name's characters fold (懷 of 懷化, 瀋 of 瀋陽), and
    # the fold leaves every simplified place name as it is (乾 of 乾安县 is not folded to 干)
    from extractors.normalize import TRADITIONAL_PLACE_CHARS_PATH, to_simplified
    from extractors.registry import COUNTY_NAMES_PATH, load_registry

    lines = [ln for ln in TRADITIONAL_PLACE_CHARS_PATH.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    pairs = [ln.split() for ln in lines]
    assert len(pairs) > 300 and all(len(p) == 2 and len(p[0]) == len(p[1]) == 1 for p in pairs)
    assert len({t for t, _ in pairs}) == len(pairs)
    assert to_simplified("懷化瀋陽齊齊哈爾錫林郭勒盟烏魯木齊") == "怀化沈阳齐齐哈尔锡林郭勒盟乌鲁木齐"
    counties = [ln for ln in COUNTY_NAMES_PATH.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    names = [p.name for p in load_registry()._places.values()] + counties
    assert all(to_simplified(n) == n for n in names)


def test_periodical_examples():
    for text in PERIODICAL_AFTER["examples"]:
        assert titles(text) == [], text


def test_edition_bracket_examples():
    for text, law in EDITION_BRACKETS["examples"]:
        assert [(a.law, a.via) for a in extract(text).articles][-1:] == [(law, "title" if "》（" in text else "name")], text


def test_amendment_item_examples():
    from extractors.resolve import AMENDMENT_ITEMS
    for text, law in AMENDMENT_ITEMS["examples"]:
        assert {a.law for a in extract(text).articles} == {law}, text
    for text in AMENDMENT_ITEMS["counterexamples"]:
        assert [a.role for a in extract(text).articles] == ["citation", "heading"], text


def test_shortening_lead_examples():
    for text, law in SHORTENING_LEADS["examples"]:
        got = [a.law for a in extract(text).articles]
        assert got[1:] == [law], text


@pytest.mark.parametrize("name", list(ARTICLE_PATTERNS))
def test_article_pattern_examples(name):
    for text, expected in ARTICLE_PATTERNS[name]["examples"]:
        got = [a.article for a in extract("《某法》" + text).cited_articles]
        assert got == expected, (name, text)


# --------------------------------------------------------------- pairs

PAIR_CASES = [
    ("《云南省医疗保障局关于进一步做好云南省城乡医疗救助工作的通知》（云医保〔2019〕128号）",
     [("云南省医疗保障局关于进一步做好云南省城乡医疗救助工作的通知", "云医保〔2019〕128号")]),
    ("《关于转发做好2020年城乡居民基本医疗保障工作的通知》云医保〔2020〕107号文件",
     [("关于转发做好2020年城乡居民基本医疗保障工作的通知", "云医保〔2020〕107号")]),
    ("根据玉溪市人民政府公告第 49 号《玉溪市城乡居民基本医疗保险实施办法》已经通过",
     [("玉溪市城乡居民基本医疗保险实施办法", "玉溪市人民政府公告第49号")]),
    ("根据玉溪市人民政府文件《玉溪市城乡居民医疗保险管理实施办法》（玉政规〔2021〕4号）已经",
     [("玉溪市城乡居民医疗保险管理实施办法", "玉政规〔2021〕4号")]),
    ("《关于修改北京市环境污染防治目标和对策及有关问题的请示》 (京政文〔1999〕56号)收悉",
     [("关于修改北京市环境污染防治目标和对策及有关问题的请示", "京政文〔1999〕56号")]),
    ("原中华人民共和国国家发展计划委员会令第8号发布的《关于商品和服务实行明码标价的规定》同时废止",
     [("关于商品和服务实行明码标价的规定", "中华人民共和国国家发展计划委员会令第8号")]),
    ("中华人民共和国国务院令第693号\n\n现公布《中华人民共和国环境保护税法实施条例》，自2018年1月1日起施行。",
     [("中华人民共和国环境保护税法实施条例", "中华人民共和国国务院令第693号")]),
    ("废止《江西省著名商标认定和保护办法》（2007年9月13日江西省人民政府令第161号公布）。",
     [("江西省著名商标认定和保护办法", "江西省人民政府令第161号")]),
    ("省人民政府令第６６号发布、２００４年６月３０日省人民政府令第１３４号修正的《江西省暂住人口管理办法》同时废止",
     [("江西省暂住人口管理办法", "省人民政府令第66号")]),
    ("《A办法》（以下简称《办法》，国发〔2019〕1号）", [("A办法", "国发〔2019〕1号")]),
    # 原: the order of a body since renamed
    ("依据《安全生产检测检验机构管理规定》（原安全监管总局令第12号）执行", [("安全生产检测检验机构管理规定", "安全监管总局令第12号")]),
    ("《某某管理办法》(原国家工商行政管理总局令第62号)", [("某某管理办法", "国家工商行政管理总局令第62号")]),
    ("《某某管理办法》（原则上每年修订）", []),
    # the number's bracket before the short name's own bracket; the short name is no title to pair
    ("学习《自治区党委第十四巡视组关于梧州学院巡视情况的反馈意见》（桂巡办〔2016〕246号）（以下简称《反馈意见》），研究部署整改工作",
     [("自治区党委第十四巡视组关于梧州学院巡视情况的反馈意见", "桂巡办〔2016〕246号")]),
    # a list of numbers goes to as many titles written one after another, in order ...
    ("根据《关于做好医疗保障工作的通知》《关于做好基金监管工作的通知》（云医保〔2019〕45、46号）",
     [("关于做好医疗保障工作的通知", "云医保〔2019〕45号"), ("关于做好基金监管工作的通知", "云医保〔2019〕46号")]),
    ("根据《关于做好医疗保障工作的通知》、《关于做好基金监管工作的通知》（云医保〔2019〕45号、46号）",
     [("关于做好医疗保障工作的通知", "云医保〔2019〕45号"), ("关于做好基金监管工作的通知", "云医保〔2019〕46号")]),
    # orders are not paired as a list: the first issued the title, the others amended it
    ("《某某条例》（国务院令第588号、第666号修订）", [("某某条例", "国务院令第588号")]),
    # ... and to none when there are fewer titles
    ("根据《关于做好基金监管工作的通知》（云医保〔2019〕45、46号）", []),
    # round 20: a list of numbers of several codes in one bracket after as many titles, in order
    # (a 政策依据 list: 《A》和《B》（国发〔2019〕1号、国办发〔2019〕2号）)
    ("根据《国务院关于促进外贸回稳向好的若干意见》和《国务院办公厅关于加强个人诚信体系建设的指导意见》（国发〔2016〕27号、国办发〔2016〕98号）精神",
     [("国务院关于促进外贸回稳向好的若干意见", "国发〔2016〕27号"),
      ("国务院办公厅关于加强个人诚信体系建设的指导意见", "国办发〔2016〕98号")]),
    ("依据《关于做好医疗保障工作的通知》、《关于做好基金监管工作的通知》（云医保〔2019〕45号、云医保〔2020〕46号）",
     [("关于做好医疗保障工作的通知", "云医保〔2019〕45号"), ("关于做好基金监管工作的通知", "云医保〔2020〕46号")]),
    # ... and with one title, its first number (the rest are other documents')
    ("《关于做好医疗救助工作的通知》（云医保〔2019〕128号、云财社〔2019〕46号）", [("关于做好医疗救助工作的通知", "云医保〔2019〕128号")]),
    # ... and to none when two titles share three numbers
    ("《甲通知》《乙通知》（云医保〔2019〕128号、云财社〔2019〕46号、国发〔2019〕1号）", []),
    # a number that belongs to nothing
    ("按照国发〔2019〕5号文件精神，依据《某某办法》执行", []),
    # an order signed, then the regulation it publishes
    ("2021年1月24日，国务院总理李克强签署第736号国务院令，公布《排污许可管理条例》（以下简称《条例》）",
     [("排污许可管理条例", "国务院令第736号")]),
    ("根据国务院令第736号，印发《某某办法》", []),
    # joint issuers of an announcement in the bracket after the title
    ("《财政部 税务总局 海关总署关于深化增值税改革有关政策的公告》（财政部 税务总局 海关总署公告2019年第39号）",
     [("财政部税务总局海关总署关于深化增值税改革有关政策的公告", "财政部税务总局海关总署公告2019年第39号")]),
    # a short name with the number in the bracket after it: the number of the title it stands for
    ("生态环境部印发《“十四五”国家地表水监测及评价方案（试行）》（以下简称《方案》）。2020年12月22日，生态环境部印发了《方案》（环办监测函〔2020〕714号），明确",
     [("“十四五”国家地表水监测及评价方案（试行）", "环办监测函〔2020〕714号")]),
    # ... not when that title has its own number already
    ("《某某办法》（国发〔2019〕1号，以下简称《办法》）。《办法》（国发〔2019〕2号）", [("某某办法", "国发〔2019〕1号")]),
    ("《部令》（部令第13号）", [("部令", "部令第13号")]),
    # an order line under the heading and issuer lines, then the title it publishes
    ("东莞市重大危险源安全监督管理办法\n\n广东省东莞市人民政府\n\n\n东莞市人民政府令第123号\n\n"
     "《东莞市重大危险源安全监督管理办法》已经市人民政府同意,现予发布。",
     [("东莞市重大危险源安全监督管理办法", "东莞市人民政府令第123号")]),
    # round 15: a year-first number right before the title it numbers
    ("可按（94）财税字第12号《财政部、国家税务总局关于运输费用和废旧物资准予抵扣进项税额问题的通知》中有关规定",
     [("财政部、国家税务总局关于运输费用和废旧物资准予抵扣进项税额问题的通知", "财税字〔1994〕12号")]),
    # round 15: a traditional-script title and its number (國發〔2006〕6號) pair as a simplified one does
    ("國務院《關於實施〈國家中長期科學和技術發展規劃綱要〉若干配套政策的通知》(國發〔2006〕6號)",
     [("關於實施〈國家中長期科學和技術發展規劃綱要〉若干配套政策的通知", "国发〔2006〕6号")]),
    ("你省《關於撤銷忻州地區的請示》(晉政字〔2000〕9號)收悉", [("關於撤銷忻州地區的請示", "晋政字〔2000〕9号")]),
    # round 13: the number of a code with a bracketed series pairs with the title before it
    ("根据《闽清县财政局关于下达2021年市级全民健身工程补助经费的通知》(梅财(事)指〔2021〕70号)文件精神",
     [("闽清县财政局关于下达2021年市级全民健身工程补助经费的通知", "梅财（事）指〔2021〕70号")]),
    # round 20: a label before the number in its bracket (a list of 法规与政策 with 文号：)
    ("--2.中华人民共和国国家卫生健康委员会（2017年2月22日）发布的《电子病历应用管理规范（试行）》（文号：国卫办医发(2017)8号）\n"
     "--3.中华人民共和国原卫生部（2010年1月22日）发布的《病历书写基本规范》（文号：卫医政发（2010）11号）",
     [("电子病历应用管理规范（试行）", "国卫办医发〔2017〕8号"), ("病历书写基本规范", "卫医政发〔2010〕11号")]),
    ("《关于做好医疗救助工作的通知》（发文字号：云医保〔2019〕128号）", [("关于做好医疗救助工作的通知", "云医保〔2019〕128号")]),
    # ... not a label of anything else
    ("《关于做好医疗救助工作的通知》（附件：云医保〔2019〕128号）", []),
    # round 20: the number in square brackets (国务院办公厅发布《…》[国办发〔2017〕54号])
    ("国务院办公厅发布《关于建设第二批大众创业万众创新示范基地的实施意见》[国办发〔2017〕54号]：经国务院同意",
     [("关于建设第二批大众创业万众创新示范基地的实施意见", "国办发〔2017〕54号")]),
    ("《关于做好医疗救助工作的通知》【云医保〔2019〕128号】", [("关于做好医疗救助工作的通知", "云医保〔2019〕128号")]),
    # ... not a bracket closed before the number
    ("《关于做好医疗救助工作的通知》[1]云医保〔2019〕128号", []),
    # round 20: the number in the next cell of the title's table row (| 文件 | 文号 | 引用它的规则 |)
    ("| 文件 | 文号 | 引用它的规则 |\n|---|---|---|\n| 《电子病历应用管理规范（试行）》 | 国卫办医发〔2017〕8号 | NR-001, NR-006, NR-010 |\n"
     "| 《病历书写基本规范》 | 卫医政发〔2010〕11号 | NR-002, NR-003 |\n| 《护理分级标准》 | WS/T 431—2023 | NR-008 |",
     [("电子病历应用管理规范（试行）", "国卫办医发〔2017〕8号"), ("病历书写基本规范", "卫医政发〔2010〕11号")]),
    ("| 《建设工程安全生产管理条例》 | 国务院令第393号 | SB-002, SB-003 |", [("建设工程安全生产管理条例", "国务院令第393号")]),
    # ... not a number two cells on, nor the next row's
    ("| 《病历书写基本规范》 | 2010年 | 卫医政发〔2010〕11号 |", []),
    ("| 《护理分级标准》 | WS/T 431—2023 |\n| 卫医政发〔2010〕11号 | NR-002 |", []),
    # round 20: the number as the comma-separated field after the title, inside the bracket holding
    # both or in a list of references
    ("| <https://www.gov.cn/zhengce/zhengceku/2013-03/01/content_6069.htm>（国务院办公厅《关于建立疾病应急救助制度的指导意见》，国办发〔2013〕15 号） | 是 |",
     [("关于建立疾病应急救助制度的指导意见", "国办发〔2013〕15号")]),
    ("（国家卫生健康委办公厅《关于印发急诊医学等 6 个专业医疗质量控制指标（2024 年版）的通知》，国卫办医政函〔2024〕150 号，2024 年 4 月 30 日）",
     [("关于印发急诊医学等6个专业医疗质量控制指标（2024年版）的通知", "国卫办医政函〔2024〕150号")]),
    ("5. 全国人大常委会：《中华人民共和国无障碍环境建设法》，2023。\n6. 国务院办公厅：《关于切实解决老年人运用智能技术困难的实施方案》，国办发〔2020〕45号。",
     [("关于切实解决老年人运用智能技术困难的实施方案", "国办发〔2020〕45号")]),
    ("九部门：《关于深入推进智慧社区建设的意见》，民发〔2022〕29号\n住房和城乡建设部办公厅：《关于开展完整社区建设试点工作的通知》",
     [("关于深入推进智慧社区建设的意见", "民发〔2022〕29号")]),
    # ... not a number the sentence goes on about
    ("依据《某某办法》，国发〔2019〕5号文件精神，制定本细则", []),
    ("按照《某某办法》，国发〔2019〕5号要求执行", []),
    ("学习《某某办法》，国发〔2019〕5号和中办发〔2019〕6号", []),
    # round 20: an announcement line above the sentence promulgating the title, the meeting named first
    ("深圳市人民代表大会常务委员会公告\n\n第三十七号\n\n  深圳市第三届人民代表大会常务委员会第十一次会议于2001年10月17日审议通过的"
     "《深圳市人民代表大会常务委员会听证条例》业经广东省第九届人民代表大会常务委员会第二十九次会议于2001年12月3日批准,现予公布,自2002年1月1日起施行。",
     [("深圳市人民代表大会常务委员会听证条例", "深圳市人民代表大会常务委员会公告第37号")]),
    ("某某市人民政府令\n第5号\n某某市人民政府第12次常务会议审议通过的《某某市养犬管理办法》，现予公布，自2020年1月1日起施行。",
     [("某某市养犬管理办法", "某某市人民政府令第5号")]),
    # ... not when the number is inside a sentence, nor when the sentence promulgates nothing
    ("根据深圳市人民代表大会常务委员会公告第37号，第十一次会议审议通过的《某某条例》现予公布。", []),
    ("某某市人民政府令\n第5号\n市政府第3次常务会议审议通过的《某某办法》存在以下问题。", []),
    # round 21: the issuing order before the amendments made since, whatever the amendment is called
    # (修正, 修订, 修改), however many there were and however written (by an order, on a date, 根据…)
    ("１９９８年２月１０日省人民政府令第６６号发布、２００４年６月３０日省人民政府令第１３４号修订的《江西省暂住人口管理办法》同时废止。",
     [("江西省暂住人口管理办法", "省人民政府令第66号")]),
    # (the other forms and the counterexamples are ISSUED_THEN_AMENDED's examples: test_title_to_number_examples)
]


def test_title_to_number_examples():
    from extractors.resolve import ISSUED_THEN_AMENDED, NUMBER_FIELDS, PROMULGATION_PREAMBLES, TITLE_TO_NUMBER
    for table in (TITLE_TO_NUMBER, NUMBER_FIELDS, PROMULGATION_PREAMBLES, ISSUED_THEN_AMENDED):
        for text, expected in table["examples"]:
            assert pairs(text) == expected, text
        for text in table.get("counterexamples", ()):
            assert pairs(text) == [], text


def test_alias_defined_again_for_another_title():
    text = ("印发《关于加强产业园区规划环评工作的意见》（以下简称《意见》）。《意见》提出。"
            "发布《关于推动生态环境志愿服务发展的指导意见》（环宣教〔2021〕49号，以下简称《意见》）。就《意见》出台的背景")
    got = [(t.title, t.alias_of) for t in extract(text).titles if t.category == "alias"]
    first, second = "关于加强产业园区规划环评工作的意见", "关于推动生态环境志愿服务发展的指导意见"
    assert got == [("意见", first), ("意见", first), ("意见", second), ("意见", second)]


def test_joint_issuer_span():
    text = "（财政部 税务总局 海关总署公告2019年第39号）"
    (n,) = extract(text).numbers
    assert n.text == "财政部 税务总局 海关总署公告2019年第39号"
    assert text[n.start:n.end] == n.text


def test_issuer_inside_list_spans():
    text = "国家主席习近平分别签署第46、47、48号主席令予以公布。签署第37号、第38号主席令"
    got = [(n.number, n.text) for n in extract(text).numbers]
    assert got == [("主席令第46号", "第46"), ("主席令第47号", "47"), ("主席令第48号", "48号主席令"),
                   ("主席令第37号", "第37号"), ("主席令第38号", "第38号主席令")]
    assert all(text[n.start:n.end] == n.text for n in extract(text).numbers)


def test_number_list_spans():
    """Each number of a list spans what the text writes of it."""
    text = "根据云医保〔2019〕45、046号和云医保〔2019〕47号、\n第48号和第049号文件"
    got = [(n.number, n.text) for n in extract(text).numbers]
    assert got == [("云医保〔2019〕45号", "云医保〔2019〕45"), ("云医保〔2019〕46号", "046号"),
                   ("云医保〔2019〕47号", "云医保〔2019〕47号"), ("云医保〔2019〕48号", "第48号"),
                   ("云医保〔2019〕49号", "第049号")]
    assert all(text[n.start:n.end] == n.text for n in extract(text).numbers)


@pytest.mark.parametrize("text,expected", PAIR_CASES)
def test_pairs(text, expected):
    assert pairs(text) == expected


# --------------------------------------------------------------- statements

def test_repeal_statements():
    ex = extract("本办法自2022年1月1日起施行，《玉溪市城乡居民基本医疗保险实施办法》（玉溪市人民政府公告第49号）同时废止。")
    (r,) = ex.repeals
    assert r.old_number.number == "玉溪市人民政府公告第49号"
    assert r.kind == "repeal"


@pytest.mark.parametrize("text,expected", [
    # round 13: a colon that ends its line (the salutation) ends the sentence before it, so the
    # evidence of a repeal does not reach back into the heading and metadata lines
    ("牟定县人民政府办公室关于印发牟定县突发环境事件应急预案(试行)的通知\n\n牟政办发〔201746\n\n"
     "各乡镇人民政府,县级有关部门:\n\n经县人民政府同意,现将《牟定县突发环境事件应急预案(试行)》印发给你们,"
     "原2007年印发的《牟定县突发环境事件应急预案》同时废止。",
     "经县人民政府同意,现将《牟定县突发环境事件应急预案(试行)》印发给你们,原2007年印发的《牟定县突发环境事件应急预案》同时废止。"),
    ("附件:\n原《某某办法》同时废止。", "原《某某办法》同时废止。"),
    # ... but a colon inside a line does not
    ("经研究决定:原《某某办法》同时废止。", "经研究决定:原《某某办法》同时废止。"),
    # round 21: nor does a sentence reach back over a markdown heading or a comment line, whatever
    # punctuation they lack (劳社部发[2008]3号, a formula and a bare item heading before the repeal)
    ("月计薪天数＝（365天-104天）÷12月＝21.75天\n\n## 三\n2000年3月17日劳动保障部发布的"
     "《关于职工全年月平均工作时间和工资折算问题的通知》（劳社部发[2000]8号）同时废止。",
     "2000年3月17日劳动保障部发布的《关于职工全年月平均工作时间和工资折算问题的通知》（劳社部发[2000]8号）同时废止。"),
    ("# 某某规定\n\n2014年8月19日 某某市人民政府令第7号公布\n\n<!-- INFO END -->\n\n《某某暂行规定》同时废止。",
     "《某某暂行规定》同时废止。"),
    # ... while a line broken inside its sentence, and a # inside a line, go on being the sentence
    ("第三十条 本规定自2020年1月1日起施行，原《某某\n办法》同时废止。", "第三十条 本规定自2020年1月1日起施行，原《某某\n办法》同时废止。"),
    ("经研究，编号为#1的《某某规定》同时废止。", "经研究，编号为#1的《某某规定》同时废止。"),
])
def test_repeal_evidence_is_its_sentence(text, expected):
    (r,) = extract(text).repeals
    assert r.evidence == expected
    assert text[r.start:r.end].strip() == expected


@pytest.mark.parametrize("text,expected", [
    # round 21: the date of entry into force in the first article after a chapter heading
    # (江门市门楼号牌管理条例) is stated by that article, not by the heading
    ("## 第五章 法律责任\n\n第二十七条 违反本条例规定的，处以500元以下罚款。\n\n## 第六章 附 则\n\n第二十八条 本条例自2023年1月1日起施行。",
     "第二十八条 本条例自2023年1月1日起施行。"),
    # ... and a sentence with no closing mark ends at the heading after it
    ("第二十八条 本条例自2023年1月1日起施行\n\n## 第七章 附 录\n\n第二十九条 其他。", "第二十八条 本条例自2023年1月1日起施行"),
])
def test_date_evidence_is_its_sentence(text, expected):
    (d,) = extract(text).dates
    assert d.evidence == expected
    assert text[d.start:d.end].strip() == expected


def test_structure_line_examples():
    from extractors.statements import STRUCTURE_LINES
    for text, expected in STRUCTURE_LINES["examples"] + STRUCTURE_LINES["counterexamples"]:
        ex = extract(text)
        assert [x.evidence for x in (*ex.dates, *ex.repeals)][-1:] == [expected], text


def replacements(text: str) -> set:
    from extractors.score import predicted_sets
    return predicted_sets(extract(text)).replacements


@pytest.mark.parametrize("text,expected", [
    # a heading glued to its own number at the start of a line gives the repealing document's number
    ("国务院办公厅关于印发国家突发环境事件应急预案的通知国办函〔2014〕119号各省、自治区、直辖市人民政府：　　"
     "现将修订后的《国家突发环境事件应急预案》印发给你们。2005年5月24日由国务院办公厅印发的《国家突发环境事件应急预案》同时废止。",
     {("国家突发环境事件应急预案", "国办函〔2014〕119号")}),
    # ... not a number inside a sentence, nor one after a heading without 关于
    ("请参照省政府关于印发某某办法的通知赣府发〔2019〕1号执行。《某某规定》同时废止。", set()),
    ("某某预案国办函〔2014〕119号\n《某某规定》同时废止。", set()),
    # a decision without a number, published with 现予发布: its own title replaces
    ("武汉市人民政府关于废止《武汉市广告管理实施办法》等行政规章的决定\n\n《市人民政府关于废止〈武汉市广告管理实施办法〉等行政规章的决定》"
     "已经市人民政府常务会议审议通过,现予发布。\n\n现决定对《武汉市广告管理实施办法》等46件行政规章予以废止。",
     {("武汉市广告管理实施办法", "市人民政府关于废止〈武汉市广告管理实施办法〉等行政规章的决定")}),
    # the own number in a history line that gives the adoption first
    ("抚顺市人民政府关于废止《抚顺市封山禁牧管理办法》的决定\n\n(2010年4月19日抚顺市政府第17次常务会议通过2010年4月26日抚顺市人民政府令第147号公布)\n\n"
     "决定废止《抚顺市封山禁牧管理办法》(2007年12月19日市政府第132号令)。",
     {("市政府第132号令", "抚顺市人民政府令第147号")}),
    # the clause of the trigger names the repealed work: not the one the text issues
    ("牟定县人民政府办公室关于印发牟定县突发环境事件应急预案(试行)的通知\n牟政办发〔2017〕46号\n各乡镇人民政府:\n"
     "经县人民政府同意,现将《牟定县突发环境事件应急预案(试行)》印发给你们,请认真贯彻执行,"
     "原2007年印发的《牟定县突发环境事件应急预案》同时废止。",
     {("牟定县突发环境事件应急预案", "牟政办发〔2017〕46号")}),
    # works listed with commas, each after the order that issued it: all of them, with their numbers
    ("# 中华人民共和国市场主体登记管理条例实施细则\n\n2022年3月1日 国家市场监督管理总局令第52号公布\n\n<!-- INFO END -->\n\n"
     "第八十二条 本实施细则自公布之日起施行。1988年11月3日原国家工商行政管理局令第1号公布的《中华人民共和国企业法人登记管理条例施行细则》，"
     "2000年1月13日原国家工商行政管理局令第94号公布的《个人独资企业登记管理办法》，"
     "2015年8月27日原国家工商行政管理总局令第76号公布的《企业经营范围登记管理规定》同时废止。",
     {("国家工商行政管理局令第1号", "国家市场监督管理总局令第52号"), ("国家工商行政管理局令第94号", "国家市场监督管理总局令第52号"),
      ("国家工商行政管理总局令第76号", "国家市场监督管理总局令第52号")}),
    # the list after 决定废止下列规章： goes on past the ；that ends its first item
    ("某某局令第5号\n决定废止下列规章：\n一、《某某办法》（2001年7月25日某某局令第7号发布）；\n"
     "二、《某某规定》（2002年12月25日某某局令第15号发布）。",
     {("某某局令第7号", "某某局令第5号"), ("某某局令第15号", "某某局令第5号")}),
    # 同时废止《X》 right after the in-force date, under the document's own number
    ("某政办发〔2021〕3号\n各乡镇人民政府：\n现将《某某管理办法》印发给你们。\n本办法自印发之日起施行，同时废止《某某暂行办法》（某政办发〔2015〕12号）。",
     {("某政办发〔2015〕12号", "某政办发〔2021〕3号")}),
    # without a number, the title a notice issues (《X》已经…同意，现印发给你们) replaces
    ("各乡镇人民政府：\n《某某县突发环境事件应急预案（修订）》已经县人民政府同意，现印发给你们，请认真贯彻执行。"
     "原《某某县突发环境事件应急预案》同时废止。",
     {("某某县突发环境事件应急预案", "某某县突发环境事件应急预案(修订)")}),
    ("各乡镇人民政府：\n《某某办法》已经印发，请遵照执行。原《某某规定》同时废止。", set()),
    # the own number in a page's metadata row
    ("发文字号: 吕政办发[2013]99号 发布日期: 2013年09月16日\n\n吕梁市人民政府办公厅\n\n"
     "本预案自印发之日起施行，原《吕梁市通信保障应急预案》（吕政办发〔2009〕5号）同时废止。",
     {("吕政办发〔2009〕5号", "吕政办发〔2013〕99号")}),
    # ... not a number the text cites after a label
    ("根据文号：国发〔2019〕1号的要求，原《某某办法》（某政发〔2009〕5号）同时废止。", set()),
    # a level-1 markdown heading is the repealing regulation's own title ...
    ("# 中华人民共和国两用物项出口管制条例\n\n<!-- INFO END -->\n\n第五十条 本条例自2024年12月1日起施行。"
     "《中华人民共和国核两用品及相关技术出口管制条例》和《有关化学品及相关设备和技术出口管制办法》同时废止。",
     {("中华人民共和国核两用品及相关技术出口管制条例", "中华人民共和国两用物项出口管制条例"),
      ("有关化学品及相关设备和技术出口管制办法", "中华人民共和国两用物项出口管制条例")}),
    # round 21: the issuing order of the repealed work, its amendments (修订) named after it
    ("# 某某省城市供水管理办法\n\n2011年5月9日 某某省人民政府令第190号公布\n\n<!-- INFO END -->\n\n第三十条 本办法自2011年7月1日起施行。"
     "2000年3月1日省人民政府令第88号公布、2010年11月29日省人民政府令第178号修订的《某某省城镇供水管理办法》同时废止。",
     {("省人民政府令第88号", "某某省人民政府令第190号")}),
    # ... a section heading is not
    ("## 第五章 附 则\n\n第三十八条 本条例自2002年11月15日起施行。2001年4月3日信息产业部、公安部、文化部、国家工商行政管理局发布的"
     "《互联网上网服务营业场所管理办法》同时废止。", set()),
])


def test_replacements(text, expected):
    assert replacements(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a comma inside a history bracket does not end the clause
    ("本办法自2020年1月1日起施行，《某某办法》（2001年1月1日省人民政府令第1号公布，2005年修订）同时废止。",
     [("某某办法", "省人民政府令第1号")]),
    # a clause that names nothing: the works of the whole sentence
    ("《某某办法》、《某某规定》，自本办法施行之日起同时废止。", [("某某办法", None), ("某某规定", None)]),
    ("现将《某某办法》印发给你们，原《某某规定》同时废止。", [("某某规定", None)]),
    # works listed with commas before the trigger's clause are repealed with it
    ("《某某办法》（国发〔2010〕1号），《某某规定》（国发〔2011〕2号）同时废止。",
     [("某某办法", "国发〔2010〕1号"), ("某某规定", "国发〔2011〕2号")]),
    ("依据《某某法》，《某某办法》同时废止。", [("某某办法", None)]),
    # after 废止《X》 only the works listed with X; a work named twice is one, with its number
    ("抚顺市人民政府关于废止《抚顺市封山禁牧管理办法》的决定\n\n(2010年4月19日抚顺市政府第17次常务会议通过2010年4月26日抚顺市人民政府令第147号公布)\n\n"
     "因《辽宁省封山禁牧规定》颁布,经市政府第17次常务会议审议,决定废止《抚顺市封山禁牧管理办法》(2007年12月19日市政府第132号令)。",
     [("抚顺市封山禁牧管理办法", "市政府第132号令")]),
    ("决定废止《某某办法》（2001年3月1日省人民政府令第1号公布）、《某某规定》和《某某细则》，依据《某某法》。",
     [("某某办法", "省人民政府令第1号"), ("某某规定", None), ("某某细则", None)]),
    ("武汉市人民政府关于废止《武汉市广告管理实施办法》等行政规章的决定\n\n《市人民政府关于废止〈武汉市广告管理实施办法〉等行政规章的决定》已经市人民政府常务会议审议通过,现予发布。",
     [("武汉市广告管理实施办法", None)]),
    # works listed with commas, each after its date and issuing order (原…令第N号公布的《X》) ...
    ("本细则自公布之日起施行。1988年11月3日原国家工商行政管理局令第1号公布的《某某施行细则》，2000年1月13日原国家工商行政管理局令第94号公布的"
     "《某某登记管理办法》，2015年8月27日原国家工商行政管理总局令第76号公布的《某某范围登记管理规定》同时废止。",
     [("某某施行细则", "国家工商行政管理局令第1号"), ("某某登记管理办法", "国家工商行政管理局令第94号"),
      ("某某范围登记管理规定", "国家工商行政管理总局令第76号")]),
    ("2014年7月30日原国家食品药品监督管理总局令第7号公布的《医疗器械生产监督管理办法》，原国家食品药品监督管理总局2016年3月4日发布的"
     "《食品生产经营日常监督检查管理办法》同时废止。",
     [("医疗器械生产监督管理办法", "国家食品药品监督管理总局令第7号"), ("食品生产经营日常监督检查管理办法", None)]),
    # ... not a clause that cites a work, whatever issued it
    ("根据国务院发布的《某某条例》，2000年1月13日原国家工商行政管理局令第94号公布的《某某登记管理办法》同时废止。",
     [("某某登记管理办法", "国家工商行政管理局令第94号")]),
    ("现将《某某办法》印发给你们，2000年1月13日原某某局令第94号公布的《某某规定》同时废止。", [("某某规定", "某某局令第94号")]),
    # a title inside the bracket that describes a repealed work is no work of its own
    ("现决定废止2006年3月7日公布的《中华人民共和国上海海关公告2006年第4号》（上海海关关于对承运跨关区公路转关运输货物的监管车辆驾驶员实施IC卡管理试点的公告）、"
     "2014年12月1日公布的《中华人民共和国上海海关公告2014年第43号》（上海海关关于实施《中华人民共和国海关企业信用管理暂行办法》相关事项的公告）、"
     "2015年6月16日公布的《中华人民共和国上海海关公告2015年第5号》（上海海关关于发布《中国（上海）自由贸易试验区海关行政权力清单（2015版）》、"
     "《中国（上海）自由贸易试验区海关行政责任清单（2015版）》的公告）",
     [("中华人民共和国上海海关公告2006年第4号", None), ("中华人民共和国上海海关公告2014年第43号", None),
      ("中华人民共和国上海海关公告2015年第5号", None)]),
    ("《某某办法》（依据《某某条例》制定）同时废止。", [("某某办法", None)]),
    # a trigger that introduces a list: the works of the list after the colon, whatever ends its items
    ("市政府决定对以下2件市政府规章予以废止:\n一、《常州市城市市容管理办法》(2016年12月1日常州市人民政府令第2号发布)\n"
     "二、《常州市生活垃圾分类管理办法》(2018年11月23日常州市人民政府令第8号发布)\n本决定自公布之日起施行。",
     [("常州市城市市容管理办法", "常州市人民政府令第2号"), ("常州市生活垃圾分类管理办法", "常州市人民政府令第8号")]),
    ("决定废止下列规章：\n一、《某某办法》（2001年7月25日某某局令第7号发布）；\n二、《某某规定》（2002年12月25日某某局令第15号发布）。",
     [("某某办法", "某某局令第7号"), ("某某规定", "某某局令第15号")]),
    # works named right after the trigger (同时废止《X》…), with those listed with them
    ("第四十七条 本规范自2025年1月1日起施行，同时废止《会计核算软件基本功能规范》（财会字〔1994〕27号）。",
     [("会计核算软件基本功能规范", "财会字〔1994〕27号")]),
    ("本办法自印发之日起施行，同时废止原《某某办法》（某政办发〔2015〕12号）和《某某规定》。",
     [("某某办法", "某政办发〔2015〕12号"), ("某某规定", None)]),
    ("深圳市规划和自然资源局关于停止执行《关于按照国家政策执行住宅户型比例要求的通知》的通知",
     [("关于按照国家政策执行住宅户型比例要求的通知", None)]),
    ("自2019年1月1日起，停止执行《关于调整城市低保标准的通知》（某民发〔2015〕3号）。",
     [("关于调整城市低保标准的通知", "某民发〔2015〕3号")]),
    # of works listed before the trigger, those named only in part stay
    ("《某某办法》（某政发〔2010〕1号）和《某某规定》中关于收费的条款同时废止。", [("某某办法", "某政发〔2010〕1号")]),
    # ... items without 《》 give their numbers, on lines of their own or in the cells of a table
    ("经清理，决定废止以下2件规范性文件：\n1.关于加强城市管理的通知（某政办发〔2010〕5号）\n"
     "2.关于做好防汛工作的通知（某政办发〔2012〕7号）\n本决定自印发之日起施行。",
     [(None, "某政办发〔2010〕5号"), (None, "某政办发〔2012〕7号")]),
    ("决定废止下列规范性文件：\n序号\n文件名称\n文号\n1\n关于加强城市管理的通知\n某政办发〔2010〕5号\n2\n"
     "关于做好防汛工作的通知\n某政办发〔2012〕7号\n特此通知。",
     [(None, "某政办发〔2010〕5号"), (None, "某政办发〔2012〕7号")]),
    # ... and no further than a line that closes the list
    ("决定废止下列规章：\n一、《某某办法》\n二、《某某规定》\n\n附件：《某某细则》修改对照表", [("某某办法", None), ("某某规定", None)]),
    # (a text crawled as one line: what closes the list closes it wherever it stands)
    ("决定废止下列规章：一、《某某办法》二、《某某规定》特此通知某某县人民政府附件：《某某细则》修改对照表",
     [("某某办法", None), ("某某规定", None)]),
    # round 14: a list whose items end with 。 goes on while the next item follows (二、, 2., （二）)
    ("经过清理,省政府决定废止以下规章:\n一、山东省信访规定(省政府令第114号)。\n二、山东省安全生产监督管理规定(省政府令第141号)。\n"
     "三、山东省高等教育自学考试若干规定(鲁政发〔1983〕90号)。\n本决定自公布之日起施行。",
     [(None, "省政府令第114号"), (None, "省政府令第141号"), (None, "鲁政发〔1983〕90号")]),
    ("决定废止下列规章：一、《某某办法》（某某局令第7号）。二、《某某规定》（某某局令第15号）。本决定自公布之日起施行。",
     [("某某办法", "某某局令第7号"), ("某某规定", "某某局令第15号")]),
    ("决定废止下列规范性文件：\n（一）《某某办法》（某政发〔2010〕1号）。\n（二）《某某规定》（某政发〔2011〕2号）。",
     [("某某办法", "某政发〔2010〕1号"), ("某某规定", "某政发〔2011〕2号")]),
    # ... and stops at a 。 that no item follows
    ("决定废止下列规章：\n一、《某某办法》（某某局令第7号）。\n各单位要做好衔接工作，《某某规定》继续有效。",
     [("某某办法", "某某局令第7号")]),
    # a work a heading names in 《》 and the list names unbracketed before its number is one work, by number
    ("山东省人民政府关于废止《山东省信访规定》等3件省政府规章的决定\n经过清理,省政府决定废止以下规章:\n"
     "一、山东省信访规定(省政府令第114号)。\n二、山东省安全生产监督管理规定(省政府令第141号)。",
     [(None, "省政府令第114号"), (None, "省政府令第141号")]),
    # ... not when the list names another work before the number
    ("山东省人民政府关于废止《山东省信访规定》的决定\n省政府决定废止以下规章:\n一、山东省信访条例(省政府令第114号)。",
     [("山东省信访规定", None), (None, "省政府令第114号")]),
    # round 15: a clean-up result names each batch by its first work and a count (花垣县 清理结果):
    # 《X》等2件规范性文件废止, 宣布《Y》（…号）等3件规范性文件失效
    ("现将清理结果公布如下：\n一、《花垣县人民政府办公室关于印发〈花垣县县级储备粮管理办法〉的通知》等7件规范性文件继续有效。\n"
     "二、《花垣县人民政府办公室关于印发〈花垣县行政许可事项清单(2022年版)〉的通知》等4件规范性文件失效。\n"
     "三、《花垣县人民政府办公室关于印发〈花垣县农村土地经营权流转管理办法实施细则(试行)〉的通知》等2件规范性文件废止。",
     [("花垣县人民政府办公室关于印发〈花垣县行政许可事项清单(2022年版)〉的通知", None),
      ("花垣县人民政府办公室关于印发〈花垣县农村土地经营权流转管理办法实施细则(试行)〉的通知", None)]),
    ("经市政府同意，决定废止《关于加强城市管理的通知》（某政办发〔2010〕5号）等10件规范性文件，"
     "宣布《关于做好防汛工作的通知》（某政办发〔2012〕7号）等3件规范性文件失效。",
     [("关于加强城市管理的通知", "某政办发〔2010〕5号"), ("关于做好防汛工作的通知", "某政办发〔2012〕7号")]),
    ("《某某市城市管理办法》（市政府令第12号）等5件市政府规章失效。", [("某某市城市管理办法", "市政府令第12号")]),
])
def test_repealed_works(text, expected):
    got = [(r.old_title.title if r.old_title else None, r.old_number.number if r.old_number else None)
           for r in extract(text).repeals]
    assert got == expected


@pytest.mark.parametrize("text", [
    "凡与本规定不一致的同时废止。",
    "不再执行《某某办法》中关于补助标准的规定。",
    "《实施意见》至国家有关部门宣布疫情结束之日起，自动停止执行。",
    "制定、修改、废止、解释地方性法规。",
    "《江西省人民政府关于废止〈江西省著名商标认定和保护办法〉的决定》已经通过。",
    "自2020年1月1日起，下列补贴标准不再执行：\n1.交通补贴；\n2.通讯补贴。",
    "六、在2025年12月31日前制发文件规定的国内环节增值税优惠政策同时停止执行。",
    # part of a work is not the work
    "本规定自2021年1月1日起施行，同时废止《中华人民共和国婚姻法》第十九条关于夫妻共同债务的全部内容。",
    "决定废止《某某办法》第五条。",
    "本办法自2020年1月1日起施行，同时废止与本办法不一致的规定。",
    "自2019年1月1日起，停止执行《关于调整城市低保标准的通知》规定的补贴标准。",
    "江苏省人民代表大会常务委员会关于停止执行《江苏省环境保护条例》第四十四条处罚权限规定的决定",
    # a colon that announces no documents introduces no list of repealed works
    "诉讼期间，有下列情形之一的，裁定停止执行：\n（一）原告申请停止执行，人民法院认为依照《某某条例》的规定需要停止执行的；",
    "本办法自印发之日起施行，同时废止《某某办法》中与本办法不一致的规定。",
    "原《某某办法》（某政发〔2010〕1号）中与本办法不一致的规定同时废止。",
    # round 15: 废止/失效 after 文件 without a counted batch of named works
    "一、《某某办法》等7件规范性文件继续有效。",
    "《某某办法》印发后，原文件失效。",
    "凡与《某某条例》不一致的规章失效。",
])
def test_not_repeals(text):
    assert extract(text).repeals == ()


def test_list_stop_examples():
    from extractors.statements import LIST_STOP, _LIST_STOP
    assert all(_LIST_STOP.match(x) for x in LIST_STOP["examples"])
    assert not any(_LIST_STOP.match(x) for x in LIST_STOP["counterexamples"])


def test_batch_repeal_examples():
    from extractors.statements import BATCH_REPEAL
    for text in BATCH_REPEAL["examples"]:
        assert extract(text).repeals, text
    for text in BATCH_REPEAL["counterexamples"]:
        assert extract(text).repeals == (), text


def test_list_item_start_examples():
    from extractors.statements import LIST_ITEM_START, _LIST_ITEM_START
    assert all(_LIST_ITEM_START.match(x) for x in LIST_ITEM_START["examples"])
    assert not any(_LIST_ITEM_START.match(x) for x in LIST_ITEM_START["counterexamples"])


def test_listed_prefix_examples():
    from extractors.statements import LISTED_PREFIX, _LISTED_PREFIX
    assert all(_LISTED_PREFIX.fullmatch(x) for x in LISTED_PREFIX["examples"])
    assert not any(_LISTED_PREFIX.fullmatch(x) for x in LISTED_PREFIX["counterexamples"])


@pytest.mark.parametrize("text,expected", [
    ("文号 | 汉政办发〔2021〕88号 | 成文日期: | 2021年09月28日 |", "汉政办发〔2021〕88号"),
    ("时效性 :现行有效\n文号 :晋政发〔2018〕13号\n", "晋政发〔2018〕13号"),
    ("行政处罚决定书文号: 某罚〔2023〕1号\n", "某罚〔2023〕1号"),
    ("发文字号:\n高政发〔2021〕1号\n", "高政发〔2021〕1号"),
    ("根据文号：国发〔2019〕1号的要求，制定本办法。", None),
])
def test_own_number(text, expected):
    from extractors.statements import own_identity
    n, _ = own_identity(extract(text))
    assert (n.number if n else None) == expected


def test_heading_title_examples():
    from extractors.statements import HEADING_TITLE_EXAMPLES, heading_title
    for text, is_title in HEADING_TITLE_EXAMPLES:
        assert (heading_title(text) == text.strip("《》")) is is_title, text


@pytest.mark.parametrize("text,expected", [
    # a plain text's first line, when it reads as a title
    ("玉溪市医疗保障基金监督管理办法\n第一条 为了加强管理，制定本办法。\n", "玉溪市医疗保障基金监督管理办法"),
    ("\ufeff\n　　关于做好城乡居民医疗保险工作的通知\n各乡镇人民政府：\n", "关于做好城乡居民医疗保险工作的通知"),
    ("《江西省著名商标认定和保护办法（试行）》\n第一条 为了…", "江西省著名商标认定和保护办法（试行）"),
    # not a title line
    ("中华人民共和国国务院令\n第693号\n", None),
    ("为了加强管理，制定本办法。\n第一条 …", None),
    ("各乡镇人民政府：\n现将有关事项通知如下。", None),
])
def test_own_title_from_the_first_line(text, expected):
    from extractors.statements import own_identity
    assert own_identity(extract(text))[1] == expected


@pytest.mark.parametrize("text,expected", [
    # round 22: 现将《X》 names the text's own title only when it issues X (…印发给你们, several titles
    # before one verb)
    ("各县（区）人民政府：\n现将《某某县突发环境事件应急预案（试行）》印发给你们，请认真贯彻执行。", "某某县突发环境事件应急预案（试行）"),
    ("各有关单位：\n现将《甲实施细则》《乙实施细则》印发给你们，请遵照执行。", "甲实施细则"),
    ("各单位：\n现将《<政府工作报告>任务分解表》印发给你们。", "<政府工作报告>任务分解表"),
    # ... not when it forwards another's document (四川 2014: …（国发明电〔2014〕1号）转发你们) or names the
    # document the text is about (《政府工作报告》提出的任务予以分解; 《关于下达…的通知》…中已竣工的项目)
    ("各市（州）、县（市、区）人民政府：\n现将《国务院关于对稳增长促改革调结构惠民生政策措施落实情况开展全面督查的通知》"
     "（国发明电〔2014〕1号）转发你们，请按照通知要求立即开展自查。", None),
    ("各乡镇：\n现将《政府工作报告》提出的2020年重点工作任务予以分解并明确到各责任单位。", None),
    ("各乡镇：\n现将《关于下达2019年度第一批扶贫项目实施计划的通知》（永农〔2019〕66号）中已竣工的项目予以安排补助资金。", None),
])
def test_own_title_of_a_notice_that_issues_a_document(text, expected):
    from extractors.statements import own_identity
    assert own_identity(extract(text))[1] == expected


def test_a_repeal_in_a_text_without_a_number_is_by_its_heading_title():
    from extractors.statements import own_identity
    text = ("玉溪市医疗保障基金监督管理办法\n第一条 为了加强医疗保障基金监督管理，制定本办法。\n"
            "第二条 本办法自2022年1月1日起施行，《玉溪市医疗保障基金监督暂行办法》同时废止。\n")
    ex = extract(text)
    (r,) = ex.repeals
    assert r.old_title.title == "玉溪市医疗保障基金监督暂行办法"
    assert own_identity(ex) == (None, "玉溪市医疗保障基金监督管理办法")


def test_date_statements():
    text = "根据玉溪市人民政府公告第 49 号《玉溪市城乡居民基本医疗保险实施办法》已经 2016年 8月 29日玉溪市人民政府第 62次常务会议讨论通过，予以公布，自 2017年 1月 1\n\n日起施行。"
    (d,) = extract(text).dates
    assert (d.number.number, d.adopted, d.in_force) == ("玉溪市人民政府公告第49号", "2016-08-29", "2017-01-01")


# --------------------------------------------------------------- noisy forms (PDF extraction, padding)

# (text, [(canonical number, the mention exactly as written)])
NOISY_NUMBER_CASES = [
    # a page-number line of a CRLF text between the parts of a number
    ("依据云医保\r\n\r\n－ 7 －\r\n\r\n〔2019〕45号文件", [("云医保〔2019〕45号", "云医保\r\n\r\n－ 7 －\r\n\r\n〔2019〕45号")]),
    ("国务院令\r\n— 12 —\r\n第693号", [("国务院令第693号", "国务院令\r\n— 12 —\r\n第693号")]),
    # angle brackets around the year
    ("根据云医保〈2019〉45号文件", [("云医保〔2019〕45号", "云医保〈2019〉45号")]),
    ("（国市监竞争〈2019〉150）号）", [("国市监竞争〔2019〕150号", "国市监竞争〈2019〉150）号")]),
    # 号 doubled: the mention covers both
    ("（云医保〔2019〕45号号）", [("云医保〔2019〕45号", "云医保〔2019〕45号号")]),
    ("国务院令第693号号", [("国务院令第693号", "国务院令第693号号")]),
    # a space inside the issuing body of an order or announcement, or letter spacing
    ("中华人民共和国 国务院令第693号", [("中华人民共和国国务院令第693号", "中华人民共和国 国务院令第693号")]),
    ("中 华 人 民 共 和 国 国 务 院 令\n第 693 号", [("中华人民共和国国务院令第693号", "中 华 人 民 共 和 国 国 务 院 令\n第 693 号")]),
    ("国\u3000家市场监督管理总局令第56号", [("国家市场监督管理总局令第56号", "国\u3000家市场监督管理总局令第56号")]),
    ("江西\xa0省人民政府令第161号", [("江西省人民政府令第161号", "江西\xa0省人民政府令第161号")]),
    ("温州市人民代表大会常务委员 会公告第75号", [("温州市人民代表大会常务委员会公告第75号", "温州市人民代表大会常务委员 会公告第75号")]),
    ("宁波市第十三届人民代表大会常 务委员会公告第33号", [("宁波市第十三届人民代表大会常务委员会公告第33号", "宁波市第十三届人民代表大会常 务委员会公告第33号")]),
    ("１９９８年２月１０日省 人民政府令第６６号发布", [("省人民政府令第66号", "省 人民政府令第６６号")]),
    ("原中 华人民共和国国家发展计划委员会令第8号发布的", [("中华人民共和国国家发展计划委员会令第8号", "中 华人民共和国国家发展计划委员会令第8号")]),
    ("按照总 局2号令规定", [("总局2号令", "总 局2号令")]),
    # ... but a word of the sentence before a space is no part of it
    ("按照 总局2号令规定", [("总局2号令", "总局2号令")]),
    ("根据 国务院令第693号", [("国务院令第693号", "国务院令第693号")]),
    ("现予公布 国务院令第693号", [("国务院令第693号", "国务院令第693号")]),
    ("经国务院同意 国务院令第693号", [("国务院令第693号", "国务院令第693号")]),
    # joint issuers written with spaces stay one issuer
    ("财政部 税务总局 海关总署公告2019年第39号", [("财政部税务总局海关总署公告2019年第39号", "财政部 税务总局 海关总署公告2019年第39号")]),
    # not a year in angle brackets
    ("《关于印发〈2019年工作要点〉的通知》", []),
    # the heading and the issuing body on the lines above an order line are no part of its issuer
    ("东莞市重大危险源安全监督管理办法\n\n广东省东莞市人民政府\n\n\n东莞市人民政府令第123号",
     [("东莞市人民政府令第123号", "东莞市人民政府令第123号")]),
    ("凉山州人工影响天气管理办法 \n\n州政府令(第22号)", [("州政府令第22号", "州政府令(第22号)")]),
    # ... while a line break inside the issuer's name leaves it whole
    ("中华人民共和国\n国务院令第1号", [("中华人民共和国国务院令第1号", "中华人民共和国\n国务院令第1号")]),
    ("【所属类别】国家法律法规\n\n中华人民共和国国务院令\n\n(第278号)",
     [("中华人民共和国国务院令第278号", "中华人民共和国国务院令\n\n(第278号)")]),
    ("云南省人民\n政府令第1号", [("云南省人民政府令第1号", "云南省人民\n政府令第1号")]),
    # ... and so does a line break between joint issuers
    ("（财政部\n税务总局公告2019年第39号）", [("财政部税务总局公告2019年第39号", "财政部\n税务总局公告2019年第39号")]),
    ("财政部 税务总局\n海关总署公告2019年第39号",
     [("财政部税务总局海关总署公告2019年第39号", "财政部 税务总局\n海关总署公告2019年第39号")]),
    ("宁波市第十三届人民代表大会\n常务委员会公告第33号",
     [("宁波市第十三届人民代表大会常务委员会公告第33号", "宁波市第十三届人民代表大会\n常务委员会公告第33号")]),
    # round 11: an inverted order with a year bracket keeps its 令 in the span, across a line break
    ("（建设部〔2007〕第162号\n令）", [("建设部〔2007〕第162号令", "建设部〔2007〕第162号\n令")]),
    # ... and a year with 年 in its bracket spans as written, padding included
    ("依据鲁政发（ 2019年 ）12 号", [("鲁政发〔2019〕12号", "鲁政发（ 2019年 ）12 号")]),
    ("依据鲁政发\n[2019年]\n第012号", [("鲁政发〔2019〕12号", "鲁政发\n[2019年]\n第012号")]),
    # round 15: a traditional-script number spans as written (國發, 號), across its padding
    ("（國發〔2006〕6號）", [("国发〔2006〕6号", "國發〔2006〕6號")]),
    ("國函 〔2003〕 46號\n", [("国函〔2003〕46号", "國函 〔2003〕 46號")]),
    ("國務院令\n第５８８號", [("国务院令第588号", "國務院令\n第５８８號")]),
    # round 15: a year-first number spans from its year's bracket
    ("可按（94）财税字第12号《", [("财税字〔1994〕12号", "（94）财税字第12号")]),
    ("根据(1994) 财税字第012号文件", [("财税字〔1994〕12号", "(1994) 财税字第012号")]),
    # round 11: a letter-spaced code spans from the bracket, spaces included
    ("（国 保发[2008]8 号）", [("国保发〔2008〕8号", "国 保发[2008]8 号")]),
    ("（国\u3000办\u3000发〔2019〕1号）", [("国办发〔2019〕1号", "国\u3000办\u3000发〔2019〕1号")]),
]


@pytest.mark.parametrize("text,expected", NOISY_NUMBER_CASES)
def test_noisy_numbers(text, expected):
    ex = extract(text)
    assert [(n.number, n.text) for n in ex.numbers] == expected
    for n in ex.numbers:
        assert text[n.start:n.end] == n.text


NOISY_PAIR_CASES = [
    # a page-number line of a CRLF text inside a title
    ("依据《关于做好医疗救助\r\n\r\n－ 7 －\r\n\r\n工作的通知》（云医保〔2019〕128号）",
     [("关于做好医疗救助工作的通知", "云医保〔2019〕128号")]),
    # a doubled 号 between a title and its bracket
    ("《建设项目环境保护管理条例》（中华人民共和国国务院令第253号号发布）",
     [("建设项目环境保护管理条例", "中华人民共和国国务院令第253号")]),
    # the amending order's serial in Chinese numerals
    ("１９９８年２月１０日省人民政府令第６６号发布、２００４年６月３０日省人民政府令第一百三十四号修正的《江西省暂住人口管理办法》同时废止",
     [("江西省暂住人口管理办法", "省人民政府令第66号")]),
    ("１９９８年２月１０日省人民政府令第６６号发布、二〇〇四年六月三十日省人民政府令第１３４号号修正的《江西省暂住人口管理办法》同时废止",
     [("江西省暂住人口管理办法", "省人民政府令第66号")]),
    # a history line after 《X》…重新公布。 whose sentence a line break split
    ("《江西省流动人口服务和管理办法》根据本决定作相应修改并对条款顺\n序作相应调整，重新公布。\n(2011年8月26日省人民政府令第190号公布)",
     [("江西省流动人口服务和管理办法", "省人民政府令第190号")]),
    # ... not a title of an earlier sentence
    ("依照《某某条例》执行。本决定作相应修改并对条款顺序作相应调整，重新公布。\n(2011年8月26日省人民政府令第190号公布)", []),
]


@pytest.mark.parametrize("text,expected", NOISY_PAIR_CASES)
def test_noisy_pairs(text, expected):
    assert pairs(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a history line broken inside its date still gives the document's own number
    ("省人民政府令第６６号发布的《江西省暂住人口管理办法》同时废止。\n(2011年8\n月26日省人民政府令第190号公布)",
     {("省人民政府令第66号", "省人民政府令第190号")}),
])
def test_noisy_replacements(text, expected):
    assert replacements(text) == expected
