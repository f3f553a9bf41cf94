"""Use cases on positions: public search, detail, and staff publishing inside their region."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from typing import Any

from msgspec import Struct, to_builtins

from chalicelib.answers import positions as answers
from chalicelib.answers.regions import CityCounts, ProvinceCounts
from chalicelib.domain.areas import Area
from chalicelib.domain.clock import china_date, china_time
from chalicelib.domain.positions import WRITABLE_FIELDS, check_position_fields, is_public
from chalicelib.domain.principal import Principal
from chalicelib.domain.records import PositionRecord
from chalicelib.domain.regions import shanxi
from chalicelib.domain.search_order import DEFAULT_SORT, SORT_ORDERS
from chalicelib.domain.search_query import SearchQuery
from chalicelib.domain.units import Hold
from chalicelib.errors import (
    COUNTY_NOT_IN_CITY,
    INVALID_CITY,
    INVALID_COUNTY,
    LOCALITY_OUTSIDE_REGION,
    POSITION_CHANGED,
    POSITION_NOT_FOUND,
    VALIDATION_FAILED,
    AppError,
)
from chalicelib.observability import logger
from chalicelib.ports import Ports
from chalicelib.ports.conditions import ConditionFailed
from chalicelib.ports.stores import SearchPage

SWEEP_LOOKBACK_DAYS = 7


def listed(position: PositionRecord, today: date) -> dict[str, Any]:
    """What a listing entry stores: the summary search pages answer, as plain JSON values."""
    summary: dict[str, Any] = to_builtins(answers.summary(position, today))
    return summary


# ----------------------------------------------------------------------------------------------- search


class SearchFilters(Struct, frozen=True):
    city: str | None = None
    county: str | None = None
    keyword: str | None = None
    education: str | None = None
    industry: str | None = None
    sort: str = DEFAULT_SORT


def search_area(city: str | None, county: str | None) -> Area:
    """The area a public search names: the province, a city (its 市本级 included), or one county-level entry."""
    if county is not None:
        locality = shanxi().locality(county)
        if locality is None:
            raise INVALID_COUNTY()
        if city is not None and locality.city_code != city:
            if shanxi().city(city) is None:
                raise INVALID_CITY()
            raise COUNTY_NOT_IN_CITY()
        return Area.locality(county)  # a county, or a city's 市本级 alone
    if city is not None:
        if shanxi().city(city) is None:
            raise INVALID_CITY()
        return Area.city(city)
    return Area.province()


def query_for(area: Area, filters: SearchFilters, *, limit: int, now: datetime) -> SearchQuery:
    """The first page's query; `query.page_from(next_key)` asks for the ones after."""
    return SearchQuery(
        area=area,
        today=china_date(now),
        limit=limit,
        education=filters.education,
        industry=filters.industry,
        keyword=filters.keyword,
        order=SORT_ORDERS[filters.sort],
    )


def search(query: SearchQuery, *, ports: Ports) -> SearchPage:
    """Open positions of the query's area under its filters, from the page its `start_key` names."""
    return ports.listings.page(query)


def counts(
    city: str | None, education: str | None, industry: str | None, now: datetime, *, ports: Ports
) -> ProvinceCounts | CityCounts:
    """Open positions per county-level entry of a city, or per city of the province (区县岗位数)."""
    if city is not None and shanxi().city(city) is None:
        raise INVALID_CITY()
    from chalicelib.services.search import region_counts

    return region_counts(city, education, industry, china_date(now), ports=ports)


def detail(position_id: str, now: datetime, *, ports: Ports) -> answers.Position:
    """The public detail: a unit's position under review, or rejected, is nobody's to read but the unit's and
    the agency's, so it answers as if it did not exist."""
    position = ports.positions.get(position_id)
    if position is None or not is_public(position.status):
        raise POSITION_NOT_FOUND()
    return answers.detail(position, china_date(now))


# ----------------------------------------------------------------------------------------------- staff


def _summary_if_listed(position: PositionRecord, today: date) -> dict[str, Any] | None:
    """Listed (and counted) exactly while open: a past deadline is hidden by date until the sweep closes it,
    so the sweep's close removes what is there, once."""
    if position.status != "open":
        return None
    return listed(position, today)


def create(principal: Principal, fields: dict[str, Any], now: datetime, *, ports: Ports) -> answers.Position:
    today = china_date(now)
    position = new_position(principal, fields, now, ports=ports)
    ports.positions.create(position, listed(position, today))
    return answers.detail(position, today)


