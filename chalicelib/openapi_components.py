"""The document's shared components: scalars and vocabularies, and the error envelope (the answers' own are
walked from chalicelib/answers/).

Vocabularies, codes and limits come from chalicelib.domain, so enums and ranges cannot drift from the rules."""

from __future__ import annotations

from typing import Any, Final

from chalicelib.api.bodies import ref
from chalicelib.domain.attachments import SIGNATURES
from chalicelib.domain.identity import MOBILE_PATTERN
from chalicelib.domain.positions import POSITION_STATUS_LABELS
from chalicelib.domain.regions import CITY_OWN_LEVEL_NAME, PROVINCE_CODE, shanxi
from chalicelib.domain.search_order import DEFAULT_SORT, SORT_ORDERS
from chalicelib.domain.vocabulary import (
    APPLICANT_EDUCATION,
    ATTACHMENT_KIND_LABELS,
    EDUCATION_LABELS,
    GENDER_LABELS,
    INDUSTRY_LABELS,
    PERSON_CATEGORY_LABELS,
    STATUS_LABELS,
)
from chalicelib.openapi_schema import array, label_of, labelled, obj, text

Schema = dict[str, Any]

CHINA_TIME_PATTERN: Final = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$"
HEX_ID_PATTERN: Final = "^[0-9a-f]{32}$"


def _locality_codes() -> list[str]:
    return [loc.code for city in shanxi().cities for loc in city.localities]


def _city_codes() -> list[str]:
    return [city.code for city in shanxi().cities]


def value_schemas() -> dict[str, Schema]:
    """Scalars and vocabularies used everywhere."""
    return {
        "Timestamp": text(
            "RFC 3339 date-time in China Standard Time (UTC+8, offset `+08:00`), to the second.",
            format="date-time",
            pattern=CHINA_TIME_PATTERN,
            examples=["2026-05-06T09:30:00+08:00"],
        ),
        "Date": text("A calendar date, `YYYY-MM-DD`.", format="date", examples=["2026-06-30"]),
        "Month": text(
            "申办月份: a calendar month `YYYY-MM` in China Standard Time "
            "(submitted at `2026-11-30T17:30:00Z` → `2026-12`).",
            pattern="^[0-9]{4}-(0[1-9]|1[0-2])$",
            examples=["2026-12"],
        ),
        "HexId": text("A server-made identifier (32 lowercase hex digits).", pattern=HEX_ID_PATTERN),
        "CityCode": text(
            "A city (地级市) of Shanxi: 6-digit GB/T 2260 code ending `00`. Names: `GET /v1/regions`.",
            enum=_city_codes(),
        ),
        "LocalityCode": text(
            "A county-level entry (业务办理属地), one of 128: a county's GB/T 2260 code, or a city's code for "
            f"that city's {CITY_OWN_LEVEL_NAME} (the city's own agency). Names: `GET /v1/regions`.",
            enum=_locality_codes(),
        ),
        "RegionCode": text(
            f"A staff scope: `{PROVINCE_CODE}` (省本级, the whole province), a city code (its {CITY_OWN_LEVEL_NAME} "
            "and all its counties) or a county code (that county).",
            enum=[PROVINCE_CODE, *_locality_codes()],
        ),
        "ApplicationStatus": labelled(STATUS_LABELS, "Application status"),
        "StatusLabel": label_of(STATUS_LABELS, "status"),
        "Education": labelled(
            EDUCATION_LABELS, "Education (a position's minimum requirement; `any` only for positions)"
        ),
        "ApplicantEducation": labelled(EDUCATION_LABELS, "An applicant's education", APPLICANT_EDUCATION),
        "Industry": labelled(INDUSTRY_LABELS, "Industry section (GB/T 4754-2017 门类)"),
        "SortOrder": {
            **labelled({name: order.label for name, order in SORT_ORDERS.items()}, "The order of a search"),
            "default": DEFAULT_SORT,
        },
        "PersonCategory": labelled(PERSON_CATEGORY_LABELS, "Person category (人员类别)"),
        "Gender": labelled(GENDER_LABELS, "Gender, read from the ID number's 17th digit"),
        "AttachmentKind": labelled(ATTACHMENT_KIND_LABELS, "Attachment kind"),
        "AttachmentContentType": text(
            "Accepted file types (checked against the file's own signature on confirmation).",
            enum=list(SIGNATURES),
        ),
        "PositionStatus": text(
            "`open` (招聘中), or `closed` (已停止: closed by staff or the unit, or its deadline has passed in China "
            "time). A unit's position is first `pending_review` (待审核) until the agency approves it (`open`) or "
            "rejects it (`rejected`, 审核不通过); only the unit and the agency see those two.",
            enum=list(POSITION_STATUS_LABELS),
        ),
        "IdNumber": text("An 18-character resident ID number (GB 11643), unmasked.", pattern="^[0-9]{17}[0-9X]$"),
        "MaskedIdNumber": text(
            "A resident ID number showing its first 6 and last 4 characters.",
            pattern=r"^[0-9]{6}\*{8}[0-9]{3}[0-9X]$",
            examples=["140105********123X"],
        ),
        "MobilePhone": text("A mainland mobile number, unmasked.", pattern=MOBILE_PATTERN),
        "MaskedPhone": text(
            "A mobile number showing its first 3 and last 4 digits.",
            pattern=r"^1[3-9][0-9]\*{4}[0-9]{4}$",
            examples=["138****5678"],
        ),
    }


def error_schemas() -> dict[str, Schema]:
    return {
        "Error": obj(
            {
                "error": obj(
                    {
                        "code": text("Machine-readable code, English UPPER_SNAKE.", pattern="^[A-Z][A-Z0-9_]*$"),
                        "message": text("What happened, in Simplified Chinese, fit to show to a person."),
                        "request_id": text("The request's id, the same as the `X-Request-Id` header."),
                        "details": array(
                            ref("FieldProblem"),
                            "Present for field-level problems only, one entry per problem.",
                            minItems=1,
                        ),
                    },
                    ["code", "message", "request_id"],
                )
            },
            description="The error envelope: the body of every error, whatever the status.",
        ),
        "FieldProblem": obj(
            {
                "field": text("The body field, query parameter or header concerned."),
                "code": text(
                    "Machine-readable reason, e.g. `REQUIRED`, `INVALID_CHECKSUM`.", pattern="^[A-Z][A-Z0-9_]*$"
                ),
                "message": text("The reason in Simplified Chinese."),
            }
        ),
    }
