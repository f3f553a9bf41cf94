"""The request bodies of the placement routes (issue 20), declared once as msgspec Structs like api/bodies.py's:
the parser's checks and the document's schemas both come from here."""

from __future__ import annotations

import datetime
from typing import Annotated

from msgspec import Meta, Struct

from chalicelib.api.bodies import day, limited_text
from chalicelib.domain.placements import (
    ALLOWANCE_MAX,
    ASSESSMENT_RESULTS,
    END_REASONS,
    MENTOR_MAX,
    MONTHS_RANGE,
    RETENTION_MONTHS,
    TEXT_MAX,
)


def _choice(values: dict[str, str], description: str) -> Meta:
    listed = "; ".join(f"`{code}` {label}" for code, label in values.items())
    return Meta(
        description=f"{description}: {listed} (422 `UNKNOWN_VALUE`).",
        extra_json_schema={"enum": list(values)},
        extra={"cap": 64},
    )


class PlacementApplication(Struct, forbid_unknown_fields=True, kw_only=True):
    """见习岗位申请: the position applied to."""

    position_id: Annotated[str, Meta(pattern="^[0-9a-f]{32}$", description="An open position of the locality.")]


class OfferRequest(Struct, forbid_unknown_fields=True, kw_only=True):
    """录用: the agreement's terms."""

    start_date: Annotated[datetime.date, day("见习开始日期: not before today, China time (422 `IN_THE_PAST`).")]
    months: Annotated[
        int,
        Meta(
            ge=MONTHS_RANGE[0],
            le=MONTHS_RANGE[1],
            description=f"见习期限, {MONTHS_RANGE[0]}–{MONTHS_RANGE[1]} months (422 `OUT_OF_RANGE`).",
        ),
    ]
    allowance_yuan_per_month: Annotated[
        int,
        Meta(
            ge=0,
            le=ALLOWANCE_MAX,
            description="见习期间每月生活补助, yuan: at least the county's monthly minimum wage (422 "
            "`ALLOWANCE_BELOW_MINIMUM_WAGE`, the figure in its `details`).",
        ),
    ]
    mentor_name: Annotated[str, limited_text(MENTOR_MAX, "带教人 (the mentor).")]


class DeclineRequest(Struct, forbid_unknown_fields=True, kw_only=True):
    reason: Annotated[str, limited_text(TEXT_MAX, "未录用的原因 (the trainee reads it).")]


class InvitationRequest(Struct, forbid_unknown_fields=True, kw_only=True):
    trainee_ref: Annotated[
        str,
        Meta(
            min_length=1,
            max_length=200,
            description="A `trainee_ref` from `GET /v1/unit/positions/{position_id}/interested` of this position.",
        ),
    ]


class EndRequest(Struct, forbid_unknown_fields=True, kw_only=True):
    """提前结束."""

    end_date: Annotated[datetime.date, day("The last day of the placement: from its start to its period's end.")]
    reason: Annotated[str, _choice(END_REASONS, "结束原因")]
    note: Annotated[str, limited_text(TEXT_MAX, "说明.", minimum=0)] | None = None


class AssessmentRequest(Struct, forbid_unknown_fields=True, kw_only=True):
    """期满考核."""

    result: Annotated[str, _choice(ASSESSMENT_RESULTS, "考核结果")]
    comment: Annotated[str, limited_text(TEXT_MAX, "考核评语.", minimum=0)] | None = None


class RetentionRequest(Struct, forbid_unknown_fields=True, kw_only=True):
    """留用: the labour contract that follows."""

    contract_start: Annotated[datetime.date, day("劳动合同起始日期: not before the placement began.")]
    contract_months: Annotated[
        int,
        Meta(
            ge=RETENTION_MONTHS[0],
            le=RETENTION_MONTHS[1],
            description="合同期限, months (422 `OUT_OF_RANGE`).",
        ),
    ]
