"""考勤, 补贴申领, 公示, objections and 拨付 on the fakes: what a unit, an agency and the public would notice."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from chalicelib.domain import subsidies as rules
from chalicelib.domain.principal import Principal
from chalicelib.errors import AppError
from chalicelib.services import subsidy_claims, subsidy_notices
from tests.services.fakes import Fakes
from tests.services.subsidy_steps import (
    JUNE_2025,
    LISHI,
    OTHER_UNIT,
    REVIEWER,
    UNIT,
    attend,
    claim_body,
    placement,
)
from tests.services.unit_builders import applied, unit


def _code(error: pytest.ExceptionInfo[AppError]) -> str:
    return error.value.code


def test_two_months_of_attendance_make_lines_at_the_rule_prorated_to_the_fen(fake: Fakes) -> None:
    first, second = placement(fake, 1), placement(fake, 2, name="李四")
    attend(fake, first, "2025-04", 21, 21)
    attend(fake, first, "2025-05", 19, 17)
    attend(fake, second, "2025-04", 21, 20)
    attend(fake, second, "2025-05", 19, 19)
    insurance = [{"placement_id": first.placement_id, "premium_yuan": 300, "policy_no": "PA2025001"}]

    claim = subsidy_claims.submit(
        UNIT, claim_body(["2025-04", "2025-05"], [first, second], insurance=insurance), JUNE_2025, ports=fake.ports
    )

    amounts = {(line.placement_id, line.month): line.amount_yuan for line in claim.lines}
    assert amounts[(first.placement_id, "2025-04")] == Decimal("1290.00")
    assert amounts[(first.placement_id, "2025-05")] == Decimal("1154.21")  # 1290 × 17 ÷ 19 = 1154.2105…
    assert amounts[(second.placement_id, "2025-04")] == Decimal("1228.57")  # 1290 × 20 ÷ 21 = 1228.5714…
    assert amounts[(first.placement_id, None)] == Decimal("240.00")  # 300 paid, capped at 240
    assert claim.total_yuan == Decimal("1290.00") + Decimal("1154.21") + Decimal("1228.57") + Decimal(
        "1290.00"
    ) + Decimal("240.00")
    assert claim.status == rules.SUBMITTED
    assert [m.kind for m in fake.db.inbox(UNIT.subject)] == ["subsidy_submitted"]


def test_a_month_is_claimed_once_and_its_attendance_locks(fake: Fakes) -> None:
    record = placement(fake, 3)
    attend(fake, record, "2025-04", 21, 21)
    subsidy_claims.submit(UNIT, claim_body(["2025-04"], [record]), JUNE_2025, ports=fake.ports)

    with pytest.raises(AppError) as again:
        subsidy_claims.submit(UNIT, claim_body(["2025-04"], [record]), JUNE_2025, ports=fake.ports)
    with pytest.raises(AppError) as edit:
        attend(fake, record, "2025-04", 21, 20)

    assert _code(again) == "ALREADY_CLAIMED"
    assert _code(edit) == "ATTENDANCE_LOCKED"


def test_a_rejected_claim_frees_its_months_for_a_new_claim(fake: Fakes) -> None:
    record = placement(fake, 4)
    attend(fake, record, "2025-04", 21, 21)
    claim = subsidy_claims.submit(UNIT, claim_body(["2025-04"], [record]), JUNE_2025, ports=fake.ports)

    subsidy_claims.reject(claim, "考勤表未盖章", JUNE_2025, ports=fake.ports)
    attend(fake, record, "2025-04", 21, 20)  # unlocked again
    second = subsidy_claims.submit(UNIT, claim_body(["2025-04"], [record]), JUNE_2025, ports=fake.ports)

    assert second.total_yuan == Decimal("1228.57")
    assert fake.ports.subsidies.get_claim(claim.claim_id).status == rules.REJECTED  # type: ignore[union-attr]


def test_months_without_attendance_or_before_confirmation_are_422_naming_the_line(fake: Fakes) -> None:
    confirmed = placement(fake, 5)
    unconfirmed = placement(fake, 6, confirmed_at=None, status="agreed")
    attend(fake, confirmed, "2025-04", 21, 21)

    with pytest.raises(AppError) as refused:
        subsidy_claims.submit(
            UNIT, claim_body(["2025-04", "2025-05"], [confirmed, unconfirmed]), JUNE_2025, ports=fake.ports
        )

    named = {(d.field, d.code) for d in refused.value.details}
    assert (f"{confirmed.placement_id}/2025-05", "NO_ATTENDANCE") in named
    assert (f"{unconfirmed.placement_id}/2025-04", "NOT_CONFIRMED") in named


def test_attendance_is_refused_outside_the_period_in_the_future_and_beyond_working_days(fake: Fakes) -> None:
    record = placement(fake, 7)
    codes = []
    for month, due in (("2025-02", 10), ("2025-07", 10), ("2025-04", 23)):
        with pytest.raises(AppError) as refused:
            attend(fake, record, month, due, 1)
        codes.append(refused.value.details[0].code)
    assert codes == ["OUTSIDE_PERIOD", "FUTURE_MONTH", "OUT_OF_RANGE"]  # April 2025 has 21 working days


def test_another_units_placement_is_not_found(fake: Fakes) -> None:
    record = placement(fake, 8, credit_code=OTHER_UNIT)
    with pytest.raises(AppError) as refused:
        attend(fake, record, "2025-04", 21, 21)
    assert refused.value.code == "PLACEMENT_NOT_FOUND"


def _publicised(fake: Fakes) -> rules.ClaimRecord:
    record = placement(fake, 9)
    attend(fake, record, "2025-05", 19, 19)
    claim = subsidy_claims.submit(UNIT, claim_body(["2025-05"], [record]), JUNE_2025, ports=fake.ports)
    return subsidy_claims.approve(claim, "材料齐全", JUNE_2025, ports=fake.ports)


def test_approval_opens_five_working_days_of_publicity_from_the_next_working_day(fake: Fakes) -> None:
    approved = _publicised(fake)
    assert (approved.publicity_start, approved.publicity_end) == (date(2025, 6, 17), date(2025, 6, 23))
    texts = [entry.kind for entry in fake.db.outbox.values()]
    assert texts == ["subsidy_approved"]


def test_disbursement_waits_for_the_end_of_publicity_and_for_every_objection(fake: Fakes) -> None:
    approved = _publicised(fake)
    objection = subsidy_notices.object_to(
        approved.claim_id,
        {"name": "张三", "phone": "13912345678", "text": "该见习人员五月未到岗"},
        JUNE_2025,
        ports=fake.ports,
    )
    after_end = JUNE_2025 + timedelta(days=8)
    with pytest.raises(AppError) as during:
        subsidy_claims.disburse(approved, "PZ-1", date(2025, 6, 16), JUNE_2025, ports=fake.ports)
    open_one = fake.ports.subsidies.get_claim(approved.claim_id)
    assert open_one is not None
    with pytest.raises(AppError) as objected:
        subsidy_claims.disburse(open_one, "PZ-1", date(2025, 6, 24), after_end, ports=fake.ports)

    subsidy_notices.resolve(
        open_one, objection.objection_id, (False, "经核实到岗"), "reviewer-1", after_end, ports=fake.ports
    )
    settled = fake.ports.subsidies.get_claim(approved.claim_id)
    assert settled is not None
    paid = subsidy_claims.disburse(settled, "PZ-1", date(2025, 6, 24), after_end, ports=fake.ports)

    assert (_code(during), _code(objected)) == ("PUBLICITY_NOT_OVER", "PUBLICITY_NOT_OVER")
    assert paid.status == rules.PAID
    kinds = sorted(m.kind for m in fake.db.inbox(UNIT.subject))
    assert kinds == ["subsidy_approved", "subsidy_paid", "subsidy_submitted"]
    assert sorted(entry.kind for entry in fake.db.outbox.values()) == ["subsidy_approved", "subsidy_paid"]


def test_an_upheld_objection_sends_the_claim_back_to_review_and_out_of_the_notices(fake: Fakes) -> None:
    approved = _publicised(fake)
    objection = subsidy_notices.object_to(
        approved.claim_id,
        {"name": "张三", "phone": "13912345678", "text": "该见习人员五月未到岗"},
        JUNE_2025,
        ports=fake.ports,
    )
    current = fake.ports.subsidies.get_claim(approved.claim_id)
    assert current is not None

    subsidy_notices.resolve(current, objection.objection_id, (True, "属实"), "reviewer-1", JUNE_2025, ports=fake.ports)

    back = fake.ports.subsidies.get_claim(approved.claim_id)
    assert back is not None and back.status == rules.SUBMITTED and back.publicity_end is None
    with pytest.raises(AppError) as gone:
        subsidy_notices.notice(approved.claim_id, ports=fake.ports)
    assert gone.value.code == "NOTICE_NOT_FOUND"


def test_a_phone_may_object_five_times_a_day(fake: Fakes) -> None:
    approved = _publicised(fake)
    fields = {"name": "张三", "phone": "13912345678", "text": "该见习人员五月未到岗"}
    for _ in range(5):
        subsidy_notices.object_to(approved.claim_id, fields, JUNE_2025, ports=fake.ports)
    with pytest.raises(AppError) as sixth:
        subsidy_notices.object_to(approved.claim_id, fields, JUNE_2025, ports=fake.ports)
    subsidy_notices.object_to(approved.claim_id, fields, JUNE_2025 + timedelta(days=1), ports=fake.ports)
    assert (sixth.value.status, sixth.value.code) == (429, "TOO_MANY_OBJECTIONS")


def test_staff_outside_the_region_do_not_see_the_claim(fake: Fakes) -> None:
    approved = _publicised(fake)
    taiyuan = type(REVIEWER)("reviewer-2", "审核员", None, frozenset({"reviewer"}), "140100")
    with pytest.raises(AppError) as hidden:
        subsidy_claims.staff_claim(taiyuan, approved.claim_id, "read_subsidy_claim", JUNE_2025, ports=fake.ports)
    assert hidden.value.code == "CLAIM_NOT_FOUND"
    shown = subsidy_claims.staff_claim(REVIEWER, approved.claim_id, "read_subsidy_claim", JUNE_2025, ports=fake.ports)
    assert shown.claim_id == approved.claim_id


def _refusals(fake: Fakes) -> list[tuple[str, str, str]]:
    """The audit's record of refused own cases: who tried, on what, doing what."""
    return [(e.actor, e.application_id, e.action) for e in fake.db.audit if e.outcome == "refused_own"]


