"""Partition keys of the search tables, one place for every item type they hold.

| table    | item          | partition key ("scope") | sort key ("rank")    | example                   |
|----------|---------------|-------------------------|----------------------|---------------------------|
| listings | listing       | <scope>                 | <published_at>#<id>  | C140100|Ebachelor         |
| listings | region count  | @<parent scope>         | <child region code>  | @C140100|IC -> 140105     |
| keywords | posting       | <scope>#<term>          | <published_at>#<id>  | C140100|Ebachelor#软件    |
| keywords | term count    | #P#<term>               | "#"                  | #P#软件                   |
| keywords | index marker  | @<position_id>          | "#"                  | @9f1c…                    |

A listing scope (domain.positions.query_scope) starts with P, C or K and never contains "#" or "@", so no
two kinds of item can share a partition.

A region count item holds one number attribute per deadline day (`d20261231`): how many open positions of
that child region, under that filter, close on that day. A count is the sum over days from today on, so a
position leaves the counts the moment its deadline passes, exactly when search stops showing it, whether or
not the nightly sweep has run yet.
"""

from __future__ import annotations

from datetime import date
from typing import Final

from chalicelib.domain.positions import query_scope

TERM_COUNT_RANK: Final = "#"
DAY_PREFIX: Final = "d"


def posting_scope(scope: str, term: str) -> str:
    return f"{scope}#{term}"


COUNTED_SCOPE: Final = "P"


def term_count_scope(term: str) -> str:
    """Terms are counted province-wide only, not per region and filter: one counter write per term instead
    of twelve, and a term rare in the province is about as rare in a city or under a filter."""
    return f"#{COUNTED_SCOPE}#{term}"


def marker_scope(position_id: str) -> str:
    return f"@{position_id}"


def region_count_scope(parent_region_key: str, education: str | None, industry: str | None) -> str:
    return "@" + query_scope(parent_region_key, education, industry)


def day_attribute(deadline: str) -> str:
    return DAY_PREFIX + deadline.replace("-", "")


def counts_from(today: date) -> str:
    """Day attributes at or after this name are still open today."""
    return day_attribute(today.isoformat())


def region_counts(city_code: str, county_code: str, education: str, industry: str) -> list[tuple[str, str]]:
    """The (count partition, child code) pairs an open position is counted under: its city among the
    province's cities and its county-level entry among the city's, for every filter combination."""
    pairs = []
    for edu in (None, education):
        for ind in (None, industry):
            pairs.append((region_count_scope("P", edu, ind), city_code))
            pairs.append((region_count_scope(f"C{city_code}", edu, ind), county_code))
    return pairs
