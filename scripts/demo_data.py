"""Demo data for the local stack: internship positions (就业见习岗位) across Shanxi, and the people
who walk through it.

`demo_positions(count, seed=..., today=...)` gives dicts of exactly the writable fields of
`POST /v1/admin/positions`. The employers are invented but shaped like real Shanxi ones
(山西××科技有限公司, ××县人民医院, ××煤业有限公司, ××专业合作社, ××街道社区服务中心 …). Their
unified social credit codes carry a registration-type prefix that fits the employer (91 enterprise,
12 public institution, 52 private non-enterprise unit, 93 farmers' cooperative), the 6-digit code of
the position's county (the city's code for 市本级), a 9-character organisation code with its
GB 11714 check character, and the GB 32100 check character. Stipends start from about the local
minimum-wage tier (1800 / 1900 / 2000 yuan: counties / other urban areas / urban Taiyuan) and rise
with education and industry, capped at 3500.

The same seed and `today` always give the same list (`random.Random(seed)`, nothing depends on hash
order). `today` only moves the deadlines, which fall between today+7 and today+120 days.

Spread (guaranteed for count >= 200; the default is 240): each of the 11 cities has at least 10
positions, Taiyuan the most; at least 40 are 市本级 (county_code == the city code), some in every
city; nearly every one of the 117 counties has one (all of them at 240); the localities of the demo
trainees (see `demo_trainees`) have several each.

Keywords a tester can search for (guaranteed for count >= 200, besides what the random draw adds):

- ``软件`` in the title: at least 6 positions (软件开发见习生 / 软件测试见习生), 市本级 of 6 cities;
- ``会计学`` among the majors: at least 4 positions (会计助理, bachelor), in 4 different cities;
- ``人民医院`` in the employer name: at least 3 county hospitals, in 3 different cities, each with a
  ``护理见习`` position;
- ``护理`` in the title: at least 3 (the hospital positions above).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Final

from chalicelib.domain.identity import credit_check_char, id_check_char
from chalicelib.domain.regions import City, Locality, shanxi

# ------------------------------------------------------------------------------------------------ places


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Relative size of each city's share beyond the 10 every city gets (population and economy, roughly).
_CITY_WEIGHTS: Final = {
    "140100": 22,
    "140200": 10,
    "140300": 5,
    "140400": 10,
    "140500": 7,
    "140600": 5,
    "140700": 10,
    "140800": 11,
    "140900": 8,
    "141000": 10,
    "141100": 9,
}
_MIN_PER_CITY = 10
_CITY_OWN_SHARE = 0.22

# Local flavour for employer names (字号).
_CITY_FLAVOURS: Final = {
    "140100": ("龙城", "并州", "晋阳", "汾河"),
    "140200": ("云中", "御河", "凤临", "北魏"),
    "140300": ("漾泉", "桃河", "娘子关"),
    "140400": ("上党", "太行", "漳河", "潞泽"),
    "140500": ("凤城", "丹河", "太行", "泽润"),
    "140600": ("马邑", "桑干", "鄯阳"),
    "140700": ("晋商", "榆州", "汇通"),
    "140800": ("河东", "盐池", "中条"),
    "140900": ("秀容", "雁门", "滹沱"),
    "141000": ("平阳", "尧都", "汾水"),
    "141100": ("吕梁", "北川", "三川"),
}
_CORE_CHARS: Final = (
    "恒信泰华瑞丰鑫源宏达国润诚博睿智联卓汇通明德康嘉禾天新安同创永盛金晖和兴晋昌隆正远宇航鼎凯峰顺祥利佳荣科锦益铭"
)

# Main streets of each city's urban districts, for addresses there.
_CITY_ROADS: Final = {
    "140100": _words("迎泽大街 府西街 南内环街 长治路 学府街 并州南路 体育路 滨河东路 漪汾街 千峰南路")
    + _words("胜利街 五一路 解放路 晋祠路 龙城大街 亲贤北街 坞城路 平阳路 建设北路 和平南路"),
    "140200": _words("魏都大道 御河西路 永泰南路 云中路 新建北路 迎宾街 文兴路 同泉路"),
    "140300": _words("桃北中街 南大街 德胜街 北大街 新泉路 桃南东路"),
    "140400": _words("英雄中路 太行东街 城西路 长兴路 紫金街 府后西街"),
    "140500": _words("泽州路 凤台街 黄华街 红星街 书院街 文昌街"),
    "140600": _words("开发路 民福街 张辽路 府西街 鄯阳街"),
    "140700": _words("顺城街 迎宾街 汇通路 龙湖大街 锦纶路 新建路"),
    "140800": _words("河东街 解放路 禹都大道 中银大道 红旗街 学苑路"),
    "140900": _words("和平街 长征街 七一路 建设路 雁门西大道"),
    "141000": _words("鼓楼南大街 五一路 解放路 滨河西路 迎春街 向阳路"),
    "141100": _words("龙凤大街 滨河北路 永宁路 北川河东路 吕梁大道"),
}
_COUNTY_ROADS: Final = _words(
    "人民路 解放路 建设路 迎宾路 新华街 文化路 朝阳街 府前街 滨河路 育才路 东大街 西大街 南关街 北环路 振兴路"
    " 和平路 胜利街 车站路 兴隆街"
)
_INDUSTRIAL_ROADS: Final = _words("工业路 兴业路 创业街 科技路 发展大道 园区路 振兴路 昌盛街")
_INDUSTRIAL_ZONES: Final = _words("工业园区 经济开发区 产业园区")
_TOWNS: Final = _words("城关 龙泉 东阳 西河 南庄 北留 新店 古城 石门 槐树 高村 永安 东山 水泉")
_VILLAGES: Final = _words(
    "东庄村 西沟村 南堡村 北坡村 王家庄村 李家湾村 张家河村 赵村 刘家峪村 前进村 杨树沟村 郭家庄村"
)
_STREETS: Final = _words("东关 西关 南关 北关 新华 建设 朝阳 解放 文化 城东 城西 向阳 鼓楼 府东")
_BUILDINGS: Final = _words("科技大厦 创业大厦 国际大厦 金融中心 数字经济产业园 商务中心 软件园")

# Tourist sites, for the culture-and-tourism companies of these counties.
_ATTRACTIONS: Final = {
    "140728": "平遥古城",
    "140922": "五台山",
    "140214": "云冈",
    "141028": "壶口",
    "140522": "皇城相府",
    "140727": "乔家大院",
    "140781": "绵山",
    "140729": "王家大院",
    "140225": "恒山",
    "140431": "灵空山",
    "140110": "晋祠",
    "140823": "裴柏村",
    "140830": "永乐宫",
}
# Local food and drink, for the food manufacturers of these counties.
_SPECIALTIES: Final = {
    "140121": "醋业",
    "141182": "酒业",
    "140728": "牛肉食品",
    "140621": "乳业",
    "140727": "食品",
    "140222": "小杂粮",
    "141127": "马铃薯食品",
    "140702": "食品",
}

# ------------------------------------------------------------------------------------------------ people

_SURNAMES: Final = "王李张刘赵杨郭武郝贾梁冯史田闫韩侯段霍乔温程任薛高白牛卫"
_GIVEN_NAMES: Final = _words(
    "晓燕 丽娜 志强 海波 雅琴 俊杰 文静 晓东 瑞峰 鹏飞 玉梅 红霞 彦军 晋生 润芳 慧敏 国华 建华 永红 瑞霞"
    " 亚楠 佳慧 斌 静 敏 磊 涛 婷 超 鑫"
)
_MOBILE_PREFIXES: Final = _words(
    "130 131 132 133 135 136 137 138 139 150 151 152 153 155 156 158 159 166 176 177 180 181 182 183 185 186"
    " 187 188 189 198 199"
)

# ----------------------------------------------------------------------------------------------- money

_EDUCATION_PREMIUM: Final = {
    "any": 0,
    "secondary_vocational": 0,
    "junior_college": 100,
    "bachelor": 300,
    "master": 700,
    "doctor": 1200,
}
_INDUSTRY_PREMIUM: Final = {"I": 500, "J": 400, "B": 400, "M": 300, "D": 300, "C": 200, "E": 200}
_MAX_STIPEND = 3500

# ------------------------------------------------------------------------------------------------ roles


@dataclass(frozen=True)
class _Role:
    title: str
    education: tuple[str, ...]
    majors: tuple[str, ...]  # majors for bachelor and above (and for 大专 when there are no vocational ones)
    vocational_majors: tuple[str, ...]  # 高职/中职 majors
    duties: tuple[str, ...]
    # Empty: it suits any employer of the kind; else the employer's tag must be one of these.
    tags: tuple[str, ...] = ()


def _role(
    title: str,
    education: tuple[str, ...],
    majors: tuple[str, ...],
    vocational: tuple[str, ...],
    duties: tuple[str, ...],
    *tags: str,
) -> _Role:
    return _Role(title, education, majors, vocational, duties, tags)


_JC_B = ("junior_college", "bachelor")
_SV_JC = ("secondary_vocational", "junior_college")
_SV_JC_B = ("secondary_vocational", "junior_college", "bachelor")

ADMIN = _role(
    "行政文员",
    ("any", "secondary_vocational", "junior_college", "bachelor"),
    ("行政管理", "汉语言文学", "秘书学"),
    ("现代文秘", "行政管理"),
    ("负责公文收发、会议记录和档案整理等日常行政事务。", "协助做好办公用品管理、来访接待和会务保障工作。"),
)
ACCOUNTING = _role(
    "会计助理",
    _JC_B,
    ("会计学", "财务管理", "审计学"),
    ("大数据与会计", "会计信息管理"),
    ("协助完成原始凭证审核、记账凭证录入和往来账款核对。", "参与月末结账、纳税申报资料整理和财务报表编制。"),
)
HR = _role(
    "人力资源助理",
    _JC_B,
    ("人力资源管理", "劳动与社会保障", "工商管理"),
    ("人力资源管理",),
    ("协助开展招聘信息发布、简历筛选和面试组织工作。", "参与员工入离职手续办理、考勤统计和社保公积金申报。"),
)
NEW_MEDIA = _role(
    "新媒体运营",
    _JC_B,
    ("网络与新媒体", "新闻学", "广告学", "汉语言文学"),
    ("融媒体技术与运营", "网络营销与直播电商", "新闻采编与制作"),
    (
        "负责单位微信公众号、抖音等平台的内容策划、编辑与日常运营。",
        "协助拍摄剪辑短视频，跟踪分析粉丝数据并提出优化建议。",
    ),
)

SOFTWARE_DEVELOPER = _role(
    "软件开发见习生",
    ("bachelor", "master"),
    ("计算机科学与技术", "软件工程", "信息管理与信息系统", "数据科学与大数据技术"),
    (),
    (
        "在导师指导下参与政务服务、智慧园区等项目的后端接口开发与单元测试。",
        "学习使用Java或Python完成业务模块编码，参与代码评审和技术文档编写。",
    ),
)
SOFTWARE_TESTER = _role(
    "软件测试见习生",
    _JC_B,
    ("软件工程", "计算机科学与技术"),
    ("软件技术", "计算机应用技术"),
    (
        "根据需求文档编写测试用例，执行功能测试和回归测试并跟踪缺陷。",
        "学习使用自动化测试工具，参与测试报告的整理和发布。",
    ),
)
_IT_ROLES: Final = (
    SOFTWARE_DEVELOPER,
    SOFTWARE_TESTER,
    _role(
        "前端开发助理",
        _JC_B,
        ("软件工程", "数字媒体技术", "计算机科学与技术"),
        ("软件技术", "数字媒体技术"),
        (
            "参与Web页面和微信小程序的前端开发，配合后端完成接口联调。",
            "学习Vue等前端框架，参与页面性能优化和兼容性测试。",
        ),
    ),
    _role(
        "运维工程师助理",
        _JC_B,
        ("网络工程", "计算机科学与技术", "信息安全"),
        ("计算机网络技术", "云计算技术应用"),
        (
            "协助维护客户机房服务器和网络设备，做好日常巡检和故障记录。",
            "参与云平台资源监控、数据备份和信息安全加固工作。",
        ),
    ),
    _role(
        "数据分析助理",
        ("bachelor", "master"),
        ("数据科学与大数据技术", "统计学", "信息与计算科学"),
        (),
        ("协助完成业务数据的清洗、统计分析和可视化报表制作。", "参与数据治理和数据质量检查，编写分析报告。"),
    ),
    _role(
        "实施工程师助理",
        _JC_B,
        ("信息管理与信息系统", "计算机科学与技术"),
        ("计算机应用技术", "软件技术"),
        (
            "赴客户现场协助完成软件系统的部署、数据初始化和用户培训。",
            "收集整理用户反馈，配合研发团队跟进问题处理。",
        ),
    ),
)

_MACHINERY_ROLES: Final = (
    _role(
        "机械设计助理",
        ("bachelor", "master"),
        ("机械设计制造及其自动化", "机械电子工程", "过程装备与控制工程"),
        (),
        (
            "在设计工程师指导下使用SolidWorks、AutoCAD完成零部件三维建模和工程图绘制。",
            "参与起重、矿山等成套设备的方案讨论和图纸校对。",
        ),
    ),
    _role(
        "电气技术员见习",
        _JC_B,
        ("电气工程及其自动化", "自动化"),
        ("电气自动化技术", "机电一体化技术"),
        (
            "协助完成生产线电气设备的安装调试、日常点检和故障排查。",
            "学习PLC程序的阅读与修改，参与设备技改方案的实施。",
        ),
    ),
    _role(
        "质量检验员见习",
        _SV_JC_B,
        ("材料成型及控制工程", "质量管理工程", "机械工程"),
        ("工业产品质量检测技术", "机械制造及自动化"),
        (
            "按照工艺文件对来料、半成品和成品进行检验，做好检验记录。",
            "参与质量问题分析和改进措施的跟踪验证。",
        ),
    ),
    _role(
        "数控操作见习",
        _SV_JC,
        (),
        ("数控技术", "数控技术应用", "机械加工技术"),
        (
            "在师傅带领下学习数控车床、加工中心的操作、编程与日常保养。",
            "严格执行安全操作规程，完成指定零件的加工和自检。",
        ),
    ),
    _role(
        "生产管理助理",
        _JC_B,
        ("工业工程", "工商管理", "物流管理"),
        ("工业工程技术", "现代物流管理"),
        ("协助编制生产计划，跟踪订单进度并统计车间产量和物料消耗。", "参与现场5S管理和生产例会的组织记录。"),
    ),
    _role(
        "焊接工艺见习",
        _SV_JC_B,
        ("焊接技术与工程", "材料成型及控制工程"),
        ("智能焊接技术", "焊接技术应用"),
        ("参与焊接工艺评定试验和焊接作业指导书的编制。", "在焊接技师指导下学习结构件的焊接操作与质量控制。"),
    ),
)

_FOOD_ROLES: Final = (
    _role(
        "食品检验见习",
        _JC_B,
        ("食品科学与工程", "食品质量与安全", "生物工程"),
        ("食品检验检测技术", "食品智能加工技术"),
        (
            "负责原辅料及成品的理化和微生物指标检测，如实填写检验原始记录。",
            "协助做好食品安全管理体系文件的维护和内部审核。",
        ),
    ),
    _role(
        "生产技术员见习",
        _SV_JC_B,
        ("食品科学与工程", "生物工程"),
        ("食品智能加工技术", "食品检验检测技术"),
        ("跟班学习原料预处理、加工和包装等关键工序的工艺参数控制与记录。", "协助车间开展设备清洗消毒和生产卫生检查。"),
    ),
    _role(
        "酿造工艺见习",
        _SV_JC_B,
        ("酿酒工程", "生物工程", "食品科学与工程"),
        ("酿酒技术", "食品生物技术"),
        ("跟班学习制曲、发酵、陈酿等传统酿造工序，记录工艺参数。", "协助开展酿造原料验收和半成品理化指标检测。"),
        "brew",
    ),
    _role(
        "销售内勤",
        _JC_B,
        ("市场营销", "电子商务"),
        ("市场营销", "电子商务"),
        ("负责订单录入、发货跟踪和客户回款核对。", "协助维护经销商关系，整理销售数据和市场反馈。"),
    ),
)

_COAL_ROLES: Final = (
    _role(
        "采矿技术员见习",
        _JC_B,
        ("采矿工程", "智能采矿工程"),
        ("煤矿智能开采技术",),
        (
            "在技术人员带领下下井熟悉采掘工作面，参与作业规程和安全技术措施的编制。",
            "协助开展矿压观测和生产技术资料的整理。",
        ),
    ),
    _role(
        "地测技术员见习",
        _JC_B,
        ("测绘工程", "地质工程", "资源勘查工程"),
        ("工程测量技术", "矿山地质"),
        (
            "参与井下导线测量、地质编录和储量管理资料的整理。",
            "学习使用全站仪等测量仪器，绘制采掘工程平面图。",
        ),
    ),
    _role(
        "安全管理见习",
        _JC_B,
        ("安全工程", "采矿工程"),
        ("安全技术与管理",),
        (
            "协助开展安全隐患排查、安全教育培训和一通三防资料管理。",
            "参与安全生产标准化建设，跟踪隐患整改闭环。",
        ),
    ),
    _role(
        "机电技术员见习",
        _SV_JC_B,
        ("机械工程", "电气工程及其自动化"),
        ("矿山机电技术", "机电一体化技术"),
        (
            "参与采掘、运输、提升等机电设备的维护检修和运行记录。",
            "学习综采设备和井下供电系统的原理及安全操作规程。",
        ),
    ),
)

_UTILITY_ROLES: Final = (
    _role(
        "电力运维见习",
        _JC_B,
        ("电气工程及其自动化", "新能源科学与工程"),
        ("发电厂及电力系统", "光伏工程技术", "风力发电工程技术"),
        (
            "协助开展光伏电站、风电场设备的巡检、缺陷记录和运行数据分析。",
            "学习电力安全工作规程，参与倒闸操作监护。",
        ),
        "power",
    ),
    _role(
        "供热管网技术员",
        _JC_B,
        ("建筑环境与能源应用工程", "能源与动力工程"),
        ("供热通风与空调工程技术",),
        (
            "参与供热管网和换热站的巡检维护，记录运行参数并处理用户报修。",
            "协助做好供暖季前的管网试压和设备检修。",
        ),
        "heat",
    ),
    _role(
        "燃气安全巡检员",
        _SV_JC,
        (),
        ("城市燃气工程技术", "安全技术与管理"),
        ("负责燃气管线和居民用户的入户安全检查，宣传安全用气知识。", "协助处理燃气泄漏报警和用户报修。"),
        "gas",
    ),
    _role(
        "水质检测见习",
        _JC_B,
        ("给排水科学与工程", "环境工程", "化学"),
        ("水环境智能监测与治理", "工业分析技术"),
        ("按规范采集水样，完成浊度、余氯等常规指标的检测与记录。", "参与水厂制水工艺的巡查和药剂投加记录。"),
        "water",
    ),
)

_CONSTRUCTION_ROLES: Final = (
    _role(
        "施工员见习",
        _JC_B,
        ("土木工程", "建筑工程"),
        ("建筑工程技术",),
        (
            "在项目现场协助技术负责人进行施工放线、工序质量检查和施工日志填写。",
            "参与图纸会审、技术交底和隐蔽工程验收。",
        ),
    ),
    _role(
        "造价员助理",
        _JC_B,
        ("工程造价", "工程管理"),
        ("工程造价",),
        (
            "协助编制工程量清单和预结算，使用广联达软件进行算量计价。",
            "参与材料市场价格调查和变更签证资料整理。",
        ),
    ),
    _role(
        "资料员见习",
        _SV_JC,
        (),
        ("建设工程管理", "建筑工程技术"),
        ("负责工程技术资料的收集、整理和归档，配合做好竣工验收资料组卷。",),
    ),
    _role(
        "BIM建模助理",
        _JC_B,
        ("土木工程", "建筑学", "工程管理"),
        ("建筑工程技术", "建筑设计"),
        ("使用Revit等软件搭建建筑、结构和机电模型，协助开展碰撞检查。", "参与施工方案的三维可视化交底。"),
    ),
    _role(
        "道路桥梁技术员",
        _JC_B,
        ("道路桥梁与渡河工程", "土木工程"),
        ("道路与桥梁工程技术",),
        ("参与公路桥梁项目的测量放样、试验检测和计量支付资料整理。",),
        "road",
    ),
)

_RETAIL_ROLES: Final = (
    _role(
        "电商运营助理",
        _JC_B,
        ("电子商务", "市场营销", "国际经济与贸易"),
        ("电子商务", "网络营销与直播电商"),
        (
            "负责网店商品上架、详情页优化和促销活动的执行。",
            "协助分析店铺流量和转化数据，跟进客服与售后问题。",
        ),
    ),
    _role(
        "直播运营见习",
        ("any", "secondary_vocational", "junior_college"),
        (),
        ("网络营销与直播电商", "电子商务"),
        ("协助策划小米、老陈醋等山西特色农产品的直播带货活动，参与脚本撰写和直播间运营。",),
    ),
    _role(
        "门店管理见习",
        _SV_JC_B,
        ("工商管理", "市场营销"),
        ("连锁经营与管理",),
        ("在店长带领下学习商品陈列、库存盘点、收银管理和顾客服务。",),
        "store",
    ),
    _role(
        "采购助理",
        _JC_B,
        ("物流管理", "采购管理", "市场营销"),
        ("现代物流管理",),
        ("协助完成供应商询价比价、采购订单跟踪和到货验收。", "整理采购台账，参与供应商档案维护。"),
    ),
)

_LOGISTICS_ROLES: Final = (
    _role(
        "物流调度助理",
        _JC_B,
        ("物流管理", "交通运输", "物流工程"),
        ("现代物流管理",),
        ("协助安排车辆调度和运输路线，跟踪在途货物并及时处理异常。", "整理运输单据，统计车辆运营数据。"),
    ),
    _role(
        "仓储管理见习",
        _SV_JC,
        (),
        ("现代物流管理", "物流服务与管理"),
        ("负责货物出入库登记、库位管理和定期盘点，使用WMS系统录入数据。",),
    ),
    _role(
        "客服专员见习",
        ("any", "secondary_vocational", "junior_college"),
        (),
        ("现代物流管理", "市场营销"),
        ("负责客户来电咨询、运单查询和投诉受理，做好服务记录。",),
    ),
)

_HOTEL_ROLES: Final = (
    _role(
        "前厅接待见习",
        _SV_JC_B,
        ("酒店管理", "旅游管理"),
        ("酒店管理与数字化运营", "高星级饭店运营与管理"),
        ("负责宾客入住登记、退房结账和问询服务，维护前台环境整洁。", "协助处理宾客投诉，做好交接班记录。"),
        "hotel",
    ),
    _role(
        "餐饮管理见习",
        _JC_B,
        ("酒店管理", "烹饪与营养教育"),
        ("餐饮智能管理", "酒店管理与数字化运营"),
        ("协助餐厅经理做好排班、食材验收和菜品质量巡查。",),
    ),
    _role(
        "厨师助理",
        ("any", "secondary_vocational"),
        (),
        ("中餐烹饪", "烹饪工艺与营养"),
        ("在厨师长指导下学习面食和晋菜的制作工艺，做好食品安全和后厨卫生管理。",),
    ),
)

_BANK_ROLES: Final = (
    _role(
        "柜员见习",
        _JC_B,
        ("金融学", "会计学", "经济学"),
        ("金融服务与管理", "大数据与会计"),
        (
            "在带教师傅指导下学习现金、储蓄及对公业务的柜面操作规程。",
            "参与大堂客户引导、智能柜台辅助服务和反假币宣传。",
        ),
        "bank",
    ),
    _role(
        "客户经理助理",
        ("bachelor", "master"),
        ("金融学", "市场营销", "经济学"),
        (),
        (
            "协助客户经理开展普惠金融、农户小额贷款的贷前调查和资料收集。",
            "参与走访小微企业和个体工商户，宣传金融产品。",
        ),
    ),
    _role(
        "风险管理助理",
        ("bachelor", "master"),
        ("金融工程", "金融学", "统计学"),
        (),
        ("协助开展信贷资产风险分类、贷后检查和风险数据统计。",),
    ),
    ACCOUNTING,
)

_BUSINESS_ROLES: Final = (
    _role(
        "审计助理",
        ("bachelor", "master"),
        ("会计学", "审计学", "财务管理"),
        (),
        (
            "随项目组赴企业现场参与财务报表审计，完成底稿编制和函证程序。",
            "协助整理审计证据，参与审计报告初稿的撰写。",
        ),
        "audit",
    ),
    _role(
        "税务代理助理",
        _JC_B,
        ("税收学", "会计学", "财务管理"),
        ("大数据与会计", "财税大数据应用"),
        ("协助为小微企业客户办理代理记账、纳税申报和发票管理。",),
        "audit",
        "tax",
    ),
    _role(
        "招聘专员见习",
        _JC_B,
        ("人力资源管理", "心理学", "工商管理"),
        ("人力资源管理",),
        ("负责对接企业用工需求，发布招聘信息并组织现场招聘会。", "协助办理劳务派遣人员的入职和社保手续。"),
        "hr",
    ),
    _role(
        "企业咨询助理",
        ("bachelor", "master"),
        ("工商管理", "经济学", "市场营销"),
        (),
        ("参与企业管理诊断、市场调研和咨询方案的资料收集与撰写。",),
        "consult",
    ),
    ACCOUNTING,
)

_RESEARCH_ROLES: Final = (
    _role(
        "检测员见习",
        ("junior_college", "bachelor", "master"),
        ("化学", "应用化学", "环境工程", "食品质量与安全"),
        ("工业分析技术", "环境监测技术"),
        (
            "按照国家标准开展样品的前处理与理化检测，规范填写原始记录。",
            "学习气相色谱、原子吸收等仪器的操作和日常维护。",
        ),
        "lab",
    ),
    _role(
        "研发助理",
        ("master", "doctor"),
        ("材料科学与工程", "化学工程与工艺", "环境科学与工程"),
        (),
        ("参与课题组的实验方案设计、数据处理和技术报告撰写。", "协助申报科技项目和专利，整理技术文献。"),
        "rnd",
    ),
    _role(
        "规划设计助理",
        ("bachelor", "master"),
        ("城乡规划", "建筑学", "风景园林"),
        (),
        ("协助完成国土空间规划、村庄规划项目的图纸绘制和文本编写。", "参与现场踏勘和基础资料收集。"),
        "design",
    ),
    _role(
        "测绘技术员见习",
        _JC_B,
        ("测绘工程", "地理信息科学", "遥感科学与技术"),
        ("工程测量技术", "测绘地理信息技术"),
        ("参与外业测量、无人机航测和内业数据处理。", "学习使用ArcGIS等软件进行地形图编绘和数据入库。"),
        "survey",
    ),
)

_ENVIRONMENT_ROLES: Final = (
    _role(
        "环境监测助理",
        _JC_B,
        ("环境工程", "环境科学", "生态学"),
        ("环境监测技术",),
        ("参与大气、水和土壤样品的采集与分析，协助编制监测报告。",),
        "env",
    ),
    _role(
        "园林绿化技术员",
        _JC_B,
        ("园林", "风景园林", "园艺"),
        ("园林技术",),
        ("协助开展城市绿地的养护管理、病虫害防治和苗木调查。", "参与绿化工程的现场监督和验收资料整理。"),
        "green",
    ),
    _role(
        "水利技术员见习",
        _JC_B,
        ("水利水电工程", "农业水利工程"),
        ("水利水电建筑工程", "水利工程"),
        ("参与农田水利、河道治理项目的现场巡查和工程资料整理。", "协助开展防汛物资管理和水雨情信息统计。"),
        "water",
    ),
)

_PROPERTY_ROLES: Final = (
    _role(
        "物业管理助理",
        _SV_JC_B,
        ("物业管理", "工商管理"),
        ("现代物业管理",),
        ("协助处理业主报修、投诉和物业费收缴，参与小区安全巡查。",),
        "prop",
    ),
    _role(
        "置业顾问助理",
        _JC_B,
        ("市场营销", "房地产开发与管理"),
        ("房地产经营与管理", "市场营销"),
        ("协助接待来访客户，讲解楼盘信息并跟进签约和按揭手续。",),
        "dev",
    ),
    _role(
        "工程管理助理",
        ("bachelor",),
        ("工程管理", "土木工程", "房地产开发与管理"),
        (),
        ("协助跟进项目工程进度、质量和安全管理，参与工程例会纪要整理。",),
        "dev",
    ),
)

_SERVICE_ROLES: Final = (
    _role(
        "汽车维修见习",
        _SV_JC,
        (),
        ("汽车运用与维修", "新能源汽车技术", "汽车检测与维修技术"),
        ("在维修技师带领下学习汽车保养、故障诊断和新能源汽车三电系统检修。",),
        "car",
    ),
    _role(
        "服务督导见习",
        _JC_B,
        ("家政学", "社会工作"),
        ("现代家政服务与管理", "智慧健康养老服务与管理"),
        ("协助开展家政服务人员的岗前培训、派单回访和服务质量监督。",),
        "home",
    ),
    _role(
        "客户服务专员",
        ("any", "secondary_vocational", "junior_college"),
        (),
        ("市场营销",),
        ("负责客户接待、预约登记和满意度回访，做好服务记录。",),
    ),
)

_SCHOOL_ROLES: Final = (
    _role(
        "教学助理",
        ("bachelor", "master"),
        ("汉语言文学", "数学与应用数学", "英语", "物理学", "化学", "生物科学", "思想政治教育"),
        (),
        (
            "协助任课教师备课、批改作业和组织课后辅导。",
            "参与听课评课和校本教研活动，在指导教师带领下逐步承担部分课堂教学。",
        ),
    ),
    _role(
        "教务管理助理",
        _JC_B,
        ("教育学", "行政管理"),
        ("现代文秘",),
        ("协助做好学籍管理、排课考务和教学档案整理。",),
    ),
    _role(
        "心理健康教育助理",
        ("bachelor", "master"),
        ("应用心理学", "心理学"),
        (),
        ("协助开展学生心理健康筛查、团体辅导和心理健康主题活动。",),
    ),
    _role(
        "体育教学助理",
        ("bachelor",),
        ("体育教育", "社会体育指导与管理"),
        (),
        ("协助开展体育课教学、大课间活动和校运动队训练。",),
    ),
    _role(
        "专业实训指导助理",
        _JC_B,
        ("机械设计制造及其自动化", "计算机科学与技术", "电气工程及其自动化"),
        ("机电一体化技术", "计算机应用技术"),
        ("协助专业教师组织学生实训，做好实训设备维护和安全管理。",),
        "vocational",
    ),
)

_KINDERGARTEN_ROLES: Final = (
    _role(
        "幼儿教师见习",
        _JC_B,
        ("学前教育",),
        ("学前教育",),
        (
            "在带班老师指导下参与幼儿一日生活组织、游戏活动设计和家园沟通。",
            "协助布置班级环境，记录幼儿成长档案。",
        ),
    ),
    _role(
        "保育员见习",
        _SV_JC,
        (),
        ("幼儿保育", "学前教育"),
        ("协助做好幼儿生活照料、卫生消毒和午睡看护。",),
    ),
)

_TRAINING_ROLES: Final = (
    _role(
        "培训助教",
        _JC_B,
        ("教育学", "汉语言文学", "计算机科学与技术"),
        ("计算机应用技术", "现代文秘"),
        ("协助讲师开展职业技能培训课程，负责学员签到、课堂辅导和作业批改。",),
    ),
    _role(
        "招生咨询助理",
        _JC_B,
        ("市场营销", "教育学"),
        ("市场营销",),
        ("负责解答学员报名咨询，整理学员档案并协助办理补贴性培训申报。",),
    ),
)

NURSING = _role(
    "护理见习",
    _JC_B,
    ("护理学",),
    ("护理",),
    (
        "在带教老师指导下参与病区基础护理、生命体征监测和健康宣教。",
        "熟悉护理文书书写规范，轮转内科、外科等临床科室。",
    ),
)
_HOSPITAL_ROLES: Final = (
    NURSING,
    _role(
        "药剂见习",
        _JC_B,
        ("药学", "临床药学", "中药学"),
        ("药学", "中药学"),
        ("协助药师完成处方调配、药品效期管理和用药咨询。",),
    ),
    _role(
        "医学检验见习",
        _JC_B,
        ("医学检验技术",),
        ("医学检验技术",),
        ("参与血常规、生化等常规项目的标本处理和仪器操作。", "学习室内质控和检验报告审核流程。"),
    ),
    _role(
        "影像技术见习",
        _JC_B,
        ("医学影像技术",),
        ("医学影像技术",),
        ("协助开展DR、CT检查的患者摆位和图像后处理工作。",),
    ),
    _role(
        "康复治疗见习",
        _JC_B,
        ("康复治疗学",),
        ("康复治疗技术",),
        ("在治疗师指导下参与运动疗法、作业疗法等康复训练。",),
    ),
    _role(
        "医务管理助理",
        _JC_B,
        ("公共事业管理", "卫生事业管理"),
        ("卫生信息管理",),
        ("协助做好病案整理、医疗质量数据统计和医保结算资料核对。",),
    ),
    _role(
        "科研助理",
        ("master", "doctor"),
        ("临床医学", "公共卫生与预防医学", "流行病与卫生统计学"),
        (),
        ("协助临床科室开展科研数据收集整理和统计分析，参与课题申报材料准备。",),
        "big",
    ),
)

_CARE_ROLES: Final = (
    _role(
        "养老护理见习",
        ("any", "secondary_vocational", "junior_college"),
        (),
        ("智慧健康养老服务与管理", "护理"),
        ("协助照护老人日常起居，参与健康监测和康复训练陪护。",),
        "elder",
    ),
    _role(
        "社工助理",
        _JC_B,
        ("社会工作", "社会学"),
        ("社会工作",),
        ("协助开展困境儿童、独居老人的个案走访和小组活动。", "整理服务档案，参与项目评估材料的撰写。"),
    ),
)

_COMMUNITY_ROLES: Final = (
    _role(
        "社区工作见习",
        _JC_B,
        ("社会工作", "行政管理", "公共事业管理"),
        ("社区管理与服务", "社会工作"),
        (
            "协助社区开展人口信息采集、网格化管理和居民矛盾调解。",
            "参与为老服务、新时代文明实践等社区活动的组织实施。",
        ),
        "comm",
    ),
    _role(
        "社保经办助理",
        _JC_B,
        ("劳动与社会保障", "公共事业管理"),
        ("人力资源管理",),
        ("协助办理城乡居民养老保险参保登记、待遇认证等业务，解答群众政策咨询。",),
        "comm",
        "gov",
    ),
    _role(
        "政务服务窗口助理",
        _JC_B,
        ("行政管理", "公共事业管理", "法学"),
        ("行政管理", "现代文秘"),
        ("在窗口工作人员指导下做好业务受理、材料初审和帮办代办服务。",),
        "gov",
    ),
)

_TOURISM_ROLES: Final = (
    _role(
        "导游讲解见习",
        _JC_B,
        ("旅游管理", "历史学", "文化产业管理"),
        ("导游", "旅游管理"),
        ("在讲解员带领下熟悉景区历史文化，参与游客讲解和研学团队接待。",),
        "travel",
    ),
    _role(
        "活动策划助理",
        _JC_B,
        ("文化产业管理", "市场营销", "广告学"),
        ("文化创意与策划",),
        ("协助策划非遗展演、文旅节庆等活动，负责物料准备和现场执行。",),
    ),
    _role(
        "视频剪辑助理",
        _JC_B,
        ("数字媒体艺术", "广播电视编导"),
        ("数字媒体艺术设计", "影视编导"),
        ("参与宣传片、短视频的拍摄与后期剪辑，完成字幕包装和素材管理。",),
    ),
    NEW_MEDIA,
)

_AGRICULTURE_ROLES: Final = (
    _role(
        "农技推广员",
        _JC_B,
        ("农学", "植物保护", "园艺", "种子科学与工程"),
        ("作物生产与经营管理", "园艺技术"),
        (
            "协助开展测土配方施肥、病虫害绿色防控等技术的田间示范和推广。",
            "深入农户宣传种植技术，记录田间试验数据。",
        ),
        "crop",
    ),
    _role(
        "畜牧兽医见习",
        _JC_B,
        ("动物医学", "动物科学"),
        ("畜牧兽医", "动物医学"),
        ("协助开展养殖场疫病防控、免疫接种和饲养管理记录。",),
        "stock",
    ),
    _role(
        "农产品电商助理",
        ("any", "junior_college", "bachelor"),
        ("电子商务", "农林经济管理"),
        ("农村电子商务", "电子商务"),
        ("负责合作社农产品的网店运营、订单处理和包装发货。",),
    ),
)

# --------------------------------------------------------------------------------------------- employers


@dataclass(frozen=True)
class _Name:
    name: str
    org_type: str  # the first two characters of the credit code
    tag: str = ""


_NameMaker = Callable[[random.Random, Locality], _Name]


@dataclass(frozen=True)
class _Kind:
    key: str
    industry: str
    weights: tuple[int, int, int, int]  # for 市本级, districts, county-level cities, counties
    roles: tuple[_Role, ...]
    extras: tuple[_Role, ...]  # general roles such an employer also posts now and then
    make_name: _NameMaker
    address_style: str  # office, tower, industrial, rural
    formal: bool = False  # schools, hospitals, public institutions: contacts are 老师
    boost: int = 0  # up to this many more trainees per position than usual


def _city_short(loc: Locality) -> str:
    return loc.city_name.removesuffix("市")


def _is_district(loc: Locality) -> bool:
    return not loc.is_city_own_level and loc.name.endswith("区")


def _urbanity(loc: Locality) -> int:
    """0 for 市本级, 1 for districts, 2 for county-level cities, 3 for counties."""
    if loc.is_city_own_level:
        return 0
    return {"区": 1, "市": 2}.get(loc.name[-1], 3)


def _short(loc: Locality) -> str:
    """What a company puts before its 字号: 平遥, 介休, 小店, 沁县; the city for 城区 and the like."""
    if loc.is_city_own_level:
        return _city_short(loc)
    if len(loc.name) > 2:
        return loc.name[:-1]
    return _city_short(loc) if loc.name.endswith("区") else loc.name


def _official(loc: Locality) -> str:
    """How a public institution's name starts: 太原市, 太原市小店区, 平遥县, 介休市."""
    if loc.is_city_own_level:
        return loc.city_name
    if _is_district(loc):
        return loc.city_name + loc.name
    return loc.name


