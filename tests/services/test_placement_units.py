"""The unit's and the agency's side of a placement on the fakes: the offer's rules, the end, the assessment, the
invitation, 上岗报备 and the nightly completion, with the messages and texts each sends."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from chalicelib.domain.principal import Principal, unit_account
from chalicelib.errors import AppError
from chalicelib.services import favourites, placement_agency, placement_units, placements
from tests.services.builders import NOW, REVIEWER, applicant, approved, published
from tests.services.fakes import Fakes

TERMS: dict[str, Any] = {
    "start_date": date(2026, 12, 1),
    "months": 6,
    "allowance_yuan_per_month": 2200,
    "mentor_name": "张导师",
}


def _code(call: Any) -> str:
    with pytest.raises(AppError) as refused:
        call()
    return refused.value.code


def _unit_of(fake: Fakes, position_id: str) -> str:
    position = fake.ports.positions.get(position_id)
    assert position is not None
    return position.employer_credit_code


def _applied(fake: Fakes, serial: int, **position: Any) -> tuple[Principal, str, str]:
    who = applicant(serial)
    approved(fake, who)
    position_id = published(fake, **position)
    made = placements.apply(who, position_id, NOW, ports=fake.ports)
    return who, _unit_of(fake, position_id), made.placement_id


def _texts(fake: Fakes) -> list[str]:
    return sorted(entry.kind for entry in fake.db.outbox.values() if entry.kind.startswith("placement"))


def test_an_offer_sets_the_terms_and_texts_the_trainee(fake: Fakes) -> None:
    who, unit, placement_id = _applied(fake, 1)

    offered = placement_units.offer(unit, placement_id, TERMS, NOW, ports=fake.ports)

    assert (offered.status, offered.status_label) == ("offered", "已录用待签约")
    assert offered.terms is not None and offered.terms.end_date == "2027-05-31"
    assert offered.trainee.phone == "139****5678"  # masked until the trainee accepts
    assert _texts(fake) == ["placement_offered"]
    accepted = placements.accept(who, placement_id, NOW, ports=fake.ports)
    assert accepted.status == "agreed"
    assert placement_units.detail(unit, placement_id, ports=fake.ports).trainee.phone == "13912345678"


def test_the_offer_rules(fake: Fakes) -> None:
    _, unit, placement_id = _applied(fake, 2)

    def offer(**changes: Any) -> str:
        return _code(lambda: placement_units.offer(unit, placement_id, {**TERMS, **changes}, NOW, ports=fake.ports))

    assert offer(start_date=date(2026, 11, 25)) == "VALIDATION_FAILED"  # before today in China
    assert offer(allowance_yuan_per_month=1000) == "ALLOWANCE_BELOW_MINIMUM_WAGE"
    with pytest.raises(AppError) as below:
        placement_units.offer(unit, placement_id, {**TERMS, "allowance_yuan_per_month": 1000}, NOW, ports=fake.ports)
    assert "元" in below.value.details[0].message and any(ch.isdigit() for ch in below.value.details[0].message)
    assert _code(lambda: placement_units.offer("91140100MA0L0000XA", placement_id, TERMS, NOW, ports=fake.ports)) == (
        "PLACEMENT_NOT_FOUND"
    )


def test_offers_never_exceed_the_headcount_and_a_rejected_offer_frees_its_seat(fake: Fakes) -> None:
    position_id = published(fake, headcount=1)
    unit = _unit_of(fake, position_id)
    made = []
    for serial in (3, 4):
        who = applicant(serial, f"人员{serial}")
        approved(fake, who)
        made.append((who, placements.apply(who, position_id, NOW, ports=fake.ports).placement_id))
    placement_units.offer(unit, made[0][1], TERMS, NOW, ports=fake.ports)

    assert _code(lambda: placement_units.offer(unit, made[1][1], TERMS, NOW, ports=fake.ports)) == "POSITION_FULL"
    placements.reject_offer(made[0][0], made[0][1], NOW, ports=fake.ports)
    assert placement_units.offer(unit, made[1][1], TERMS, NOW, ports=fake.ports).status == "offered"


def test_confirmation_end_assessment_retention_and_the_certificate(fake: Fakes) -> None:
    who, unit, placement_id = _applied(fake, 5)
    placement_units.offer(unit, placement_id, TERMS, NOW, ports=fake.ports)
    placements.accept(who, placement_id, NOW, ports=fake.ports)
    assert _code(lambda: placement_units.assess(unit, placement_id, {"result": "good"}, NOW, ports=fake.ports)) == (
        "PLACEMENT_WRONG_STATUS"
    )

    confirmed = placement_agency.confirm(REVIEWER, placement_id, NOW, ports=fake.ports)
    ended = placement_units.end(
        unit,
        placement_id,
        {"end_date": date(2027, 3, 31), "reason": "retained", "note": "表现优秀"},
        NOW,
        ports=fake.ports,
    )
    assessed = placement_units.assess(
        unit, placement_id, {"result": "excellent", "comment": "认真"}, NOW, ports=fake.ports
    )
    retained = placement_units.retain(
        unit, placement_id, {"contract_start": date(2027, 4, 1), "contract_months": 36}, NOW, ports=fake.ports
    )

    assert (confirmed.status, confirmed.confirmed_at is not None) == ("in_progress", True)
    assert (ended.status, ended.ended_on, ended.end_reason) == ("ended", "2027-03-31", "retained")
    assert (assessed.assessment_result, assessed.assessment_label) == ("excellent", "优秀")
    assert retained.retained_contract_months == 36
    assert _texts(fake) == ["placement_confirmed", "placement_ended", "placement_offered"]
    assert fake.ports.placements.seats_taken(ended.position.position_id) == 0
    assert fake.ports.placements.slots(who.subject).placed_id is None  # an early end: may train again
    trainee_kinds = [m.kind for m in fake.db.inbox(who.subject) if m.kind.startswith("placement")]
    assert set(trainee_kinds) >= {"placement_offered", "placement_confirmed", "placement_ended", "placement_assessed"}


def test_a_reviewer_confirms_only_inside_the_region_and_never_their_own(fake: Fakes) -> None:
    who, unit, placement_id = _applied(fake, 6)
    placement_units.offer(unit, placement_id, TERMS, NOW, ports=fake.ports)
    elsewhere = Principal("r-2", "审核员", None, frozenset({"applicant", "reviewer"}), "140200")
    own = Principal(who.subject, who.name, who.id_number, frozenset({"applicant", "reviewer"}), "140100")

    assert _code(lambda: placement_agency.confirm(REVIEWER, placement_id, NOW, ports=fake.ports)) == (
        "PLACEMENT_WRONG_STATUS"  # offered, not yet agreed
    )
    placements.accept(who, placement_id, NOW, ports=fake.ports)
    assert (
        _code(lambda: placement_agency.confirm(elsewhere, placement_id, NOW, ports=fake.ports)) == "PLACEMENT_NOT_FOUND"
    )
    assert _code(lambda: placement_agency.confirm(own, placement_id, NOW, ports=fake.ports)) == "OWN_PLACEMENT"
    refused = [(e.actor, e.application_id, e.action) for e in fake.db.audit if e.outcome == "refused_own"]
    assert refused == [(who.subject, f"placement:{placement_id}", "confirm_placement")]
    listed, _ = placement_agency.placements_of_region(
        REVIEWER, status="agreed", county=None, limit=10, start_key=None, ports=fake.ports
    )
    assert [p.placement_id for p in listed] == [placement_id]


def test_the_nightly_job_completes_the_periods_that_ended(fake: Fakes) -> None:
    who, unit, placement_id = _applied(fake, 7)
    placement_units.offer(unit, placement_id, TERMS, NOW, ports=fake.ports)
    placements.accept(who, placement_id, NOW, ports=fake.ports)
    placement_agency.confirm(REVIEWER, placement_id, NOW, ports=fake.ports)
    last_day = date(2027, 5, 31)

    on_the_last_day = placement_agency.complete_due(NOW.replace(year=2027, month=5, day=31), ports=fake.ports)
    next_morning = placement_agency.complete_due(NOW.replace(year=2027, month=6, day=1), ports=fake.ports)
    again = placement_agency.complete_due(NOW.replace(year=2027, month=6, day=1) + timedelta(hours=1), ports=fake.ports)

    assert (on_the_last_day, next_morning, again) == (0, 1, 0)
    record = placements.detail(who, placement_id, ports=fake.ports)
    assert record.status == "completed" and record.terms is not None and record.terms.end_date == last_day.isoformat()
    assert fake.ports.placements.slots(who.subject).placed_id == placement_id  # trained once


def test_the_morning_run_reminds_the_unit_once_a_week_before_the_period_ends(fake: Fakes) -> None:
    who, unit, placement_id = _applied(fake, 9)
    placement_units.offer(unit, placement_id, TERMS, NOW, ports=fake.ports)
    placements.accept(who, placement_id, NOW, ports=fake.ports)
    placement_agency.confirm(REVIEWER, placement_id, NOW, ports=fake.ports)  # last day 2027-05-31

    def morning(day: int) -> int:
        return placement_agency.remind_ending(NOW.replace(year=2027, month=5, day=day, hour=0), ports=fake.ports)

    assert [morning(day) for day in (23, 24, 25, 31)] == [0, 1, 0, 0]  # the 24th: the last day is 7 days off
    told = [m for m in fake.db.messages.values() if m.kind == "placement_ending"]
    assert [(m.subject, m.title, m.link) for m in told] == [
        (unit_account(unit), "见习期即将届满", f"/v1/unit/placements/{placement_id}")
    ]
    assert "2027-05-31届满" in told[0].text and "登记留用" in told[0].text
    assert placement_agency.complete_due(NOW.replace(year=2027, month=6, day=1), ports=fake.ports) == 1
    assert morning(31) == 0  # completed: no longer in progress


def test_a_unit_invites_who_favourited_its_position(fake: Fakes) -> None:
    who = applicant(8)
    approved(fake, who)
    position_id = published(fake)
    unit = _unit_of(fake, position_id)
    favourites.add(who, position_id, NOW, ports=fake.ports)

    listed = placement_units.interested(unit, position_id, ports=fake.ports)
    invited = placement_units.invite(unit, position_id, listed[0].trainee_ref, NOW, ports=fake.ports)

    assert [p.name for p in listed] == ["王*雨"]
    assert (invited.status, invited.invited) == ("invited", True)
    assert fake.ports.placements.slots(who.subject).active == 0  # an invitation counts once answered
    again = lambda: placement_units.invite(unit, position_id, listed[0].trainee_ref, NOW, ports=fake.ports)  # noqa: E731
    assert _code(again) == "ALREADY_APPLIED"
    forged = lambda: placement_units.invite(unit, position_id, listed[0].trainee_ref + "x", NOW, ports=fake.ports)  # noqa: E731
    assert _code(forged) == "VALIDATION_FAILED"
    answered = placements.apply_invited(who, invited.placement_id, NOW, ports=fake.ports)
    assert answered.status == "applied" and fake.ports.placements.slots(who.subject).active == 1


def test_the_offers_text_names_the_trainee_masked_and_the_unit(fake: Fakes) -> None:
    _, unit, placement_id = _applied(fake, 9)
    placement_units.offer(unit, placement_id, TERMS, NOW, ports=fake.ports)

    [entry] = [e for e in fake.db.outbox.values() if e.kind == "placement_offered"]

    assert entry.phone == "13912345678" and entry.urgent  # the trainee waits for it: not held by quiet hours
    assert "王*雨" in entry.text and "王晓雨" not in entry.text and "录用" in entry.text
    record = fake.ports.placements.get(placement_id)
    assert record is not None and record.org_name[:20] in entry.text
