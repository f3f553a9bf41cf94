"""Shanxi's divisions: 11 cities, 117 counties, 128 county-level entries, and staff scopes."""

from __future__ import annotations

import pytest

from chalicelib.domain.regions import CITY_OWN_LEVEL_NAME, PROVINCE_CODE, scope_contains, shanxi

CITY_NAMES = [
    "太原市",
    "大同市",
    "阳泉市",
    "长治市",
    "晋城市",
    "朔州市",
    "晋中市",
    "运城市",
    "忻州市",
    "临汾市",
    "吕梁市",
]


def test_eleven_cities_in_code_order() -> None:
    cities = shanxi().cities

    assert [c.name for c in cities] == CITY_NAMES
    assert [c.code for c in cities] == [f"14{n:02d}00" for n in range(1, 12)]
    assert shanxi().province_name == "山西省"


def test_117_counties_and_128_county_level_entries() -> None:
    entries = [loc for city in shanxi().cities for loc in city.localities]
    counties = [loc for loc in entries if not loc.is_city_own_level]

    assert len(counties) == 117
    assert len(entries) == 128
    assert len({loc.code for loc in entries}) == 128
    assert all(len(loc.code) == 6 and loc.code.startswith("14") for loc in entries)


def test_each_city_list_starts_with_its_own_level_under_its_own_code() -> None:
    for city in shanxi().cities:
        own, *counties = city.localities
        assert (own.code, own.name, own.city_code) == (city.code, CITY_OWN_LEVEL_NAME, city.code)
        assert own.is_city_own_level
        assert counties
        assert all(c.city_code == city.code and c.code[:4] == city.code[:4] for c in counties)
        assert all(c.code != city.code and not c.is_city_own_level for c in counties)
        assert [c.code for c in counties] == sorted(c.code for c in counties)


@pytest.mark.parametrize(
    ("code", "name", "city_code", "full_name"),
    [
        ("140105", "小店区", "140100", "太原市小店区"),
        ("140100", "市本级", "140100", "太原市市本级"),
        ("140212", "新荣区", "140200", "大同市新荣区"),
        ("141100", "市本级", "141100", "吕梁市市本级"),
    ],
)
def test_locality_lookup(code: str, name: str, city_code: str, full_name: str) -> None:
    locality = shanxi().locality(code)

    assert locality is not None
    assert (locality.name, locality.city_code, locality.full_name) == (name, city_code, full_name)


@pytest.mark.parametrize("code", ["140000", "110105", "999999", "1401", "", "140100 "])
def test_codes_that_are_not_county_level_entries(code: str) -> None:
    assert shanxi().locality(code) is None


def test_city_lookup() -> None:
    taiyuan = shanxi().city("140100")

    assert taiyuan is not None
    assert taiyuan.name == "太原市"
    assert shanxi().city("140105") is None
    assert shanxi().city(PROVINCE_CODE) is None


def test_known_codes_are_the_province_and_the_county_level_entries() -> None:
    assert shanxi().is_known(PROVINCE_CODE)
    assert shanxi().is_known("140100")
    assert shanxi().is_known("140105")
    assert not shanxi().is_known("110000")


# ----------------------------------------------------------------------------------------------- staff scopes


def _all_entries() -> list[str]:
    return [loc.code for city in shanxi().cities for loc in city.localities]


def test_the_province_covers_every_county_level_entry_and_nothing_else() -> None:
    assert all(scope_contains(PROVINCE_CODE, code) for code in _all_entries())
    assert not scope_contains(PROVINCE_CODE, "110105")
    assert not scope_contains(PROVINCE_CODE, PROVINCE_CODE)


def test_a_city_covers_its_own_level_and_its_counties_only() -> None:
    covered = [code for code in _all_entries() if scope_contains("140100", code)]

    taiyuan = shanxi().city("140100")
    assert taiyuan is not None
    assert covered == [loc.code for loc in taiyuan.localities]
    assert covered[0] == "140100"
    assert len(covered) == 11
    assert not scope_contains("140100", "140200")
    assert not scope_contains("140100", "140212")


def test_a_county_covers_itself_only() -> None:
    covered = [code for code in _all_entries() if scope_contains("140105", code)]

    assert covered == ["140105"]
    assert not scope_contains("140105", "140100")  # not its city's 市本级


@pytest.mark.parametrize("scope", ["999999", "110000", "", "14"])
def test_an_unknown_scope_covers_nothing(scope: str) -> None:
    assert not any(scope_contains(scope, code) for code in _all_entries())
