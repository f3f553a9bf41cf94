"""Issue 21's first "Done when" line, over HTTP against `make dev` (scripts/devstack.py on free ports):

attendance for two months → claim → the amounts equal the rule → approve → the notice is readable without sign-in,
masked → an objection → dismissed → disburse refused during 公示 → the local clock moves past its end → disbursed
→ the unit's messages show each step; a second claim of the same month is 409. And issue 23's: the unit rates the
paid claim once (a second time 409), and 统计分析 of 离石 moves by exactly what the test did after each step.

The two trainees' placements are written into the stack's moto through the placements' own store, as issue 20's
steps leave them (上岗报备 done); everything after that is HTTP.
"""

from __future__ import annotations

import os
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
import requests

from chalicelib.domain import wages
from scripts.walkthrough import Walk
from tests.e2e.conftest import LocalStack
from tests.e2e.statistics_figures import figures, moved

ROOT = Path(__file__).resolve().parents[2]
COUNTY = "141102"  # 离石区: 2,150 yuan a month from 2025-01-01, so 1,290


def _months_back(today: date, count: int) -> date:
    first = today.replace(day=1)
    for _ in range(count):
        first = (first - timedelta(days=1)).replace(day=1)
    return first


def _seed(stack: LocalStack, credit_code: str, start: date) -> list[str]:
    """Two confirmed placements of the unit at 离石, written into the stack's moto."""
    from scripts.local_aws import LOCAL_ENVIRONMENT
    from tests.conftest import _forget_cached_clients
    from tests.services.subsidy_steps import confirmed_in, placement_record

    saved = dict(os.environ)
    os.environ.update(LOCAL_ENVIRONMENT)
    os.environ["AWS_ENDPOINT_URL"] = f"http://127.0.0.1:{stack.moto}"
    _forget_cached_clients()
    try:
        from chalicelib import wiring

        store = wiring.ports().placements
        ids = []
        for serial, name in ((1, "王小雨"), (2, "欧阳娜娜")):
            record = placement_record(
                int(uuid.uuid4().int % 10**9) + serial,
                name=name,
                subject=f"e2e-trainee-{uuid.uuid4().hex[:8]}",
                credit_code=credit_code,
                start_date=start,
                end_date=start + timedelta(days=180),
                confirmed_at=datetime.combine(start, datetime.min.time(), UTC),
            )
            ids.append(confirmed_in(store, record).placement_id)
        return ids
    finally:
        os.environ.clear()
        os.environ.update(saved)
        _forget_cached_clients()
        wiring.ports.cache_clear()