def _company_place(rng: random.Random, loc: Locality) -> str:
    if loc.is_city_own_level:
        return rng.choice(("山西", "山西", _city_short(loc)))
    if _is_district(loc):
        return rng.choice(("山西", _city_short(loc), _official(loc)))
    return rng.choice(("山西", _short(loc), loc.name))


def _local_place(rng: random.Random, loc: Locality) -> str:
    """How a local school, care home or the like starts its name: 太原, 太原市小店区, 平遥县, 介休."""
    if loc.is_city_own_level:
        return _city_short(loc)
    if _is_district(loc):
        return _official(loc)
    return rng.choice((_short(loc), loc.name))


def _core(rng: random.Random, loc: Locality) -> str:
    if rng.random() < 0.25:
        return rng.choice(_CITY_FLAVOURS[loc.city_code])
    first, second = rng.sample(_CORE_CHARS, 2)
    return first + second


def _cn_number(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def _it_name(rng: random.Random, loc: Locality) -> _Name:
    place = rng.choice(("山西", "山西", _city_short(loc)))
    business = rng.choice(("信息技术", "软件技术", "网络科技", "数据科技", "智能科技", "数字科技", "软件"))
    end = rng.choice(("有限公司", "有限公司", "有限公司", "股份有限公司"))
    return _Name(f"{place}{_core(rng, loc)}{business}{end}", "91")


def _machinery_name(rng: random.Random, loc: Locality) -> _Name:
    business = rng.choice(
        (
            "重型机械",
            "重工机械",
            "矿山机械",
            "机电设备",
            "液压机械",
            "起重设备",
            "精密铸造",
            "锻压",
            "轴承",
            "汽车零部件",
            "新材料科技",
            "电气设备",
        )
    )
    end = rng.choice(("有限公司", "有限公司", "股份有限公司", "集团有限公司"))
    return _Name(f"{_company_place(rng, loc)}{_core(rng, loc)}{business}{end}", "91")


def _food_name(rng: random.Random, loc: Locality) -> _Name:
    business = _SPECIALTIES.get(loc.code) or rng.choice(("食品", "农产品加工", "粮油", "饮品", "肉制品"))
    tag = "brew" if business in ("醋业", "酒业") else ""
    return _Name(f"{_company_place(rng, loc)}{_core(rng, loc)}{business}有限公司", "91", tag)


def _coal_name(rng: random.Random, loc: Locality) -> _Name:
    core = _core(rng, loc)
    if loc.is_city_own_level:
        end = rng.choice(("煤业集团有限公司", "能源集团有限公司", "煤业有限责任公司"))
        return _Name(f"{_city_short(loc)}{core}{end}", "91")
    if rng.random() < 0.75:
        return _Name(f"山西{_short(loc)}{core}煤业有限公司", "91")
    return _Name(f"{_official(loc)}{core}洗煤有限公司", "91")


def _utility_name(rng: random.Random, loc: Locality) -> _Name:
    core = _core(rng, loc)
    tag = rng.choice(("heat", "gas", "power", "water"))
    if tag == "power":
        return _Name(f"山西{_short(loc)}{core}{rng.choice(('光伏发电', '风力发电', '新能源'))}有限公司", "91", tag)
    business = {"heat": "热力", "gas": "燃气", "water": "供水"}[tag]
    return _Name(f"{_official(loc)}{core}{business}有限公司", "91", tag)


def _construction_name(rng: random.Random, loc: Locality) -> _Name:
    core = _core(rng, loc)
    if rng.random() < 0.25:
        return _Name(f"山西{core}路桥工程有限公司", "91", "road")
    place = _company_place(rng, loc)
    business = rng.choice(("建设工程", "建筑工程", "建筑安装工程", "市政工程"))
    return _Name(f"{place}{core}{business}有限公司", "91")


def _retail_name(rng: random.Random, loc: Locality) -> _Name:
    core = _core(rng, loc)
    place = _company_place(rng, loc)
    choice = rng.randrange(4)
    if choice == 0:
        return _Name(f"{place}{core}商贸有限公司", "91", "store")
    if choice == 1:
        return _Name(f"{place}{core}超市连锁有限公司", "91", "store")
    if choice == 2:
        return _Name(f"山西{core}电子商务有限公司", "91")
    return _Name(f"{place}{core}农产品销售有限公司", "91")


def _logistics_name(rng: random.Random, loc: Locality) -> _Name:
    business = rng.choice(("物流", "物流", "运输", "供应链管理", "快递服务"))
    return _Name(f"{_company_place(rng, loc)}{_core(rng, loc)}{business}有限公司", "91")


def _hotel_name(rng: random.Random, loc: Locality) -> _Name:
    place = _company_place(rng, loc)
    core = _core(rng, loc)
    if rng.random() < 0.4:
        return _Name(f"{place}{core}餐饮管理有限公司", "91", "food")
    return _Name(f"{place}{core}{rng.choice(('大酒店', '酒店管理', '宾馆'))}有限公司", "91", "hotel")


def _bank_name(rng: random.Random, loc: Locality) -> _Name:
    if loc.is_city_own_level:
        if rng.random() < 0.5:
            return _Name(f"{_city_short(loc)}农村商业银行股份有限公司", "91", "bank")
        business = rng.choice(("融资担保", "小额贷款", "保险代理"))
        return _Name(f"山西{_core(rng, loc)}{business}有限公司", "91")
    if _is_district(loc):
        branch = loc.name if len(loc.name) == 2 else _short(loc)
        return _Name(f"{_city_short(loc)}农村商业银行股份有限公司{branch}支行", "91", "bank")
    if rng.random() < 0.75:
        return _Name(f"山西{_short(loc)}农村商业银行股份有限公司", "91", "bank")
    return _Name(f"{loc.name}{_core(rng, loc)}村镇银行股份有限公司", "91", "bank")


def _business_name(rng: random.Random, loc: Locality) -> _Name:
    core = _core(rng, loc)
    tag = rng.choice(("audit", "tax", "hr", "consult"))
    if tag == "audit":
        return _Name(f"山西{core}会计师事务所有限公司", "91", tag)
    if tag == "tax":
        return _Name(f"{_company_place(rng, loc)}{core}{rng.choice(('税务师事务所', '财务咨询'))}有限公司", "91", tag)
    if tag == "hr":
        return _Name(f"{_company_place(rng, loc)}{core}人力资源服务有限公司", "91", tag)
    return _Name(f"山西{core}企业管理咨询有限公司", "91", tag)


def _research_name(rng: random.Random, loc: Locality) -> _Name:
    core = _core(rng, loc)
    tag = rng.choice(("lab", "lab", "rnd", "design", "survey"))
    business = {
        "lab": rng.choice(("检验检测", "环境检测技术", "质量检测")),
        "rnd": rng.choice(("新材料研究院", "煤基新材料研究院", "化工研究院")),
        "design": rng.choice(("工程设计", "城乡规划设计")),
        "survey": "测绘地理信息",
    }[tag]
    return _Name(f"山西{core}{business}有限公司", "91", tag)


def _environment_name(rng: random.Random, loc: Locality) -> _Name:
    choice = rng.randrange(4)
    if choice == 0:
        return _Name(f"{_company_place(rng, loc)}{_core(rng, loc)}环保科技有限公司", "91", "env")
    if choice == 1:
        return _Name(f"{_official(loc)}园林绿化服务中心", "12", "green")
    if choice == 2:
        return _Name(f"{_official(loc)}水利事业发展中心", "12", "water")
    return _Name(f"{_official(loc)}生态环境监测站", "12", "env")


def _property_name(rng: random.Random, loc: Locality) -> _Name:
    place = _company_place(rng, loc)
    core = _core(rng, loc)
    if rng.random() < 0.55:
        return _Name(f"{place}{core}物业服务有限公司", "91", "prop")
    return _Name(f"{place}{core}房地产开发有限公司", "91", "dev")


def _service_name(rng: random.Random, loc: Locality) -> _Name:
    place = _company_place(rng, loc)
    core = _core(rng, loc)
    if rng.random() < 0.6:
        return _Name(f"{place}{core}汽车服务有限公司", "91", "car")
    return _Name(f"{place}{core}家政服务有限公司", "91", "home")


def _school_name(rng: random.Random, loc: Locality) -> _Name:
    official = _official(loc)
    level = _urbanity(loc)
    choice = rng.randrange(4)
    if choice == 0:
        return _Name(f"{official}职业{rng.choice(('技术学校', '中学'))}", "12", "vocational")
    if level == 0:
        if choice == 1:
            return _Name(f"{official}第{_cn_number(rng.randint(1, 30))}中学校", "12", "school")
        return _Name(f"{official}{rng.choice(('实验中学', '实验小学', '外国语学校', '第一实验小学'))}", "12", "school")
    if _is_district(loc) and choice == 1:
        road = rng.choice(_CITY_ROADS[loc.city_code])
        return _Name(f"{official}{road}小学", "12", "school")
    if choice == 1:
        return _Name(f"{official}第{_cn_number(rng.randint(1, 4))}中学", "12", "school")
    return _Name(f"{official}{rng.choice(('实验小学', '第二实验小学', '实验中学', '中学'))}", "12", "school")


def _kindergarten_name(rng: random.Random, loc: Locality) -> _Name:
    if rng.random() < 0.35:
        return _Name(f"{_local_place(rng, loc)}{_core(rng, loc)}幼儿园", "52")
    if loc.is_city_own_level:
        return _Name(f"{loc.city_name}机关第{_cn_number(rng.randint(1, 6))}幼儿园", "12")
    return _Name(f"{_official(loc)}{rng.choice(('实验幼儿园', '第一幼儿园', '第二幼儿园'))}", "12")


def _training_name(rng: random.Random, loc: Locality) -> _Name:
    business = rng.choice(("职业培训学校", "职业技能培训学校", "培训学校"))
    return _Name(f"{_local_place(rng, loc)}{_core(rng, loc)}{business}", "52")


def _hospital_name(rng: random.Random, loc: Locality) -> _Name:
    official = _official(loc)
    if loc.is_city_own_level:
        name = rng.choice(
            (
                "人民医院",
                f"第{_cn_number(rng.randint(2, 5))}人民医院",
                "中心医院",
                "中医医院",
                "妇幼保健院",
                "眼科医院",
                "口腔医院",
            )
        )
        return _Name(official + name, "12", "big")
    choice = rng.randrange(5)
    if choice <= 1:
        return _Name(f"{official}人民医院", "12")
    if choice == 2:
        return _Name(f"{official}中医医院", "12")
    if choice == 3:
        return _Name(f"{official}妇幼保健计划生育服务中心", "12")
    if _is_district(loc):
        return _Name(f"{official}{rng.choice(_STREETS)}街道社区卫生服务中心", "12")
    return _Name(f"{official}{rng.choice(_TOWNS)}镇卫生院", "12")


def _care_name(rng: random.Random, loc: Locality) -> _Name:
    place = _local_place(rng, loc)
    core = _core(rng, loc)
    if rng.random() < 0.5:
        return _Name(f"{place}{core}{rng.choice(('养老服务中心', '康养服务中心'))}", "52", "elder")
    return _Name(f"{place}{core}社会工作服务中心", "52", "social")


def _community_name(rng: random.Random, loc: Locality) -> _Name:
    official = _official(loc)
    if loc.is_city_own_level:
        return _Name(
            f"{official}{rng.choice(('政务服务中心', '社会保险服务中心', '12345政务服务便民热线中心'))}",
            "12",
            "gov",
        )
    if _is_district(loc):
        return _Name(f"{official}{rng.choice(_STREETS)}街道社区服务中心", "12", "comm")
    if rng.random() < 0.6:
        return _Name(f"{official}{rng.choice(_TOWNS)}镇便民服务中心", "12", "comm")
    return _Name(f"{official}社会保险服务中心", "12", "gov")


def _tourism_name(rng: random.Random, loc: Locality) -> _Name:
    core = _core(rng, loc)
    attraction = _ATTRACTIONS.get(loc.code)
    if attraction and rng.random() < 0.6:
        return _Name(f"{_short(loc)}{attraction}文化旅游开发有限公司", "91", "travel")
    if rng.random() < 0.5:
        return _Name(f"{_company_place(rng, loc)}{core}文化旅游发展有限公司", "91", "travel")
    return _Name(f"{_company_place(rng, loc)}{core}{rng.choice(('文化传媒', '影视传媒'))}有限公司", "91", "media")


def _agriculture_name(rng: random.Random, loc: Locality) -> _Name:
    core = _core(rng, loc)
    if rng.random() < 0.65:
        crops = ("果蔬种植", "小杂粮种植", "食用菌种植", "中药材种植", "核桃种植", "红枣种植", "蔬菜种植")
        if rng.random() < 0.7:
            return _Name(f"{_official(loc)}{core}{rng.choice(crops)}专业合作社", "93", "crop")
        animals = ("肉牛养殖", "肉羊养殖", "生猪养殖", "蛋鸡养殖")
        return _Name(f"{_official(loc)}{core}{rng.choice(animals)}专业合作社", "93", "stock")
    if rng.random() < 0.7:
        business = rng.choice(("农业科技", "农业开发", "种业"))
        return _Name(f"{_company_place(rng, loc)}{core}{business}有限公司", "91", "crop")
    return _Name(f"{_company_place(rng, loc)}{core}牧业有限公司", "91", "stock")


_KINDS: Final = (
    _Kind("it", "I", (10, 5, 2, 1), _IT_ROLES, (ADMIN, HR, NEW_MEDIA), _it_name, "tower"),
    _Kind(
        "machinery",
        "C",
        (5, 4, 4, 3),
        _MACHINERY_ROLES,
        (ADMIN, ACCOUNTING, HR),
        _machinery_name,
        "industrial",
        boost=2,
    ),
    _Kind("food", "C", (1, 2, 3, 3), _FOOD_ROLES, (ACCOUNTING, NEW_MEDIA), _food_name, "industrial", boost=1),
    _Kind("coal", "B", (3, 0, 4, 5), _COAL_ROLES, (ADMIN, ACCOUNTING), _coal_name, "rural", boost=2),
    _Kind("utility", "D", (2, 2, 2, 2), _UTILITY_ROLES, (ADMIN, ACCOUNTING), _utility_name, "office"),
    _Kind("construction", "E", (3, 3, 3, 2), _CONSTRUCTION_ROLES, (ACCOUNTING,), _construction_name, "office", boost=1),
    _Kind("retail", "F", (4, 5, 5, 4), _RETAIL_ROLES, (ACCOUNTING, NEW_MEDIA), _retail_name, "office", boost=1),
    _Kind("logistics", "G", (3, 3, 3, 2), _LOGISTICS_ROLES, (ADMIN,), _logistics_name, "industrial", boost=1),
    _Kind("hotel", "H", (2, 3, 3, 2), _HOTEL_ROLES, (NEW_MEDIA,), _hotel_name, "office", boost=1),
    _Kind("bank", "J", (3, 2, 3, 3), _BANK_ROLES, (ADMIN,), _bank_name, "office"),
    _Kind("business", "L", (4, 4, 2, 1), _BUSINESS_ROLES, (ADMIN,), _business_name, "tower"),
    _Kind("research", "M", (3, 2, 1, 1), _RESEARCH_ROLES, (ADMIN,), _research_name, "office"),
    _Kind("environment", "N", (2, 2, 2, 2), _ENVIRONMENT_ROLES, (ADMIN,), _environment_name, "office", formal=True),
    _Kind("property", "K", (2, 3, 2, 1), _PROPERTY_ROLES, (ACCOUNTING, NEW_MEDIA), _property_name, "office"),
    _Kind("services", "O", (1, 2, 2, 2), _SERVICE_ROLES, (), _service_name, "office"),
    _Kind("school", "P", (3, 3, 4, 4), _SCHOOL_ROLES, (ADMIN,), _school_name, "office", formal=True),
    _Kind("kindergarten", "P", (1, 2, 2, 2), _KINDERGARTEN_ROLES, (), _kindergarten_name, "office", formal=True),
    _Kind("training", "P", (2, 2, 1, 1), _TRAINING_ROLES, (NEW_MEDIA,), _training_name, "tower"),
    _Kind("hospital", "Q", (4, 3, 4, 4), _HOSPITAL_ROLES, (ADMIN,), _hospital_name, "office", formal=True, boost=2),
    _Kind("care", "Q", (2, 2, 1, 1), _CARE_ROLES, (ADMIN,), _care_name, "office", boost=1),
    _Kind("community", "S", (1, 4, 2, 2), _COMMUNITY_ROLES, (ADMIN,), _community_name, "office", formal=True),
    _Kind("tourism", "R", (3, 2, 3, 3), _TOURISM_ROLES, (ACCOUNTING,), _tourism_name, "office"),
    _Kind("agriculture", "A", (0, 1, 4, 7), _AGRICULTURE_ROLES, (ACCOUNTING,), _agriculture_name, "rural"),
)
_KIND_BY_KEY: Final = {kind.key: kind for kind in _KINDS}

# ------------------------------------------------------------------------------------------ credit codes

_CREDIT_ALPHABET: Final = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_ORG_WEIGHTS: Final = (3, 7, 9, 10, 5, 8, 4, 2)


def _org_check_char(body: str) -> str:
    """GB 11714 check character of an 8-character organisation code body."""
    total = sum(int(c, 36) * w for c, w in zip(body, _ORG_WEIGHTS, strict=True))
    value = 11 - total % 11
    return "X" if value == 10 else "0" if value == 11 else str(value)


def _credit_code(rng: random.Random, org_type: str, region: str) -> str:
    if org_type == "12":  # public institutions: 事业单位 organisation codes start 40
        body = "40" + "".join(rng.choice("0123456789") for _ in range(6))
    elif org_type == "52":  # private non-enterprise units registered since 2016: MJ…
        body = "MJ" + "".join(rng.choice(_CREDIT_ALPHABET) for _ in range(6))
    elif rng.random() < 0.7:  # enterprises and cooperatives registered since 2015: MA…
        body = "MA0" + "".join(rng.choice(_CREDIT_ALPHABET) for _ in range(5))
    else:  # an older enterprise whose code came from its organisation code
        body = rng.choice("1234567") + "".join(rng.choice("0123456789") for _ in range(7))
    first17 = f"{org_type}{region}{body}{_org_check_char(body)}"
    return first17 + credit_check_char(first17)


# ------------------------------------------------------------------------------------------- allocation

# Localities of the demo trainees, with the least number of positions each gets (count permitting).
_FOCUS_MINIMUM: Final = {"140105": 4, "140213": 3, "140802": 3}
_SOFTWARE_CITIES: Final = ("140100", "140200", "140400", "140700", "140800", "141000")
_ACCOUNTING_CITIES: Final = ("140100", "140500", "140800", "141100")
_HOSPITAL_CITIES: Final = ("140600", "140900", "141000")


def _largest_remainder(total: int, weights: list[int]) -> list[int]:
    whole = sum(weights)
    exact = [total * w / whole for w in weights]
    shares = [int(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - shares[i]), i))
    for i in order[: total - sum(shares)]:
        shares[i] += 1
    return shares


