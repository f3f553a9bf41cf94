"""Randomised histories for the reconciliation of 统计分析 (tests/services/test_statistics_reconciliation.py): stories
of applications, units and their positions, staff positions, placements, claims and ratings, each taken through the
use cases on the fakes at moments across several China months (two of them a month later in China than in UTC).

Positions keep no history of their own, so the stories write a ledger of what they did to them (opened with a
headcount, closed, headcount changed, moved), in the test's own words; every other count is made from the records."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, NamedTuple

from hypothesis import strategies as st

from chalicelib.domain.principal import Principal
from chalicelib.domain.regions import shanxi
from chalicelib.services import applications, positions, ratings, review, unit_positions, unit_review, units
from tests.services.builders import MANAGER, applicant, form, position_fields, uploaded
from tests.services.fakes import Fakes
from tests.services.unit_builders import applied, unit, unit_fields

STAFF = Principal("stats-staff", "统计员", None, frozenset({"reviewer"}), "140000")
# Two cities; 140100 is Taiyuan's 市本级, whose code is its city's.
LOCALITIES = ("140105", "140100", "140212")
NOV = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)
DEC = datetime(2026, 11, 30, 17, 30, tzinfo=UTC)  # 1 December in China, November in UTC
JAN = datetime(2027, 1, 11, 2, 0, tzinfo=UTC)
MAR = datetime(2027, 2, 28, 16, 30, tzinfo=UTC)  # 1 March in China, February in UTC
JUN = datetime(2027, 6, 1, 2, 0, tzinfo=UTC)  # the morning after a six-month period's last day
JUL = datetime(2027, 7, 5, 2, 0, tzinfo=UTC)
MOMENTS = (NOV, DEC, JAN, MAR)
LEVEL = st.one_of(st.none(), st.integers(1, 5))
Late = Callable[[], None]
Open = tuple[str, int]  # a position's county-level entry, and the headcount it has open there


def china_month(moment: datetime) -> str:
    """The month of a moment in China (UTC+8, no daylight saving), said here without the code under test."""
    return (moment.astimezone(UTC) + timedelta(hours=8)).strftime("%Y-%m")


@dataclass
class History:
    """A history's ledger of position events, its serials, and what is left to do after the placements' end."""

    fake: Fakes
    positions: list[tuple[str, str, int, int]] = field(default_factory=list)  # county, month, published, headcount
    serials: itertools.count[int] = field(default_factory=lambda: itertools.count(100))
    late: list[Late] = field(default_factory=list)

    def opened(self, county: str, at: datetime, headcount: int) -> None:
        self.positions.append((county, china_month(at), 1, headcount))

    def headcount_moved(self, county: str, at: datetime, delta: int) -> None:
        self.positions.append((county, china_month(at), 0, delta))

    def rate(self, who: Principal, case_type: str, case_id: str, level: int | None, at: datetime) -> None:
        if level is not None:
            body = {"case_type": case_type, "case_id": case_id, "level": level, "tags": [], "comment": ""}
            ratings.rate(who, body, at, ports=self.fake.ports)


def _after(first: datetime, index: int) -> datetime:
    return max(first, MOMENTS[index])


# -- applications ------------------------------------------------------------------------------------------------


class ApplicationStory(NamedTuple):
    """A person's application, submitted (moment index), decided or withdrawn later, rated once decided."""

    locality: str
    at: int
    decision: str | None  # approve | reject | withdraw
    later: int
    level: int | None

    def play(self, history: History) -> None:
        fake, submitted_at = history.fake, MOMENTS[self.at]
        who = applicant(next(history.serials))
        body = form(who, uploaded(fake, who.subject), self.locality)
        case = applications.submit(who, body, submitted_at, ports=fake.ports).application_id
        decided_at = _after(submitted_at, self.later)
        if self.decision == "withdraw":
            applications.withdraw(who, case, decided_at, ports=fake.ports)
        elif self.decision is not None:
            review.decide(STAFF, case, self.decision, "理由", decided_at, ports=fake.ports)
            history.rate(who, "application", case, self.level, decided_at)


applications_ = st.builds(
    ApplicationStory,
    st.sampled_from(LOCALITIES),
    st.integers(0, 2),
    st.sampled_from([None, "approve", "reject", "withdraw"]),
    st.integers(0, 3),
    LEVEL,
)

# -- a unit's recognition and its positions ----------------------------------------------------------------------

# A unit position's fate: left awaiting review, rejected, opened, opened then closed, opened then its headcount
# changed, opened then moved to another county-level entry of the unit's city (neither is reviewed again), opened
# then its description changed (back to review: no longer open).
FATES = ("wait", "reject", "open", "close", "edit", "move", "review", "reapprove")


