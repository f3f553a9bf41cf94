"""The in-memory message, outbox and saved-search stores, the SMS gateway, and the attachments' bucket."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from chalicelib.adapters import files, message_store, saved_search_store
from chalicelib.adapters.dynamo import own
from chalicelib.adapters.models import Message, OutboxEntry, SavedSearch
from chalicelib.adapters.outbox_store import LEASE
from chalicelib.domain.areas import Area
from chalicelib.domain.clock import china_date
from chalicelib.domain.identity import is_resource_id
from chalicelib.domain.limits import MAX_SAVED_SEARCHES
from chalicelib.domain.notices import SMS_DAILY_CAP, Text
from chalicelib.domain.records import AttachmentRecord, OutboxRecord, SavedSearchRecord
from chalicelib.ports.conditions import PERSON, SEARCH
from chalicelib.ports.stores import FINAL_STATES, GIVEN_UP, SETTLED_STATES, Claim, RawKey, Staged, StoredObject
from tests.services.fake_db import Database, copy_of, descending, page_of, refuse_unless_clear
from tests.services.fake_positions import in_area


class FakeMessages:
    def __init__(self, db: Database) -> None:
        self.db = db

    new_message = staticmethod(message_store.new_message)
    new_outbox_entry = staticmethod(message_store.new_outbox_entry)

    def deliver(self, notice: Staged) -> bool:
        if self.db.notice_refusals(notice):
            return False
        self.db.deliver(notice)
        return True

    def page(
        self, subject: str, *, unread_only: bool, limit: int, start_key: RawKey | None
    ) -> tuple[list[Message], RawKey | None]:
        shown = [(descending(m.message_id), copy_of(m)) for m in self.db.inbox(subject)]
        return page_of([(k, m) for k, m in shown if not unread_only or m.read_at is None], limit, start_key)

    def get(self, subject: str, message_id: str) -> Message | None:
        return copy_of(self.db.messages.get((subject, message_id))) if is_resource_id(message_id) else None

    def unread_count(self, subject: str) -> int:
        person = self.db.people.get(subject)
        return int(person.unread_messages or 0) if person else 0

    def unread_left(self, subject: str) -> int:
        return self.unread_count(subject)

    def mark_read(self, subject: str, message_id: str, read_at: str) -> bool:
        message = self.db.messages.get((subject, message_id))
        if message is None or message.read_at is not None:
            return False
        message.read_at, message.unread_of = read_at, None
        person = self.db.person(subject)
        person.unread_messages = (person.unread_messages or 0) - 1
        return True

    def mark_all_read(self, subject: str, read_at: str) -> int:
        return sum(self.mark_read(subject, m.message_id, read_at) for m in self.db.inbox(subject))


class FakeOutbox:
    """The claim's rules: an entry is taken once (or again after its lease ran out), counted against the
    person's China-day cap in the same step; a final state is never left."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, event_id: str) -> OutboxEntry | None:
        return copy_of(self.db.outbox.get(event_id))

    def claim(self, record: OutboxRecord, now: datetime) -> Claim:
        stored = self.db.outbox[record.event_id]
        moment = int(now.timestamp())
        takeable = stored.state in (None, "deferred", "failed") or (
            stored.state == "claimed" and (stored.lease_until or 0) < moment
        )
        if not takeable:
            return Claim.BUSY if stored.state == "claimed" else Claim.DONE
        # Taking over a claim whose lease ran out: it was counted when first taken, so it is not counted again.
        if stored.state != "claimed":
            day = f"{stored.subject or ''}#{china_date(now).isoformat()}"
            if self.db.sent_today.get(day, 0) >= SMS_DAILY_CAP:
                self.finish(record, "capped")
                return Claim.CAPPED
            self.db.sent_today[day] = self.db.sent_today.get(day, 0) + 1
        stored.state, stored.lease_until, stored.deferred_day = "claimed", moment + int(LEASE.total_seconds()), None
        stored.attempts = (stored.attempts or 0) + 1
        return Claim.TAKEN

    def finish(self, record: OutboxRecord, state: str, provider_id: str | None = None) -> None:
        stored = self.db.outbox[record.event_id]
        if stored.state not in FINAL_STATES:
            stored.state, stored.lease_until = state, None
            stored.provider_id = provider_id or stored.provider_id

    def give_up_unknown(self, record: OutboxRecord, reason: str) -> None:
        stored = self.db.outbox[record.event_id]
        if stored.state == "claimed":
            stored.state, stored.gave_up, stored.open_day, stored.lease_until = GIVEN_UP, reason, None, None

    def release(self, record: OutboxRecord, now: datetime) -> None:
        stored = self.db.outbox[record.event_id]
        if stored.state == "claimed":
            stored.state, stored.lease_until = "failed", None
            day = f"{stored.subject or ''}#{china_date(now).isoformat()}"
            self.db.sent_today[day] = self.db.sent_today.get(day, 0) - 1

    def defer(self, record: OutboxRecord, until: datetime) -> None:
        stored = self.db.outbox[record.event_id]
        if stored.state in (None, "deferred", "failed"):
            stored.state, stored.deferred_day = "deferred", china_date(until).isoformat()

    def deferred_ids(self, day: str) -> list[str]:
        return sorted(i for i, e in self.db.outbox.items() if e.deferred_day == day)


