"""Public position search and detail (见习岗位查询), and staff publishing (见习岗位录入)."""

from __future__ import annotations

from typing import Any

from chalicelib import errors
from chalicelib.answers.positions import Position, PositionPage
from chalicelib.answers.regions import CityCounts, ProvinceCounts
from chalicelib.api import listings
from chalicelib.api.bodies import PositionWrite
from chalicelib.api.contract import PUBLIC, staff_access
from chalicelib.api.operation import operations
from chalicelib.api.queries import PositionCounts, PositionSearch
from chalicelib.api.routes import Routes
from chalicelib.domain.clock import utc_now
from chalicelib.domain.principal import Principal
from chalicelib.openapi_ops import (
    INVALID_CURSOR,
    POSITION_CHANGED,
    POSITION_NOT_FOUND,
    STAFF_POSITION_NOT_FOUND,
    Failure,
    invalid_region_counts,
    invalid_region_search,
    validation_failed,
)
from chalicelib.ports import Ports
from chalicelib.services import positions

routes = Routes(__name__)
operation = operations(routes)

MANAGER = staff_access("position_manager")
OUTSIDE_REGION = Failure(
    errors.LOCALITY_OUTSIDE_REGION,
    "`county_code` lies outside the caller's region",
)
POSITION_RULES = (
    "`title`, `employer_name`, `address`, `description`, `contact_name` `REQUIRED`/`TOO_LONG`; "
    "`employer_credit_code` `INVALID_CREDIT_CODE`; `industry`, `education` `UNKNOWN_VALUE`; `county_code` "
    "`INVALID_REGION`; `headcount`, `stipend_yuan_per_month`, `duration_months` `OUT_OF_RANGE`; `majors` "
    "`TOO_MANY`/`INVALID_ITEM`; `deadline` `INVALID_DATE`/`IN_THE_PAST`; `contact_phone` `INVALID_PHONE`"
)


@operation(
    method="GET",
    path="/positions",
    operation_id="searchPositions",
    summary="Search open positions (见习岗位查询)",
    description="Open positions (status `open`, deadline today or later in China time), newest first unless "
    "`sort` says otherwise. Filters combine with AND. Without `city` and `county`: the whole province.",
    tag="public",
    access=PUBLIC,
    query=PositionSearch,
    answer=PositionPage,
    answer_description="A page of position summaries.",
    cached=True,
    failures=(invalid_region_search(), INVALID_CURSOR),
)
def search_positions(query: PositionSearch, ports: Ports) -> PositionPage:
    return listings.position_search(query, utc_now(), ports)


@operation(
    method="GET",
    path="/positions/counts",
    operation_id="countPositions",
    summary="Open positions per city or county (区县岗位数)",
    description="How many open positions each county-level entry of `city` has (the region picker's counties, "
    "市本级 first, every entry listed, 0 included), or without `city` each city of the province; the parent's "
    "count is the sum. Exact: equal to how many `GET /v1/positions` finds with the same region and "
    "filters, so a position past its deadline stops counting at midnight China time, as it leaves search.",
    tag="public",
    access=PUBLIC,
    query=PositionCounts,
    answer=ProvinceCounts | CityCounts,
    answer_description="The counts: `province` and `cities` without `city`, `city` and `counties` with it.",
    cached=True,
    failures=(invalid_region_counts(),),
)
def position_counts(query: PositionCounts, ports: Ports) -> ProvinceCounts | CityCounts:
    return positions.counts(query.city, query.education, query.industry, utc_now(), ports=ports)


@operation(
    method="GET",
    path="/positions/{position_id}",
    operation_id="getPosition",
    summary="A position's detail",
    description="Any position by id, open or closed (a closed one answers with `status: closed`).",
    tag="public",
    access=PUBLIC,
    answer=Position,
    answer_description="The position.",
    cached=True,
    failures=(POSITION_NOT_FOUND,),
)
def position_detail(position_id: str, ports: Ports) -> Position:
    return positions.detail(position_id, utc_now(), ports=ports)


@operation(
    method="POST",
    path="/admin/positions",
    operation_id="createPosition",
    summary="Publish a position (见习岗位录入)",
    description="Creates an `open` position; it is searchable at once. Field rules (422) are checked before the "
    "region (403).",
    tag="staff-positions",
    access=MANAGER,
    body=PositionWrite,
    answer=Position,
    answer_description="Published.",
    status=201,
    failures=(validation_failed(POSITION_RULES + "; any missing field `REQUIRED`"), OUTSIDE_REGION),
    idempotent=True,
)
def create_position(caller: Principal, fields: dict[str, Any], ports: Ports) -> Position:
    return positions.create(caller, fields, utc_now(), ports=ports)


@operation(
    method="PATCH",
    path="/admin/positions/{position_id}",
    operation_id="updatePosition",
    summary="Change a position",
    description="Changes the given writable fields; the search reflects them at once. A closed position stays "
    "closed. Moving it to a `county_code` outside the caller's region is 403.",
    tag="staff-positions",
    access=MANAGER,
    body=PositionWrite,
    partial=True,
    body_required=False,
    answer=Position,
    answer_description="The changed position.",
    failures=(STAFF_POSITION_NOT_FOUND, validation_failed(POSITION_RULES), OUTSIDE_REGION, POSITION_CHANGED),
    idempotent=True,
)
def update_position(caller: Principal, position_id: str, fields: dict[str, Any], ports: Ports) -> Position:
    return positions.update(caller, position_id, fields, utc_now(), ports=ports)


@operation(
    method="POST",
    path="/admin/positions/{position_id}/close",
    operation_id="closePosition",
    summary="Close a position",
    description="Sets `status: closed`; it leaves search at once. Closing a closed position answers it again. No "
    "body. Positions past their deadline are also closed by a nightly sweep (00:05 China time).",
    tag="staff-positions",
    access=MANAGER,
    answer=Position,
    answer_description="Closed.",
    failures=(STAFF_POSITION_NOT_FOUND, POSITION_CHANGED),
    idempotent=True,
)
def close_position(caller: Principal, position_id: str, ports: Ports) -> Position:
    return positions.close(caller, position_id, utc_now(), ports=ports)
