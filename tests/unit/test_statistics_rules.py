"""What a position's write adds to the counters of 统计分析 (chalicelib/domain/statistics.py), by county-level entry."""

from __future__ import annotations

from typing import Any

import pytest

from chalicelib.adapters.models import Position
from chalicelib.domain import statistics as rules
from chalicelib.domain.statistics import position_increments
from scripts.factories import position_body


def position(**changes: Any) -> Position:
    fields = {**position_body(county_code="140105", headcount=3), "city_code": "140100", "status": "open", **changes}
    stamp = "2027-01-11T10:00:00+08:00"
    return Position("p" * 32, **fields, published_at=stamp, updated_at=stamp)


def changed(old: Position, **changes: Any) -> Position:
    return position(**{**{name: getattr(old, name) for name in ("county_code", "headcount", "status")}, **changes})


@pytest.mark.parametrize(
    ("before", "after", "added"),
    [
        (None, {}, {"140105": {"positions.published": 1, "positions.open_headcount": 3}}),
        (None, {"status": "pending_review"}, {}),
        ({"status": "pending_review"}, {}, {"140105": {"positions.published": 1, "positions.open_headcount": 3}}),
        ({}, {"headcount": 5}, {"140105": {"positions.open_headcount": 2}}),
        ({}, {"status": "closed"}, {"140105": {"positions.open_headcount": -3}}),
        ({}, {"title": "新的标题"}, {}),
        ({"status": "closed"}, {"status": "closed", "headcount": 5}, {}),
    ],
)
def test_a_position_is_counted_in_its_entry_when_it_opens_and_while_its_headcount_is_open(
    before: dict[str, Any] | None, after: dict[str, Any], added: dict[str, dict[str, int]]
) -> None:
    old = None if before is None else position(**before)
    new = position(**after) if old is None else changed(old, **{"status": "open", **after})
    assert position_increments(old, new) == added


def test_a_position_moved_to_another_entry_takes_its_open_headcount_along() -> None:
    old = position()

    moved = position_increments(old, changed(old, county_code="140212", headcount=4))

    assert moved == {"140105": {"positions.open_headcount": -3}, "140212": {"positions.open_headcount": 4}}
    # published where it opened, once: a move is not a second publication
    assert position_increments(old, changed(old, county_code="140212", status="closed")) == {
        "140105": {"positions.open_headcount": -3}
    }


def test_the_retention_rate_counts_trainees_hired_before_their_term_ended() -> None:
    """留用 recorded on an early end (the unit hired the trainee before the term was out) is within the rate's base:
    two ended, one at its term and one early, both kept on, is 100%, never 200%; none ended is no rate at all."""
    both_kept = rules.totals([{"placements.completed": 1, "placements.ended_early": 1, "placements.retained": 2}])
    hired_early = rules.totals([{"placements.ended_early": 2, "placements.retained": 1}])
    none_ended = rules.totals([{"placements.in_progress": 3}])

    assert both_kept["placements.retention_rate"] == 1.0
    assert hired_early["placements.retention_rate"] == 0.5
    assert none_ended["placements.retention_rate"] is None
