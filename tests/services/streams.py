"""Stream records as Lambda hands them to the handlers, made from what the fakes hold: the positions table's
change of one position (old and new images), the outbox's new entries."""

from __future__ import annotations

from typing import Any

from chalicelib.adapters.models import Position
from tests.services.fake_db import copy_of
from tests.services.fakes import Fakes


def position_change(old: Position, new: Position) -> dict[str, Any]:
    return {
        "eventName": "MODIFY",
        "dynamodb": {
            "Keys": {"position_id": {"S": new.position_id}},
            "SequenceNumber": str(new.version or 0),
            "OldImage": old.serialize(),
            "NewImage": new.serialize(),
        },
    }


def changed_by(fake: Fakes, position_id: str, change: Any) -> dict[str, Any]:
    """Run `change()` and return the stream record of what it did to the position."""
    old = copy_of(fake.db.positions[position_id])
    change()
    return position_change(old, fake.db.positions[position_id])


def new_outbox_entries(fake: Fakes, seen: set[str] | None = None) -> list[dict[str, Any]]:
    """An INSERT record for every outbox entry not in `seen` (which is updated), in the order they were written."""
    seen = set() if seen is None else seen
    fresh = [event_id for event_id in fake.db.outbox if event_id not in seen]
    seen.update(fresh)
    return [{"eventName": "INSERT", "dynamodb": {"Keys": {"event_id": {"S": event_id}}}} for event_id in fresh]
