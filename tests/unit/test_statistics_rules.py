"""What a position's write adds to the counters of 统计分析 (chalicelib/domain/statistics.py), by county-level entry."""

from __future__ import annotations

from typing import Any

import pytest

from chalicelib.adapters.models import Position
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
