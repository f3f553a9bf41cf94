"""Steps of a placement taken straight through the store, for tests of what comes after them."""

from __future__ import annotations

from datetime import date
from typing import Any

from chalicelib.domain.placements import OFFERED, PlacementRecord, moved
from chalicelib.domain.principal import Principal
from chalicelib.ports.placements import Move
from chalicelib.services import placement_units, placements
from tests.services.builders import NOW, applicant, approved, published
from tests.services.fakes import Fakes

TERMS: dict[str, Any] = {
    "start_date": date(2026, 12, 1),
    "months": 6,
    "allowance_yuan_per_month": 2200,
    "mentor_name": "张导师",
}


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


def agreed(fake: Fakes, serial: int) -> tuple[Principal, Principal, str]:
    """A trainee who applied, was offered TERMS and accepted, through the use cases: (trainee, unit, placement)."""
    who = applicant(serial)
    approved(fake, who)
    position_id = published(fake)
    placement_id = placements.apply(who, position_id, NOW, ports=fake.ports).placement_id
    position = fake.ports.positions.get(position_id)
    assert position is not None
    code = position.employer_credit_code
    unit = Principal(f"agent-{code}", "李明", None, frozenset(), None, credit_code=code)
    placement_units.offer(code, placement_id, TERMS, NOW, ports=fake.ports)
    placements.accept(who, placement_id, NOW, ports=fake.ports)
    return who, unit, placement_id
