"""考勤: the unit reports each trainee's month; a month is locked once a claim includes it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from msgspec import structs

from chalicelib.domain import subsidies as rules
from chalicelib.domain.clock import china_date
from chalicelib.domain.placements import CONFIRMED, PlacementRecord
from chalicelib.domain.subsidies import AttendanceRecord
from chalicelib.errors import (
    ATTENDANCE_CHANGED,
    ATTENDANCE_LOCKED,
    SUBSIDY_PLACEMENT_NOT_FOUND,
    VALIDATION_FAILED,
    FieldProblem,
)
from chalicelib.ports import Ports
from chalicelib.ports.conditions import ConditionFailed
from chalicelib.ports.subsidies import ATTENDANCE, LOCKED


def unit_placement(credit_code: str, placement_id: str, *, ports: Ports) -> PlacementRecord:
    """The unit's own placement, confirmed by 上岗报备; anyone else's is 404, as if it did not exist."""
    placement = ports.placements.get(placement_id)
    if placement is None or placement.credit_code != credit_code:
        raise SUBSIDY_PLACEMENT_NOT_FOUND()
    return placement


def period(placement: PlacementRecord) -> tuple[date, date] | None:
    """The months that can have 考勤: from the start to the early end or the period's last day."""
    if placement.confirmed_at is None or placement.status not in CONFIRMED or placement.start_date is None:
        return None
    last = placement.ended_on or placement.end_date
    return (placement.start_date, last) if last is not None else None


def month_problems(placement: PlacementRecord, month: str, today: date) -> list[FieldProblem]:
    span = period(placement)
    if span is None:
        return [FieldProblem("placement_id", "NOT_CONFIRMED", "该见习人员尚未上岗报备，不能填报考勤或申领补贴")]
    if not rules.is_month(month):
        return [FieldProblem("month", "INVALID_MONTH", "月份格式应为YYYY-MM")]
    if not rules.month_of(span[0]) <= month <= rules.month_of(span[1]):
        return [FieldProblem("month", "OUTSIDE_PERIOD", "该月不在见习期内")]
    if month > rules.month_of(today):
        return [FieldProblem("month", "FUTURE_MONTH", "不能填报尚未到来的月份")]
    return []


def record(
    credit_code: str,
    placement_id: str,
    month: str,
    fields: dict[str, object],
    now: datetime,
    *,
    ports: Ports,
) -> AttendanceRecord:
    placement = unit_placement(credit_code, placement_id, ports=ports)
    problems = month_problems(placement, month, china_date(now))
    if problems:
        raise VALIDATION_FAILED(problems)
    due, present = int(str(fields["days_due"])), int(str(fields["days_present"]))
    most = rules.month_days(month)
    if not 1 <= due <= most:
        problems.append(
            FieldProblem("days_due", "OUT_OF_RANGE", f"应出勤天数应在1至{most}天之间（该月工作日{most}天）")
        )
    if not 0 <= present <= due:
        problems.append(FieldProblem("days_present", "OUT_OF_RANGE", "实际出勤天数应在0至应出勤天数之间"))
    note = str(fields.get("note") or "")
    if len(note) > rules.NOTE_MAX:
        problems.append(FieldProblem("note", "TOO_LONG", f"备注不能超过{rules.NOTE_MAX}个字符"))
    if problems:
        raise VALIDATION_FAILED(problems)
    existing = next((a for a in ports.subsidies.months(placement_id).attendance if a.month == month), None)
    fresh = AttendanceRecord(
        placement_id=placement_id, month=month, days_due=due, days_present=present, note=note, updated_at=now
    )
    written = fresh if existing is None else structs.replace(fresh, version=existing.version + 1)
    try:
        ports.subsidies.put_attendance(written, version_read=None if existing is None else existing.version)
    except ConditionFailed as refused:
        if LOCKED in refused.failed:
            raise ATTENDANCE_LOCKED() from refused
        if ATTENDANCE in refused.failed:
            raise ATTENDANCE_CHANGED() from refused
        raise
    return written


def of_placement(
    credit_code: str, placement_id: str, *, ports: Ports
) -> tuple[PlacementRecord, Sequence[AttendanceRecord], dict[str, str]]:
    """The placement, its months oldest first, and which of them a claim holds (month -> claim id)."""
    placement = unit_placement(credit_code, placement_id, ports=ports)
    stored = ports.subsidies.months(placement_id)
    return placement, stored.attendance, stored.claimed
