"""Issue 19 over HTTP against `make dev`'s stack: the first "Done when" line, and the two races of units.

A unit signs in (法人登录), applies with its licence, a reviewer of its city approves (another city's gets 404),
the unit posts a position, which is absent from search until a reviewer approves it, then found by city, county
and keyword; the unit's messages show both decisions. The races: 20 parallel posts against a quota of 3
headcount leave exactly 3 pending; two reviewers deciding one unit at once have one winner.
"""

from __future__ import annotations

import random
import time
import uuid
from functools import partial
from typing import Any

import pytest
import requests

from scripts.factories import credit_code, id_number, recognition_form, unit_position_body
from scripts.walkthrough import Walk
from tests.e2e.conftest import LocalStack
from tests.e2e.test_races_over_http import Answer, at_once

ROUNDS = 5
TIMEOUT = 60


class Units:
    def __init__(self, stack: LocalStack) -> None:
        self.walk = Walk(stack.api, say=lambda _line: None, issuer=stack.issuer)
        self.base = stack.api
        self.taiyuan = self.walk.token(sub="unit-reviewer-ty", roles=["reviewer"], region="140100")
        self.taiyuan_too = self.walk.token(sub="unit-reviewer-ty2", roles=["reviewer"], region="140105")
        self.datong = self.walk.token(sub="unit-reviewer-dt", roles=["reviewer"], region="140200")

    def newcomer(self, org_name: str = "山西晋阳科技有限公司") -> tuple[dict[str, str], str]:
        code = credit_code(random.randrange(10**5))
        agent = f"agent-{uuid.uuid4().hex[:10]}"
        claims: dict[str, Any] = {"credit_code": code, "org_name": org_name}
        who = self.walk.token(sub=agent, name="李明", id_number=id_number(serial=456), extra=claims)
        return who, code

    def applied(self, who: dict[str, str], **changes: Any) -> None:
        licence = self.walk.upload(who, "business_licence")
        form = recognition_form([licence], **changes)
        made = self.walk.call("POST", "/unit/recognition", 201, who, json=form)
        assert made["status"] == "pending"

    def post(self, path: str, who: dict[str, str], body: Any = None) -> requests.Response:
        return requests.post(self.base + path, headers=who, json=body, timeout=TIMEOUT)

    def keyed_post(self, path: str, who: dict[str, str], body: Any) -> requests.Response:
        """As a client does: a key of its own, and the same request again if the connection broke on the way
        (the local server may reset a connection in a burst); the key makes the retry the same request."""
        headers = {**who, "Idempotency-Key": uuid.uuid4().hex}
        for attempt in range(3):
            try:
                return requests.post(self.base + path, headers=headers, json=body, timeout=TIMEOUT)
            except requests.ConnectionError:
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def search(self, **params: str) -> list[str]:
        answer = requests.get(f"{self.base}/positions", params={**params, "limit": "50"}, timeout=TIMEOUT)
        assert answer.status_code == 200, answer.text
        return [str(p["position_id"]) for p in answer.json()["items"]]


@pytest.fixture(scope="module")
def units(local_stack: LocalStack) -> Units:
    return Units(local_stack)


def test_a_unit_is_recognised_and_its_reviewed_position_is_found(units: Units) -> None:
    walk = units.walk
    who, code = units.newcomer()
    assert walk.call("GET", "/unit", 200, who)["status"] == "unregistered"
    units.applied(who, insured_staff=10)
    assert walk.call("GET", f"/admin/units/{code}", 404, units.datong)["error"]["code"] == "UNIT_NOT_FOUND"
    assert units.post(f"/admin/units/{code}/approve", units.datong, {}).status_code == 404
    assert walk.call("GET", f"/admin/units/{code}", 200, units.taiyuan)["recognition"]["status"] == "pending"
    walk.call("POST", f"/admin/units/{code}/approve", 200, units.taiyuan, json={"comment": "材料齐全"})
    mine = walk.call("GET", "/unit", 200, who)
    assert (mine["status"], mine["position_quota"], mine["quota_used"]) == ("recognised", 3, 0)

    word = "测绘" + uuid.uuid4().hex[:6]  # a word no other position has
    made = walk.call("POST", "/unit/positions", 201, who, json=unit_position_body(title=f"{word}见习岗", headcount=1))
    position_id = made["position_id"]
    assert made["status"] == "pending_review" and made["employer_credit_code"] == code
    assert position_id not in units.search(keyword=word) + units.search(county="140105")
    walk.call("GET", f"/positions/{position_id}", 404)
    waiting = walk.call("GET", "/admin/positions", 200, units.taiyuan, params={"county": "140105", "limit": 50})
    assert position_id in [p["position_id"] for p in waiting["items"]]
    walk.call("POST", f"/admin/positions/{position_id}/approve", 200, units.taiyuan, json={})

    assert position_id in units.search(city="140100") and position_id in units.search(county="140105")
    deadline = time.monotonic() + 60  # the keyword index follows the positions stream, seconds behind
    while position_id not in units.search(keyword=word):
        assert time.monotonic() < deadline, "not found by keyword within 60 s"
        time.sleep(0.2)  # the polling interval, not a synchronisation
    kinds = [m["kind"] for m in walk.call("GET", "/messages", 200, who)["items"]]
    assert sorted(kinds) == ["position_approved", "unit_recognised"]


def test_twenty_parallel_posts_against_a_quota_of_three_leave_exactly_three(units: Units) -> None:
    for _ in range(ROUNDS):
        who, code = units.newcomer()
        units.applied(who, insured_staff=10)  # ⌊10 × 30%⌋ = 3
        units.walk.call("POST", f"/admin/units/{code}/approve", 200, units.taiyuan, json={})
        body = unit_position_body(headcount=1)
        answers = at_once([partial(units.keyed_post, "/unit/positions", who, body) for _ in range(20)])

        assert sorted(a.status for a in answers) == [201] * 3 + [409] * 17, [(a.status, a.code) for a in answers]
        assert {a.code for a in answers if a.status == 409} == {"POSITION_QUOTA_EXCEEDED"}
        pending = units.walk.call("GET", "/unit/positions", 200, who, params={"status": "pending_review"})
        assert sum(p["headcount"] for p in pending["items"]) == 3
        assert units.walk.call("GET", "/unit", 200, who)["quota_used"] == 3


def test_two_reviewers_deciding_one_unit_at_once_have_one_winner(units: Units) -> None:
    for _ in range(ROUNDS):
        who, code = units.newcomer()
        units.applied(who)
        answers: list[Answer] = at_once(
            [
                partial(units.post, f"/admin/units/{code}/approve", units.taiyuan, {}),
                partial(units.post, f"/admin/units/{code}/reject", units.taiyuan_too, {"reason": "材料不全"}),
            ]
        )
        winners = [i for i, a in enumerate(answers) if a.status == 200]
        assert len(winners) == 1, [(a.status, a.code) for a in answers]
        assert [a.code for a in answers if a.status != 200] == ["NOT_PENDING"]
        status = units.walk.call("GET", "/unit", 200, who)["status"]
        assert status == ("recognised" if winners == [0] else "rejected")
