"""统一社会信用代码 (GB 32100-2015): real codes pass, one mistyped or swapped character does not."""

from __future__ import annotations

import pytest

from chalicelib.domain.credit_code import check_character, is_valid_credit_code

# Published codes of well-known companies (their business licences are public).
KNOWN_VALID = (
    "914403001922038216",  # 华为技术有限公司
    "9144030071526726XG",  # 深圳市腾讯计算机系统有限公司
    "91330100716105852F",  # 阿里巴巴（中国）有限公司
    "91110000802100433B",
    "911100007109250324",
)


@pytest.mark.parametrize("code", KNOWN_VALID)
def test_published_codes_are_valid(code: str) -> None:
    assert is_valid_credit_code(code)


@pytest.mark.parametrize("code", KNOWN_VALID)
def test_any_other_check_character_is_refused(code: str) -> None:
    others = [c for c in "0123456789ABCDEFGHJKLMNPQRTUWXY" if c != code[17]]
    assert not any(is_valid_credit_code(code[:17] + c) for c in others)


def test_two_swapped_characters_are_caught() -> None:
    code = KNOWN_VALID[0]
    swapped = code[:8] + code[9] + code[8] + code[10:]
    assert code[8] != code[9]
    assert not is_valid_credit_code(swapped)


@pytest.mark.parametrize(
    "code",
    [
        "",
        "91440300192203821",  # 17 characters
        "9144030019220382166",  # 19
        "914403001922038I16",  # I is not in the alphabet (misread as 1)
        "9144030071526726xg",  # lower case is not the code as printed
        " 914403001922038216",
    ],
)
def test_wrong_shapes_are_refused(code: str) -> None:
    assert not is_valid_credit_code(code)


def test_the_weights_are_three_to_the_power_i_mod_31() -> None:
    # Only the first character differs by one step of the alphabet: the check character moves by weight 1.
    assert check_character("00000000000000000") == "0"
    assert check_character("10000000000000000") == "Y"  # (31 - 1) mod 31 = 30 → Y, the last
    assert check_character("01000000000000000") == "W"  # (31 - 3) = 28 → W