def test_a_reviewer_who_is_one_of_the_claims_trainees_is_refused_and_the_attempt_is_on_the_record(
    fake: Fakes,
) -> None:
    approved = _publicised(fake)
    trainee = Principal("r-trainee", "审核员", approved.lines[0].trainee_id_number, frozenset({"reviewer"}), LISHI)
    with pytest.raises(AppError) as refused:
        subsidy_claims.staff_claim(trainee, approved.claim_id, "approve_subsidy_claim", JUNE_2025, ports=fake.ports)
    assert (refused.value.status, refused.value.code) == (403, "OWN_APPLICATION")
    assert _refusals(fake) == [("r-trainee", f"subsidy:{approved.claim_id}", "approve_subsidy_claim")]


def test_a_reviewer_who_applied_as_the_units_agent_never_acts_on_its_claims(fake: Fakes) -> None:
    agent = unit(4321, UNIT.org_name)  # 法人登录 of the claim's unit
    assert agent.credit_code == UNIT.credit_code and agent.id_number is not None
    applied(fake, agent)
    approved = _publicised(fake)
    # The same person signed in as staff of the claim's county: no credit code in the token, the ID number tells.
    staff = Principal("r-agent", "审核员", agent.id_number, frozenset({"reviewer"}), LISHI)
    with pytest.raises(AppError) as refused:
        subsidy_claims.staff_claim(staff, approved.claim_id, "disburse_subsidy_claim", JUNE_2025, ports=fake.ports)
    assert (refused.value.status, refused.value.code) == (403, "OWN_UNIT")
    assert refused.value.message == "不能审核或拨付本单位的补贴申领"
    assert _refusals(fake) == [("r-agent", f"subsidy:{approved.claim_id}", "disburse_subsidy_claim")]
    shown = subsidy_claims.staff_claim(REVIEWER, approved.claim_id, "read_subsidy_claim", JUNE_2025, ports=fake.ports)
    assert shown.claim_id == approved.claim_id


