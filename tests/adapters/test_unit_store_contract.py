"""The units store's rules, on the fake and on DynamoDB alike (tests/adapters/conftest.py runs each twice): one
live recognition per unit, one move per recognition, and the quota's guard on the positions a unit holds."""

from __future__ import annotations

from typing import Any

import pytest

from chalicelib.domain.clock import china_month, china_time
from chalicelib.domain.principal import unit_account
from chalicelib.domain.units import Hold
from chalicelib.ports.conditions import RECOGNITION, UNIT, ConditionFailed
from chalicelib.ports.units import Move
from scripts.factories import credit_code, uploaded_attachment, with_wrong_check_char
from tests.adapters.contract_backends import NOW, Backend
from tests.adapters.test_position_store_contract import position

CODE = credit_code(501)


def test_a_unit_that_never_applied_has_no_item_and_a_malformed_code_reads_nothing(backend: Backend) -> None:
    units = backend.ports.units
    assert units.get(CODE) is None
    assert units.get(with_wrong_check_char(CODE)) is None
    assert units.get("x" * 2048) is None


def _recognition(backend: Backend, recognition_id: str) -> Any:
    licence = uploaded_attachment(unit_account(CODE), "business_licence")
    backend.put_attachment(licence)
    stamp = china_time(NOW)
    return backend.ports.units.new_recognition(
        recognition_id,
        credit_code=CODE,
        org_name="山西晋阳科技有限公司",
        agent="agent-1",
        county_code="140105",
        city_code="140100",
        province="140000",
        address="太原市小店区长治路227号",
        industry="I",
        insured_staff=10,
        contact_name="李明",
        contact_phone="13912345678",
        description="软件开发企业",
        attachment_ids=[licence.attachment_id],
        status="pending",
        submitted_at=stamp,
        month=china_month(NOW),
        history=[backend.ports.units.history_entry("pending", stamp, "unit", None)],
    )


def _move(
    backend: Backend, status: str, *, quota: int = 0, release: bool = False, from_status: str = "pending"
) -> Move:
    entry = backend.ports.units.history_entry(status, china_time(NOW), "reviewer", None)
    return Move(from_status=from_status, status=status, entry=entry, unit_status=status, quota=quota, release=release)


def test_one_live_recognition_and_one_decision(backend: Backend) -> None:
    units = backend.ports.units
    first = _recognition(backend, "a" * 32)
    units.submit(first, None, at=NOW)
    with pytest.raises(ConditionFailed) as refused:
        units.submit(_recognition(backend, "b" * 32), None, at=NOW)
    assert UNIT in refused.value.failed
    moved = units.move(first, _move(backend, "recognised", quota=3), at=china_time(NOW))
    assert [h.status for h in moved.history] == ["pending", "recognised"]
    with pytest.raises(ConditionFailed) as again:
        units.move(first, _move(backend, "rejected", release=True), at=china_time(NOW))
    assert RECOGNITION in again.value.failed
    unit = units.get(CODE)
    assert unit is not None
    assert (unit.status, unit.position_quota, unit.quota_left, unit.live_recognition_id) == (
        "recognised",
        3,
        3,
        "a" * 32,
    )
    page, _ = units.queue("140100", county=None, status="recognised", month=None, limit=10, start_key=None)
    assert [r.recognition_id for r in page] == ["a" * 32]
    history, _ = units.history(CODE, limit=10, start_key=None)
    assert [r.status for r in history] == ["recognised"]


def test_the_quota_is_held_by_the_unit_item(backend: Backend) -> None:
    units, positions = backend.ports.units, backend.ports.positions
    recognition = _recognition(backend, "c" * 32)
    units.submit(recognition, None, at=NOW)
    units.move(recognition, _move(backend, "recognised", quota=3), at=china_time(NOW))
    held = [
        position(headcount=1, employer_credit_code=CODE, status="pending_review", open_deadline=None, held_headcount=1)
        for _ in range(4)
    ]
    for record in held[:3]:
        positions.create(record, None, Hold(CODE, 1))
    with pytest.raises(ConditionFailed) as refused:
        positions.create(held[3], None, Hold(CODE, 1))
    assert UNIT in refused.value.failed and positions.get(held[3].position_id) is None
    unit = units.get(CODE)
    assert unit is not None and (unit.quota_used, unit.quota_left) == (3, 0)
    awaiting, _ = positions.awaiting_review("140100", limit=10, start_key=None)
    assert {p.position_id for p in awaiting} == {p.position_id for p in held[:3]}
