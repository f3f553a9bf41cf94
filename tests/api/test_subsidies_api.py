"""考勤 → 补贴申领 → 审核 → 公示 (public, masked) → 异议 → 拨付, through the routes (chalice.test.Client on moto).

The issue's first "Done when" line, route by route: attendance for two months, a claim whose amounts are the rule,
approval, the notice readable without sign-in and masked, an objection dismissed, 拨付 refused during the 公示 and
accepted after it, the unit's messages for each step, a second claim of the same month refused; and the 补贴表 and
the 花名册 read back with openpyxl.
"""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from openpyxl import load_workbook

from chalicelib import wiring
from chalicelib.adapters.models import AuditEvent
from chalicelib.domain.placements import PlacementRecord
from chalicelib.services import subsidy_tables
from tests import flows
from tests.conftest import body
from tests.services.subsidy_steps import LISHI, UNIT_CODE, confirmed_in, placement_record

APPROVED_AT = datetime(2025, 6, 16, 2, 0, tzinfo=UTC)  # Monday 10:00 China time
SUBSIDY_MODULES = ("attendance", "subsidy_claims", "subsidy_review", "notices", "exports")


def at(monkeypatch: pytest.MonkeyPatch, moment: datetime) -> None:
    for module in SUBSIDY_MODULES:
        monkeypatch.setattr(f"chalicelib.api.{module}.utc_now", lambda: moment)


def seed(serial: int, name: str) -> PlacementRecord:
    """A placement at 离石 confirmed by 上岗报备, written through the placements' own store."""
    return confirmed_in(wiring.ports().placements, placement_record(serial, name=name))


@pytest.fixture
def unit(token: Any) -> str:
    return str(
        token(
            sub="agent-1", name="经办人", extra={"credit_code": UNIT_CODE, "org_name": "吕梁市离石区示例科技有限公司"}
        )
    )


@pytest.fixture
def staff(token: Any) -> str:
    return str(token(sub="r-lishi", name="审核员", roles=["reviewer"], region=LISHI))


def put_month(client: Any, unit: str, placement_id: str, month: str, days: tuple[int, int]) -> Any:
    due, present = days
    path = f"/v1/unit/placements/{placement_id}/attendance/{month}"
    payload = json.dumps({"days_due": due, "days_present": present, "note": ""})
    return client.http.put(path, headers=flows.auth(unit), body=payload)


def claim(client: Any, unit: str, months: list[str], placements: list[str], key: str) -> Any:
    payload = {
        "months": months,
        "placement_ids": placements,
        "insurance": [{"placement_id": placements[0], "premium_yuan": 260, "policy_no": "PA-2025-001"}],
        "bank": {"account_name": "示例科技", "bank_name": "中国银行离石支行", "account_no": "6217000011112222333"},
    }
    return flows.post(client, "/v1/unit/subsidy-claims", unit, payload, **{"Idempotency-Key": key})


def test_attendance_claim_publicity_objection_and_payment(
    client: Any, monkeypatch: pytest.MonkeyPatch, unit: str, staff: str
) -> None:
    at(monkeypatch, APPROVED_AT)
    first, second = seed(1, "王小雨"), seed(2, "欧阳娜娜")
    for record in (first, second):
        assert put_month(client, unit, record.placement_id, "2025-04", (21, 21)).status_code == 200
    assert put_month(client, unit, first.placement_id, "2025-05", (19, 18)).status_code == 200
    assert put_month(client, unit, second.placement_id, "2025-05", (19, 19)).status_code == 200

    made = claim(client, unit, ["2025-04", "2025-05"], [first.placement_id, second.placement_id], "k1")
    assert made.status_code == 201, made.body
    answer = body(made)
    amounts = sorted(line["amount_yuan"] for line in answer["lines"])
    assert amounts == ["1222.11", "1290.00", "1290.00", "1290.00", "240.00"]  # 1290 × 18 ÷ 19; premium capped
    assert answer["total_yuan"] == "5332.11"
    assert answer["bank"]["account_no"] == "***************2333"
    assert {line["trainee_name"] for line in answer["lines"]} == {"王*雨", "欧**娜"}
    claim_id = answer["claim_id"]

    approved = flows.post(client, f"/v1/admin/subsidy-claims/{claim_id}/approve", staff, {"comment": "材料齐全"})
    assert approved.status_code == 200, approved.body
    assert (body(approved)["publicity_start"], body(approved)["publicity_end"]) == ("2025-06-17", "2025-06-23")

    notice = client.http.get(f"/v1/public/notices/{claim_id}")  # no sign-in
    assert notice.status_code == 200
    shown = body(notice)
    assert {line["trainee_name"] for line in shown["lines"]} == {"王*雨", "欧**娜"}
    assert all("*" in line["trainee_id_number"] for line in shown["lines"])
    assert first.trainee_id_number.encode() not in notice.body
    listed = body(client.http.get("/v1/public/notices?county=141102"))
    assert [item["notice_id"] for item in listed["items"]] == [claim_id]

    objected = client.http.post(
        f"/v1/public/notices/{claim_id}/objections",
        headers={"Content-Type": "application/json"},
        body=json.dumps({"name": "张三", "phone": "13912345678", "text": "王某五月份未实际到岗"}, ensure_ascii=False),
    )
    assert objected.status_code == 201, objected.body
    objection_id = body(objected)["objection_id"]
    dismissed = flows.post(
        client,
        f"/v1/admin/subsidy-claims/{claim_id}/objections/{objection_id}/resolve",
        staff,
        {"upheld": False, "note": "经核实考勤无误"},
    )
    assert dismissed.status_code == 200 and body(dismissed)["status"] == "dismissed"

    payment = {"voucher_no": "LS-2025-0601", "paid_on": "2025-06-16"}
    early = flows.post(client, f"/v1/admin/subsidy-claims/{claim_id}/disburse", staff, payment)
    assert (early.status_code, body(early)["error"]["code"]) == (409, "PUBLICITY_NOT_OVER")

    at(monkeypatch, APPROVED_AT + timedelta(days=8))  # 2025-06-24: the 公示 ended the day before
    paid = flows.post(client, f"/v1/admin/subsidy-claims/{claim_id}/disburse", staff, payment)
    assert paid.status_code == 200, paid.body
    assert body(paid)["status"] == "paid"

    kinds = {item["kind"] for item in body(flows.get(client, "/v1/messages", unit))["items"]}
    assert kinds == {"subsidy_submitted", "subsidy_approved", "subsidy_paid"}

    again = claim(client, unit, ["2025-04"], [first.placement_id], "k2")
    assert (again.status_code, body(again)["error"]["code"]) == (409, "ALREADY_CLAIMED")
    locked = put_month(client, unit, first.placement_id, "2025-04", (21, 20))
    assert (locked.status_code, body(locked)["error"]["code"]) == (409, "ATTENDANCE_LOCKED")


