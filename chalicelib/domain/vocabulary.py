"""The fixed vocabularies of API.md, each value with the Chinese label people see."""

from __future__ import annotations

from typing import Final

STATUS_LABELS: Final = {
    "pending": "未审核",
    "approved": "审核通过",
    "rejected": "审核不通过",
    "withdrawn": "已撤回",
}

EDUCATION_LABELS: Final = {
    "secondary_vocational": "中职",
    "junior_college": "大专",
    "bachelor": "本科",
    "master": "硕士",
    "doctor": "博士",
    "any": "不限",
}
# An applicant states a real level; `any` is only a position's requirement.
APPLICANT_EDUCATION: Final = tuple(k for k in EDUCATION_LABELS if k != "any")

PERSON_CATEGORY_LABELS: Final = {
    "graduate_within_2_years": "离校2年内未就业高校毕业生",
    "unemployed_youth": "16-24岁失业青年",
}

GENDER_LABELS: Final = {"male": "男", "female": "女"}

ATTACHMENT_KIND_LABELS: Final = {
    "id_card": "身份证",
    "graduation_certificate": "毕业证书",
    "unemployment_registration": "失业登记证明",
    "other": "其他材料",
    "business_licence": "营业执照",  # a unit's 见习单位认定申请 (issue 19)
}

# The attachment kind each person category must bring besides an id_card.
REQUIRED_KIND_BY_CATEGORY: Final = {
    "graduate_within_2_years": "graduation_certificate",
    "unemployed_youth": "unemployment_registration",
}

# GB/T 4754-2017 门类 (industry sections); a position's `industry` is the letter.
INDUSTRY_LABELS: Final = {
    "A": "农、林、牧、渔业",
    "B": "采矿业",
    "C": "制造业",
    "D": "电力、热力、燃气及水生产和供应业",
    "E": "建筑业",
    "F": "批发和零售业",
    "G": "交通运输、仓储和邮政业",
    "H": "住宿和餐饮业",
    "I": "信息传输、软件和信息技术服务业",
    "J": "金融业",
    "K": "房地产业",
    "L": "租赁和商务服务业",
    "M": "科学研究和技术服务业",
    "N": "水利、环境和公共设施管理业",
    "O": "居民服务、修理和其他服务业",
    "P": "教育",
    "Q": "卫生和社会工作",
    "R": "文化、体育和娱乐业",
    "S": "公共管理、社会保障和社会组织",
    "T": "国际组织",
}
