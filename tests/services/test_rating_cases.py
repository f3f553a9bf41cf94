"""好差评 of the other cases on the fakes (issue 23): a placement by its trainee and by its unit, a recognition and a
paid subsidy claim by the unit; each once, only when finished, and another's case is as none (404)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from chalicelib.domain.principal import Principal
from chalicelib.errors import AppError
from chalicelib.services import placement_agency, placement_units, ratings, subsidy_claims, unit_review
from tests.services.builders import NOW, REVIEWER, applicant
from tests.services.fakes import Fakes
from tests.services.placement_steps import agreed
from tests.services.subsidy_steps import JUNE_2025, UNIT, UNIT_CODE, attend, claim_body, placement
from tests.services.unit_builders import applied, unit

OTHER_UNIT = Principal("agent-x", "王五", None, frozenset(), None, credit_code="91140100MA0XXXXX1X")


def rate(fake: Fakes, who: Principal, case_type: str, case_id: str, level: int = 4) -> Any:
    return ratings.rate(who, {"case_type": case_type, "case_id": case_id, "level": level}, NOW, ports=fake.ports)


def refused(call: Any) -> str:
    with pytest.raises(AppError) as error:
        call()
    return error.value.code


def test_a_placement_is_rated_by_its_trainee_and_its_unit_once_each_when_its_period_is_over(fake: Fakes) -> None:
    trainee, agent, placement_id = agreed(fake, 11)
    assert agent.credit_code is not None

    before = refused(lambda: rate(fake, trainee, "placement", placement_id))
    placement_agency.confirm(REVIEWER, placement_id, NOW, ports=fake.ports)
    end = {"end_date": date(2027, 1, 31), "reason": "trainee_left", "note": None}
    placement_units.end(agent.credit_code, placement_id, end, NOW, ports=fake.ports)
    by_trainee = rate(fake, trainee, "placement", placement_id, 5)
    by_unit = rate(fake, agent, "placement", placement_id, 2)

    assert before == "CASE_NOT_FINISHED"
    assert by_trainee.rating_id != by_unit.rating_id and (by_trainee.level, by_unit.level) == (5, 2)
    assert refused(lambda: rate(fake, trainee, "placement", placement_id)) == "ALREADY_RATED"
    assert refused(lambda: rate(fake, agent, "placement", placement_id)) == "ALREADY_RATED"
    assert refused(lambda: rate(fake, applicant(12), "placement", placement_id)) == "CASE_NOT_FOUND"
    assert refused(lambda: rate(fake, OTHER_UNIT, "placement", placement_id)) == "CASE_NOT_FOUND"


def test_a_recognition_is_rated_by_its_unit_once_decided(fake: Fakes) -> None:
    who = unit(941)
    recognition_id = applied(fake, who)
    assert who.credit_code is not None

    pending = refused(lambda: rate(fake, who, "recognition", recognition_id))
    unit_review.decide(REVIEWER, who.credit_code, "reject", "材料不全", NOW, ports=fake.ports)
    given = rate(fake, who, "recognition", recognition_id, 1)

    assert (pending, given.level, given.bad) == ("CASE_NOT_FINISHED", 1, True)
    assert refused(lambda: rate(fake, who, "recognition", recognition_id)) == "ALREADY_RATED"
    assert refused(lambda: rate(fake, OTHER_UNIT, "recognition", recognition_id)) == "CASE_NOT_FOUND"
    assert (
        refused(lambda: rate(fake, applicant(13), "recognition", recognition_id)) == "CASE_NOT_FOUND"
    )  # units rate it


def test_a_subsidy_claim_is_rated_by_its_unit_once_paid(fake: Fakes) -> None:
    record = placement(fake, 21)
    attend(fake, record, "2025-05", 19, 19)
    claim = subsidy_claims.submit(UNIT, claim_body(["2025-05"], [record]), JUNE_2025, ports=fake.ports)
    agent = Principal("agent-l", "李明", None, frozenset(), None, credit_code=UNIT_CODE)

    submitted = refused(lambda: rate(fake, agent, "subsidy_claim", claim.claim_id))
    approved = subsidy_claims.approve(claim, "材料齐全", JUNE_2025, ports=fake.ports)
    subsidy_claims.disburse(approved, "PZ-1", date(2025, 6, 24), JUNE_2025 + timedelta(days=8), ports=fake.ports)
    given = rate(fake, agent, "subsidy_claim", claim.claim_id, 5)

    assert (submitted, given.level) == ("CASE_NOT_FINISHED", 5)
    assert refused(lambda: rate(fake, agent, "subsidy_claim", claim.claim_id)) == "ALREADY_RATED"
    assert refused(lambda: rate(fake, OTHER_UNIT, "subsidy_claim", claim.claim_id)) == "CASE_NOT_FOUND"
