"""The rules on what staff write into a position."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from chalicelib.domain.positions import check_position_fields, effective_status
from chalicelib.domain.vocabulary import EDUCATION_LABELS, INDUSTRY_LABELS
from scripts.factories import as_parsed, credit_code, position_body, with_wrong_check_char

TODAY = date(2030, 6, 1)


def typed(**overrides: Any) -> dict[str, Any]:
    """A position body as the parser hands it to the rules: the deadline is a date."""
    return as_parsed(position_body(**{"deadline": "2030-06-30", **overrides}))


def problems(**overrides: Any) -> dict[str, str]:
    return {p.field: p.code for p in check_position_fields(typed(**overrides), today=TODAY)}


def test_a_valid_position_has_no_problems() -> None:
    assert check_position_fields(typed(), today=TODAY) == []


def test_only_the_given_fields_are_checked() -> None:
    assert check_position_fields({}, today=TODAY) == []
    assert check_position_fields({"headcount": 0}, today=TODAY)[0].field == "headcount"


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        (
            "employer_credit_code",
            with_wrong_check_char(credit_code()),
            "INVALID_CREDIT_CODE",
        ),
        ("employer_credit_code", "", "INVALID_CREDIT_CODE"),
        ("employer_credit_code", credit_code()[:17], "INVALID_CREDIT_CODE"),
        ("employer_credit_code", "91140100MA0K1234I0", "INVALID_CREDIT_CODE"),  # I is not in the alphabet
        ("industry", "U", "UNKNOWN_VALUE"),
        ("industry", "", "UNKNOWN_VALUE"),
        ("industry", "i", "UNKNOWN_VALUE"),
        ("county_code", "140000", "INVALID_REGION"),  # the province is not a county-level entry
        ("county_code", "110105", "INVALID_REGION"),  # Beijing
        ("county_code", "999999", "INVALID_REGION"),
        ("headcount", 0, "OUT_OF_RANGE"),
        ("headcount", -1, "OUT_OF_RANGE"),
        ("headcount", 10_000, "OUT_OF_RANGE"),
        ("education", "high_school", "UNKNOWN_VALUE"),
        ("education", "本科", "UNKNOWN_VALUE"),  # the label is not the value
        ("majors", [f"m{i}" for i in range(11)], "TOO_MANY"),
        ("majors", ["x" * 51], "INVALID_ITEM"),
        ("majors", [" "], "INVALID_ITEM"),
        ("majors", [""], "INVALID_ITEM"),
        ("stipend_yuan_per_month", -1, "OUT_OF_RANGE"),
        ("stipend_yuan_per_month", 100_001, "OUT_OF_RANGE"),
        ("duration_months", 2, "OUT_OF_RANGE"),
        ("duration_months", 13, "OUT_OF_RANGE"),
        ("deadline", date(2030, 5, 31), "IN_THE_PAST"),
        ("contact_phone", "7731427", "INVALID_PHONE"),
        ("contact_phone", "12812345678", "INVALID_PHONE"),
        ("contact_phone", "1381234567", "INVALID_PHONE"),
        ("contact_phone", "phone", "INVALID_PHONE"),
        ("title", "t" * 61, "TOO_LONG"),
        ("title", " ", "REQUIRED"),
        ("employer_name", "e" * 101, "TOO_LONG"),
        ("address", "a" * 201, "TOO_LONG"),
        ("description", "d" * 5001, "TOO_LONG"),
        ("contact_name", "c" * 31, "TOO_LONG"),
        ("contact_name", "", "REQUIRED"),
    ],
)
def test_each_rule_names_its_field(field: str, value: Any, code: str) -> None:
    found = check_position_fields(typed(**{field: value}), today=TODAY)

    assert [(p.field, p.code) for p in found] == [(field, code)]
    assert found[0].message  # a Chinese message for people
    assert any("\u4e00" <= ch <= "\u9fff" for ch in found[0].message)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("headcount", 1),
        ("headcount", 9999),
        ("duration_months", 3),
        ("duration_months", 12),
        ("stipend_yuan_per_month", 0),
        ("deadline", TODAY),
        ("contact_phone", "0351-7731427"),
        ("contact_phone", "03517731427"),
        ("contact_phone", "13912345678"),
        ("county_code", "140100"),  # a city's 市本级
        ("county_code", "141127"),
        ("majors", []),
        ("majors", ["m" * 50] * 10),
        ("title", "t" * 60),
    ],
)
def test_values_at_the_edges_are_accepted(field: str, value: Any) -> None:
    assert problems(**{field: value}) == {}


@pytest.mark.parametrize("education", sorted(EDUCATION_LABELS))
def test_every_education_value_is_accepted(education: str) -> None:
    assert problems(education=education) == {}


@pytest.mark.parametrize("industry", sorted(INDUSTRY_LABELS))
def test_every_industry_value_is_accepted(industry: str) -> None:
    assert problems(industry=industry) == {}


def test_the_industries_are_the_national_standards_a_to_t() -> None:
    assert sorted(INDUSTRY_LABELS) == [chr(c) for c in range(ord("A"), ord("T") + 1)]


def test_several_problems_are_reported_together() -> None:
    assert problems(headcount=0, duration_months=1, industry="Z") == {
        "headcount": "OUT_OF_RANGE",
        "duration_months": "OUT_OF_RANGE",
        "industry": "UNKNOWN_VALUE",
    }


@pytest.mark.parametrize(
    ("status", "deadline", "expected"),
    [
        ("open", "2030-06-01", "open"),  # the deadline day itself is still open
        ("open", "2030-06-02", "open"),
        ("open", "2030-05-31", "closed"),
        ("closed", "2030-06-30", "closed"),
    ],
)
def test_effective_status_closes_a_position_after_its_deadline(status: str, deadline: str, expected: str) -> None:
    assert effective_status(status, deadline, TODAY) == expected
