"""The request bodies, each declared once: the parser checks a body against its spec (chalicelib.api.parsing)
and the OpenAPI document reads the same spec for the body's hard caps. Pure: no Chalice, no AWS."""

from __future__ import annotations

from typing import Final

from chalicelib.api.parsing import Field, Kind
from chalicelib.domain.positions import TEXT_LIMITS as POSITION_TEXT_LIMITS

COMMENT_MAX: Final = 500  # a reviewer's comment or reason

POSITION_FIELDS: Final = {
    "title": Field(Kind.TEXT),
    "employer_name": Field(Kind.TEXT),
    "employer_credit_code": Field(Kind.TEXT, max_length=64),
    "industry": Field(Kind.TEXT, max_length=8),
    "county_code": Field(Kind.TEXT, max_length=16),
    "address": Field(Kind.TEXT),
    "headcount": Field(Kind.INTEGER),
    "education": Field(Kind.TEXT, max_length=32),
    "majors": Field(Kind.TEXT_LIST, required=False),
    "description": Field(Kind.TEXT),
    "stipend_yuan_per_month": Field(Kind.INTEGER),
    "duration_months": Field(Kind.INTEGER),
    "deadline": Field(Kind.DATE),
    "contact_name": Field(Kind.TEXT),
    "contact_phone": Field(Kind.TEXT, max_length=32),
}
# Longer than any rule allows is malformed outright: it keeps oversized strings out of the rule checks.
for _name, _limit in POSITION_TEXT_LIMITS.items():
    POSITION_FIELDS[_name] = Field(Kind.TEXT, max_length=_limit * 4)

FORM_FIELDS: Final = {
    "name": Field(Kind.TEXT, max_length=200),
    "id_number": Field(Kind.TEXT, max_length=64),
    "phone": Field(Kind.TEXT, max_length=64),
    "education": Field(Kind.TEXT, max_length=64),
    "school": Field(Kind.TEXT, required=False, max_length=400),
    "major": Field(Kind.TEXT, required=False, max_length=400),
    "graduation_date": Field(Kind.DATE, required=False),
    "person_category": Field(Kind.TEXT, max_length=64),
    "locality": Field(Kind.TEXT, max_length=16),
    "address": Field(Kind.TEXT, max_length=800),
    "attachments": Field(Kind.TEXT_LIST),
}

UPLOAD_FIELDS: Final = {
    "kind": Field(Kind.TEXT, max_length=64),
    "filename": Field(Kind.TEXT, max_length=255),
    "content_type": Field(Kind.TEXT, max_length=128),
    "size": Field(Kind.INTEGER),
}

APPROVE_FIELDS: Final = {"comment": Field(Kind.TEXT, required=False, max_length=COMMENT_MAX)}
REJECT_FIELDS: Final = {"reason": Field(Kind.TEXT, max_length=COMMENT_MAX)}  # required: empty is 422 REQUIRED


def caps(spec: dict[str, Field]) -> dict[str, int]:
    """The hard cap of each string field: above it the body is 400 TOO_LONG (no valid value is that long)."""
    return {name: field.max_length for name, field in spec.items() if field.max_length is not None}
