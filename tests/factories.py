"""Shared builders for tests: valid identifiers, a valid position body, request headers.

Kept small and stable: other test modules import these names.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from chalicelib.domain.clock import china_date, utc_now
from chalicelib.domain.identity import credit_check_char, id_check_char


def id_number(first17: str = "14010519900307123") -> str:
    """A valid 18-character resident ID number (GB 11643) from its first 17 digits."""
    return first17 + id_check_char(first17)


def credit_code(first17: str = "91140100MA0K1234P") -> str:
    """A valid unified social credit code (GB 32100) from its first 17 characters."""
    return first17 + credit_check_char(first17)


def today() -> date:
    """Today in China Standard Time, as the app sees it."""
    return china_date(utc_now())


def position_body(**overrides: Any) -> dict[str, Any]:
    """Every writable field of a position, valid; in 小店区 (140105), Taiyuan, unless overridden."""
    body: dict[str, Any] = {
        "title": "行政助理见习岗",
        "employer_name": "山西示例科技有限公司",
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
