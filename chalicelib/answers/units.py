"""Answers about units (见习单位, issue 19): the unit as it sees itself (单位中心)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

from msgspec import Meta, Struct, structs

from chalicelib.answers.attachments import AttachmentDetail
from chalicelib.answers.fields import HexId, LocalityCode, Month, Page, Timestamp, label_of, one_of, ref
from chalicelib.answers.positions import Position
from chalicelib.answers.ratings import Rating  # issue 23
from chalicelib.domain.credit_code import CREDIT_CODE_PATTERN
from chalicelib.domain.principal import Principal
from chalicelib.domain.regions import shanxi
from chalicelib.domain.units import RECOGNITION_STATUS_LABELS, UNIT_STATUS_LABELS, UNREGISTERED

if TYPE_CHECKING:
    from chalicelib.domain.records import RecognitionRecord, UnitRecord

CreditCode = Annotated[str, Meta(pattern=CREDIT_CODE_PATTERN, description="统一社会信用代码 (GB 32100).")]
UnitStatus = Annotated[
    str,
    one_of(
        list(UNIT_STATUS_LABELS),
        "`unregistered` (未申请: never applied), `pending` (未审核), `recognised` (已认定: a 见习单位), `rejected` "
        "(审核不通过) or `revoked` (已撤销).",
    ),
]


class Unit(Struct, kw_only=True):
    """The calling unit (单位中心): its recognition status and its quota of positions. Until it is recognised
    `position_quota` is 0; `quota_used` is the headcount of its open and pending_review positions."""

    credit_code: CreditCode
    org_name: Annotated[str, Meta(description="The unit's name: as recognised, else as the token names it.")]
    status: UnitStatus
    status_label: Annotated[str, label_of(UNIT_STATUS_LABELS, "status")]
    county_code: LocalityCode | None  # 业务办理属地; `null` until the unit applies
    county_name: Annotated[str, Meta(description="The 业务办理属地's full name, e.g. 太原市小店区.")] | None
    insured_staff: Annotated[int, Meta(ge=1, description="参保职工人数 as last applied with.")] | None
    position_quota: Annotated[int, Meta(ge=0, description="Headcount the unit may publish at once.")]
    quota_used: Annotated[int, Meta(ge=0, description="Headcount of its open and pending_review positions.")]
    recognised_at: Timestamp | None


def unit(principal: Principal, record: UnitRecord | None) -> Unit:
    assert principal.credit_code is not None  # the UNIT access resolves only a unit's token
    if record is None:
        return Unit(
            credit_code=principal.credit_code,
            org_name=principal.org_name or "",
            status=UNREGISTERED,
            status_label=UNIT_STATUS_LABELS[UNREGISTERED],
            county_code=None,
            county_name=None,
            insured_staff=None,
            position_quota=0,
            quota_used=0,
            recognised_at=None,
        )
    found = shanxi().locality(record.county_code) if record.county_code else None
    recognised = record.status == "recognised"
    return Unit(
        credit_code=record.credit_code,
        org_name=record.org_name,
        status=record.status,
        status_label=UNIT_STATUS_LABELS[record.status],
        county_code=found.code if found else None,
        county_name=found.full_name if found else None,
        insured_staff=int(record.insured_staff) if record.insured_staff else None,
        position_quota=int(record.position_quota or 0) if recognised else 0,
        quota_used=int(record.quota_used or 0),
        recognised_at=record.recognised_at if recognised else None,
    )


# ----------------------------------------------------------------------------------------------- 认定申请

RecognitionStatus = Annotated[
    str,
    one_of(
        list(RECOGNITION_STATUS_LABELS),
        "`pending` (未审核), `recognised` (已认定), `rejected` (审核不通过), `withdrawn` (已撤回), `revoked` (已撤销).",
    ),
]
RecognitionLabel = Annotated[str, label_of(RECOGNITION_STATUS_LABELS, "status")]


class RecognitionSubmitted(Struct, kw_only=True):
    """申报成功: the 认定申请 is pending until a reviewer of its 业务办理属地 decides it."""

    recognition_id: HexId
    status: Annotated[str, one_of(["pending"])]
    status_label: Annotated[str, one_of([RECOGNITION_STATUS_LABELS["pending"]])]
    submitted_at: Timestamp
    message: Annotated[str, one_of(["申报成功"])]


class RecognitionStep(Struct, kw_only=True):
    """One step of a 认定申请: submitted (`pending`, by the unit), `withdrawn` (by the unit), or a reviewer's
    `recognised`, `rejected` or `revoked`, with the comment or reason."""

    status: RecognitionStatus
    status_label: RecognitionLabel
    at: Timestamp
    actor: Annotated[str, one_of(["unit", "reviewer"])]
    comment: Annotated[str, Meta(description="The reviewer's comment or reason; `null` otherwise.")] | None


class RecognitionSummary(Struct, kw_only=True):
    """One 认定申请 (办件) as lists show it, with its history, oldest step first."""

    recognition_id: HexId
    credit_code: CreditCode
    org_name: str
    county_code: LocalityCode
    county_name: str
    industry: Annotated[str, ref("Industry")]
    insured_staff: Annotated[int, Meta(ge=1)]
    status: RecognitionStatus
    status_label: RecognitionLabel
    submitted_at: Timestamp
    month: Month
    history: list[RecognitionStep]


class RecognitionDetail(RecognitionSummary, kw_only=True):
    """One 认定申请 of the unit (办件详情), with the unit's rating of it (好差评)."""

    rating: Annotated[Rating | None, Meta(description="The unit's rating of it (好差评); `null` before.")] = None


