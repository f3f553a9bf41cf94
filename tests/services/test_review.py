"""The reviewers' queue and decisions (审核), on the fakes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from chalicelib.domain.principal import Principal
from chalicelib.errors import AppError
from chalicelib.services import review
from tests.services.builders import NOW, REVIEWER, applicant, submitted
from tests.services.fakes import Fakes


def test_approving_keeps_the_case_live_texts_the_applicant_and_is_audited(fake: Fakes) -> None:
    who = applicant(1)
    case = submitted(fake, who)

    answer = review.decide(REVIEWER, case, "approve", "材料齐全", NOW, stores=fake.stores)

    assert answer.status == "approved"
    assert answer.history[-1].comment == "材料齐全"
    assert fake.db.people[who.subject].live_status == "approved"
    assert fake.db.people[who.subject].live_application_id == case
    assert [(a.action, a.outcome, a.actor) for a in fake.db.audit] == [("approve", "approved", REVIEWER.subject)]
    assert [a.outcome for a in fake.db.logged] == ["approved"]  # and said in the log
    assert [m.kind for m in fake.db.messages] == ["application_submitted", "application_approved"]
    assert len(fake.db.outbox) == 1  # the decision's text to the real-name phone


def test_rejecting_frees_the_person_and_the_files(fake: Fakes) -> None:
    who = applicant(2)
    case = submitted(fake, who)

    answer = review.decide(REVIEWER, case, "reject", "材料不清晰", NOW, stores=fake.stores)

    assert answer.status == "rejected"
    assert fake.db.people[who.subject].live_application_id is None
    assert {a.in_use_by for a in fake.db.attachments.values()} == {None}


def test_a_decided_case_cannot_be_decided_again(fake: Fakes) -> None:
    case = submitted(fake, applicant(3))
    review.decide(REVIEWER, case, "approve", None, NOW, stores=fake.stores)

    with pytest.raises(AppError) as again:
        review.decide(REVIEWER, case, "reject", "重复", NOW, stores=fake.stores)

    assert again.value.code == "NOT_PENDING"
    assert fake.db.applications[case].status == "approved"


def test_a_reviewer_cannot_decide_their_own_case_and_the_attempt_is_on_record(fake: Fakes) -> None:
    who = applicant(4)
    case = submitted(fake, who)
    same_person = Principal("staff-account", who.name, who.id_number, frozenset({"applicant", "reviewer"}), "140000")

    with pytest.raises(AppError) as own:
        review.decide(same_person, case, "approve", None, NOW, stores=fake.stores)

    assert own.value.code == "OWN_APPLICATION"
    assert [a.outcome for a in fake.db.audit] == ["refused_own"]
    assert fake.db.applications[case].status == "pending"


def test_outside_the_region_a_case_does_not_exist(fake: Fakes) -> None:
    case = submitted(fake, applicant(5), locality="140105")  # 太原市小店区
    datong = Principal("r-datong", "审核员", None, frozenset({"applicant", "reviewer"}), "140200")

    with pytest.raises(AppError) as hidden:
        review.decide(datong, case, "approve", None, NOW, stores=fake.stores)

    assert hidden.value.code == "APPLICATION_NOT_FOUND"
    assert fake.db.audit == []


def test_the_queue_is_the_region_newest_first_by_status_and_county(fake: Fakes) -> None:
    xiaodian = submitted(fake, applicant(6), locality="140105", now=NOW)
    yingze = submitted(fake, applicant(7), locality="140106", now=NOW + timedelta(minutes=1))
    submitted(fake, applicant(8), locality="140213", now=NOW + timedelta(minutes=2))  # 大同: not Taiyuan's
    review.decide(REVIEWER, yingze, "approve", None, NOW, stores=fake.stores)

    def queue(**filters: str | None) -> list[str]:
        asked = {"status": None, "month": None, "county": None, **filters}
        items, _ = review.queue(REVIEWER, **asked, limit=20, start_key=None, stores=fake.stores)
        return [i.application_id for i in items]

    assert queue() == [yingze, xiaodian]
    assert queue(status="pending") == [xiaodian]
    assert queue(county="140106") == [yingze]
    assert queue(month="2026-10") == []
    with pytest.raises(AppError) as outside:
        queue(county="140213")
    assert outside.value.code == "OUTSIDE_REGION"
