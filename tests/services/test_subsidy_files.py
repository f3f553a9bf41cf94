"""The 补贴表 and the 花名册 read back with openpyxl: the headers, the rows, the totals; the export job and its link."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from openpyxl import load_workbook

from chalicelib.domain.principal import Principal
from chalicelib.errors import AppError
from chalicelib.services import exports, subsidy_claims, subsidy_tables
from tests.services.fakes import Fakes
from tests.services.subsidy_steps import JUNE_2025, LISHI, REVIEWER, UNIT, attend, claim_body, placement


def _rows(data: bytes) -> list[tuple[object, ...]]:
    sheet = load_workbook(io.BytesIO(data), read_only=True).active
    assert sheet is not None
    return list(sheet.iter_rows(values_only=True))


def test_the_subsidy_table_lists_each_line_masked_and_the_total(fake: Fakes) -> None:
    first, second = placement(fake, 21, name="王小雨"), placement(fake, 22, name="欧阳娜娜")
    attend(fake, first, "2025-04", 21, 21)
    attend(fake, second, "2025-04", 21, 14)
    insurance = [{"placement_id": second.placement_id, "premium_yuan": 120.5, "policy_no": "PA-9"}]
    claim = subsidy_claims.submit(
        UNIT, claim_body(["2025-04"], [first, second], insurance=insurance), JUNE_2025, ports=fake.ports
    )

    rows = _rows(subsidy_tables.claim_table(claim))

    assert rows[2] == subsidy_tables.TABLE_HEADERS
    body = rows[3:-1]
    assert [(r[1], r[3], r[4], r[9]) for r in body] == [
        ("王小雨", "见习补贴", "2025-04", 1290.0),
        ("欧阳娜娜", "见习补贴", "2025-04", 860.0),  # 1290 × 14 ÷ 21
        ("欧阳娜娜", "人身意外伤害保险费补贴", None, 120.5),
    ]
    assert all("*" in str(r[2]) for r in body)  # the table goes with the 公示: ID numbers masked
    assert rows[-1][0] == "合计" and rows[-1][9] == 2270.5


def test_the_roster_job_writes_every_confirmed_trainee_unmasked_and_each_link_is_audited(fake: Fakes) -> None:
    for serial in range(30, 37):
        placement(fake, serial, name=f"张{serial}")
    placement(fake, 37, confirmed_at=None, status="agreed")  # not yet 上岗: not on the roster
    fields = {
        "kind": "roster",
        "county": LISHI,
        "date_from": JUNE_2025.date() - timedelta(days=200),
        "date_to": JUNE_2025.date(),
    }

    asked = exports.request(REVIEWER, fields, JUNE_2025, ports=fake.ports)
    before, no_link = exports.fetch(REVIEWER, asked.export_id, JUNE_2025, ports=fake.ports)
    done = exports.run(asked.export_id, JUNE_2025, ports=fake.ports, page=3)  # three pages and a bit
    after, link = exports.fetch(REVIEWER, asked.export_id, JUNE_2025, ports=fake.ports)

    assert (before.status, no_link) == ("pending", None)
    assert (done.status, done.rows, after.status) == ("ready", 7, "ready")
    assert link is not None and "expires=300" in link
    stored = fake.db.objects[str(done.object_key)][0]
    rows = _rows(stored)
    assert rows[1] == subsidy_tables.ROSTER_HEADERS
    assert len(rows) == 2 + 7
    record = fake.ports.placements.get(f"{30:032x}")
    assert record is not None
    first = next(r for r in rows[2:] if r[1] == "张30")
    assert first[3] == record.trainee_id_number and first[10] == record.trainee_phone  # unmasked only here
    assert first[2] in ("男", "女") and first[9] == "2025-03-01至2025-08-31"
    assert [a.action for a in fake.db.audit] == ["download_roster"]


def test_another_regions_staff_cannot_fetch_an_export(fake: Fakes) -> None:
    fields = {"kind": "roster", "county": None, "date_from": JUNE_2025.date(), "date_to": JUNE_2025.date()}
    asked = exports.request(REVIEWER, fields, JUNE_2025, ports=fake.ports)
    taiyuan = Principal("r9", "审核员", None, frozenset({"reviewer"}), "140100")
    with pytest.raises(AppError) as hidden:
        exports.fetch(taiyuan, asked.export_id, JUNE_2025, ports=fake.ports)
    assert hidden.value.code == "EXPORT_NOT_FOUND"