@pytest.mark.parametrize(
    ("premium", "bank_no"),
    [(True, "6217"), ("1e999", "6217"), (-5, "6217"), (12.345, "6217"), ("abc", 6217), (None, None)],
)
def test_odd_premiums_and_bank_fields_are_422_naming_them(fake: Fakes, premium: object, bank_no: object) -> None:
    record = placement(fake, 11)
    attend(fake, record, "2025-04", 21, 21)
    insurance = [{"placement_id": record.placement_id, "premium_yuan": premium, "policy_no": "P1"}]
    bank = {"account_name": "单位", "bank_name": "银行", "account_no": bank_no}
    body = claim_body(["2025-04"], [record], insurance=insurance, bank=bank)
    with pytest.raises(AppError) as refused:
        subsidy_claims.submit(UNIT, body, JUNE_2025, ports=fake.ports)
    fields = {d.field for d in refused.value.details}
    assert refused.value.status == 422 and "insurance[0].premium_yuan" in fields
    assert ("bank.account_no" in fields) == (not isinstance(bank_no, str))


def test_a_trainees_premium_is_claimed_once_even_with_other_months(fake: Fakes) -> None:
    record = placement(fake, 12)
    attend(fake, record, "2025-04", 21, 21)
    attend(fake, record, "2025-05", 19, 19)
    insurance = [{"placement_id": record.placement_id, "premium_yuan": 200, "policy_no": "P1"}]
    subsidy_claims.submit(UNIT, claim_body(["2025-04"], [record], insurance=insurance), JUNE_2025, ports=fake.ports)
    with pytest.raises(AppError) as again:
        subsidy_claims.submit(UNIT, claim_body(["2025-05"], [record], insurance=insurance), JUNE_2025, ports=fake.ports)
    without = subsidy_claims.submit(UNIT, claim_body(["2025-05"], [record]), JUNE_2025, ports=fake.ports)
    assert again.value.code == "ALREADY_CLAIMED" and again.value.details[0].field.endswith("/premium")
    assert without.total_yuan == Decimal("1290.00")
