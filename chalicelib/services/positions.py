"""Use cases on positions: public search, detail, and staff publishing inside their region."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from typing import Any

from msgspec import Struct, to_builtins

from chalicelib.adapters import position_store
from chalicelib.adapters.dynamo import ConditionFailed, RawKey
from chalicelib.adapters.listing_search import SearchPage
from chalicelib.adapters.models import Position
from chalicelib.answers import positions as answers
from chalicelib.answers.regions import CityCounts, ProvinceCounts
from chalicelib.domain.areas import Area
from chalicelib.domain.clock import china_date, china_time
from chalicelib.domain.positions import WRITABLE_FIELDS, check_position_fields
from chalicelib.domain.principal import Principal
from chalicelib.domain.regions import shanxi
from chalicelib.domain.search_order import DEFAULT_SORT, SORT_ORDERS
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
from chalicelib.services.stores import DYNAMODB, Stores

SWEEP_LOOKBACK_DAYS = 7


def position_not_found() -> AppError:
    return POSITION_NOT_FOUND()


def not_a_city() -> AppError:
    return INVALID_CITY()


def listed(position: Position, today: date) -> dict[str, Any]:
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
                raise not_a_city()
            raise COUNTY_NOT_IN_CITY()
        return Area.locality(county)  # a county, or a city's 市本级 alone
    if city is not None:
        if shanxi().city(city) is None:
            raise not_a_city()
        return Area.city(city)
    return Area.province()


def search(
    area: Area,
    filters: SearchFilters,
    *,
    limit: int,
    start_key: RawKey | None,
    now: datetime,
    stores: Stores = DYNAMODB,
) -> SearchPage:
    """Open positions of the area under the filters; `start_key` is the previous page's `next_key`."""
    return stores.listings.page(
        area,
        education=filters.education,
        industry=filters.industry,
        keyword=filters.keyword,
        order=SORT_ORDERS[filters.sort],
        today=china_date(now),
        limit=limit,
        start_key=start_key,
    )


def counts(city: str | None, education: str | None, industry: str | None, now: datetime) -> ProvinceCounts | CityCounts:
    """Open positions per county-level entry of a city, or per city of the province (区县岗位数)."""
    if city is not None and shanxi().city(city) is None:
        raise not_a_city()
    from chalicelib.services.search import region_counts

    return region_counts(city, education, industry, china_date(now))


def detail(position_id: str, now: datetime, *, stores: Stores = DYNAMODB) -> answers.Position:
    position = stores.positions.get(position_id)
    if position is None:
        raise position_not_found()
    return answers.detail(position, china_date(now))


# ----------------------------------------------------------------------------------------------- staff


def _outside_region() -> AppError:
    return LOCALITY_OUTSIDE_REGION()


def _changed_meanwhile() -> AppError:
    return POSITION_CHANGED()


def _summary_if_listed(position: Position, today: date) -> dict[str, Any] | None:
    """Listed (and counted) exactly while open: a past deadline is hidden by date until the sweep closes it,
    so the sweep's close removes what is there, once."""
    if position.status != "open":
        return None
    return listed(position, today)


def create(
    principal: Principal, fields: dict[str, Any], now: datetime, *, stores: Stores = DYNAMODB
) -> answers.Position:
    today = china_date(now)
    position = _new_position(principal, fields, now)
    stores.positions.create(position, listed(position, today))
    return answers.detail(position, today)


def load(principal: Principal, many: list[dict[str, Any]], now: datetime, *, index: bool = True) -> int:
    """Seed positions in bulk (demo data, migrations): the same rules as `create`, batch-written. The keyword
    index is written at once too, unless `index` is False (the stream handler then indexes them)."""
    today = china_date(now)
    built = [_new_position(principal, fields, now) for fields in many]
    loaded = position_store.bulk_load((p, listed(p, today)) for p in built)
    if index:
        from chalicelib.adapters import keyword_store

        keyword_store.bulk_index(built)  # at once, rather than record by record behind the stream
    return loaded


def _new_position(principal: Principal, fields: dict[str, Any], now: datetime) -> Position:
    problems = check_position_fields(fields, today=china_date(now))
    if problems:
        raise VALIDATION_FAILED(problems)
    if not principal.covers(fields["county_code"]):
        raise _outside_region()
    locality = shanxi().locality(fields["county_code"])
    assert locality is not None
    stamp = china_time(now)
    values: dict[str, Any] = {name: fields.get(name, [] if name == "majors" else None) for name in WRITABLE_FIELDS}
    values["deadline"] = fields["deadline"].isoformat()
    position = Position(
        hash_key=uuid.uuid4().hex,
        **values,
        city_code=locality.city_code,
        status="open",
        published_at=stamp,
        updated_at=stamp,
        open_deadline=values["deadline"],
    )
    return position


def _staff_position(principal: Principal, position_id: str, stores: Stores) -> Position:
    """Outside the caller's region a position answers 404, as if it did not exist."""
    position = stores.positions.get(position_id)
    if position is None or not principal.covers(position.county_code):
        raise position_not_found()
    return position


def _copy(position: Position) -> Position:
    return Position.from_raw_data(position.serialize())


def update(
    principal: Principal, position_id: str, fields: dict[str, Any], now: datetime, *, stores: Stores = DYNAMODB
) -> answers.Position:
    today = china_date(now)
    old = _staff_position(principal, position_id, stores)
    problems = check_position_fields(fields, today=today)
    if problems:
        raise VALIDATION_FAILED(problems)
    if "county_code" in fields and not principal.covers(fields["county_code"]):
        raise _outside_region()
    new = _copy(old)
    for name, value in fields.items():
        setattr(new, name, value.isoformat() if isinstance(value, date) else value)
    if "county_code" in fields:
        locality = shanxi().locality(fields["county_code"])
        assert locality is not None
        new.city_code = locality.city_code
    new.updated_at = china_time(now)
    if new.status == "open":
        new.open_deadline = new.deadline
    try:
        stores.positions.replace(old, new, _summary_if_listed(new, today))
    except ConditionFailed:
        raise _changed_meanwhile() from None
    return answers.detail(new, today)


def close(
    principal: Principal | None, position_id: str, now: datetime, *, stores: Stores = DYNAMODB
) -> answers.Position:
    """Close at once: the search entries go in the same transaction. Closing twice is not an error."""
    today = china_date(now)
    old = _staff_position(principal, position_id, stores) if principal else stores.positions.get(position_id)
    if old is None:
        raise position_not_found()
    if old.status == "closed":
        return answers.detail(old, today)
    new = _copy(old)
    new.status = "closed"
    new.open_deadline = None
    new.updated_at = china_time(now)
    try:
        stores.positions.replace(old, new, None)
    except ConditionFailed:
        raise _changed_meanwhile() from None
    return answers.detail(new, today)


def sweep_expired(now: datetime) -> int:
    """Close positions whose deadline has passed, so their search entries stop costing reads.

    Search already hides them from the moment the deadline passes; this only keeps the index lean.
    """
    today = china_date(now)
    closed = 0
    for days_ago in range(1, SWEEP_LOOKBACK_DAYS + 1):
        for position_id in position_store.open_ids_with_deadline((today - timedelta(days=days_ago)).isoformat()):
            try:
                close(None, position_id, now)
            except AppError as error:  # edited meanwhile: it is hidden from search anyway; next night again
                logger.warning("sweep skipped a position", extra={"position_id": position_id, "code": error.code})
                continue
            closed += 1
    return closed
