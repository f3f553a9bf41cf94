"""好差评 on the fakes: rating once, only one's own finished case, the 差评 loop and its reminder, the summary."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

import pytest

from chalicelib.domain.principal import Principal
from chalicelib.domain.ratings import reviewers_inbox
from chalicelib.errors import AppError
from chalicelib.services import applications, jobs, ratings
from tests.services.builders import NOW, REVIEWER, applicant, approved, submitted
from tests.services.fakes import Fakes

OTHER_CITY = Principal("r-datong", "审核员", None, frozenset({"applicant", "reviewer"}), "140200")  # 大同市


def rating(case_id: str, level: int = 5, **more: Any) -> dict[str, Any]:
    return {"case_type": "application", "case_id": case_id, "level": level, **more}


def refused(call: Any) -> str:
    with pytest.raises(AppError) as error:
        call()
    return error.value.code


def test_an_approved_application_is_rated_once_and_its_detail_shows_it(fake: Fakes) -> None:
    who = applicant(1)
    case = approved(fake, who)

    given = ratings.rate(who, rating(case, 4, tags=["流程便捷"], comment="办理很快"), NOW, ports=fake.ports)

    assert (given.level, given.level_label, given.bad, given.tags) == (4, "满意", False, ["流程便捷"])
    assert refused(lambda: ratings.rate(who, rating(case, 1), NOW, ports=fake.ports)) == "ALREADY_RATED"
    detail = applications.detail_for_owner(who, case, ports=fake.ports)
    assert detail.rating is not None and detail.rating.rating_id == given.rating_id


def test_a_pending_case_cannot_be_rated_and_anothers_case_is_not_found(fake: Fakes) -> None:
    owner = applicant(2)
    pending = submitted(fake, owner)
    assert refused(lambda: ratings.rate(owner, rating(pending), NOW, ports=fake.ports)) == "CASE_NOT_FINISHED"
    assert refused(lambda: ratings.rate(applicant(3), rating(pending), NOW, ports=fake.ports)) == "CASE_NOT_FOUND"
    assert refused(lambda: ratings.rate(owner, rating("f" * 32), NOW, ports=fake.ports)) == "CASE_NOT_FOUND"


def test_the_rules_of_a_rating_are_all_said_at_once(fake: Fakes) -> None:
    who = applicant(4)
    case = approved(fake, who)
    bad = {"case_type": "letter", "case_id": case, "level": 6, "tags": ["很好"], "comment": "长" * 301}

    with pytest.raises(AppError) as error:
        ratings.rate(who, bad, NOW, ports=fake.ports)

    assert error.value.code == "VALIDATION_FAILED"
    assert {p.field for p in error.value.details} == {"case_type", "level", "tags", "comment"}


def test_a_bad_rating_is_listed_for_its_region_only_followed_up_and_summed_up(fake: Fakes) -> None:
    who = applicant(5)
    case = approved(fake, who)  # 140105 小店区, 太原市
    given = ratings.rate(who, rating(case, 1, comment="电话13912345678没人接"), NOW, ports=fake.ports)
    page, _ = ratings.region_list(
        REVIEWER, level_max=2, county=None, month=None, limit=10, start_key=None, ports=fake.ports
    )
    assert [r.rating_id for r in page] == [given.rating_id]
    assert "13912345678" not in page[0].comment  # masked for staff
    elsewhere, _ = ratings.region_list(
        OTHER_CITY, level_max=2, county=None, month=None, limit=10, start_key=None, ports=fake.ports
    )
    assert elsewhere == []
    assert refused(lambda: ratings.detail(OTHER_CITY, given.rating_id, ports=fake.ports)) == "RATING_NOT_FOUND"

    followed = ratings.follow_up(
        REVIEWER, given.rating_id, {"action": "回访", "note": "已电话回访"}, NOW, ports=fake.ports
    )

    assert [(f.action, f.note) for f in followed.follow_ups] == [("回访", "已电话回访")]
    summary = ratings.summary(REVIEWER, county=None, month="2026-11", now=NOW, ports=fake.ports)
    assert (summary.count, summary.bad, summary.counts["1"], summary.satisfaction_rate) == (1, 1, 1, 0.0)


def test_a_reviewer_cannot_follow_up_their_own_rating(fake: Fakes) -> None:
    staff_applicant = Principal("u-6", "审核员", applicant(6).id_number, frozenset({"applicant", "reviewer"}), "140100")
    case = approved(fake, staff_applicant)
    given = ratings.rate(staff_applicant, rating(case, 2), NOW, ports=fake.ports)
    note = {"action": "整改", "note": "自查"}
    assert refused(lambda: ratings.follow_up(staff_applicant, given.rating_id, note, NOW, ports=fake.ports)) == (
        "OWN_RATING"
    )


def test_a_bad_rating_without_follow_up_reminds_the_reviewers_once_after_five_working_days(fake: Fakes) -> None:
    who = applicant(7)
    case = approved(fake, who)
    given = ratings.rate(who, rating(case, 2), NOW, ports=fake.ports)  # Thursday 2026-11-26
    inbox = reviewers_inbox("140105")

    assert ratings.remind_overdue(NOW + timedelta(days=6), ports=fake.ports) == 0  # Wednesday: 4 working days
    fake.clock.now = NOW + timedelta(days=7)  # Thursday 2026-12-03: the fifth working day
    jobs.morning(fake.clock.now, ports=fake.ports)
    jobs.morning(fake.clock.now, ports=fake.ports)  # a rerun says nothing twice

    told = [m for (who_, _), m in fake.db.messages.items() if who_ == inbox]
    assert [m.kind for m in told] == ["rating_follow_up_due"]
    assert fake.db.ratings[given.rating_id].reminded_on == "2026-12-03"


def test_a_followed_up_bad_rating_is_not_reminded(fake: Fakes) -> None:
    who = applicant(8)
    given = ratings.rate(who, rating(approved(fake, who), 1), NOW, ports=fake.ports)
    ratings.follow_up(REVIEWER, given.rating_id, {"action": "申诉复核", "note": "复核中"}, NOW, ports=fake.ports)

    assert ratings.remind_overdue(NOW + timedelta(days=30), ports=fake.ports) == 0


def test_a_comment_never_reaches_the_log(fake: Fakes, service_log: list[logging.LogRecord]) -> None:
    who = applicant(9)
    case = approved(fake, who)
    service_log.clear()

    ratings.rate(who, rating(case, 1, comment="经办人说话难听，电话13912345678"), NOW, ports=fake.ports)

    logged = " ".join(str(record.__dict__) for record in service_log)
    assert "case rated" in logged
    assert "说话难听" not in logged and "13912345678" not in logged
