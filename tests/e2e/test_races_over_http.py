"""The races of the API contract, over HTTP against `make dev`'s stack (scripts/devstack.py, moto_atomic's server).

DynamoDB runs each request atomically; the local stack must too, or a client's race test finds faults that are
the emulator's. Each race runs ROUNDS times and must hold every time: one submit of many, one decision of a
withdrawal and two reviews, three favourites of twenty.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

import pytest
import requests

from scripts.demo_data import demo_positions, demo_trainees
from scripts.walkthrough import Walk, graduate_form
from tests.e2e.conftest import LocalStack

ROUNDS = 30
TIMEOUT = 60
COUNTY = "140105"  # 小店区, 王晓雨's locality


class Answer:
    def __init__(self, response: requests.Response) -> None:
        self.status = response.status_code
        self.body: dict[str, Any] = response.json() if response.content else {}

    @property
    def code(self) -> str | None:
        error = self.body.get("error")
        return str(error["code"]) if error else None


def at_once(calls: list[Callable[[], requests.Response]]) -> list[Answer]:
    """Send every request at the same moment, each from its own thread; the answers in the calls' order."""
    barrier = threading.Barrier(len(calls))
    answers: list[Answer | BaseException | None] = [None] * len(calls)

    def run(index: int) -> None:
        barrier.wait(timeout=TIMEOUT)
        try:
            answers[index] = Answer(calls[index]())
        except BaseException as error:
            answers[index] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=TIMEOUT * 2)
    for answer in answers:
        if not isinstance(answer, Answer):
            raise AssertionError(f"a racing request did not answer: {answer!r}")
    return answers  # type: ignore[return-value]


class People:
    """Fresh applicants on the live stack (it keeps its data): 王晓雨's real name under a new subject each time."""

    def __init__(self, stack: LocalStack) -> None:
        self.walk = Walk(stack.api, say=lambda _line: None, issuer=stack.issuer)
        self.base = stack.api
        self.reviewer = self.walk.token(sub="race-reviewer", roles=["reviewer"], region="140100")
        self.person = demo_trainees()[0]
        assert self.person["locality"] == COUNTY

    def newcomer(self) -> dict[str, str]:
        claims = {"name": self.person["name"], "id_number": self.person["id_number"]}
        return self.walk.token(sub=f"race-{uuid.uuid4().hex[:12]}", **claims)

    def form(self, who: dict[str, str]) -> dict[str, Any]:
        attachments = [self.walk.upload(who, "id_card"), self.walk.upload(who, "graduation_certificate")]
        return graduate_form(self.person, attachments)

    def submitted(self, who: dict[str, str]) -> str:
        return str(self.walk.call("POST", "/applications", 201, who, json=self.form(who))["application_id"])

    def favourite(self, who: dict[str, str], position_id: str) -> Callable[[], requests.Response]:
        return lambda: requests.put(f"{self.base}/favourites/{position_id}", headers=who, timeout=TIMEOUT)

    def post(self, path: str, who: dict[str, str], body: dict[str, Any] | None = None) -> requests.Response:
        return requests.post(self.base + path, headers=who, json=body, timeout=TIMEOUT)


@pytest.fixture(scope="module")
def people(local_stack: LocalStack) -> People:
    return People(local_stack)


def test_of_eight_identical_submits_exactly_one_is_filed(people: People) -> None:
    for _ in range(ROUNDS):
        who = people.newcomer()
        form = people.form(who)
        answers = at_once([partial(people.post, "/applications", who, form) for _ in range(8)])

        # The others are told the truth: the person already has a live application (never "attachments in use").
        statuses = sorted(a.status for a in answers)
        assert statuses == [201] + [409] * 7, [(a.status, a.code) for a in answers]
        assert {a.code for a in answers if a.status == 409} == {"APPLICATION_EXISTS"}
        mine = people.walk.call("GET", "/applications", 200, who)["items"]
        filed = next(a for a in answers if a.status == 201)
        assert [case["application_id"] for case in mine] == [filed.body["application_id"]]


def test_a_withdrawal_and_two_reviews_racing_one_case_have_one_winner(people: People) -> None:
    outcome = {0: "withdrawn", 1: "approved", 2: "rejected"}
    for _ in range(ROUNDS):
        who = people.newcomer()
        case = people.submitted(who)
        answers = at_once(
            [
                partial(people.post, f"/applications/{case}/withdraw", who),
                partial(people.post, f"/admin/applications/{case}/approve", people.reviewer, {"comment": "齐全"}),
                partial(people.post, f"/admin/applications/{case}/reject", people.reviewer, {"reason": "材料不全"}),
            ]
        )

        winners = [i for i, a in enumerate(answers) if a.status == 200]
        assert len(winners) == 1, [(a.status, a.code) for a in answers]
        assert all(a.status == 409 for i, a in enumerate(answers) if i != winners[0])
        stored = people.walk.call("GET", f"/applications/{case}", 200, who)
        assert stored["status"] == outcome[winners[0]]
        me = people.walk.call("GET", "/me", 200, who)
        assert (me["trainee_status"] == "approved") == (outcome[winners[0]] == "approved")


@pytest.fixture(scope="module")
def twenty_local_positions(people: People) -> list[str]:
    manager = people.walk.token(sub="race-manager", roles=["position_manager"], region=COUNTY)
    for fields in demo_positions(20, seed=13, today=date.today()):
        people.walk.call("POST", "/admin/positions", 201, manager, json={**fields, "county_code": COUNTY})
    page = people.walk.call("GET", "/positions", 200, params={"county": COUNTY, "limit": 50})
    ids = [str(p["position_id"]) for p in page["items"]]
    assert len(ids) >= 20
    return ids[:20]


def test_twenty_parallel_favourites_keep_three(people: People, twenty_local_positions: list[str]) -> None:
    for _ in range(ROUNDS):
        who = people.newcomer()
        case = people.submitted(who)
        people.walk.call("POST", f"/admin/applications/{case}/approve", 200, people.reviewer, json={})
        answers = at_once([people.favourite(who, position_id) for position_id in twenty_local_positions])

        assert sorted(a.status for a in answers) == [201] * 3 + [409] * 17, [a.status for a in answers]
        assert {a.body["error"]["message"] for a in answers if a.status == 409} == {"最多收藏三个岗位"}
        kept = [f["position_id"] for f in people.walk.call("GET", "/favourites", 200, who)["items"]]
        won = [twenty_local_positions[i] for i, a in enumerate(answers) if a.status == 201]
        assert sorted(kept) == sorted(won)
        # The count agrees with what is stored: after one removal exactly one more fits.
        people.walk.call("DELETE", f"/favourites/{won[0]}", 204, who)
        others = [p for p in twenty_local_positions if p not in won]
        people.walk.call("PUT", f"/favourites/{others[0]}", 201, who)
        people.walk.call("PUT", f"/favourites/{others[1]}", 409, who)
