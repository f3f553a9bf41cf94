"""The SMS sender when an answer is lost after the call was applied: the outbox's claim or finish reaches
DynamoDB and the sender sees a read timeout, or the provider takes the text and its answer times out.

The stream redelivers a failed batch (and, after its retries, the operators redrive it from the dead-letter
queue); here the record is delivered again until the sender settles, each time after the claim's lease. However
that goes, the case's phone gets one text, the entry ends `sent`, and the day's count holds one text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pytest
from botocore.exceptions import ReadTimeoutError

from chalicelib import wiring
from chalicelib.adapters import outbox_store
from chalicelib.adapters.models import OutboxEntry
from chalicelib.domain.notices import Text
from chalicelib.ports.sms import GatewayOutcomeUnknown
from chalicelib.services import sms
from tests.faults.calls import named
from tests.faults.injector import ENDPOINT, Injector
from tests.faults.scenarios import FLOWS
from tests.faults.world import World

DAYTIME = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)  # 10:00 China time: no quiet hours
DELIVERIES = 4  # the stream's retries and a redrive: more than any case here needs
# send_one's AWS calls when nothing fails: read the entry, claim it (with the day's count), then (after the
# provider's send) mark it sent.
AWS_CALLS = ["dynamodb:GetItem(outbox)", "dynamodb:TransactWriteItems", "dynamodb:UpdateItem(outbox)"]
STEPS = {"claim": "dynamodb:TransactWriteItems", "finish": "dynamodb:UpdateItem(outbox)"}


@dataclass
class LosingGateway:
    """Sends every text; the `lose`-th send's answer is lost (a timeout after the provider took it)."""

    lose: int | None = None
    sent: list[tuple[Text, str]] = field(default_factory=list)

    def send(self, text: Text, event_id: str) -> str:
        self.sent.append((text, event_id))
        if len(self.sent) == self.lose:
            raise GatewayOutcomeUnknown("TimeoutError")
        return f"serial-{len(self.sent)}"

    def find_sent(self, text: Text, event_id: str) -> str | None:
        """The provider's send records, as PullSmsSendStatusByPhoneNumber gives them."""
        found = [n for n, (_, sent_for) in enumerate(self.sent, start=1) if sent_for == event_id]
        return f"serial-{found[0]}" if found else None


def _decision_text(world: World) -> str:
    """An approval: its text waits in the outbox. Returns the entry's event id."""
    setup, status = FLOWS["approve"]
    answer = setup(world).send(world.client, None)
    assert answer.status_code == status, answer.body
    [entry] = [e for e in OutboxEntry.scan() if e.kind == "application_approved"]
    return entry.event_id


def _deliver_until_settled(event_id: str, gateway: LosingGateway) -> list[str]:
    """What the stream does with a failing record: deliver it again, later, until the sender settles it."""
    outcomes: list[str] = []
    for delivery in range(DELIVERIES):
        now = DAYTIME + outbox_store.LEASE * delivery * 1.5
        try:
            outcome = sms.send_one(event_id, now, gateway, sleep=lambda seconds: None, ports=wiring.ports())
        except Exception as error:  # the batch fails, whatever failed in it
            outcome = f"raised {type(error).__name__}"
        outcomes.append(outcome)
        if outcome in ("sent", "duplicate"):
            return outcomes
    return outcomes


def test_the_senders_calls_are_what_a_clean_run_makes(world: World, injector: Injector) -> None:
    event_id = _decision_text(world)
    gateway = LosingGateway()
    injector.arm()
    assert sms.send_one(event_id, DAYTIME, gateway, sleep=lambda seconds: None, ports=wiring.ports()) == "sent"
    injector.disarm()
    assert [named(call) for call in injector.calls] == AWS_CALLS
    assert len(gateway.sent) == 1


@pytest.mark.parametrize(
    "step",
    ["claim", "gateway", "finish"],
)
def test_a_text_whose_answer_is_lost_is_sent_once_and_counted_once(world: World, injector: Injector, step: str) -> None:
    event_id = _decision_text(world)
    gateway = LosingGateway(lose=1 if step == "gateway" else None)
    if step == "gateway":
        injector.arm()
    else:
        injector.arm(AWS_CALLS.index(STEPS[step]) + 1, "read_timeout", applied=True)

    outcomes = _deliver_until_settled(event_id, gateway)
    injector.disarm()

    assert step == "gateway" or (injector.fired is not None and named(injector.fired) == STEPS[step])
    assert outcomes[-1] in ("sent", "duplicate"), outcomes
    assert len(gateway.sent) == 1, outcomes
    entry = outbox_store.get(event_id)
    assert entry is not None and entry.state == "sent"
    cap: Any = OutboxEntry.get(outbox_store.cap_key(entry.subject or "", DAYTIME))
    assert cap.sent == 1, outcomes


@dataclass
class NoReceiptGateway(LosingGateway):
    """The provider took the text, its answer was lost, and it has no receipt of it yet."""

    def find_sent(self, text: Text, event_id: str) -> str | None:
        return None


def test_a_text_whose_outcome_cannot_be_told_is_given_up_with_the_reason_never_resent(world: World) -> None:
    event_id = _decision_text(world)
    gateway = NoReceiptGateway(lose=1)

    at = [DAYTIME + outbox_store.LEASE * n * 1.5 for n in range(3)]
    outcomes = [sms.send_one(event_id, moment, gateway, ports=wiring.ports()) for moment in at]

    assert outcomes == ["unknown", "duplicate", "duplicate"]
    assert len(gateway.sent) == 1
    entry = outbox_store.get(event_id)
    assert entry is not None and entry.state == "given_up" and "outcome unknown" in (entry.gave_up or "")
    cap: Any = OutboxEntry.get(outbox_store.cap_key(entry.subject or "", DAYTIME))
    assert cap.sent == 1  # it may have reached the phone: it keeps its place in the day's five


def test_a_claim_whose_outcome_stays_unknown_is_counted_once_when_taken_over(
    world: World, injector: Injector, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The claim's answer is lost and so is the read of its marker: the sender cannot tell it holds the entry,
    fails, and the redelivery takes the claim over after its lease, without counting the text a second time."""
    event_id = _decision_text(world)

    def unreachable(marker: object) -> bool:
        raise ReadTimeoutError(endpoint_url=ENDPOINT)

    monkeypatch.setattr("chalicelib.adapters.dynamo.marker_written", unreachable)
    gateway = LosingGateway()
    injector.arm(AWS_CALLS.index(STEPS["claim"]) + 1, "read_timeout", applied=True)
    outcomes = _deliver_until_settled(event_id, gateway)
    injector.disarm()

    assert outcomes[0].startswith("raised") and outcomes[-1] == "sent", outcomes
    assert len(gateway.sent) == 1
    entry = outbox_store.get(event_id)
    cap: Any = OutboxEntry.get(outbox_store.cap_key(entry.subject or "" if entry else "", DAYTIME))
    assert cap.sent == 1, outcomes
