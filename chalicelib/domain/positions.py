"""Internship positions: the rules for what staff write, and the search entries a position appears under."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any, Final

from chalicelib.domain.credit_code import is_valid_credit_code
from chalicelib.domain.identity import is_mobile_phone
from chalicelib.domain.regions import shanxi
from chalicelib.domain.vocabulary import EDUCATION_LABELS, INDUSTRY_LABELS
from chalicelib.errors import FieldProblem

# Employers often give a landline (0351-7731427) as the contact; people applying must give a mobile.
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}$")
CONTACT_PHONE_PATTERN: Final = "^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$"  # a mobile or that landline

# open and closed as staff publish; a unit's position waits in pending_review for the agency (issue 19), and a
# rejected one stays with the unit. Only an open one is listed, counted, indexed or shown to the public.
POSITION_STATUS_LABELS: Final = {
    "pending_review": "待审核",
    "open": "招聘中",
    "rejected": "审核不通过",
    "closed": "已停止",
}
PUBLIC_STATUSES: Final = frozenset({"open", "closed"})

TEXT_LIMITS: Final = {
    "title": 60,
    "employer_name": 100,
    "address": 200,
    "description": 5000,
    "contact_name": 30,
}
MAX_MAJORS = 10
MAX_MAJOR_LENGTH = 50
MAX_HEADCOUNT = 9999
MAX_STIPEND = 100_000
# Every writable field; the server sets position_id, city_*, county_name, status and the timestamps.
WRITABLE_FIELDS: Final = (
    "title",
    "employer_name",
    "employer_credit_code",
    "industry",
    "county_code",
    "address",
    "headcount",
    "education",
    "majors",
    "description",
    "stipend_yuan_per_month",
    "duration_months",
    "deadline",
    "contact_name",
    "contact_phone",
)


def check_position_fields(fields: Mapping[str, Any], *, today: date) -> list[FieldProblem]:
    """Business rules on writable fields (types were checked by the parser). Only the given fields are checked."""
    problems: list[FieldProblem] = []

    def bad(field: str, code: str, message: str) -> None:
        problems.append(FieldProblem(field, code, message))

    for field, limit in TEXT_LIMITS.items():
        if field in fields:
            text = fields[field].strip()
            if not text:
                bad(field, "REQUIRED", "不能为空")
            elif len(text) > limit:
                bad(field, "TOO_LONG", f"不能超过{limit}个字")
    if "employer_credit_code" in fields and not is_valid_credit_code(fields["employer_credit_code"]):
        bad("employer_credit_code", "INVALID_CREDIT_CODE", "统一社会信用代码应为18位且校验位正确")
    if "industry" in fields and fields["industry"] not in INDUSTRY_LABELS:
        bad("industry", "UNKNOWN_VALUE", "行业代码不在国民经济行业分类门类之内")
    if "county_code" in fields and shanxi().locality(fields["county_code"]) is None:
        bad("county_code", "INVALID_REGION", "业务办理属地应为山西省的县（市、区）或市本级代码")
    if "headcount" in fields and not 1 <= fields["headcount"] <= MAX_HEADCOUNT:
        bad("headcount", "OUT_OF_RANGE", f"招聘人数应为1至{MAX_HEADCOUNT}人")
    if "education" in fields and fields["education"] not in EDUCATION_LABELS:
        bad("education", "UNKNOWN_VALUE", "学历要求不在可选范围内")
    if "majors" in fields:
        majors = fields["majors"]
        if len(majors) > MAX_MAJORS:
            bad("majors", "TOO_MANY", f"专业要求最多{MAX_MAJORS}项")
        elif any(not m.strip() or len(m) > MAX_MAJOR_LENGTH for m in majors):
            bad("majors", "INVALID_ITEM", f"每项专业名称应为1至{MAX_MAJOR_LENGTH}个字")
    if "stipend_yuan_per_month" in fields and not 0 <= fields["stipend_yuan_per_month"] <= MAX_STIPEND:
        bad("stipend_yuan_per_month", "OUT_OF_RANGE", "见习补贴应为0至100000元/月")
    if "duration_months" in fields and not 3 <= fields["duration_months"] <= 12:
        bad("duration_months", "OUT_OF_RANGE", "见习期限应为3至12个月")
    if "deadline" in fields and fields["deadline"] < today:
        bad("deadline", "IN_THE_PAST", "截止日期不能早于今天")
    if "contact_phone" in fields:
        phone = fields["contact_phone"]
        if not (is_mobile_phone(phone) or _LANDLINE.match(phone)):
            bad("contact_phone", "INVALID_PHONE", "联系电话应为11位手机号码或带区号的固定电话")
    return problems


def is_public(status: str) -> bool:
    """Whether anyone may read the position: reviewed text only (open, or closed after it was open)."""
    return status in PUBLIC_STATUSES


def effective_status(status: str, deadline: str, today: date) -> str:
    """A position past its deadline is closed, whether or not the nightly sweep has caught up yet."""
    return "closed" if status == "open" and deadline < today.isoformat() else status
