"""The placement lists' paging, as api/listings.py pages the others: each query's identity (what its signed
cursor is bound to), one page from the service, the next cursor."""

from __future__ import annotations

from typing import Any

from chalicelib.answers.placements import PlacementPage
from chalicelib.api import cursor
from chalicelib.api.listings import page
from chalicelib.api.placement_queries import AgencyPlacements, MyPlacements, UnitPlacements
from chalicelib.domain.principal import Principal
from chalicelib.ports import Ports
from chalicelib.services import placement_agency, placement_units, placements


def mine(caller: Principal, query: MyPlacements, ports: Ports) -> PlacementPage:
    return page(
        PlacementPage,
        cursor.query_identity("placements", subject=caller.subject),
        query.cursor,
        lambda start: placements.mine(caller, limit=query.limit, start_key=start, ports=ports),
    )


def of_region(caller: Principal, query: AgencyPlacements, ports: Ports) -> PlacementPage:
    filters: dict[str, Any] = {"status": query.status, "county": query.county}
    return page(
        PlacementPage,
        cursor.query_identity("admin/placements", region=caller.region, **filters),
        query.cursor,
        lambda start: placement_agency.placements_of_region(
            caller, **filters, limit=query.limit, start_key=start, ports=ports
        ),
    )


def of_unit(credit_code: str, query: UnitPlacements, ports: Ports) -> PlacementPage:
    filters: dict[str, Any] = {"status": query.status, "position_id": query.position_id}
    return page(
        PlacementPage,
        cursor.query_identity("unit/placements", credit_code=credit_code, **filters),
        query.cursor,
        lambda start: placement_units.applicants(
            credit_code, **filters, limit=query.limit, start_key=start, ports=ports
        ),
    )
