"""A placement as answers show it: to the trainee, to the unit and to the agency (one shape, masked for each),
created, in a page, the trainees a unit may invite, and the public verification behind the QR code."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

from msgspec import Meta, Struct, structs

from chalicelib.answers.fields import Day, HexId, LocalityCode, Page, Timestamp, label_of, named, one_of, ref
from chalicelib.answers.positions import PositionSummary
from chalicelib.answers.ratings import Rating  # issue 23
from chalicelib.domain.clock import china_time
from chalicelib.domain.masks import mask_id_number, mask_name, mask_phone
from chalicelib.domain.placements import (
    ASSESSMENT_RESULTS,
    END_REASONS,
    STATUS_LABELS,
    STATUSES,
    PlacementRecord,
)
from chalicelib.domain.regions import shanxi
from chalicelib.domain.vocabulary import EDUCATION_LABELS

# A named component (the list filters' parameter refers to it too).
_STATUS = Annotated[str, one_of(STATUSES, "; ".join(f"`{status}` {label}" for status, label in STATUS_LABELS.items()))]
PlacementStatus = Annotated[str, named("PlacementStatus", _STATUS)]
PlacementStatusLabel = Annotated[str, label_of(STATUS_LABELS, "status")]


class PlacementStep(Struct, kw_only=True):
    """One step of a placement: the status reached, when, by whom (`trainee`, `unit`, `reviewer`, `system`)."""

    status: PlacementStatus
    status_label: PlacementStatusLabel
    at: Timestamp
    actor: Annotated[str, one_of(["trainee", "unit", "reviewer", "system"])]
    comment: str | None


class PlacementPosition(Struct, kw_only=True):
    """The position and its unit as they were when the placement began."""

    position_id: HexId
    title: str
    org_name: str
    credit_code: str
    county_code: LocalityCode
    county_name: str


class Trainee(Struct, kw_only=True):
    """The trainee as the reader may see them: the ID number always masked here (the agreement shows it to the
    two parties); the phone masked, except to the unit once the offer is accepted."""

    name: str
    id_number: Annotated[str, ref("MaskedIdNumber")]
    phone: Annotated[str, Meta(description="Masked (138****5678), except to the unit from the agreement on.")]
    education: Annotated[str, ref("ApplicantEducation")]
    education_label: str
    school: str | None
    major: str | None
    graduation_date: Day | None


class Terms(Struct, kw_only=True):
    """The offer's terms: the period (its last day `end_date`), the monthly allowance, the mentor."""

    start_date: Day
    months: Annotated[int, Meta(ge=3, le=12)]
    end_date: Day
    allowance_yuan_per_month: Annotated[int, Meta(ge=0, description="Yuan per month.")]
    mentor_name: str


class Placement(Struct, kw_only=True):
    """A placement (见习岗位申请 to 见习期满) with its history."""

    placement_id: HexId
    status: PlacementStatus
    status_label: PlacementStatusLabel
    invited: Annotated[bool, Meta(description="It began as the unit's invitation.")]
    position: PlacementPosition
    trainee: Trainee
    terms: Terms | None
    agreed_at: Timestamp | None
    confirmed_at: Annotated[str | None, Meta(description="上岗报备 by the agency; `null` until then.")]
    ended_on: Day | None
    end_reason: Annotated[str, one_of(list(END_REASONS))] | None
    end_note: str | None
    assessment_result: Annotated[str, one_of(list(ASSESSMENT_RESULTS))] | None
    assessment_label: str | None
    assessment_comment: str | None
    retained_contract_start: Day | None
    retained_contract_months: int | None
    created_at: Timestamp
    updated_at: Timestamp
    history: Sequence[PlacementStep]


class PlacementDetail(Placement, kw_only=True):
    """One placement as its trainee or its unit reads it, with that party's own rating of it (好差评)."""

    rating: Annotated[Rating | None, Meta(description="The caller's own rating of it (好差评); `null` before.")] = None


class PlacementCreated(Struct, kw_only=True):
    """The application was made (已申请)."""

    placement_id: HexId
    status: PlacementStatus
    status_label: PlacementStatusLabel
    position: PositionSummary


class PlacementPage(Page, kw_only=True):
    """A page of placements, newest first."""

    items: Sequence[Placement]


class InterestedTrainee(Struct, kw_only=True):
    """A trainee who favourited the position: masked, with an opaque reference to invite them by."""

    trainee_ref: Annotated[str, Meta(description="Opaque; valid for this position only.")]
    name: Annotated[str, Meta(description="Masked: 王*雨.")]
    education: Annotated[str, ref("ApplicantEducation")]
    education_label: str
    major: str | None


