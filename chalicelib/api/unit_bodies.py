"""The request bodies of the unit routes (issue 19), declared as chalicelib/api/bodies.py declares the others."""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from msgspec import Meta, Struct

from chalicelib.api.bodies import PositionWrite, coded, limited_text, patterned
from chalicelib.domain.identity import MOBILE_PATTERN
from chalicelib.domain.units import MAX_INSURED_STAFF, MAX_RECOGNITION_ATTACHMENTS, RECOGNITION_TEXT_LIMITS

_LIMITS = RECOGNITION_TEXT_LIMITS


class RecognitionRequest(Struct, forbid_unknown_fields=True, kw_only=True):
    """见习单位认定申请. Unknown fields are 400; every rule failure is reported at once as 422 `VALIDATION_FAILED`
    with one `details` entry per problem."""

    org_name: Annotated[str, limited_text(_LIMITS["org_name"], "单位名称.")]
    county_code: Annotated[
        str,
        coded(
            "LocalityCode",
            "业务办理属地: a county code, or a city code for its 市本级 (422 `INVALID_REGION`). The unit's positions "
            "lie in this city; reviewers of this region decide.",
            16,
        ),
    ]
    address: Annotated[str, limited_text(_LIMITS["address"], "单位地址.")]
    industry: Annotated[str, coded("Industry", "所属行业, a GB/T 4754 section letter (422 `UNKNOWN_VALUE`).", 8)]
    insured_staff: Annotated[
        int, Meta(ge=1, le=MAX_INSURED_STAFF, description="参保职工人数 (422 `OUT_OF_RANGE`): the quota is 30% of it.")
    ]
    contact_name: Annotated[str, limited_text(_LIMITS["contact_name"], "联系人.")]
    contact_phone: Annotated[
        str, patterned(MOBILE_PATTERN, "联系电话: a mobile; decisions are texted to it (422 `INVALID_PHONE`).", 32)
    ]
    description: Annotated[str, limited_text(_LIMITS["description"], "单位简介及见习安排.")]
    attachments: Annotated[
        list[str],
        Meta(
            min_length=1,
            max_length=MAX_RECOGNITION_ATTACHMENTS,
            description=f"Attachment ids, 1–{MAX_RECOGNITION_ATTACHMENTS}, no duplicates: the unit's own confirmed "
            "uploads, not used by another live application, among them a `business_licence` (营业执照). `details` "
            "codes on `attachments`: `REQUIRED`, `TOO_MANY`, `DUPLICATE`, `NOT_FOUND`, `NOT_UPLOADED`, "
            "`ATTACHMENT_IN_USE`, `MISSING_BUSINESS_LICENCE`.",
            extra_json_schema={"uniqueItems": True},
        ),
    ]


def _without_employer() -> Any:
    """The staff position body less `employer_name` and `employer_credit_code`, which come from the unit."""
    kept = [
        (f.name, f.type) if f.required else (f.name, f.type, f.default)
        for f in msgspec.structs.fields(PositionWrite)
        if f.name not in ("employer_name", "employer_credit_code")
    ]
    body: Any = msgspec.defstruct("UnitPositionWrite", kept, kw_only=True, forbid_unknown_fields=True)
    body.__doc__ = (
        "A unit's new position: the fields of `PositionWrite` but `employer_name` and `employer_credit_code`, "
        "which are the unit's. `county_code` must lie in the unit's city (422 `OUTSIDE_CITY`). It starts "
        "`pending_review`."
    )
    body.partial_component = "UnitPositionPatch"
    body.partial_description = (
        "Any of the fields to change; absent or `null` fields are left as they are. Changing `title`, "
        "`description`, `stipend_yuan_per_month`, `majors` or `education` of an open position sends it back to "
        "review (`pending_review`: it leaves search until approved again)."
    )
    return body


UnitPositionWrite: Any = _without_employer()
