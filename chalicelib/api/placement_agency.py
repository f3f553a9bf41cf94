"""上岗报备, the agency's side of a placement (role `reviewer`, inside the `region` claim)."""

from __future__ import annotations

from typing import Any

from chalicelib import errors
from chalicelib.answers.placements import Placement, PlacementPage
from chalicelib.api import placement_lists
from chalicelib.api.contract import staff_access
from chalicelib.api.operation import operations
from chalicelib.api.placement_queries import AgencyPlacements
from chalicelib.api.routes import Routes
from chalicelib.domain.clock import utc_now
from chalicelib.domain.principal import Principal
from chalicelib.openapi_ops import INVALID_CURSOR, Failure
from chalicelib.ports import Ports
from chalicelib.services import placement_agency

routes = Routes(__name__)
operation = operations(routes)

REVIEWER = staff_access("reviewer")


@operation(
    method="GET",
    path="/admin/placements",
    operation_id="agencyPlacements",
    summary="Placements of my region (上岗报备)",
    description="Placements at positions whose county lies in the reviewer's region, newest first; `status` "
    "(e.g. `agreed`: waiting for 上岗报备) and `county` combine. ID numbers and phones masked.",
    tag="placement-agency",
    access=REVIEWER,
    query=AgencyPlacements,
    answer=PlacementPage,
    answer_description="A page of placements.",
    failures=(
        INVALID_CURSOR,
        Failure(errors.INVALID_COUNTY, "unknown `county`"),
        Failure(errors.COUNTY_OUTSIDE_REGION, "`county` lies outside the caller's region"),
    ),
)
def agency_placements(caller: Principal, query: AgencyPlacements, ports: Ports) -> Any:
    return placement_lists.of_region(caller, query, ports)


@operation(
    method="POST",
    path="/admin/placements/{placement_id}/confirm",
    operation_id="confirmPlacement",
    summary="Confirm the trainee started (上岗报备)",
    description="Only from `agreed`: it becomes `in_progress` (在岗见习), `confirmed_at` set; the subsidy is paid "
    "only for confirmed placements. The trainee is texted, the unit told. No body.",
    tag="placement-agency",
    access=REVIEWER,
    answer=Placement,
    answer_description="在岗见习.",
    failures=(
        Failure(errors.PLACEMENT_NOT_FOUND, "no placement in the caller's region has this id"),
        Failure(errors.PLACEMENT_WRONG_STATUS, "the placement is not `agreed` (also when confirmed meanwhile)"),
        Failure(errors.OWN_PLACEMENT, "the reviewer is the trainee (same `sub` or same `id_number`)"),
    ),
    idempotent=True,
)
def confirm(caller: Principal, placement_id: str, ports: Ports) -> Any:
    return placement_agency.confirm(caller, placement_id, utc_now(), ports=ports)
