"""The listing routes' paging: each query's identity (what a signed cursor is bound to), one page from the service,
the next cursor. Kept here so a list route's handler is one line and every list pages the same way."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from msgspec import structs

from chalicelib.answers.applications import ApplicationPage
from chalicelib.answers.fields import Page
from chalicelib.answers.messages import MessagePage
from chalicelib.answers.positions import PositionPage
from chalicelib.api import cursor
from chalicelib.api.queries import LocalitySearch, MessageList, MyCases, PositionSearch, ReviewQueue, SavedFilters
from chalicelib.domain.areas import Area
from chalicelib.domain.principal import Principal
from chalicelib.domain.search_order import DEFAULT_SORT
from chalicelib.ports import Ports
from chalicelib.ports.stores import RawKey
from chalicelib.services import applications, favourites, messages, positions, review
from chalicelib.services.positions import SearchFilters

Fetch = Callable[[RawKey | None], tuple[list[Any], RawKey | None]]
P = TypeVar("P", bound=Page)


def page(answer: type[P], identity: str, cursor_text: str | None, fetch: Fetch) -> P:
    """A list answer: the cursor checked against the query that issued it, one page, the next cursor."""
    items, next_key = fetch(cursor.decode(cursor_text, identity))
    return answer(items=items, next_cursor=cursor.encode(next_key, identity))


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


def position_search(query: PositionSearch, now: datetime, ports: Ports) -> PositionPage:
    area, filters = search_of(query)
    identity = cursor.query_identity("positions", filters=structs.asdict(filters))  # city and county among them
    first = positions.query_for(area, filters, limit=query.limit, now=now)

    def fetch(start: RawKey | None) -> tuple[list[Any], RawKey | None]:
        found = positions.search(first.page_from(start), ports=ports)
        return found.items, found.next_key

    return page(PositionPage, identity, query.cursor, fetch)


def locality_search(caller: Principal, query: LocalitySearch, now: datetime, ports: Ports) -> PositionPage:
    filters = filters_of(query)
    locality = favourites.trainee_locality(caller, ports=ports)
    # The locality is part of the query: a cursor from before a new application cannot page the new one.
    identity = cursor.query_identity("trainee/positions", locality=locality, filters=structs.asdict(filters))
    first = positions.query_for(Area.locality(locality), filters, limit=query.limit, now=now)

    def fetch(start: RawKey | None) -> tuple[list[Any], RawKey | None]:
        found = favourites.locality_positions(locality, first.page_from(start), county=filters.county, ports=ports)
        return found.items, found.next_key

    return page(PositionPage, identity, query.cursor, fetch)


def my_cases(caller: Principal, query: MyCases, ports: Ports) -> ApplicationPage:
    filters: dict[str, Any] = {"status": query.status, "month": query.month}
    identity = cursor.query_identity("applications", subject=caller.subject, **filters)
    return page(
        ApplicationPage,
        identity,
        query.cursor,
        lambda start: applications.my_cases(caller, **filters, limit=query.limit, start_key=start, ports=ports),
    )


def review_queue(caller: Principal, query: ReviewQueue, ports: Ports) -> ApplicationPage:
    filters: dict[str, Any] = {"status": query.status, "month": query.month, "county": query.county}
    identity = cursor.query_identity("admin/applications", region=caller.region, **filters)
    return page(
        ApplicationPage,
        identity,
        query.cursor,
        lambda start: review.queue(caller, **filters, limit=query.limit, start_key=start, ports=ports),
    )


def my_messages(caller: Principal, query: MessageList, ports: Ports) -> MessagePage:
    identity = cursor.query_identity("messages", subject=caller.subject, unread=query.unread)
    return page(
        MessagePage,
        identity,
        query.cursor,
        lambda start: messages.mine(caller, unread_only=query.unread, limit=query.limit, start_key=start, ports=ports),
    )
