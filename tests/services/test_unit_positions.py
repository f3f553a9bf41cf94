"""Positions a unit publishes, on the fakes: only a recognised unit, within its quota, unseen until the agency
approves, back to review when the reviewed text changes, given back on close, reject and revocation."""

from __future__ import annotations

from datetime import timedelta

import pytest

from chalicelib.domain.principal import Principal
from chalicelib.errors import AppError
from chalicelib.services import positions, unit_positions, unit_review, units
from tests.services.builders import NOW, REVIEWER
from tests.services.fakes import Fakes
from tests.services.unit_builders import applied, kinds_told, recognised, unit, unit_fields


def code_of(call: object) -> str:
    assert callable(call)
    with pytest.raises(AppError) as refused:
        call()
    return refused.value.code


def used(fake: Fakes, serial: int = 901) -> int:
    return units.mine(unit(serial), ports=fake.ports).quota_used


def test_only_a_recognised_unit_publishes(fake: Fakes) -> None:
    who = unit()
    assert code_of(lambda: unit_positions.publish(who, unit_fields(), NOW, ports=fake.ports)) == "UNIT_NOT_RECOGNISED"
    applied(fake, who)
    assert code_of(lambda: unit_positions.publish(who, unit_fields(), NOW, ports=fake.ports)) == "UNIT_NOT_RECOGNISED"


def test_a_new_position_awaits_review_unseen_and_holds_its_headcount(fake: Fakes) -> None:
    who = unit()
    recognised(fake, who)
    made = unit_positions.publish(who, unit_fields(headcount=2), NOW, ports=fake.ports)
    assert (made.status, made.employer_name, made.employer_credit_code) == (
        "pending_review",
        "山西晋阳科技有限公司",
        who.credit_code,
    )
    assert made.position_id not in fake.db.listed
    assert code_of(lambda: positions.detail(made.position_id, NOW, ports=fake.ports)) == "POSITION_NOT_FOUND"
    assert unit_positions.detail(who, made.position_id, NOW, ports=fake.ports).status == "pending_review"
    assert used(fake) == 2


def test_beyond_the_quota_is_refused(fake: Fakes) -> None:
    who = unit()
    recognised(fake, who, insured_staff=10)  # quota 3
    unit_positions.publish(who, unit_fields(headcount=2), NOW, ports=fake.ports)
    assert code_of(lambda: unit_positions.publish(who, unit_fields(headcount=2), NOW, ports=fake.ports)) == (
        "POSITION_QUOTA_EXCEEDED"
    )
    unit_positions.publish(who, unit_fields(headcount=1), NOW, ports=fake.ports)
    assert used(fake) == 3


def test_a_county_outside_the_units_city_is_refused(fake: Fakes) -> None:
    who = unit()
    recognised(fake, who)
    with pytest.raises(AppError) as refused:
        unit_positions.publish(who, unit_fields(county_code="140212"), NOW, ports=fake.ports)
    assert [(d.field, d.code) for d in refused.value.details] == [("county_code", "OUTSIDE_CITY")]


def test_approval_lists_it_and_tells_the_unit_and_rejection_gives_the_headcount_back(fake: Fakes) -> None:
    who = unit()
    recognised(fake, who)
    first = unit_positions.publish(who, unit_fields(headcount=1), NOW, ports=fake.ports).position_id
    second = unit_positions.publish(who, unit_fields(headcount=2), NOW, ports=fake.ports).position_id
    waiting, _ = unit_positions.review_queue(REVIEWER, None, NOW, limit=10, start_key=None, ports=fake.ports)
    assert {p.position_id for p in waiting} == {first, second}
    assert unit_positions.decide(REVIEWER, first, True, None, NOW, ports=fake.ports).status == "open"
    assert first in fake.db.listed and positions.detail(first, NOW, ports=fake.ports).status == "open"
    assert unit_positions.decide(REVIEWER, second, False, "描述不完整", NOW, ports=fake.ports).status == "rejected"
    assert code_of(lambda: unit_positions.decide(REVIEWER, second, True, None, NOW, ports=fake.ports)) == (
        "NOT_PENDING"
    )
    assert used(fake) == 1
    assert sorted(kinds_told(fake, who)) == ["position_approved", "position_rejected", "unit_recognised"]


