"""The query strings of the placement routes (issue 20), declared as api/queries.py declares the others."""

from __future__ import annotations

from typing import Annotated

from chalicelib.api.bodies import ref
from chalicelib.api.conventions import DEFAULT_LIMIT
from chalicelib.api.queries import CURSOR, LIMIT, Param, Query, bad_parameter, county_rule, one_of
from chalicelib.domain.identity import is_resource_id
from chalicelib.domain.placements import STATUS_LABELS

PLACEMENT_STATUS = Param(
    "PlacementStatusFilter",
    one_of(STATUS_LABELS, "见习状态不在可选范围内"),
    ref("PlacementStatus"),
    "Only placements in this status.",
)


def _hex_id(name: str, value: str) -> str:
    if not is_resource_id(value):
        raise bad_parameter(name, "岗位编号格式有误")
    return value


class MyPlacements(Query, frozen=True, kw_only=True):
    limit: Annotated[int, LIMIT] = DEFAULT_LIMIT
    cursor: Annotated[str | None, CURSOR] = None


class UnitPlacements(Query, frozen=True, kw_only=True):
    status: Annotated[str | None, PLACEMENT_STATUS] = None
    position_id: Annotated[
        str | None,
        Param("PlacementPositionFilter", _hex_id, ref("HexId"), "Only placements at this position of the unit."),
    ] = None
    limit: Annotated[int, LIMIT] = DEFAULT_LIMIT
    cursor: Annotated[str | None, CURSOR] = None


class AgencyPlacements(Query, frozen=True, kw_only=True):
    status: Annotated[str | None, PLACEMENT_STATUS] = None
    county: Annotated[
        str | None,
        Param(
            "PlacementCounty",
            county_rule,
            ref("LocalityCode"),
            "Only placements at positions of this county-level entry. Unknown code: 400 `INVALID_REGION`; "
            "outside the reviewer's region: 403 `OUTSIDE_REGION`.",
        ),
    ] = None
    limit: Annotated[int, LIMIT] = DEFAULT_LIMIT
    cursor: Annotated[str | None, CURSOR] = None
