"""The message, outbox, saved-search, attachment and file stores' contracts, on the fakes and on moto alike (see
test_application_store_contract.py): the same answers, the same refusals, the same order."""

from __future__ import annotations

from datetime import timedelta

from chalicelib.adapters.outbox_store import LEASE
from chalicelib.domain import notices
from chalicelib.domain.areas import Area
from chalicelib.domain.clock import china_date, china_time
from chalicelib.domain.records import SavedSearchRecord
from chalicelib.ports.conditions import ATTACHMENT, PERSON, SEARCH
from chalicelib.ports.stores import Claim, Staged
from scripts.factories import uploaded_attachment
from tests.adapters.contract_backends import NOW, Backend, refused
from tests.adapters.test_position_store_contract import position, published

PDF = b"%PDF-1.4\n%%EOF\n"


def deliver(backend: Backend, subject: str, seed: str, minutes: int = 0, texted: bool = False) -> Staged:
    store, at = backend.ports.messages, NOW + timedelta(minutes=minutes)
    message = store.new_message(subject, notices.withdrawn("a" * 32), at, seed=seed)
    text = notices.decision_text("application_approved", "13912345678", "王晓雨")
    staged = Staged(message, store.new_outbox_entry(message, text, at) if texted else None)
    assert store.deliver(staged)
    return staged


def test_a_message_is_delivered_once_listed_newest_first_and_read_once(backend: Backend) -> None:
    store = backend.ports.messages
    first, second, third = (deliver(backend, "m1", f"seed-{i}", minutes=i) for i in range(3))

    assert not store.deliver(first)  # the same event again: written once
    page, next_key = store.page("m1", unread_only=False, limit=2, start_key=None)
    rest, last = store.page("m1", unread_only=False, limit=2, start_key=next_key)
    assert [m.message_id for m in [*page, *rest]] == [s.message.message_id for s in (third, second, first)]
    assert last is None
    assert store.unread_count("m1") == 3

    assert store.mark_read("m1", second.message.message_id, china_time(NOW))
    assert not store.mark_read("m1", second.message.message_id, china_time(NOW))
    unread, _ = store.page("m1", unread_only=True, limit=20, start_key=None)
    assert [m.message_id for m in unread] == [third.message.message_id, first.message.message_id]
    assert store.mark_all_read("m1", china_time(NOW)) == 2
    assert store.unread_count("m1") == 0
    assert store.get("m2", first.message.message_id) is None  # another person's message is not found


def test_a_text_is_claimed_once_until_it_is_finished_and_a_day_holds_five(backend: Backend) -> None:
    outbox = backend.ports.outbox
    staged = [deliver(backend, "t1", f"text-{i}", minutes=i, texted=True) for i in range(6)]
    entries = [outbox.get(s.message.message_id) for s in staged]
    assert all(e is not None and e.state is None for e in entries)

    first = entries[0]
    assert first is not None
    assert outbox.claim(first, NOW) is Claim.TAKEN
    assert outbox.claim(first, NOW) is Claim.BUSY  # its lease runs
    outbox.finish(first, "sent", "provider-1")
    assert outbox.claim(first, NOW + timedelta(hours=1)) is Claim.DONE
    outcomes = [outbox.claim(e, NOW) for e in entries[1:] if e is not None]
    assert outcomes == [Claim.TAKEN] * 4 + [Claim.CAPPED]
    capped = outbox.get(staged[5].message.message_id)
    assert capped is not None and capped.state == "capped"


def test_a_released_text_can_be_claimed_again_and_a_deferred_one_waits_in_its_day(backend: Backend) -> None:
    outbox = backend.ports.outbox
    failing, night = (deliver(backend, "t2", seed, texted=True) for seed in ("failing", "night"))
    entry = outbox.get(failing.message.message_id)
    assert entry is not None and outbox.claim(entry, NOW) is Claim.TAKEN

    outbox.release(entry, NOW)
    deferred = outbox.get(night.message.message_id)
    assert deferred is not None
    outbox.defer(deferred, NOW + timedelta(days=1))

    again = outbox.get(failing.message.message_id)
    assert again is not None and again.state == "failed"
    assert outbox.claim(again, NOW) is Claim.TAKEN
    assert outbox.deferred_ids((NOW + timedelta(days=1)).date().isoformat()) == [night.message.message_id]


