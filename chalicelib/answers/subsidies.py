"""Issue 21's answers: 考勤, the claim (unit's and agency's), the public 公示 notice, objections, exports, the clock.

Personal data: trainees' names and ID numbers are masked in every answer here (王*雨, 140105********123X); the
bank account number is masked except in the agency's audited detail (`for_agency`); an objector's name and phone
are masked in the agency's list. Amounts are strings of yuan to the fen ("1290.00"), so no float rounds them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from msgspec import Meta, Struct, structs

from chalicelib.answers.fields import Day, LocalityCode, Month, Page, Timestamp, one_of
from chalicelib.answers.ratings import Rating  # issue 23
from chalicelib.domain import subsidies as rules
from chalicelib.domain.clock import china_date, china_time
from chalicelib.domain.masks import mask_id_number, mask_name
from chalicelib.domain.placements import PlacementRecord
from chalicelib.domain.subsidies import AttendanceRecord, ClaimLine, ClaimRecord

Yuan = Annotated[str, Meta(pattern=r"^\d+\.\d{2}$", description="Yuan to the fen, as a string: `1290.00`.")]
ClaimStatus = Annotated[
    str,
    one_of(
        list(rules.STATUS_LABELS),
        "补贴申领状态: " + ", ".join(f"`{k}` {v}" for k, v in rules.STATUS_LABELS.items()) + ".",
    ),
]


def _yuan(amount: Decimal | None) -> str | None:
    return None if amount is None else f"{amount:.2f}"


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def mask_account(value: str) -> str:
    """Only the last four digits shown: ************1234."""
    return "*" * max(len(value) - 4, 0) + value[-4:]


class Attendance(Struct, kw_only=True):
    """A trainee's 考勤 of one month."""

    placement_id: str
    month: Month
    days_due: int
    days_present: int
    note: str
    working_days: Annotated[int, Meta(description="The month's working days (the most `days_due` can be).")]
    locked: Annotated[bool, Meta(description="A claim includes this month: it can no longer change.")]
    claim_id: str | None
    updated_at: Timestamp
    # The web client's 补贴申领 shows each line's amount before the claim is made, from these (one rule: month_line).
    rate_yuan: Annotated[
        Yuan | None, Meta(description="In the list: the month's rate for the trainee's county (`null` elsewhere).")
    ]
    amount_yuan: Annotated[
        Yuan | None, Meta(description="In the list: what a claim of this month would pay (`null` elsewhere).")
    ]


class AttendanceList(Struct, kw_only=True):
    """A placement's months, oldest first."""

    placement_id: str
    trainee_name: Annotated[str, Meta(description="Masked: 王*雨.")]
    start_date: Day | None
    end_date: Day | None
    items: Sequence[Attendance]


def attendance(record: AttendanceRecord, claimed: dict[str, str], county_code: str | None = None) -> Attendance:
    """`county_code` (the trainee's): the month's rate and amount, as a claim's line would have them."""
    priced = None if county_code is None else rules.month_line(record.placement_id, "", "", county_code, record)
    return Attendance(
        placement_id=record.placement_id,
        month=record.month,
        days_due=record.days_due,
        days_present=record.days_present,
        note=record.note,
        working_days=rules.month_days(record.month),
        locked=record.month in claimed,
        claim_id=claimed.get(record.month),
        updated_at=china_time(record.updated_at),
        rate_yuan=_yuan(priced.rate_yuan) if priced else None,
        amount_yuan=_yuan(priced.amount_yuan) if priced else None,
    )


class Line(Struct, kw_only=True):
    """A line of a claim: a trainee's month (`kind: month`) or their accident insurance premium (`insurance`)."""

    kind: Annotated[str, one_of([rules.MONTH_LINE, rules.PREMIUM_LINE])]
    placement_id: str
    trainee_name: Annotated[str, Meta(description="Masked: 王*雨.")]
    trainee_id_number: Annotated[str, Meta(description="Masked: 141102********123X.")]
    month: Month | None
    rate_yuan: Yuan | None
    days_due: int | None
    days_present: int | None
    premium_yuan: Yuan | None
    policy_no: str | None
    amount_yuan: Yuan


def line(item: ClaimLine) -> Line:
    return Line(
        kind=item.kind,
        placement_id=item.placement_id,
        trainee_name=mask_name(item.trainee_name),
        trainee_id_number=mask_id_number(item.trainee_id_number),
        month=item.month,
        rate_yuan=_yuan(item.rate_yuan),
        days_due=item.days_due,
        days_present=item.days_present,
        premium_yuan=_yuan(item.premium_yuan),
        policy_no=item.policy_no,
        amount_yuan=f"{item.amount_yuan:.2f}",
    )


