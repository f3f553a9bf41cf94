"""见习单位认定 on the fakes: apply, one live application, withdraw, the agency's decisions in its region only,
never on its own unit, each decision told in the unit's 消息中心 and by SMS."""

from __future__ import annotations

import pytest

from chalicelib.domain.principal import Principal
from chalicelib.errors import AppError
from chalicelib.services import unit_review, units
from scripts.factories import recognition_form, uploaded_attachment
from tests.services.builders import NOW, REVIEWER
from tests.services.fakes import Fakes
from tests.services.unit_builders import applied, kinds_told, licence, recognised, unit

DATONG_REVIEWER = Principal("r-datong", "审核员", None, frozenset({"applicant", "reviewer"}), "140200")


def code_of(call: object) -> str:
    assert callable(call)
    with pytest.raises(AppError) as refused:
        call()
    return refused.value.code


def test_a_unit_applies_with_its_licence_and_is_pending(fake: Fakes) -> None:
    who = unit()
    applied(fake, who)
    mine = units.mine(who, ports=fake.ports)
    assert (mine.status, mine.status_label, mine.county_name) == ("pending", "未审核", "太原市小店区")
    assert (mine.position_quota, mine.quota_used) == (0, 0)
    history, _ = units.history(who, limit=10, start_key=None, ports=fake.ports)
    assert [h.status for h in history] == ["pending"]


def test_a_second_application_while_one_is_live_is_refused(fake: Fakes) -> None:
    who = unit()
    applied(fake, who)
    assert code_of(lambda: applied(fake, who)) == "RECOGNITION_EXISTS"
    assert who.credit_code is not None
    unit_review.decide(REVIEWER, who.credit_code, "approve", None, NOW, ports=fake.ports)
    assert code_of(lambda: applied(fake, who)) == "RECOGNITION_EXISTS"


def test_without_a_business_licence_or_with_bad_fields_every_problem_is_told(fake: Fakes) -> None:
    who = unit()
    form = recognition_form([], insured_staff=0, contact_phone="0351-7731427", county_code="999999")
    with pytest.raises(AppError) as refused:
        units.submit(who, form, NOW, ports=fake.ports)
    assert {(d.field, d.code) for d in refused.value.details} == {
        ("attachments", "REQUIRED"),
        ("attachments", "MISSING_BUSINESS_LICENCE"),
        ("insured_staff", "OUT_OF_RANGE"),
        ("contact_phone", "INVALID_PHONE"),
        ("county_code", "INVALID_REGION"),
    }


def test_another_units_upload_is_not_found(fake: Fakes) -> None:
    theirs = licence(fake, unit(902))
    with pytest.raises(AppError) as refused:
        units.submit(unit(), recognition_form(theirs), NOW, ports=fake.ports)
    assert ("attachments", "NOT_FOUND") in {(d.field, d.code) for d in refused.value.details}


def test_withdrawing_frees_the_unit_to_apply_again(fake: Fakes) -> None:
    who = unit()
    applied(fake, who)
    assert units.withdraw(who, NOW, ports=fake.ports).status == "withdrawn"
    assert units.mine(who, ports=fake.ports).status == "unregistered"
    assert code_of(lambda: units.withdraw(who, NOW, ports=fake.ports)) == "NOT_PENDING"
    applied(fake, who)  # the same licence may be used again
    history, _ = units.history(who, limit=10, start_key=None, ports=fake.ports)
    assert sorted(h.status for h in history) == ["pending", "withdrawn"]  # both at NOW: in either order


def test_approval_gives_the_quota_and_tells_the_unit_by_message_and_text(fake: Fakes) -> None:
    who = unit()
    recognised(fake, who, insured_staff=17)
    mine = units.mine(who, ports=fake.ports)
    assert (mine.status, mine.position_quota, mine.quota_used) == ("recognised", 5, 0)  # ⌊17 × 30%⌋
    assert kinds_told(fake, who) == ["unit_recognised"]
    texts = [o for o in fake.db.outbox.values() if o.kind == "unit_recognised"]
    assert [(t.phone, t.params) for t in texts] == [("13912345678", ["山西晋阳科技有限公司", "见习单位认定审核通过"])]


