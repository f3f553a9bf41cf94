"""Who is told what, and the texts: favourite-closed notices from the positions' stream, deadline reminders,
the SMS sender on the outbox's stream (quiet hours, retries, the daily cap), and the 08:00 run, on the fakes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from chalicelib.ports.sms import GatewayRejected, GatewayUnavailable
from chalicelib.services import favourites, jobs, notifications, positions, review, sms
from tests.services.builders import MANAGER, NOW, REVIEWER, applicant, approved, published, submitted
from tests.services.fakes import Fakes
from tests.services.streams import changed_by, new_outbox_entries

NIGHT = NOW + timedelta(hours=12)  # 22:00 China time
NEXT_MORNING = NOW + timedelta(hours=22)  # 08:00 China time the next day


def no_sleep(seconds: float) -> None:
    pass


def kinds(fake: Fakes, subject: str) -> list[str]:
    return [m.kind for m in fake.db.inbox(subject)]


def fans_of_a_position(fake: Fakes, count: int) -> tuple[str, list[str]]:
    position_id = published(fake, county_code="140105")
    fans = []
    for serial in range(count):
        who = applicant(100 + serial, name="李明")
        approved(fake, who)
        favourites.add(who, position_id, NOW, ports=fake.ports)
        fans.append(who.subject)
    return position_id, fans


def test_closing_a_favourited_position_tells_each_fan_once_and_texts_their_case_phone(fake: Fakes) -> None:
    position_id, fans = fans_of_a_position(fake, 2)
    texts_before = len(fake.db.outbox)
    record = changed_by(fake, position_id, lambda: positions.close(MANAGER, position_id, NOW, ports=fake.ports))

    written = notifications.on_position_records([record], ports=fake.ports)
    redelivered = notifications.on_position_records([record], ports=fake.ports)

    assert (written, redelivered) == (2, 0)
    assert [kinds(fake, fan).count("favourite_closed") for fan in fans] == [1, 1]
    closing_texts = list(fake.db.outbox.values())[texts_before:]
    assert [(t.kind, t.phone, t.params) for t in closing_texts] == [
        ("favourite_closed", "13912345678", ["李*", fake.db.positions[position_id].title])
    ] * 2


def test_an_edit_that_leaves_the_position_open_tells_nobody(fake: Fakes) -> None:
    position_id, fans = fans_of_a_position(fake, 1)
    edit = lambda: positions.update(MANAGER, position_id, {"title": "新标题"}, NOW, ports=fake.ports)  # noqa: E731

    assert notifications.on_position_records([changed_by(fake, position_id, edit)], ports=fake.ports) == 0
    assert "favourite_closed" not in kinds(fake, fans[0])


def test_a_deadline_three_days_off_is_told_once_a_day_and_never_for_a_closed_position(fake: Fakes) -> None:
    soon, fans = fans_of_a_position(fake, 1)
    fake.db.positions[soon].deadline = fake.db.positions[soon].open_deadline = "2026-11-29"
    shut = published(fake, county_code="140105", deadline=(NOW + timedelta(days=3)).date())
    favourites.add(applicant(100, name="李明"), shut, NOW, ports=fake.ports)
    positions.close(MANAGER, shut, NOW, ports=fake.ports)

    first = notifications.deadline_reminders(NOW, ports=fake.ports)
    rerun = notifications.deadline_reminders(NOW + timedelta(hours=1), ports=fake.ports)

    assert (first, rerun) == (1, 0)
    assert kinds(fake, fans[0]).count("favourite_deadline") == 1


def test_a_decision_is_texted_at_once_even_at_night_and_exactly_once(fake: Fakes) -> None:
    who = applicant(1)
    case = submitted(fake, who)
    review.decide(REVIEWER, case, "approve", None, NIGHT, ports=fake.ports)
    fake.clock.now = NIGHT
    records = new_outbox_entries(fake)

    first = sms.on_outbox_records(records, ports=fake.ports, sleep=no_sleep)
    again = sms.on_outbox_records(records, ports=fake.ports, sleep=no_sleep)

    assert (first, again) == ({"sent": 1}, {"duplicate": 1})
    ((event_id, text),) = fake.sms.sent
    assert (text.kind, text.phone, text.params) == ("application_approved", "13912345678", ("王*雨", "审核通过"))
    assert fake.db.outbox[event_id].state == "sent"


def test_a_text_that_may_wait_is_held_until_eight_and_the_morning_run_sends_it(fake: Fakes) -> None:
    position_id, _ = fans_of_a_position(fake, 1)
    seen = {e for e in fake.db.outbox}
    record = changed_by(fake, position_id, lambda: positions.close(MANAGER, position_id, NIGHT, ports=fake.ports))
    notifications.on_position_records([record], ports=fake.ports)
    fake.clock.now = NIGHT

    at_night = sms.on_outbox_records(new_outbox_entries(fake, seen), ports=fake.ports, sleep=no_sleep)
    morning = jobs.morning(NEXT_MORNING, ports=fake.ports)

    assert at_night == {"deferred": 1}
    assert morning == {
        "reminders": 0,
        "digests": 0,
        "placements_completed": 0,
        "placements_ending": 0,
        "texts_sent": 1,
        "overdue_ratings": 0,
    }
    assert [t.kind for _, t in fake.sms.sent] == ["favourite_closed"]


def test_a_gateway_that_keeps_failing_is_retried_then_the_batch_fails_and_a_redelivery_sends_it(fake: Fakes) -> None:
    case = submitted(fake, applicant(2))
    review.decide(REVIEWER, case, "reject", "材料不全", NOW, ports=fake.ports)
    records = new_outbox_entries(fake)
    fake.sms.failures = [GatewayUnavailable("503")] * sms.ATTEMPTS
    waits: list[float] = []

    with pytest.raises(sms.TextsNotSent):
        sms.on_outbox_records(records, ports=fake.ports, sleep=waits.append)
    redelivered = sms.on_outbox_records(records, ports=fake.ports, sleep=no_sleep)

    assert len(waits) == sms.ATTEMPTS - 1 and waits == sorted(waits)  # backing off between attempts
    assert redelivered == {"sent": 1}
    assert fake.db.sent_today[f"u-2#{NOW.date().isoformat()}"] == 1  # the failed claim gave its count back


def test_a_text_the_provider_refuses_is_not_retried(fake: Fakes) -> None:
    case = submitted(fake, applicant(3))
    review.decide(REVIEWER, case, "approve", None, NOW, ports=fake.ports)
    records = new_outbox_entries(fake)
    fake.sms.failures = [GatewayRejected("invalid number")]

    assert sms.on_outbox_records(records, ports=fake.ports, sleep=no_sleep) == {"rejected": 1}
    assert sms.on_outbox_records(records, ports=fake.ports, sleep=no_sleep) == {"duplicate": 1}
    assert fake.sms.sent == []


def test_a_person_gets_at_most_five_texts_a_day(fake: Fakes) -> None:
    position_ids = [published(fake, county_code="140105") for _ in range(3)]
    who = applicant(4, name="李明")
    approved(fake, who)
    for position_id in position_ids:
        favourites.add(who, position_id, NOW, ports=fake.ports)
    records = []
    for i, position_id in enumerate(position_ids * 2):  # six closings: close, reopen by hand, close again
        if i >= 3:
            fake.db.positions[position_id].status = "open"
        at = NOW + timedelta(minutes=i)
        closing = changed_by(
            fake, position_id, lambda p=position_id, at=at: positions.close(None, p, at, ports=fake.ports)
        )
        records.append(closing)
    notifications.on_position_records(records, ports=fake.ports)

    outcomes = sms.on_outbox_records(new_outbox_entries(fake), ports=fake.ports, sleep=no_sleep)

    assert outcomes == {"sent": 5, "capped": 2}  # the approval's text and four closings, then the cap
