"""In-memory stores with the DynamoDB stores' rules: the same conditions, refused with the same labels, and each
transaction's writes applied together or not at all. tests/adapters/test_store_contracts.py runs one set of
tests against these and against the moto-backed stores, so a fake cannot drift from the real store.

Items are copied in and out, as a database would: a use case that changes an object it read changes nothing
stored until it writes.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar

from chalicelib.adapters import application_store, favourite_store
from chalicelib.adapters.dynamo import ConditionFailed, RawKey
from chalicelib.adapters.listing_search import SearchPage
from chalicelib.adapters.message_store import Staged
from chalicelib.adapters.models import (
    Application,
    Attachment,
    AuditEvent,
    Favourite,
    HistoryEntry,
    Message,
    OutboxEntry,
    Person,
    Position,
)
from chalicelib.domain.applications import MAX_ATTACHMENTS
from chalicelib.domain.areas import Area
from chalicelib.domain.clock import sortable_china
from chalicelib.domain.identity import is_resource_id
from chalicelib.domain.keywords import matches, normalise, search_text
from chalicelib.domain.regions import PROVINCE_CODE, shanxi
from chalicelib.domain.search_order import SortOrder, sort_keys
from chalicelib.services.stores import Stores

T = TypeVar("T")
APPLICATION, PERSON, ATTACHMENT = application_store.APPLICATION, application_store.PERSON, application_store.ATTACHMENT


def _copy(item: T) -> T:
    return copy.deepcopy(item)


def _refuse_unless_clear(failed: Iterable[str]) -> None:
    """Every condition of a transaction is checked before any write, as DynamoDB does."""
    names = frozenset(failed)
    if names:
        raise ConditionFailed(names)


def _page(ordered: list[tuple[str, T]], limit: int, start_key: RawKey | None) -> tuple[list[T], RawKey | None]:
    """A page of (sort key, item) pairs already in reading order; the key to resume is the last one's sort key."""
    after = start_key["after"]["S"] if start_key else None
    remaining = [(key, item) for key, item in ordered if after is None or key > after]
    shown = remaining[:limit]
    more = len(remaining) > limit
    return [item for _, item in shown], ({"after": {"S": shown[-1][0]}} if more and shown else None)


@dataclass
class Database:
    """Everything the fakes hold; tests read it to see what a use case wrote."""

    applications: dict[str, Application] = field(default_factory=dict)
    ranks: dict[str, str] = field(default_factory=dict)  # application id -> its submission time, sortable
    people: dict[str, Person] = field(default_factory=dict)
    attachments: dict[str, Attachment] = field(default_factory=dict)
    favourites: dict[tuple[str, str], Favourite] = field(default_factory=dict)
    positions: dict[str, Position] = field(default_factory=dict)
    listed: dict[str, dict[str, Any]] = field(default_factory=dict)  # position id -> its search summary
    messages: list[Message] = field(default_factory=list)
    outbox: list[OutboxEntry] = field(default_factory=list)
    audit: list[AuditEvent] = field(default_factory=list)
    logged: list[AuditEvent] = field(default_factory=list)

    def person(self, subject: str) -> Person:
        return self.people.setdefault(subject, Person(subject))

    def deliver(self, notice: Staged | None) -> None:
        if notice is None:
            return
        self.messages.append(_copy(notice.message))
        if notice.outbox is not None:
            self.outbox.append(_copy(notice.outbox))
        person = self.person(notice.message.subject)
        person.unread_messages = (person.unread_messages or 0) + 1