def load(principal: Principal, many: list[dict[str, Any]], now: datetime, *, ports: Ports, index: bool = True) -> int:
    """Seed positions in bulk (demo data, migrations): the same rules as `create`, batch-written. The keyword
    index is written at once too, unless `index` is False (the stream handler then indexes them)."""
    today = china_date(now)
    built = [new_position(principal, fields, now, ports=ports) for fields in many]
    loaded = ports.positions.bulk_load((p, listed(p, today)) for p in built)
    if index:
        ports.keywords.bulk_index(built)  # at once, rather than record by record behind the stream
    return loaded


def new_position(principal: Principal, fields: dict[str, Any], now: datetime, *, ports: Ports) -> PositionRecord:
    """A position as `create` writes it (validated, in the caller's region), not yet stored."""
    problems = check_position_fields(fields, today=china_date(now))
    if problems:
        raise VALIDATION_FAILED(problems)
    if not principal.covers(fields["county_code"]):
        raise LOCALITY_OUTSIDE_REGION()
    locality = shanxi().locality(fields["county_code"])
    assert locality is not None
    stamp = china_time(now)
    values: dict[str, Any] = {name: fields.get(name, [] if name == "majors" else None) for name in WRITABLE_FIELDS}
    values["deadline"] = fields["deadline"].isoformat()
    position = ports.positions.new(
        uuid.uuid4().hex,
        **values,
        city_code=locality.city_code,
        status="open",
        published_at=stamp,
        updated_at=stamp,
        open_deadline=values["deadline"],
        first_opened_at=stamp,
    )
    return position


def _staff_position(principal: Principal, position_id: str, ports: Ports) -> PositionRecord:
    """Outside the caller's region a position answers 404, as if it did not exist."""
    position = ports.positions.get(position_id)
    if position is None or not principal.covers(position.county_code):
        raise POSITION_NOT_FOUND()
    return position


def update(
    principal: Principal, position_id: str, fields: dict[str, Any], now: datetime, *, ports: Ports
) -> answers.Position:
    today = china_date(now)
    old = _staff_position(principal, position_id, ports)
    problems = check_position_fields(fields, today=today)
    if problems:
        raise VALIDATION_FAILED(problems)
    if "county_code" in fields and not principal.covers(fields["county_code"]):
        raise LOCALITY_OUTSIDE_REGION()
    changes = {name: value.isoformat() if isinstance(value, date) else value for name, value in fields.items()}
    if "county_code" in fields:
        locality = shanxi().locality(fields["county_code"])
        assert locality is not None
        changes["city_code"] = locality.city_code
    changes["updated_at"] = china_time(now)
    if old.status == "open":
        changes["open_deadline"] = changes.get("deadline", old.deadline)
    new = ports.positions.changed(old, changes)
    try:
        ports.positions.replace(old, new, _summary_if_listed(new, today))
    except ConditionFailed:
        raise POSITION_CHANGED() from None
    return answers.detail(new, today)


def close(principal: Principal | None, position_id: str, now: datetime, *, ports: Ports) -> answers.Position:
    """Close at once: the search entries go in the same transaction. Closing twice is not an error."""
    today = china_date(now)
    old = _staff_position(principal, position_id, ports) if principal else ports.positions.get(position_id)
    if old is None:
        raise POSITION_NOT_FOUND()
    if old.status == "closed":
        return answers.detail(old, today)
    changes = {"status": "closed", "open_deadline": None, "held_headcount": None, "updated_at": china_time(now)}
    new = ports.positions.changed(old, changes)
    try:
        ports.positions.replace(old, new, None, released(old))
    except ConditionFailed:
        raise POSITION_CHANGED() from None
    return answers.detail(new, today)


def released(position: PositionRecord) -> Hold | None:
    """What a unit's position gives back to its unit's quota when it stops holding it (closed, rejected)."""
    held = int(position.held_headcount or 0)
    return Hold(position.employer_credit_code, -held) if held else None


def sweep_expired(now: datetime, *, ports: Ports) -> int:
    """Close positions whose deadline has passed, so their search entries stop costing reads.

    Search already hides them from the moment the deadline passes; this only keeps the index lean.
    """
    today = china_date(now)
    closed = 0
    for days_ago in range(1, SWEEP_LOOKBACK_DAYS + 1):
        for position_id in ports.positions.open_ids_with_deadline((today - timedelta(days=days_ago)).isoformat()):
            try:
                close(None, position_id, now, ports=ports)
            except AppError as error:  # edited meanwhile: it is hidden from search anyway; next night again
                logger.warning("sweep skipped a position", extra={"position_id": position_id, "code": error.code})
                continue
            closed += 1
    return closed
