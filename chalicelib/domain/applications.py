"""The trainee application (就业见习人员申请): the form's rules and the state machine.

Pure rules: no I/O. The caller passes the signed-in person and the moment of submission.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, Final

from msgspec import Struct

from chalicelib.domain.identity import IdNumberError, age_on, is_mobile_phone, parse_id_number
from chalicelib.domain.principal import Principal
from chalicelib.domain.regions import shanxi
from chalicelib.domain.vocabulary import (
    APPLICANT_EDUCATION,
    PERSON_CATEGORY_LABELS,
    REQUIRED_KIND_BY_CATEGORY,
)
from chalicelib.errors import FieldProblem

MAX_ATTACHMENTS = 10
GRADUATE_WINDOW_MONTHS = 24
YOUTH_AGE_RANGE = (16, 24)
TEXT_LIMITS: Final = {"name": 50, "school": 100, "major": 100, "address": 200}


class AttachmentFacts(Struct, frozen=True):
    """What the rules need to know about one attachment the form names."""

    attachment_id: str
    owned: bool
    uploaded: bool
    kind: str
    in_use_elsewhere: bool


def add_months(day: date, months: int) -> date:
    """The same day `months` later; a day the month lacks becomes its last day (02-29 -> 02-28)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def check_form(form: Mapping[str, Any], principal: Principal, today: date) -> list[FieldProblem]:
    """Every field rule of API.md's application form, each as a field problem with a Chinese message."""
    problems: list[FieldProblem] = []

    def bad(field: str, code: str, message: str) -> None:
        problems.append(FieldProblem(field, code, message))

    for field, limit in TEXT_LIMITS.items():
        if len(form.get(field, "")) > limit:
            bad(field, "TOO_LONG", f"不能超过{limit}个字")

    birth: date | None = None
    id_number = form["id_number"].upper()
    try:
        birth, _ = parse_id_number(id_number)
    except IdNumberError as error:
        bad("id_number", error.code, error.message)
    else:
        if birth > today:
            bad("id_number", "INVALID_BIRTH_DATE", "公民身份号码中的出生日期无效")
            birth = None
        elif id_number != principal.id_number:
            bad("id_number", "NOT_YOURS", "公民身份号码与登录账号的实名信息不一致")
    if form["name"] != principal.name:
        bad("name", "NOT_YOURS", "姓名与登录账号的实名信息不一致")
    if not is_mobile_phone(form["phone"]):
        bad("phone", "INVALID_PHONE", "请填写11位手机号码")
    if form["education"] not in APPLICANT_EDUCATION:
        bad("education", "UNKNOWN_VALUE", "学历不在可选范围内")
    if shanxi().locality(form["locality"]) is None:
        bad("locality", "INVALID_REGION", "业务办理属地应为山西省的县（市、区）或市本级")

    category = form["person_category"]
    if category not in PERSON_CATEGORY_LABELS:
        bad("person_category", "UNKNOWN_VALUE", "人员类别不在可选范围内")
    elif category == "graduate_within_2_years":
        missing = [f for f in ("school", "major", "graduation_date") if not form.get(f)]
        for field in missing:
            bad(field, "REQUIRED", "高校毕业生请填写毕业院校、所学专业和毕业时间")
        graduated: date | None = form.get("graduation_date")
        if graduated is None:
            pass
        elif graduated > today:
            bad("graduation_date", "IN_THE_FUTURE", "毕业时间不能晚于申请日期")
        elif today > add_months(graduated, GRADUATE_WINDOW_MONTHS):
            bad("graduation_date", "NOT_ELIGIBLE", "离校已超过2年，不属于离校2年内未就业高校毕业生")
    elif birth is not None:
        low, high = YOUTH_AGE_RANGE
        if not low <= age_on(birth, today) <= high:
            bad("person_category", "NOT_ELIGIBLE", "申请之日年龄不在16至24周岁之间，不属于16-24岁失业青年")
    return problems


def check_attachments(
    requested: Sequence[str], facts: Mapping[str, AttachmentFacts], category: str
) -> list[FieldProblem]:
    problems = check_named_attachments(requested, facts, MAX_ATTACHMENTS)
    if not requested or len(requested) > MAX_ATTACHMENTS:
        return problems

    def bad(code: str, message: str) -> None:
        problems.append(FieldProblem("attachments", code, message))

    kinds = {f.kind for f in facts.values() if f.owned and f.uploaded}
    if "id_card" not in kinds:
        bad("MISSING_ID_CARD", "请上传身份证")
    required = REQUIRED_KIND_BY_CATEGORY.get(category)
    if required == "graduation_certificate" and required not in kinds:
        bad("MISSING_GRADUATION_CERTIFICATE", "离校2年内未就业高校毕业生请上传毕业证书")
    if required == "unemployment_registration" and required not in kinds:
        bad("MISSING_UNEMPLOYMENT_REGISTRATION", "16-24岁失业青年请上传失业登记证明")
    return problems


def check_named_attachments(
    requested: Sequence[str], facts: Mapping[str, AttachmentFacts], maximum: int
) -> list[FieldProblem]:
    """Each named attachment is the caller's own, uploaded and free; an application's and a unit's 认定申请's
    alike. Which kinds a form needs is the form's own rule."""
    problems: list[FieldProblem] = []

    def bad(code: str, message: str) -> None:
        problems.append(FieldProblem("attachments", code, message))

    if not requested:
        bad("REQUIRED", "请上传附件")
        return problems
    if len(requested) > maximum:
        bad("TOO_MANY", f"附件最多{maximum}个")
        return problems
    if len(set(requested)) != len(requested):
        bad("DUPLICATE", "同一附件不能重复提交")
    for attachment_id in requested:
        fact = facts.get(attachment_id)
        if fact is None or not fact.owned:
            bad("NOT_FOUND", f"附件{attachment_id[:64]}不存在")
        elif not fact.uploaded:
            bad("NOT_UPLOADED", f"附件{attachment_id}尚未上传完成")
        elif fact.in_use_elsewhere:
            bad("ATTACHMENT_IN_USE", f"附件{attachment_id}已被其他有效申请使用")
    return problems
