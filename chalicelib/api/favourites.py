"""见习岗位录入及维护: the approved trainee's positions of the locality and favourites."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint, Response

from chalicelib.adapters.dynamo import RawKey
from chalicelib.api import cursor, parsing
from chalicelib.api.conventions import DEFAULT_LIMIT
from chalicelib.api.http import applicant, change, endpoint, json_response, mutation, page
from chalicelib.api.positions import FILTER_RULES, filters_of
from chalicelib.domain.clock import utc_now
from chalicelib.services import favourites

bp = Blueprint(__name__)


@bp.route("/trainee/positions", methods=["GET"])
@endpoint
def locality_positions() -> Response:
    principal = applicant(bp.current_request)
    params = parsing.query(bp.current_request.query_params, {**FILTER_RULES, "county": str})
    filters = filters_of(params)
    locality = favourites.trainee_locality(principal)
    # The locality is part of the query: a cursor from before a new application cannot page the new one.
    query = cursor.query_identity("trainee/positions", locality=locality, filters=filters.__dict__)
    limit = params.get("limit", DEFAULT_LIMIT)

    def fetch(start: RawKey | None) -> tuple[list[dict[str, Any]], RawKey | None]:
        found = favourites.locality_positions(locality, filters, limit=limit, start_key=start, now=utc_now())
        return found.items, found.next_key

    return page(query, params.get("cursor"), fetch)


@bp.route("/favourites", methods=["GET"])
@endpoint
def my_favourites() -> Response:
    principal = applicant(bp.current_request)
    parsing.query(bp.current_request.query_params, {})
    return json_response({"items": favourites.mine(principal, utc_now()), "next_cursor": None})


@bp.route("/favourites/{position_id}", methods=["PUT"])
@endpoint
def add_favourite(position_id: str) -> Response:
    principal = applicant(bp.current_request)

    def run() -> tuple[int, object]:
        added, favourite = favourites.add(principal, position_id, utc_now())
        return (201 if added else 200), favourite

    return mutation(bp.current_request, principal, f"favourites:add:{position_id}", {}, run)


@bp.route("/favourites/{position_id}", methods=["DELETE"])
@endpoint
def remove_favourite(position_id: str) -> Response:
    principal = applicant(bp.current_request)
    return change(
        bp.current_request,
        principal,
        f"favourites:remove:{position_id}",
        lambda _: favourites.remove(principal, position_id),
        status=204,
    )
