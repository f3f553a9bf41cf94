"""岗位订阅: save a public search (at most five), list them, delete one."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint, Response

from chalicelib import errors, wiring
from chalicelib.api import parsing
from chalicelib.api.bodies import SavedSearchRequest
from chalicelib.api.http import applicant, endpoint, json_response, mutation
from chalicelib.api.parsing import json_object
from chalicelib.api.positions import FILTER_RULES, REGION_RULES, filters_of
from chalicelib.domain.clock import utc_now
from chalicelib.domain.limits import MAX_SAVED_SEARCHES
from chalicelib.openapi_ops import APPLICANT, Failure, Op, documented, invalid_region_search
from chalicelib.openapi_schema import json_answer, no_content
from chalicelib.services import positions, saved_searches

bp = Blueprint(__name__)

SAVED_SEARCH_LIMIT_REACHED = Failure(errors.SAVED_SEARCH_LIMIT_REACHED, f"{MAX_SAVED_SEARCHES} saved already")

# Exactly the public search's filters (not its paging, nor its order: a digest lists what is new, newest first):
# the same parser gives the same 400s.
SAVED_FILTER_RULES = {
    **{k: v for k, v in FILTER_RULES.items() if k not in {"limit", "cursor", "sort"}},
    **REGION_RULES,
}


def _body(request: Any) -> tuple[dict[str, str], bool]:
    given = parsing.fields(json_object(request), SavedSearchRequest)
    return given.get("filters", {}), given.get("sms", False)


@bp.route("/saved-searches", methods=["POST"])
@endpoint
@documented(
    Op(
        "saveSearch",
        "Save a search (岗位订阅)",
        f"At most {MAX_SAVED_SEARCHES} per person (a hard limit under concurrent requests too). The filters "
        "are checked exactly as the public search checks its query: the same 400 `MALFORMED_REQUEST` and "
        "`INVALID_REGION` answers.",
        "me",
        APPLICANT,
        json_answer("SavedSearch", "Saved.", status=201),
        (SAVED_SEARCH_LIMIT_REACHED, invalid_region_search()),
        body=SavedSearchRequest,
        body_required=False,
        idempotent=True,
    )
)
def save_search() -> Response:
    principal = applicant(bp.current_request)
    raw, sms = _body(bp.current_request)
    params = parsing.query(raw, SAVED_FILTER_RULES)
    area = positions.search_area(params.get("city"), params.get("county"))
    filters = filters_of(params)

    def run() -> tuple[int, Any]:
        return 201, saved_searches.create(principal, area, filters, sms, utc_now(), ports=wiring.ports())

    return mutation(bp.current_request, principal, "saved-searches:create", {"filters": raw, "sms": sms}, run)


@bp.route("/saved-searches", methods=["GET"])
@endpoint
@documented(
    Op(
        "listSavedSearches",
        "My saved searches",
        "Oldest first; never paged; takes no query parameters (any is 400).",
        "me",
        APPLICANT,
        json_answer("SavedSearchList", "My saved searches."),
        query=True,
    )
)
def my_saved_searches() -> Response:
    principal = applicant(bp.current_request)
    parsing.query(bp.current_request.query_params, {})
    return json_response({"items": saved_searches.mine(principal, ports=wiring.ports()), "next_cursor": None})


@bp.route("/saved-searches/{search_id}", methods=["DELETE"])
@endpoint
@documented(
    Op(
        "deleteSavedSearch",
        "Delete a saved search",
        "204 also when it was not (or no longer) one of mine.",
        "me",
        APPLICANT,
        no_content("Not saved (any more)."),
        parameters=("SearchId",),
        idempotent=True,
    )
)
def delete_saved_search(search_id: str) -> Response:
    principal = applicant(bp.current_request)

    def run() -> tuple[int, Any]:
        saved_searches.remove(principal, search_id, ports=wiring.ports())
        return 204, None

    return mutation(bp.current_request, principal, f"saved-searches:delete:{search_id}", {}, run)
