"""Dates stated in real texts (round 12): adoption, entry into force, expiry.

Each row is a sentence (or a short passage) from a real text collected in rounds 1–12
(/tmp/ext-real*/, the dev corpus) and the date statements it gives on its own, as
``(title, number, adopted, in_force, expires)``; ``None`` title and number is the text's
own work.  A passage with 自公布之日起施行 and no date of its own gives nothing.
"""

import pytest

from extractors import extract

REAL_DATE_SENTENCES = [
    ('2008年7月17日 经人力资源和社会保障部第6次部务会议通过',
     []),  # ext-real/lrb_rlzy_nianxiujia.md
    ('第十九条 本办法自发布之日起施行',
     []),  # ext-real/lrb_rlzy_nianxiujia.md
    ('第四十条 本办法自2020年1月1日起施行。',
     [(None, None, None, '2020-01-01', None)]),  # ext-real/lrb_samr_tousu.md
    ('第十九条 本规定自2021年9月1日起施行。',
     [(None, None, None, '2021-09-01', None)]),  # ext-real/lrb_samr_xzcf_gongshi.md
    ('第三十六条 本办法自2012年12月1日起施行。',
     [(None, None, None, '2012-12-01', None)]),  # ext-real/lrb_sh_youzheng.md
    ('在国务院办公厅职能转变办的支持下，国家知识产权局起草制定了《关于深化知识产权领域“放管服”改革优化创新环境和营商环境的通知》，并经4月27日国务院常务会议审议通过。',
     []),  # ext-real/zc_0_zscq.txt
    ('第三十条\u3000本条例自发布之日起施行。',
     []),  # ext-real/zc_37700.txt
    ('2021年1月24日，国务院总理李克强签署第736号国务院令，公布《排污许可管理条例》（以下简称《条例》），自2021年3月1日起施行。',
     [('排污许可管理条例', '国务院令第736号', None, '2021-03-01', None)]),  # ext-real/zc_37700.txt
    ('<p>&emsp;&emsp;2002年公布的原环境影响评价法（自2003年9月1日起施行）第三十一条第一款、第二款分别规定：“建设单位未依法报批建设项目环境影响评价文件，或者未依照本法第二十四条的规定重新报批或者报请重新审核环境影响评价文件，擅自开工建设的，由有权审批该项目环境影响评价文件的环境保护行政主管部门责令停止建设，限期补办手续；',
     []),  # ext-real10/cee_weipixianjian.md
    ('”<br>\n&emsp;&emsp;2014年修订的新环境保护法（自2015年1月1日起施行）第六十一条规定：“建设单位未依法提交建设项目环境影响评价文件或者环境影响评价文件未经批准，擅自开工建设的，由负有环境保护监督管理职责的部门责令停止建设，处以罚款，并可以责令恢复原状。',
     []),  # ext-real10/cee_weipixianjian.md
    ('”<br>\n&emsp;&emsp;2016年修正的新环境影响评价法（自2016年9月1日起施行）第三十一条规定：“建设单位未依法报批建设项目环境影响报告书、报告表，或者未依照本法第二十四条的规定重新报批或者报请重新审核环境影响报告书、报告表，擅自开工建设的，由县级以上环境保护行政主管部门责令停止建设，根据违法情节和危害后果，处建设项目总投资额百分之一以上百分之五以下的罚款，并可以责令恢复原状；',
     []),  # ext-real10/cee_weipixianjian.md
    ('2024年11月4日 最高人民法院审判委员会第1930次会议、2024年6月27日最高人民检察院第十四届检察委员会第三十二次会议通过',
     []),  # ext-real10/lrb_sfjs_xijing2025.md
    ('第十三条 本解释自2025年1月18日起施行。',
     [(None, None, None, '2025-01-18', None)]),  # ext-real10/lrb_sfjs_xijing2025.md
    ('2023年3月20日 最高人民法院审判委员会第1880次会议、2024年3月29日最高人民检察院第十四届检察委员会第二十八次会议通过',
     []),  # ext-real10/lrb_sfjs_xiqian2024.md
    ('第十三条 本解释自2024年8月20日起施行。',
     [(None, None, None, '2024-08-20', None)]),  # ext-real10/lrb_sfjs_xiqian2024.md
    ('1997年9月24日 最高人民检察院第八届检察委员会第七十四次会议通过',
     []),  # ext-real10/lrb_sfjs_xiudingxingfa12.md
    ('2018年9月17日 最高人民法院审判委员会第1749次会议、2018年12月12日最高人民检察院第十三届检察委员会第十一次会议通过',
     []),  # ext-real10/lrb_sfjs_zijinjiesuan2019.md
    ('第十二条 本解释自2019年2月1日起施行。',
     [(None, None, None, '2019-02-01', None)]),  # ext-real10/lrb_sfjs_zijinjiesuan2019.md
    ('《进出口工业品风险管理办法》已经2017年2月21日国家质量监督检验检疫总局局务会议审议通过，现予公布，自2017年4月1日起施行。',
     [('进出口工业品风险管理办法', None, '2017-02-21', '2017-04-01', None)]),  # ext-real12/docs/code_snippets.txt
    ('《中华人民共和国食品安全法实施条例》已经2009年7月8日国务院第73次常务会议通过，现予公布，自公布之日起施行。',
     [('中华人民共和国食品安全法实施条例', None, '2009-07-08', None, None)]),  # ext-real12/docs/code_snippets.txt
    ('由广东省第十二届人民代表大会常务委员会第二十八次会议于2016年9月29日通过，现予公布，自公布之日起施行。',
     []),  # ext-real12/docs/code_snippets.txt
    ('《人民检察院刑事诉讼规则》已经2019年12月2日最高检第十三届检察委员会第二十八次会议通过，现予公布，自2019年12月30日起施行。',
     [('人民检察院刑事诉讼规则', None, '2019-12-02', '2019-12-30', None)]),  # ext-real12/docs/code_snippets.txt
    ('《商用密码应用安全性评估管理办法》已经2023年9月11日国家密码管理局局务会议审议通过，现予公布，自2023年11月1日起施行。',
     [('商用密码应用安全性评估管理办法', None, '2023-09-11', '2023-11-01', None)]),  # ext-real12/docs/code_snippets.txt
    ('《最高人民法院、最高人民检察院关于办理利用信息网络实施诽谤等刑事案件适用法律若干问题的解释》已于2013年9月5日由最高人民法院审判委员会第1589次会议、2013年9月2日由最高人民检察院第十二届检察委员会第9次会议通过，现予公布，自2013年9月10日起施行。',
     [('最高人民法院、最高人民检察院关于办理利用信息网络实施诽谤等刑事案件适用法律若干问题的解释', None, '2013-09-05', '2013-09-10', None)]),  # ext-real12/docs/code_snippets.txt
    ('《中华人民共和国突发事件应对法》已由中华人民共和国第十四届全国人民代表大会常务委员会第十一次会议于2024年6月28日修订通过，现予公布，自2024年12月1日起施行。',
     [('中华人民共和国突发事件应对法', None, '2024-06-28', '2024-12-01', None)]),  # ext-real12/docs/code_snippets.txt
    ('本文件自2025年05月01日起施行，有效期至2027年04月30日。',
     [(None, None, None, '2025-05-01', '2027-04-30')]),  # ext-real12/docs/code_snippets.txt
    ('经2019年1月18日区政府第52次常务会议审议通过,现将清理结果集中公布如下:',
     []),  # ext-real12/docs/code_snippets.txt
    ('【题注】 (2001年4月29日包头市第十一届人民代表大会第四次会议通过 2001年6月3日内蒙古自治区第九届人民代表大会常务委员会第二十三次会议批准)',
     []),  # ext-real12/docs/pg_baotou_meta.txt
    ('《临沧市道路交通安全管理特别规定(试行)》已经市人民政府2006年度第一次常务会议讨论通过,现印发给你们,请认真遵照执行。',
     []),  # ext-real12/docs/pg_benxi_like_liangshan_sig.txt
    ('根据《中华人民共和国海关行业标准管理办法(试行)》,海关总署批准海关行业标准《报关服务作业规范》,现予以公布(标准编号名称见附件,标准文本由中国海关出版社出版),自2011年1月1日起实施。',
     [('报关服务作业规范', None, None, '2011-01-01', None)]),  # ext-real12/docs/pg_customs_2010_83.txt
    ('本批标准自2022年10月1日起实施。',
     [(None, None, None, '2022-10-01', None)]),  # ext-real12/docs/pg_customs_2022_31.txt
    ('《河北省人工影响天气管理规定》已经2010年12月14日省政府第76次常务会议通过,现予公布,自2011年2月1日起施行。',
     [('河北省人工影响天气管理规定', None, '2010-12-14', '2011-02-01', None)]),  # ext-real12/docs/pg_hebei_renying_cn.txt
    ('深圳市第三届人民代表大会常务委员会第十一次会议于2001年10月17日审议通过的《深圳市人民代表大会常务委员会听证条例》业经广东省第九届人民代表大会常务委员会第二十九次会议于2001年12月3日批准,现予公布,自2002年1月1日起施行。',
     [('深圳市人民代表大会常务委员会听证条例', None, None, '2002-01-01', None)]),  # ext-real12/docs/pg_shenzhen_tingzheng.txt
    ('(2001年10月17日深圳市第三届人民代表大会常务委员会第十一次会议通过\n2001年12月3日广东省第九届人民代表大会常务委员会第二十九次会议批准)',
     []),  # ext-real12/docs/pg_shenzhen_tingzheng.txt
    ('序号标题下载\n1 (2019年9月19日市政府令第1号公布  根据2021年2月22日第一次修订) 下载文字版 下载图片版\n2 (2019年12月12日市政府令第2号公布  自2020年1月12日起施行) 下载文字版 下载图片版\n3 (2021年2月22日市政府令第3号公布  自2021年3月24日起施行) 下载文字版 下载图片版',
     [(None, '市政府令第2号', None, '2020-01-12', None), (None, '市政府令第3号', None, '2021-03-24', None)]),  # ext-real12/docs/pg_yichang_gzk_list.txt
    ('《益阳市重污染天气应急预案》已经市人民政府第34次常务会议审议通过,现印发给你们,请遵照执行。',
     []),  # ext-real12/docs/pg_yiyang_yuan.txt
    ('第二十四条 本办法自公布之日起施行。',
     []),  # ext-real2/lrb_gaj_jubao.md
    ('第五十条 本条例自2024年5月1日起施行。',
     [(None, None, None, '2024-05-01', None)]),  # ext-real2/lrb_organ.md
    ('第四十二条 本规定自2022年1月1日起施行。',
     [(None, None, None, '2022-01-01', None)]),  # ext-real2/lrb_samr_qiche.md
    ('第二十条 本解释自2023年8月15日起施行。',
     [(None, None, None, '2023-08-15', None)]),  # ext-real2/lrb_sfjs_huanjing2023.md
    ('2021年12月13日 最高人民法院审判委员会第1856次会议、2021年12月29日最高人民检察院第十三届检察委员会第八十四次会议通过',
     []),  # ext-real2/lrb_sfjs_shipin2021.md
    ('第二十六条 本解释自2022年1月1日起施行。',
     [(None, None, None, '2022-01-01', None)]),  # ext-real2/lrb_sfjs_shipin2021.md
    ('2018年10月19日 最高人民检察院第十三届检察委员会第七次会议通过',
     []),  # ext-real2/lrb_sfjs_xinyongka_xiugai.md
    ('2021年2月26日 上海市第十五届人民代表大会常务委员会第二十九次会议通过',
     []),  # ext-real2/lrb_sh_feijidongche.md
    ('第五十条 本条例自2021年5月1日起施行。',
     [(None, None, None, '2021-05-01', None)]),  # ext-real2/lrb_sh_feijidongche.md
    ('2012年12月26日 上海市第十三届人民代表大会常务委员会第三十八次会议通过',
     []),  # ext-real2/lrb_sh_tufa.md
    ('第四十六条 本办法自2013年5月1日起施行。',
     [(None, None, None, '2013-05-01', None)]),  # ext-real2/lrb_sh_tufa.md
    ('各省、自治区、直辖市人民政府，国务院各部委、各直属机构：《中华人民共和国环境保护税法》已由第十二届全国人民代表大会常务委员会第二十五次会议于2016年12月25日通过，自2018年1月1日起施行。',
     [('中华人民共和国环境保护税法', None, '2016-12-25', '2018-01-01', None)]),  # ext-real2/zc_124k.txt
    ('中华人民共和国国务院令第\u3000623\u3000号\u3000\u3000《气象设施和气象探测环境保护条例》已经2012年8月22日国务院第214次常务会议通过，现予公布，自2012年12月1日起施行。',
     [('气象设施和气象探测环境保护条例', '中华人民共和国国务院令第623号', '2012-08-22', '2012-12-01', None)]),  # ext-real2/zc_216k.txt
    ('2020年1月1日起施行的《优化营商环境条例》，从制度层面为优化营商环境提供了法律指引和支撑。',
     [('优化营商环境条例', None, None, '2020-01-01', None)]),  # ext-real2/zc_232k.txt
    ('近日，生态环境部发布了《核动力厂营运单位核安全报告规定》（部令第13号），于2021年1月1日起施行。',
     [('核动力厂营运单位核安全报告规定', '部令第13号', None, '2021-01-01', None)]),  # ext-real2/zc_232k.txt
    ('第九十三条 本规定自2022年5月1日起施行。',
     [(None, None, None, '2022-05-01', None)]),  # ext-real3/lrb_gab_jidongche.md
    ('第十二条 本解释自2022年12月19日起施行。',
     [(None, None, None, '2022-12-19', None)]),  # ext-real3/lrb_sfjs_anquan2.md
    ('第十六条 本解释自2024年12月1日起施行。',
     [(None, None, None, '2024-12-01', None)]),  # ext-real3/lrb_sfjs_jubuzhixing.md
    ('第二十条 本解释自2022年4月9日起施行。',
     [(None, None, None, '2022-04-09', None)]),  # ext-real3/lrb_sfjs_yesheng.md
    ('2018年11月30日 浙江省第十三届人民代表大会常务委员会第七次会议通过',
     []),  # ext-real3/lrb_zj_cishan.md
    ('第三十八条 本办法自2019年1月1日起施行。',
     [(None, None, None, '2019-01-01', None)]),  # ext-real3/lrb_zj_cishan.md
    ('1999年10月22日 浙江省第九届人民代表大会常务委员会第十六次会议通过',
     []),  # ext-real3/lrb_zj_cunweihui.md
    ('第四十八条 本办法自2012年7月1日起施行。',
     [(None, None, None, '2012-07-01', None)]),  # ext-real3/lrb_zj_cunweihui.md
    ('2005年4月14日 浙江省第十届人民代表大会常务委员会第十七次会议通过',
     []),  # ext-real5/lrb_zj_laodongjiancha.md
    ('第四十二条 本条例自2005年7月1日起施行。',
     [(None, None, None, '2005-07-01', None)]),  # ext-real5/lrb_zj_laodongjiancha.md
    ('《本溪市测绘管理办法》,业经1996年9月2日本溪市人民政府第111次常务会议通过,现予发布施行。',
     [('本溪市测绘管理办法', None, '1996-09-02', None, None)]),  # ext-real5/pg_law_benxi_cehui.txt
    ('(2010年4月19日抚顺市政府第17次常务会议通过2010年4月26日抚顺市人民政府令第147号公布)',
     []),  # ext-real5/pg_law_fushun_feizhi.txt
    ('本决定自公布之日起施行。',
     []),  # ext-real5/pg_law_fushun_feizhi.txt
    ('(1994年4月30日广东省第八届人民代表大会常务委员会第八次会议通过;根据1997年12月1日广东省第八届人民代表大会常务委员会第三十二次会议《关于修改〈广东省森林保护管理条例〉第二十五条的决定》修正)',
     []),  # ext-real5/pg_law_gd_senlin.txt
    ('各省(自治区)交通局、北京市交通局、上海市城建局、天津市市政工程局,第一、二公路工程局:\n  为了进一步加强全国公路标准设计的编制和管理工作,现制订出《公路工程标准设计管理办法》,定于一九七八年四月一日起试行.',
     [('公路工程标准设计管理办法', None, None, '1978-04-01', None)]),  # ext-real5/pg_law_gonglu78.txt
    ('《凉山州人工影响天气管理办法》已于2007年5月30日经九届州人民政府第2次常务会议通过,现予以发布,自2007年8月1日起实行。',
     [('凉山州人工影响天气管理办法', None, '2007-05-30', '2007-08-01', None)]),  # ext-real5/pg_law_liangshan.txt
    ('《市人民政府关于废止〈武汉市广告管理实施办法〉等行政规章及其他规范性文件的决定》已经市人民政府常务会议审议通过,现予发布。',
     []),  # ext-real5/pg_law_wuhan_feizhi.txt
    ('(1999年12月10日四川省第九届人民代表大会常务委员会第十二次会议通过)\n  • 颁布日期:1999-12-10\n  • 颁布单位:四川省人大常委会',
     []),  # ext-real5/pg_lenchy_sc_fangzhen.txt
    ('现发布《中华人民共和国森林法实施条例》,自发布之日起施行。',
     []),  # ext-real5/pg_nm_senlinshishi.txt
    ('《太湖县人民政府工作规则》已经2019年1月4日县政府第三次全体会议通过,现予印发,请遵照执行。',
     [('太湖县人民政府工作规则', None, '2019-01-04', None, None)]),  # ext-real5/pg_thx_guize.txt
    ('”\n对电磁能利用装置单位未采取有效的漏能控制和屏蔽措施的处罚地方性法规山东省人民代表大会山东省辐射污染防治条例2014年1月15日山东省第十二届人民代表大会常务委员会第六次会议通过第六十条:“违反本条例规定,电磁能利用装置单位未采取有效的漏能控制和屏蔽措施的,由县级以上人民政府环境保护主管部门责令限期改正;逾期不改正的,处五千元以上三万元以下罚款。',
     []),  # ext-real5/pg_zhoucun_chufa.txt
    ('按2004年11月1日起施行的现行《收费公路管理条例》（下简称《条例》），一些高速公路已经收费到期乃至超期，未来是继续收费还是停止收费？\n7月21日，交通运输部发布《收费公路管理条例》修订稿（下简称《修订稿》），向社会公开征求意见。',
     [('收费公路管理条例', None, None, '2004-11-01', None)]),  # ext-real6/news_shoufei_gonglu.txt
    ('中华人民共和国特种设备安全法\n编者按：6月29日，全国人大常委会第三次会议通过了《中华人民共和国特种设备安全法》，国家主席习近平签署第四号主席令予以公布。',
     []),  # ext-real6/news_tezhongshebei.txt
    ('《中华人民共和国特种设备安全法》将于2014年1月1日起施行，这部法律在进一步完善特种设备安全监察制度的基础上，创造性地建立了对特种设备整个生命周期完整信息记录的可追溯制度、缺陷特种设备召回制度和存在严重事故隐患特种设备的报废制度。',
     [('中华人民共和国特种设备安全法', None, None, '2014-01-01', None)]),  # ext-real6/news_tezhongshebei.txt
    ('会议经表决，通过了公职人员政务处分法、新修订的档案法、新修订的人民武装警察法。',
     []),  # ext-real6/news_zhuxiling_dangan.txt
    ('会议表决通过了全国人大常委会关于加入《武器贸易条约》的决定，决定加入这个条约。',
     []),  # ext-real6/news_zhuxiling_dangan.txt
    ('会议经表决，通过了金融稳定法、印花税法、反不正当竞争法修订草案。',
     []),  # ext-real6/news_zhuxiling_jinrong.txt
    ('会议表决通过了全国人大常委会关于批准《〈关于持久性有机污染物的斯德哥尔摩公约〉新增列六溴环十二烷修正案》的决定、关于批准《〈关于消耗臭氧层物质的蒙特利尔议定书〉基加利修正案》的决定。',
     []),  # ext-real6/news_zhuxiling_jinrong.txt
    ('各区人民政府,市政府直属各单位:\n    《海口市人民政府工作规则》已于2011年3月24日经市政府第74次常务会议修订通过,现予印发。',
     [('海口市人民政府工作规则', None, '2011-03-24', None, None)]),  # ext-real6/page_haikou_guize.txt
    ('本管理办法自印发之日起执行，原《重庆市住房公积金二手房贷款办法》（渝公积金发〔2004〕427号）停止执行。',
     []),  # ext-real7/cq_gjj_ershoufang.txt
    ('国家工商行政管理总局令\n第44号\n《食品流通许可证管理办法》已经中华人民共和国国家工商行政管理总局局务会审议通过，现予公布，自公布之日起施行。',
     []),  # ext-real7/gsj_liutong.txt
    ('第四十四条\u2003本办法自公布之日起施行。',
     []),  # ext-real7/gsj_liutong.txt
    ('第一百一十一条 本规定自2022年4月1日起施行。',
     [(None, None, None, '2022-04-01', None)]),  # ext-real7/lrb_gab_jiashizheng_tail.md
    ('第一百一十四条 本规定自2018年5月1日起施行。',
     [(None, None, None, '2018-05-01', None)]),  # ext-real7/lrb_gab_shigu_tail.md
    ('第八十三条 本规定自2009年4月1日起施行。',
     [(None, None, None, '2009-04-01', None)]),  # ext-real7/lrb_gab_weifa_tail.md
    ('第三百八十八条 本规定自2013年1月1日起施行。',
     [(None, None, None, '2013-01-01', None)]),  # ext-real7/lrb_gab_xingshi_tail.md
    ('第二百六十六条 本规定自２０１３年１月１日起施行，依照《中华人民共和国出境入境管理法》新设定的制度自２０１３年７月１日起施行。',
     [(None, None, None, '2013-01-01', None)]),  # ext-real7/lrb_gab_xingzheng_tail.md
    ('第十七条 《互联网药品信息服务资格证书》有效期为5年。',
     []),  # ext-real7/lrb_nmpa_hulianwang.md
    ('第二十九条 本办法自公布之日起施行。',
     []),  # ext-real7/lrb_nmpa_hulianwang.md
    ('第四十五条 本办法自2004年1月1日起实施。',
     [(None, None, None, '2004-01-01', None)]),  # ext-real7/lrb_nmpa_jinkou_tail.md
    ('第七十三条 本办法自2022年5月1日起施行。',
     [(None, None, None, '2022-05-01', None)]),  # ext-real7/lrb_nmpa_qixiejingying_tail.md
    ('第一百二十四条 本办法自2021年10月1日起施行。',
     [(None, None, None, '2021-10-01', None)]),  # ext-real7/lrb_nmpa_zhuce_tail.md
    ('第二十二条 本办法自2015年3月15日起施行。',
     [(None, None, None, '2015-03-15', None)]),  # ext-real7/lrb_samr_qinhai.md
    ('第八十二条 本实施细则自公布之日起施行。',
     []),  # ext-real7/lrb_samr_shichangzhuti.md
    ('第五十五条 本办法自2022年3月15日起施行。',
     [(None, None, None, '2022-03-15', None)]),  # ext-real7/lrb_samr_shipinjiancha_tail.md
    ('2024年1月8日 最高人民法院审判委员会第1911次会议、2024年2月22日最高人民检察院第十四届检察委员会第二十五次会议通过',
     []),  # ext-real7/lrb_sfjs_shuishou2024.md
    ('第二十二条 本解释自2024年3月20日起施行。',
     [(None, None, None, '2024-03-20', None)]),  # ext-real7/lrb_sfjs_shuishou2024.md
    ('第五十条 本条例自2024年12月1日起施行。',
     [(None, None, None, '2024-12-01', None)]),  # ext-real7/lrb_xf_liangyong.md
    ('第十六条 本办法自发布之日起施行。',
     []),  # ext-real7/lrb_xf_shouyang.md
    ('第三十八条 本条例自2002年11月15日起施行。',
     [(None, None, None, '2002-11-15', None)]),  # ext-real7/lrb_xf_wangba_tail.md
    ('2018年9月6日 国务院第23次常务会议修订通过',
     []),  # ext-real7/lrb_xf_zhuanlidaili.md
    ('第三十二条 本条例自2019年3月1日起施行。',
     [(None, None, None, '2019-03-01', None)]),  # ext-real7/lrb_xf_zhuanlidaili.md
    ('本通知自2021年9月1日起施行。',
     [(None, None, None, '2021-09-01', None)]),  # ext-real7/nppa_youxi.txt
    ('为维护法治统一,及时清理与改革决策和经济社会发展不相适应的市政府规章,市政府决定对以下2件市政府规章予以废止:\n一、《常州市城市市容管理办法》(2016年12月1日常州市人民政府令第2号发布)\n二、《常州市生活垃圾分类管理办法》(2018年11月23日常州市人民政府令第8号发布)\n本决定自公布之日起施行。',
     []),  # ext-real7/pg_changzhou_feizhi.txt
    ('经2019年1月18日区政府第52次常务会议审议通过,现将清理结果集中公布如下:\n一、对需继续执行,且文件内容合法、可行的规范性文件26件宣布继续有效。',
     []),  # ext-real7/pg_dachuan_qingli.txt
    ('第十一条 本办法自印发之日起施行，若其他文件中与本办法不一致的，以本办法为准。',
     []),  # ext-real7/quotes_repeal.txt
    ('第十三条 本办法自印发之日起施行，《河北师范大学本专科生国家助学金实施办法（暂行）》（校学字[2017]4号）同时废止。',
     []),  # ext-real7/quotes_repeal.txt
    ('第三十四条 本办法自发布之日起施行。',
     []),  # ext-real7/quotes_repeal.txt
    ('第十四条 本办法自发布之日起施行。',
     []),  # ext-real7/quotes_repeal.txt
    ('中国证券监督管理委员会公告\n〔2017〕13号\n现公布《中国证监会关于证券投资基金估值业务的指导意见》，自公布之日起施行，原《关于证券投资基金执行〈企业会计准则〉估值业务及份额净值计价有关事项的通知》（证监会计字〔2007〕21号）和《关于进一步规范证券投资基金估值业务的指导意见》（证监会公告〔2008〕38号）同时废止。',
     []),  # ext-real7/quotes_zjh.txt
    ('同厅《关于进一步完善困难残疾人生活补贴和重度残疾人护理补贴制度的实施意见》（桂民规〔2022〕2号，自2022年10月1日起施行）明确对象范围与衔接规则。',
     [('关于进一步完善困难残疾人生活补贴和重度残疾人护理补贴制度的实施意见', '桂民规〔2022〕2号', None, '2022-10-01', None)]),  # ext-real8/doc_disability_policies_jl_hl_gx_hi_nx.txt
    ('自2026年3月1日起施行，有效期5年，同时废止琼残字〔2016〕85号。',
     []),  # ext-real8/doc_disability_policies_jl_hl_gx_hi_nx.txt
    ('文号琼残规字〔2026〕1号，2026年3月1日起施行。',
     [(None, '琼残规字〔2026〕1号', None, '2026-03-01', None)]),  # ext-real8/doc_disability_policies_jl_hl_gx_hi_nx.txt
    ('自2018年10月1日起施行。',
     []),  # ext-real8/doc_disability_policies_jl_hl_gx_hi_nx.txt
    ('文号浙财社〔2017〕26号，2017年5月2日起执行。',
     [(None, '浙财社〔2017〕26号', None, '2017-05-02', None)]),  # ext-real8/doc_disability_policies_zj_sd_yn_xj_jx.txt
    ('自2026年1月1日起施行，鲁政发〔2018〕20号同时废止。',
     []),  # ext-real8/doc_disability_policies_zj_sd_yn_xj_jx.txt
    ('自2026年6月1日起施行，替代原鲁财综〔2018〕31号。',
     []),  # ext-real8/doc_disability_policies_zj_sd_yn_xj_jx.txt
    ('关于基金投研人员的信息披露规定最早的文件是1999年颁布的《证券投资基金信息披露指引》(下称《指引》)，该《指引》于当年3月10日披露之日起实施。',
     []),  # ext-real9/news_jijin_xinxi.txt
    ('今年3月17日，证监会发布修订后的《基金管理公司投资管理人员管理指导意见》(下称意见)，该意见自2009年4月1日起施行。',
     [('基金管理公司投资管理人员管理指导意见', None, None, '2009-04-01', None)]),  # ext-real9/news_jijin_xinxi.txt
    ('《内蒙古自治区村庄和集镇规划建设管理实施办法》已经自治区人民政府1997年第六次常务会议通过,现予发布施行。',
     []),  # ext-real9/pg_neimeng_cunzhuang.txt
    ('2019年2月，国务院发布《关于取消和下放一批行政许可事项的决定》（国发〔2019〕6号）后，应急管理部于3月20日发布《管理办法》，自2019年5月1日起施行。',
     []),  # ext-real9/yjb_jiedu_pingjia.txt
    ('为专家辅助人出庭制度叫好\n        2012年3月修改的《中华人民共和国刑事诉讼法》（以下简称新《刑诉法》）以及8月修改的《中华人民共和国民事诉讼法》（以下简称新《民诉法》）均于2013年1月1日起施行。',
     [('中华人民共和国刑事诉讼法', None, None, '2013-01-01', None), ('中华人民共和国民事诉讼法', None, None, '2013-01-01', None)]),  # ext-real9/zhuanjia_fuzhuren.txt
    ('现公布《中华人民共和国环境保护税法实施条例》，自2018年1月1日起施行。',
     [('中华人民共和国环境保护税法实施条例', None, None, '2018-01-01', None)]),  # corpus/dev/d01.txt
    ('第二十六条\u3000本条例自2018年1月1日起施行。',
     [(None, None, None, '2018-01-01', None)]),  # corpus/dev/d01.txt
    ('《国务院关于修改〈建设项目环境保护管理条例〉的决定》已经2017年6月21日国务院第177次常务会议通过，现予公布，自2017年10月1日起施行。',
     [('国务院关于修改〈建设项目环境保护管理条例〉的决定', None, '2017-06-21', '2017-10-01', None)]),  # corpus/dev/d02.txt
    ('本决定自2017年10月1日起施行。',
     [(None, None, None, '2017-10-01', None)]),  # corpus/dev/d02.txt
    ('第\u3000559\u3000号\xa0\u3000\u3000《规划环境影响评价条例》已经2009年8月12日国务院第76次常务会议通过，现予公布，自2009年10月1日起施行。',
     [('规划环境影响评价条例', None, '2009-08-12', '2009-10-01', None)]),  # corpus/dev/d03.txt
    ('第三十六条\u3000本条例自2009年10月1日起施行。',
     [(None, None, None, '2009-10-01', None)]),  # corpus/dev/d03.txt
    ('第二十六条 本细则自公布之日起施行。',
     []),  # corpus/dev/d06.txt
    ('第四十四条 本规定自二○○四年十月一日起施行。',
     [(None, None, None, '2004-10-01', None)]),  # corpus/dev/d07.txt
    ('第二十七条 本规定自2022年7月1日起施行。',
     [(None, None, None, '2022-07-01', None)]),  # corpus/dev/d08.txt
    ('2021年12月6日 最高人民法院审判委员会第1855次会议通过',
     []),  # corpus/dev/d09.txt
    ('第三十三条 本规定自2022年5月1日起施行。',
     [(None, None, None, '2022-05-01', None)]),  # corpus/dev/d09.txt
    ('”\n\u3000\u3000本决定自公布之日起施行。',
     []),  # corpus/dev/d13.txt
    ('本办法自２０１１年１１月１日起施行。',
     [(None, None, None, '2011-11-01', None)]),  # corpus/dev/d13.txt
    ('第232号\n\u3000\u3000《江西省人民政府关于废止〈江西省著名商标认定和保护办法〉的决定》已经2018年4月28日省人民政府第4次常务会议审议通过，现予公布，自公布之日起施行。',
     [('江西省人民政府关于废止〈江西省著名商标认定和保护办法〉的决定', None, '2018-04-28', None, None)]),  # corpus/dev/d14.txt
    ('2002年7月25日 广东省第九届人民代表大会常务委员会第三十五次会议通过',
     []),  # corpus/dev/d16.txt
    ('第四十九条 本条例自2014年7月1日起施行。',
     [(None, None, None, '2014-07-01', None)]),  # corpus/dev/d16.txt
    ('2005年11月25日 山东省第十届人民代表大会常务委员会第十七次会议通过',
     []),  # corpus/dev/d17.txt
    ('第二十七条 本办法自2006年3月1日起施行。',
     [(None, None, None, '2006-03-01', None)]),  # corpus/dev/d17.txt
    ('2011年8月31日 宁波市第十三届人民代表大会常务委员会第三十四次会议通过',
     []),  # corpus/dev/d18.txt
    ('调解协议书由双方当事人签名、盖章或者按指印，经调解员签名并加盖医疗纠纷人民调解委员会印章之日起生效。',
     []),  # corpus/dev/d18.txt
    ('第四十五条 本条例自2012年3月1日起施行。',
     [(None, None, None, '2012-03-01', None)]),  # corpus/dev/d18.txt
    ('2016年2月29日 温州市第十二届人民代表大会第六次会议通过',
     []),  # corpus/dev/d19.txt
    ('年度立法计划由市人民代表大会常务委员会法制工作委员会负责编制，经常务委员会主任会议通过并向社会公布。',
     []),  # corpus/dev/d19.txt
    ('第十七条 列入市人民代表大会会议议程的地方性法规案，由市人民代表大会法制委员会根据各代表团和有关的专门委员会的审议意见进行统一审议，向主席团提出审议结果报告和法规草案修改稿，对重要的不同意见应当在审议结果报告中予以说明，经主席团会议审议通过后，印发会议。',
     []),  # corpus/dev/d19.txt
    ('第二十二条 法规草案表决稿由主席团提请大会全体会议表决，由全体代表的过半数通过。',
     []),  # corpus/dev/d19.txt
    ('第四十八条 交付市人民代表大会及其常务委员会全体会议表决未获得通过的地方性法规案，如果提案人认为必须制定该地方性法规，可以按照规定的程序重新提出，由市人民代表大会主席团、常务委员会主任会议决定是否列入会议议程；',
     []),  # corpus/dev/d19.txt
    ('第五十六条 本条例自公布之日起施行。',
     []),  # corpus/dev/d19.txt
    ('2016年12月28日 聊城市第十六届人民代表大会常务委员会第三十七次会议通过',
     []),  # corpus/dev/d20.txt
    ('2021年10月21日 聊城市第十七届人民代表大会常务委员会第四十三次会议通过并经2021年12月3日山东省第十三届人民代表大会常务委员会第三十二次会议批准的《聊城市人民代表大会常务委员会关于修改〈聊城市道路交通安全条例〉的决定》修正',
     []),  # corpus/dev/d20.txt
    ('第八十四条 本条例自2017年3月1日起施行。',
     [(None, None, None, '2017-03-01', None)]),  # corpus/dev/d20.txt
    ('2000年12月29日 洛阳市第十一届人民代表大会常务委员会第十六次会议通过',
     []),  # corpus/dev/d21.txt
    ('2010年8月25日 洛阳市第十三届人民代表大会常务委员会第十二次会议通过',
     []),  # corpus/dev/d21.txt
    ('第二十七条 本办法自2001年5月1日起施行。',
     [(None, None, None, '2001-05-01', None)]),  # corpus/dev/d21.txt
    ('2021年1月17日 秀山土家族苗族自治县第十七届人民代表大会第六次会议通过',
     []),  # corpus/dev/d22.txt
    ('第四十八条 本条例自2021年7月1日起施行。',
     [(None, None, None, '2021-07-01', None)]),  # corpus/dev/d22.txt
    ('2013年5月22日 石柱土家族自治县第十七届人民代表大会第四次会议通过',
     []),  # corpus/dev/d23.txt
    ('第四十六条 本条例自2014年1月1日起施行。',
     [(None, None, None, '2014-01-01', None)]),  # corpus/dev/d23.txt
    ('考虑到市场监管部门办理行政处罚案件有一定的过程，在《实施意见》印发之前，可能有一部分与疫情防控有关的行政处罚案件已经进入了立案调查阶段或者已经调查终结进入告知决定阶段，《实施意见》自印发之日起执行，至国家有关部门宣布疫情结束之日起，自动停止执行。',
     []),  # corpus/dev/d25.txt
    ('府第 62次常务会议讨论通过，予以公布，自 2017年 1月 1',
     []),  # corpus/seeds/chengjiang-healthcare-security-2021.txt
    ('日起施行。',
     []),  # corpus/seeds/chengjiang-healthcare-security-2021.txt
    ('根据玉溪市人民政府文件《玉溪市城乡居民医疗保险管理实施办法》（玉政规〔2021〕4号）已经于2021年12月12日玉溪市人民政府第75次常务会议讨论通过，予以公布，自2022年1月1日起施行。',
     [('玉溪市城乡居民医疗保险管理实施办法', '玉政规〔2021〕4号', '2021-12-12', '2022-01-01', None)]),  # corpus/seeds/chengjiang-healthcare-security-2022.txt
]

