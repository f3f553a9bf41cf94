"""站内消息 and the SMS outbox in DynamoDB, with the person's unread counter kept exact by transactions.

A message is written in the transaction of its event: `staged` adds the message (and the text to send, if
any) to the caller's transaction and hands back the action that counts it on the person's item, which the
caller puts on the update of that item it already makes (DynamoDB allows one operation per item per
transaction). Reading a message removes it from the sparse unread index and decrements the counter in one
transaction conditioned on its still being unread, so a read and a read-all racing count each message once.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from chalicelib.adapters.dynamo import RawKey, Transaction, bounded_page, connection, found, own, transact
from chalicelib.adapters.faults import is_transient
from chalicelib.adapters.models import Message, OutboxEntry, Person
from chalicelib.domain.clock import china_date, china_time
from chalicelib.domain.identity import is_resource_id
from chalicelib.domain.notices import Notice, Text, message_id
from chalicelib.domain.records import MessageRecord
from chalicelib.observability import logger
from chalicelib.ports.conditions import MESSAGE, OUTBOX, PERSON, ConditionFailed
from chalicelib.ports.stores import Staged

OUTBOX_RETENTION = timedelta(days=30)
# Messages marked read per transaction by read-all (each one plus the person's counter: under the 100 limit).
READ_ALL_BATCH = 50


def new_message(subject: str, notice: Notice, now: datetime, seed: str | None = None) -> Message:
    """`seed` names the event for notices a redelivery may repeat; without one the id is unique."""
    return Message(
        subject,
        message_id(now, seed or uuid.uuid4().hex),
        kind=notice.kind,
        title=notice.title,
        text=notice.text,
        link=notice.link,
        created_at=china_time(now),
        unread_of=subject,
    )


def new_outbox_entry(message: MessageRecord, text: Text, now: datetime) -> OutboxEntry:
    """The text to send for a message; its event id is the message's, so one message is one text at most."""
    return OutboxEntry(
        message.message_id,
        kind=text.kind,
        subject=message.subject,
        phone=text.phone,
        params=list(text.params),
        text=text.render(),
        urgent=text.urgent,
        created_at=china_time(now),
        open_day=china_date(now).isoformat(),  # until settled: services/outbox_recovery.py finds it by this
        expires_at=now + OUTBOX_RETENTION,
    )


def staged(tx: Transaction, notice: Staged | None) -> list[Any]:
    """Add the message (and its text) to `tx`; return the action counting it, for the person's update."""
    if notice is None:
        return []
    message = own(notice.message, Message)
    outbox = None if notice.outbox is None else own(notice.outbox, OutboxEntry)
    tx.save(MESSAGE, message, condition=Message.message_id.does_not_exist())
    if outbox is not None:
        tx.save(OUTBOX, outbox, condition=OutboxEntry.event_id.does_not_exist())
    return [Person.unread_messages.add(1)]


def deliver(notice: Staged) -> bool:
    """A message on its own (a stream handler's or a schedule's): False when it was delivered before."""
    connection()

    def build(tx: Transaction) -> None:
        tx.update(PERSON, Person(notice.message.subject), actions=staged(tx, notice))

    try:
        transact(build)
    except ConditionFailed:
        return False
    return True


def page(
    subject: str, *, unread_only: bool, limit: int, start_key: RawKey | None
) -> tuple[list[Message], RawKey | None]:
    """Newest first: ids start with their time."""
    connection()
    source = Message.unread if unread_only else Message
    results = source.query(subject, scan_index_forward=False, last_evaluated_key=start_key)
    found = bounded_page(results, limit=limit)
    return [Message.from_raw_data(raw) for raw in found.items], found.next_key


def get(subject: str, message_id: str) -> Message | None:
    if not is_resource_id(message_id):
        return None
    return found(Message, subject, message_id)


def unread_count(subject: str) -> int:
    connection()
    try:
        person = Person.get(subject, consistent_read=True, attributes_to_get=["unread_messages"])
    except Person.DoesNotExist:
        return 0
    return int(person.unread_messages or 0)


def unread_left(subject: str) -> int:
    """The unread count after a read-all; 0 when it cannot be read now: the messages are read, and a 503 would
    tell the user nothing happened. The pass read every message unread when it started, so what is left is what
    arrived meanwhile; GET /v1/me shows those."""
    try:
        return unread_count(subject)
    except Exception as error:
        if not is_transient(error):
            raise
        logger.warning("unread count not read after read-all", extra={"error": type(error).__name__})
        return 0


def _mark_read(tx: Transaction, label: str, subject: str, message_id: str, read_at: str) -> None:
    tx.update(
        label,
        Message(subject, message_id),
        actions=[Message.read_at.set(read_at), Message.unread_of.remove()],
        condition=Message.unread_of.exists(),
    )


def mark_read(subject: str, message_id: str, read_at: str) -> bool:
    """True if this call read it; False if it was read already (then nothing changes)."""
    connection()

    def build(tx: Transaction) -> None:
        _mark_read(tx, MESSAGE, subject, message_id, read_at)
        tx.update(PERSON, Person(subject), actions=[Person.unread_messages.add(-1)])

    try:
        transact(build)
    except ConditionFailed:
        return False
    return True


def _unread_ids(subject: str) -> Iterator[list[str]]:
    """One pass over the unread index, in batches: messages arriving meanwhile may wait for the next call."""
    batch: list[str] = []
    for message in Message.unread.query(subject, page_size=READ_ALL_BATCH):
        batch.append(message.message_id)
        if len(batch) == READ_ALL_BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def mark_all_read(subject: str, read_at: str) -> int:
    """Mark every unread message read, in transactions of up to 50; returns how many this call read.

    A message read meanwhile (a single read racing) fails its own condition: the batch is retried without it,
    so the counter drops by exactly the messages this call read. The index is eventually consistent, so a
    message just read may still be listed: it fails its condition and is dropped the same way.
    """
    connection()
    total = 0
    for batch in _unread_ids(subject):
        remaining = list(batch)
        while remaining:
            ids = list(remaining)

            def build(tx: Transaction, ids: list[str] = ids) -> None:
                for one in ids:
                    _mark_read(tx, one, subject, one, read_at)
                tx.update(PERSON, Person(subject), actions=[Person.unread_messages.add(-len(ids))])

            try:
                transact(build)
            except ConditionFailed as failed:
                remaining = [i for i in ids if i not in failed.failed]
                continue
            total += len(ids)
            remaining = []
    return total
