"""The request bodies, each declared once as a msgspec `Struct`.

From each declaration come both the checks of chalicelib.api.parsing (field names, JSON types and hard caps are
400; presence and date syntax 422) and the body's OpenAPI component (chalicelib/openapi_bodies.py). A field's
`Meta` holds what the document says of it; `extra={"cap": n}` is the parser's hard cap of a string: longer is
400 TOO_LONG, because no valid value is that long (it keeps oversized strings out of the business rules, which
chalicelib.domain checks as 422). Pure: msgspec and the domain, no Chalice, no AWS.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any, ClassVar, Final

from msgspec import Meta, Struct, field

from chalicelib.domain import applications as application_rules
from chalicelib.domain import positions as position_rules
from chalicelib.domain.attachments import MAX_BYTES, MAX_FILENAME
from chalicelib.domain.credit_code import CREDIT_CODE_PATTERN
from chalicelib.domain.identity import MOBILE_PATTERN
from chalicelib.domain.positions import CONTACT_PHONE_PATTERN

COMMENT_MAX: Final = 500  # a reviewer's comment or reason
CAP_FACTOR: Final = 4  # a text with a business limit is malformed beyond four times that limit


def ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{name}"}


def limited_text(limit: int, description: str, *, minimum: int = 1) -> Meta:
    """A string with a business limit (422 above it, from chalicelib.domain) and a hard cap (400 above it)."""
    cap = limit * CAP_FACTOR
    return Meta(
        min_length=minimum,
        max_length=limit,
        description=f"{description} Trimmed; {minimum}–{limit} characters (422 `TOO_LONG` above {limit}; "
        f"400 `MALFORMED_REQUEST`/`TOO_LONG` above {cap}).",
        extra={"cap": cap},
    )


def coded(component: str, description: str, cap: int) -> Meta:
    """A string from a vocabulary or code list (a component of the document), checked by the domain (422)."""
    return Meta(extra_json_schema={**ref(component), "description": description}, extra={"cap": cap})


def patterned(pattern: str, description: str, cap: int) -> Meta:
    """A string of a fixed shape (the pattern documents it; the domain checks it, 422)."""
    return Meta(pattern=pattern, description=description, extra={"cap": cap})


def day(description: str) -> Meta:
    return Meta(extra_json_schema={**ref("Date"), "description": description})


_POSITION_LIMITS = position_rules.TEXT_LIMITS
_FORM_LIMITS = application_rules.TEXT_LIMITS
_MAJOR = Annotated[str, Meta(min_length=1, max_length=position_rules.MAX_MAJOR_LENGTH)]
_MAJORS_RULE = (
    f"专业要求: at most {position_rules.MAX_MAJORS} items (422 `TOO_MANY`), each 1–{position_rules.MAX_MAJOR_LENGTH} "
    "characters after trimming (422 `INVALID_ITEM`). "
)


class PositionWrite(Struct, forbid_unknown_fields=True, kw_only=True):
    """The writable fields of a new position. The server sets `position_id`, `city_code`, `city_name`,
    `county_name`, `status` (`open`), `published_at` and `updated_at`."""

    # A PATCH takes these fields, any of them (parsing.fields(..., partial=True)): its component is this one
    # with every field optional and nullable.
    partial_component: ClassVar[str] = "PositionPatch"
    partial_description: ClassVar[str] = (
        "Any writable fields to change; absent or `null` fields are left as they are (an empty object changes "
        "only `updated_at`). The same rules as `PositionWrite` apply to the fields given."
    )

    title: Annotated[str, limited_text(_POSITION_LIMITS["title"], "岗位名称.")]
    employer_name: Annotated[str, limited_text(_POSITION_LIMITS["employer_name"], "见习单位.")]
    employer_credit_code: Annotated[
        str,
        patterned(
            CREDIT_CODE_PATTERN,
            "统一社会信用代码: 18 characters with a valid GB 32100 check character (422 `INVALID_CREDIT_CODE`).",
            64,
        ),
    ]
    industry: Annotated[str, coded("Industry", "422 `UNKNOWN_VALUE` outside the vocabulary.", 8)]
    county_code: Annotated[
        str,
        coded(
            "LocalityCode",
            "The position's 业务办理属地 (422 `INVALID_REGION` if unknown; 403 `OUTSIDE_REGION` if outside the "
            "caller's region). `city_code`, `city_name` and `county_name` follow from it.",
            16,
        ),
    ]
    address: Annotated[str, limited_text(_POSITION_LIMITS["address"], "见习地址.")]
    headcount: Annotated[int, Meta(ge=1, le=position_rules.MAX_HEADCOUNT, description="招聘人数 (422 `OUT_OF_RANGE`).")]
    education: Annotated[str, coded("Education", "Minimum education (422 `UNKNOWN_VALUE`).", 32)]
    majors: (
        Annotated[
            list[_MAJOR],
            Meta(
                max_length=position_rules.MAX_MAJORS,
                description=_MAJORS_RULE + "Absent or `null` means none.",
                extra={"partial_description": _MAJORS_RULE + "`null` leaves it unchanged; `[]` clears it."},
            ),
        ]
        | None
    ) = None
    description: Annotated[str, limited_text(_POSITION_LIMITS["description"], "岗位描述.")]
    stipend_yuan_per_month: Annotated[
        int, Meta(ge=0, le=position_rules.MAX_STIPEND, description="见习补贴, yuan (422 `OUT_OF_RANGE`).")
    ]
    duration_months: Annotated[int, Meta(ge=3, le=12, description="见习期限 in months (422 `OUT_OF_RANGE`).")]
    deadline: Annotated[
        datetime.date, day("Not before today in China time (422 `IN_THE_PAST`; 422 `INVALID_DATE` if not a date).")
    ]
    contact_name: Annotated[str, limited_text(_POSITION_LIMITS["contact_name"], "联系人.")]
    contact_phone: Annotated[
        str,
        patterned(
            CONTACT_PHONE_PATTERN,
            "联系电话: an 11-digit mobile or a landline with area code, e.g. `0351-7731427` (422 `INVALID_PHONE`).",
            32,
        ),
    ]


class ApplicationForm(Struct, forbid_unknown_fields=True, kw_only=True):
    """就业见习人员申请 (the trainee application form). Unknown fields are 400. Every rule failure is reported at
    once as 422 `VALIDATION_FAILED` with one `details` entry per problem."""

    # A graduate must also give school, major and graduation date (the domain says 422 REQUIRED otherwise).
    json_schema_extra: ClassVar[dict[str, Any]] = {
        "if": {
            "properties": {"person_category": {"const": "graduate_within_2_years"}},
            "required": ["person_category"],
        },
        "then": {
            "required": ["school", "major", "graduation_date"],
            "properties": {
                "school": {"type": "string", "minLength": 1},
                "major": {"type": "string", "minLength": 1},
                "graduation_date": ref("Date"),
            },
        },
    }

    name: Annotated[str, limited_text(_FORM_LIMITS["name"], "姓名: must equal the token's `name` (422 `NOT_YOURS`).")]
    id_number: Annotated[
        str,
        patterned(
            "^[0-9]{17}[0-9Xx]$",
            "公民身份号码: 18 characters, a real birth date and a valid GB 11643 check digit (422 "
            "`INVALID_FORMAT`, `INVALID_BIRTH_DATE`, `INVALID_CHECKSUM`); a lowercase `x` is accepted. Must equal "
            "the token's `id_number` (422 `NOT_YOURS`). `gender` and `birth_date` are read from it.",
            64,
        ),
    ]
    phone: Annotated[
        str,
        patterned(
            MOBILE_PATTERN,
            "联系电话: a mainland mobile number (422 `INVALID_PHONE`).",
            64,
        ),
    ]
    education: Annotated[str, coded("ApplicantEducation", "学历 (422 `UNKNOWN_VALUE`; `any` is not allowed).", 64)]
    school: (
        Annotated[
            str, limited_text(_FORM_LIMITS["school"], "毕业院校: required for `graduate_within_2_years`.", minimum=0)
        ]
        | None
    ) = None
    major: (
        Annotated[
            str, limited_text(_FORM_LIMITS["major"], "所学专业: required for `graduate_within_2_years`.", minimum=0)
        ]
        | None
    ) = None
    graduation_date: (
        Annotated[
            datetime.date,
            day(
                "毕业时间: required for `graduate_within_2_years`; not in the future (422 `IN_THE_FUTURE`) and at "
                "most 24 months before the day of submission in China time (422 `NOT_ELIGIBLE`)."
            ),
        ]
        | None
    ) = None
    person_category: Annotated[
        str,
        coded(
            "PersonCategory",
            "人员类别 (422 `UNKNOWN_VALUE`). `unemployed_youth` requires an age of 16–24 on the day of submission, "
            "from the ID number's birth date (422 `NOT_ELIGIBLE` on `person_category`).",
            64,
        ),
    ]
    locality: Annotated[
        str,
        coded("LocalityCode", "业务办理属地: a county code, or a city code for its 市本级 (422 `INVALID_REGION`).", 16),
    ]
    address: Annotated[str, limited_text(_FORM_LIMITS["address"], "联系地址.")]
    attachments: Annotated[
        list[str],
        Meta(
            min_length=1,
            max_length=application_rules.MAX_ATTACHMENTS,
            description=f"Attachment ids, 1–{application_rules.MAX_ATTACHMENTS}, no duplicates. Each must be the "
            "caller's own and confirmed (`uploaded`), and not used by another pending or approved application; "
            "together at least one `id_card`, plus a `graduation_certificate` for graduates or an "
            "`unemployment_registration` for unemployed youth. `details` codes on `attachments`: `REQUIRED`, "
            "`TOO_MANY`, `DUPLICATE`, `NOT_FOUND`, `NOT_UPLOADED`, `ATTACHMENT_IN_USE`, `MISSING_ID_CARD`, "
            "`MISSING_GRADUATION_CERTIFICATE`, `MISSING_UNEMPLOYMENT_REGISTRATION`. Attachments of a withdrawn or "
            "rejected application may be used again.",
            extra_json_schema={"uniqueItems": True},
        ),
    ]


class AttachmentUploadRequest(Struct, forbid_unknown_fields=True, kw_only=True):
    """Declare a file to upload."""

    kind: Annotated[str, coded("AttachmentKind", "422 `UNKNOWN_VALUE` outside the vocabulary.", 64)]
    filename: Annotated[
        str,
        Meta(
            min_length=1,
            max_length=255,
            description=f"The file's name; folders and control characters are removed and it is cut to "
            f"{MAX_FILENAME} characters (422 `REQUIRED` if nothing is left; 400 above 255).",
            extra={"cap": 255},
        ),
    ]
    content_type: Annotated[
        str, coded("AttachmentContentType", "Another type is 415 `UNSUPPORTED_FILE_TYPE` (not 422).", 128)
    ]
    size: Annotated[
        int,
        Meta(
            ge=1,
            le=MAX_BYTES,
            description="Bytes; below 1 is 422 `OUT_OF_RANGE`, above 5 MiB is 413 `FILE_TOO_LARGE`.",
        ),
    ]


class ApproveRequest(Struct, forbid_unknown_fields=True, kw_only=True):
    comment: (
        Annotated[
            str,
            Meta(
                max_length=COMMENT_MAX,
                description=f"审核意见, optional; at most {COMMENT_MAX} characters (400 `MALFORMED_REQUEST`/"
                "`TOO_LONG` above). Empty counts as none.",
                extra={"cap": COMMENT_MAX},
            ),
        ]
        | None
    ) = None


class RejectRequest(Struct, forbid_unknown_fields=True, kw_only=True):
    reason: Annotated[
        str,
        Meta(
            min_length=1,
            max_length=COMMENT_MAX,
            description=f"审核不通过的原因: required (422 `VALIDATION_FAILED`/`REQUIRED` if absent or empty); at "
            f"most {COMMENT_MAX} characters (400 `MALFORMED_REQUEST`/`TOO_LONG` above).",
            extra={"cap": COMMENT_MAX},
        ),
    ]


class SavedSearchRequest(Struct, forbid_unknown_fields=True, kw_only=True):
    # `filters` are checked as the public search checks its query string (api/saved_searches.py).
    filters: Annotated[
        dict[str, str],
        Meta(extra_json_schema={**ref("SavedSearchFilters"), "description": "Default `{}`: every open position."}),
    ] = field(default_factory=dict)
    sms: Annotated[bool, Meta(description="Also text the morning digest (default `false`).")] = False
