"""Submit (申报), my cases (我的办件) and withdraw (撤回), on the fakes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from msgspec import structs

from chalicelib.adapters.models import Application
from chalicelib.answers.people import me
from chalicelib.domain.principal import Principal
from chalicelib.domain.records import ApplicationRecord
from chalicelib.errors import AppError
from chalicelib.ports.stores import Staged
from chalicelib.services import applications
from scripts.factories import id_number, youth_form
from tests.services.builders import NOW, applicant, form, submitted, uploaded
from tests.services.fakes import FakeApplications, Fakes


def test_a_submitted_case_is_pending_holds_its_files_and_tells_the_applicant(fake: Fakes) -> None:
    who = applicant(1)
    ids = uploaded(fake, who.subject)

    answer = applications.submit(who, form(who, ids), NOW, ports=fake.ports)

    assert answer.status == "pending"
    assert answer.month == "2026-11"
    case = fake.db.applications[answer.application_id]
    assert (case.applicant, case.locality, case.city_code) == (who.subject, "140105", "140100")
    person = fake.db.people[who.subject]
    assert (person.live_application_id, person.live_status) == (answer.application_id, "pending")
    assert {fake.db.attachments[i].in_use_by for i in ids} == {answer.application_id}
    assert [m.kind for m in fake.db.messages.values()] == ["application_submitted"]


def test_a_second_case_while_one_is_live_is_refused_before_any_check(fake: Fakes) -> None:
    who = applicant(2)
    submitted(fake, who)
    broken = {**form(who, uploaded(fake, who.subject)), "phone": "12"}  # said first, before the bad phone

    with pytest.raises(AppError) as refused:
        applications.submit(who, broken, NOW, ports=fake.ports)

    assert refused.value.code == "APPLICATION_EXISTS"
    assert len(fake.db.applications) == 1


class _LosesTheRace(FakeApplications):
    """A parallel submit of the same person takes the lock between our snapshot and our transaction."""

    def __init__(self, fake: Fakes, rival: Application) -> None:
        super().__init__(fake.db)
        self.rival = rival

    def submit(
        self, record: ApplicationRecord, attachment_ids: Sequence[str], notice: Staged | None, *, at: datetime
    ) -> None:
        super().submit(self.rival, [], None, at=at)
        super().submit(record, attachment_ids, notice, at=at)


def test_the_transaction_decides_a_race_and_the_loser_writes_nothing(fake: Fakes) -> None:
    who = applicant(3)
    ids = uploaded(fake, who.subject)
    rival = Application("f" * 32, applicant=who.subject, locality="140105", status="pending", month="2026-11")
    racing = structs.replace(fake.ports, applications=_LosesTheRace(fake, rival))

    with pytest.raises(AppError) as refused:
        applications.submit(who, form(who, ids), NOW, ports=racing)

    assert refused.value.code == "APPLICATION_EXISTS"
    assert list(fake.db.applications) == [rival.application_id]
    assert {fake.db.attachments[i].in_use_by for i in ids} == {None}
    assert fake.db.messages == {}


def test_someone_elses_attachment_is_refused_field_by_field(fake: Fakes) -> None:
    who, other = applicant(4), applicant(5)
    ids = [uploaded(fake, who.subject)[0], uploaded(fake, other.subject, ("graduation_certificate",))[0]]

    with pytest.raises(AppError) as refused:
        applications.submit(who, form(who, ids), NOW, ports=fake.ports)

    assert refused.value.code == "VALIDATION_FAILED"
    assert {d.field for d in refused.value.details} == {"attachments"}
    assert fake.db.applications == {}
    assert fake.db.people.get(who.subject) is None


def test_withdrawing_frees_the_lock_and_the_files_for_a_new_case(fake: Fakes) -> None:
    who = applicant(6)
    first = submitted(fake, who)
    files = fake.db.applications[first].attachment_ids

    answer = applications.withdraw(who, first, NOW + timedelta(hours=1), ports=fake.ports)

    assert answer.status == "withdrawn"
    assert [h.status for h in answer.history] == ["pending", "withdrawn"]
    assert fake.db.people[who.subject].live_application_id is None
    assert {fake.db.attachments[i].in_use_by for i in files} == {None}
    again = applications.submit(who, form(who, files), NOW + timedelta(hours=2), ports=fake.ports)
    assert again.status == "pending"


def test_only_a_pending_case_can_be_withdrawn_and_only_by_its_owner(fake: Fakes) -> None:
    who = applicant(7)
    case = submitted(fake, who)

    with pytest.raises(AppError) as not_mine:
        applications.withdraw(applicant(8), case, NOW, ports=fake.ports)
    applications.withdraw(who, case, NOW, ports=fake.ports)
    with pytest.raises(AppError) as twice:
        applications.withdraw(who, case, NOW, ports=fake.ports)

    assert not_mine.value.code == "APPLICATION_NOT_FOUND"
    assert twice.value.code == "NOT_WITHDRAWABLE"


def test_my_cases_list_newest_first_by_month_in_pages(fake: Fakes) -> None:
    who = applicant(9)
    made = []
    for days in (0, 10, 40):  # 26 Nov, 6 Dec, 5 Jan
        case = submitted(fake, who, now=NOW + timedelta(days=days))
        applications.withdraw(who, case, NOW + timedelta(days=days, hours=1), ports=fake.ports)
        made.append(case)

    pages, start = [], None
    while True:
        items, start = applications.my_cases(who, status=None, month=None, limit=2, start_key=start, ports=fake.ports)
        pages.append([i.application_id for i in items])
        if start is None:
            break
    december, _ = applications.my_cases(who, status=None, month="2026-12", limit=20, start_key=None, ports=fake.ports)

    assert pages == [[made[2], made[1]], [made[0]]]
    assert [i.application_id for i in december] == [made[1]]
    assert december[0].id_number != who.id_number  # masked in a list line


# 2026-11-30T17:30:00Z is already 2026-12-01 in China: each rule's "today" is China's (the windows themselves are
# the domain's, tests/unit/test_application_rules.py).
EDGE = datetime(2026, 11, 30, 17, 30, tzinfo=UTC)
EDGE_DAY = date(2026, 12, 1)


def field_codes(call: Callable[[], object]) -> dict[str, list[str]]:
    with pytest.raises(AppError) as refused:
        call()
    codes: dict[str, list[str]] = {}
    for problem in refused.value.details:
        codes.setdefault(problem.field, []).append(problem.code)
    return codes


@pytest.mark.parametrize(
    ("graduated", "codes"),
    [
        (EDGE_DAY, {}),  # today in China, still yesterday in UTC
        (EDGE_DAY + timedelta(days=1), {"graduation_date": ["IN_THE_FUTURE"]}),
        (date(2024, 11, 30), {"graduation_date": ["NOT_ELIGIBLE"]}),  # 24 months and a day before
    ],
)
def test_graduation_is_judged_on_the_china_day_of_submission(
    fake: Fakes, graduated: date, codes: dict[str, list[str]]
) -> None:
    who = applicant(30)
    sent = {**form(who, uploaded(fake, who.subject)), "graduation_date": graduated}

    if codes:
        assert field_codes(lambda: applications.submit(who, sent, EDGE, ports=fake.ports)) == codes
    else:
        assert applications.submit(who, sent, EDGE, ports=fake.ports).status == "pending"


def youth(birth: date) -> tuple[Principal, dict[str, Any]]:
    who = Principal(f"u-youth-{birth.year}", "王芳", id_number(birth, serial=246), frozenset({"applicant"}), None)
    assert who.id_number is not None
    return who, youth_form("王芳", who.id_number, [])


def test_a_youth_is_16_on_the_china_day_of_the_16th_birthday_and_25_on_the_25th(fake: Fakes) -> None:
    sixteen, sixteen_form = youth(date(2010, 12, 1))
    twenty_five, twenty_five_form = youth(date(2001, 12, 1))
    files = ("id_card", "unemployment_registration")
    sixteen_form["attachments"] = uploaded(fake, sixteen.subject, files)
    twenty_five_form["attachments"] = uploaded(fake, twenty_five.subject, files)

    answer = applications.submit(sixteen, sixteen_form, EDGE, ports=fake.ports)
    too_old = field_codes(lambda: applications.submit(twenty_five, twenty_five_form, EDGE, ports=fake.ports))

    assert (answer.gender, answer.birth_date) == ("female", "2010-12-01")
    assert too_old == {"person_category": ["NOT_ELIGIBLE"]}


def test_a_citys_own_level_is_a_locality(fake: Fakes) -> None:
    who = applicant(31)
    applications.submit(who, form(who, uploaded(fake, who.subject), locality="140100"), NOW, ports=fake.ports)

    shown = me(who, fake.ports.people.get(who.subject)).locality

    assert shown is not None and (shown.code, shown.name) == ("140100", "太原市市本级")
