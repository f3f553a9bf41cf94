"""Answers about units (见习单位, issue 19): the unit as it sees itself (单位中心)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from msgspec import Meta, Struct

from chalicelib.answers.fields import LocalityCode, Timestamp, label_of, one_of
from chalicelib.domain.credit_code import CREDIT_CODE_PATTERN
from chalicelib.domain.principal import Principal
from chalicelib.domain.regions import shanxi
from chalicelib.domain.units import UNIT_STATUS_LABELS, UNREGISTERED

if TYPE_CHECKING:
    from chalicelib.domain.records import UnitRecord

CreditCode = Annotated[str, Meta(pattern=CREDIT_CODE_PATTERN, description="统一社会信用代码 (GB 32100).")]
UnitStatus = Annotated[
    str,
    one_of(
        list(UNIT_STATUS_LABELS),
        "`unregistered` (未申请: never applied), `pending` (未审核), `recognised` (已认定: a 见习单位), `rejected` "
        "(审核不通过) or `revoked` (已撤销).",
    ),
]


class Unit(Struct, kw_only=True):
    """The calling unit (单位中心): its recognition status and its quota of positions. Until it is recognised
    `position_quota` is 0; `quota_used` is the headcount of its open and pending_review positions."""

    credit_code: CreditCode
    org_name: Annotated[str, Meta(description="The unit's name: as recognised, else as the token names it.")]
    status: UnitStatus
    status_label: Annotated[str, label_of(UNIT_STATUS_LABELS, "status")]
    county_code: LocalityCode | None  # 业务办理属地; `null` until the unit applies
    county_name: Annotated[str, Meta(description="The 业务办理属地's full name, e.g. 太原市小店区.")] | None
    insured_staff: Annotated[int, Meta(ge=1, description="参保职工人数 as last applied with.")] | None
    position_quota: Annotated[int, Meta(ge=0, description="Headcount the unit may publish at once.")]
    quota_used: Annotated[int, Meta(ge=0, description="Headcount of its open and pending_review positions.")]
    recognised_at: Timestamp | None


def unit(principal: Principal, record: UnitRecord | None) -> Unit:
    assert principal.credit_code is not None  # the UNIT access resolves only a unit's token
    if record is None:
        return Unit(
            credit_code=principal.credit_code,
            org_name=principal.org_name or "",
            status=UNREGISTERED,
            status_label=UNIT_STATUS_LABELS[UNREGISTERED],
            county_code=None,
            county_name=None,
            insured_staff=None,
            position_quota=0,
            quota_used=0,
            recognised_at=None,
        )
    found = shanxi().locality(record.county_code) if record.county_code else None
    recognised = record.status == "recognised"
    return Unit(
        credit_code=record.credit_code,
        org_name=record.org_name,
        status=record.status,
        status_label=UNIT_STATUS_LABELS[record.status],
        county_code=found.code if found else None,
        county_name=found.full_name if found else None,
        insured_staff=int(record.insured_staff) if record.insured_staff else None,
        position_quota=int(record.position_quota or 0) if recognised else 0,
        quota_used=int(record.quota_used or 0),
        recognised_at=record.recognised_at if recognised else None,
    )