class FakeApplications:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, application_id: str) -> Application | None:
        found = self.db.applications.get(application_id) if is_resource_id(application_id) else None
        return _copy(found)

    def snapshot(self, subject: str, attachment_ids: Sequence[str]) -> tuple[Person | None, dict[str, Attachment]]:
        wanted = [i for i in dict.fromkeys(attachment_ids) if is_resource_id(i)][:MAX_ATTACHMENTS]
        found = {i: _copy(self.db.attachments[i]) for i in wanted if i in self.db.attachments}
        return _copy(self.db.people.get(subject)), found

    def submit(
        self, application: Application, attachment_ids: Sequence[str], notice: Staged | None, *, at: datetime
    ) -> None:
        db, subject = self.db, application.applicant
        person = db.people.get(subject)
        failed = [PERSON] if person is not None and person.live_application_id is not None else []
        if application.application_id in db.applications:
            failed.append(APPLICATION)
        for attachment_id in attachment_ids:
            attachment = db.attachments.get(attachment_id)
            if (
                attachment is None
                or attachment.owner != subject
                or attachment.status != "uploaded"
                or attachment.in_use_by is not None
            ):
                failed.append(ATTACHMENT)
        _refuse_unless_clear(failed)
        person = db.person(subject)
        person.live_application_id, person.live_status = application.application_id, "pending"
        person.locality = application.locality
        db.applications[application.application_id] = _copy(application)
        db.ranks[application.application_id] = f"{sortable_china(at)}#{application.application_id}"
        for attachment_id in attachment_ids:
            db.attachments[attachment_id].in_use_by = application.application_id
        db.deliver(notice)

    def move(
        self,
        application: Application,
        status: str,
        entry: HistoryEntry,
        *,
        release: bool,
        audit: AuditEvent | None = None,
        notice: Staged | None = None,
    ) -> None:
        db, application_id = self.db, application.application_id
        stored = db.applications.get(application_id)
        person = db.people.get(application.applicant)
        failed = [] if stored is not None and stored.status == "pending" else [APPLICATION]
        if person is None or person.live_application_id != application_id:
            failed.append(PERSON)
        if release:
            for attachment_id in application.attachment_ids:
                attachment = db.attachments.get(attachment_id)
                if attachment is None or attachment.in_use_by != application_id:
                    failed.append(ATTACHMENT)
        _refuse_unless_clear(failed)
        assert stored is not None and person is not None
        stored.status = status
        stored.history = [*stored.history, _copy(entry)]
        if release:
            person.live_application_id = person.live_status = person.locality = None
            for attachment_id in application.attachment_ids:
                db.attachments[attachment_id].in_use_by = None
        else:
            person.live_status = status
        if audit is not None:
            db.audit.append(_copy(audit))
        db.deliver(notice)

    def cases_of(
        self, subject: str, *, status: str | None, month: str | None, limit: int, start_key: RawKey | None
    ) -> tuple[list[Application], RawKey | None]:
        return self._newest_first(lambda a: a.applicant == subject, status, month, limit, start_key)

    def queue(
        self,
        region: str,
        *,
        county: str | None,
        status: str | None,
        month: str | None,
        limit: int,
        start_key: RawKey | None,
    ) -> tuple[list[Application], RawKey | None]:
        def in_queue(application: Application) -> bool:
            if county is not None:
                return application.locality == county
            if region == PROVINCE_CODE:
                return True
            if shanxi().city(region) is not None:
                return application.city_code == region
            return application.locality == region

        return self._newest_first(in_queue, status, month, limit, start_key)

    def _newest_first(
        self,
        chosen: Callable[[Application], bool],
        status: str | None,
        month: str | None,
        limit: int,
        start_key: RawKey | None,
    ) -> tuple[list[Application], RawKey | None]:
        # Newest first: sorted by the inverted rank, so "after the last key" is the same test as for any page.
        found = [
            (_descending(self.db.ranks[i]), _copy(a))
            for i, a in self.db.applications.items()
            if chosen(a) and (status is None or a.status == status) and (month is None or a.month == month)
        ]
        return _page(sorted(found, key=lambda pair: pair[0]), limit, start_key)


def _descending(key: str) -> str:
    """A string that sorts the other way round (for keys of one alphabet: digits, ASCII)."""
    return "".join(chr(0x10FFFF - ord(c)) for c in key)


class FakePeople:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, subject: str) -> Person | None:
        return _copy(self.db.people.get(subject))


class FakeAttachments:
    def __init__(self, db: Database) -> None:
        self.db = db

    def batch_get(self, ids: Sequence[str]) -> dict[str, Attachment]:
        return {i: _copy(self.db.attachments[i]) for i in dict.fromkeys(ids) if i in self.db.attachments}

    def put(self, attachment: Attachment) -> None:
        """Test set-up: an attachment as the upload flow leaves it."""
        self.db.attachments[attachment.attachment_id] = _copy(attachment)


class FakeAudit:
    def __init__(self, db: Database) -> None:
        self.db = db

    def record(self, audit: AuditEvent) -> None:
        self.db.audit.append(_copy(audit))
        self.logged(audit)

    def logged(self, audit: AuditEvent) -> None:
        self.db.logged.append(_copy(audit))


