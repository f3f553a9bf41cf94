"""Public position search and detail (见习岗位查询), and staff publishing (见习岗位录入)."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint, Response
from msgspec import structs

from chalicelib import errors, wiring
from chalicelib.adapters.dynamo import RawKey
from chalicelib.api import cursor, parsing
from chalicelib.api.bodies import PositionWrite, ref
from chalicelib.api.conventions import DEFAULT_LIMIT
from chalicelib.api.http import PUBLIC_CACHE, change, endpoint, json_response, page, staff
from chalicelib.domain.clock import utc_now
from chalicelib.domain.limits import KEYWORD_MAX
from chalicelib.domain.search_order import DEFAULT_SORT, SORT_ORDERS
from chalicelib.domain.vocabulary import EDUCATION_LABELS, INDUSTRY_LABELS
from chalicelib.openapi_ops import (
    INVALID_CURSOR,
    POSITION_CHANGED,
    POSITION_NOT_FOUND,
    PUBLIC,
    SEARCH_FILTERS,
    STAFF_POSITION_NOT_FOUND,
    Failure,
    Op,
    documented,
    invalid_region_counts,
    invalid_region_search,
    staff_access,
    validation_failed,
)
from chalicelib.openapi_schema import json_answer
from chalicelib.services import positions
from chalicelib.services.positions import SearchFilters

bp = Blueprint(__name__)

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

FILTER_RULES: dict[str, parsing.QueryRule] = {
    "keyword": parsing.text_rule("keyword", KEYWORD_MAX),
    "education": parsing.one_of("education", EDUCATION_LABELS, "学历要求不在可选范围内"),
    "industry": parsing.one_of("industry", INDUSTRY_LABELS, "行业代码不在可选范围内"),
    "sort": parsing.one_of("sort", tuple(SORT_ORDERS), "排序方式应为newest、stipend或deadline"),
    "limit": parsing.limit_rule,
    "cursor": parsing.cursor_rule,
}
REGION_RULES: dict[str, parsing.QueryRule] = {"city": str, "county": str}


def filters_of(params: dict[str, Any]) -> SearchFilters:
    return SearchFilters(
        city=params.get("city"),
        county=params.get("county"),
        keyword=params.get("keyword"),
        education=params.get("education"),
        industry=params.get("industry"),
        sort=params.get("sort", DEFAULT_SORT),
    )


@bp.route("/positions", methods=["GET"])
@endpoint
@documented(
    Op(
        "searchPositions",
        "Search open positions (见习岗位查询)",
        "Open positions (status `open`, deadline today or later in China time), newest first unless `sort` "
        "says otherwise. Filters combine with AND. Without `city` and `county`: the whole province.",
        "public",
        PUBLIC,
        json_answer("PositionPage", "A page of position summaries.", public=True),
        (invalid_region_search(), INVALID_CURSOR),
        ("City", "County", *SEARCH_FILTERS),
        query=True,
    )
)
def search_positions() -> Response:
    params = parsing.query(bp.current_request.query_params, {**FILTER_RULES, **REGION_RULES})
    area = positions.search_area(params.get("city"), params.get("county"))
    filters = filters_of(params)
    query = cursor.query_identity("positions", filters=structs.asdict(filters))  # city and county among them
    first = positions.query_for(area, filters, limit=params.get("limit", DEFAULT_LIMIT), now=utc_now())

    def fetch(start: RawKey | None) -> tuple[list[dict[str, Any]], RawKey | None]:
        found = positions.search(first.page_from(start), ports=wiring.ports())
        return found.items, found.next_key

    return page(query, params.get("cursor"), fetch, headers=PUBLIC_CACHE)


COUNT_RULES: dict[str, parsing.QueryRule] = {
    "city": str,
    "education": FILTER_RULES["education"],
    "industry": FILTER_RULES["industry"],
}


@bp.route("/positions/counts", methods=["GET"])
@endpoint
@documented(
    Op(
        "countPositions",
        "Open positions per city or county (区县岗位数)",
        "How many open positions each county-level entry of `city` has (the region picker's counties, 市本级 "
        "first, every entry listed, 0 included), or without `city` each city of the province; the parent's "
        "count is the sum. Exact: equal to how many `GET /v1/positions` finds with the same region and "
        "filters, so a position past its deadline stops counting at midnight China time, as it leaves search.",
        "public",
        PUBLIC,
        json_answer(
            {"oneOf": [ref("ProvinceCounts"), ref("CityCounts")]},
            "The counts: `province` and `cities` without `city`, `city` and `counties` with it.",
            public=True,
        ),
        (invalid_region_counts(),),
        ("CountsCity", "Education", "Industry"),
        query=True,
    )
)
def position_counts() -> Response:
    params = parsing.query(bp.current_request.query_params, COUNT_RULES)
    body = positions.counts(
        params.get("city"), params.get("education"), params.get("industry"), utc_now(), ports=wiring.ports()
    )
    return json_response(body, headers=PUBLIC_CACHE)


@bp.route("/positions/{position_id}", methods=["GET"])
@endpoint
@documented(
    Op(
        "getPosition",
        "A position's detail",
        "Any position by id, open or closed (a closed one answers with `status: closed`).",
        "public",
        PUBLIC,
        json_answer("Position", "The position.", public=True),
        (POSITION_NOT_FOUND,),
        ("PositionId",),
    )
)
def position_detail(position_id: str) -> Response:
    return json_response(positions.detail(position_id, utc_now(), ports=wiring.ports()), headers=PUBLIC_CACHE)


@bp.route("/admin/positions", methods=["POST"])
@endpoint
@documented(
    Op(
        "createPosition",
        "Publish a position (见习岗位录入)",
        "Creates an `open` position; it is searchable at once. Field rules (422) are checked before the region (403).",
        "staff-positions",
        MANAGER,
        json_answer("Position", "Published.", status=201),
        (validation_failed(POSITION_RULES + "; any missing field `REQUIRED`"), OUTSIDE_REGION),
        body=PositionWrite,
        idempotent=True,
    )
)
def create_position() -> Response:
    principal = staff(bp.current_request, "position_manager")
    return change(
        bp.current_request,
        principal,
        "positions:create",
        lambda fields: positions.create(principal, fields, utc_now(), ports=wiring.ports()),
        body=PositionWrite,
        status=201,
    )


@bp.route("/admin/positions/{position_id}", methods=["PATCH"])
@endpoint
@documented(
    Op(
        "updatePosition",
        "Change a position",
        "Changes the given writable fields; the search reflects them at once. A closed position stays closed. "
        "Moving it to a `county_code` outside the caller's region is 403.",
        "staff-positions",
        MANAGER,
        json_answer("Position", "The changed position."),
        (STAFF_POSITION_NOT_FOUND, validation_failed(POSITION_RULES), OUTSIDE_REGION, POSITION_CHANGED),
        ("PositionId",),
        body=PositionWrite,
        partial=True,
        body_required=False,
        idempotent=True,
    )
)
def update_position(position_id: str) -> Response:
    principal = staff(bp.current_request, "position_manager")
    return change(
        bp.current_request,
        principal,
        f"positions:update:{position_id}",
        lambda fields: positions.update(principal, position_id, fields, utc_now(), ports=wiring.ports()),
        body=PositionWrite,
        partial=True,
    )


@bp.route("/admin/positions/{position_id}/close", methods=["POST"])
@endpoint
@documented(
    Op(
        "closePosition",
        "Close a position",
        "Sets `status: closed`; it leaves search at once. Closing a closed position answers it again. No body. "
        "Positions past their deadline are also closed by a nightly sweep (00:05 China time).",
        "staff-positions",
        MANAGER,
        json_answer("Position", "Closed."),
        (STAFF_POSITION_NOT_FOUND, POSITION_CHANGED),
        ("PositionId",),
        idempotent=True,
    )
)
def close_position(position_id: str) -> Response:
    principal = staff(bp.current_request, "position_manager")
    return change(
        bp.current_request,
        principal,
        f"positions:close:{position_id}",
        lambda _: positions.close(principal, position_id, utc_now(), ports=wiring.ports()),
    )
