"""A favourite that closes, or whose deadline nears, is told to everyone who favourited it, once."""

from __future__ import annotations

from datetime import timedelta

from msgspec import structs
from pytest import MonkeyPatch

from chalicelib import wiring
from chalicelib.adapters.models import Message, OutboxEntry
from chalicelib.services import favourites, jobs, notifications, positions
from scripts.stored_factories import MANAGER, NOW, approved_trainee, new_position, person
from scripts.stream_records import records


def favourited_by(count: int) -> tuple[str, list[str]]:
    position_id = new_position()
    subjects = []
    for serial in range(count):
        who = person(f"u-fan-{serial}", serial, name="王晓雨")
        approved_trainee(who)
        favourites.add(who, position_id, NOW, ports=wiring.ports())
        subjects.append(who.subject)
    return position_id, subjects


def of_kind(subject: str, kind: str) -> list[Message]:
    return [m for m in Message.query(subject) if m.kind == kind]


def test_staff_closing_tells_every_favouriter_once_even_when_redelivered(world: None) -> None:
    position_id, subjects = favourited_by(3)
    positions.close(MANAGER, position_id, NOW + timedelta(hours=1), ports=wiring.ports())
    stream = records("positions")
    assert notifications.on_position_records(stream, ports=wiring.ports()) == 3
    assert notifications.on_position_records(stream, ports=wiring.ports()) == 0  # the stream delivered the batch again
    for subject in subjects:
        [message] = of_kind(subject, "favourite_closed")
        assert "软件开发见习生" in message.text and message.link == f"/v1/positions/{position_id}"
        [text] = [e for e in OutboxEntry.scan() if e.subject == subject and e.kind == "favourite_closed"]
        assert text.phone == "13912345678"
        assert "王*雨" in (text.text or "") and "王晓雨" not in (text.text or "")


def test_the_deadline_sweep_closing_tells_them_too(world: None) -> None:
    _, subjects = favourited_by(1)
    after_deadline = NOW + timedelta(days=62)
    assert positions.sweep_expired(after_deadline, ports=wiring.ports()) == 1
    notifications.on_position_records(records("positions"), ports=wiring.ports())
    assert len(of_kind(subjects[0], "favourite_closed")) == 1


def test_other_changes_tell_nobody(world: None) -> None:
    position_id, subjects = favourited_by(1)
    positions.update(MANAGER, position_id, {"headcount": 5}, NOW, ports=wiring.ports())
    assert notifications.on_position_records(records("positions"), ports=wiring.ports()) == 0
    assert of_kind(subjects[0], "favourite_closed") == []


def test_three_days_before_the_deadline_favouriters_are_reminded_once(world: None) -> None:
    _, subjects = favourited_by(2)
    three_days_before = NOW + timedelta(days=57)  # the deadline is NOW + 60 days
    assert notifications.deadline_reminders(NOW, ports=wiring.ports()) == 0
    assert notifications.deadline_reminders(three_days_before, ports=wiring.ports()) == 2
    assert (
        notifications.deadline_reminders(three_days_before + timedelta(hours=2), ports=wiring.ports()) == 0
    )  # a rerun that day
    for subject in subjects:
        [message] = of_kind(subject, "favourite_deadline")
        assert "截止报名" in message.text


def test_the_morning_run_reminds_and_sends_what_the_night_held(world: None, monkeypatch: MonkeyPatch) -> None:
    from chalicelib.services import sms

    closing, [subject] = favourited_by(1)
    who = person(subject, 0, name="王晓雨")
    reminded = new_position(title="财务助理见习生")
    favourites.add(who, reminded, NOW, ports=wiring.ports())
    night = NOW + timedelta(days=56, hours=12)  # 22:00 China time, the night before the reminder's day
    positions.close(MANAGER, closing, night, ports=wiring.ports())
    notifications.on_position_records(records("positions"), ports=wiring.ports())
    sent: list[str] = []

    class Gateway:
        def send(self, text: object, event_id: str) -> str:
            sent.append(event_id)
            return "ok"

    texting = structs.replace(wiring.ports(), sms=Gateway(), clock=lambda: night)
    at_night = sms.on_outbox_records(records("outbox"), ports=texting)
    assert at_night == {"sent": 1, "deferred": 1}  # the approval went at once; the closing waits for 08:00
    eight = NOW + timedelta(days=57) - timedelta(hours=2)  # 08:00 China time, three days before the deadline
    assert jobs.morning(eight, ports=texting) == {
        "reminders": 1,
        "digests": 0,
        "placements_completed": 0,
        "placements_ending": 0,
        "texts_sent": 1,
        "overdue_ratings": 0,
    }
    assert len(sent) == 2 and of_kind(subject, "favourite_deadline")
