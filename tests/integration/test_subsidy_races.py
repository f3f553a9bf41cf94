"""The subsidy's invariants under real concurrency, on moto made atomic: a month is claimed once, a claimed month's
考勤 cannot change under the claim, a phone objects at most five times a day.

Threads play Lambda containers racing the use cases against the DynamoDB subsidy store; the placements come from
the in-memory placement store (what is raced here is the subsidy store's conditions).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
from msgspec import structs

from chalicelib import wiring
from chalicelib.errors import AppError
from chalicelib.ports import Ports
from chalicelib.services import attendance, subsidy_claims, subsidy_notices
from tests.integration.conftest import race
from tests.services.fakes import Fakes, fakes
from tests.services.subsidy_steps import JUNE_2025, UNIT, claim_body, placement

pytestmark = pytest.mark.usefixtures("world")


@pytest.fixture
def ports() -> Iterator[tuple[Ports, Fakes]]:
    made = fakes()
    yield structs.replace(wiring.ports(), placements=made.ports.placements), made


def codes(results: list[object]) -> Counter[str]:
    return Counter(r.code if isinstance(r, AppError) else "ok" for r in results)


def _attend(ports: Ports, placement_id: str, month: str, present: int, due: int = 21) -> object:
    fields = {"days_due": due, "days_present": present, "note": ""}
    return attendance.record(UNIT.credit_code, placement_id, month, fields, JUNE_2025, ports=ports)


@pytest.mark.parametrize("round_", range(3))
def test_eight_claims_of_one_month_make_one(ports: tuple[Ports, Fakes], round_: int) -> None:
    real, made = ports
    record = placement(made, 50 + round_)
    _attend(real, record.placement_id, "2025-04", 21)
    results = race(*[lambda: subsidy_claims.submit(UNIT, claim_body(["2025-04"], [record]), JUNE_2025, ports=real)] * 8)
    assert codes(results) == Counter({"ok": 1, "ALREADY_CLAIMED": 7})
    assert list(real.subsidies.claimed_keys(record.placement_id)) == ["2025-04"]


@pytest.mark.parametrize("round_", range(4))
def test_a_claim_and_an_edit_of_its_month_never_both_win(ports: tuple[Ports, Fakes], round_: int) -> None:
    real, made = ports
    record = placement(made, 60 + round_)
    _attend(real, record.placement_id, "2025-04", 21)
    claimed, edited = race(
        lambda: subsidy_claims.submit(UNIT, claim_body(["2025-04"], [record]), JUNE_2025, ports=real),
        lambda: _attend(real, record.placement_id, "2025-04", 15),
    )
    # The edit lands before the claim reads (both succeed), after the claim (locked), or between the claim's read
    # and its write (the claim is refused): never a claim paying days the stored 考勤 no longer says.
    outcome = codes([claimed, edited])
    assert outcome in (
        Counter({"ok": 2}),
        Counter({"ok": 1, "ATTENDANCE_LOCKED": 1}),
        Counter({"ok": 1, "ATTENDANCE_CHANGED": 1}),
    )
    (month,) = real.subsidies.attendance(record.placement_id)
    if not isinstance(claimed, AppError):
        assert claimed.lines[0].days_present == month.days_present  # the claim pays the 考勤 as stored


def test_eight_objections_from_one_phone_make_five(ports: tuple[Ports, Fakes]) -> None:
    real, made = ports
    record = placement(made, 70)
    _attend(real, record.placement_id, "2025-05", 19, due=19)
    claim = subsidy_claims.submit(UNIT, claim_body(["2025-05"], [record]), JUNE_2025, ports=real)
    subsidy_claims.approve(claim, None, JUNE_2025, ports=real)
    fields = {"name": "张三", "phone": "13912345678", "text": "该见习人员五月未到岗"}
    results = race(*[lambda: subsidy_notices.object_to(claim.claim_id, fields, JUNE_2025, ports=real)] * 8)
    assert codes(results) == Counter({"ok": 5, "TOO_MANY_OBJECTIONS": 3})
    stored = real.subsidies.get_claim(claim.claim_id)
    assert stored is not None and stored.open_objections == 5
