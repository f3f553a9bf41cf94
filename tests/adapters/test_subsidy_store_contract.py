"""The subsidy store's contract, on the fakes and on moto alike: the same answers, the same refusals (labels)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from msgspec import structs

from chalicelib.domain import subsidies as rules
from chalicelib.domain.subsidies import AttendanceRecord, Bank, ClaimLine, ClaimRecord, ObjectionRecord
from chalicelib.ports.conditions import ConditionFailed
from chalicelib.ports.subsidies import ATTENDANCE, CLAIM, LINE, LOCKED, RATE, ExportRecord
from tests.adapters.contract_backends import NOW, Backend


def _attendance(placement: str, month: str, version: int = 1) -> AttendanceRecord:
    return AttendanceRecord(
        placement_id=placement, month=month, days_due=21, days_present=20, updated_at=NOW, version=version
    )


def _claim(claim_id: str, placement: str, month: str, *, county: str = "141102", minutes: int = 0) -> ClaimRecord:
    line = ClaimLine(
        kind=rules.MONTH_LINE,
        placement_id=placement,
        trainee_name="王小雨",
        trainee_id_number="141102200105041234",
        month=month,
        rate_yuan=Decimal("1290.00"),
        days_due=21,
        days_present=20,
        attendance_version=1,
        amount_yuan=Decimal("1228.57"),
    )
    return ClaimRecord(
        claim_id=claim_id,
        credit_code="91141100MA0XXXXX1A",
        org_name="示例单位",
        submitter="unit:91141100MA0XXXXX1A",
        county_code=county,
        city_code=county[:4] + "00",
        status=rules.SUBMITTED,
        months=(month,),
        lines=(line,),
        total_yuan=Decimal("1228.57"),
        bank=Bank(account_name="示例单位", bank_name="中国银行", account_no="6217000011112222333"),
        submitted_at=NOW + timedelta(minutes=minutes),
        updated_at=NOW,
    )


def _refused(labels: set[str], action: object) -> None:
    with pytest.raises(ConditionFailed) as caught:
        action()  # type: ignore[operator]
    assert caught.value.failed == frozenset(labels)


def test_attendance_is_written_from_the_version_read_and_locked_by_a_claim(backend: Backend) -> None:
    store = backend.ports.subsidies
    store.put_attendance(_attendance("p1", "2025-04"), version_read=None)
    _refused({ATTENDANCE}, lambda: store.put_attendance(_attendance("p1", "2025-04"), version_read=None))
    store.put_attendance(_attendance("p1", "2025-04", version=2), version_read=1)
    _refused({ATTENDANCE}, lambda: store.submit_claim(_claim("c1", "p1", "2025-04"), None))  # claim read version 1

    store.put_attendance(_attendance("p1", "2025-05"), version_read=None)
    store.submit_claim(_claim("c2", "p1", "2025-05"), None)

    _refused({LOCKED}, lambda: store.put_attendance(_attendance("p1", "2025-05", 2), version_read=1))
    _refused({LINE}, lambda: store.submit_claim(_claim("c3", "p1", "2025-05"), None))
    assert store.claimed_keys("p1") == {"2025-05": "c2"}
    assert [a.month for a in store.attendance("p1")] == ["2025-04", "2025-05"]


def test_a_rejection_releases_the_lines_and_a_stale_move_is_refused(backend: Backend) -> None:
    store = backend.ports.subsidies
    store.put_attendance(_attendance("p2", "2025-04"), version_read=None)
    claim = _claim("c4", "p2", "2025-04")
    store.submit_claim(claim, None)
    rejected = structs.replace(claim, status=rules.REJECTED, version=2)

    store.move_claim(claim, rejected, release=True)

    _refused({CLAIM}, lambda: store.move_claim(claim, rejected))
    assert store.claimed_keys("p2") == {}
    assert store.get_claim("c4") == rejected
    store.submit_claim(_claim("c5", "p2", "2025-04"), None)  # claimable again


def test_claims_are_listed_by_unit_and_by_region_newest_first(backend: Backend) -> None:
    store = backend.ports.subsidies
    for i, county in enumerate(("141102", "141102", "140105")):
        store.put_attendance(_attendance(f"q{i}", "2025-04"), version_read=None)
        store.submit_claim(_claim(f"r{i}", f"q{i}", "2025-04", county=county, minutes=i), None)

    mine, _ = store.claims_of_unit("91141100MA0XXXXX1A", status=None, limit=10, start_key=None)
    lvliang, _ = store.claims_of_region("141100", county=None, status=None, month=None, limit=10, start_key=None)
    province, more = store.claims_of_region(
        "140000", county=None, status=None, month="2026-11", limit=2, start_key=None
    )
    rest, last = store.claims_of_region("140000", county=None, status=None, month="2026-11", limit=2, start_key=more)

    assert [c.claim_id for c in mine] == ["r2", "r1", "r0"]
    assert [c.claim_id for c in lvliang] == ["r1", "r0"]
    assert [c.claim_id for c in [*province, *rest]] == ["r2", "r1", "r0"] and last is None


def test_objections_count_per_phone_and_day_and_only_during_publicity(backend: Backend) -> None:
    store = backend.ports.subsidies
    store.put_attendance(_attendance("s1", "2025-04"), version_read=None)
    claim = _claim("n1", "s1", "2025-04")
    store.submit_claim(claim, None)
    publicised = structs.replace(
        claim, status=rules.PUBLICISED, publicity_start=date(2026, 11, 27), publicity_end=date(2026, 12, 3), version=2
    )

    def objection(i: int) -> ObjectionRecord:
        return ObjectionRecord(
            objection_id=f"o{i}", claim_id="n1", name="张三", phone="13912345678", text="未到岗", created_at=NOW
        )

    _refused({CLAIM}, lambda: store.add_objection(objection(0), claim, day="2026-11-26", limit=2))
    store.move_claim(claim, publicised)
    store.add_objection(objection(1), publicised, day="2026-11-26", limit=2)
    store.add_objection(objection(2), publicised, day="2026-11-26", limit=2)
    _refused({RATE}, lambda: store.add_objection(objection(3), publicised, day="2026-11-26", limit=2))

    counted = store.get_claim("n1")
    assert counted is not None and counted.open_objections == 2
    _refused({CLAIM}, lambda: store.move_claim(publicised, structs.replace(publicised, version=3)))  # stale count
    ruled = structs.replace(objection(1), status=rules.DISMISSED)
    store.resolve_objection(ruled, counted, structs.replace(counted, open_objections=1, version=3), None)
    notices, _ = store.notices(city="141100", county=None, limit=10, start_key=None)
    everywhere, _ = store.notices(city=None, county=None, limit=10, start_key=None)
    assert [o.status for o in store.objections("n1")] == [rules.DISMISSED, rules.OPEN]
    assert [n.claim_id for n in notices] == ["n1"] == [n.claim_id for n in everywhere]
    assert store.get_claim("n1").open_objections == 1  # type: ignore[union-attr]


def test_an_export_is_created_once_and_finished(backend: Backend) -> None:
    store = backend.ports.subsidies
    export = ExportRecord(
        export_id="e1",
        kind="roster",
        requested_by="r",
        region="141100",
        county=None,
        date_from="2025-01-01",
        date_to="2025-12-31",
        status="pending",
        created_at="2026-11-26T10:00:00+08:00",
    )
    store.create_export(export)
    with pytest.raises(ConditionFailed):
        store.create_export(export)
    store.finish_export(structs.replace(export, status="ready", rows=3, object_key="exports/e1.xlsx"))
    assert store.get_export("e1").rows == 3  # type: ignore[union-attr]