def _city_counts(count: int, cities: tuple[City, ...]) -> list[int]:
    weights = [_CITY_WEIGHTS[c.code] for c in cities]
    floor = _MIN_PER_CITY * len(cities)
    if count < floor:
        return _largest_remainder(count, weights)
    return [_MIN_PER_CITY + extra for extra in _largest_remainder(count - floor, weights)]


def _city_slots(rng: random.Random, city: City, k: int) -> list[Locality]:
    if k == 0:
        return []
    own, counties = city.localities[0], list(city.localities[1:])
    n_own = min(k, max(1, round(k * _CITY_OWN_SHARE)))
    left = k - n_own
    per_county = dict.fromkeys((c.code for c in counties), 0)
    for county in counties:
        extra = min(left, _FOCUS_MINIMUM.get(county.code, 0))
        per_county[county.code] += extra
        left -= extra
    order = counties[:]
    rng.shuffle(order)
    for county in order:
        if left and per_county[county.code] == 0:
            per_county[county.code] = 1
            left -= 1
    weights = [1 if _urbanity(c) == 3 else 3 for c in counties]
    for county in rng.choices(counties, weights=weights, k=left):
        per_county[county.code] += 1
    slots = [own] * n_own
    for county in counties:
        slots += [county] * per_county[county.code]
    return slots


