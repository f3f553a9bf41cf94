"""The trainee's side of a placement on the fakes: apply, the three rules, withdraw, accept, and the messages."""

from __future__ import annotations

from datetime import timedelta

import pytest

from chalicelib.errors import AppError
from chalicelib.services import placements
from tests.services.builders import NOW, applicant, approved, published, submitted
from tests.services.fakes import Fakes
from tests.services.placement_steps import offer_directly


def _code(call: object) -> str:
    with pytest.raises(AppError) as refused:
        call()  # type: ignore[operator]
    return refused.value.code


def test_a_trainee_applies_and_the_unit_is_told(fake: Fakes) -> None:
    who = applicant(1)
    approved(fake, who)
    position_id = published(fake, title="会计见习岗")

    created = placements.apply(who, position_id, NOW, ports=fake.ports)

    assert (created.status, created.status_label) == ("applied", "已申请")
    assert created.position.title == "会计见习岗"
    detail = placements.detail(who, created.placement_id, ports=fake.ports)
    assert [step.status for step in detail.history] == ["applied"]
    assert detail.trainee.phone == "139****5678"  # masked to the trainee's own answer too
    unit_messages = [m for (who_, _), m in fake.db.messages.items() if who_.startswith("unit:")]
    assert [m.kind for m in unit_messages] == ["placement_applied"]
    assert "王晓雨申请了见习岗位“会计见习岗”" in unit_messages[0].text


def test_at_most_three_active_and_never_the_same_position_twice(fake: Fakes) -> None:
    who = applicant(2)
    approved(fake, who)
    ids = [published(fake, NOW + timedelta(minutes=i), title=f"岗位{i}") for i in range(4)]
    made = [placements.apply(who, p, NOW, ports=fake.ports) for p in ids[:3]]

    assert _code(lambda: placements.apply(who, ids[3], NOW, ports=fake.ports)) == "PLACEMENT_LIMIT_REACHED"
    assert _code(lambda: placements.apply(who, ids[0], NOW, ports=fake.ports)) == "ALREADY_APPLIED"
    placements.withdraw(who, made[0].placement_id, NOW, ports=fake.ports)
    again = placements.apply(who, ids[0], NOW, ports=fake.ports)  # withdrawn: room again, and the same position

    assert again.status == "applied"
    assert fake.ports.placements.slots(who.subject).active == 3


@pytest.mark.parametrize(("setup", "code"), [("pending", "NOT_TRAINEE"), ("elsewhere", "POSITION_OUTSIDE_LOCALITY")])
def test_only_an_approved_trainee_for_a_position_of_the_locality(fake: Fakes, setup: str, code: str) -> None:
    who = applicant(3)
    if setup == "pending":
        submitted(fake, who)
        position_id = published(fake)
    else:
        approved(fake, who, locality="140105")
        position_id = published(fake, county_code="140106")

    assert _code(lambda: placements.apply(who, position_id, NOW, ports=fake.ports)) == code


def test_another_persons_placement_is_not_found(fake: Fakes) -> None:
    who, other = applicant(4), applicant(5, "李四")
    approved(fake, who)
    made = placements.apply(who, published(fake), NOW, ports=fake.ports)

    assert _code(lambda: placements.detail(other, made.placement_id, ports=fake.ports)) == "PLACEMENT_NOT_FOUND"
    assert _code(lambda: placements.withdraw(other, made.placement_id, NOW, ports=fake.ports)) == "PLACEMENT_NOT_FOUND"


def test_accepting_an_offer_withdraws_the_others_and_places_the_trainee_once(fake: Fakes) -> None:
    who = applicant(6)
    approved(fake, who)
    ids = [published(fake, NOW + timedelta(minutes=i), title=f"岗位{i}") for i in range(3)]
    made = [placements.apply(who, p, NOW, ports=fake.ports) for p in ids]
    offered = offer_directly(fake, made[0].placement_id)
    offer_directly(fake, made[1].placement_id)

    agreed = placements.accept(who, offered.placement_id, NOW, ports=fake.ports)

    assert (agreed.status, agreed.status_label) == ("agreed", "协议已签订")
    statuses = {p.placement_id: p.status for p in placements.mine(who, limit=10, start_key=None, ports=fake.ports)[0]}
    assert statuses == {
        made[0].placement_id: "agreed",
        made[1].placement_id: "withdrawn",
        made[2].placement_id: "withdrawn",
    }
    assert fake.ports.placements.seats_taken(ids[1]) == 0  # the other offer's seat is free again
    assert fake.ports.placements.seats_taken(ids[0]) == 1
    slots = fake.ports.placements.slots(who.subject)
    assert (slots.active, slots.placed_id, slots.open_positions) == (0, made[0].placement_id, frozenset())
    assert _code(lambda: placements.apply(who, published(fake), NOW, ports=fake.ports)) == "ALREADY_PLACED"
    told = sorted(m.kind for (who_, _), m in fake.db.messages.items() if who_.startswith("unit:"))
    assert told.count("placement_withdrawn") == 2 and "placement_agreed" in told


def test_withdraw_only_while_applied(fake: Fakes) -> None:
    who = applicant(7)
    approved(fake, who)
    made = placements.apply(who, published(fake), NOW, ports=fake.ports)
    offer_directly(fake, made.placement_id)

    assert _code(lambda: placements.withdraw(who, made.placement_id, NOW, ports=fake.ports)) == "PLACEMENT_WRONG_STATUS"
    rejected = placements.reject_offer(who, made.placement_id, NOW, ports=fake.ports)
    assert rejected.status == "offer_declined"
    assert fake.ports.placements.slots(who.subject).active == 0
