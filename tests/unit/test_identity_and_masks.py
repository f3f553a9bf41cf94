"""Resident ID numbers (GB 11643), credit codes (GB 32100), mobile numbers, and the masks of personal data."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain.credit_code import check_character as credit_check_char
from chalicelib.domain.credit_code import is_valid_credit_code
from chalicelib.domain.identity import (
    IdNumberError,
    age_on,
    id_check_char,
    is_mobile_phone,
    parse_id_number,
)
from chalicelib.domain.masks import mask_id_number, mask_name, mask_phone, mask_text
from scripts.factories import credit_code, id_number

# ----------------------------------------------------------------------------------------------- ID numbers


@pytest.mark.parametrize(
    ("first17", "check"),
    [
        ("11010519491231002", "X"),  # the example of GB 11643-1999
        ("44052418800101001", "4"),  # the other example of the standard
        ("14010519900307123", "4"),
    ],
)
def test_id_check_character_of_known_numbers(first17: str, check: str) -> None:
    assert id_check_char(first17) == check


@pytest.mark.parametrize(
    ("number", "birth", "gender"),
    [
        ("11010519491231002X", date(1949, 12, 31), "female"),
        ("11010519491231002x", date(1949, 12, 31), "female"),  # a lower-case x is the same number
        (" 11010519491231002X ", date(1949, 12, 31), "female"),
        ("140105199003071234", date(1990, 3, 7), "male"),
        (id_number(date(2000, 2, 29), serial=2), date(2000, 2, 29), "female"),  # a leap day
    ],
)
def test_valid_id_numbers_give_birth_date_and_gender(number: str, birth: date, gender: str) -> None:
    assert parse_id_number(number) == (birth, gender)


@pytest.mark.parametrize(
    "number",
    [
        "11010519491231002",  # 17 characters
        "11010519491231002X1",  # 19
        "1101051949123100XX",
        "X10105194912310021",
        "11010519491231002Y",
        "110105-19491231002",
        "",
    ],
)
def test_malformed_id_numbers_are_invalid_format(number: str) -> None:
    with pytest.raises(IdNumberError) as caught:
        parse_id_number(number)
    assert caught.value.code == "INVALID_FORMAT"
    assert "18位" in caught.value.message


@pytest.mark.parametrize(
    "birth",
    [
        "20230230",  # 30 February
        "19990229",  # 29 February of a common year
        "20231301",  # month 13
        "20230100",  # day 0
        "18991231",  # before 1900
    ],
)
def test_impossible_birth_dates_are_refused_even_with_a_correct_check_digit(birth: str) -> None:
    with pytest.raises(IdNumberError) as caught:
        parse_id_number(id_number(birth))
    assert caught.value.code == "INVALID_BIRTH_DATE"
    assert "出生日期" in caught.value.message


@pytest.mark.parametrize("wrong", [c for c in "0123456789X" if c != id_number()[-1]])
def test_a_wrong_check_digit_is_invalid_checksum(wrong: str) -> None:
    with pytest.raises(IdNumberError) as caught:
        parse_id_number(id_number()[:-1] + wrong)
    assert caught.value.code == "INVALID_CHECKSUM"
    assert "校验位" in caught.value.message


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)), st.from_regex(r"\A\d{3}\Z"))
def test_any_real_birth_date_with_its_check_digit_is_valid(birth: date, sequence: str) -> None:
    number = id_number(birth, serial=int(sequence))

    assert parse_id_number(number)[0] == birth
    assert parse_id_number(number)[1] == ("male" if int(sequence[-1]) % 2 else "female")


@pytest.mark.parametrize(
    ("birth", "day", "age"),
    [
        (date(2000, 6, 15), date(2024, 6, 14), 23),
        (date(2000, 6, 15), date(2024, 6, 15), 24),
        (date(2000, 2, 29), date(2016, 2, 28), 15),
        (date(2000, 2, 29), date(2016, 3, 1), 16),
    ],
)
def test_age_on_a_day(birth: date, day: date, age: int) -> None:
    assert age_on(birth, day) == age


# ----------------------------------------------------------------------------------------------- credit codes


@pytest.mark.parametrize(
    "code",
    [
        "91350100M000100Y43",  # the example in GB 32100-2015
        "914403001922038216",
        "91330100716105852F",
        "9144030071526726XG",
        credit_code(),
    ],
)
def test_known_credit_codes_are_valid(code: str) -> None:
    assert is_valid_credit_code(code)
    assert credit_check_char(code[:17]) == code[17]


@pytest.mark.parametrize(
    "code",
    [
        "91350100M000100Y44",  # wrong check character
        "91350100M000100Y4",  # 17 characters
        "91350100M000100Y430",  # 19
        "91350100m000100Y43",  # lower case
        "91350100I000100Y43",  # I, O, S, V and Z are not in the alphabet
        "91350100O000100Y43",
        "91350100S000100Y43",
        "91350100V000100Y43",
        "91350100Z000100Y43",
        "",
    ],
)
def test_invalid_credit_codes(code: str) -> None:
    assert not is_valid_credit_code(code)


def test_every_other_check_character_is_refused() -> None:
    valid = credit_code()
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

    accepted = [c for c in alphabet if is_valid_credit_code(valid[:17] + c)]

    assert accepted == [valid[17]]


# ----------------------------------------------------------------------------------------------- phones


@pytest.mark.parametrize("phone", ["13812345678", "15012345678", "19912345678", "16612345678"])
def test_mainland_mobile_numbers(phone: str) -> None:
    assert is_mobile_phone(phone)


@pytest.mark.parametrize(
    "phone",
    ["12812345678", "10012345678", "1381234567", "138123456789", "+8613812345678", "138-1234-5678", "0351-7731427", ""],
)
def test_not_mobile_numbers(phone: str) -> None:
    assert not is_mobile_phone(phone)


# ----------------------------------------------------------------------------------------------- masks


def test_id_number_mask_shows_first_6_and_last_4() -> None:
    assert mask_id_number("14010519900307123X") == "140105********123X"
    assert mask_id_number(id_number()) == "140105********1234"


def test_phone_mask_shows_first_3_and_last_4() -> None:
    assert mask_phone("13812345678") == "138****5678"


@pytest.mark.parametrize("short", ["", "12345", "1234567890"])
def test_short_values_are_masked_entirely(short: str) -> None:
    assert mask_id_number(short) == "*" * len(short)
    if len(short) <= 7:
        assert mask_phone(short) == "*" * len(short)


def test_mask_text_masks_id_numbers_and_phones_in_a_log_line() -> None:
    line = '{"message": "申请人 张三 身份证 14010519900307123X 手机13812345678 提交失败", "phone": "15912345678"}'

    masked = mask_text(line)

    assert "14010519900307123X" not in masked
    assert "13812345678" not in masked
    assert "15912345678" not in masked
    assert "140105********123X" in masked
    assert "138****5678" in masked
    assert "159****5678" in masked
    assert "申请人 张三" in masked


def test_mask_text_masks_a_lower_case_x_id_number() -> None:
    assert mask_text("id=11010519491231002x;") == "id=110105********002x;"


@pytest.mark.parametrize(
    "text",
    [
        "request 5d9ec9ca-eb23-4b5a-8821-cc3d913d75af took 12.5 ms",
        "position 9c0727d0552a42e7820b87f71418d055",
        "stamp 20261126143140560123456 rows",  # a longer run of digits is not an ID number
        "order 123456789012345678901",
        "count 12812345678",  # not a mobile prefix
    ],
)
def test_mask_text_leaves_other_text_alone(text: str) -> None:
    assert mask_text(text) == text


@pytest.mark.parametrize(
    ("name", "masked"), [("王晓雨", "王*雨"), ("王雨", "王*"), ("欧阳晓娜", "欧**娜"), ("王", "*"), ("", "")]
)
def test_a_name_shows_its_first_and_last_character(name: str, masked: str) -> None:
    assert mask_name(name) == masked
