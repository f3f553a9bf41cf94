"""Applied, then the answer lost: every write of every mutating flow reaches its store, and then the app sees a
read timeout (DynamoDB) or a closed connection (S3) instead of the answer, with and without an Idempotency-Key.

The app cannot know whether such a write was applied; what it must never do is apply it twice or answer 500. So
for each case:
- the first answer is the clean one or 503 SERVICE_BUSY in the envelope, never a 500;
- the client retries (the same key, when it sent one), and the retry is an answer a user can act on: with a key,
  the clean answer (the first body, when the first answer got through); without one, the clean answer or the
  flow's truthful "already done" refusal (ALREADY_DONE);
- the change is applied once: every table (and the files records name) grows or shrinks exactly as after one
  clean run of the flow, and the stored state holds every invariant (state.inconsistencies).
The cases come from calls.py (the clean call lists), and the flows from the served document's mutating
operations, so a new route or a new write in a flow is new cases here.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from chalicelib import wiring
from chalicelib.services.reconciliation import reconcile_files
from tests import flows
from tests.api.test_errors import assert_envelope
from tests.conftest import body
from tests.faults.calls import CALLS, calls_of, is_write, keyings, named
from tests.faults.injector import Injector
from tests.faults.scenarios import FLOW_OF_OPERATION, FLOWS
from tests.faults.state import counts, empty_everything, inconsistencies
from tests.faults.subsidy_calls import SUBSIDY_ALREADY_DONE, SUBSIDY_CREATES
from tests.faults.world import World

MUTATING = ("post", "put", "patch", "delete")

# Without a key the server cannot tell a retry from a new request; these refusals tell the user the truth
# (the change is there) and what to do (look at it): (status, error code).
ALREADY_DONE: dict[str, set[tuple[int, str | None]]] = {
    "submit": {(409, "APPLICATION_EXISTS")},
    "withdraw": {(409, "NOT_WITHDRAWABLE")},
    "approve": {(409, "NOT_PENDING")},
    "reject": {(409, "NOT_PENDING")},
    "favourite_put": {(200, None)},  # "already a favourite" is 200
    "favourite_delete": {(404, "FAVOURITE_NOT_FOUND")},
    "delete_attachment": {(404, "ATTACHMENT_NOT_FOUND")},
    "delete_saved_search": {(404, "SAVED_SEARCH_NOT_FOUND")},
    "rate": {(409, "ALREADY_RATED")},  # issue 23: once per case and party
    # Issue 19: units.
    "unit_apply": {(409, "RECOGNITION_EXISTS")},
    "unit_withdraw": {(409, "NOT_PENDING")},
    "unit_approve": {(409, "NOT_PENDING")},
    "unit_reject": {(409, "NOT_PENDING")},
    "position_approve": {(409, "NOT_PENDING")},
    "position_reject": {(409, "NOT_PENDING")},
    "apply_placement": {(409, "ALREADY_APPLIED")},  # issue 20
    "withdraw_placement": {(409, "PLACEMENT_WRONG_STATUS")},
    "accept_offer": {(409, "PLACEMENT_WRONG_STATUS")},
    "reject_offer": {(409, "PLACEMENT_WRONG_STATUS")},
    "confirm_placement": {(409, "PLACEMENT_WRONG_STATUS")},
    "offer_placement": {(409, "PLACEMENT_WRONG_STATUS")},
    "decline_placement": {(409, "PLACEMENT_WRONG_STATUS")},
    "end_placement": {(409, "PLACEMENT_WRONG_STATUS")},
    "assess_placement": {(409, "PLACEMENT_WRONG_STATUS")},
    "retain_trainee": {(409, "PLACEMENT_WRONG_STATUS")},
    "invite_trainee": {(409, "ALREADY_APPLIED")},
    "apply_invited": {(409, "PLACEMENT_WRONG_STATUS")},
    "decline_invitation": {(409, "PLACEMENT_WRONG_STATUS")},
}

# Without a key a create retried is a new request (HTTP: POST is not idempotent); API.md tells clients to send
# Idempotency-Key on creates, and the web client does. So here the retry creates a second resource: the change
# is the clean one twice when the first answer was a success (a 503 must mean nothing was created).
CREATES = frozenset({"create_attachment", "position_create", "save_search", "unit_position_publish"})
# issue 21 (subsidies)
ALREADY_DONE.update(SUBSIDY_ALREADY_DONE)
CREATES = CREATES | SUBSIDY_CREATES


@dataclass(frozen=True)
class Case:
    flow: str
    keyed: bool
    at: int  # the n-th AWS call of the request is applied, and its answer lost (1-based)
    call: str

    @property
    def kind(self) -> str:
        return "connection_closed" if self.call.startswith("s3:") else "read_timeout"


def _param(case: Case) -> Any:
    name = f"{case.flow}-{'key' if case.keyed else 'nokey'}-{case.at}:{case.call}"
    return pytest.param(case, id=name)


CASES = [
    _param(Case(flow, keyed, at, call))
    for flow in CALLS
    for keyed in keyings(flow)
    for at, call in enumerate(calls_of(flow, keyed), start=1)
    if is_write(call)
]


def test_every_mutating_operation_has_a_flow(client: Any) -> None:
    served = body(client.http.get("/v1/openapi.json"))
    operations = {
        operation["operationId"]
        for path in served["paths"].values()
        for method, operation in path.items()
        if method in MUTATING
    }
    assert sorted(operations - set(FLOW_OF_OPERATION)) == [], "mutating operations with no fault scenario"
    assert sorted(set(FLOW_OF_OPERATION) - operations) == [], "scenarios of operations the app no longer serves"
    assert set(FLOW_OF_OPERATION.values()) == set(FLOWS) == set(CALLS)


_CLEAN_CHANGE: dict[tuple[str, int], dict[str, int]] = {}


def _change(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    return {name: after[name] - before[name] for name in after if after[name] != before[name]}


def clean_change(world: World, flow: str, times: int = 1) -> dict[str, int]:
    """How each table's size changes when the flow's request is sent `times` times with nothing failing
    (measured once per flow and count)."""
    if (flow, times) not in _CLEAN_CHANGE:
        setup, status = FLOWS[flow]
        request = setup(world)
        before = counts()
        for _ in range(times):
            answer = request.send(world.client, None)
            assert answer.status_code == status, answer.body
        _CLEAN_CHANGE[flow, times] = _change(before, counts())
        empty_everything()
    return _CLEAN_CHANGE[flow, times]


def _code(response: Any) -> str | None:
    return body(response).get("error", {}).get("code") if response.body else None


def _answer(response: Any) -> Any:
    return body(response) if response.body else None


@pytest.mark.parametrize("case", CASES)
def test_a_write_applied_and_its_answer_lost_is_never_a_500_nor_applied_twice(
    world: World, injector: Injector, case: Case
) -> None:
    expected = clean_change(world, case.flow)
    new_request = not case.keyed and case.flow in CREATES  # the retry is a new create, as API.md says
    twice = clean_change(world, case.flow, times=2) if new_request else expected
    setup, status = FLOWS[case.flow]
    request = setup(world)
    key = f"lost-{uuid.uuid4().hex}" if case.keyed else None
    before = counts()

    injector.arm(case.at, case.kind, applied=True)
    first = request.send(world.client, key)
    injector.disarm()
    retried = request.send(world.client, key)

    assert injector.fired is not None and named(injector.fired) == case.call
    assert first.status_code in (status, 503), first.body
    if first.status_code == 503:
        assert_envelope(first, 503, "SERVICE_BUSY")
    if case.keyed:
        assert retried.status_code == status, retried.body
        if first.status_code == status:
            assert _answer(retried) == _answer(first)
    else:
        answers = {(status, None), *ALREADY_DONE.get(case.flow, set())}
        assert (retried.status_code, _code(retried)) in answers, retried.body
    if case.flow == "submit" and retried.status_code == 409:
        [named_case] = body(retried)["error"]["details"]  # the refusal names the case the lost answer made
        live = body(flows.get(world.client, "/v1/applications", request.token))["items"][0]["application_id"]
        assert named_case["field"] == "application_id" and named_case["message"].endswith(live)
    if new_request and first.status_code == status:
        expected = twice
        assert _answer(retried) != _answer(first)
    assert _change(before, counts()) == expected, "the change must be applied exactly once"
    reconcile_files(datetime.now(UTC) + timedelta(hours=2), ports=wiring.ports())
    assert inconsistencies() == []
