"""The placement's rules under real concurrency (threads against moto, each one request of its own container):
eight parallel applications make three, two accepts at once make one agreement, ten parallel offers on a
headcount of two make two."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from chalicelib import wiring
from chalicelib.domain.placements import OFFERED, moved
from chalicelib.errors import AppError
from chalicelib.ports.placements import Move
from chalicelib.services import placement_units, placements
from scripts.stored_factories import NOW, approved_trainee, new_position, person
from tests.integration.conftest import race

pytestmark = pytest.mark.usefixtures("world")


def codes(results: list[object]) -> Counter[str]:
    return Counter(r.code if isinstance(r, AppError) else "ok" for r in results)


def offered_directly(placement_id: str) -> None:
    store = wiring.ports().placements
    record = store.get(placement_id)
    assert record is not None
    after = moved(record, OFFERED, "unit", NOW, start_date=date(2026, 12, 1), months=6, end_date=date(2027, 5, 31))
    store.commit([Move(record, after)], headcount=3)


@pytest.mark.parametrize("round_", range(3))
def test_eight_parallel_applications_by_one_trainee_make_three(round_: int) -> None:
    someone = person(f"apply-race{round_}", 40 + round_)
    approved_trainee(someone)
    ids = [new_position("140105", f"岗位{i}") for i in range(8)]

    results = race(*[lambda p=p: placements.apply(someone, p, NOW, ports=wiring.ports()) for p in ids])

    assert codes(results) == Counter({"ok": 3, "PLACEMENT_LIMIT_REACHED": 5}), results
    mine, _ = placements.mine(someone, limit=50, start_key=None, ports=wiring.ports())
    assert sorted(p.status for p in mine) == ["applied"] * 3
    assert wiring.ports().placements.slots(someone.subject).active == 3


@pytest.mark.parametrize("round_", range(3))
def test_two_accepts_at_once_make_one_agreement(round_: int) -> None:
    someone = person(f"accept-race{round_}", 50 + round_)
    approved_trainee(someone)
    made = [placements.apply(someone, new_position("140105", f"岗{i}"), NOW, ports=wiring.ports()) for i in range(2)]
    for each in made:
        offered_directly(each.placement_id)

    results = race(*[lambda m=m: placements.accept(someone, m.placement_id, NOW, ports=wiring.ports()) for m in made])

    assert codes(results)["ok"] == 1, results
    mine, _ = placements.mine(someone, limit=50, start_key=None, ports=wiring.ports())
    assert sorted(p.status for p in mine) == ["agreed", "withdrawn"]
    slots = wiring.ports().placements.slots(someone.subject)
    assert (slots.active, slots.open_positions) == (0, frozenset())


@pytest.mark.parametrize("round_", range(3))
def test_ten_parallel_offers_on_a_headcount_of_two_make_two(round_: int) -> None:
    position_id = new_position("140105", f"两人岗{round_}", headcount=2)
    position = wiring.ports().positions.get(position_id)
    assert position is not None
    made = []
    for i in range(10):
        someone = person(f"offer-race{round_}-{i}", 100 + 10 * round_ + i)
        approved_trainee(someone)
        made.append(placements.apply(someone, position_id, NOW, ports=wiring.ports()).placement_id)
    terms = {"start_date": date(2026, 12, 1), "months": 6, "allowance_yuan_per_month": 2300, "mentor_name": "钱师傅"}
    unit = position.employer_credit_code

    results = race(*[lambda p=p: placement_units.offer(unit, p, terms, NOW, ports=wiring.ports()) for p in made])

    assert codes(results) == Counter({"ok": 2, "POSITION_FULL": 8}), results
    assert wiring.ports().placements.seats_taken(position_id) == 2
