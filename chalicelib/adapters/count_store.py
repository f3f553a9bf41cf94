"""Open-position counts per region, kept in the same transactions that write the listing entries.

One item per (parent region and filter, child region) holds a count per deadline day (adapters/search_layout.py); a
city's counties, or the province's cities, are one Query of one partition.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from pynamodb.expressions.operand import Path, Value

from chalicelib.adapters.dynamo import Transaction, connection
from chalicelib.adapters.models import Position, RegionCount
from chalicelib.adapters.search_layout import DAY_PREFIX, counts_from, day_attribute, region_count_scope, region_counts
from chalicelib.domain.areas import Area

# (count partition, child code) -> {day attribute: change}
CountDeltas = dict[tuple[str, str], dict[str, int]]


def deltas(removed: Iterable[Position], added: Iterable[Position]) -> CountDeltas:
    """The count changes when `removed` stop being counted and `added` start; what cancels out is dropped,
    so an edit that moves nothing writes no counter (and never touches one item twice in a transaction)."""
    changes: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for sign, positions in ((-1, removed), (1, added)):
        for p in positions:
            for key in region_counts(p.city_code, p.county_code, p.education, p.industry):
                changes[key][day_attribute(p.deadline)] += sign
    result: CountDeltas = {}
    for key, days in changes.items():
        kept = {day: change for day, change in days.items() if change}
        if kept:
            result[key] = kept
    return result


def _actions(days: dict[str, int]) -> list[Any]:
    return [Path(day).add(Value({"N": str(change)})) for day, change in sorted(days.items())]


def add_to(tx: Transaction, changes: CountDeltas) -> None:
    for (scope, child), days in changes.items():
        tx.update("region count", RegionCount(scope, child), actions=_actions(days))


def apply(changes: CountDeltas) -> None:
    """Outside a transaction: for bulk loading into an empty table only."""
    connection()
    for (scope, child), days in changes.items():
        RegionCount(scope, child).update(actions=_actions(days))


def counts(parent: Area, education: str | None, industry: str | None, today: date) -> tuple[dict[str, int], int]:
    """Open positions per child region of `parent` under the filters (one Query), and the items read. The items
    are read raw: their day attributes are named by date, not declared on the model."""
    connection()
    scope = region_count_scope(parent, education, industry)
    first_open_day = counts_from(today)
    found: dict[str, int] = {}
    read = 0
    for page in RegionCount.query(scope, consistent_read=True).page_iter:
        for item in page.get("Items", []):
            found[item["rank"]["S"]] = sum(
                int(value["N"])
                for name, value in item.items()
                if name.startswith(DAY_PREFIX) and name >= first_open_day and "N" in value
            )
        read += page.get("ScannedCount", 0)
    return found, read
