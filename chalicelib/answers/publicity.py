"""公示 answers (issue 21): the public notice of an approved subsidy claim, with every trainee's name and ID number
masked, and the objections anyone may raise during it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Annotated

from msgspec import Meta, Struct

from chalicelib.answers.fields import Day, LocalityCode, Month, Page, Timestamp, one_of
from chalicelib.answers.subsidies import Yuan
from chalicelib.domain import subsidies as rules
from chalicelib.domain.clock import china_time
from chalicelib.domain.masks import mask_id_number, mask_name, mask_phone
from chalicelib.domain.regions import shanxi
from chalicelib.domain.subsidies import ClaimRecord, ObjectionRecord


class NoticeLine(Struct, kw_only=True):
    trainee_name: Annotated[str, Meta(description="Masked: 王*雨.")]
    trainee_id_number: Annotated[str, Meta(description="Masked: 141102********123X.")]
    kind: Annotated[str, one_of([rules.MONTH_LINE, rules.PREMIUM_LINE])]
    month: Month | None
    amount_yuan: Yuan


class NoticeSummary(Struct, kw_only=True):
    notice_id: str
    title: str
    org_name: str
    county_code: LocalityCode
    county_name: str
    total_yuan: Yuan
    publicity_start: Day
    publicity_end: Day
    current: Annotated[bool, Meta(description="The 公示 has not ended (China time).")]


class Notice(NoticeSummary, kw_only=True):
    """A 公示: the unit, each trainee masked, the months and amounts, the period, and where to object."""

    months: Sequence[str]
    lines: Sequence[NoticeLine]
    objections_to: Annotated[str, Meta(description="Where and how to object (我要反映).")]


class NoticePage(Page, kw_only=True):
    """公示 notices, the latest 公示 first."""

    items: Sequence[NoticeSummary]


def _notice_fields(record: ClaimRecord, today: date) -> dict[str, object]:
    assert record.publicity_start is not None and record.publicity_end is not None
    place = shanxi().locality(record.county_code)
    return {
        "notice_id": record.claim_id,
        "title": f"{record.org_name}就业见习补贴公示",
        "org_name": record.org_name,
        "county_code": record.county_code,
        "county_name": place.full_name if place else record.county_code,
        "total_yuan": f"{record.total_yuan:.2f}",
        "publicity_start": record.publicity_start.isoformat(),
        "publicity_end": record.publicity_end.isoformat(),
        "current": today <= record.publicity_end,
    }


def notice_summary(record: ClaimRecord, today: date) -> NoticeSummary:
    full = notice(record, today)
    return NoticeSummary(**{name: getattr(full, name) for name in NoticeSummary.__struct_fields__})


def notice(record: ClaimRecord, today: date) -> Notice:
    return Notice(
        **_notice_fields(record, today),  # type: ignore[arg-type]
        months=list(record.months),
        lines=[
            NoticeLine(
                trainee_name=mask_name(item.trainee_name),
                trainee_id_number=mask_id_number(item.trainee_id_number),
                kind=item.kind,
                month=item.month,
                amount_yuan=f"{item.amount_yuan:.2f}",
            )
            for item in record.lines
        ],
        objections_to=f"公示期内如有异议，请通过本页“我要反映”提交，或向{rules.OBJECTION_OFFICE}反映。",
    )


class Objection(Struct, kw_only=True):
    objection_id: str
    name: Annotated[str, Meta(description="Masked.")]
    phone: Annotated[str, Meta(description="Masked: 138****5678.")]
    text: str
    status: Annotated[str, one_of(list(rules.OBJECTION_LABELS))]
    status_label: str
    created_at: Timestamp
    note: str | None
    resolved_at: Timestamp | None


def objection(record: ObjectionRecord) -> Objection:
    return Objection(
        objection_id=record.objection_id,
        name=mask_name(record.name),
        phone=mask_phone(record.phone),
        text=record.text,
        status=record.status,
        status_label=rules.OBJECTION_LABELS[record.status],
        created_at=china_time(record.created_at),
        note=record.note,
        resolved_at=china_time(record.resolved_at) if record.resolved_at else None,
    )


class ObjectionList(Struct, kw_only=True):
    items: Sequence[Objection]


class ObjectionReceived(Struct, kw_only=True):
    """反映已提交: the agency rules on it during the 公示."""

    objection_id: str
    status: Annotated[str, one_of([rules.OPEN])]
    created_at: Timestamp


def objection_received(record: ObjectionRecord) -> ObjectionReceived:
    return ObjectionReceived(
        objection_id=record.objection_id, status=record.status, created_at=china_time(record.created_at)
    )
