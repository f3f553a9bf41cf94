"""Shared builders of test data: valid identifiers, a valid position body, a valid application form, headers, an
uploaded attachment, the view a printed form is rendered from.

One builder for each kind of test data: the unit, service, API, integration, e2e and browser tests and the bench
scripts import these rather than spelling a position or a form again. They live under scripts/ so that the bench
(a script) imports them without importing the test suite. Kept small and stable.
"""

from __future__ import annotations

import json
import uuid
from datetime import date, timedelta
from typing import Any

from chalicelib.adapters.models import Attachment
from chalicelib.domain.clock import china_date, utc_now
from chalicelib.domain.credit_code import check_character as credit_check_char
from chalicelib.domain.identity import id_check_char

EMPLOYER = "山西示例科技有限公司"


def id_number(birth: date | str = date(1990, 3, 7), *, area: str = "140105", serial: int = 123) -> str:
    """A valid 18-character resident ID number (GB 11643): area, birth date, 3-digit serial (odd = male), check
    character. `birth` may be its eight digits YYYYMMDD instead of a date, to name a day that does not exist."""
    born = birth if isinstance(birth, str) else f"{birth:%Y%m%d}"
    first17 = f"{area}{born}{serial % 1000:03d}"
    return first17 + id_check_char(first17)


def credit_code(serial: int = 1234) -> str:
    """A valid unified social credit code (GB 32100) of a company registered in 太原市; each serial its own."""
    first17 = f"91140100MA0K{serial % 10**5:05d}"
    return first17 + credit_check_char(first17)


def with_wrong_check_char(code: str) -> str:
    """An ID number or credit code with its first 17 characters kept and another check character."""
    return code[:17] + next(c for c in "0123456789X" if c != code[17])


def today() -> date:
    """Today in China Standard Time, as the app sees it."""
    return china_date(utc_now())


def position_body(**overrides: Any) -> dict[str, Any]:
    """Every writable field of a position, valid; in 小店区 (140105), Taiyuan, unless overridden."""
    body: dict[str, Any] = {
        "title": "行政助理见习岗",
        "employer_name": EMPLOYER,
        "employer_credit_code": credit_code(),
        "industry": "I",
        "county_code": "140105",
        "address": "太原市小店区长治路1号",
        "headcount": 3,
        "education": "bachelor",
        "majors": ["计算机科学与技术", "软件工程"],
        "description": "协助部门处理日常行政事务。",
        "stipend_yuan_per_month": 2000,
        "duration_months": 6,
        "deadline": (today() + timedelta(days=30)).isoformat(),
        "contact_name": "王老师",
        "contact_phone": "13812345678",
    }
    body.update(overrides)
    return body


def graduate_form(
    name: str, number: str, attachments: list[str], graduated: date | None = None, /, **changes: Any
) -> dict[str, Any]:
    """A recent graduate's valid application form as the client sends it; `graduated` defaults to about seven
    months before today."""
    when = graduated or today() - timedelta(days=200)
    form: dict[str, Any] = {
        "name": name,
        "id_number": number,
        "phone": "13812345678",
        "education": "bachelor",
        "school": "山西大学",
        "major": "计算机科学与技术",
        "graduation_date": when.isoformat(),
        "person_category": "graduate_within_2_years",
        "locality": "140105",
        "address": "太原市小店区坞城南路50号",
        "attachments": attachments,
    }
    form.update(changes)
    return form


def youth_form(name: str, number: str, attachments: list[str], /, **changes: Any) -> dict[str, Any]:
    """An unemployed youth's (16-24) valid application form as the client sends it."""
    form: dict[str, Any] = {
        "name": name,
        "id_number": number,
        "phone": "15912345678",
        "education": "secondary_vocational",
        "person_category": "unemployed_youth",
        "locality": "140105",
        "address": "太原市小店区坞城南路50号",
        "attachments": attachments,
    }
    form.update(changes)
    return form


def as_parsed(body: dict[str, Any]) -> dict[str, Any]:
    """A body as the API's parser hands it to the services and the domain rules: its dates are dates."""
    fields = dict(body)
    for name in ("deadline", "graduation_date"):
        if isinstance(fields.get(name), str):
            fields[name] = date.fromisoformat(fields[name])
    return fields