# -------------------------------------------------------------------------------------------- positions


@dataclass
class _Employer:
    name: str
    credit_code: str
    kind: _Kind
    tag: str
    locality: Locality
    titles: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Forced:
    kind: str
    title: str
    employer_contains: str = ""
    major: str = ""


class _Generator:
    def __init__(self, rng: random.Random, today: date) -> None:
        self.rng = rng
        self.today = today
        self.employers: dict[str, _Employer] = {}
        self.codes: set[str] = set()
        self.by_locality: dict[str, list[_Employer]] = {}

    # ----------------------------------------------------------------------------------------- employers

    def _new_employer(self, kind: _Kind, loc: Locality, contains: str = "") -> _Employer:
        for _ in range(200):
            made = kind.make_name(self.rng, loc)
            if contains and contains not in made.name:
                continue
            known = self.employers.get(made.name)
            if known is not None:
                if known.locality == loc and known.kind == kind:
                    return known
                continue
            code = _credit_code(self.rng, made.org_type, loc.code)
            while code in self.codes:
                code = _credit_code(self.rng, made.org_type, loc.code)
            employer = _Employer(made.name, code, kind, made.tag, loc)
            self.employers[made.name] = employer
            self.codes.add(code)
            self.by_locality.setdefault(loc.code, []).append(employer)
            return employer
        raise RuntimeError(f"no fresh {kind.key} employer name for {loc.full_name}")

    def _pick_kind(self, loc: Locality) -> _Kind:
        level = _urbanity(loc)
        return self.rng.choices(_KINDS, weights=[kind.weights[level] for kind in _KINDS])[0]

    def _pick_role(self, employer: _Employer) -> _Role:
        fitting = [r for r in employer.kind.roles if not r.tags or employer.tag in r.tags]
        pool = [(r, 4) for r in fitting] + [(r, 1) for r in employer.kind.extras if r not in fitting]
        fresh = [(r, w) for r, w in pool if r.title not in employer.titles] or pool
        return self.rng.choices([r for r, _ in fresh], weights=[w for _, w in fresh])[0]

    # ----------------------------------------------------------------------------------------- positions

    def position(self, loc: Locality, forced: _Forced | None = None) -> dict[str, Any]:
        rng = self.rng
        if forced is not None:
            kind = _KIND_BY_KEY[forced.kind]
            employer = self._new_employer(kind, loc, forced.employer_contains)
            role = next(r for r in (*kind.roles, *kind.extras) if r.title == forced.title)
        else:
            neighbours = [e for e in self.by_locality.get(loc.code, []) if len(e.titles) < 3]
            if neighbours and rng.random() < 0.2:
                employer = rng.choice(neighbours)
            else:
                employer = self._new_employer(self._pick_kind(loc), loc)
            role = self._pick_role(employer)
        employer.titles.append(role.title)

        education = rng.choice(role.education)
        majors = self._majors(role, education)
        if forced is not None and forced.major:
            education = "bachelor"
            majors = [forced.major, *(m for m in majors if m != forced.major)][:4]
        stipend = self._stipend(loc, employer.kind.industry, education)
        duration = rng.choices((3, 4, 5, 6, 8, 9, 10, 12), weights=(8, 3, 3, 35, 5, 8, 3, 20))[0]
        headcount = rng.choices((1, 2, 3, 4, 5, 6, 8), weights=(30, 28, 18, 8, 7, 4, 3))[0]
        headcount = min(10, headcount + rng.randint(0, employer.kind.boost))
        return {
            "title": role.title,
            "employer_name": employer.name,
            "employer_credit_code": employer.credit_code,
            "industry": employer.kind.industry,
            "county_code": loc.code,
            "address": self._address(loc, employer.kind.address_style),
            "headcount": headcount,
            "education": education,
            "majors": majors,
            "description": self._description(role, stipend, duration, loc),
            "stipend_yuan_per_month": stipend,
            "duration_months": duration,
            "deadline": (self.today + timedelta(days=rng.randint(7, 120))).isoformat(),
            "contact_name": self._contact_name(employer.kind.formal),
            "contact_phone": self._mobile(),
        }

    def _majors(self, role: _Role, education: str) -> list[str]:
        rng = self.rng
        vocational = education in ("secondary_vocational", "junior_college")
        pool = list(role.vocational_majors if vocational and role.vocational_majors else role.majors)
        if education == "any" or not pool:
            return []
        if education == "secondary_vocational":
            pool = list(role.vocational_majors)
            n = rng.randint(0, min(2, len(pool)))
        else:
            n = rng.randint(1, min(4, len(pool)))
        return rng.sample(pool, n)

    def _stipend(self, loc: Locality, industry: str, education: str) -> int:
        if loc.city_code == "140100" and _urbanity(loc) < 2:
            base = 2000
        elif _urbanity(loc) < 3:
            base = 1900
        else:
            base = 1800
        jitter = self.rng.choice((0, 0, 100, 200, 300))
        total = base + _EDUCATION_PREMIUM[education] + _INDUSTRY_PREMIUM.get(industry, 0) + jitter
        return min(_MAX_STIPEND, total)

    def _address(self, loc: Locality, style: str) -> str:
        rng = self.rng
        site = loc
        if loc.is_city_own_level:
            city = shanxi().city(loc.city_code)
            assert city is not None
            site = rng.choice([c for c in city.localities if _is_district(c)])
        prefix = f"{site.city_name}{site.name}"
        urban = _is_district(site)
        if style == "rural" and not loc.is_city_own_level:
            return f"{prefix}{rng.choice(_TOWNS)}镇{rng.choice(_VILLAGES)}"
        number = rng.randint(1, 399)
        if style == "industrial":
            zones = (*_INDUSTRIAL_ZONES, "经济技术开发区", "高新技术产业开发区") if urban else _INDUSTRIAL_ZONES
            return f"{prefix}{rng.choice(zones)}{rng.choice(_INDUSTRIAL_ROADS)}{number}号"
        road = rng.choice(_CITY_ROADS[site.city_code] if urban else _COUNTY_ROADS)
        if style == "tower" and urban:
            return f"{prefix}{road}{number}号{rng.choice(_BUILDINGS)}{rng.randint(2, 28)}层"
        return f"{prefix}{road}{number}号"

    def _description(self, role: _Role, stipend: int, months: int, loc: Locality) -> str:
        rng = self.rng
        duties = rng.sample(role.duties, rng.randint(1, len(role.duties)))
        benefit = rng.choice(
            (
                f"见习期{months}个月，每月发放见习补贴{stipend}元，并为见习人员购买人身意外伤害保险。",
                f"单位安排专职导师带教，见习期间每月发放生活补助{stipend}元，提供工作餐。",
                f"见习期间享受每月{stipend}元见习补贴和人身意外伤害保险，由业务骨干一对一带教。",
                f"我们为见习人员配备带教导师，按月足额发放见习补贴{stipend}元，并提供免费住宿。",
            )
        )
        sentences = [*duties, benefit]
        if len(sentences) < 4 and rng.random() < 0.6:
            closings = [
                "见习期满考核合格者可优先录用。",
                "表现优秀者见习期满后可签订劳动合同。",
                "见习结束后出具见习鉴定，可作为求职工作经历证明。",
                "见习期间参加单位组织的岗前培训和专业技能培训。",
            ]
            if _urbanity(loc) == 3:
                closings.append("欢迎有志于扎根基层的高校毕业生报名。")
            sentences.append(rng.choice(closings))
        return "".join(sentences)

    def _contact_name(self, formal: bool) -> str:
        rng = self.rng
        surname = rng.choice(_SURNAMES)
        draw = rng.random()
        if formal:
            return surname + "老师" if draw < 0.6 else surname + rng.choice(_GIVEN_NAMES)
        if draw < 0.35:
            return surname + "女士"
        if draw < 0.7:
            return surname + "先生"
        return surname + rng.choice(_GIVEN_NAMES)

    def _mobile(self) -> str:
        return f"{self.rng.choice(_MOBILE_PREFIXES)}{self.rng.randrange(10**8):08d}"


