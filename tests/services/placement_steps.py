"""Steps of a placement taken straight through the store, for tests of what comes after them."""

from __future__ import annotations

from datetime import date

from chalicelib.domain.placements import OFFERED, PlacementRecord, moved
from chalicelib.ports.placements import Move
from tests.services.builders import NOW
from tests.services.fakes import Fakes


def offer_directly(fake: Fakes, placement_id: str, headcount: int = 3) -> PlacementRecord:
    """The unit's offer (six months from 2026-12-01, 2000 yuan), written as the offer use case writes it."""
    record = fake.ports.placements.get(placement_id)
    assert record is not None
    after = moved(
        record,
        OFFERED,
        "unit",
        NOW,
        start_date=date(2026, 12, 1),
        months=6,
        end_date=date(2027, 5, 31),
        allowance_yuan_per_month=2000,
        mentor_name="张导师",
    )
    fake.ports.placements.commit([Move(record, after)], headcount=headcount)
    return after