def auth(token: str) -> dict[str, str]:
    """The Authorization header for a bearer token."""
    return {"Authorization": f"Bearer {token}"}


def json_headers(token: str | None = None, **extra: str) -> dict[str, str]:
    """Headers for a JSON request body, signed in when a token is given."""
    headers = {"Content-Type": "application/json"}
    if token is not None:
        headers.update(auth(token))
    headers.update(extra)
    return headers


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def uploaded_attachment(owner: str, kind: str = "id_card") -> Attachment:
    """An attachment as a confirmed upload leaves it: the owner's, uploaded, not in use."""
    return Attachment(
        uuid.uuid4().hex,
        owner=owner,
        kind=kind,
        filename=f"{kind}.pdf",
        content_type="application/pdf",
        declared_size=1000,
        status="uploaded",
        size=1000,
        created_at="2026-11-26T10:00:00+08:00",
    )


MASKED_ID = "140105********123X"
# The view of an approved case a printed form is rendered from (tests/forms read it back; the bench times it).
PRINTED_FORM_VIEW: dict[str, Any] = {
    "application_id": "01JD2Z3K8Q4W5E6R7T8Y9U0I1O",
    "status": "approved",
    "status_label": "审核通过",
    "submitted_at": "2026-11-26T22:17:05+08:00",
    "month": "2026-11",
    "name": "张三",
    "id_number": MASKED_ID,
    "gender": "male",
    "gender_label": "男",
    "birth_date": "2003-05-17",
    "phone": "138****5678",
    "education": "bachelor",
    "education_label": "本科",
    "school": "山西大学",
    "major": "计算机科学与技术",
    "graduation_date": "2026-06-30",
    "person_category": "graduate_within_2_years",
    "person_category_label": "离校2年内未就业高校毕业生",
    "locality": "140105",
    "locality_name": "太原市小店区",
    "address": "太原市小店区坞城路92号",
    "attachments": [
        {
            "attachment_id": "01JD2Z3K8Q4W5E6R7T8Y9U0I1A",
            "kind": "id_card",
            "kind_label": "身份证",
            "filename": "身份证.pdf",
            "content_type": "application/pdf",
            "size": 123456,
        },
        {
            "attachment_id": "01JD2Z3K8Q4W5E6R7T8Y9U0I1B",
            "kind": "diploma",
            "kind_label": "毕业证书",
            "filename": "毕业证扫描件.jpg",
            "content_type": "image/jpeg",
            "size": 654321,
        },
    ],
    "history": [
        {
            "status": "pending",
            "status_label": "未审核",
            "at": "2026-11-26T22:17:05+08:00",
            "actor": "applicant",
            "comment": None,
        },
        {
            "status": "approved",
            "status_label": "审核通过",
            "at": "2026-11-27T01:01:00Z",
            "actor": "reviewer",
            "comment": "材料齐全",
        },
    ],
}


# ----------------------------------------------------------------------------------------------- units (issue 19)


def unit_claims(serial: int = 901, org_name: str = "山西晋阳科技有限公司", sub: str | None = None) -> dict[str, Any]:
    """A 法人登录 token's claims: the unit's credit code and name, and its agent."""
    return {
        "sub": sub or f"agent-{serial}",
        "name": "李明",
        "id_number": id_number(serial=serial % 1000),
        "credit_code": credit_code(serial),
        "org_name": org_name,
    }


def recognition_form(attachments: list[str], **changes: Any) -> dict[str, Any]:
    """见习单位认定申请 as a client sends it (and as the parser hands it over: no dates in it)."""
    return {
        "org_name": "山西晋阳科技有限公司",
        "county_code": "140105",
        "address": "太原市小店区长治路227号",
        "industry": "I",
        "insured_staff": 10,
        "contact_name": "李明",
        "contact_phone": "13912345678",
        "description": "软件开发企业，可提供开发、测试见习岗位，配备带教老师。",
        "attachments": attachments,
        **changes,
    }


def unit_position_body(**overrides: Any) -> dict[str, Any]:
    """A unit's position: the staff body without the employer's name and credit code."""
    body = position_body(**overrides)
    del body["employer_name"], body["employer_credit_code"]
    return body
