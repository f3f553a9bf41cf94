"""考勤 and 就业见习补贴: the records, the claim's statuses, and the amounts (pure: no I/O).

A claim pays, per trainee and month, the local rate (chalicelib/domain/wages.py) prorated by attendance, and per
trainee once, the accident insurance premium up to the policy's cap. Each (placement, month) and each placement's
premium is claimed once ever: the store holds that with one lock item per line, written only if absent.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Final

from msgspec import Struct

from chalicelib.domain import wages

SUBMITTED: Final = "submitted"
PUBLICISED: Final = "publicised"
REJECTED: Final = "rejected"
PAID: Final = "paid"
STATUS_LABELS: Final = {SUBMITTED: "待审核", PUBLICISED: "公示中", REJECTED: "审核不通过", PAID: "已拨付"}
STATUSES: Final = tuple(STATUS_LABELS)

OPEN: Final = "open"
DISMISSED: Final = "dismissed"
UPHELD: Final = "upheld"
OBJECTION_LABELS: Final = {OPEN: "待处理", DISMISSED: "不成立", UPHELD: "成立"}

MONTH_LINE: Final = "month"
PREMIUM_LINE: Final = "insurance"
MAX_CLAIM_LINES: Final = 45  # two items each in the claim's transaction, which holds 100
OBJECTIONS_PER_PHONE_PER_DAY: Final = 5
NOTE_MAX: Final = 200
POLICY_NO_MAX: Final = 40
BANK_FIELD_MAX: Final = 60
OBJECTION_TEXT_MAX: Final = 500
OBJECTION_NAME_MAX: Final = 30
OBJECTION_OFFICE: Final = "见习单位所在地公共就业服务机构（人社部门）"
# What the unit is told at each step (chalicelib/domain/notices.py spreads these into its tables); texted on
# approval, rejection and payment, each naming the unit and the step, never an amount or a person.
SUBSIDY_TITLES: Final = {
    "subsidy_submitted": "补贴申领已提交，等待审核",
    "subsidy_approved": "补贴申领审核通过，进入公示",
    "subsidy_rejected": "补贴申领审核不通过",
    "subsidy_returned": "补贴申领公示异议成立，退回重新审核",
    "subsidy_paid": "就业见习补贴已拨付",
}
SUBSIDY_SMS_TEMPLATES: Final = {
    "subsidy_approved": "{1}您好，贵单位的就业见习补贴申领{2}，详情请登录山西省人社公共服务平台查看。",
    "subsidy_rejected": "{1}您好，贵单位的就业见习补贴申领{2}，原因请登录山西省人社公共服务平台查看。",
    "subsidy_paid": "{1}您好，{2}，详情请登录山西省人社公共服务平台查看。",
}
MONTH_PATTERN: Final = r"^\d{4}-(0[1-9]|1[0-2])$"
_MONTH = re.compile(MONTH_PATTERN)


class AttendanceRecord(Struct, frozen=True, kw_only=True):
    """One trainee's 考勤 of one month, as the unit reported it; `version` bumps on every write."""

    placement_id: str
    month: str  # YYYY-MM
    days_due: int
    days_present: int
    note: str = ""
    updated_at: datetime
    version: int = 1


class ClaimLine(Struct, frozen=True, kw_only=True):
    """A line of the claim: a trainee's month (rate, days, amount) or their insurance premium (capped)."""

    kind: str  # MONTH_LINE or PREMIUM_LINE
    placement_id: str
    trainee_name: str
    trainee_id_number: str
    month: str | None = None
    rate_yuan: Decimal | None = None
    days_due: int | None = None
    days_present: int | None = None
    attendance_version: int | None = None
    premium_yuan: Decimal | None = None
    policy_no: str | None = None
    amount_yuan: Decimal


class Bank(Struct, frozen=True, kw_only=True):
    account_name: str
    bank_name: str
    account_no: str


class ClaimEvent(Struct, frozen=True):
    status: str
    at: str  # RFC 3339, China time
    actor: str
    comment: str | None = None


class ClaimRecord(Struct, frozen=True, kw_only=True):
    """A 补贴申领 as stored. `submitter` is the unit account's `sub` (its messages go there)."""

    claim_id: str
    credit_code: str
    org_name: str
    submitter: str
    contact_phone: str | None = None  # the unit's, for texts (None: messages only)
    county_code: str
    city_code: str
    status: str
    months: tuple[str, ...]
    lines: tuple[ClaimLine, ...]
    total_yuan: Decimal
    bank: Bank
    submitted_at: datetime
    publicity_start: date | None = None
    publicity_end: date | None = None
    open_objections: int = 0
    upheld_objections: int = 0
    voucher_no: str | None = None
    paid_on: date | None = None
    history: tuple[ClaimEvent, ...] = ()
    updated_at: datetime
    version: int = 1


class ObjectionRecord(Struct, frozen=True, kw_only=True):
    objection_id: str
    claim_id: str
    name: str
    phone: str
    text: str
    status: str = OPEN
    created_at: datetime
    note: str | None = None
    resolved_at: datetime | None = None
    resolved_by: str | None = None


def is_month(value: str) -> bool:
    return bool(_MONTH.match(value))


def month_days(month: str) -> int:
    """The working days of a YYYY-MM month (the most `days_due` can be)."""
    year, number = (int(part) for part in month.split("-"))
    return wages.working_days_in_month(year, number)


def first_day(month: str) -> date:
    return date.fromisoformat(f"{month}-01")


def month_of(day: date) -> str:
    return day.strftime("%Y-%m")


def month_line(
    placement_id: str, name: str, id_number: str, county_code: str, attendance: AttendanceRecord
) -> ClaimLine:
    """A trainee's month: the county's rate in force on the month's first day, prorated by the days present."""
    rate = wages.monthly_subsidy_yuan(county_code, first_day(attendance.month))
    return ClaimLine(
        kind=MONTH_LINE,
        placement_id=placement_id,
        trainee_name=name,
        trainee_id_number=id_number,
        month=attendance.month,
        rate_yuan=rate,
        days_due=attendance.days_due,
        days_present=attendance.days_present,
        attendance_version=attendance.version,
        amount_yuan=wages.prorated_yuan(rate, attendance.days_present, attendance.days_due),
    )


def premium_line(placement_id: str, name: str, id_number: str, premium: Decimal, policy_no: str) -> ClaimLine:
    """The insurance premium paid for a trainee, up to the policy's cap."""
    cap = wages.subsidy_policy().insurance_cap_yuan
    return ClaimLine(
        kind=PREMIUM_LINE,
        placement_id=placement_id,
        trainee_name=name,
        trainee_id_number=id_number,
        premium_yuan=wages.to_fen(premium),
        policy_no=policy_no,
        amount_yuan=wages.to_fen(min(premium, cap)),
    )


def total(lines: tuple[ClaimLine, ...]) -> Decimal:
    return wages.to_fen(sum((line.amount_yuan for line in lines), Decimal(0)))


def line_key(line: ClaimLine) -> str:
    """What is claimed once ever: `month` for a trainee's month, `premium` for their insurance."""
    return line.month if line.kind == MONTH_LINE and line.month else "premium"


def status_label(status: str) -> str:
    return STATUS_LABELS[status]


def disbursable(claim: ClaimRecord, today: date) -> bool:
    """拨付 only after the 公示 ended, with no objection open or upheld."""
    return (
        claim.status == PUBLICISED
        and claim.publicity_end is not None
        and today > claim.publicity_end
        and claim.open_objections == 0
        and claim.upheld_objections == 0
    )