def test_a_small_unit_still_has_a_quota_of_one(fake: Fakes) -> None:
    who = unit()
    recognised(fake, who, insured_staff=2)
    assert units.mine(who, ports=fake.ports).position_quota == 1


def test_another_city_answers_404_and_the_reviewer_never_decides_their_own_unit(fake: Fakes) -> None:
    who = unit()
    applied(fake, who)
    assert who.credit_code is not None
    code = who.credit_code
    assert code_of(lambda: unit_review.decide(DATONG_REVIEWER, code, "approve", None, NOW, ports=fake.ports)) == (
        "UNIT_NOT_FOUND"
    )
    assert code_of(lambda: unit_review.detail(DATONG_REVIEWER, code, NOW, ports=fake.ports)) == "UNIT_NOT_FOUND"
    insider = Principal("r-own", "审核员", None, frozenset({"reviewer"}), "140100", credit_code=code)
    assert code_of(lambda: unit_review.decide(insider, code, "approve", None, NOW, ports=fake.ports)) == "OWN_UNIT"
    assert [e.outcome for e in fake.db.audit] == ["refused_own"]


def test_a_reviewer_who_applied_as_the_units_agent_never_decides_it(fake: Fakes) -> None:
    who = unit()
    applied(fake, who)
    assert who.credit_code is not None and who.id_number is not None
    code = who.credit_code
    # The same person signed in as staff: no credit code in the token, the ID number gives them away.
    agent = Principal("r-agent", "审核员", who.id_number, frozenset({"reviewer"}), "140100")
    assert code_of(lambda: unit_review.decide(agent, code, "approve", None, NOW, ports=fake.ports)) == "OWN_UNIT"
    assert [e.outcome for e in fake.db.audit] == ["refused_own"]
    assert unit_review.decide(REVIEWER, code, "approve", None, NOW, ports=fake.ports).status == "recognised"


def test_the_reviewer_reads_the_application_unmasked_and_the_read_is_audited(fake: Fakes) -> None:
    who = unit()
    applied(fake, who)
    assert who.credit_code is not None
    shown = unit_review.detail(REVIEWER, who.credit_code, NOW, ports=fake.ports)
    assert shown.contact_phone == "13912345678"
    assert [a.kind for a in shown.attachments] == ["business_licence"]
    assert [(e.action, e.outcome) for e in fake.db.audit] == [("read_unit", "shown")]


def test_a_decided_application_cannot_be_decided_again_and_a_rejected_unit_applies_again(fake: Fakes) -> None:
    who = unit()
    applied(fake, who)
    assert who.credit_code is not None
    code = who.credit_code
    unit_review.decide(REVIEWER, code, "reject", "营业执照不清晰", NOW, ports=fake.ports)
    assert code_of(lambda: unit_review.decide(REVIEWER, code, "approve", None, NOW, ports=fake.ports)) == (
        "NOT_PENDING"
    )
    assert units.mine(who, ports=fake.ports).status == "rejected"
    assert kinds_told(fake, who) == ["unit_rejected"]
    applied(fake, who)
    assert units.mine(who, ports=fake.ports).status == "pending"


def test_the_queue_holds_the_region_only(fake: Fakes) -> None:
    applied(fake, unit(901))
    applied(fake, unit(903), county_code="140212")  # 大同市
    taiyuan, _ = unit_review.queue(
        REVIEWER, status="pending", month=None, county=None, limit=10, start_key=None, ports=fake.ports
    )
    assert [r.county_code for r in taiyuan] == ["140105"]
    assert (
        code_of(
            lambda: unit_review.queue(
                REVIEWER, status=None, month=None, county="140212", limit=10, start_key=None, ports=fake.ports
            )
        )
        == "OUTSIDE_REGION"
    )


def test_another_kind_of_file_is_no_licence(fake: Fakes) -> None:
    who = unit()
    other = uploaded_attachment(who.account, "other")
    fake.attachments.put(other)
    with pytest.raises(AppError) as refused:
        units.submit(who, recognition_form([other.attachment_id]), NOW, ports=fake.ports)
    assert [(d.field, d.code) for d in refused.value.details] == [("attachments", "MISSING_BUSINESS_LICENCE")]
