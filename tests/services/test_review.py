"""The reviewers' queue and decisions (审核), on the fakes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.domain.principal import Principal
from chalicelib.errors import AppError
from chalicelib.services import review, verification
from tests.services.builders import NOW, REVIEWER, applicant, submitted
from tests.services.fakes import Fakes


def test_approving_keeps_the_case_live_texts_the_applicant_and_is_audited(fake: Fakes) -> None:
    who = applicant(1)
    case = submitted(fake, who)

    answer = review.decide(REVIEWER, case, "approve", "材料齐全", NOW, ports=fake.ports)

    assert answer.status == "approved"
    assert answer.history[-1].comment == "材料齐全"
    assert fake.db.people[who.subject].live_status == "approved"
    assert fake.db.people[who.subject].live_application_id == case
    assert [(a.action, a.outcome, a.actor) for a in fake.db.audit] == [("approve", "approved", REVIEWER.subject)]
    assert [a.outcome for a in fake.db.logged] == ["approved"]  # and said in the log
    assert [m.kind for m in fake.db.messages.values()] == ["application_submitted", "application_approved"]
    assert len(fake.db.outbox) == 1  # the decision's text to the real-name phone


def test_rejecting_frees_the_person_and_the_files(fake: Fakes) -> None:
    who = applicant(2)
    case = submitted(fake, who)

    answer = review.decide(REVIEWER, case, "reject", "材料不清晰", NOW, ports=fake.ports)

    assert answer.status == "rejected"
    assert fake.db.people[who.subject].live_application_id is None
    assert {a.in_use_by for a in fake.db.attachments.values()} == {None}


def test_a_decided_case_cannot_be_decided_again(fake: Fakes) -> None:
    case = submitted(fake, applicant(3))
    review.decide(REVIEWER, case, "approve", None, NOW, ports=fake.ports)

    with pytest.raises(AppError) as again:
        review.decide(REVIEWER, case, "reject", "重复", NOW, ports=fake.ports)

    assert again.value.code == "NOT_PENDING"
    assert fake.db.applications[case].status == "approved"


def test_a_reviewer_cannot_decide_their_own_case_and_the_attempt_is_on_record(fake: Fakes) -> None:
    who = applicant(4)
    case = submitted(fake, who)
    same_person = Principal("staff-account", who.name, who.id_number, frozenset({"applicant", "reviewer"}), "140000")

    with pytest.raises(AppError) as own:
        review.decide(same_person, case, "approve", None, NOW, ports=fake.ports)

    assert own.value.code == "OWN_APPLICATION"
    assert [a.outcome for a in fake.db.audit] == ["refused_own"]
    assert fake.db.applications[case].status == "pending"


def test_outside_the_region_a_case_does_not_exist(fake: Fakes) -> None:
    case = submitted(fake, applicant(5), locality="140105")  # 太原市小店区
    datong = Principal("r-datong", "审核员", None, frozenset({"applicant", "reviewer"}), "140200")

    with pytest.raises(AppError) as hidden:
        review.decide(datong, case, "approve", None, NOW, ports=fake.ports)

    assert hidden.value.code == "APPLICATION_NOT_FOUND"
    assert fake.db.audit == []


def test_the_queue_is_the_region_newest_first_by_status_and_county(fake: Fakes) -> None:
    xiaodian = submitted(fake, applicant(6), locality="140105", now=NOW)
    yingze = submitted(fake, applicant(7), locality="140106", now=NOW + timedelta(minutes=1))
    submitted(fake, applicant(8), locality="140213", now=NOW + timedelta(minutes=2))  # 大同: not Taiyuan's
    review.decide(REVIEWER, yingze, "approve", None, NOW, ports=fake.ports)

    def queue(**filters: str | None) -> list[str]:
        asked = {"status": None, "month": None, "county": None, **filters}
        items, _ = review.queue(REVIEWER, **asked, limit=20, start_key=None, ports=fake.ports)
        return [i.application_id for i in items]

    assert queue() == [yingze, xiaodian]
    assert queue(status="pending") == [xiaodian]
    assert queue(county="140106") == [yingze]
    assert queue(month="2026-10") == []
    with pytest.raises(AppError) as outside:
        queue(county="140213")
    assert outside.value.code == "OUTSIDE_REGION"


def test_a_printed_forms_qr_code_proves_the_case_with_masks_only(fake: Fakes) -> None:
    who = applicant(9)
    case = submitted(fake, who)
    review.decide(REVIEWER, case, "approve", None, NOW, ports=fake.ports)

    shown = verification.verify(case, ports=fake.ports)

    assert (shown.status, shown.name_masked, shown.locality.name) == ("approved", "王*雨", "太原市小店区")
    assert shown.id_number_masked != who.id_number and shown.id_number_masked.endswith(str(who.id_number)[-4:])
    with pytest.raises(AppError) as forged:
        verification.verify("0" * 32, ports=fake.ports)
    assert forged.value.code == "APPLICATION_NOT_FOUND"


def reviewer_of(region: str) -> Principal:
    return Principal(f"r-{region}", "审核员", None, frozenset({"applicant", "reviewer"}), region)


def four_cases(fake: Fakes) -> dict[str, str]:
    """One case per locality, each submitted at 01:30 China time a day apart: China days 11-29, 11-30, 12-01, 12-02
    (the UTC day before each), 太原市本级, two 太原 counties and a 大同 county (newest)."""
    places = {"shi": "140100", "xiaodian": "140105", "yingze": "140106", "datong": "140212"}
    first = datetime(2026, 11, 28, 17, 30, tzinfo=UTC)
    return {
        place: submitted(fake, applicant(20 + i), locality=code, now=first + timedelta(days=i))
        for i, (place, code) in enumerate(places.items())
    }


def test_each_region_sees_its_queue_newest_first_and_a_county_inside_it(fake: Fakes) -> None:
    cases = four_cases(fake)
    taiyuan, xiaodian, province = reviewer_of("140100"), reviewer_of("140105"), reviewer_of("140000")

    def queue(who: Principal, county: str | None = None) -> list[str]:
        items, _ = review.queue(who, status=None, month=None, county=county, limit=20, start_key=None, ports=fake.ports)
        return [i.application_id for i in items]

    assert queue(taiyuan) == [cases["yingze"], cases["xiaodian"], cases["shi"]]
    assert queue(xiaodian) == [cases["xiaodian"]]
    assert queue(province) == [cases["datong"], cases["yingze"], cases["xiaodian"], cases["shi"]]
    assert queue(taiyuan, "140105") == [cases["xiaodian"]]
    assert queue(taiyuan, "140100") == [cases["shi"]]  # a city's code: its 市本级 alone
    assert queue(province, "140212") == [cases["datong"]]
    for who, county in ((taiyuan, "140212"), (xiaodian, "140106"), (xiaodian, "140100")):
        with pytest.raises(AppError) as outside:
            queue(who, county)
        assert outside.value.code == "OUTSIDE_REGION"


def test_the_queue_filters_by_status_and_the_china_month(fake: Fakes) -> None:
    cases = four_cases(fake)
    taiyuan, province = reviewer_of("140100"), reviewer_of("140000")
    review.decide(taiyuan, cases["xiaodian"], "approve", None, NOW + timedelta(days=10), ports=fake.ports)

    def queue(who: Principal, **filters: str) -> list[str]:
        asked = {"status": None, "month": None, "county": None, **filters}
        items, _ = review.queue(who, **asked, limit=20, start_key=None, ports=fake.ports)
        return [i.application_id for i in items]

    assert queue(taiyuan, status="pending") == [cases["yingze"], cases["shi"]]
    assert queue(taiyuan, status="approved") == [cases["xiaodian"]]
    assert queue(taiyuan, status="approved", county="140105") == [cases["xiaodian"]]
    assert queue(taiyuan, status="approved", county="140106") == []
    # shi was submitted 11-28T17:30Z = 11-29 in China; xiaodian 11-29T17:30Z = 11-30; yingze 11-30T17:30Z = 12-01
    assert queue(taiyuan, month="2026-11") == [cases["xiaodian"], cases["shi"]]
    assert queue(taiyuan, month="2026-12") == [cases["yingze"]]
    assert queue(province, month="2026-12", status="pending") == [cases["datong"], cases["yingze"]]
    assert queue(province, month="2026-11", status="approved") == [cases["xiaodian"]]
    (approved,), _ = review.queue(
        taiyuan, status="approved", month=None, county=None, limit=20, start_key=None, ports=fake.ports
    )
    assert (approved.status, approved.status_label, approved.month) == ("approved", "审核通过", "2026-11")
