"""The unit routes' paging (issue 19), as chalicelib/api/listings.py pages the others: each list's identity (what
its signed cursor is bound to) and one page from the service."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from chalicelib.answers.positions import PositionPage
from chalicelib.answers.units import RecognitionPage, ReviewPositionPage
from chalicelib.api import cursor
from chalicelib.api.listings import page
from chalicelib.api.unit_queries import Paged, PositionReviewQueue, UnitPositionList, UnitQueue
from chalicelib.domain.principal import Principal
from chalicelib.ports import Ports
from chalicelib.services import unit_positions, unit_review, units


def recognitions(caller: Principal, query: Paged, ports: Ports) -> Any:
    identity = cursor.query_identity("unit/recognitions", unit=caller.credit_code)
    return page(
        RecognitionPage,
        identity,
        query.cursor,
        lambda start: units.history(caller, limit=query.limit, start_key=start, ports=ports),
    )


def unit_positions_page(caller: Principal, query: UnitPositionList, now: datetime, ports: Ports) -> Any:
    identity = cursor.query_identity("unit/positions", unit=caller.credit_code, status=query.status)
    return page(
        PositionPage,
        identity,
        query.cursor,
        lambda start: unit_positions.mine(caller, query.status, now, limit=query.limit, start_key=start, ports=ports),
    )


def unit_queue(caller: Principal, query: UnitQueue, ports: Ports) -> Any:
    filters: dict[str, Any] = {"status": query.status, "month": query.month, "county": query.county}
    identity = cursor.query_identity("admin/units", region=caller.region, **filters)
    return page(
        RecognitionPage,
        identity,
        query.cursor,
        lambda start: unit_review.queue(caller, **filters, limit=query.limit, start_key=start, ports=ports),
    )


def position_review_queue(caller: Principal, query: PositionReviewQueue, now: datetime, ports: Ports) -> Any:
    identity = cursor.query_identity("admin/positions", region=caller.region, county=query.county)
    return page(
        ReviewPositionPage,
        identity,
        query.cursor,
        lambda start: unit_positions.review_queue(
            caller, query.county, now, limit=query.limit, start_key=start, ports=ports
        ),
    )
