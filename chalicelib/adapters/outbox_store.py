"""The SMS outbox's state changes: claim (with the day's cap), finish, release, defer.

The claim is the "sent" marker keyed by the event id: one conditional transaction takes the entry (new,
deferred, failed, or a claim whose lease ran out) and counts it against the person's China-day cap. A
redelivered event finds its entry taken and sends nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from pynamodb.exceptions import UpdateError
from pynamodb.expressions.condition import Condition

from chalicelib.adapters.dynamo import Transaction, connection, found, own, transact
from chalicelib.adapters.models import OutboxEntry
from chalicelib.domain.clock import china_date
from chalicelib.domain.notices import SMS_DAILY_CAP
from chalicelib.domain.records import OutboxRecord
from chalicelib.ports.conditions import ConditionFailed
from chalicelib.ports.stores import FINAL_STATES, GIVEN_UP, Claim

ENTRY, CAP = "entry", "cap"
LEASE = timedelta(minutes=2)  # longer than a send with all its retries takes


def get(event_id: str) -> OutboxEntry | None:
    return found(OutboxEntry, event_id)


def cap_key(subject: str, now: datetime) -> str:
    return f"cap#{subject}#{china_date(now).isoformat()}"


def claim(record: OutboxRecord, now: datetime) -> Claim:
    connection()
    entry = own(record, OutboxEntry)
    moment = int(now.timestamp())
    # A claim whose lease ran out (its sender died, or lost the claim's answer) was counted when it was taken:
    # taking it over must not count the same text again. Only a fresh or released entry adds to the cap.
    retaking = entry.state == "claimed"
    takeable = (
        ((OutboxEntry.state == "claimed") & (OutboxEntry.lease_until < moment))
        if retaking
        else OutboxEntry.state.does_not_exist() | OutboxEntry.state.is_in("deferred", "failed")
    )

    def build(tx: Transaction) -> None:
        tx.update(
            ENTRY,
            entry,
            actions=[
                OutboxEntry.state.set("claimed"),
                OutboxEntry.lease_until.set(moment + int(LEASE.total_seconds())),
                OutboxEntry.attempts.add(1),
                OutboxEntry.deferred_day.remove(),
            ],
            condition=takeable,
        )
        if retaking:
            return
        tx.update(
            CAP,
            OutboxEntry(cap_key(entry.subject or "", now)),
            actions=[
                OutboxEntry.kind.set("cap"),
                OutboxEntry.sent.add(1),
                OutboxEntry.expires_at.set(now + timedelta(days=2)),
            ],
            condition=OutboxEntry.sent.does_not_exist() | (OutboxEntry.sent < SMS_DAILY_CAP),
        )

    try:
        transact(build)
    except ConditionFailed as failed:
        if ENTRY in failed.failed:
            now_state = get(entry.event_id)
            held = now_state is not None and now_state.state == "claimed"
            return Claim.BUSY if held else Claim.DONE
        _set_state(entry, "capped")
        return Claim.CAPPED
    return Claim.TAKEN


def _update_if(entry: OutboxEntry, actions: list[Any], condition: Condition) -> bool:
    """A conditional update; False when the condition failed (someone else moved the entry on)."""
    connection()
    try:
        entry.update(actions=actions, condition=condition)
    except UpdateError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise
    return True


def _set_state(entry: OutboxEntry, state: str, provider_id: str | None = None) -> None:
    actions = [OutboxEntry.state.set(state), OutboxEntry.lease_until.remove()]
    if provider_id is not None:
        actions.append(OutboxEntry.provider_id.set(provider_id))
    _update_if(entry, actions, OutboxEntry.state.does_not_exist() | ~OutboxEntry.state.is_in(*FINAL_STATES))


def finish(record: OutboxRecord, state: str, provider_id: str | None = None) -> None:
    _set_state(own(record, OutboxEntry), state, provider_id)


def give_up_unknown(record: OutboxRecord, reason: str) -> None:
    """The provider may have the text and cannot say: never sent again, the reason kept for the operators.
    The day's count keeps it (it may have reached the phone). Only while this sender holds the claim."""
    actions = [
        OutboxEntry.state.set(GIVEN_UP),
        OutboxEntry.gave_up.set(reason),
        OutboxEntry.open_day.remove(),
        OutboxEntry.lease_until.remove(),
    ]
    _update_if(own(record, OutboxEntry), actions, OutboxEntry.state == "claimed")


def release(record: OutboxRecord, now: datetime) -> None:
    """The gateway kept failing: the entry can be claimed again, and the day's count gives the text back."""
    connection()
    entry = own(record, OutboxEntry)

    def build(tx: Transaction) -> None:
        tx.update(
            ENTRY,
            entry,
            actions=[OutboxEntry.state.set("failed"), OutboxEntry.lease_until.remove()],
            condition=OutboxEntry.state == "claimed",
        )
        tx.update(CAP, OutboxEntry(cap_key(entry.subject or "", now)), actions=[OutboxEntry.sent.add(-1)])

    try:
        transact(build)
    except ConditionFailed:
        return  # another call took it over after our lease ran out


def defer(record: OutboxRecord, until: datetime) -> None:
    """Hold the text until `until` (08:00 China time), in the sparse index the morning run reads."""
    _update_if(
        own(record, OutboxEntry),
        [OutboxEntry.state.set("deferred"), OutboxEntry.deferred_day.set(china_date(until).isoformat())],
        OutboxEntry.state.does_not_exist() | OutboxEntry.state.is_in("deferred", "failed"),
    )


def deferred_ids(day: str) -> list[str]:
    connection()
    return [e.event_id for e in OutboxEntry.deferred.query(day)]