def test_attendance_claim_publicity_and_payment_over_http(local_stack: LocalStack) -> None:
    from scripts.factories import credit_code, id_number

    api = local_stack.api
    walk = Walk(api, say=lambda _line: None, issuer=local_stack.issuer)
    code = credit_code(int(uuid.uuid4().int % 9000) + 1000)
    unit = {
        # As the unified login's 法人登录 gives it: the unit, and its agent's real name and ID number.
        **walk.token(
            sub=f"agent-{code}",
            name="经办人",
            id_number=id_number(date(1990, 5, 1), area=COUNTY, serial=int(code[-3:], 36) % 1000),
            extra={"credit_code": code, "org_name": "示例科技"},
        ),
        "Content-Type": "application/json",
    }
    staff = {**walk.token(sub="r-lishi-e2e", roles=["reviewer"], region=COUNTY), "Content-Type": "application/json"}
    clock_path = ROOT / ".local" / f"clock-{urlparse(api).port}.json"

    today = date.fromisoformat(walk.call("GET", "/local/clock", 200)["today"])
    first_month, second_month = _months_back(today, 2), _months_back(today, 1)
    ids = _seed(local_stack, code, first_month)
    months = [first_month.strftime("%Y-%m"), second_month.strftime("%Y-%m")]
    try:
        for placement_id in ids:
            for month in months:
                due = wages.working_days_in_month(int(month[:4]), int(month[5:]))
                present = due - 1 if placement_id == ids[0] and month == months[1] else due
                walk.call(
                    "PUT",
                    f"/unit/placements/{placement_id}/attendance/{month}",
                    200,
                    headers=unit,
                    json={"days_due": due, "days_present": present},
                )
        body: dict[str, Any] = {
            "months": months,
            "placement_ids": ids,
            "bank": {"account_name": "示例科技", "bank_name": "中国银行离石支行", "account_no": "6217000011112222333"},
        }
        before_claim = figures(walk, staff, COUNTY)
        claim = walk.call(
            "POST", "/unit/subsidy-claims", 201, headers={**unit, "Idempotency-Key": uuid.uuid4().hex}, json=body
        )
        assert moved(before_claim, figures(walk, staff, COUNTY)) == {"subsidies.claimed": 1}
        rate = Decimal("1290.00")
        due = wages.working_days_in_month(second_month.year, second_month.month)
        short = (rate * (due - 1) / due).quantize(Decimal("0.01"), ROUND_HALF_UP)
        assert sorted(Decimal(line["amount_yuan"]) for line in claim["lines"]) == sorted([rate, rate, rate, short])
        assert Decimal(claim["total_yuan"]) == rate * 3 + short

        claim_id = claim["claim_id"]
        approved = walk.call("POST", f"/admin/subsidy-claims/{claim_id}/approve", 200, headers=staff, json={})
        notice = requests.get(f"{api}/public/notices/{claim_id}", timeout=30)  # no sign-in
        assert notice.status_code == 200
        assert {line["trainee_name"] for line in notice.json()["lines"]} == {"王*雨", "欧**娜"}
        assert all("*" in line["trainee_id_number"] for line in notice.json()["lines"])

        said = requests.post(
            f"{api}/public/notices/{claim_id}/objections",
            timeout=30,
            json={"name": "张三", "phone": "13912345678", "text": "请核实该单位考勤是否属实"},
        )
        assert said.status_code == 201, said.text
        walk.call(
            "POST",
            f"/admin/subsidy-claims/{claim_id}/objections/{said.json()['objection_id']}/resolve",
            200,
            headers=staff,
            json={"upheld": False, "note": "经核实无误"},
        )
        payment = {"voucher_no": "LS-E2E-1", "paid_on": today.isoformat()}
        early = requests.post(
            f"{api}/admin/subsidy-claims/{claim_id}/disburse", headers=staff, json=payment, timeout=30
        )
        assert (early.status_code, early.json()["error"]["code"]) == (409, "PUBLICITY_NOT_OVER")

        end = date.fromisoformat(approved["publicity_end"])
        clock = walk.call("POST", "/local/clock", 200, json={"advance_days": (end - today).days + 1})
        assert date.fromisoformat(clock["today"]) > end
        before_paid = figures(walk, staff, COUNTY)
        paid = walk.call("POST", f"/admin/subsidy-claims/{claim_id}/disburse", 200, headers=staff, json=payment)
        assert paid["status"] == "paid"
        assert moved(before_paid, figures(walk, staff, COUNTY)) == {
            "subsidies.paid": 1,
            "subsidies.yuan": pytest.approx(float(claim["total_yuan"])),
        }

        rating = {"case_type": "subsidy_claim", "case_id": claim_id, "level": 5, "tags": ["流程便捷"], "comment": None}
        rated = walk.call("POST", "/ratings", 201, headers=unit, json=rating)
        twice = requests.post(f"{api}/ratings", headers=unit, json={**rating, "level": 1}, timeout=30)
        assert (twice.status_code, twice.json()["error"]["code"]) == (409, "ALREADY_RATED")
        shown = walk.call("GET", f"/unit/subsidy-claims/{claim_id}", 200, headers=unit)["rating"]
        assert (shown["rating_id"], shown["level_label"]) == (rated["rating_id"], "非常满意")
        assert moved(before_paid, figures(walk, staff, COUNTY)) == {
            "subsidies.paid": 1,
            "subsidies.yuan": pytest.approx(float(claim["total_yuan"])),
            "ratings.level_5": 1,
            "ratings.count": 1,
        }

        kinds = {m["kind"] for m in walk.call("GET", "/messages", 200, headers=unit)["items"]}
        assert {"subsidy_submitted", "subsidy_approved", "subsidy_paid"} <= kinds
        again = requests.post(
            f"{api}/unit/subsidy-claims",
            headers=unit,
            timeout=30,
            json={**body, "months": months[:1], "placement_ids": ids[:1]},
        )
        assert (again.status_code, again.json()["error"]["code"]) == (409, "ALREADY_CLAIMED")
    finally:
        clock_path.unlink(missing_ok=True)  # the session's other tests keep today's date
