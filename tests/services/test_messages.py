"""消息中心: the messages each step of a case leaves, the list, reading one and all, the unread count."""

from __future__ import annotations

from datetime import timedelta

import pytest

from chalicelib.errors import AppError
from chalicelib.services import applications, messages, review
from tests.services.builders import NOW, REVIEWER, applicant, submitted
from tests.services.fakes import Fakes


def test_each_step_of_a_case_is_told_newest_first(fake: Fakes) -> None:
    who = applicant(1)
    first = submitted(fake, who)
    applications.withdraw(who, first, NOW + timedelta(minutes=1), ports=fake.ports)
    second = submitted(fake, who, now=NOW + timedelta(minutes=2))
    review.decide(REVIEWER, second, "approve", "材料齐全", NOW + timedelta(minutes=3), ports=fake.ports)

    listed, _ = messages.mine(who, unread_only=False, limit=20, start_key=None, ports=fake.ports)

    assert [m.kind for m in listed] == [
        "application_approved",
        "application_submitted",
        "application_withdrawn",
        "application_submitted",
    ]
    assert "材料齐全" in listed[0].text
    assert listed[0].link == f"/v1/applications/{second}"
    assert messages.unread(who.subject, ports=fake.ports) == 4


def test_the_list_pages_and_filters_unread(fake: Fakes) -> None:
    who = applicant(2)
    for minutes in range(3):
        case = submitted(fake, who, now=NOW + timedelta(minutes=minutes))
        applications.withdraw(who, case, NOW + timedelta(minutes=minutes, seconds=30), ports=fake.ports)
    everything, _ = messages.mine(who, unread_only=False, limit=20, start_key=None, ports=fake.ports)
    messages.read(who, everything[0].message_id, NOW + timedelta(hours=1), ports=fake.ports)

    pages, start = [], None
    while True:
        page, start = messages.mine(who, unread_only=True, limit=2, start_key=start, ports=fake.ports)
        pages.append([m.message_id for m in page])
        if start is None:
            break

    assert [len(p) for p in pages] == [2, 2, 1]
    assert [i for p in pages for i in p] == [m.message_id for m in everything[1:]]


def test_reading_is_idempotent_and_another_persons_message_does_not_exist(fake: Fakes) -> None:
    who, other = applicant(3), applicant(4)
    submitted(fake, who)
    (message,), _ = messages.mine(who, unread_only=False, limit=20, start_key=None, ports=fake.ports)
    read_at = NOW + timedelta(hours=1)

    first = messages.read(who, message.message_id, read_at, ports=fake.ports)
    again = messages.read(who, message.message_id, read_at + timedelta(hours=1), ports=fake.ports)
    with pytest.raises(AppError) as not_mine:
        messages.read(other, message.message_id, read_at, ports=fake.ports)

    assert first.read_at == again.read_at == "2026-11-26T11:00:00+08:00"
    assert messages.unread(who.subject, ports=fake.ports) == 0
    assert not_mine.value.code == "MESSAGE_NOT_FOUND"


def test_read_all_marks_each_unread_once_and_says_what_is_left(fake: Fakes) -> None:
    who = applicant(5)
    case = submitted(fake, who)
    applications.withdraw(who, case, NOW + timedelta(minutes=1), ports=fake.ports)
    (newest, _), _ = messages.mine(who, unread_only=False, limit=2, start_key=None, ports=fake.ports)
    messages.read(who, newest.message_id, NOW, ports=fake.ports)

    answer = messages.read_all(who, NOW + timedelta(hours=1), ports=fake.ports)
    again = messages.read_all(who, NOW + timedelta(hours=2), ports=fake.ports)

    assert (answer.marked_read, answer.unread_messages) == (1, 0)
    assert (again.marked_read, again.unread_messages) == (0, 0)


def test_each_message_names_its_step_the_locality_and_a_rejections_reason(fake: Fakes) -> None:
    who = applicant(6)
    first = submitted(fake, who)
    review.decide(REVIEWER, first, "reject", "毕业证书不清晰", NOW + timedelta(minutes=1), ports=fake.ports)
    second = submitted(fake, who, now=NOW + timedelta(minutes=2))
    review.decide(REVIEWER, second, "approve", "材料齐全，同意", NOW + timedelta(minutes=3), ports=fake.ports)

    listed, _ = messages.mine(who, unread_only=False, limit=20, start_key=None, ports=fake.ports)

    assert [m.title for m in listed] == ["审核通过", "申报成功，等待审核", "审核不通过", "申报成功，等待审核"]
    assert "材料齐全，同意" in listed[0].text and "毕业证书不清晰" in listed[2].text
    assert "小店区" in listed[1].text
    assert all(m.read_at is None for m in listed)
