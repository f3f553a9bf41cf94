"""One search of open positions, as a value: where (the area), under which filters, in which order, on which
day, how many, and from where (the previous page's `next_key`). The public search, the trainee's search of
their locality and the stores all pass this one value, so a new filter is one field, not an argument threaded
through every signature."""

from __future__ import annotations

from datetime import date
from typing import Any

from msgspec import Struct, structs

from chalicelib.domain.areas import Area
from chalicelib.domain.search_order import DEFAULT_SORT, SORT_ORDERS, SortOrder

PageKey = dict[str, dict[str, Any]]  # a store's resume key, opaque to everyone else (the cursor signs it)


class SearchQuery(Struct, frozen=True, kw_only=True):
    area: Area
    today: date  # a position whose deadline is before this China day is no longer open
    limit: int
    education: str | None = None
    industry: str | None = None
    keyword: str | None = None
    order: SortOrder = SORT_ORDERS[DEFAULT_SORT]
    start_key: PageKey | None = None  # opaque: where the store stopped reading for the previous page

    def page_from(self, start_key: PageKey | None) -> SearchQuery:
        return structs.replace(self, start_key=start_key)
