"""The search tables' layout: the scopes a position is listed under, and the one a search reads."""

from __future__ import annotations

from datetime import date
from itertools import product

import pytest

from chalicelib.adapters.search_layout import (
    PostingRead,
    is_posting,
    listing_scopes,
    marker_scope,
    posting_partition,
    posting_read,
    query_scope,
    region_part,
    term_count_scope,
    term_of_partition,
)
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


def test_a_keyword_search_of_any_filter_reads_its_region_partition_and_filters_on_attributes() -> None:
    read = posting_read(query_scope(Area.city("140100"), "bachelor", "I"), "软件")

    assert read == PostingRead(posting_partition("C140100", "软件"), "bachelor", "I", None)


def test_a_single_character_in_a_county_is_read_from_its_city_filtered_on_the_county() -> None:
    assert posting_read("K140105", "软") == PostingRead(posting_partition("C140100", "软"), None, None, "140105")
    assert posting_read("K140105", "软件").partition == posting_partition("K140105", "软件")


def test_postings_never_share_a_partition_with_listings_counts_or_markers() -> None:
    partition = posting_partition("P", "#P")

    assert is_posting(partition)
    assert not is_posting(term_count_scope("软件"))
    assert not is_posting(marker_scope("9f1c"))
    assert term_of_partition(partition) == "#P", "a term may hold the separator"
    assert partition not in set(listing_scopes("140100", "140105", "bachelor", "I"))


def test_a_demo_position_has_at_most_a_quarter_of_the_postings_of_the_12_scope_layout() -> None:
    from chalicelib.adapters.keyword_store import postings_of
    from chalicelib.domain.keywords import index_terms, search_text
    from chalicelib.domain.regions import shanxi
    from scripts.demo_data import demo_positions

    fields = demo_positions(40, seed=7, today=date(2026, 11, 26))
    now, before = 0, 0
    for i, body in enumerate(fields):
        indexed = {**body, "position_id": f"p{i}", "published_at": "2026-11-26T10:00:00+08:00", "stipend": 1800}
        indexed["city_code"] = shanxi().locality(body["county_code"]).city_code  # type: ignore[union-attr]
        now += len(postings_of(indexed))
        before += 12 * len(index_terms(search_text(body["title"], body["employer_name"], body["majors"])))

    assert now / len(fields) <= 130
    assert now * 4 <= before
