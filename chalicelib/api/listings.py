"""The listing routes' paging: each query's identity (what a signed cursor is bound to), one page from the service,
the next cursor. Kept here so a list route's handler is one line and every list pages the same way."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from msgspec import structs

from chalicelib.adapters.dynamo import RawKey
from chalicelib.api import cursor
from chalicelib.api.queries import LocalitySearch, MessageList, MyCases, PositionSearch, ReviewQueue, SavedFilters
from chalicelib.domain.areas import Area
from chalicelib.domain.principal import Principal
from chalicelib.domain.search_order import DEFAULT_SORT
from chalicelib.services import applications, favourites, messages, positions, review
from chalicelib.services.positions import SearchFilters

Fetch = Callable[[RawKey | None], tuple[list[Any], RawKey | None]]


def page(identity: str, cursor_text: str | None, fetch: Fetch) -> dict[str, Any]:
    """A list answer: the cursor checked against the query that issued it, one page, the next cursor."""
    items, next_key = fetch(cursor.decode(cursor_text, identity))
    return {"items": items, "next_cursor": cursor.encode(next_key, identity)}


def filters_of(query: SavedFilters | LocalitySearch) -> SearchFilters:
    return SearchFilters(
        city=getattr(query, "city", None),
        county=query.county,
        keyword=query.keyword,
        education=query.education,
        industry=query.industry,
        sort=getattr(query, "sort", DEFAULT_SORT),
    )


def search_of(query: SavedFilters) -> tuple[Area, SearchFilters]:
    """A public search's area (400 `INVALID_REGION` for a bad city or county) and filters."""
    return positions.search_area(query.city, query.county), filters_of(query)


def position_search(query: PositionSearch, now: Any) -> dict[str, Any]:
    area, filters = search_of(query)
    identity = cursor.query_identity("positions", filters=structs.asdict(filters))  # city and county among them

    def fetch(start: RawKey | None) -> tuple[list[Any], RawKey | None]:
        found = positions.search(area, filters, limit=query.limit, start_key=start, now=now)
        return found.items, found.next_key

    return page(identity, query.cursor, fetch)


def locality_search(caller: Principal, query: LocalitySearch, now: Any) -> dict[str, Any]:
    filters = filters_of(query)
    locality = favourites.trainee_locality(caller)
    # The locality is part of the query: a cursor from before a new application cannot page the new one.
    identity = cursor.query_identity("trainee/positions", locality=locality, filters=structs.asdict(filters))

    def fetch(start: RawKey | None) -> tuple[list[Any], RawKey | None]:
        found = favourites.locality_positions(locality, filters, limit=query.limit, start_key=start, now=now)
        return found.items, found.next_key

    return page(identity, query.cursor, fetch)


def my_cases(caller: Principal, query: MyCases) -> dict[str, Any]:
    filters: dict[str, Any] = {"status": query.status, "month": query.month}
    identity = cursor.query_identity("applications", subject=caller.subject, **filters)
    return page(
        identity,
        query.cursor,
        lambda start: applications.my_cases(caller, **filters, limit=query.limit, start_key=start),
    )


def review_queue(caller: Principal, query: ReviewQueue) -> dict[str, Any]:
    filters: dict[str, Any] = {"status": query.status, "month": query.month, "county": query.county}
    identity = cursor.query_identity("admin/applications", region=caller.region, **filters)
    return page(
        identity, query.cursor, lambda start: review.queue(caller, **filters, limit=query.limit, start_key=start)
    )


def my_messages(caller: Principal, query: MessageList) -> dict[str, Any]:
    identity = cursor.query_identity("messages", subject=caller.subject, unread=query.unread)
    return page(
        identity,
        query.cursor,
        lambda start: messages.mine(caller, unread_only=query.unread, limit=query.limit, start_key=start),
    )
