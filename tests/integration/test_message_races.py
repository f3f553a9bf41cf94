"""Messages under concurrency: a message exists exactly when its event happened, and the counter stays exact."""

from __future__ import annotations

from functools import partial

from chalicelib.adapters import message_store, person_store
from chalicelib.adapters.models import Message
from chalicelib.errors import Conflict
from chalicelib.services import applications, messages, review
from tests.integration.conftest import NOW, REVIEWER, person, race, submitted


def kinds(subject: str) -> list[str]:
    return [m.kind for m in Message.query(subject, scan_index_forward=False)]


def counter(subject: str) -> int:
    found = person_store.get(subject)
    return int(found.unread_messages or 0) if found else 0


def test_a_withdrawal_racing_an_approval_leaves_only_the_winners_message(world: None) -> None:
    for serial in range(6):
        who = person(f"u-race-{serial}", serial)
        application_id = submitted(who)
        outcomes = race(
            partial(applications.withdraw, who, application_id, NOW),
            partial(review.decide, REVIEWER, application_id, "approve", "同意", NOW),
        )
        winners = [o for o in outcomes if not isinstance(o, Exception)]
        assert len(winners) == 1 and all(isinstance(o, Conflict) for o in outcomes if isinstance(o, Exception))
        status = winners[0].status
        expected = {"withdrawn": "application_withdrawn", "approved": "application_approved"}[status]
        assert sorted(kinds(who.subject)) == sorted([expected, "application_submitted"])  # the same moment: NOW
        assert counter(who.subject) == 2


def test_reads_racing_a_read_all_count_each_message_once(world: None) -> None:
    who = person("u-reader", 1)
    for _ in range(4):
        applications.withdraw(who, submitted(who), NOW)
    ids = [m.message_id for m in Message.query(who.subject)]
    assert counter(who.subject) == len(ids) == 8

    outcomes = race(
        lambda: messages.read_all(who, NOW),
        *[partial(messages.read, who, i, NOW) for i in ids[:5]],
        lambda: messages.read_all(who, NOW),
    )
    assert not [o for o in outcomes if isinstance(o, Exception)]
    marked = outcomes[0].marked_read + outcomes[-1].marked_read
    assert marked <= 8
    assert counter(who.subject) == 0
    assert all(m.read_at is not None and m.unread_of is None for m in Message.query(who.subject))


def test_a_redelivered_notice_is_written_once(world: None) -> None:
    from chalicelib.domain import notices

    notice = notices.favourite_closed("a" * 32, "软件开发见习生", "山西测试科技有限公司")
    staged = [
        message_store.Staged(message_store.new_message("u-fan", notice, NOW, seed="closed#x#u-fan")) for _ in range(4)
    ]
    outcomes = race(*[partial(message_store.deliver, s) for s in staged])
    assert sorted(outcomes) == [False, False, False, True]
    assert kinds("u-fan") == ["favourite_closed"] and counter("u-fan") == 1
