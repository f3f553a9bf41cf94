"""Units (见习单位) and their recognition (见习单位认定): the statuses, and the quota of positions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from msgspec import Struct

from chalicelib.domain.applications import AttachmentFacts, check_named_attachments
from chalicelib.domain.identity import is_mobile_phone
from chalicelib.domain.regions import shanxi
from chalicelib.domain.vocabulary import INDUSTRY_LABELS
from chalicelib.errors import FieldProblem

# GET /v1/unit: `unregistered` when the unit has never applied (no stored item).
UNIT_STATUS_LABELS: Final = {
    "unregistered": "未申请",
    "pending": "未审核",
    "recognised": "已认定",
    "rejected": "审核不通过",
    "revoked": "已撤销",
}
# One 认定申请 (办件): a withdrawn one ends there; a recognised one may later be revoked.
RECOGNITION_STATUS_LABELS: Final = {
    "pending": "未审核",
    "recognised": "已认定",
    "rejected": "审核不通过",
    "withdrawn": "已撤回",
    "revoked": "已撤销",
}
UNREGISTERED: Final = "unregistered"
# Positions open and under review may hold at most this share of the unit's insured staff (参保职工人数), in
# headcount, and never less than one: the rule Shanxi's 就业见习 notices set (30%).
QUOTA_PERCENT: Final = 30
MAX_INSURED_STAFF: Final = 1_000_000


def position_quota(insured_staff: int, percent: int = QUOTA_PERCENT) -> int:
    """⌊insured_staff × percent / 100⌋, at least 1: a unit of 3 insured staff may still take one trainee."""
    return max(1, insured_staff * percent // 100)


class Hold(Struct, frozen=True):
    """Headcount a unit's position takes from (> 0) or gives back to (< 0) the unit's quota, written with it."""

    credit_code: str
    headcount: int


RECOGNITION_TEXT_LIMITS: Final = {"org_name": 100, "address": 200, "contact_name": 30, "description": 2000}
MAX_RECOGNITION_ATTACHMENTS: Final = 10


def check_recognition_form(fields: Mapping[str, Any]) -> list[FieldProblem]:
    """见习单位认定申请's rules on its fields (types were checked by the parser); every problem at once."""
    problems: list[FieldProblem] = []

    def bad(field: str, code: str, message: str) -> None:
        problems.append(FieldProblem(field, code, message))

    for field, limit in RECOGNITION_TEXT_LIMITS.items():
        text = (fields.get(field) or "").strip()
        if not text:
            bad(field, "REQUIRED", "不能为空")
        elif len(text) > limit:
            bad(field, "TOO_LONG", f"不能超过{limit}个字")
    if shanxi().locality(fields["county_code"]) is None:
        bad("county_code", "INVALID_REGION", "业务办理属地应为山西省的县（市、区）或市本级代码")
    if fields["industry"] not in INDUSTRY_LABELS:
        bad("industry", "UNKNOWN_VALUE", "行业代码不在国民经济行业分类门类之内")
    if not 1 <= fields["insured_staff"] <= MAX_INSURED_STAFF:
        bad("insured_staff", "OUT_OF_RANGE", f"参保职工人数应为1至{MAX_INSURED_STAFF}人")
    if not is_mobile_phone(fields["contact_phone"]):  # decisions are texted to it
        bad("contact_phone", "INVALID_PHONE", "联系电话应为11位手机号码")
    return problems


def check_licence(requested: Sequence[str], facts: Mapping[str, AttachmentFacts]) -> list[FieldProblem]:
    """The attachments: the unit's own, uploaded, free (as an application's), and among them a 营业执照."""
    problems = check_named_attachments(requested, facts, MAX_RECOGNITION_ATTACHMENTS)
    if not any(f.kind == "business_licence" and f.owned and f.uploaded for f in facts.values()):
        problems.append(FieldProblem("attachments", "MISSING_BUSINESS_LICENCE", "请上传营业执照"))
    return problems
