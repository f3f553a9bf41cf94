"""Every AWS call of every mutating flow, failed with every fault kind, with and without an Idempotency-Key.

For each case: the flow's state is set up, the n-th AWS call of the request fails, and then
- the answer is never a 500: it is the clean answer, or 503 SERVICE_BUSY with Retry-After, in the envelope;
- the answer tells the truth: a 503 leaves everything a user can observe as it was, a success changed it;
- a retry (the same request, the same key) gets the clean answer, and with a key a repeat of a success gets
  the same body; afterwards the tables and the bucket hold every invariant, and once the reconciliation job has
  run, no file is left that no record names.
The call lists below are what a clean run makes; `test_the_call_lists_are_what_a_clean_run_makes` keeps them
true, so a new call in a flow is a new set of cases here.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from chalicelib import wiring
from chalicelib.config import settings
from chalicelib.services.reconciliation import reconcile_files
from tests.api.test_errors import assert_envelope
from tests.conftest import body
from tests.faults.injector import KINDS, Call, Injector
from tests.faults.scenarios import FLOWS, World
from tests.faults.state import inconsistencies, snapshot

KEYED_START = ["dynamodb:PutItem(idempotency)"]
KEYED_END = ["dynamodb:UpdateItem(idempotency)"]
CALLS: dict[str, list[str]] = {
    "create_attachment": ["dynamodb:PutItem(attachments)"],
    "confirm": [
        "dynamodb:GetItem(attachments)",
        "s3:CopyObject",
        "s3:HeadObject",
        "s3:GetObject",
        "dynamodb:UpdateItem(attachments)",
        "s3:DeleteObject",
    ],
    "delete_attachment": [
        "dynamodb:GetItem(attachments)",
        "dynamodb:UpdateItem(attachments)",
        "s3:DeleteObject",
        "s3:DeleteObject",
        "dynamodb:DeleteItem(attachments)",
    ],
    "submit": ["dynamodb:TransactGetItems", "dynamodb:TransactWriteItems"],
    "withdraw": ["dynamodb:GetItem(applications)", "dynamodb:TransactWriteItems"],
    "approve": ["dynamodb:GetItem(applications)", "dynamodb:TransactWriteItems"],
    "reject": ["dynamodb:GetItem(applications)", "dynamodb:TransactWriteItems"],
    "favourite_put": [
        "dynamodb:GetItem(people)",
        "dynamodb:GetItem(positions)",
        "dynamodb:GetItem(favourites)",
        "dynamodb:TransactWriteItems",
    ],
    "favourite_delete": ["dynamodb:TransactWriteItems"],
    "position_create": ["dynamodb:TransactWriteItems"],
    "position_patch": ["dynamodb:GetItem(positions)", "dynamodb:TransactWriteItems"],
    "position_close": ["dynamodb:GetItem(positions)", "dynamodb:TransactWriteItems"],
}


# Flows whose steps after their first write are finished by a retry: DELETE marks the record `deleting` (from
# then on the attachment is gone to its owner), and a 503 from a later step is completed by the retry.
RETRY_COMPLETES = frozenset({"delete_attachment"})


def calls_of(flow: str, keyed: bool) -> list[str]:
    return [*KEYED_START, *CALLS[flow], *KEYED_END] if keyed else CALLS[flow]


def named(call: Call) -> str:
    """A call as the lists above spell it: the table by its role, not its stage's name."""
    tables = settings().tables
    role = next((name for name in tables.__struct_fields__ if getattr(tables, name) == call.table), call.table)
    return f"{call.service}:{call.operation}" + (f"({role})" if role else "")


def _applies(kind: str, call: str) -> bool:
    """A conditional failure only where the code treats it as "someone else got there first" and re-reads:
    Powertools' "this key is taken" on the idempotency store."""
    return kind != "conditional" or call == "dynamodb:PutItem(idempotency)"


@dataclass(frozen=True)
class Case:
    flow: str
    keyed: bool
    at: int  # the n-th AWS call of the request fails (1-based)
    kind: str


CASES = [
    pytest.param(Case(flow, keyed, at, kind), id=f"{flow}-{'key' if keyed else 'nokey'}-{at}:{call}-{kind}")
    for flow in CALLS
    for keyed in (False, True)
    for at, call in enumerate(calls_of(flow, keyed), start=1)
    for kind in KINDS
    if _applies(kind, call)
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
    assert [named(c) for c in injector.calls] == calls_of(flow, keyed)


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