def test_a_reviewer_who_applied_as_the_units_agent_never_decides_its_positions(fake: Fakes) -> None:
    who = unit()
    recognised(fake, who)
    position_id = unit_positions.publish(who, unit_fields(headcount=1), NOW, ports=fake.ports).position_id
    # The same person signed in as staff of the county: no credit code in the token, the ID number tells.
    agent = Principal("r-agent", "审核员", who.id_number, frozenset({"reviewer"}), "140100")
    for approve in (True, False):
        with pytest.raises(AppError) as refused:
            unit_positions.decide(agent, position_id, approve, "不符", NOW, ports=fake.ports)
        assert refused.value.code == "OWN_UNIT"
    assert [(e.actor, e.application_id, e.action) for e in fake.db.audit if e.outcome == "refused_own"] == [
        ("r-agent", f"position:{position_id}", "approve_position"),
        ("r-agent", f"position:{position_id}", "reject_position"),
    ]
    assert unit_positions.decide(REVIEWER, position_id, True, None, NOW, ports=fake.ports).status == "open"


def test_changing_the_reviewed_text_of_an_open_position_sends_it_back_to_review(fake: Fakes) -> None:
    who = unit()
    recognised(fake, who)
    position_id = unit_positions.publish(who, unit_fields(headcount=1), NOW, ports=fake.ports).position_id
    unit_positions.decide(REVIEWER, position_id, True, None, NOW, ports=fake.ports)
    later = NOW + timedelta(minutes=1)
    moved = unit_positions.update(who, position_id, {"address": "太原市小店区长治路9号"}, later, ports=fake.ports)
    assert moved.status == "open" and position_id in fake.db.listed
    back = unit_positions.update(who, position_id, {"stipend_yuan_per_month": 9000}, later, ports=fake.ports)
    assert back.status == "pending_review" and position_id not in fake.db.listed
    assert code_of(lambda: positions.detail(position_id, later, ports=fake.ports)) == "POSITION_NOT_FOUND"


def test_a_larger_headcount_must_fit_and_closing_gives_it_back(fake: Fakes) -> None:
    who = unit()
    recognised(fake, who, insured_staff=10)  # quota 3
    position_id = unit_positions.publish(who, unit_fields(headcount=1), NOW, ports=fake.ports).position_id
    assert code_of(lambda: unit_positions.update(who, position_id, {"headcount": 4}, NOW, ports=fake.ports)) == (
        "POSITION_QUOTA_EXCEEDED"
    )
    unit_positions.update(who, position_id, {"headcount": 3}, NOW, ports=fake.ports)
    assert used(fake) == 3
    assert unit_positions.close(who, position_id, NOW, ports=fake.ports).status == "closed"
    assert used(fake) == 0


def test_another_units_position_is_not_found(fake: Fakes) -> None:
    who, other = unit(901), unit(902, "另一家公司")
    recognised(fake, who)
    position_id = unit_positions.publish(who, unit_fields(headcount=1), NOW, ports=fake.ports).position_id
    assert code_of(lambda: unit_positions.detail(other, position_id, NOW, ports=fake.ports)) == "POSITION_NOT_FOUND"
    assert code_of(lambda: unit_positions.close(other, position_id, NOW, ports=fake.ports)) == "POSITION_NOT_FOUND"


def test_revocation_closes_the_units_positions_and_a_retry_finishes(fake: Fakes) -> None:
    who = unit()
    recognised(fake, who)
    assert who.credit_code is not None
    opened = unit_positions.publish(who, unit_fields(headcount=1), NOW, ports=fake.ports).position_id
    unit_positions.decide(REVIEWER, opened, True, None, NOW, ports=fake.ports)
    waiting = unit_positions.publish(who, unit_fields(headcount=1), NOW, ports=fake.ports).position_id
    revoked = unit_review.decide(REVIEWER, who.credit_code, "revoke", "不再符合条件", NOW, ports=fake.ports)
    assert revoked.status == "revoked"
    assert {fake.db.positions[i].status for i in (opened, waiting)} == {"closed"}
    assert opened not in fake.db.listed and used(fake) == 0
    assert units.mine(who, ports=fake.ports).status == "revoked"
    assert unit_review.decide(REVIEWER, who.credit_code, "revoke", "重试", NOW, ports=fake.ports).status == "revoked"
    assert code_of(lambda: unit_positions.publish(who, unit_fields(), NOW, ports=fake.ports)) == "UNIT_NOT_RECOGNISED"
    assert "unit_revoked" in kinds_told(fake, who)
