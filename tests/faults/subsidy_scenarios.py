"""Issue 21's mutating flows for the fault suites (registered in scenarios.py and calls.py): 考勤, the claim, the
agency's decisions, the public objection and its ruling, 拨付, the export, the local clock.

Placements are written through the placements' store (上岗报备 is issue 20's flow); the trainees are in 小店区, the
fault reviewer's region (太原市).
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from msgspec import structs

from chalicelib import wiring
from chalicelib.domain.clock import utc_now
from tests.conftest import body
from tests.faults.world import Request, World
from tests.services.subsidy_steps import UNIT_CODE, confirmed_in, placement_record

COUNTY = "140105"
_serial = [0]


def unit_token() -> str:
    """A 法人登录 token of the test unit, signed by the key the suite's JWKS serves."""
    from scripts.local_keys import ensure_key, mint

    private, _ = ensure_key(Path(urlparse(os.environ["JWKS_URL"]).path).parent)
    return str(
        mint(private, sub="agent-fault", name="经办人", extra={"credit_code": UNIT_CODE, "org_name": "示例科技"})
    )


def _placement(world: World) -> str:
    """A confirmed placement that started last month, so last month's 考勤 may be reported."""
    _serial[0] += 1
    today = utc_now().date()
    start = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    record = placement_record(
        900 + _serial[0],
        subject=f"fault-trainee-{_serial[0]}",
        county_code=COUNTY,
        city_code="140100",
        start_date=start,
        end_date=start + timedelta(days=180),
        confirmed_at=datetime.combine(start, datetime.min.time(), UTC),
    )
    return confirmed_in(wiring.ports().placements, record).placement_id


def _last_month() -> str:
    return (utc_now().date().replace(day=1) - timedelta(days=1)).strftime("%Y-%m")


def _attendance_payload() -> dict[str, Any]:
    return {"days_due": 5, "days_present": 5, "note": ""}


def put_attendance(world: World) -> Request:
    placement_id = _placement(world)
    return Request(
        "PUT", f"/v1/unit/placements/{placement_id}/attendance/{_last_month()}", unit_token(), _attendance_payload()
    )


def _claim_payload(placement_id: str) -> dict[str, Any]:
    bank = {"account_name": "示例科技", "bank_name": "中国银行", "account_no": "6217000011112222333"}
    return {"months": [_last_month()], "placement_ids": [placement_id], "bank": bank}


def submit_claim(world: World) -> Request:
    request = put_attendance(world)
    assert request.send(world.client, None).status_code == 200
    placement_id = request.path.split("/")[4]
    return Request("POST", "/v1/unit/subsidy-claims", request.token, _claim_payload(placement_id))


def _submitted(world: World) -> str:
    made = submit_claim(world).send(world.client, None)
    assert made.status_code == 201, made.body
    return str(body(made)["claim_id"])


def approve_claim(world: World) -> Request:
    return Request("POST", f"/v1/admin/subsidy-claims/{_submitted(world)}/approve", world.reviewer, {"comment": "齐全"})


def reject_claim(world: World) -> Request:
    return Request("POST", f"/v1/admin/subsidy-claims/{_submitted(world)}/reject", world.reviewer, {"reason": "未盖章"})


def _publicised(world: World) -> str:
    claim_id = _submitted(world)
    approved = approve_claim_of(world, claim_id)
    assert approved.status_code == 200, approved.body
    return claim_id


def approve_claim_of(world: World, claim_id: str) -> Any:
    return Request("POST", f"/v1/admin/subsidy-claims/{claim_id}/approve", world.reviewer, {}).send(world.client, None)


OBJECTION = {"name": "张三", "phone": "13912345678", "text": "该见习人员未实际到岗"}


def object_to_notice(world: World) -> Request:
    return Request("POST", f"/v1/public/notices/{_publicised(world)}/objections", "", OBJECTION)


def resolve_objection(world: World) -> Request:
    claim_id = _publicised(world)
    said = Request("POST", f"/v1/public/notices/{claim_id}/objections", "", OBJECTION).send(world.client, None)
    assert said.status_code == 201, said.body
    path = f"/v1/admin/subsidy-claims/{claim_id}/objections/{body(said)['objection_id']}/resolve"
    return Request("POST", path, world.reviewer, {"upheld": False, "note": "不属实"})


def disburse_claim(world: World) -> Request:
    """A claim whose 公示 ended yesterday (moved back in the store: the clean run must be allowed to pay)."""
    claim_id = _publicised(world)
    store = wiring.ports().subsidies
    claim = store.get_claim(claim_id)
    assert claim is not None
    yesterday = utc_now().date() - timedelta(days=1)
    ended = structs.replace(
        claim, publicity_start=yesterday - timedelta(days=7), publicity_end=yesterday, version=claim.version + 1
    )
    store.move_claim(claim, ended)
    return Request(
        "POST",
        f"/v1/admin/subsidy-claims/{claim_id}/disburse",
        world.reviewer,
        {"voucher_no": "PZ-1", "paid_on": utc_now().date().isoformat()},
    )


def request_export(world: World) -> Request:
    payload = {"kind": "roster", "date_from": "2025-01-01", "date_to": date.today().isoformat()}
    return Request("POST", "/v1/admin/exports", world.reviewer, payload)


def advance_clock(world: World) -> Request:
    """Without `LOCAL_CLOCK_FILE` (the tests' stage) the route is absent: 404, and nothing is written anywhere."""
    return Request("POST", "/v1/local/clock", "", {"advance_days": 3})


SUBSIDY_FLOWS = {
    "put_attendance": (put_attendance, 200),
    "submit_claim": (submit_claim, 201),
    "approve_claim": (approve_claim, 200),
    "reject_claim": (reject_claim, 200),
    "object_to_notice": (object_to_notice, 201),
    "resolve_objection": (resolve_objection, 200),
    "disburse_claim": (disburse_claim, 200),
    "request_export": (request_export, 202),
    "advance_clock": (advance_clock, 404),
}
SUBSIDY_OPERATIONS = {
    "putAttendance": "put_attendance",
    "submitSubsidyClaim": "submit_claim",
    "approveSubsidyClaim": "approve_claim",
    "rejectSubsidyClaim": "reject_claim",
    "objectToNotice": "object_to_notice",
    "resolveObjection": "resolve_objection",
    "disburseSubsidyClaim": "disburse_claim",
    "requestExport": "request_export",
    "advanceLocalClock": "advance_clock",
}
