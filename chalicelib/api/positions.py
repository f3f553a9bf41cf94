"""Public position search and detail (见习岗位查询), and staff publishing (见习岗位录入)."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint, Response

from chalicelib.adapters.dynamo import RawKey
from chalicelib.api import cursor, parsing
from chalicelib.api.bodies import PositionWrite
from chalicelib.api.conventions import DEFAULT_LIMIT
from chalicelib.api.http import PUBLIC_CACHE, change, endpoint, json_response, page, staff
from chalicelib.domain.clock import utc_now
from chalicelib.domain.limits import KEYWORD_MAX
from chalicelib.domain.search_order import DEFAULT_SORT, SORT_ORDERS
from chalicelib.domain.vocabulary import EDUCATION_LABELS, INDUSTRY_LABELS
from chalicelib.services import positions
from chalicelib.services.positions import SearchFilters

bp = Blueprint(__name__)

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
def search_positions() -> Response:
    params = parsing.query(bp.current_request.query_params, {**FILTER_RULES, **REGION_RULES})
    region_key = positions.public_region_key(params.get("city"), params.get("county"))
    filters = filters_of(params)
    query = cursor.query_identity("positions", scope=region_key, filters=filters.__dict__)
    limit = params.get("limit", DEFAULT_LIMIT)

    def fetch(start: RawKey | None) -> tuple[list[dict[str, Any]], RawKey | None]:
        found = positions.search(region_key, filters, limit=limit, start_key=start, now=utc_now())
        return found.items, found.next_key

    return page(query, params.get("cursor"), fetch, headers=PUBLIC_CACHE)


COUNT_RULES: dict[str, parsing.QueryRule] = {
    "city": str,
    "education": FILTER_RULES["education"],
    "industry": FILTER_RULES["industry"],
}


@bp.route("/positions/counts", methods=["GET"])
@endpoint
def position_counts() -> Response:
    params = parsing.query(bp.current_request.query_params, COUNT_RULES)
    body = positions.counts(params.get("city"), params.get("education"), params.get("industry"), utc_now())
    return json_response(body, headers=PUBLIC_CACHE)


@bp.route("/positions/{position_id}", methods=["GET"])
@endpoint
def position_detail(position_id: str) -> Response:
    return json_response(positions.detail(position_id, utc_now()), headers=PUBLIC_CACHE)


@bp.route("/admin/positions", methods=["POST"])
@endpoint
def create_position() -> Response:
    principal = staff(bp.current_request, "position_manager")
    return change(
        bp.current_request,
        principal,
        "positions:create",
        lambda fields: positions.create(principal, fields, utc_now()),
        body=PositionWrite,
        status=201,
    )


@bp.route("/admin/positions/{position_id}", methods=["PATCH"])
@endpoint
def update_position(position_id: str) -> Response:
    principal = staff(bp.current_request, "position_manager")
    return change(
        bp.current_request,
        principal,
        f"positions:update:{position_id}",
        lambda fields: positions.update(principal, position_id, fields, utc_now()),
        body=PositionWrite,
        partial=True,
    )


@bp.route("/admin/positions/{position_id}/close", methods=["POST"])
@endpoint
def close_position(position_id: str) -> Response:
    principal = staff(bp.current_request, "position_manager")
    return change(
        bp.current_request,
        principal,
        f"positions:close:{position_id}",
        lambda _: positions.close(principal, position_id, utc_now()),
    )
