"""见习岗位录入及维护: the approved trainee's positions of the locality and favourites."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint, Response
from msgspec import structs

from chalicelib import errors, wiring
from chalicelib.adapters.dynamo import RawKey
from chalicelib.api import cursor, parsing
from chalicelib.api.conventions import DEFAULT_LIMIT
from chalicelib.api.http import applicant, change, endpoint, json_response, mutation, page
from chalicelib.api.positions import FILTER_RULES, filters_of
from chalicelib.domain.areas import Area
from chalicelib.domain.clock import utc_now
from chalicelib.domain.limits import MAX_FAVOURITES
from chalicelib.openapi_ops import (
    APPLICANT,
    INVALID_CURSOR,
    POSITION_NOT_FOUND,
    SEARCH_FILTERS,
    Failure,
    Op,
    documented,
)
from chalicelib.openapi_schema import json_answer, no_content
from chalicelib.services import favourites, positions

bp = Blueprint(__name__)

NOT_TRAINEE_ANY = Failure(errors.NOT_TRAINEE, "the caller has no pending or approved application")
NOT_TRAINEE_APPROVED = Failure(errors.NOT_TRAINEE, "the caller has no approved application (pending is not enough)")


@bp.route("/trainee/positions", methods=["GET"])
@endpoint
@documented(
    Op(
        "searchLocalityPositions",
        "Positions of my locality",
        "Open positions whose `county_code` is the caller's locality (the 业务办理属地 of their pending or "
        "approved application) and no others, newest first. Filters as the public search, without `city`: "
        "`city` is an unknown parameter here (400). The cursor is bound to the locality too.",
        "trainee",
        APPLICANT,
        json_answer("PositionPage", "A page of position summaries."),
        (NOT_TRAINEE_ANY, INVALID_CURSOR),
        ("TraineeCounty", *SEARCH_FILTERS),
        query=True,
    )
)
def locality_positions() -> Response:
    principal = applicant(bp.current_request)
    params = parsing.query(bp.current_request.query_params, {**FILTER_RULES, "county": str})
    filters = filters_of(params)
    locality = favourites.trainee_locality(principal, ports=wiring.ports())
    # The locality is part of the query: a cursor from before a new application cannot page the new one.
    query = cursor.query_identity("trainee/positions", locality=locality, filters=structs.asdict(filters))
    first = positions.query_for(
        Area.locality(locality), filters, limit=params.get("limit", DEFAULT_LIMIT), now=utc_now()
    )

    def fetch(start: RawKey | None) -> tuple[list[dict[str, Any]], RawKey | None]:
        found = favourites.locality_positions(
            locality, first.page_from(start), county=filters.county, ports=wiring.ports()
        )
        return found.items, found.next_key

    return page(query, params.get("cursor"), fetch)


@bp.route("/favourites", methods=["GET"])
@endpoint
@documented(
    Op(
        "listFavourites",
        "My favourite positions",
        f"At most {MAX_FAVOURITES}, the most recent favourite first; a closed position stays listed with "
        "`status: closed`. Never paged (`next_cursor` is always `null`), and takes no query parameters (any "
        "is 400). No trainee check: a person who is no longer a trainee still sees the list.",
        "trainee",
        APPLICANT,
        json_answer("FavouriteList", "My favourites."),
        query=True,
    )
)
def my_favourites() -> Response:
    principal = applicant(bp.current_request)
    parsing.query(bp.current_request.query_params, {})
    return json_response({"items": favourites.mine(principal, utc_now(), ports=wiring.ports()), "next_cursor": None})


@bp.route("/favourites/{position_id}", methods=["PUT"])
@endpoint
@documented(
    Op(
        "addFavourite",
        "Favourite a position",
        "For an approved trainee, a position open and in their locality. Checks in order: trainee (403), "
        "position exists (404), already a favourite (200, whatever the position's state now), open (409 "
        f"`POSITION_CLOSED`), in the locality (422), fewer than {MAX_FAVOURITES} favourites (409; a hard "
        "limit under concurrent requests too). No body.",
        "trainee",
        APPLICANT,
        {
            **json_answer("Favourite", "Added.", status=201),
            **json_answer("Favourite", "Already a favourite: nothing changed."),
        },
        (
            NOT_TRAINEE_APPROVED,
            POSITION_NOT_FOUND,
            Failure(errors.POSITION_CLOSED, "the position is closed or past its deadline"),
            Failure(errors.FAVOURITE_LIMIT_REACHED, f"{MAX_FAVOURITES} favourites already"),
            Failure(
                errors.POSITION_OUTSIDE_LOCALITY,
                "the position's `county_code` is not the caller's locality",
            ),
        ),
        ("PositionId",),
        idempotent=True,
    )
)
def add_favourite(position_id: str) -> Response:
    principal = applicant(bp.current_request)

    def run() -> tuple[int, object]:
        added, favourite = favourites.add(principal, position_id, utc_now(), ports=wiring.ports())
        return (201 if added else 200), favourite

    return mutation(bp.current_request, principal, f"favourites:add:{position_id}", {}, run)


@bp.route("/favourites/{position_id}", methods=["DELETE"])
@endpoint
@documented(
    Op(
        "removeFavourite",
        "Remove a favourite",
        "204 also when it was not a favourite, or the position does not exist. No trainee check.",
        "trainee",
        APPLICANT,
        no_content("Not a favourite (any more)."),
        parameters=("PositionId",),
        idempotent=True,
    )
)
def remove_favourite(position_id: str) -> Response:
    principal = applicant(bp.current_request)
    return change(
        bp.current_request,
        principal,
        f"favourites:remove:{position_id}",
        lambda _: favourites.remove(principal, position_id, ports=wiring.ports()),
        status=204,
    )
