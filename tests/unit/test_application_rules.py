"""The rules of "The application form" (API.md), as the pure functions of chalicelib/domain/applications.py."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from chalicelib.domain.applications import AttachmentFacts, add_months, check_attachments, check_form
from chalicelib.domain.principal import Principal
from scripts.factories import as_parsed, graduate_form, id_number, with_wrong_check_char

TODAY = date(2026, 12, 1)
BIRTH = date(2003, 5, 17)
ID = id_number(BIRTH)
NAME = "张三"


def me(number: str = ID, name: str | None = NAME) -> Principal:
    return Principal(subject="u1", name=name, id_number=number, roles=frozenset({"applicant"}), region=None)


def graduate(**changes: Any) -> dict[str, Any]:
    return as_parsed(graduate_form(NAME, ID, ["a1", "a2"], date(2026, 7, 1), **{"major": "法学", **changes}))


def youth(birth: date, **changes: Any) -> tuple[dict[str, Any], Principal]:
    number = id_number(birth)
    form = graduate(id_number=number, person_category="unemployed_youth", education="secondary_vocational")
    for optional in ("school", "major", "graduation_date"):
        form.pop(optional)
    form.update(changes)
    return form, me(number)


def codes(problems: list[Any]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for problem in problems:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in problem.message), problem  # Chinese, for people
        found.setdefault(problem.field, []).append(problem.code)
    return found


def years_before(day: date, years: int) -> date:
    return day.replace(year=day.year - years)


# ----------------------------------------------------------------------------------------------- a valid form


def test_a_valid_graduate_form_has_no_problems() -> None:
    assert check_form(graduate(), me(), TODAY) == []


def test_a_valid_unemployed_youth_form_needs_no_school_major_or_graduation_date() -> None:
    form, principal = youth(date(2005, 1, 1))
    assert check_form(form, principal, TODAY) == []


# ----------------------------------------------------------------------------------------------- id_number, name


@pytest.mark.parametrize(
    ("number", "code"),
    [
        (with_wrong_check_char(ID), "INVALID_CHECKSUM"),
        (ID[:17], "INVALID_FORMAT"),
        (ID + "1", "INVALID_FORMAT"),
        ("14010520030517A23X", "INVALID_FORMAT"),
        # Calendar dates that never were, with a correct check character: the birth date decides.
        (id_number("20030230"), "INVALID_BIRTH_DATE"),
        (id_number("20031301"), "INVALID_BIRTH_DATE"),
        (id_number("20050229"), "INVALID_BIRTH_DATE"),
    ],
)
def test_an_invalid_id_number_is_a_field_error(number: str, code: str) -> None:
    assert codes(check_form(graduate(id_number=number), me(), TODAY)) == {"id_number": [code]}


def test_a_lower_case_x_check_character_is_the_same_number() -> None:
    number = next(n for n in (id_number(BIRTH, serial=s) for s in range(1000)) if n.endswith("X"))
    assert check_form(graduate(id_number=number.lower()), me(number), TODAY) == []


def test_the_id_number_must_be_the_callers_own() -> None:
    someone_else = id_number(BIRTH, serial=125)
    assert codes(check_form(graduate(id_number=someone_else), me(), TODAY)) == {"id_number": ["NOT_YOURS"]}


def test_the_name_must_be_the_callers_real_name() -> None:
    assert codes(check_form(graduate(name="李四"), me(), TODAY)) == {"name": ["NOT_YOURS"]}
    assert "name" in codes(check_form(graduate(), me(name=None), TODAY))


def test_a_birth_date_after_today_is_not_a_real_birth_date() -> None:
    unborn = id_number(TODAY + timedelta(days=1))
    assert "id_number" in codes(check_form(graduate(id_number=unborn), me(unborn), TODAY))


# ----------------------------------------------------------------------------------------------- phone, education


@pytest.mark.parametrize("phone", ["13012345678", "13812345678", "15912345678", "19912345678"])
def test_a_mainland_mobile_number_is_accepted(phone: str) -> None:
    assert check_form(graduate(phone=phone), me(), TODAY) == []


@pytest.mark.parametrize(
    "phone",
    ["12812345678", "1381234567", "138123456789", "03517731427", "0351-7731427", "+8613812345678", "1381234567a"],
)
def test_anything_but_a_mainland_mobile_number_is_a_field_error(phone: str) -> None:
    assert codes(check_form(graduate(phone=phone), me(), TODAY)) == {"phone": ["INVALID_PHONE"]}


@pytest.mark.parametrize("education", ["any", "kindergarten", ""])
def test_education_is_a_real_level_not_any(education: str) -> None:
    assert codes(check_form(graduate(education=education), me(), TODAY)) == {"education": ["UNKNOWN_VALUE"]}


def test_an_unknown_person_category_is_a_field_error() -> None:
    assert codes(check_form(graduate(person_category="retired"), me(), TODAY)) == {"person_category": ["UNKNOWN_VALUE"]}


def test_texts_longer_than_the_form_allows_are_field_errors() -> None:
    long_name = "张" * 51
    problems = codes(check_form(graduate(name=long_name, address="路" * 201), me(name=long_name), TODAY))
    assert problems == {"name": ["TOO_LONG"], "address": ["TOO_LONG"]}
    assert check_form(graduate(name="张" * 50, address="路" * 200), me(name="张" * 50), TODAY) == []


# ----------------------------------------------------------------------------------------------- locality


@pytest.mark.parametrize("code", ["140105", "140100", "141100", "140212"])
def test_a_county_or_a_citys_own_level_is_a_locality(code: str) -> None:
    assert check_form(graduate(locality=code), me(), TODAY) == []


@pytest.mark.parametrize("code", ["140000", "149999", "110101", "1401", "太原"])
def test_the_province_or_an_unknown_code_is_not_a_locality(code: str) -> None:
    assert codes(check_form(graduate(locality=code), me(), TODAY)) == {"locality": ["INVALID_REGION"]}


# ----------------------------------------------------------------------------------------------- graduates


@pytest.mark.parametrize("missing", ["school", "major", "graduation_date"])
def test_a_graduate_names_school_major_and_graduation_date(missing: str) -> None:
    form = graduate()
    del form[missing]
    assert codes(check_form(form, me(), TODAY)) == {missing: ["REQUIRED"]}


@pytest.mark.parametrize(("field", "blank"), [("school", ""), ("major", ""), ("graduation_date", None)])
def test_a_blank_school_major_or_graduation_date_is_missing(field: str, blank: str | None) -> None:
    assert codes(check_form(graduate(**{field: blank}), me(), TODAY)) == {field: ["REQUIRED"]}


def test_graduation_today_is_fine_and_tomorrow_is_in_the_future() -> None:
    assert check_form(graduate(graduation_date=TODAY), me(), TODAY) == []
    tomorrow = TODAY + timedelta(days=1)
    assert codes(check_form(graduate(graduation_date=tomorrow), me(), TODAY)) == {"graduation_date": ["IN_THE_FUTURE"]}


def test_graduation_exactly_24_months_before_submission_is_within_the_window() -> None:
    assert check_form(graduate(graduation_date=date(2024, 12, 1)), me(), TODAY) == []


@pytest.mark.parametrize("graduated", [date(2024, 11, 30), date(2024, 11, 2)])
def test_graduation_a_day_more_than_24_months_before_submission_is_outside_the_window(graduated: date) -> None:
    assert codes(check_form(graduate(graduation_date=graduated), me(), TODAY)) == {"graduation_date": ["NOT_ELIGIBLE"]}


def test_graduation_25_months_before_submission_is_outside_the_window() -> None:
    assert codes(check_form(graduate(graduation_date=date(2024, 11, 1)), me(), TODAY)) == {
        "graduation_date": ["NOT_ELIGIBLE"]
    }


def test_a_youth_is_not_held_to_the_graduation_window() -> None:
    form, principal = youth(date(2005, 1, 1), graduation_date=date(2015, 7, 1))
    assert check_form(form, principal, TODAY) == []


# ----------------------------------------------------------------------------------------------- unemployed youth


@pytest.mark.parametrize(
    ("birth", "eligible"),
    [
        (years_before(TODAY, 16), True),  # 16th birthday today
        (years_before(TODAY, 16) + timedelta(days=1), False),  # 16 tomorrow
        (years_before(TODAY, 25) + timedelta(days=1), True),  # 25 tomorrow: still 24 today
        (years_before(TODAY, 25), False),  # 25th birthday today
        (years_before(TODAY, 40), False),
    ],
)
def test_a_youth_is_16_to_24_on_the_day_of_submission(birth: date, eligible: bool) -> None:
    form, principal = youth(birth)
    problems = codes(check_form(form, principal, TODAY))
    assert problems == ({} if eligible else {"person_category": ["NOT_ELIGIBLE"]})


def test_a_leap_day_child_is_16_on_the_leap_day_not_the_day_before() -> None:
    form, principal = youth(date(2012, 2, 29))
    assert codes(check_form(form, principal, date(2028, 2, 28))) == {"person_category": ["NOT_ELIGIBLE"]}
    assert check_form(form, principal, date(2028, 2, 29)) == []


def test_an_invalid_id_number_is_reported_once_not_also_as_an_age() -> None:
    form, principal = youth(date(2005, 1, 1))
    form["id_number"] = with_wrong_check_char(form["id_number"])
    assert codes(check_form(form, principal, TODAY)) == {"id_number": ["INVALID_CHECKSUM"]}


def test_every_broken_rule_is_reported_at_once() -> None:
    form = graduate(
        name="李四", phone="123", education="any", locality="140000", graduation_date=TODAY + timedelta(days=3)
    )
    assert set(codes(check_form(form, me(), TODAY))) == {"name", "phone", "education", "locality", "graduation_date"}


# ----------------------------------------------------------------------------------------------- add_months


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2024, 12, 1), 24, date(2026, 12, 1)),
        (date(2024, 2, 29), 24, date(2026, 2, 28)),  # a day the month lacks becomes its last day
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2025, 11, 30), 14, date(2027, 1, 30)),
    ],
)
def test_add_months_keeps_the_day_or_the_month_end(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


# ----------------------------------------------------------------------------------------------- attachments


def fact(
    attachment_id: str, kind: str, *, owned: bool = True, uploaded: bool = True, in_use: bool = False
) -> AttachmentFacts:
    return AttachmentFacts(attachment_id, owned=owned, uploaded=uploaded, kind=kind, in_use_elsewhere=in_use)


def facts(*items: AttachmentFacts) -> dict[str, AttachmentFacts]:
    return {f.attachment_id: f for f in items}


GRADUATE = "graduate_within_2_years"
YOUTH = "unemployed_youth"


def test_a_graduate_brings_an_id_card_and_a_graduation_certificate() -> None:
    known = facts(fact("a", "id_card"), fact("b", "graduation_certificate"), fact("c", "other"))
    assert check_attachments(["a", "b", "c"], known, GRADUATE) == []
    assert codes(check_attachments(["a", "c"], facts(known["a"], known["c"]), GRADUATE)) == {
        "attachments": ["MISSING_GRADUATION_CERTIFICATE"]
    }
    assert codes(check_attachments(["b"], facts(known["b"]), GRADUATE)) == {"attachments": ["MISSING_ID_CARD"]}


def test_a_youth_brings_an_id_card_and_an_unemployment_registration() -> None:
    known = facts(fact("a", "id_card"), fact("u", "unemployment_registration"), fact("g", "graduation_certificate"))
    assert check_attachments(["a", "u"], facts(known["a"], known["u"]), YOUTH) == []
    only_certificate = facts(known["a"], known["g"])
    assert codes(check_attachments(["a", "g"], only_certificate, YOUTH)) == {
        "attachments": ["MISSING_UNEMPLOYMENT_REGISTRATION"]
    }


def test_no_attachments_at_all_is_a_field_error() -> None:
    assert codes(check_attachments([], {}, GRADUATE)) == {"attachments": ["REQUIRED"]}


def test_more_than_ten_attachments_is_a_field_error() -> None:
    many = [fact(f"a{i}", "other") for i in range(11)]
    assert codes(check_attachments([f.attachment_id for f in many], facts(*many), GRADUATE)) == {
        "attachments": ["TOO_MANY"]
    }


def test_the_same_attachment_twice_is_a_field_error() -> None:
    known = facts(fact("a", "id_card"), fact("b", "graduation_certificate"))
    assert "DUPLICATE" in codes(check_attachments(["a", "b", "a"], known, GRADUATE))["attachments"]


def test_someone_elses_attachment_is_reported_as_not_found_and_does_not_count() -> None:
    known = facts(fact("a", "id_card", owned=False), fact("b", "graduation_certificate"))
    found = codes(check_attachments(["a", "b"], known, GRADUATE))["attachments"]
    assert found == ["NOT_FOUND", "MISSING_ID_CARD"]


def test_an_unknown_attachment_is_reported_as_not_found() -> None:
    known = facts(fact("a", "id_card"), fact("b", "graduation_certificate"))
    assert codes(check_attachments(["a", "b", "zzz"], known, GRADUATE)) == {"attachments": ["NOT_FOUND"]}


def test_an_attachment_still_awaiting_its_upload_is_a_field_error_and_does_not_count() -> None:
    known = facts(fact("a", "id_card", uploaded=False), fact("b", "graduation_certificate"))
    assert codes(check_attachments(["a", "b"], known, GRADUATE)) == {"attachments": ["NOT_UPLOADED", "MISSING_ID_CARD"]}


def test_an_attachment_in_use_by_another_live_application_is_a_field_error() -> None:
    known = facts(fact("a", "id_card", in_use=True), fact("b", "graduation_certificate"))
    assert codes(check_attachments(["a", "b"], known, GRADUATE)) == {"attachments": ["ATTACHMENT_IN_USE"]}
