"""The query strings of issue 21's lists: a unit's claims, the agency's claims, the public notices."""

from __future__ import annotations

from typing import Annotated

from chalicelib.api.bodies import ref
from chalicelib.api.conventions import DEFAULT_LIMIT
from chalicelib.api.queries import COUNTY, CURSOR, LIMIT, Param, Query, as_given, county_rule, month_rule, one_of
from chalicelib.domain.subsidies import STATUS_LABELS

CLAIM_STATUS = Param(
    "ClaimStatusFilter",
    one_of(STATUS_LABELS, "补贴申领状态不在可选范围内"),
    {"type": "string", "enum": list(STATUS_LABELS)},
    "Only claims in this status: " + ", ".join(f"`{k}` {v}" for k, v in STATUS_LABELS.items()) + ".",
)


class UnitClaims(Query, frozen=True, kw_only=True):
    status: Annotated[str | None, CLAIM_STATUS] = None
    limit: Annotated[int, LIMIT] = DEFAULT_LIMIT
    cursor: Annotated[str | None, CURSOR] = None


class AgencyClaims(Query, frozen=True, kw_only=True):
    status: Annotated[str | None, CLAIM_STATUS] = None
    county: Annotated[
        str | None,
        Param(
            "ClaimCounty",
            county_rule,
            ref("LocalityCode"),
            "Only claims of this county-level entry. Unknown: 400 `INVALID_REGION`; outside the caller's region: "
            "403 `OUTSIDE_REGION`.",
        ),
    ] = None
    month: Annotated[
        str | None,
        Param("ClaimMonth", month_rule, ref("Month"), "Only claims submitted in this month (China time), `YYYY-MM`."),
    ] = None
    limit: Annotated[int, LIMIT] = DEFAULT_LIMIT
    cursor: Annotated[str | None, CURSOR] = None


class NoticeList(Query, frozen=True, kw_only=True):
    city: Annotated[
        str | None,
        Param("NoticeCity", as_given, ref("CityCode"), "The city's notices. Not a city code: 400 `INVALID_REGION`."),
    ] = None
    county: Annotated[str | None, COUNTY] = None
    limit: Annotated[int, LIMIT] = DEFAULT_LIMIT
    cursor: Annotated[str | None, CURSOR] = None
