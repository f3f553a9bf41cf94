"""见习岗位录入及维护: the approved trainee's positions of the locality and favourites."""

from __future__ import annotations

from chalicelib import errors
from chalicelib.answers.positions import Favourite, FavouriteList, PositionPage
from chalicelib.api import listings
from chalicelib.api.contract import APPLICANT
from chalicelib.api.operation import Reply, operations
from chalicelib.api.queries import LocalitySearch, NoQuery
from chalicelib.api.routes import Routes
from chalicelib.domain.clock import utc_now
from chalicelib.domain.limits import MAX_FAVOURITES
from chalicelib.domain.principal import Principal
from chalicelib.openapi_ops import INVALID_CURSOR, POSITION_NOT_FOUND, Failure
from chalicelib.ports import Ports
from chalicelib.services import favourites

routes = Routes(__name__)
operation = operations(routes)

NOT_TRAINEE_ANY = Failure(errors.NOT_TRAINEE, "the caller has no pending or approved application")
NOT_TRAINEE_APPROVED = Failure(errors.NOT_TRAINEE, "the caller has no approved application (pending is not enough)")


@operation(
    method="GET",
    path="/trainee/positions",
    operation_id="searchLocalityPositions",
    summary="Positions of my locality",
    description="Open positions whose `county_code` is the caller's locality (the 业务办理属地 of their pending or "
    "approved application) and no others, newest first. Filters as the public search, without `city`: "
    "`city` is an unknown parameter here (400). The cursor is bound to the locality too.",
    tag="trainee",
    access=APPLICANT,
    query=LocalitySearch,
    answer=PositionPage,
    answer_description="A page of position summaries.",
    failures=(NOT_TRAINEE_ANY, INVALID_CURSOR),
)
def locality_positions(caller: Principal, query: LocalitySearch, ports: Ports) -> PositionPage:
    return listings.locality_search(caller, query, utc_now(), ports)


@operation(
    method="GET",
    path="/favourites",
    operation_id="listFavourites",
    summary="My favourite positions",
    description=f"At most {MAX_FAVOURITES}, the most recent favourite first; a closed position stays listed with "
    "`status: closed`. Never paged (`next_cursor` is always `null`), and takes no query parameters (any "
    "is 400). No trainee check: a person who is no longer a trainee still sees the list.",
    tag="trainee",
    access=APPLICANT,
    query=NoQuery,
    answer=FavouriteList,
    answer_description="My favourites.",
)
def my_favourites(caller: Principal, ports: Ports) -> FavouriteList:
    return FavouriteList(items=favourites.mine(caller, utc_now(), ports=ports), next_cursor=None)


@operation(
    method="PUT",
    path="/favourites/{position_id}",
    operation_id="addFavourite",
    summary="Favourite a position",
    description="For an approved trainee, a position open and in their locality. Checks in order: trainee (403), "
    "position exists (404), already a favourite (200, whatever the position's state now), open (409 "
    f"`POSITION_CLOSED`), in the locality (422), fewer than {MAX_FAVOURITES} favourites (409; a hard "
    "limit under concurrent requests too). No body.",
    tag="trainee",
    access=APPLICANT,
    answer=Favourite,
    answer_description="Added.",
    status=201,
    also=((200, "Already a favourite: nothing changed."),),
    failures=(
        NOT_TRAINEE_APPROVED,
        POSITION_NOT_FOUND,
        Failure(errors.POSITION_CLOSED, "the position is closed or past its deadline"),
        Failure(errors.FAVOURITE_LIMIT_REACHED, f"{MAX_FAVOURITES} favourites already"),
        Failure(errors.POSITION_OUTSIDE_LOCALITY, "the position's `county_code` is not the caller's locality"),
    ),
    idempotent=True,
)
def add_favourite(caller: Principal, position_id: str, ports: Ports) -> Reply:
    added, favourite = favourites.add(caller, position_id, utc_now(), ports=ports)
    return Reply(201 if added else 200, favourite)


@operation(
    method="DELETE",
    path="/favourites/{position_id}",
    operation_id="removeFavourite",
    summary="Remove a favourite",
    description="204 also when it was not a favourite, or the position does not exist. No trainee check.",
    tag="trainee",
    access=APPLICANT,
    answer_description="Not a favourite (any more).",
    status=204,
    idempotent=True,
)
def remove_favourite(caller: Principal, position_id: str, ports: Ports) -> None:
    favourites.remove(caller, position_id, ports=ports)