def test_the_agency_reads_the_bank_account_audited_and_the_table_as_xlsx(
    client: Any, monkeypatch: pytest.MonkeyPatch, unit: str, staff: str, token: Any
) -> None:
    at(monkeypatch, APPROVED_AT)
    record = seed(3, "王小雨")
    put_month(client, unit, record.placement_id, "2025-04", (21, 14))
    claim_id = body(claim(client, unit, ["2025-04"], [record.placement_id], "k3"))["claim_id"]

    detail = flows.get(client, f"/v1/admin/subsidy-claims/{claim_id}", staff)
    table = client.http.get(
        f"/v1/admin/subsidy-claims/{claim_id}/table.xlsx", headers=flows.auth(staff, Accept=subsidy_tables.XLSX)
    )
    taiyuan = token(sub="r-ty", roles=["reviewer"], region="140100")
    elsewhere = flows.get(client, f"/v1/admin/subsidy-claims/{claim_id}", taiyuan)

    assert body(detail)["bank"]["account_no"] == "6217000011112222333"
    assert [e.action for e in AuditEvent.scan()] == ["read_subsidy_claim"]
    assert elsewhere.status_code == 404
    sheet = load_workbook(io.BytesIO(table.body)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[2][:3] == ("序号", "姓名", "身份证号")
    assert rows[3][9] == 860.0 and rows[4][9] == 240.0 and rows[-1][0] == "合计" and rows[-1][9] == 1100.0


def test_the_roster_export_is_a_job_with_a_five_minute_link(
    client: Any, monkeypatch: pytest.MonkeyPatch, staff: str
) -> None:
    at(monkeypatch, APPROVED_AT)
    for serial in range(10, 14):
        seed(serial, f"李{serial}")
    asked = flows.post(
        client, "/v1/admin/exports", staff, {"kind": "roster", "date_from": "2025-01-01", "date_to": "2025-06-30"}
    )
    assert asked.status_code == 202, asked.body
    export_id = body(asked)["export_id"]
    assert body(flows.get(client, f"/v1/admin/exports/{export_id}", staff))["status"] == "pending"

    from chalicelib.services.exports import run

    run(export_id, APPROVED_AT, ports=wiring.ports())  # what the stream handler does
    ready = body(flows.get(client, f"/v1/admin/exports/{export_id}", staff))

    assert (ready["status"], ready["rows"]) == ("ready", 4)
    assert "X-Amz-Expires=300" in ready["download_url"]


def test_the_local_clock_is_local_only(client: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    monkeypatch.delenv("LOCAL_CLOCK_FILE", raising=False)
    assert client.http.get("/v1/local/clock").status_code == 404
    monkeypatch.setenv("LOCAL_CLOCK_FILE", str(tmp_path / "clock.json"))
    moved = client.http.post(
        "/v1/local/clock", headers={"Content-Type": "application/json"}, body=json.dumps({"advance_days": 9})
    )
    shown = body(client.http.get("/v1/local/clock"))
    assert moved.status_code == 200 and shown["offset_days"] == 9
    assert shown["today"] == (datetime.now(UTC) + timedelta(hours=8, days=9)).date().isoformat()
    monkeypatch.setenv("STAGE", "prod")
    from chalicelib.config import settings

    settings.cache_clear()
    assert client.http.get("/v1/local/clock").status_code == 404
