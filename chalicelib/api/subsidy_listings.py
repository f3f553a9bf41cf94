"""Issue 21's list answers: each query's identity (what its signed cursor is bound to), one page, the next cursor."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from chalicelib.answers import publicity
from chalicelib.answers import subsidies as answers
from chalicelib.api import cursor
from chalicelib.api.listings import page
from chalicelib.api.subsidy_queries import AgencyClaims, NoticeList, UnitClaims
from chalicelib.domain.clock import china_date
from chalicelib.domain.principal import Principal
from chalicelib.domain.regions import shanxi
from chalicelib.errors import COUNTY_NOT_IN_CITY, COUNTY_OUTSIDE_REGION, INVALID_CITY, INVALID_COUNTY
from chalicelib.ports import Ports
from chalicelib.ports.stores import RawKey


def unit_claims(caller: Principal, query: UnitClaims, ports: Ports) -> answers.ClaimPage:
    credit_code = str(caller.credit_code)
    identity = cursor.query_identity("unit/subsidy-claims", unit=credit_code, status=query.status)

    def fetch(start: RawKey | None) -> tuple[list[Any], RawKey | None]:
        found, next_key = ports.subsidies.claims_of_unit(
            credit_code, status=query.status, limit=query.limit, start_key=start
        )
        return [answers.summary(claim) for claim in found], next_key

    return page(answers.ClaimPage, identity, query.cursor, fetch)


def agency_claims(caller: Principal, query: AgencyClaims, ports: Ports) -> answers.ClaimPage:
    region = str(caller.region)
    if query.county is not None and not caller.covers(query.county):
        raise COUNTY_OUTSIDE_REGION()
    filters = {"status": query.status, "county": query.county, "month": query.month}
    identity = cursor.query_identity("admin/subsidy-claims", region=region, **filters)

    def fetch(start: RawKey | None) -> tuple[list[Any], RawKey | None]:
        found, next_key = ports.subsidies.claims_of_region(region, **filters, limit=query.limit, start_key=start)
        return [answers.summary(claim) for claim in found], next_key

    return page(answers.ClaimPage, identity, query.cursor, fetch)


def public_notices(query: NoticeList, now: datetime, ports: Ports) -> publicity.NoticePage:
    if query.city is not None and shanxi().city(query.city) is None:
        raise INVALID_CITY()
    located = shanxi().locality(query.county) if query.county is not None else None
    if query.county is not None and located is None:
        raise INVALID_COUNTY()
    if located is not None and query.city is not None and located.city_code != query.city:
        raise COUNTY_NOT_IN_CITY()
    identity = cursor.query_identity("public/notices", city=query.city, county=query.county)
    today = china_date(now)

    def fetch(start: RawKey | None) -> tuple[list[Any], RawKey | None]:
        found, next_key = ports.subsidies.notices(
            city=query.city, county=query.county, limit=query.limit, start_key=start
        )
        return [publicity.notice_summary(claim, today) for claim in found], next_key

    return page(publicity.NoticePage, identity, query.cursor, fetch)
