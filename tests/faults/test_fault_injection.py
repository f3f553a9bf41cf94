"""Every AWS call of every mutating flow, failed both ways botocore fails (PAIRS), with and without an Idempotency-Key.

For each case: the flow's state is set up, the n-th AWS call of the request fails, and then
- the answer is never a 500: it is the clean answer, or 503 SERVICE_BUSY with Retry-After, in the envelope;
- the answer tells the truth: a 503 leaves everything a user can observe as it was, a success changed it;
- a retry (the same request, the same key) gets the clean answer, and with a key a repeat of a success gets
  the same body; afterwards the tables and the bucket hold every invariant, and once the reconciliation job has
  run, no file is left that no record names.
The call lists (calls.py) are what a clean run makes; `test_the_call_lists_are_what_a_clean_run_makes` keeps
them true, so a new call in a flow is a new set of cases here and in test_applied_then_lost.py.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from chalicelib import wiring
from chalicelib.services.reconciliation import reconcile_files
from tests.api.test_errors import assert_envelope
from tests.conftest import body
from tests.faults.calls import CALLS, calls_of, keyings, named
from tests.faults.injector import KINDS, Injector
from tests.faults.scenarios import FLOWS
from tests.faults.state import inconsistencies, snapshot
from tests.faults.world import World

# Flows whose steps after their first write are finished by a retry: DELETE marks the record `deleting` (from
# then on the attachment is gone to its owner), and a 503 from a later step is completed by the retry.
RETRY_COMPLETES = frozenset({"delete_attachment", "unit_revoke"})  # unit_revoke: revoked, then its positions close


# The two ways botocore fails a call, each with two kinds the code must treat alike: an answer that says so
# (ClientError: throttled, a 5xx) and no answer at all (BotoCoreError: a read timeout, a closed connection).
# Each call position gets one kind of each way, the pair alternating along the flow, so every kind meets every
# flow and every position meets both ways: half the cases of the full product, none of its paths untried.
PAIRS = (("throttled", "read_timeout"), ("server_error", "connection_closed"))


def _applies(kind: str, call: str, at: int) -> bool:
    """A conditional failure only where the code treats it as "someone else got there first" and re-reads:
    Powertools' "this key is taken" on the idempotency store."""
    if kind == "conditional":
        return call == "dynamodb:PutItem(idempotency)"
    return kind in PAIRS[at % 2]


@dataclass(frozen=True)
class Case:
    flow: str
    keyed: bool
    at: int  # the n-th AWS call of the request fails (1-based)
    kind: str


def _param(case: Case, call: str) -> Any:
    name = f"{case.flow}-{'key' if case.keyed else 'nokey'}-{case.at}:{call}-{case.kind}"
    return pytest.param(case, id=name)


CASES = [
    _param(Case(flow, keyed, at, kind), call)
    for flow in CALLS
    for keyed in keyings(flow)
    for at, call in enumerate(calls_of(flow, keyed), start=1)
    for kind in KINDS
    if _applies(kind, call, at)
]


@pytest.mark.parametrize("keyed", [False, True], ids=["nokey", "key"])
@pytest.mark.parametrize("flow", list(CALLS))
def test_the_call_lists_are_what_a_clean_run_makes(world: World, injector: Injector, flow: str, keyed: bool) -> None:
    setup, status = FLOWS[flow]
    request = setup(world)
    injector.arm()
    answer = request.send(world.client, f"clean-{flow}" if keyed else None)
    injector.disarm()

    assert answer.status_code == status, answer.body
    assert [named(c) for c in injector.calls] == calls_of(flow, keyed), [named(c) for c in injector.calls]


@pytest.mark.parametrize("case", CASES)
def test_a_fault_at_any_call_is_never_a_500_tells_the_truth_and_a_retry_converges(
    world: World, injector: Injector, case: Case
) -> None:
    setup, status = FLOWS[case.flow]
    request = setup(world)
    key = f"fault-{uuid.uuid4().hex}" if case.keyed else None
    before = snapshot()

    injector.arm(case.at, case.kind)
    first = request.send(world.client, key)
    injector.disarm()

    assert injector.fired is not None and named(injector.fired) == calls_of(case.flow, case.keyed)[case.at - 1]
    assert first.status_code in (status, 503), first.body
    if first.status_code == 503:
        assert_envelope(first, 503, "SERVICE_BUSY")
        assert int(first.headers["Retry-After"]) >= 1
        if case.flow not in RETRY_COMPLETES:
            assert snapshot() == before, "a 503 must mean nothing was committed"
        retried = request.send(world.client, key)
        assert retried.status_code == status, retried.body
    else:
        assert snapshot() != before, "a success must have changed something"
        if key is not None:
            repeated = request.send(world.client, key)
            assert repeated.status_code == status, repeated.body
            assert _answer(repeated) == _answer(first)
    reconcile_files(datetime.now(UTC) + timedelta(hours=2), ports=wiring.ports())
    assert inconsistencies() == []


def _answer(response: Any) -> Any:
    return body(response) if response.body else None
