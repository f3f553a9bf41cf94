"""The query strings of the unit routes (issue 19), declared as chalicelib/api/queries.py declares the others."""

from __future__ import annotations

from typing import Annotated

from chalicelib.api.bodies import ref
from chalicelib.api.conventions import DEFAULT_LIMIT
from chalicelib.api.queries import CURSOR, LIMIT, Param, Query, county_rule, month_rule, one_of
from chalicelib.domain.positions import POSITION_STATUS_LABELS
from chalicelib.domain.units import RECOGNITION_STATUS_LABELS


class Paged(Query, frozen=True, kw_only=True):
    limit: Annotated[int, LIMIT] = DEFAULT_LIMIT
    cursor: Annotated[str | None, CURSOR] = None


class UnitPositionList(Query, frozen=True, kw_only=True):
    status: Annotated[
        str | None,
        Param(
            "UnitPositionStatus",
            one_of(POSITION_STATUS_LABELS, "岗位状态不在可选范围内"),
            ref("PositionStatus"),
            "Only the unit's positions in this status (待审核 `pending_review`, 招聘中 `open`, 审核不通过 "
            "`rejected`, 已停止 `closed`).",
        ),
    ] = None
    limit: Annotated[int, LIMIT] = DEFAULT_LIMIT
    cursor: Annotated[str | None, CURSOR] = None


REGION_COUNTY = Param(
    "ReviewCounty",
    county_rule,
    ref("LocalityCode"),
    "Only this county-level entry. Unknown code: 400 `INVALID_REGION`; outside the reviewer's region: 403 "
    "`OUTSIDE_REGION`.",
)


class UnitQueue(Query, frozen=True, kw_only=True):
    status: Annotated[
        str | None,
        Param(
            "RecognitionStatusFilter",
            one_of(RECOGNITION_STATUS_LABELS, "认定状态不在可选范围内"),
            {"type": "string", "enum": list(RECOGNITION_STATUS_LABELS)},
            "Only 认定申请 in this status.",
        ),
    ] = None
    county: Annotated[str | None, REGION_COUNTY] = None
    month: Annotated[
        str | None,
        Param("RecognitionMonth", month_rule, ref("Month"), "Only 认定申请 submitted in this month (China time)."),
    ] = None
    limit: Annotated[int, LIMIT] = DEFAULT_LIMIT
    cursor: Annotated[str | None, CURSOR] = None


class PositionReviewQueue(Query, frozen=True, kw_only=True):
    status: Annotated[
        str,
        Param(
            "PositionReviewStatus",
            one_of(("pending_review",), "只能查询待审核的岗位"),
            {"type": "string", "enum": ["pending_review"], "default": "pending_review"},
            "Only `pending_review` (the default): open positions are found by search.",
        ),
    ] = "pending_review"
    county: Annotated[str | None, REGION_COUNTY] = None
    limit: Annotated[int, LIMIT] = DEFAULT_LIMIT
    cursor: Annotated[str | None, CURSOR] = None
