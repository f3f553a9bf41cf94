"""How the search tables are keyed: one place for every item type they hold, and for the scope a search reads.

| table    | item          | partition key ("scope") | sort key ("rank")    | example                   |
|----------|---------------|-------------------------|----------------------|---------------------------|
| listings | listing       | <scope>                 | <published_at>#<id>  | C140100|Ebachelor         |
| listings | region count  | @<parent scope>         | <child region code>  | @C140100|IC -> 140105     |
| keywords | posting       | 2<region>#<term>        | <published_at>#<id>  | 2C140100#软件             |
| keywords | term count    | #P#<term>               | "#"                  | #P#软件                   |
| keywords | index marker  | @<position_id>          | "#"                  | @9f1c…                    |

A listing scope (`query_scope`) starts with P, C or K and never contains "#" or "@"; a posting partition
starts with the layout's digit (`POSTING_LAYOUT`), so no two kinds of item can share a partition, and a new
posting layout can be built beside the old one before the switch (scripts/reindex.py).

A region count item holds one number attribute per deadline day (`d20261231`): how many open positions of
that child region, under that filter, close on that day. A count is the sum over days from today on, so a
position leaves the counts the moment its deadline passes, exactly when search stops showing it, whether or
not the nightly sweep has run yet.

A search is answered by one Query on one scope. Each open position is written under every scope a filter
combination can name: region level (province, city, county-level entry) x (all, education, industry, both).
That is 12 small entries per position, and it makes every non-keyword page read only what it returns.

Keyword postings are not: ~43 terms x 12 scopes was 511 postings per position, written and deleted from the
stream. A posting is written per region level only (province, city, county-level entry) and carries the
position's education, industry and county as attributes, which the query filters on. Bigrams are posted at
all three levels; a single character only at the province and city levels (a one-character query is rare, and
in a county it reads its city's postings filtered on the county). About 107 postings per position on the
demo data, a fifth of before. Filtering on attributes costs reads only under an education or industry filter
(postings of other filters are read and dropped), and a narrow filter is what the live listing check holds.
"""

from __future__ import annotations

from datetime import date
from typing import Final

from msgspec import Struct

from chalicelib.domain.areas import Area
from chalicelib.domain.regions import shanxi

TERM_COUNT_RANK: Final = "#"
DAY_PREFIX: Final = "d"
COUNTED_SCOPE: Final = "P"  # the province's region part: terms are counted province-wide
_REGION_PREFIX: Final = {"province": "P", "city": "C", "locality": "K"}
# The local index holding each order's sort key (domain/search_order); None: the table's own sort key.
ORDER_INDEX: Final[dict[str, str | None]] = {"newest": None, "stipend": "by_stipend", "deadline": "by_deadline"}


def region_part(area: Area) -> str:
    """P for the province; C<code> for a city and everything under it; K<code> for one county-level entry."""
    prefix = _REGION_PREFIX[area.level]
    return prefix if area.level == "province" else f"{prefix}{area.code}"


def query_scope(area: Area, education: str | None, industry: str | None) -> str:
    """The one listings partition that answers a search of this area under these filters."""
    return _scope(region_part(area), education, industry)


def _scope(region: str, education: str | None, industry: str | None) -> str:
    scope = region
    if education:
        scope += f"|E{education}"
    if industry:
        scope += f"|I{industry}"
    return scope


def listing_scopes(city_code: str, county_code: str, education: str, industry: str) -> list[str]:
    """Every scope an open position is listed under: each region level it is in, with and without each filter."""
    areas = (Area.province(), Area.city(city_code), Area.locality(county_code))
    return [query_scope(area, edu, ind) for area in areas for edu in (None, education) for ind in (None, industry)]


POSTING_LAYOUT: Final = "2"  # bump to build a new layout beside the old one (scripts/reindex.py)
_UNIGRAM_LEVELS: Final = ("P", "C")


class PostingRead(Struct, frozen=True):
    """Where a keyword search of a listing scope reads a term's postings, and what it filters them on."""

    partition: str
    education: str | None
    industry: str | None
    county: str | None  # set when a one-character query of a county reads its city's postings


def posting_regions(city_code: str, county_code: str) -> list[str]:
    """The region parts a position's postings are written under: the province, its city, its county-level entry."""
    return [region_part(area) for area in (Area.province(), Area.city(city_code), Area.locality(county_code))]


def posted_under(term: str, region: str) -> bool:
    """Is this term posted at this region level? Bigrams everywhere, single characters in province and city."""
    return len(term) > 1 or region[0] in _UNIGRAM_LEVELS


def posting_partition(region: str, term: str) -> str:
    return f"{POSTING_LAYOUT}{region}#{term}"


def is_posting(scope: str) -> bool:
    """A posting of any layout (term counts start with "#", markers with "@")."""
    return scope[:1] not in ("#", "@")


def posting_read(listing_scope: str, term: str) -> PostingRead:
    """The partition and attribute filters that answer `query_scope(...)` for one term."""
    region, *filters = listing_scope.split("|")
    found = {part[0]: part[1:] for part in filters}
    county = None
    if not posted_under(term, region):
        locality = shanxi().locality(region[1:])
        assert locality is not None, region  # query scopes are built from known areas
        county, region = locality.code, region_part(Area.city(locality.city_code))
    return PostingRead(posting_partition(region, term), found.get("E"), found.get("I"), county)


def term_of_partition(partition: str) -> str:
    return partition.partition("#")[2]  # region parts never contain "#"; a term may


def term_count_scope(term: str) -> str:
    """Terms are counted province-wide only, not per region and filter: one counter write per term instead
    of twelve, and a term rare in the province is about as rare in a city or under a filter."""
    return f"#{COUNTED_SCOPE}#{term}"


def marker_scope(position_id: str) -> str:
    return f"@{position_id}"


def region_count_scope(parent: Area, education: str | None, industry: str | None) -> str:
    """The counts of the children of `parent` (the province's cities, or a city's county-level entries)."""
    return "@" + query_scope(parent, education, industry)


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
            pairs.append((region_count_scope(Area.province(), edu, ind), city_code))
            pairs.append((region_count_scope(Area.city(city_code), edu, ind), county_code))
    return pairs
