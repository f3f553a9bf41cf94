"""The document's shared components: scalars and vocabularies (the answers' own and the error envelope are walked
from chalicelib/answers/).

Vocabularies, codes and limits come from chalicelib.domain, so enums and ranges cannot drift from the rules."""

from __future__ import annotations

from typing import Any

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
from chalicelib.openapi_schema import label_of, labelled, text

Schema = dict[str, Any]


def _locality_codes() -> list[str]:
    return [loc.code for city in shanxi().cities for loc in city.localities]


def _city_codes() -> list[str]:
    return [city.code for city in shanxi().cities]


def value_schemas() -> dict[str, Schema]:
    """Scalars and vocabularies used everywhere, read from the domain (the fixed ones: openapi_static.toml)."""
    return {
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
        "MobilePhone": text("A mainland mobile number, unmasked.", pattern=MOBILE_PATTERN),
    }
