"""What the in-memory stores share: the items they hold, and the database's ways with them (items copied in
and out, every condition of a transaction checked before any write, pages resumed after a sort key)."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from chalicelib.adapters.dynamo import ConditionFailed, RawKey
from chalicelib.adapters.message_store import Staged
from chalicelib.adapters.models import (
    Application,
    Attachment,
    AuditEvent,
    Favourite,
    Message,
    OutboxEntry,
    Person,
    Position,
)

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
    messages: list[Message] = field(default_factory=list)
    outbox: list[OutboxEntry] = field(default_factory=list)
    audit: list[AuditEvent] = field(default_factory=list)
    logged: list[AuditEvent] = field(default_factory=list)

    def person(self, subject: str) -> Person:
        return self.people.setdefault(subject, Person(subject))

    def deliver(self, notice: Staged | None) -> None:
        if notice is None:
            return
        self.messages.append(copy_of(notice.message))
        if notice.outbox is not None:
            self.outbox.append(copy_of(notice.outbox))
        person = self.person(notice.message.subject)
        person.unread_messages = (person.unread_messages or 0) + 1


def descending(key: str) -> str:
    """A string that sorts the other way round (for keys of one alphabet: digits, ASCII)."""
    return "".join(chr(0x10FFFF - ord(c)) for c in key)
