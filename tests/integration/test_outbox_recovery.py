"""No text lost: an outbox entry the stream never finished is found by Query and sent, or given up with a
reason, long after the stream's 24-hour window (services/outbox_recovery.py)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from unittest.mock import patch

import pytest
from botocore.client import BaseClient
from msgspec import structs

from chalicelib import wiring
from chalicelib.adapters.models import OutboxEntry
from chalicelib.config import MissingSetting, settings
from chalicelib.services import outbox_recovery, sms
from infra.access import ACCESS
from scripts.stream_records import records
from tests.integration.test_sms import (
    DAYTIME,
    NEXT_MORNING,
    NIGHT,
    FakeGateway,
    Sleeps,
    _closed_notice,
    approved_case,
    deliver,
)

WINDOW = timedelta(hours=24)  # a DynamoDB stream keeps a record this long


def recover(gateway: FakeGateway | None, at: datetime, missing: str = "") -> dict[str, int]:
    """A run with `gateway` as the SMS gateway; without one, SMS is not configured and `missing` says why."""
    ports = structs.replace(wiring.ports(), sms_missing=lambda: missing)
    return outbox_recovery.recover(at, ports=ports, sender=gateway, sleep=Sleeps())


def entry() -> OutboxEntry:
    [found] = [e for e in OutboxEntry.scan() if e.kind != "cap"]
    return found


def test_a_text_the_stream_never_delivered_is_sent_after_its_window_once(world: None) -> None:
    approved_case()  # its record left the stream unread: a dead-lettered batch, past 24 hours
    gateway = FakeGateway()
    assert recover(gateway, DAYTIME + WINDOW + timedelta(hours=6)) == {"sent": 1}
    assert [text.kind for text, _ in gateway.sent] == ["application_approved"]
    assert entry().state == "sent" and entry().open_day is None  # out of the index
    assert recover(gateway, DAYTIME + WINDOW + timedelta(hours=7)) == {}
    assert len(gateway.sent) == 1


def test_a_text_that_failed_in_the_stream_is_sent_by_the_next_run(world: None) -> None:
    approved_case()
    with pytest.raises(sms.TextsNotSent):
        deliver(FakeGateway(failures=100), DAYTIME)
    assert entry().state == "failed"
    gateway = FakeGateway()
    assert recover(gateway, DAYTIME + WINDOW + timedelta(minutes=1)) == {"sent": 1}
    assert deliver(gateway, DAYTIME + WINDOW + timedelta(minutes=2)) == {"duplicate": 1}  # a late redrive: nothing


def test_a_deferred_text_whose_morning_run_failed_is_sent_the_day_after(world: None) -> None:
    _closed_notice("u-recover-night", 7, NIGHT)
    assert deliver(FakeGateway(), NIGHT) == {"deferred": 1}
    gateway = FakeGateway()
    assert recover(gateway, NIGHT + timedelta(hours=1)) == {"waiting": 1}  # its morning has not come
    assert recover(gateway, NEXT_MORNING + timedelta(hours=26)) == {"sent": 1}  # two mornings missed


def test_a_young_text_is_left_to_the_stream(world: None) -> None:
    approved_case()
    assert recover(FakeGateway(), DAYTIME + timedelta(minutes=2)) == {"young": 1}


def test_a_text_written_while_sms_was_not_configured_is_given_up_with_the_reason(world: None) -> None:
    missing = f"SMS not configured ({MissingSetting('SMS_GATEWAY')})"  # the cloud's, until SMS_GATEWAY is set
    approved_case()
    assert recover(None, DAYTIME + WINDOW + timedelta(hours=1), missing) == {"unconfigured": 1}  # kept, not lost
    assert recover(None, DAYTIME + timedelta(days=3), missing) == {"given_up": 1}
    given = entry()
    assert given.state == "given_up" and given.open_day is None
    assert "not sent within 2 days" in (given.gave_up or "") and "SMS_GATEWAY" in (given.gave_up or "")
    assert deliver(FakeGateway(), DAYTIME + timedelta(days=3)) == {"duplicate": 1}  # never sent afterwards


def _calls_during(run: Callable[[], object]) -> set[str]:
    """The DynamoDB actions IAM checks for what `run` sends (a transaction's parts as their own actions)."""
    seen: set[str] = set()
    original = BaseClient._make_api_call

    def record(client: BaseClient, operation: str, params: dict[str, Any]) -> Any:
        if client.meta.service_model.service_name == "dynamodb":
            parts = {
                "Put": "PutItem",
                "Update": "UpdateItem",
                "Delete": "DeleteItem",
                "ConditionCheck": "ConditionCheckItem",
            }
            if operation == "TransactWriteItems":
                # Not the marker every transaction puts in the idempotency table (applied.py; its own grant).
                marker_table = settings().tables.idempotency
                items = [(kind, part) for item in params["TransactItems"] for kind, part in item.items()]
                seen.update(parts[kind] for kind, part in items if part["TableName"] != marker_table)
            elif operation == "TransactGetItems":
                seen.add("GetItem")
            else:
                seen.add(operation)
        return original(client, operation, params)

    with patch.object(BaseClient, "_make_api_call", record):
        run()
    return seen


def test_what_the_sender_and_the_recovery_call_is_what_their_roles_allow(world: None) -> None:
    """infra/access.py's rows for these two functions, against the calls they really make (a failed text, the
    stream's retry, the recovery's send, give-up and settle)."""
    approved_case()
    _closed_notice("u-calls-night", 9, NIGHT)
    stream = records("outbox")  # read by the test's harness, as the event source mapping reads it

    def send(gateway: FakeGateway, at: datetime) -> None:
        with contextlib.suppress(sms.TextsNotSent):
            sms.on_outbox_records(
                stream, ports=structs.replace(wiring.ports(), clock=lambda: at), sender=gateway, sleep=Sleeps()
            )

    sender = _calls_during(lambda: send(FakeGateway(failures=100), DAYTIME))
    sender |= _calls_during(lambda: send(FakeGateway(), NIGHT))
    recovery = _calls_during(lambda: recover(FakeGateway(), DAYTIME + WINDOW))
    recovery |= _calls_during(lambda: recover(FakeGateway(), DAYTIME + timedelta(days=5)))
    assert sender <= set(ACCESS["send_texts"].tables["outbox"]), sender
    assert recovery <= set(ACCESS["recover_texts"].tables["outbox"]), recovery
    assert "Query" in recovery and "UpdateItem" in sender
