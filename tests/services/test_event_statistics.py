"""统计分析 of placements, recognitions and subsidies on the fakes (issue 23): each event family moves its counters
with the event, in the month (China time) it happened, and no step that keeps a status counts twice."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from chalicelib.domain.principal import Principal
from chalicelib.services import placement_agency, placement_units, statistics, subsidy_claims, unit_review
from tests.services.builders import NOW, REVIEWER
from tests.services.fakes import Fakes
from tests.services.placement_steps import agreed
from tests.services.subsidy_steps import JUNE_2025, UNIT, attend, claim_body, placement
from tests.services.unit_builders import applied, recognised, unit

PROVINCE = Principal("p", "统计", None, frozenset({"reviewer"}), "140000")
JUNE = datetime(2027, 6, 1, 2, 0, tzinfo=NOW.tzinfo)  # the morning after the period's last day


def _month(fake: Fakes, month: str) -> dict[str, Any]:
    report = statistics.report(PROVINCE, region=None, first=month, last=month, now=NOW, ports=fake.ports)
    return {key: value for key, value in report.totals.items() if key.startswith(("placements.", "units.", "sub"))}


def test_a_placement_counts_each_step_in_its_month_and_retention_once(fake: Fakes) -> None:
    _, agent, completed_id = agreed(fake, 1)
    _, _, ended_id = agreed(fake, 2)
    unit = agent.credit_code
    assert unit is not None
    placement_agency.confirm(REVIEWER, completed_id, NOW, ports=fake.ports)
    placement_agency.confirm(REVIEWER, ended_id, NOW, ports=fake.ports)
    end = {"end_date": date(2027, 3, 31), "reason": "trainee_left", "note": None}
    placement_units.end(unit, ended_id, end, NOW + timedelta(days=10), ports=fake.ports)  # 2026-12
    placement_agency.complete_due(JUNE, ports=fake.ports)
    contract = {"contract_start": date(2027, 6, 2), "contract_months": 36}
    placement_units.retain(unit, completed_id, contract, JUNE, ports=fake.ports)
    placement_units.assess(unit, completed_id, {"result": "good"}, JUNE, ports=fake.ports)  # keeps its status

    november, december, june = (_month(fake, m) for m in ("2026-11", "2026-12", "2027-06"))

    assert november["placements.applied"] == november["placements.agreed"] == 2
    assert november["placements.in_progress"] == 2 and november["placements.completed"] == 0
    assert december["placements.ended_early"] == 1 and december["placements.applied"] == 0
    assert (june["placements.completed"], june["placements.retained"], june["placements.retention_rate"]) == (1, 1, 1)


def test_a_claim_counts_when_submitted_and_its_fen_when_paid(fake: Fakes) -> None:
    record = placement(fake, 9)
    attend(fake, record, "2025-05", 19, 19)
    claim = subsidy_claims.submit(UNIT, claim_body(["2025-05"], [record]), JUNE_2025, ports=fake.ports)
    approved = subsidy_claims.approve(claim, "材料齐全", JUNE_2025, ports=fake.ports)
    paid_on = JUNE_2025 + timedelta(days=20)  # after the publicity, in July (China time)

    before_paying = _month(fake, "2025-06")
    paid = subsidy_claims.disburse(approved, "PZ-1", date(2025, 7, 6), paid_on, ports=fake.ports)

    june, july = _month(fake, "2025-06"), _month(fake, "2025-07")
    assert (before_paying["subsidies.claimed"], before_paying["subsidies.paid"]) == (1, 0)
    assert (june["subsidies.claimed"], june["subsidies.paid"], july["subsidies.claimed"]) == (1, 0, 0)
    assert (july["subsidies.paid"], july["subsidies.yuan"]) == (1, float(paid.total_yuan))
    assert paid.total_yuan > 0 and "subsidies.fen" not in july  # answered in yuan only


def test_a_recognition_counts_once_and_a_rejection_or_revocation_not(fake: Fakes) -> None:
    accepted, refused = unit(931), unit(932, "山西晋中测试有限公司")
    recognised(fake, accepted)
    applied(fake, refused)
    assert accepted.credit_code is not None and refused.credit_code is not None
    unit_review.decide(REVIEWER, refused.credit_code, "reject", "材料不全", NOW, ports=fake.ports)
    unit_review.decide(REVIEWER, accepted.credit_code, "revoke", "不再符合条件", NOW, ports=fake.ports)

    assert _month(fake, "2026-11")["units.recognised"] == 1
