"""A position as answers show it: in full (`Position`), as search lists it (`PositionSummary`), as a favourite."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

from msgspec import Meta, Struct

from chalicelib.answers.fields import CityCode, HexId, LocalityCode, Page, Timestamp, label_of, ref
from chalicelib.domain import positions as rules
from chalicelib.domain.credit_code import CREDIT_CODE_PATTERN
from chalicelib.domain.limits import MAX_FAVOURITES
from chalicelib.domain.positions import CONTACT_PHONE_PATTERN, effective_status
from chalicelib.domain.regions import CITY_OWN_LEVEL_NAME, shanxi
from chalicelib.domain.vocabulary import EDUCATION_LABELS, INDUSTRY_LABELS

if TYPE_CHECKING:
    from chalicelib.domain.records import PositionRecord

_LIMITS = rules.TEXT_LIMITS

# Each field's rule once; `Position` and `PositionSummary` list them in the contract's order (the summary is
# the position without `description`, which sits in the middle of that order).
Title = Annotated[str, Meta(max_length=_LIMITS["title"])]
EmployerName = Annotated[str, Meta(max_length=_LIMITS["employer_name"])]
CreditCode = Annotated[str, Meta(pattern=CREDIT_CODE_PATTERN, description="统一社会信用代码 (GB 32100).")]
Industry = Annotated[str, ref("Industry")]
IndustryName = Annotated[str, label_of(INDUSTRY_LABELS, "industry")]
CountyName = Annotated[
    str, Meta(description=f"The county's name, or {CITY_OWN_LEVEL_NAME} when `county_code` is the city's code.")
]
Address = Annotated[str, Meta(max_length=_LIMITS["address"])]
Headcount = Annotated[int, Meta(ge=1, le=rules.MAX_HEADCOUNT)]
Education = Annotated[str, ref("Education")]
EducationLabel = Annotated[str, label_of(EDUCATION_LABELS, "education")]
Majors = Annotated[list[Annotated[str, Meta(max_length=rules.MAX_MAJOR_LENGTH)]], Meta(max_length=rules.MAX_MAJORS)]
Description = Annotated[str, Meta(max_length=_LIMITS["description"])]
Stipend = Annotated[int, Meta(ge=0, le=rules.MAX_STIPEND, description="见习补贴, yuan per month.")]
Duration = Annotated[int, Meta(ge=3, le=12, description="见习期限 in months.")]
Deadline = Annotated[str, ref("Date", "Last day to apply (China date); past it the position is closed.")]
ContactName = Annotated[str, Meta(max_length=_LIMITS["contact_name"])]
ContactPhone = Annotated[str, Meta(pattern=CONTACT_PHONE_PATTERN, description="A mobile or a landline with area code.")]
Status = Annotated[str, ref("PositionStatus")]


class Position(Struct, kw_only=True):
    """A position's full detail. `industry_name` and `education_label` are the Chinese labels of `industry` and
    `education`. `status` is `closed` once closed by staff or once `deadline` has passed (China date)."""

    position_id: HexId
    title: Title
    employer_name: EmployerName
    employer_credit_code: CreditCode
    industry: Industry
    industry_name: IndustryName
    city_code: CityCode
    city_name: str
    county_code: LocalityCode
    county_name: CountyName
    address: Address
    headcount: Headcount
    education: Education
    education_label: EducationLabel
    majors: Majors
    description: Description
    stipend_yuan_per_month: Stipend
    duration_months: Duration
    deadline: Deadline
    contact_name: ContactName
    contact_phone: ContactPhone
    status: Status
    published_at: Timestamp
    updated_at: Timestamp


class PositionSummary(Struct, kw_only=True):
    """A position as search results show it: every field of `Position` but `description`."""

    position_id: HexId
    title: Title
    employer_name: EmployerName
    employer_credit_code: CreditCode
    industry: Industry
    industry_name: IndustryName
    city_code: CityCode
    city_name: str
    county_code: LocalityCode
    county_name: CountyName
    address: Address
    headcount: Headcount
    education: Education
    education_label: EducationLabel
    majors: Majors
    stipend_yuan_per_month: Stipend
    duration_months: Duration
    deadline: Deadline
    contact_name: ContactName
    contact_phone: ContactPhone
    status: Status
    published_at: Timestamp
    updated_at: Timestamp


class Favourite(PositionSummary, kw_only=True):
    """A favourite position: `PositionSummary` as the position stands now (a closed one shows `status: closed`),
    plus when it was favourited."""

    favourited_at: Timestamp


class PositionPage(Page, kw_only=True):
    """A page of open positions in the order asked (`sort`)."""

    items: Sequence[PositionSummary]


class FavouriteList(Struct, kw_only=True):
    """My favourite positions."""

    items: Annotated[
        list[Favourite],
        Meta(max_length=MAX_FAVOURITES, description=f"At most {MAX_FAVOURITES}, the most recent favourite first."),
    ]
    next_cursor: Annotated[None, Meta(description="Always `null`: the list is never paged.")]


def _fields(position: PositionRecord, today: date) -> dict[str, Any]:
    locality = shanxi().locality(position.county_code)
    assert locality is not None  # written only after validation
    return {
        "position_id": position.position_id,
        "title": position.title,
        "employer_name": position.employer_name,
        "employer_credit_code": position.employer_credit_code,
        "industry": position.industry,
        "industry_name": INDUSTRY_LABELS[position.industry],
        "city_code": locality.city_code,
        "city_name": locality.city_name,
        "county_code": locality.code,
        "county_name": locality.name,
        "address": position.address,
        "headcount": int(position.headcount),
        "education": position.education,
        "education_label": EDUCATION_LABELS[position.education],
        "majors": list(position.majors),
        "stipend_yuan_per_month": int(position.stipend_yuan_per_month),
        "duration_months": int(position.duration_months),
        "deadline": position.deadline,
        "contact_name": position.contact_name,
        "contact_phone": position.contact_phone,
        "status": effective_status(position.status, position.deadline, today),
        "published_at": position.published_at,
        "updated_at": position.updated_at,
    }


def detail(position: PositionRecord, today: date) -> Position:
    return Position(**_fields(position, today), description=position.description)


def summary(position: PositionRecord, today: date) -> PositionSummary:
    return PositionSummary(**_fields(position, today))


def favourite(position: PositionRecord, today: date, favourited_at: str) -> Favourite:
    return Favourite(**_fields(position, today), favourited_at=favourited_at)