def _forced_slots(slots: list[Locality]) -> dict[int, _Forced]:
    """The positions that carry the keyword guarantees of the module docstring, by slot index."""
    forced: dict[int, _Forced] = {}

    def first(city: str, accept: Callable[[Locality], bool]) -> int | None:
        return next(
            (i for i, loc in enumerate(slots) if loc.city_code == city and i not in forced and accept(loc)),
            None,
        )

    for n, city in enumerate(_SOFTWARE_CITIES):
        i = first(city, lambda loc: loc.is_city_own_level)
        if i is not None:
            forced[i] = _Forced("it", (SOFTWARE_DEVELOPER if n % 2 == 0 else SOFTWARE_TESTER).title)
    for n, city in enumerate(_ACCOUNTING_CITIES):
        i = first(city, lambda loc: True)
        if i is not None:
            forced[i] = _Forced("business" if n % 2 == 0 else "bank", ACCOUNTING.title, major="会计学")
    for city in _HOSPITAL_CITIES:
        i = first(city, lambda loc: _urbanity(loc) == 3)
        if i is not None:
            forced[i] = _Forced("hospital", NURSING.title, employer_contains="人民医院")
    return forced


def demo_positions(count: int = 240, *, seed: int = 2026, today: date) -> list[dict[str, Any]]:
    """`count` internship positions as a staff member would post them (see the module docstring)."""
    if count < 0:
        raise ValueError("count must not be negative")
    rng = random.Random(seed)
    cities = shanxi().cities
    slots: list[Locality] = []
    for city, k in zip(cities, _city_counts(count, cities), strict=True):
        slots += _city_slots(rng, city, k)
    generator = _Generator(rng, today)
    forced = _forced_slots(slots)
    made: dict[int, dict[str, Any]] = {i: generator.position(slots[i], spec) for i, spec in sorted(forced.items())}
    for i, loc in enumerate(slots):
        if i not in made:
            made[i] = generator.position(loc)
    positions = [made[i] for i in range(len(slots))]
    rng.shuffle(positions)
    return positions


