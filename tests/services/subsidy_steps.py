"""Builders for the subsidy tests: confirmed placements in the fakes, attendance, a claim's body."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from chalicelib.domain.placements import IN_PROGRESS, PlacementRecord
from chalicelib.domain.principal import Principal
from chalicelib.services import attendance
from chalicelib.services.subsidy_claims import Claimant
from scripts.factories import credit_code, id_number
from tests.services.fakes import Fakes

UNIT_CODE = credit_code(4321)
OTHER_UNIT = credit_code(8765)
LISHI = "141102"
JUNE_2025 = datetime(2025, 6, 16, 2, 0, tzinfo=UTC)  # a Monday, 10:00 in China
UNIT = Claimant(UNIT_CODE, "吕梁市离石区示例科技有限公司", f"unit:{UNIT_CODE}", "13800138000")
REVIEWER = Principal("reviewer-1", "审核员", None, frozenset({"applicant", "reviewer"}), LISHI)


def placement_record(serial: int, *, name: str = "王小雨", **overrides: Any) -> PlacementRecord:
    """A placement at 离石, confirmed by 上岗报备 (in progress from 2025-03-01 for six months) unless overridden."""
    fields: dict[str, Any] = {
        "placement_id": f"{serial:032x}",
        "subject": f"trainee-{serial}",
        "trainee_name": name,
        "trainee_id_number": id_number(date(2001, 5, 4), area=LISHI, serial=100 + serial),
        "trainee_phone": f"1390000{serial:04d}",
        "trainee_education": "bachelor",
        "trainee_school": "吕梁学院",
        "trainee_major": "会计学",
        "credit_code": UNIT_CODE,
        "org_name": UNIT.org_name,
        "position_id": "a" * 32,
        "position_title": "财务助理",
        "county_code": LISHI,
        "city_code": "141100",
        "status": IN_PROGRESS,
        "start_date": date(2025, 3, 1),
        "months": 6,
        "end_date": date(2025, 8, 31),
        "allowance_yuan_per_month": 2150,
        "confirmed_at": datetime(2025, 3, 3, 2, 0, tzinfo=UTC),
        "confirmed_by": "reviewer-1",
        "created_at": datetime(2025, 2, 1, tzinfo=UTC),
        "updated_at": datetime(2025, 3, 3, tzinfo=UTC),
        **overrides,
    }
    return PlacementRecord(**fields)


def placement(fake: Fakes, serial: int, *, name: str = "王小雨", **overrides: Any) -> PlacementRecord:
    """The same, in the fake placement store."""
    record = placement_record(serial, name=name, **overrides)
    fake.ports.placements.tables.placements[record.placement_id] = record  # type: ignore[attr-defined]
    return record


def attend(fake: Fakes, record: PlacementRecord, month: str, due: int, present: int) -> None:
    """The unit UNIT reports a month (whoever's placement it is)."""
    fields = {"days_due": due, "days_present": present, "note": ""}
    attendance.record(UNIT.credit_code, record.placement_id, month, fields, JUNE_2025, ports=fake.ports)


def claim_body(months: list[str], placements: list[PlacementRecord], **overrides: Any) -> dict[str, Any]:
    return {
        "months": months,
        "placement_ids": [p.placement_id for p in placements],
        "insurance": [],
        "bank": {"account_name": UNIT.org_name, "bank_name": "中国银行离石支行", "account_no": "6217000011112222333"},
        **overrides,
    }


def confirmed_in(store: Any, record: PlacementRecord, headcount: int = 10_000) -> PlacementRecord:
    """Write a placement as issue 20's steps leave it (applied → offered → agreed → 上岗报备), each step one commit
    of the placements' own store, so its counters and conditions hold as in the running service."""
    from msgspec import structs

    from chalicelib.domain.placements import AGREED, APPLIED, OFFERED
    from chalicelib.ports.placements import Move

    blank = {"confirmed_at": None, "confirmed_by": None}
    applied = structs.replace(record, status=APPLIED, version=1, **blank)
    store.commit([Move(None, applied)])
    before = applied
    for status in (OFFERED, AGREED):
        after = structs.replace(before, status=status, version=before.version + 1)
        store.commit([Move(before, after)], headcount=headcount)
        before = after
    done = structs.replace(record, version=before.version + 1)
    store.commit([Move(before, done)], headcount=headcount)
    return done