class FakeFavourites:
    def __init__(self, db: Database) -> None:
        self.db = db

    def mine(self, subject: str) -> list[Favourite]:
        return [_copy(f) for (who, _), f in sorted(self.db.favourites.items()) if who == subject]

    def get(self, subject: str, position_id: str) -> Favourite | None:
        return _copy(self.db.favourites.get((subject, position_id))) if is_resource_id(position_id) else None

    def add(self, favourite: Favourite, locality: str) -> None:
        db, key = self.db, (favourite.subject, favourite.position_id)
        failed = [favourite_store.FAVOURITE] if key in db.favourites else []
        person = db.people.get(favourite.subject)
        if (
            person is None
            or person.live_status != "approved"
            or person.locality != locality
            or (person.favourite_count or 0) >= favourite_store.MAX_FAVOURITES
        ):
            failed.append(favourite_store.PERSON)
        position = db.positions.get(favourite.position_id)
        if position is None or position.status != "open":
            failed.append(favourite_store.POSITION)
        _refuse_unless_clear(failed)
        assert person is not None
        db.favourites[key] = _copy(favourite)
        person.favourite_count = (person.favourite_count or 0) + 1

    def remove(self, subject: str, position_id: str) -> None:
        _refuse_unless_clear([] if (subject, position_id) in self.db.favourites else [favourite_store.FAVOURITE])
        del self.db.favourites[(subject, position_id)]
        person = self.db.person(subject)
        person.favourite_count = (person.favourite_count or 0) - 1


class FakePositions:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, position_id: str) -> Position | None:
        return _copy(self.db.positions.get(position_id)) if is_resource_id(position_id) else None

    def batch_get(self, position_ids: Sequence[str]) -> dict[str, Position]:
        return {i: _copy(self.db.positions[i]) for i in dict.fromkeys(position_ids) if i in self.db.positions}

    def create(self, position: Position, summary: dict[str, Any]) -> None:
        _refuse_unless_clear(["position"] if position.position_id in self.db.positions else [])
        stored = _copy(position)
        stored.version = 1
        position.version = 1
        self.db.positions[position.position_id] = stored
        self.db.listed[position.position_id] = copy.deepcopy(summary)

    def replace(self, old: Position, new: Position, summary: dict[str, Any] | None) -> None:
        """Optimistic locking: the write is refused unless the stored version is still the one read."""
        stored = self.db.positions.get(old.position_id)
        _refuse_unless_clear([] if stored is not None and stored.version == old.version else ["position"])
        written = _copy(new)
        written.version = (old.version or 0) + 1
        new.version = written.version
        self.db.positions[new.position_id] = written
        if summary is None:
            self.db.listed.pop(new.position_id, None)
        else:
            self.db.listed[new.position_id] = copy.deepcopy(summary)


class FakeListings:
    """The search over what FakePositions lists: open, not past its deadline, in the area, under the filters."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def page(
        self,
        area: Area,
        *,
        education: str | None,
        industry: str | None,
        keyword: str | None,
        order: SortOrder,
        today: date,
        limit: int,
        start_key: RawKey | None,
    ) -> SearchPage:
        wanted = normalise(keyword) if keyword else None
        found: list[tuple[str, dict[str, Any]]] = []
        for position_id, summary in self.db.listed.items():
            p = self.db.positions[position_id]
            if p.deadline < today.isoformat() or not _in_area(p, area):
                continue
            if (education and p.education != education) or (industry and p.industry != industry):
                continue
            if wanted is not None and not matches(search_text(p.title, p.employer_name, list(p.majors)), wanted):
                continue
            key = sort_keys(int(p.stipend_yuan_per_month), p.deadline, p.published_at, p.position_id)
            sort_key = key["rank" if order.name == "newest" else f"{order.name}_rank"]
            found.append((sort_key if order.ascending else _descending(sort_key), copy.deepcopy(summary)))
        items, next_key = _page(sorted(found, key=lambda pair: pair[0]), limit, start_key)
        return SearchPage(items, next_key, len(items))


def _in_area(position: Position, area: Area) -> bool:
    if area.level == "province":
        return True
    if area.level == "city":
        return position.city_code == area.code
    return position.county_code == area.code


@dataclass
class Fakes:
    db: Database
    stores: Stores
    attachments: FakeAttachments


def fakes() -> Fakes:
    db = Database()
    attachments = FakeAttachments(db)
    stores = Stores(
        applications=FakeApplications(db),
        attachments=attachments,
        people=FakePeople(db),
        audit=FakeAudit(db),
        favourites=FakeFavourites(db),
        positions=FakePositions(db),
        listings=FakeListings(db),
    )
    return Fakes(db, stores, attachments)
