"""Use cases of an approved trainee (见习岗位录入及维护): positions of the locality, and up to three favourites."""

from __future__ import annotations

from datetime import date, datetime

from msgspec import structs

from chalicelib.answers import positions as answers
from chalicelib.domain.areas import Area
from chalicelib.domain.clock import china_date, china_time
from chalicelib.domain.limits import MAX_FAVOURITES
from chalicelib.domain.positions import effective_status, is_public
from chalicelib.domain.principal import Principal
from chalicelib.domain.records import PersonRecord, PositionRecord
from chalicelib.domain.search_query import SearchQuery
from chalicelib.errors import (
    FAVOURITE_LIMIT_REACHED,
    NOT_TRAINEE,
    POSITION_CLOSED,
    POSITION_NOT_FOUND,
    POSITION_OUTSIDE_LOCALITY,
)
from chalicelib.observability import count
from chalicelib.ports import Ports
from chalicelib.ports.conditions import FAVOURITE, POSITION, ConditionFailed
from chalicelib.ports.stores import SearchPage
from chalicelib.services import positions


def live_person(principal: Principal, *, approved_only: bool, ports: Ports) -> PersonRecord:
    person = ports.people.get(principal.subject)
    if person is None or person.live_application_id is None or person.locality is None:
        raise NOT_TRAINEE()
    if approved_only and person.live_status != "approved":
        raise NOT_TRAINEE()
    return person


def trainee_locality(principal: Principal, *, ports: Ports) -> str:
    """The 业务办理属地 of the person's pending or approved application, or 403 NOT_TRAINEE."""
    return str(live_person(principal, approved_only=False, ports=ports).locality)


def locality_positions(locality: str, query: SearchQuery, *, county: str | None, ports: Ports) -> SearchPage:
    """Open positions of the locality and no others; `county` is the filter the trainee asked for, if any."""
    if county is not None and county != locality:
        return SearchPage([], None, 0)  # a filter outside the locality matches nothing
    return positions.search(structs.replace(query, area=Area.locality(locality)), ports=ports)


def add(principal: Principal, position_id: str, now: datetime, *, ports: Ports) -> tuple[bool, answers.Favourite]:
    """(added now?, the favourite). Adding one that is already there is not an error."""
    person = live_person(principal, approved_only=True, ports=ports)
    position = ports.positions.get(position_id)
    if position is None or not is_public(position.status):  # unreviewed text is the unit's and the agency's
        raise POSITION_NOT_FOUND()
    today = china_date(now)
    existing = ports.favourites.get(principal.subject, position_id)
    if existing is not None:
        return False, answers.favourite(position, today, existing.added_at)
    if effective_status(position.status, position.deadline, today) != "open":
        raise POSITION_CLOSED()
    if position.county_code != person.locality:
        raise POSITION_OUTSIDE_LOCALITY()
    if (person.favourite_count or 0) >= MAX_FAVOURITES:
        raise FAVOURITE_LIMIT_REACHED()  # the common case, said without a write; the transaction below is the guard
    favourite = ports.favourites.new(principal.subject, position_id, china_time(now))
    try:
        ports.favourites.add(favourite, position.county_code)
    except ConditionFailed as failed:
        return _explain(principal, position, today, failed.failed, ports)
    count("FavouriteAdded")
    return True, answers.favourite(position, today, favourite.added_at)


def _explain(
    principal: Principal, position: PositionRecord, today: date, failed: frozenset[str], ports: Ports
) -> tuple[bool, answers.Favourite]:
    """A condition failed under us: say which rule it was, as it stands now."""
    if FAVOURITE in failed:
        existing = ports.favourites.get(principal.subject, position.position_id)
        if existing is not None:
            return False, answers.favourite(position, today, existing.added_at)
    if POSITION in failed:
        raise POSITION_CLOSED()
    person = live_person(principal, approved_only=True, ports=ports)
    if (person.favourite_count or 0) >= MAX_FAVOURITES:
        raise FAVOURITE_LIMIT_REACHED()
    raise POSITION_OUTSIDE_LOCALITY()


def remove(principal: Principal, position_id: str, *, ports: Ports) -> None:
    try:
        ports.favourites.remove(principal.subject, position_id)
    except ConditionFailed:
        return  # it was not a favourite: the answer is the same


def mine(principal: Principal, now: datetime, *, ports: Ports) -> list[answers.Favourite]:
    """My favourites, newest first, with their positions read in one BatchGet; closed ones stay listed."""
    favourites = sorted(
        ports.favourites.mine(principal.subject), key=lambda f: (f.added_at, f.position_id), reverse=True
    )
    found = ports.positions.batch_get([f.position_id for f in favourites])
    today = china_date(now)
    return [answers.favourite(found[f.position_id], today, f.added_at) for f in favourites if f.position_id in found]
