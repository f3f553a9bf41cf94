"""What the in-memory stores share: the items they hold, and the database's ways with them (items copied in
and out, every condition of a transaction checked before any write, pages resumed after a sort key)."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from chalicelib.adapters.dynamo import own
from chalicelib.adapters.models import (
    Application,
    Attachment,
    AuditEvent,
    Favourite,
    Message,
    OutboxEntry,
    Person,
    Position,
    Recognition,
    SavedSearch,
    Unit,
)
from chalicelib.ports.conditions import MESSAGE, OUTBOX, ConditionFailed
from chalicelib.ports.stores import RawKey, Staged

T = TypeVar("T")


def copy_of(item: T) -> T:
    return copy.deepcopy(item)


def refuse_unless_clear(failed: Iterable[str]) -> None:
    """Every condition of a transaction is checked before any write, as DynamoDB does."""
    names = frozenset(failed)
    if names:
        raise ConditionFailed(names)


def page_of(ordered: list[tuple[str, T]], limit: int, start_key: RawKey | None) -> tuple[list[T], RawKey | None]:
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
    ranked: dict[str, str] = field(default_factory=dict)  # position id -> its listing rank (published#id)
    messages: dict[tuple[str, str], Message] = field(default_factory=dict)
    outbox: dict[str, OutboxEntry] = field(default_factory=dict)
    sent_today: dict[str, int] = field(default_factory=dict)  # "<subject>#<China day>" -> texts claimed
    saved_searches: dict[tuple[str, str], SavedSearch] = field(default_factory=dict)
    seen_ranks: dict[tuple[str, str], str] = field(default_factory=dict)
    search_areas: dict[tuple[str, str], Any] = field(default_factory=dict)  # the Area each search answers
    audit: list[AuditEvent] = field(default_factory=list)
    logged: list[AuditEvent] = field(default_factory=list)
    objects: dict[str, tuple[bytes, str, datetime]] = field(default_factory=dict)  # key -> body, type, stored at
    # Units (issue 19): by credit code, and their recognitions by id.
    units: dict[str, Unit] = field(default_factory=dict)
    recognitions: dict[str, Recognition] = field(default_factory=dict)

    def person(self, subject: str) -> Person:
        return self.people.setdefault(subject, Person(subject))

    def notice_refusals(self, notice: Staged | None) -> list[str]:
        """The conditions a staged message (and text) carries: neither may exist already."""
        if notice is None:
            return []
        message = own(notice.message, Message)
        failed = [MESSAGE] if (message.subject, message.message_id) in self.messages else []
        if notice.outbox is not None and own(notice.outbox, OutboxEntry).event_id in self.outbox:
            failed.append(OUTBOX)
        return failed

    def deliver(self, notice: Staged | None) -> None:
        """Write a staged message (and its text) whose conditions were checked with the rest of its transaction."""
        if notice is None:
            return
        message = own(notice.message, Message)
        self.messages[(message.subject, message.message_id)] = copy_of(message)
        if notice.outbox is not None:
            entry = own(notice.outbox, OutboxEntry)
            self.outbox[entry.event_id] = copy_of(entry)
        person = self.person(message.subject)
        person.unread_messages = (person.unread_messages or 0) + 1

    def inbox(self, subject: str) -> list[Message]:
        """A person's messages, newest first (ids start with their time)."""
        mine = [m for (who, _), m in self.messages.items() if who == subject]
        return sorted(mine, key=lambda m: m.message_id, reverse=True)


def descending(key: str) -> str:
    """A string that sorts the other way round (for keys of one alphabet: digits, ASCII)."""
    return "".join(chr(0x10FFFF - ord(c)) for c in key)
