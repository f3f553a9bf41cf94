"""The subsidy's rules as data: the minimum wage per county, the policy's rate and caps, and the working-day calendar.

The figures live in chalicelib/data/ (minimum_wages.json, subsidy_policy.json, working_calendar.json), each with its
source and with what could not be confirmed said there; this module only reads them. Money is Decimal yuan, to the
fen, rounded half up, as the 补贴表 shows it.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path
from typing import Any

from msgspec import Struct

_DATA = Path(__file__).resolve().parent.parent / "data"
FEN = Decimal("0.01")


class NoMinimumWage(LookupError):
    """No standard is recorded for this locality on this date (unknown code, or before the first effective date)."""


class SubsidyPolicy(Struct, frozen=True):
    basis: str
    rate_percent: int  # of the local monthly minimum wage, per trainee-month
    insurance_cap_yuan: Decimal  # per trainee, once
    publicity_working_days: int


class _Standard(Struct, frozen=True):
    wage_class: str
    effective_from: date
    monthly_yuan: int


def _load(name: str) -> Any:
    return json.loads((_DATA / name).read_text(encoding="utf-8"))


@cache
def subsidy_policy() -> SubsidyPolicy:
    raw = _load("subsidy_policy.json")
    return SubsidyPolicy(
        basis=raw["basis"],
        rate_percent=int(raw["rate"]["percent_of_minimum_wage"]),
        insurance_cap_yuan=Decimal(raw["insurance_cap_yuan"]["value"]),
        publicity_working_days=int(raw["publicity_working_days"]["value"]),
    )


@cache
def _standards() -> tuple[_Standard, ...]:
    raw = _load("minimum_wages.json")["standards"]
    rows = (_Standard(s["class"], date.fromisoformat(s["effective_from"]), int(s["monthly_yuan"])) for s in raw)
    return tuple(sorted(rows, key=lambda s: s.effective_from))


@cache
def _class_of_locality() -> dict[str, str]:
    return {row["code"]: row["class"] for row in _load("minimum_wages.json")["localities"]}


def monthly_minimum_wage(county_code: str, on: date) -> int:
    """The monthly minimum wage in yuan in force for a county-level entry (a county or a city's 市本级) on a day."""
    wage_class = _class_of_locality().get(county_code)
    if wage_class is None:
        raise NoMinimumWage(county_code)
    in_force = [s for s in _standards() if s.wage_class == wage_class and s.effective_from <= on]
    if not in_force:
        raise NoMinimumWage(f"{county_code} on {on.isoformat()}")
    return in_force[-1].monthly_yuan


def monthly_subsidy_yuan(county_code: str, on: date) -> Decimal:
    """The subsidy per trainee-month: the policy's percentage of the local minimum wage, to the fen."""
    wage = Decimal(monthly_minimum_wage(county_code, on))
    return to_fen(wage * subsidy_policy().rate_percent / 100)


def prorated_yuan(rate_yuan: Decimal, days_present: int, days_due: int) -> Decimal:
    """A month's amount for the days attended: rate × present ÷ due, to the fen, half up; a full month is the rate."""
    if days_due <= 0:
        return Decimal("0.00")
    return to_fen(rate_yuan * min(days_present, days_due) / days_due)


def to_fen(amount: Decimal) -> Decimal:
    return amount.quantize(FEN, rounding=ROUND_HALF_UP)


# -- the working-day calendar ----------------------------------------------------------------------------------


class _Year(Struct, frozen=True):
    holidays: frozenset[date]
    adjusted_working_days: frozenset[date]
    confirmed: bool


def _days(first: str, last: str) -> list[date]:
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


@cache
def _calendar() -> dict[int, _Year]:
    years = {}
    for year, raw in _load("working_calendar.json")["years"].items():
        holidays = frozenset(d for first, last, _name in raw["holidays"] for d in _days(first, last))
        adjusted = frozenset(date.fromisoformat(d) for d in raw["adjusted_working_days"])
        years[int(year)] = _Year(holidays, adjusted, confirmed=bool(raw["holidays"]))
    return years


def calendar_confirmed(year: int) -> bool:
    """Whether the State Council's holidays for this year are recorded; if not, only weekends are days off."""
    entry = _calendar().get(year)
    return entry is not None and entry.confirmed


def is_working_day(day: date) -> bool:
    entry = _calendar().get(day.year)
    if entry is not None and day in entry.adjusted_working_days:
        return True
    if entry is not None and day in entry.holidays:
        return False
    return day.weekday() < 5


def add_working_days(start: date, count: int) -> date:
    """The `count`-th working day after `start` (start itself not counted); count 0 is start."""
    day = start
    for _ in range(count):
        day += timedelta(days=1)
        while not is_working_day(day):
            day += timedelta(days=1)
    return day


def working_days_in_month(year: int, month: int) -> int:
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return sum(
        1 for day in _days(first.isoformat(), (following - timedelta(days=1)).isoformat()) if is_working_day(day)
    )


def publicity_period(approved_on: date) -> tuple[date, date]:
    """公示 from the next working day, for the policy's number of working days (both ends included)."""
    start = add_working_days(approved_on, 1)
    return start, add_working_days(start, subsidy_policy().publicity_working_days - 1)
