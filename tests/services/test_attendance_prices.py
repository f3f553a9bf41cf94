"""The attendance list tells the unit what each month would claim, before any claim is made (the web client's
补贴申领 shows every line's amount and the total before 提交): the figures test_subsidies.py's claim carries."""

from __future__ import annotations

from datetime import UTC, datetime

from chalicelib.answers import subsidies as answers
from chalicelib.domain.placements import IN_PROGRESS, PlacementRecord
from chalicelib.domain.subsidies import AttendanceRecord
from tests.services.subsidy_steps import JUNE_2025, LISHI, UNIT


def _month(month: str, due: int, present: int) -> AttendanceRecord:
    return AttendanceRecord(
        placement_id="p" * 32, month=month, days_due=due, days_present=present, updated_at=JUNE_2025
    )


def _trainee() -> PlacementRecord:
    at = datetime(2025, 3, 3, tzinfo=UTC)
    return PlacementRecord(
        placement_id="p" * 32,
        subject="trainee-1",
        trainee_name="王小雨",
        trainee_id_number="141102200105041003",
        trainee_phone="13900000001",
        credit_code=UNIT.credit_code,
        org_name=UNIT.org_name,
        position_id="a" * 32,
        position_title="财务助理",
        county_code=LISHI,
        city_code="141100",
        status=IN_PROGRESS,
        created_at=at,
        updated_at=at,
    )


def test_each_month_of_the_list_is_priced_at_the_rule() -> None:
    months = [_month("2025-04", 21, 21), _month("2025-05", 19, 17)]
    listed = answers.attendance_list(_trainee(), months, {"2025-04": "c" * 32})
    assert [(m.month, m.rate_yuan, m.amount_yuan, m.locked) for m in listed.items] == [
        ("2025-04", "1290.00", "1290.00", True),  # 离石区 2025: 60% of 2,150 yuan
        ("2025-05", "1290.00", "1154.21", False),  # 1290 × 17 ÷ 19 = 1154.2105…, to the fen, half up
    ]


def test_a_single_written_month_carries_no_price() -> None:
    """PUT answers the month as stored: the price belongs to the list, which knows the trainee's county."""
    answer = answers.attendance(_month("2025-04", 21, 20), {})
    assert (answer.rate_yuan, answer.amount_yuan) == (None, None)