# Passages whose dates come from the text around the sentence: a signature line, a page's
# metadata row (modelled on the real texts above, shortened), and the traps next to them.
CONTEXT_CASES = [
    # 自公布之日起施行 in a promulgation: the order's signature date, in Arabic or Chinese numerals
    ("《江西省人民政府关于废止〈江西省著名商标认定和保护办法〉的决定》已经2018年4月28日省人民政府第4次常务会议审议通过，"
     "现予公布，自公布之日起施行。\n\n省长 刘奇\n2018年5月9日\n",
     [("江西省人民政府关于废止〈江西省著名商标认定和保护办法〉的决定", None, "2018-04-28", "2018-05-09", None)]),
    ("《中华人民共和国食品安全法实施条例》已经2009年7月8日国务院第73次常务会议通过，现予公布，自公布之日起施行。\n总理 温家宝\n二〇〇九年七月二十日\n",
     [("中华人民共和国食品安全法实施条例", None, "2009-07-08", "2009-07-20", None)]),
    ("《本溪市测绘管理办法》,业经1996年9月2日本溪市人民政府第111次常务会议通过,现予发布施行。\n\n市长\n                      1997年1月24日\n",
     [("本溪市测绘管理办法", None, "1996-09-02", "1997-01-24", None)]),
    ("现公布《中国证监会关于证券投资基金估值业务的指导意见》，自公布之日起施行。\n\n中国证监会\n2017年9月5日\n",
     [("中国证监会关于证券投资基金估值业务的指导意见", None, None, "2017-09-05", None)]),
    # 印发: the notice's own signature date, before the attached text when nothing follows
    ("重庆市住房公积金管理中心\n2016年8月23日\n本管理办法自印发之日起执行，原《重庆市住房公积金二手房贷款办法》（渝公积金发〔2004〕427号）停止执行。\n",
     [(None, None, None, "2016-08-23", None)]),
    ("第十三条 本办法自印发之日起施行。\n\n二○一○年十二月二十四日\n", [(None, None, None, "2010-12-24", None)]),
    # a metadata row names the event: 发布日期 for 发布 (with 【】 around the label), 成文日期 for 印发
    ("【发布日期】2000-01-29\n现发布《中华人民共和国森林法实施条例》,自发布之日起施行。\n",
     [("中华人民共和国森林法实施条例", None, None, "2000-01-29", None)]),
    ("成文日期：2019年12月30日\n发布日期：2020年1月6日\n本通知自印发之日起施行。\n", [(None, None, None, "2019-12-30", None)]),
    ("成文日期：2019年12月30日\n发布日期：2020年1月6日\n本通知自发布之日起施行。\n", [(None, None, None, "2020-01-06", None)]),
    # … N days after
    ("本公告自发布之日起30日后施行。\n特此公告。\n海关总署\n2022年3月30日\n", [(None, None, None, "2022-04-29", None)]),
    # validity: a number of years from the entry into force
    ("本意见自发布之日起施行，有效期三年。\n\n某某市人民政府\n2024年3月5日\n", [(None, None, None, "2024-03-05", "2027-03-04", )]),
    ("本办法自2026年3月1日起施行，有效期5年，同时废止琼残字〔2016〕85号。", [(None, None, None, "2026-03-01", "2031-02-28")]),
    ("本通告自2024年6月1日起施行，有效期至2027年5月31日。", [(None, None, None, "2024-06-01", "2027-05-31")]),
    ("本通知自2019年1月1日起至2021年12月31日止执行。", [(None, None, None, "2019-01-01", "2021-12-31")]),
    # round 22: a period that starts when the text is published, ends at a month's end, or is
    # named before its span (江西省市场监管局 2020 若干举措: 上述举措执行期自发布之日起至2020年12月底)
    ("江西省市场监管局\n2020年2月12日\n上述举措执行期自发布之日起至2020年12月底（有明确期限规定的从其规定）。",
     [(None, None, None, "2020-02-12", "2020-12-31")]),
    ("本措施自发布之日起至2020年6月30日执行。\n某省人民政府\n2020年2月12日\n", [(None, None, None, "2020-02-12", "2020-06-30")]),
    ("本措施自2020年2月1日起至2020年12月底执行。", [(None, None, None, "2020-02-01", "2020-12-31")]),
    ("本办法有效期限为自2024年2月1日起至2024年2月底。", [(None, None, None, "2024-02-01", "2024-02-29")]),
    ("本措施执行期限自2020年2月1日起至2020年12月31日。", [(None, None, None, "2020-02-01", "2020-12-31")]),
    # ... while a span with neither its verb nor the name of a period dates nothing, nor do the
    # words 上述措施 with no date of the text's own
    ("自2020年1月1日起至2020年12月31日，全市共清理规范性文件26件。", []),
    ("申报时间：自2020年3月1日起至2020年3月31日止。", []),
    ("上述措施自发布之日起施行。\n", []),
    # a page's metadata row with the in-force date of the page's own text
    ("签发日期 | 2019-12-17 | 实施日期 | 2019-12-30 |\n《深圳市大鹏新区棚户区改造实施细则(试行)》已经新区管委会同意,现予印发,请遵照执行。\n",
     [(None, None, None, "2019-12-30", None)]),
    ("颁布日期:2001-6-3\n实施日期:2001-8-1\n颁布单位:包头市人民代表大会常务委员会\n", [(None, None, None, "2001-08-01", None)]),
    # the own work wins over a work cited earlier in the sentence (本 and a type in the date's clause)
    ("根据《中华人民共和国海关行业标准管理办法(试行)》，本批标准自2022年10月1日起实施。", [(None, None, None, "2022-10-01", None)]),
    # ... but not the 本 of a word (基本, 成本)
    ("根据玉溪市人民政府公告第 49 号《玉溪市城乡居民基本医疗保险实施办法》已经 2016年 8月 29日玉溪市人民政府第 62次常务会议讨论通过，"
     "予以公布，自 2017年 1月 1\n\n日起施行。",
     [("玉溪市城乡居民基本医疗保险实施办法", "玉溪市人民政府公告第49号", "2016-08-29", "2017-01-01", None)]),
    # ... nor a 本 that a line break inside a title leaves at the start of a line
    ("根据玉溪市人民政府公告第 49 号《玉溪市城乡居民基\n\n本医疗保险实施办法》已经 2016年 8月 29日玉溪市人民政\n\n府第 62次常务会议讨论通过，"
     "予以公布，自 2017年 1月 1\n\n日起施行。",
     [("玉溪市城乡居民基本医疗保险实施办法", "玉溪市人民政府公告第49号", "2016-08-29", "2017-01-01", None)]),
    # ... while a 本 after a signature line starts the text's own name
    ("某某市人民政府\n2020年3月5日\n本办法自2020年4月1日起施行，《某某市暂行办法》同时废止。", [(None, None, None, "2020-04-01", None)]),
    # a short name defined earlier stands for its work
    ("2012年3月修改的《中华人民共和国刑事诉讼法》（以下简称新《刑诉法》）对此作了规定。新《刑诉法》自2013年1月1日起施行。",
     [("中华人民共和国刑事诉讼法", None, None, "2013-01-01", None)]),
    # negatives: no date of the text's own; a deadline; a report's cut-off; a date that starts no validity
    ("本办法自发布之日起施行。\n", []),
    ("请于本公告发布之日起30日内提交申请材料。\n\n2024年3月5日\n", []),
    ("各地于2020年底前完成清理工作。", []),
    ("截至2020年12月31日，全市共清理规范性文件26件。", []),
    ("2020年1月1日起施行的新办法对此作了调整。", []),
    ("发布日期：2020-01-05\n本办法由市局负责解释。\n", []),
    ("《关于自2019年1月1日起施行新标准的通知》", []),
    # a text about another work: that work's issue date is not this text's date
    ("江西省市场监管局印发了《关于依法从重从快严厉打击新型冠状病毒疫情防控期间违法行为的实施意见》（以下简称《实施意见》）。"
     "《实施意见》自印发之日起执行。\n\n2020年2月11日\n", []),
    ("依照《中华人民共和国出境入境管理法》新设定的制度自2013年7月1日起施行。", []),
    ("应急管理部于3月20日发布《管理办法》，自2019年5月1日起施行。", []),
]


def _dates(text):
    ex = extract(text)
    for d in ex.dates:
        assert text[d.start:d.end].strip() == d.evidence
    return [(d.title.title if d.title else None, d.number.number if d.number else None, d.adopted, d.in_force, d.expires)
            for d in ex.dates]


@pytest.mark.parametrize("text,expected", REAL_DATE_SENTENCES + CONTEXT_CASES)
def test_dates_of_real_sentences(text, expected):
    assert _dates(text) == expected


def test_relative_in_force_says_how_it_was_read():
    (d,) = extract("本公告自发布之日起30日后施行。\n海关总署\n2022年3月30日\n").dates
    assert d.relative == "发布+30"
    (d,) = extract("实施日期:2001-8-1\n").dates
    assert d.relative == "metadata"
    (d,) = extract("本办法自2020年1月1日起施行。").dates
    assert d.relative is None


def test_date_statements_pickle_with_their_new_fields():
    import pickle
    (d,) = extract("本通告自2024年6月1日起施行，有效期至2027年5月31日。").dates
    assert pickle.loads(pickle.dumps(d)) == d