class InterestedList(Struct, kw_only=True):
    """The trainees who favourited the position (at most three favourites each: never paged)."""

    items: Sequence[InterestedTrainee]
    next_cursor: Annotated[None, Meta(description="Always `null`.")]


class PlacementVerification(Struct, kw_only=True):
    """扫码验真 of an agreement or a certificate: genuine, its status, the parties masked."""

    placement_id: HexId
    genuine: Annotated[bool, one_of([True])]
    status: PlacementStatus
    status_label: PlacementStatusLabel
    trainee_name: Annotated[str, Meta(description="Masked: 王*雨.")]
    trainee_id_number: Annotated[str, ref("MaskedIdNumber")]
    org_name: str
    position_title: str
    start_date: Day | None
    end_date: Day | None


def _county_name(code: str) -> str:
    locality = shanxi().locality(code)
    return locality.full_name if locality else code


def _trainee(record: PlacementRecord, *, phone_shown: bool) -> Trainee:
    return Trainee(
        name=record.trainee_name,
        id_number=mask_id_number(record.trainee_id_number),
        phone=record.trainee_phone if phone_shown else mask_phone(record.trainee_phone),
        education=record.trainee_education,
        education_label=EDUCATION_LABELS.get(record.trainee_education, record.trainee_education),
        school=record.trainee_school or None,
        major=record.trainee_major or None,
        graduation_date=record.trainee_graduation_date or None,
    )


def _terms(record: PlacementRecord) -> Terms | None:
    if record.start_date is None or record.end_date is None:
        return None
    return Terms(
        start_date=record.start_date.isoformat(),
        months=record.months or 0,
        end_date=record.end_date.isoformat(),
        allowance_yuan_per_month=record.allowance_yuan_per_month or 0,
        mentor_name=record.mentor_name or "",
    )


def placement(record: PlacementRecord, *, phone_shown: bool = False) -> Placement:
    """`phone_shown`: the unit reads a trainee who accepted its offer."""
    return Placement(
        placement_id=record.placement_id,
        status=record.status,
        status_label=STATUS_LABELS[record.status],
        invited=record.invited,
        position=PlacementPosition(
            position_id=record.position_id,
            title=record.position_title,
            org_name=record.org_name,
            credit_code=record.credit_code,
            county_code=record.county_code,
            county_name=_county_name(record.county_code),
        ),
        trainee=_trainee(record, phone_shown=phone_shown),
        terms=_terms(record),
        agreed_at=china_time(record.agreed_at) if record.agreed_at else None,
        confirmed_at=china_time(record.confirmed_at) if record.confirmed_at else None,
        ended_on=record.ended_on.isoformat() if record.ended_on else None,
        end_reason=record.end_reason,
        end_note=record.end_note,
        assessment_result=record.assessment_result,
        assessment_label=ASSESSMENT_RESULTS.get(record.assessment_result or ""),
        assessment_comment=record.assessment_comment,
        retained_contract_start=record.retained_contract_start.isoformat() if record.retained_contract_start else None,
        retained_contract_months=record.retained_contract_months,
        created_at=china_time(record.created_at),
        updated_at=china_time(record.updated_at),
        history=[
            PlacementStep(
                status=step.status,
                status_label=STATUS_LABELS[step.status],
                at=step.at,
                actor=step.actor,
                comment=step.comment,
            )
            for step in record.history
        ],
    )


def detail(shown: Placement, rating: Rating | None) -> PlacementDetail:
    return PlacementDetail(**structs.asdict(shown), rating=rating)


def created(record: PlacementRecord, position: PositionSummary) -> PlacementCreated:
    return PlacementCreated(
        placement_id=record.placement_id,
        status=record.status,
        status_label=STATUS_LABELS[record.status],
        position=position,
    )


def verification(record: PlacementRecord) -> PlacementVerification:
    return PlacementVerification(
        placement_id=record.placement_id,
        genuine=True,
        status=record.status,
        status_label=STATUS_LABELS[record.status],
        trainee_name=mask_name(record.trainee_name),
        trainee_id_number=mask_id_number(record.trainee_id_number),
        org_name=record.org_name,
        position_title=record.position_title,
        start_date=record.start_date.isoformat() if record.start_date else None,
        end_date=record.end_date.isoformat() if record.end_date else None,
    )
