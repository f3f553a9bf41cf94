"""The subsidy's rules as data: Shanxi's figures, the State Council's calendar and the 公示 period."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain import wages
from chalicelib.domain.regions import shanxi


@given(st.dates(min_value=date(2025, 1, 1), max_value=date(2025, 12, 31)))
def test_lishi_pays_1290_a_month_throughout_2025(on: date) -> None:
    assert wages.monthly_minimum_wage("141102", on) == 2150
    assert wages.monthly_subsidy_yuan("141102", on) == Decimal("1290.00")


def test_every_county_level_entry_of_shanxi_has_a_minimum_wage() -> None:
    codes = [loc.code for city in shanxi().cities for loc in city.localities]
    assert len(codes) == 128
    assert all(wages.monthly_minimum_wage(code, date(2025, 6, 1)) > 0 for code in codes)


def test_no_standard_is_guessed_before_the_first_effective_date_or_outside_shanxi() -> None:
    with pytest.raises(wages.NoMinimumWage):
        wages.monthly_minimum_wage("141102", date(2024, 12, 31))
    with pytest.raises(wages.NoMinimumWage):
        wages.monthly_minimum_wage("110101", date(2025, 6, 1))


def test_the_policy_names_its_basis_rate_cap_and_publicity() -> None:
    policy = wages.subsidy_policy()
    assert "晋人社厅发〔2023〕24号" in policy.basis
    assert (policy.rate_percent, policy.insurance_cap_yuan, policy.publicity_working_days) == (60, Decimal(240), 5)


@given(st.integers(min_value=1, max_value=23), st.integers(min_value=0, max_value=23))
def test_proration_is_to_the_fen_never_over_the_rate(days_due: int, days_present: int) -> None:
    amount = wages.prorated_yuan(Decimal("1290.00"), days_present, days_due)
    assert amount == amount.quantize(Decimal("0.01"))
    assert Decimal(0) <= amount <= Decimal("1290.00")
    assert (amount == Decimal("1290.00")) == (days_present >= days_due)


def test_proration_rounds_half_up() -> None:
    # 1290 × 1 ÷ 8 = 161.25 exactly; 1290 × 7 ÷ 22 = 410.4545… → 410.45; 1 × 1 ÷ 8 = 0.125 → 0.13
    assert wages.prorated_yuan(Decimal("1290.00"), 1, 8) == Decimal("161.25")
    assert wages.prorated_yuan(Decimal("1290.00"), 7, 22) == Decimal("410.45")
    assert wages.prorated_yuan(Decimal("1.00"), 1, 8) == Decimal("0.13")


def test_the_state_councils_holidays_and_adjusted_working_days() -> None:
    assert not wages.is_working_day(date(2025, 1, 28))  # 春节 2025
    assert wages.is_working_day(date(2025, 1, 26))  # a Sunday worked
    assert not wages.is_working_day(date(2026, 2, 23))  # a Monday of 春节 2026
    assert wages.is_working_day(date(2026, 2, 28))  # a Saturday worked
    assert wages.calendar_confirmed(2026)
    assert not wages.calendar_confirmed(2027)  # said so in the data file: weekends only


def test_working_days_per_month() -> None:
    assert wages.working_days_in_month(2025, 2) == 19  # 20 weekdays, 2 of 春节 off, Sat 8 Feb worked
    assert wages.working_days_in_month(2025, 10) == 18  # 23 weekdays, 6 of 国庆 off, Sat 11 Oct worked
    assert wages.working_days_in_month(2027, 3) == 23


def test_lishi_2025_publicity_ran_five_working_days_from_6_to_12_august() -> None:
    assert wages.add_working_days(date(2025, 8, 6), 4) == date(2025, 8, 12)
    assert wages.publicity_period(date(2025, 8, 5)) == (date(2025, 8, 6), date(2025, 8, 12))


def test_publicity_after_a_friday_approval_starts_monday_and_skips_national_day() -> None:
    start, end = wages.publicity_period(date(2025, 9, 26))
    assert start == date(2025, 9, 28)  # the Sunday worked before 国庆
    assert end == date(2025, 10, 10)  # 28, 29, 30 Sep, then 9 and 10 Oct after the holiday
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    assert sum(wages.is_working_day(d) for d in days) == 5
