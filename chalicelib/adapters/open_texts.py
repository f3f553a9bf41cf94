"""The outbox's open texts (the `open_by_day` index): found by Query per China day, settled, or given up.

An entry is written with `open_day`; settling removes it (so the index holds only what is still open); giving
up sets the state `given_up` with the reason, on the same conditions a claim takes an entry, so a text being
sent is never given up under its sender.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from chalicelib.adapters.dynamo import connection
from chalicelib.adapters.models import OutboxEntry

# The same conditional update the sender's state changes use (False when someone moved the entry on).
from chalicelib.adapters.outbox_store import FINAL_STATES
from chalicelib.adapters.outbox_store import _update_if as update_if

GIVEN_UP = "given_up"
SETTLED_STATES = (*FINAL_STATES, GIVEN_UP)


def on_day(day: str) -> Iterator[OutboxEntry]:
    """The open entries written on `day` (China date), with their state, time and lease (the index's copy)."""
    connection()
    yield from OutboxEntry.open_by_day.query(day)


def settle(event_id: str) -> bool:
    """Out of the index once it is sent, capped, refused or given up; False while it is not."""
    return update_if(OutboxEntry(event_id), [OutboxEntry.open_day.remove()], OutboxEntry.state.is_in(*SETTLED_STATES))


def give_up(event_id: str, reason: str, now: datetime) -> bool:
    """Never to be sent, saying why; False if someone holds or settled it meanwhile."""
    takeable = (
        OutboxEntry.state.does_not_exist()
        | OutboxEntry.state.is_in("deferred", "failed")
        | ((OutboxEntry.state == "claimed") & (OutboxEntry.lease_until < int(now.timestamp())))
    )
    actions = [
        OutboxEntry.state.set(GIVEN_UP),
        OutboxEntry.gave_up.set(reason),
        OutboxEntry.open_day.remove(),
        OutboxEntry.lease_until.remove(),
        OutboxEntry.deferred_day.remove(),
    ]
    return update_if(OutboxEntry(event_id), actions, OutboxEntry.event_id.exists() & takeable)
