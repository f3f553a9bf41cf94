"""Use cases of an approved trainee (见习岗位录入及维护): positions of the locality, and up to three favourites."""

from __future__ import annotations

from datetime import date, datetime

from chalicelib.adapters import favourite_store
from chalicelib.adapters.dynamo import ConditionFailed, RawKey
from chalicelib.adapters.listing_search import SearchPage
from chalicelib.adapters.models import Favourite, Person, Position
from chalicelib.answers import positions as answers
from chalicelib.domain.areas import Area
from chalicelib.domain.clock import china_date, china_time
from chalicelib.domain.limits import MAX_FAVOURITES
from chalicelib.domain.positions import effective_status
from chalicelib.domain.principal import Principal
from chalicelib.errors import (
    FAVOURITE_LIMIT_REACHED,
    NOT_TRAINEE,
    POSITION_CLOSED,
    POSITION_OUTSIDE_LOCALITY,
    AppError,
)
from chalicelib.observability import count
from chalicelib.services import positions
from chalicelib.services.positions import SearchFilters, position_not_found
from chalicelib.services.stores import DYNAMODB, Stores


def not_trainee() -> AppError:
    return NOT_TRAINEE()


def limit_reached() -> AppError:
    return FAVOURITE_LIMIT_REACHED()


def position_closed() -> AppError:
    return POSITION_CLOSED()


def outside_locality() -> AppError:
    return POSITION_OUTSIDE_LOCALITY()


def live_person(principal: Principal, *, approved_only: bool, stores: Stores = DYNAMODB) -> Person:
    person = stores.people.get(principal.subject)
    if person is None or person.live_application_id is None or person.locality is None:
        raise not_trainee()
    if approved_only and person.live_status != "approved":
        raise not_trainee()
    return person


def trainee_locality(principal: Principal, *, stores: Stores = DYNAMODB) -> str:
    """The 业务办理属地 of the person's pending or approved application, or 403 NOT_TRAINEE."""
    return str(live_person(principal, approved_only=False, stores=stores).locality)


def locality_positions(
    locality: str,
    filters: SearchFilters,
    *,
    limit: int,
    start_key: RawKey | None,
    now: datetime,
    stores: Stores = DYNAMODB,
) -> SearchPage:
    """Open positions of the locality and no others."""
    if filters.county is not None and filters.county != locality:
        return SearchPage([], None, 0)  # a filter outside the locality matches nothing
    area = Area.locality(locality)
    return positions.search(area, filters, limit=limit, start_key=start_key, now=now, stores=stores)


def add(
    principal: Principal, position_id: str, now: datetime, *, stores: Stores = DYNAMODB
) -> tuple[bool, answers.Favourite]:
    """(added now?, the favourite). Adding one that is already there is not an error."""
    person = live_person(principal, approved_only=True, stores=stores)
    position = stores.positions.get(position_id)
    if position is None:
        raise position_not_found()
    today = china_date(now)
    existing = stores.favourites.get(principal.subject, position_id)
    if existing is not None:
        return False, answers.favourite(position, today, existing.added_at)
    if effective_status(position.status, position.deadline, today) != "open":
        raise position_closed()
    if position.county_code != person.locality:
        raise outside_locality()
    if (person.favourite_count or 0) >= MAX_FAVOURITES:
        raise limit_reached()  # the common case, said without a write; the transaction below is the guard
    favourite = Favourite(principal.subject, position_id, added_at=china_time(now))
    try:
        stores.favourites.add(favourite, position.county_code)
    except ConditionFailed as failed:
        return _explain(principal, position, today, failed.failed, stores)
    count("FavouriteAdded")
    return True, answers.favourite(position, today, favourite.added_at)


def _explain(
    principal: Principal, position: Position, today: date, failed: frozenset[str], stores: Stores
) -> tuple[bool, answers.Favourite]:
    """A condition failed under us: say which rule it was, as it stands now."""
    if favourite_store.FAVOURITE in failed:
        existing = stores.favourites.get(principal.subject, position.position_id)
        if existing is not None:
            return False, answers.favourite(position, today, existing.added_at)
    if favourite_store.POSITION in failed:
        raise position_closed()
    person = live_person(principal, approved_only=True, stores=stores)
    if (person.favourite_count or 0) >= MAX_FAVOURITES:
        raise limit_reached()
    raise outside_locality()


def remove(principal: Principal, position_id: str, *, stores: Stores = DYNAMODB) -> None:
    try:
        stores.favourites.remove(principal.subject, position_id)
    except ConditionFailed:
        return  # it was not a favourite: the answer is the same


def mine(principal: Principal, now: datetime, *, stores: Stores = DYNAMODB) -> list[answers.Favourite]:
    """My favourites, newest first, with their positions read in one BatchGet; closed ones stay listed."""
    favourites = sorted(
        stores.favourites.mine(principal.subject), key=lambda f: (f.added_at, f.position_id), reverse=True
    )
    found = stores.positions.batch_get([f.position_id for f in favourites])
    today = china_date(now)
    return [answers.favourite(found[f.position_id], today, f.added_at) for f in favourites if f.position_id in found]