def test_five_saved_searches_a_person_and_their_new_listings(backend: Backend) -> None:
    store = backend.ports.saved_searches
    stamp = china_time(NOW)

    def saved(search_id: str, keyword: str | None = None) -> SavedSearchRecord:
        return store.new("s1", search_id, filters="{}", keyword=keyword, sms=False, created_at=stamp, seen_rank=stamp)

    made = [saved(f"{i:032x}", "软件" if i == 0 else None) for i in range(5)]
    for search in made:
        store.add(search, Area.city("140100"), education=None, industry=None)
    sixth = saved("f" * 32)

    assert refused(lambda: store.add(sixth, Area.province(), education=None, industry=None)) == {PERSON}
    assert refused(lambda: store.remove("s1", "e" * 32)) == {SEARCH}
    assert [s.search_id for s in store.mine("s1")] == [f"{i:032x}" for i in range(5)]

    fresh = published(backend, position(NOW + timedelta(hours=1), title="软件测试"))
    published(backend, position(NOW + timedelta(hours=2), title="会计助理", majors=["会计学"]))
    keyword_search = store.mine("s1")[0]
    hits = store.new_listings(keyword_search, NOW.date())
    assert [h["position_id"] for h in hits] == [fresh.position_id]
    store.advance(keyword_search, hits[0]["rank"])
    assert store.new_listings(store.mine("s1")[0], NOW.date()) == []


def test_an_attachment_is_confirmed_once_and_deleted_only_while_unused(backend: Backend) -> None:
    store = backend.ports.attachments
    waiting = store.new(
        "a" * 32,
        owner="o1",
        kind="id_card",
        filename="身份证.pdf",
        content_type="application/pdf",
        declared_size=len(PDF),
        status="awaiting_upload",
        created_at=china_time(NOW),
    )
    store.create(waiting)
    store.mark_uploaded(waiting, len(PDF), "attachments/x/" + "a" * 32 + "/copy")

    assert refused(lambda: store.mark_uploaded(waiting, len(PDF), "another")) == {ATTACHMENT}
    stored = store.get("a" * 32)
    assert stored is not None and (stored.status, stored.size, stored.object_key) == (
        "uploaded",
        len(PDF),
        "attachments/x/" + "a" * 32 + "/copy",
    )
    store.delete_record(stored)  # not being deleted: nothing happens
    assert store.get("a" * 32) is not None
    store.mark_deleting(stored, NOW + timedelta(days=1))
    store.delete_record(stored)
    assert store.get("a" * 32) is None

    held = uploaded_attachment("o2")
    held.in_use_by = "c" * 32  # claimed by a live application
    backend.put_attachment(held)
    assert refused(lambda: store.mark_deleting(held, NOW + timedelta(days=1))) == {ATTACHMENT}
    still = store.get(held.attachment_id)
    assert still is not None and still.status == "uploaded"


def test_the_bucket_copies_inspects_and_lists_confirmed_copies(backend: Backend) -> None:
    files = backend.ports.files
    incoming = files.incoming_key("o3", "b" * 32)
    copy_key = files.new_copy_key("o3", "b" * 32)
    backend.put_file(incoming, PDF, "application/pdf")

    assert files.copy(incoming, copy_key)
    assert not files.copy(files.incoming_key("o3", "c" * 32), copy_key + "x")  # nothing uploaded there
    stored = files.inspect(copy_key)
    assert stored is not None and (stored.size, stored.content_type, stored.head) == (
        len(PDF),
        "application/pdf",
        PDF[:8],
    )
    assert [key for key, _ in files.stored_objects()] == [copy_key]
    assert files.attachment_id_of(copy_key) == "b" * 32
    files.delete(incoming, copy_key)
    assert files.inspect(copy_key) is None and list(files.stored_objects()) == []


def test_open_texts_are_found_by_their_day_until_settled_or_given_up(backend: Backend) -> None:
    outbox, open_texts = backend.ports.outbox, backend.ports.open_texts
    sent, held, late = (deliver(backend, "t3", seed, texted=True).message.message_id for seed in ("s", "h", "l"))
    day = china_date(NOW).isoformat()

    def still_open() -> list[str]:
        return sorted(entry.event_id for entry in open_texts.on_day(day))

    assert still_open() == sorted([sent, held, late])
    entry, holding = outbox.get(sent), outbox.get(held)
    assert entry is not None and holding is not None
    assert outbox.claim(entry, NOW) is Claim.TAKEN and outbox.claim(holding, NOW) is Claim.TAKEN
    assert not open_texts.settle(sent)  # claimed, not sent yet: it stays open
    outbox.finish(entry, "sent", "provider-1")
    assert open_texts.settle(sent)
    assert not open_texts.give_up(held, "too late", NOW)  # its sender holds it while the lease runs
    assert open_texts.give_up(late, "too late", NOW)

    assert still_open() == [held]
    given = outbox.get(late)
    assert given is not None and given.state == "given_up"
    assert open_texts.give_up(held, "too late", NOW + LEASE + timedelta(seconds=1))  # its sender died
    assert still_open() == []
