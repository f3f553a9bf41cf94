"""The nightly sweep closes positions whose deadline has passed, so they stop costing search reads."""

from __future__ import annotations

from datetime import timedelta

import pytest

from chalicelib import wiring
from chalicelib.adapters.models import Listing, Position
from chalicelib.services import positions
from scripts.stored_factories import NOW, new_position


@pytest.mark.usefixtures("aws")
def test_the_sweep_closes_expired_positions_and_removes_their_search_entries() -> None:
    expired, current = new_position(), new_position()
    after_deadline = NOW + timedelta(days=61)  # new_position's deadline is NOW + 60 days
    still_open = Position.get(current)
    still_open.update(
        actions=[
            Position.deadline.set((after_deadline + timedelta(days=30)).date().isoformat()),
            Position.open_deadline.set((after_deadline + timedelta(days=30)).date().isoformat()),
        ]
    )

    assert positions.sweep_expired(after_deadline, ports=wiring.ports()) == 1
    assert Position.get(expired).status == "closed"
    assert Position.get(current).status == "open"
    assert not [e for e in Listing.query("P") if e.position_id == expired]
    assert positions.sweep_expired(after_deadline, ports=wiring.ports()) == 0  # nothing twice