class RecognitionPage(Page, kw_only=True):
    """A page of 认定申请, newest first."""

    items: Sequence[RecognitionSummary]


class UnitReviewDetail(Struct, kw_only=True):
    """A unit as the agency reviews it: its latest 认定申请 in full, the contact's phone unmasked, a short-lived
    `download_url` per attachment (营业执照). Each read is written to the audit log."""

    unit_status: UnitStatus
    unit_status_label: Annotated[str, label_of(UNIT_STATUS_LABELS, "unit_status")]
    position_quota: Annotated[int, Meta(ge=0)]
    quota_used: Annotated[int, Meta(ge=0)]
    recognition: RecognitionSummary
    address: str
    contact_name: str
    contact_phone: Annotated[str, ref("MobilePhone")]
    description: str
    attachments: Sequence[AttachmentDetail]


def _steps(recognition: RecognitionRecord) -> list[RecognitionStep]:
    return [
        RecognitionStep(
            status=h.status,
            status_label=RECOGNITION_STATUS_LABELS[h.status],
            at=h.at,
            actor=h.actor,
            comment=h.comment,
        )
        for h in recognition.history
    ]


def recognition_summary(recognition: RecognitionRecord) -> RecognitionSummary:
    found = shanxi().locality(recognition.county_code)
    assert found is not None  # written only after validation
    return RecognitionSummary(
        recognition_id=recognition.recognition_id,
        credit_code=recognition.credit_code,
        org_name=recognition.org_name,
        county_code=found.code,
        county_name=found.full_name,
        industry=recognition.industry,
        insured_staff=int(recognition.insured_staff),
        status=recognition.status,
        status_label=RECOGNITION_STATUS_LABELS[recognition.status],
        submitted_at=recognition.submitted_at,
        month=recognition.month,
        history=_steps(recognition),
    )


def recognition_detail(recognition: RecognitionRecord, rating: Rating | None) -> RecognitionDetail:
    return RecognitionDetail(**structs.asdict(recognition_summary(recognition)), rating=rating)


def submitted(recognition: RecognitionRecord) -> RecognitionSubmitted:
    return RecognitionSubmitted(
        recognition_id=recognition.recognition_id,
        status="pending",
        status_label=RECOGNITION_STATUS_LABELS["pending"],
        submitted_at=recognition.submitted_at,
        message="申报成功",
    )


def for_reviewer(
    unit: UnitRecord, recognition: RecognitionRecord, attachments: Sequence[AttachmentDetail]
) -> UnitReviewDetail:
    """Unmasked: the caller audits the read."""
    recognised = unit.status == "recognised"
    return UnitReviewDetail(
        unit_status=unit.status,
        unit_status_label=UNIT_STATUS_LABELS[unit.status],
        position_quota=int(unit.position_quota or 0) if recognised else 0,
        quota_used=int(unit.quota_used or 0),
        recognition=recognition_summary(recognition),
        address=recognition.address,
        contact_name=recognition.contact_name,
        contact_phone=recognition.contact_phone,
        description=recognition.description,
        attachments=attachments,
    )


class ReviewPositionPage(Page, kw_only=True):
    """A page of positions awaiting review, oldest first, in full."""

    items: Sequence[Position]