class FakeOpenTexts:
    """The outbox's open_by_day index: entries not settled, by the China day written; giving up takes an entry
    on the claim's conditions, so a text being sent is never given up under its sender."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def on_day(self, day: str) -> Iterator[OutboxEntry]:
        for event_id in sorted(i for i, e in self.db.outbox.items() if e.open_day == day):
            yield copy_of(self.db.outbox[event_id])

    def settle(self, event_id: str) -> bool:
        stored = self.db.outbox.get(event_id)
        if stored is None or stored.state not in SETTLED_STATES:
            return False
        stored.open_day = None
        return True

    def give_up(self, event_id: str, reason: str, now: datetime) -> bool:
        stored = self.db.outbox.get(event_id)
        if stored is None:
            return False
        takeable = stored.state in (None, "deferred", "failed") or (
            stored.state == "claimed" and (stored.lease_until or 0) < int(now.timestamp())
        )
        if not takeable:
            return False
        stored.state, stored.gave_up, stored.open_day = GIVEN_UP, reason, None
        stored.lease_until = stored.deferred_day = None
        return True


class FakeSavedSearches:
    def __init__(self, db: Database) -> None:
        self.db = db

    new = staticmethod(saved_search_store.new)

    def add(self, record: SavedSearchRecord, area: Area, *, education: str | None, industry: str | None) -> None:
        search = own(record, SavedSearch)
        key = (search.subject, search.search_id)
        count = sum(1 for who, _ in self.db.saved_searches if who == search.subject)
        refuse_unless_clear(
            ([SEARCH] if key in self.db.saved_searches else []) + ([PERSON] if count >= MAX_SAVED_SEARCHES else [])
        )
        self.db.saved_searches[key] = copy_of(search)
        self.db.search_areas[key] = (area, education, industry)
        self.db.seen_ranks[key] = search.seen_rank

    def remove(self, subject: str, search_id: str) -> None:
        refuse_unless_clear([] if (subject, search_id) in self.db.saved_searches else [SEARCH])
        del self.db.saved_searches[(subject, search_id)]

    def mine(self, subject: str) -> list[SavedSearch]:
        return [copy_of(s) for (who, _), s in sorted(self.db.saved_searches.items()) if who == subject]

    def everyone(self) -> Iterator[SavedSearch]:
        for _, search in sorted(self.db.saved_searches.items()):
            yield copy_of(search)

    def new_listings(self, record: SavedSearchRecord, today: date) -> list[dict[str, Any]]:
        key = (record.subject, record.search_id)
        area, education, industry = self.db.search_areas[key]
        found = []
        for position_id, summary in self.db.listed.items():
            p = self.db.positions[position_id]
            text = f"{p.title} {p.employer_name} {' '.join(p.majors)}".casefold()
            if (
                p.deadline < today.isoformat()
                or not in_area(p, area)
                or self.db.ranked[position_id] <= self.db.seen_ranks[key]
            ):
                continue
            if (education and p.education != education) or (industry and p.industry != industry):
                continue
            if record.keyword and record.keyword.casefold() not in text:
                continue
            found.append(
                {"rank": self.db.ranked[position_id], "position_id": position_id, "summary": json.dumps(summary)}
            )
        return sorted(found, key=lambda hit: hit["rank"], reverse=True)

    def advance(self, record: SavedSearchRecord, rank: str) -> None:
        key = (record.subject, record.search_id)
        self.db.seen_ranks[key] = max(self.db.seen_ranks[key], rank)


@dataclass
class FakeGateway:
    """Texts it was asked to send; `failures` makes the next sends fail (an Exception to raise, in order)."""

    sent: list[tuple[str, Text]] = field(default_factory=list)
    failures: list[Exception] = field(default_factory=list)

    def send(self, text: Text, event_id: str) -> str:
        if self.failures:
            raise self.failures.pop(0)
        self.sent.append((event_id, text))
        return f"fake-{len(self.sent)}"


class FakeFiles:
    """The attachments' bucket: what a client uploaded under `incoming/`, the checked copies, removals."""

    def __init__(self, db: Database, clock: Callable[[], datetime]) -> None:
        self.db, self.clock = db, clock

    incoming_key = staticmethod(files.incoming_key)
    new_copy_key = staticmethod(files.new_copy_key)
    attachment_id_of = staticmethod(files.attachment_id_of)

    def object_key(self, attachment: AttachmentRecord) -> str:
        return files.object_key(attachment)

    def upload(self, key: str, body: bytes, content_type: str, at: datetime | None = None) -> None:
        """Test set-up: what a client's POST to the presigned form leaves in the bucket."""
        self.db.objects[key] = (body, content_type, at or self.clock())

    def presigned_upload(self, key: str, content_type: str) -> dict[str, Any]:
        return {"url": "https://bucket.example/", "fields": {"key": key, "Content-Type": content_type}}

    def inspect(self, key: str) -> StoredObject | None:
        found = self.db.objects.get(key)
        return None if found is None else StoredObject(size=len(found[0]), content_type=found[1], head=found[0][:8])

    def copy(self, source: str, target: str) -> bool:
        if source not in self.db.objects:
            return False
        body, content_type, _ = self.db.objects[source]
        self.db.objects[target] = (body, content_type, self.clock())
        return True

    def stored_objects(self) -> Iterator[tuple[str, datetime]]:
        for key, (_, _, at) in sorted(self.db.objects.items()):
            if key.startswith(files.STORED_PREFIX):
                yield key, at

    def delete(self, *keys: str) -> None:
        for key in keys:
            self.db.objects.pop(key, None)

    def discard(self, key: str) -> bool:
        self.delete(key)
        return True

    def download_url(self, key: str, filename: str, content_type: str) -> str:
        return f"https://bucket.example/{key}?filename={filename}"