class BankAccount(Struct, kw_only=True):
    account_name: str
    bank_name: str
    account_no: Annotated[str, Meta(description="Masked (last four digits) but in the agency's audited detail.")]


class ClaimEventAnswer(Struct, kw_only=True):
    status: ClaimStatus
    at: Timestamp
    actor: str
    comment: str | None


class Claim(Struct, kw_only=True):
    """A 补贴申领 in full."""

    claim_id: str
    status: ClaimStatus
    status_label: str
    credit_code: str
    org_name: str
    county_code: LocalityCode
    months: Sequence[str]
    lines: Sequence[Line]
    total_yuan: Yuan
    bank: BankAccount
    submitted_at: Timestamp
    publicity_start: Day | None
    publicity_end: Day | None
    open_objections: int
    voucher_no: str | None
    paid_on: Day | None
    history: Sequence[ClaimEventAnswer]


def claim(record: ClaimRecord, *, unmasked_account: bool = False) -> Claim:
    bank = record.bank
    return Claim(
        claim_id=record.claim_id,
        status=record.status,
        status_label=rules.status_label(record.status),
        credit_code=record.credit_code,
        org_name=record.org_name,
        county_code=record.county_code,
        months=list(record.months),
        lines=[line(item) for item in record.lines],
        total_yuan=f"{record.total_yuan:.2f}",
        bank=BankAccount(
            account_name=bank.account_name,
            bank_name=bank.bank_name,
            account_no=bank.account_no if unmasked_account else mask_account(bank.account_no),
        ),
        submitted_at=china_time(record.submitted_at),
        publicity_start=_day(record.publicity_start),
        publicity_end=_day(record.publicity_end),
        open_objections=record.open_objections,
        voucher_no=record.voucher_no,
        paid_on=_day(record.paid_on),
        history=[ClaimEventAnswer(status=e.status, at=e.at, actor=e.actor, comment=e.comment) for e in record.history],
    )


class UnitClaim(Claim, kw_only=True):
    """The unit's own claim, with its rating (好差评)."""

    rating: Annotated[Rating | None, Meta(description="The unit's rating of the claim (好差评); `null` before.")] = None


def unit_claim(record: ClaimRecord, rating: Rating | None) -> UnitClaim:
    return UnitClaim(**structs.asdict(claim(record)), rating=rating)


class ClaimSummary(Struct, kw_only=True):
    claim_id: str
    status: ClaimStatus
    status_label: str
    org_name: str
    county_code: LocalityCode
    months: Sequence[str]
    trainees: Annotated[int, Meta(description="Trainees in the claim.")]
    total_yuan: Yuan
    submitted_at: Timestamp
    publicity_start: Day | None
    publicity_end: Day | None


def summary(record: ClaimRecord) -> ClaimSummary:
    return ClaimSummary(
        claim_id=record.claim_id,
        status=record.status,
        status_label=rules.status_label(record.status),
        org_name=record.org_name,
        county_code=record.county_code,
        months=list(record.months),
        trainees=len({item.placement_id for item in record.lines}),
        total_yuan=f"{record.total_yuan:.2f}",
        submitted_at=china_time(record.submitted_at),
        publicity_start=_day(record.publicity_start),
        publicity_end=_day(record.publicity_end),
    )


class ClaimPage(Page, kw_only=True):
    """A page of claims, newest first."""

    items: Sequence[ClaimSummary]


class ExportJob(Struct, kw_only=True):
    export_id: str
    status: Annotated[str, one_of(["pending", "ready", "failed"])]
    rows: int | None
    download_url: Annotated[str, Meta(description="A presigned link valid for 5 minutes; `null` until ready.")] | None


class ExportAccepted(Struct, kw_only=True):
    export_id: str
    status: Annotated[str, one_of(["pending"])]


class LocalClock(Struct, kw_only=True):
    """The local stack's clock: how far it was moved, and the day it makes it in China."""

    offset_days: int
    today: Day
    now: Timestamp


def local_clock(offset: int, now: datetime) -> LocalClock:
    return LocalClock(offset_days=offset, today=china_date(now).isoformat(), now=china_time(now))


def attendance_list(
    placement: PlacementRecord, months: Sequence[AttendanceRecord], claimed: dict[str, str]
) -> AttendanceList:
    last = placement.ended_on or placement.end_date
    return AttendanceList(
        placement_id=placement.placement_id,
        trainee_name=mask_name(placement.trainee_name),
        start_date=_day(placement.start_date),
        end_date=_day(last),
        items=[attendance(record, claimed, placement.county_code) for record in months],
    )
