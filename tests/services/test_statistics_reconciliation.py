"""统计分析 reconciled (issue 23): after a randomised history of every counted kind of event (applications, units'
recognitions, positions, placements, subsidy claims, ratings), across two cities and several China months, every
figure of `GET /v1/admin/statistics` for the province, each city and each county-level entry, month by month and
in total, equals a brute-force count over the records the history left (and, for positions, which keep no history,
over the ledger of what the history did to them)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from chalicelib.domain.regions import PROVINCE_CODE, shanxi
from chalicelib.domain.statistics import KEYS
from chalicelib.services import placement_agency, statistics
from tests.services.fakes import Fakes, fakes
from tests.services.placement_stories import Claim, PlacementStory, placements_
from tests.services.statistics_stories import (
    JAN,
    JUN,
    LOCALITIES,
    MAR,
    STAFF,
    ApplicationStory,
    History,
    PositionStory,
    UnitStory,
    applications_,
    staff_positions_,
    units_,
)

Story = ApplicationStory | UnitStory | PositionStory | PlacementStory
# Every path of every story at least once, besides what hypothesis draws.
EVERY_PATH: list[Story] = [
    ApplicationStory("140105", 0, "approve", 1, 2),
    ApplicationStory("140212", 1, "reject", 3, 5),
    ApplicationStory("140100", 2, "withdraw", 3, None),
    UnitStory("140105", 0, "approve", 1, 4, [(2, "open"), (1, "close"), (3, "edit"), (1, "move"), (2, "review")]),
    UnitStory("140212", 1, "revoke", 2, 1, [(2, "open"), (1, "wait"), (1, "reject"), (2, "edit"), (3, "move")]),
    UnitStory("140100", 0, "reject", 2, 3, []),
    UnitStory("140105", 0, "withdraw", 1, None, []),
    PositionStory("140212", 1, 4, "edit", 3),
    PositionStory("140100", 0, 2, "close", 2),
    PositionStory("140105", 0, 3, "move", 2),
    PositionStory("140100", 1, 1, "move", 3),
    *(
        PlacementStory(LOCALITIES[far % 3], far % 2, invited, invited, far, far % 3, ended, True, levels, claim)
        for far in range(9)
        for invited in (False, True)
        for ended, levels in [((JAN, MAR)[far % 2], (far % 5 + 1, 3))]
        for claim in [Claim("paid" if far % 2 else "publicised", ended, 4)]
    ),
    PlacementStory("140105", 0, False, True, 7, 0, JAN, False, (1, None), Claim("rejected", JAN, None)),
    PlacementStory("140105", 0, True, False, 8, 0, JAN, False, (None, 2), Claim("submitted", MAR, None)),
    PlacementStory("140212", 1, False, False, 8, 1, JAN, True, (None, None), Claim("objected", MAR, 5)),
    PlacementStory("140100", 0, False, False, 6, 2, JAN, True, (None, None), Claim("objected", JAN, None)),
]
FIRST, LAST = "2026-11", "2027-07"
MONTHS = ["2026-11", "2026-12", *(f"2027-{month:02d}" for month in range(1, 8))]
# A placement reaching one of these statuses is the event counted under the key.
PLACEMENT_KEYS = {
    "applied": "placements.applied",
    "agreed": "placements.agreed",
    "in_progress": "placements.in_progress",
    "completed": "placements.completed",
    "ended": "placements.ended_early",
}
Counts = dict[tuple[str, str], Counter[str]]  # ("<level>#<code>", month) -> key -> count; amounts paid in fen


def _regions(county: str) -> tuple[str, str, str]:
    """The regions an event in a county-level entry counts in (a city's 市本级 has the city's code)."""
    locality = shanxi().locality(county)
    assert locality is not None
    return f"county#{county}", f"city#{locality.city_code}", f"province#{PROVINCE_CODE}"


def _events(fake: Fakes, history: History) -> Iterable[tuple[str, str, str, int]]:
    """Every counted event the records show, as (county, China month, key, amount)."""
    for case in fake.db.applications.values():
        for step in case.history:
            key = "submitted" if step.status == "pending" else step.status
            yield case.locality, step.at[:7], f"applications.{key}", 1
    for recognition in fake.db.recognitions.values():
        for step in recognition.history:
            if step.status == "recognised":
                yield recognition.county_code, step.at[:7], "units.recognised", 1
    for county, month, published, headcount in history.positions:
        yield county, month, "positions.published", published
        yield county, month, "positions.open_headcount", headcount
    for placement in fake.ports.placements.tables.placements.values():  # type: ignore[attr-defined]
        status = None
        for step in placement.history:
            if step.status != status and step.status in PLACEMENT_KEYS:
                yield placement.county_code, step.at[:7], PLACEMENT_KEYS[step.status], 1
            if step.status == status and (step.comment or "").startswith("留用：劳动合同"):  # not an end for 留用
                yield placement.county_code, step.at[:7], "placements.retained", 1
            status = step.status
    for claim in fake.ports.subsidies.claims.values():  # type: ignore[attr-defined]
        yield claim.county_code, claim.history[0].at[:7], "subsidies.claimed", 1
        for step in claim.history:
            if step.status == "paid":
                yield claim.county_code, step.at[:7], "subsidies.paid", 1
                yield claim.county_code, step.at[:7], "subsidies.fen", int(claim.total_yuan * 100)
    for rating in fake.db.ratings.values():
        yield rating.county_code, rating.rated_at[:7], f"ratings.level_{int(rating.level)}", 1


def brute_force(fake: Fakes, history: History) -> Counts:
    counts: Counts = defaultdict(Counter)
    for county, month, key, n in _events(fake, history):
        for region in _regions(county):
            counts[(region, month)][key] += n
    return counts


def figures(counted: Counter[str]) -> dict[str, Any]:
    """What the answer should say of these counts: every key, the derived ones worked out here."""
    levels = [counted[f"ratings.level_{level}"] for level in range(1, 6)]
    rated, ended = sum(levels), counted["placements.completed"] + counted["placements.ended_early"]
    answer: dict[str, Any] = {key: counted[key] for key in KEYS}
    answer["subsidies.yuan"] = float(Decimal(counted["subsidies.fen"]) / 100)
    answer["placements.retention_rate"] = round(counted["placements.retained"] / ended, 4) if ended else None
    answer["ratings.count"] = rated
    answer["ratings.satisfaction_rate"] = round(sum(levels[2:]) / rated, 4) if rated else None
    return answer


def _check_answer(fake: Fakes, expected: Counts, region: str) -> None:
    """The answer for the region asked and for each region under it, month by month and over the span."""
    answer = statistics.report(STAFF, region=region, first=FIRST, last=LAST, now=JUN, ports=fake.ports)
    assert [key.key for key in answer.keys] == list(KEYS)
    for shown in [answer, *answer.children]:
        where = f"{shown.level}#{shown.region}"
        assert [month.month for month in shown.months] == MONTHS
        for month in shown.months:
            assert month.totals == figures(expected.get((where, month.month), Counter())), (where, month.month)
        overall = sum((expected.get((where, month), Counter()) for month in MONTHS), Counter())
        assert shown.totals == figures(overall), where


def play(stories: list[Story]) -> tuple[Fakes, History]:
    """The stories in the order drawn, then the placements' period ends (June), then what follows the end."""
    fake = fakes()
    history = History(fake)
    for story in stories:
        story.play(history)
    placement_agency.complete_due(JUN, ports=fake.ports)
    for step in history.late:
        step()
    return fake, history


def reconcile(fake: Fakes, history: History) -> None:
    """Every counter item (each region and month) and every figure answered equal the brute-force count."""
    expected = brute_force(fake, history)
    for where in set(expected) | set(fake.db.counters):
        stored = {key: n for key, n in fake.db.counters.get(where, {}).items() if n}
        assert stored == {key: n for key, n in expected.get(where, Counter()).items() if n}, where
    for region in {PROVINCE_CODE, *(code.split("#")[1] for county in LOCALITIES for code in _regions(county))}:
        _check_answer(fake, expected, region)


@settings(max_examples=200, deadline=None)
@given(stories=st.lists(st.one_of(applications_, units_, staff_positions_, placements_), min_size=1, max_size=12))
@example(stories=EVERY_PATH)
def test_every_figure_equals_a_count_of_the_records(stories: list[Story]) -> None:
    fake, history = play(stories)

    reconcile(fake, history)
