"""SMS: one text per event to the case's real-name phone, whatever the stream redelivers or the gateway does."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import partial

import pytest
from msgspec import structs

from chalicelib import wiring
from chalicelib.adapters import message_store, outbox_store
from chalicelib.adapters.models import OutboxEntry
from chalicelib.domain import notices
from chalicelib.domain.notices import Text
from chalicelib.ports.sms import GatewayRejected, GatewayUnavailable
from chalicelib.ports.stores import Claim, Staged
from chalicelib.services import review, sms
from scripts.stored_factories import REVIEWER, person, submitted
from scripts.stream_records import records
from tests.integration.conftest import race

DAYTIME = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)  # 10:00 China time
NIGHT = datetime(2026, 11, 26, 14, 30, tzinfo=UTC)  # 22:30 China time
NEXT_MORNING = datetime(2026, 11, 27, 0, 0, tzinfo=UTC)  # 08:00 China time


@dataclass
class FakeGateway:
    """Fails the first `failures` calls the way a provider does, then sends."""

    failures: int = 0
    error: type[Exception] = GatewayUnavailable
    sent: list[tuple[Text, str]] = field(default_factory=list)
    calls: int = 0

    def send(self, text: Text, event_id: str) -> str:
        self.calls += 1
        if self.calls <= self.failures:
            raise self.error("HTTP 502")
        self.sent.append((text, event_id))
        return f"serial-{len(self.sent)}"


@dataclass
class Sleeps:
    waits: list[float] = field(default_factory=list)

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def deliver(gateway: FakeGateway, at: datetime, sleeps: Sleeps | None = None) -> dict[str, int]:
    at_that_time = structs.replace(wiring.ports(), clock=lambda: at)
    return sms.on_outbox_records(records("outbox"), ports=at_that_time, sender=gateway, sleep=sleeps or Sleeps())


def approved_case(serial: int = 1) -> str:
    who = person(f"u-sms-{serial}", serial, name="王晓雨")
    application_id = submitted(who)
    review.decide(REVIEWER, application_id, "approve", "材料齐全", DAYTIME, ports=wiring.ports())
    return application_id


def test_a_decision_is_texted_once_to_the_cases_phone_with_the_name_masked(world: None) -> None:
    approved_case()
    gateway = FakeGateway()
    assert deliver(gateway, DAYTIME) == {"sent": 1}
    assert deliver(gateway, DAYTIME + timedelta(minutes=1)) == {"duplicate": 1}  # the stream redelivered
    [(text, _)] = gateway.sent
    assert text.phone == "13912345678"
    rendered = text.render()
    assert "王*雨" in rendered and "王晓雨" not in rendered and "审核通过" in rendered
    assert "140105" not in rendered and "材料齐全" not in rendered  # no ID number, no staff free text


def test_a_gateway_failing_three_times_then_recovering_sends_once(world: None) -> None:
    approved_case()
    gateway, sleeps = FakeGateway(failures=3), Sleeps()
    assert deliver(gateway, DAYTIME, sleeps) == {"sent": 1}
    assert len(gateway.sent) == 1 and gateway.calls == 4
    assert len(sleeps.waits) == 3 and sleeps.waits[0] < sleeps.waits[2]  # backing off


def test_a_gateway_that_keeps_failing_fails_the_batch_for_the_dead_letter_queue_and_loses_nothing(
    world: None,
) -> None:
    approved_case()
    with pytest.raises(sms.TextsNotSent):
        deliver(FakeGateway(failures=100), DAYTIME)
    [entry] = [e for e in OutboxEntry.scan() if e.kind == "application_approved"]
    assert entry.state == "failed"
    # The redriven record (or the stream's own retry) sends it, once, and the day's count was given back.
    recovered = FakeGateway()
    assert deliver(recovered, DAYTIME + timedelta(minutes=5)) == {"sent": 1}
    assert deliver(recovered, DAYTIME + timedelta(minutes=6)) == {"duplicate": 1}
    cap = OutboxEntry.get(outbox_store.cap_key(entry.subject or "", DAYTIME))
    assert cap.sent == 1


def test_a_refused_text_is_not_retried(world: None) -> None:
    approved_case()
    gateway = FakeGateway(failures=1, error=GatewayRejected)
    assert deliver(gateway, DAYTIME) == {"rejected": 1}
    assert deliver(gateway, DAYTIME) == {"duplicate": 1}
    assert gateway.calls == 1


def _closed_notice(subject: str, serial: int, at: datetime) -> None:
    notice = notices.favourite_closed(f"{serial:032x}", f"岗位{serial}", "山西测试科技有限公司")
    message = message_store.new_message(subject, notice, at, seed=f"closed#{serial}#{subject}")
    text = notices.closed_text("13912345678", "王晓雨", f"岗位{serial}")
    assert message_store.deliver(Staged(message, message_store.new_outbox_entry(message, text, at)))


def test_quiet_hours_defer_a_position_notice_to_eight_but_not_a_decision(world: None) -> None:
    _closed_notice("u-night", 1, NIGHT)
    gateway = FakeGateway()
    assert deliver(gateway, NIGHT) == {"deferred": 1}
    assert deliver(gateway, NIGHT + timedelta(hours=2)) == {"deferred": 1}  # redelivered at night: still held
    assert gateway.sent == []
    assert (
        sms.send_deferred(NEXT_MORNING - timedelta(days=1), sender=gateway, ports=wiring.ports()) == {}
    )  # not that day's
    assert sms.send_deferred(NEXT_MORNING, sender=gateway, ports=wiring.ports()) == {"sent": 1}
    assert sms.send_deferred(NEXT_MORNING, sender=gateway, ports=wiring.ports()) == {}  # out of the index once sent
    assert len(gateway.sent) == 1

    who = person("u-late-decision", 7)
    application_id = submitted(who)
    review.decide(REVIEWER, application_id, "reject", "材料不全", NIGHT, ports=wiring.ports())
    assert deliver(gateway, NIGHT)["sent"] == 1  # a decision on one's own case is not held back
    assert notices.in_quiet_hours(datetime(2026, 11, 26, 13, 0, tzinfo=UTC))  # 21:00 China time
    assert not notices.in_quiet_hours(NEXT_MORNING)


def test_at_most_five_texts_a_person_a_day_even_sent_at_once(world: None) -> None:
    for serial in range(7):
        _closed_notice("u-busy", serial, DAYTIME)
    gateway = FakeGateway()
    ids = [e.event_id for e in OutboxEntry.scan() if e.subject == "u-busy" and e.kind == "favourite_closed"]
    outcomes = race(*[partial(sms.send_one, i, DAYTIME, gateway, Sleeps(), ports=wiring.ports()) for i in ids])
    assert sorted(outcomes) == ["capped", "capped"] + ["sent"] * 5
    assert len(gateway.sent) == 5
    # The next China day the count starts again.
    _closed_notice("u-busy", 99, DAYTIME + timedelta(days=1))
    assert deliver(gateway, DAYTIME + timedelta(days=1)).get("sent") == 1


def test_a_text_held_by_a_sender_that_died_is_sent_once_its_lease_ends(world: None) -> None:
    approved_case()
    [entry] = [e for e in OutboxEntry.scan() if e.kind == "application_approved"]
    assert outbox_store.claim(entry, DAYTIME) is Claim.TAKEN  # a sender took it, then timed out
    gateway = FakeGateway()
    with pytest.raises(sms.TextsNotSent):
        deliver(gateway, DAYTIME + timedelta(seconds=30))  # still leased: the batch fails, to be retried
    assert gateway.sent == []
    assert deliver(gateway, DAYTIME + outbox_store.LEASE + timedelta(seconds=1)) == {"sent": 1}
    assert len(gateway.sent) == 1
