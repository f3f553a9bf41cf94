"""The counters of 统计分析, written inside the transaction of the event they count.

Every store whose event is counted adds `count_in(tx, county_code, month, {key: n})` to its own transaction: three
ADD updates (the county-level entry, its city, the province; chalicelib/domain/statistics.py), so a count can never
be ahead of or behind the event, a retried transaction counts once (its marker; adapters/dynamo.transact), and a
region's figures are read by one Query (`months`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from pynamodb.expressions.operand import Path

from chalicelib.adapters.dynamo import Transaction, connection
from chalicelib.adapters.models import StatisticsMonth
from chalicelib.domain.statistics import COUNTED, RegionKey, counted_in

LABEL = "statistics"  # a condition never fails on a counter: the label only names the items of a cancellation


def counter_updates(county_code: str, month: str, increments: Mapping[str, int]) -> list[tuple[str, Any, list[Any]]]:
    """The (label, item, actions) of each counter item an event adds to: one per region level."""
    unknown = set(increments) - set(COUNTED)
    if unknown:
        raise ValueError(f"not a counted key: {sorted(unknown)}")  # a typo would count nowhere, silently
    actions = [Path([key]).add(n) for key, n in increments.items() if n]
    if not actions:
        return []
    return [
        (f"{LABEL} {region.level}", StatisticsMonth(region.key, month), actions) for region in counted_in(county_code)
    ]


def count_in(tx: Transaction, county_code: str, month: str, increments: Mapping[str, int]) -> None:
    """Add the event's counter updates to the transaction that writes the event."""
    for label, item, actions in counter_updates(county_code, month, increments):
        tx.update(label, item, actions=actions)


def count_all_in(tx: Transaction, events: Iterable[tuple[str, str, Mapping[str, int]]]) -> None:
    """Several events (county_code, month, increments) in one transaction: summed per counter item first, since
    two counties of one city share the city's and the province's items, and a transaction writes an item once."""
    summed: dict[tuple[str, str], tuple[str, Counter[str]]] = {}
    for county_code, month, increments in events:
        for label, item, _ in counter_updates(county_code, month, increments):  # checks the keys
            summed.setdefault((item.region, month), (label, Counter()))[1].update(increments)
    for (key, month), (label, increments) in summed.items():
        actions = [Path([name]).add(n) for name, n in increments.items() if n]
        if actions:
            tx.update(label, StatisticsMonth(key, month), actions=actions)


def months(region: RegionKey, first: str, last: str) -> dict[str, dict[str, int]]:
    """A region's counters for each month from `first` to `last` that has any: one Query (at most 36 small items,
    one page; a second page is followed should there be one). Read raw: the counters are attributes the model
    does not declare, which PynamoDB's models would drop."""
    connection()
    table = StatisticsMonth._get_connection()
    found: dict[str, dict[str, int]] = {}
    start: dict[str, Any] | None = None
    while True:
        page = table.query(
            region.key,
            range_key_condition=StatisticsMonth.month.between(first, last),
            exclusive_start_key=start,
        )
        for raw in page.get("Items", []):
            found[raw["month"]["S"]] = {key: int(raw[key]["N"]) for key in COUNTED if key in raw}
        start = page.get("LastEvaluatedKey")
        if not start:
            return found