# --------------------------------------------------------------------------------------------- people


def _id_number(region: str, birth: date, sequence: str) -> str:
    first17 = f"{region}{birth:%Y%m%d}{sequence}"
    return first17 + id_check_char(first17)


def demo_trainees() -> list[dict[str, str]]:
    """The people of the local walk-through: four applicants, then three staff members.

    Applicants carry `sub`, `name`, `id_number` (GB 11643, check digit computed), `phone`, `locality` (their
    业务办理属地, a county-level code with demo positions in it) and `role` ("applicant"):

    - 王晓雨, born 2004-04-12 in 小店区, a 2026 graduate (22 in November 2026), locality 140105 小店区;
    - 李浩然, born 2005-09-03, an unemployed youth (21 in November 2026), locality 140213 平城区;
      his ID number starts 140202, the code of 大同市城区 before the 2018 redistricting, which people
      born there still carry;
    - 张雅琪, born 2003-06-21 in 榆次区, a 2025 graduate (23 in November 2026), locality 140700 晋中市市本级;
      her ID number ends in X;
    - 赵子轩, born 2007-02-15 in 盐湖区, an unemployed youth (19 in November 2026), locality 140802 盐湖区.

    Staff carry `sub`, `name`, `roles` (comma-separated, as `scripts/devtoken.py --roles` takes
    them) and `region`: a reviewer for 太原市 (140100: the city's 市本级 and all its counties), a
    position_manager for 小店区 (140105) and a province-wide reviewer (140000).
    """
    applicants = [
        ("demo-graduate-2026", "王晓雨", "140105", date(2004, 4, 12), "026", "13935112046", "140105"),
        ("demo-unemployed-youth", "李浩然", "140202", date(2005, 9, 3), "015", "15234276531", "140213"),
        ("demo-graduate-2025", "张雅琪", "140702", date(2003, 6, 21), "078", "18835407718", "140700"),
        ("demo-youth-yuncheng", "赵子轩", "140802", date(2007, 2, 15), "031", "13753980264", "140802"),
    ]
    people = [
        {
            "sub": sub,
            "name": name,
            "id_number": _id_number(region, birth, sequence),
            "phone": phone,
            "locality": locality,
            "role": "applicant",
        }
        for sub, name, region, birth, sequence, phone, locality in applicants
    ]
    staff = [
        {"sub": "demo-reviewer-taiyuan", "name": "郭建平", "roles": "reviewer", "region": "140100"},
        {
            "sub": "demo-position-manager-xiaodian",
            "name": "刘晓燕",
            "roles": "position_manager",
            "region": "140105",
        },
        {"sub": "demo-reviewer-province", "name": "赵文斌", "roles": "reviewer", "region": "140000"},
    ]
    return people + staff