class UnitStory(NamedTuple):
    """A unit's recognition, decided later (revoked: in March), rated once decided, and its positions' fates."""

    locality: str
    at: int
    decision: str | None  # withdraw | reject | approve | revoke (approved, then revoked)
    later: int
    level: int | None
    fates: list[tuple[int, str]]  # headcount, fate

    def play(self, history: History) -> None:
        fake, submitted_at = history.fake, MOMENTS[self.at]
        who = unit(900 + next(history.serials))
        code = who.credit_code
        assert code is not None
        recognition = applied(fake, who, county_code=self.locality, insured_staff=50)
        decided_at = _after(submitted_at, self.later)
        if self.decision == "withdraw":
            units.withdraw(who, decided_at, ports=fake.ports)
        elif self.decision is not None:
            approval = "reject" if self.decision == "reject" else "approve"
            unit_review.decide(STAFF, code, approval, "理由", decided_at, ports=fake.ports)
            history.rate(who, "recognition", recognition, self.level, decided_at)
        if self.decision not in ("approve", "revoke"):
            return
        still_open = [_unit_position(history, who, (self.locality, decided_at), *fate) for fate in self.fates]
        if self.decision == "revoke":  # its open positions close with it
            unit_review.decide(STAFF, code, "revoke", "不再符合条件", MAR, ports=fake.ports)
            for county, headcount in still_open:
                history.headcount_moved(county, MAR, -headcount)


units_ = st.builds(
    UnitStory,
    st.sampled_from(LOCALITIES),
    st.integers(0, 1),
    st.sampled_from([None, "withdraw", "reject", "approve", "revoke"]),
    st.integers(0, 2),
    LEVEL,
    st.lists(st.tuples(st.integers(1, 3), st.sampled_from(FATES)), max_size=3),
)


def _unit_position(history: History, who: Principal, where: tuple[str, datetime], headcount: int, fate: str) -> Open:
    """A unit's position published in `where` (county, moment) through its fate: where it is open at the end, with
    what headcount (0: not open)."""
    fake, (locality, at) = history.fake, where
    fields = unit_fields(county_code=locality, headcount=headcount)
    position_id = unit_positions.publish(who, fields, at, ports=fake.ports).position_id
    if fate == "wait":
        return locality, 0
    unit_positions.decide(STAFF, position_id, fate != "reject", "理由", at, ports=fake.ports)
    if fate == "reject":
        return locality, 0
    history.opened(locality, at, headcount)
    if fate == "open":
        return locality, headcount
    elsewhere = _next_in_city(locality)
    if fate == "close":
        unit_positions.close(who, position_id, JAN, ports=fake.ports)
    else:
        changes: dict[str, dict[str, Any]] = {
            "edit": {"headcount": headcount + 1},
            "review": {"description": "新的岗位职责。"},
            "reapprove": {"description": "新的岗位职责。"},
            "move": {"county_code": elsewhere},
        }
        unit_positions.update(who, position_id, changes[fate], JAN, ports=fake.ports)
        if fate == "reapprove":  # approved again: open again, but published once (issue 23's 发布岗位)
            unit_positions.decide(STAFF, position_id, True, None, JAN, ports=fake.ports)
    # Open after it, and where: a new headcount or county-level entry is not reviewed again, a new description is.
    county, still_open = {
        "edit": (locality, headcount + 1),
        "move": (elsewhere, headcount),
        "reapprove": (locality, headcount),
    }.get(fate, (locality, 0))
    history.headcount_moved(locality, JAN, -headcount)
    history.headcount_moved(county, JAN, still_open)
    return county, still_open


def _next_in_city(county: str) -> str:
    locality = shanxi().locality(county)
    city = shanxi().city(locality.city_code) if locality is not None else None
    assert city is not None
    return next(entry.code for entry in city.localities if entry.code != county)


# -- the agency's own positions ----------------------------------------------------------------------------------


class PositionStory(NamedTuple):
    """A position the agency publishes, then perhaps closes, edits the headcount of, or moves to another county-level
    entry (the next of LOCALITIES: in the other city or the same)."""

    locality: str
    at: int
    headcount: int
    then: str | None  # close | edit | move
    later: int

    def play(self, history: History) -> None:
        fake, published_at, changed_at = history.fake, MOMENTS[self.at], _after(MOMENTS[self.at], self.later)
        locality, headcount = self.locality, self.headcount
        fields = position_fields(county_code=locality, headcount=headcount)
        position_id = positions.create(MANAGER, fields, published_at, ports=fake.ports).position_id
        history.opened(locality, published_at, headcount)
        if self.then == "close":
            positions.close(MANAGER, position_id, changed_at, ports=fake.ports)
            history.headcount_moved(locality, changed_at, -headcount)
        elif self.then == "edit":
            positions.update(MANAGER, position_id, {"headcount": 6 - headcount}, changed_at, ports=fake.ports)
            history.headcount_moved(locality, changed_at, 6 - 2 * headcount)
        elif self.then == "move":
            elsewhere = LOCALITIES[(LOCALITIES.index(locality) + 1) % len(LOCALITIES)]
            positions.update(MANAGER, position_id, {"county_code": elsewhere}, changed_at, ports=fake.ports)
            history.headcount_moved(locality, changed_at, -headcount)
            history.headcount_moved(elsewhere, changed_at, headcount)


staff_positions_ = st.builds(
    PositionStory,
    st.sampled_from(LOCALITIES),
    st.integers(0, 2),
    st.integers(1, 5),
    st.sampled_from([None, "close", "edit", "move"]),
    st.integers(2, 3),
)
