"""岗位订阅: save a public search (at most five), list them, delete one."""

from __future__ import annotations

from chalicelib import errors
from chalicelib.answers.saved_searches import SavedSearch, SavedSearchList
from chalicelib.api import listings, queries
from chalicelib.api.bodies import SavedSearchRequest
from chalicelib.api.contract import APPLICANT
from chalicelib.api.operation import operations
from chalicelib.api.queries import NoQuery, SavedFilters
from chalicelib.api.routes import Routes
from chalicelib.domain.clock import utc_now
from chalicelib.domain.limits import MAX_SAVED_SEARCHES
from chalicelib.domain.principal import Principal
from chalicelib.openapi_ops import Failure, invalid_region_search
from chalicelib.ports import Ports
from chalicelib.services import saved_searches

routes = Routes(__name__)
operation = operations(routes)

SAVED_SEARCH_LIMIT_REACHED = Failure(errors.SAVED_SEARCH_LIMIT_REACHED, f"{MAX_SAVED_SEARCHES} saved already")


@operation(
    method="POST",
    path="/saved-searches",
    operation_id="saveSearch",
    summary="Save a search (岗位订阅)",
    description=f"At most {MAX_SAVED_SEARCHES} per person (a hard limit under concurrent requests too). The "
    "filters are checked exactly as the public search checks its query: the same 400 `MALFORMED_REQUEST` and "
    "`INVALID_REGION` answers.",
    tag="me",
    access=APPLICANT,
    body=SavedSearchRequest,
    body_required=False,
    answer=SavedSearch,
    answer_description="Saved.",
    status=201,
    failures=(SAVED_SEARCH_LIMIT_REACHED, invalid_region_search()),
    idempotent=True,
)
def save_search(caller: Principal, form: SavedSearchRequest, ports: Ports) -> SavedSearch:
    # Exactly the public search's filters (not its paging, nor its order: a digest lists what is new, newest first).
    area, filters = listings.search_of(queries.parse(SavedFilters, form.filters))
    return saved_searches.create(caller, area, filters, form.sms, utc_now(), ports=ports)


@operation(
    method="GET",
    path="/saved-searches",
    operation_id="listSavedSearches",
    summary="My saved searches",
    description="Oldest first; never paged; takes no query parameters (any is 400).",
    tag="me",
    access=APPLICANT,
    query=NoQuery,
    answer=SavedSearchList,
    answer_description="My saved searches.",
)
def my_saved_searches(caller: Principal, ports: Ports) -> SavedSearchList:
    return SavedSearchList(items=saved_searches.mine(caller, ports=ports), next_cursor=None)


@operation(
    method="DELETE",
    path="/saved-searches/{search_id}",
    operation_id="deleteSavedSearch",
    summary="Delete a saved search",
    description="204 also when it was not (or no longer) one of mine.",
    tag="me",
    access=APPLICANT,
    answer_description="Not saved (any more).",
    status=204,
    idempotent=True,
)
def delete_saved_search(caller: Principal, search_id: str, ports: Ports) -> None:
    saved_searches.remove(caller, search_id, ports=ports)
