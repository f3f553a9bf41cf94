"""The search tables' layout: the scopes a position is listed under, and the one a search reads."""

from __future__ import annotations

from itertools import product

import pytest

from chalicelib.adapters.search_layout import listing_scopes, query_scope, region_part
from chalicelib.domain.areas import Area


def test_a_county_position_is_listed_under_12_distinct_scopes() -> None:
    scopes = listing_scopes("140100", "140105", "bachelor", "I")

    assert len(scopes) == 12
    assert len(set(scopes)) == 12
    assert set(scopes) == {
        f"{region}{edu}{ind}"
        for region in ("P", "C140100", "K140105")
        for edu in ("", "|Ebachelor")
        for ind in ("", "|II")
    }


def test_a_city_own_level_position_is_listed_under_its_city_and_its_own_level() -> None:
    scopes = listing_scopes("140100", "140100", "any", "C")

    assert len(set(scopes)) == 12
    assert "C140100" in scopes
    assert "K140100" in scopes


@pytest.mark.parametrize(
    ("area", "expected"),
    [(Area.province(), "P"), (Area.city("140100"), "C140100"), (Area.locality("140100"), "K140100")],
)
def test_an_area_is_read_from_one_region_part(area: Area, expected: str) -> None:
    assert region_part(area) == expected


def test_every_filter_combination_a_search_can_ask_finds_the_position() -> None:
    scopes = set(listing_scopes("140200", "140212", "master", "P"))

    areas = (Area.province(), Area.city("140200"), Area.locality("140212"))
    for area, edu, ind in product(areas, (None, "master"), (None, "P")):
        assert query_scope(area, edu, ind) in scopes, (area, edu, ind)


def test_filter_combinations_that_do_not_match_find_nothing() -> None:
    scopes = set(listing_scopes("140200", "140212", "master", "P"))

    for area, edu, ind in [
        (Area.city("140100"), None, None),
        (Area.locality("140200"), None, None),  # the 市本级 alone is not the county
        (Area.locality("140213"), None, None),
        (Area.province(), "bachelor", None),
        (Area.province(), None, "I"),
        (Area.province(), "any", None),
        (Area.city("140200"), "master", "I"),
    ]:
        assert query_scope(area, edu, ind) not in scopes, (area, edu, ind)


def test_education_and_industry_scopes_cannot_be_confused() -> None:
    # industry "E" (建筑业) and an education value never produce the same scope
    assert query_scope(Area.province(), None, "E") != query_scope(Area.province(), "E", None)
