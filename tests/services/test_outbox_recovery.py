"""No text lost, on the fakes: the hourly recovery sends what the stream did not finish, once, and gives up with
the reason a text it can no longer send in time (services/outbox_recovery.py; on moto: tests/integration)."""

from __future__ import annotations

from datetime import timedelta

from msgspec import structs

from chalicelib.services import outbox_recovery, review
from tests.services.builders import NOW, REVIEWER, applicant, submitted
from tests.services.fakes import Fakes


def no_sleep(seconds: float) -> None:
    return None


def decided(fake: Fakes, serial: int) -> str:
    """An approval whose text the stream never sent (its batch dead-lettered); returns the outbox entry's id."""
    review.decide(REVIEWER, submitted(fake, applicant(serial)), "approve", None, NOW, ports=fake.ports)
    (event_id,) = fake.db.outbox
    return event_id


def test_a_text_the_stream_did_not_finish_is_sent_once_and_leaves_the_open_texts(fake: Fakes) -> None:
    event_id = decided(fake, 1)

    young = outbox_recovery.recover(NOW + timedelta(minutes=2), ports=fake.ports, sleep=no_sleep)
    first = outbox_recovery.recover(NOW + timedelta(hours=1), ports=fake.ports, sleep=no_sleep)
    again = outbox_recovery.recover(NOW + timedelta(hours=2), ports=fake.ports, sleep=no_sleep)

    assert (young, first, again) == ({"young": 1}, {"sent": 1}, {})  # the stream's for ten minutes
    assert [sent for sent, _ in fake.sms.sent] == [event_id]
    entry = fake.db.outbox[event_id]
    assert entry.state == "sent" and entry.open_day is None


def test_without_a_configured_gateway_a_text_is_kept_then_given_up_with_the_reason(fake: Fakes) -> None:
    event_id = decided(fake, 2)
    unconfigured = structs.replace(fake.ports, sms_missing=lambda: "SMS not configured (SMS_GATEWAY)")

    kept = outbox_recovery.recover(NOW + timedelta(hours=1), ports=unconfigured, sleep=no_sleep)
    late = outbox_recovery.recover(NOW + timedelta(days=3), ports=unconfigured, sleep=no_sleep)

    entry = fake.db.outbox[event_id]
    assert (kept, late) == ({"unconfigured": 1}, {"given_up": 1})
    assert entry.state == "given_up" and entry.open_day is None and fake.sms.sent == []
    assert "not sent within 2 days" in (entry.gave_up or "") and "SMS_GATEWAY" in (entry.gave_up or "")
