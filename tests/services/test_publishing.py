"""Publishing positions and finding them, on the fakes: staff regions, edits and closes as search sees them, every
filter, the deadline in China time, and paging. tests/api/test_positions_api.py keeps one case of each answer and
the wiring (query parameters, cursors, status codes); the stores' side of the same rules is held on moto too by
tests/adapters/test_position_store_contract.py."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from chalicelib.domain.principal import Principal
from chalicelib.errors import AppError
from chalicelib.ports.stores import SearchPage
from chalicelib.services import positions
from chalicelib.services.positions import SearchFilters
from tests.services.builders import MANAGER, NOW, position_fields, published
from tests.services.fakes import Fakes


def staff(region: str) -> Principal:
    return Principal(f"pm-{region}", "岗位管理员", None, frozenset({"applicant", "position_manager"}), region)


def refused(call: Any) -> str:
    with pytest.raises(AppError) as error:
        call()
    return error.value.code


def first_page(fake: Fakes, params: Mapping[str, str], *, now: datetime = NOW) -> SearchPage:
    """What `GET /v1/positions` reads for these query parameters (its area, then its filters)."""
    area = positions.search_area(params.get("city"), params.get("county"))
    return positions.search(positions.query_for(area, SearchFilters(**params), limit=50, now=now), ports=fake.ports)


def ids(fake: Fakes, *, now: datetime = NOW, **params: str) -> list[str]:
    return ids_in(fake, params, now=now)


def ids_in(fake: Fakes, params: Mapping[str, str], *, now: datetime = NOW) -> list[str]:
    return [item.position_id for item in first_page(fake, params, now=now).items]


def pages(fake: Fakes, *, limit: int, **params: str) -> list[list[str]]:
    area = positions.search_area(params.get("city"), params.get("county"))
    query = positions.query_for(area, SearchFilters(**params), limit=limit, now=NOW)
    walked, start = [], None
    while True:
        page = positions.search(query.page_from(start), ports=fake.ports)
        walked.append([item.position_id for item in page.items])
        if page.next_key is None:
            return walked
        start = page.next_key


def minutes(n: int) -> datetime:
    return NOW + timedelta(minutes=n)


# ----------------------------------------------------------------------------------------------- publishing


def test_a_city_own_level_position_is_named_shi_ben_ji(fake: Fakes) -> None:
    made = positions.create(MANAGER, position_fields(county_code="140200"), NOW, ports=fake.ports)

    assert (made.city_code, made.city_name, made.county_code, made.county_name) == (
        "140200",
        "大同市",
        "140200",
        "市本级",
    )


@pytest.mark.parametrize(
    ("region", "county_code"),
    [
        ("140105", "140105"),  # a county manager in their county
        ("140100", "140100"),  # a city manager in the city's 市本级
        ("140100", "140181"),  # ... and in one of its counties
        ("140000", "141127"),  # the province anywhere
    ],
)
def test_staff_publish_inside_their_region(fake: Fakes, region: str, county_code: str) -> None:
    made = positions.create(staff(region), position_fields(county_code=county_code), NOW, ports=fake.ports)

    assert ids(fake) == [made.position_id]


@pytest.mark.parametrize(
    ("region", "county_code"),
    [
        ("140105", "140106"),  # another county of the same city
        ("140105", "140100"),  # the county's own city 市本级
        ("140100", "140200"),  # another city's 市本级
        ("140100", "140212"),  # another city's county
    ],
)
def test_staff_cannot_publish_outside_their_region(fake: Fakes, region: str, county_code: str) -> None:
    fields = position_fields(county_code=county_code)

    assert refused(lambda: positions.create(staff(region), fields, NOW, ports=fake.ports)) == "OUTSIDE_REGION"
    assert ids(fake) == []


@pytest.mark.parametrize(("field", "value"), [("stipend_yuan_per_month", 0), ("majors", [])])
def test_empty_values_are_kept_in_the_answer(fake: Fakes, field: str, value: Any) -> None:
    made = positions.create(MANAGER, position_fields(**{field: value}), NOW, ports=fake.ports)

    assert getattr(made, field) == value
    assert getattr(positions.detail(made.position_id, NOW, ports=fake.ports), field) == value


# ----------------------------------------------------------------------------------------------- edit and close


def test_an_edit_moving_the_county_moves_the_position_between_searches(fake: Fakes) -> None:
    position_id = published(fake, county_code="140105")

    moved = positions.update(MANAGER, position_id, {"county_code": "140212"}, NOW, ports=fake.ports)

    assert (moved.city_code, moved.county_name) == ("140200", "新荣区")
    assert ids(fake, county="140105") == ids(fake, city="140100") == []
    assert ids(fake, county="140212") == ids(fake, city="140200") == ids(fake) == [position_id]


def test_an_edit_of_education_and_industry_moves_the_position_between_filters(fake: Fakes) -> None:
    position_id = published(fake, education="bachelor", industry="I")

    positions.update(MANAGER, position_id, {"education": "master", "industry": "C"}, NOW, ports=fake.ports)

    assert ids(fake, education="bachelor") == ids(fake, industry="I") == []
    assert ids(fake, education="master", industry="C") == [position_id]
    assert ids(fake, city="140100", education="master") == ids(fake, county="140105", industry="C") == [position_id]


@pytest.mark.parametrize(
    ("region", "county_code"), [("140105", "140106"), ("140105", "140100"), ("140100", "140212"), ("140200", "140105")]
)
def test_outside_the_region_a_position_cannot_be_edited_or_closed(fake: Fakes, region: str, county_code: str) -> None:
    position_id = published(fake, county_code=county_code)
    outsider = staff(region)

    edit = refused(lambda: positions.update(outsider, position_id, {"title": "改"}, NOW, ports=fake.ports))
    close = refused(lambda: positions.close(outsider, position_id, NOW, ports=fake.ports))

    assert (edit, close) == ("POSITION_NOT_FOUND", "POSITION_NOT_FOUND")
    kept = positions.detail(position_id, NOW, ports=fake.ports)
    assert (kept.title, kept.status) == (position_fields()["title"], "open")
    assert ids(fake) == [position_id]


@pytest.mark.parametrize(("region", "county_code"), [("140100", "140100"), ("140100", "140105"), ("140105", "140105")])
def test_inside_the_region_a_position_is_edited_and_closed(fake: Fakes, region: str, county_code: str) -> None:
    position_id = published(fake, county_code=county_code)

    assert positions.update(staff(region), position_id, {"headcount": 9}, NOW, ports=fake.ports).headcount == 9
    assert positions.close(staff(region), position_id, NOW, ports=fake.ports).status == "closed"
    assert ids(fake) == []


def test_an_edit_moving_the_position_out_of_the_region_is_refused(fake: Fakes) -> None:
    county_manager = staff("140105")
    position_id = positions.create(
        county_manager, position_fields(county_code="140105"), NOW, ports=fake.ports
    ).position_id

    moving = {"county_code": "140106"}
    assert refused(lambda: positions.update(county_manager, position_id, moving, NOW, ports=fake.ports)) == (
        "OUTSIDE_REGION"
    )
    assert ids(fake, county="140105") == [position_id]
    assert ids(fake, county="140106") == []


@pytest.mark.parametrize("unknown", ["0" * 32, "does-not-exist", "x" * 300])
def test_an_unknown_position_cannot_be_edited_or_closed(fake: Fakes, unknown: str) -> None:
    assert refused(lambda: positions.update(MANAGER, unknown, {"title": "新"}, NOW, ports=fake.ports)) == (
        "POSITION_NOT_FOUND"
    )
    assert refused(lambda: positions.close(MANAGER, unknown, NOW, ports=fake.ports)) == "POSITION_NOT_FOUND"


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"city": "140100"},
        {"county": "140105"},
        {"education": "bachelor"},
        {"industry": "I"},
        {"city": "140100", "education": "bachelor", "industry": "I"},
        {"keyword": "山西示例"},
    ],
)
def test_a_closed_position_leaves_every_search_at_once(fake: Fakes, params: dict[str, str]) -> None:
    same: dict[str, Any] = {"county_code": "140105", "education": "bachelor", "industry": "I"}
    position_id = published(fake, **same)
    other = published(fake, minutes(1), **same, title="其他岗位")

    closed = positions.close(MANAGER, position_id, NOW, ports=fake.ports)

    assert closed.status == "closed"
    assert ids_in(fake, params) == [other]
    assert positions.detail(position_id, NOW, ports=fake.ports).status == "closed"


def test_closing_twice_answers_the_closed_position_again(fake: Fakes) -> None:
    position_id = published(fake)
    first = positions.close(MANAGER, position_id, NOW, ports=fake.ports)

    again = positions.close(MANAGER, position_id, minutes(5), ports=fake.ports)

    assert again.status == "closed"
    assert again.updated_at == first.updated_at  # nothing changed the second time


def test_editing_a_closed_position_does_not_bring_it_back(fake: Fakes) -> None:
    position_id = published(fake)
    positions.close(MANAGER, position_id, NOW, ports=fake.ports)

    edited = positions.update(MANAGER, position_id, {"title": "重新编辑"}, NOW, ports=fake.ports)

    assert (edited.title, edited.status) == ("重新编辑", "closed")
    assert ids(fake) == []


def test_a_position_leaves_search_when_its_deadline_day_ends_in_china(fake: Fakes) -> None:
    start = datetime(2030, 6, 1, 2, 0, tzinfo=UTC)
    position_id = published(fake, start, deadline=date(2030, 6, 3))
    later = published(fake, start + timedelta(minutes=1), deadline=date(2030, 6, 30), title="较晚截止岗位")

    last_second = datetime(2030, 6, 3, 15, 59, 59, tzinfo=UTC)  # 23:59:59 on the deadline day, China time
    next_day = datetime(2030, 6, 3, 16, 0, 0, tzinfo=UTC)  # 00:00 the day after, China time

    assert ids(fake, now=last_second) == [later, position_id]
    assert ids(fake, now=next_day) == [later]
    assert ids(fake, now=next_day, county="140105", education="bachelor") == [later]
    assert ids(fake, now=next_day, keyword="山西示例") == [later]
    assert positions.detail(position_id, next_day, ports=fake.ports).status == "closed"


# ----------------------------------------------------------------------------------------------- filters

SPREAD: dict[str, dict[str, Any]] = {
    "xiaodian": {"county_code": "140105", "education": "bachelor", "industry": "I", "title": "Java开发见习岗"},
    "taiyuan_own": {"county_code": "140100", "education": "master", "industry": "C", "title": "质检见习岗"},
    "gujiao": {"county_code": "140181", "education": "any", "industry": "I", "title": "客服见习岗"},
    "datong": {
        "county_code": "140212",
        "education": "bachelor",
        "industry": "P",
        "title": "教务助理",
        "employer_name": "大同市某职业学校",
        "majors": ["教育学"],
    },
    "datong_own": {
        "county_code": "140200",
        "education": "junior_college",
        "industry": "I",
        "title": "出纳",
        "majors": ["会计学"],
    },
}
FILTER_CASES: list[tuple[dict[str, str], list[str]]] = [
    ({}, ["datong_own", "datong", "gujiao", "taiyuan_own", "xiaodian"]),
    ({"city": "140100"}, ["gujiao", "taiyuan_own", "xiaodian"]),  # its 市本级 included
    ({"city": "140200"}, ["datong_own", "datong"]),
    ({"city": "140300"}, []),
    ({"county": "140105"}, ["xiaodian"]),
    ({"county": "140100"}, ["taiyuan_own"]),  # a city code as county: its 市本级 alone
    ({"county": "140200"}, ["datong_own"]),
    ({"county": "140105", "city": "140100"}, ["xiaodian"]),
    ({"county": "140100", "city": "140100"}, ["taiyuan_own"]),
    ({"keyword": "Java"}, ["xiaodian"]),  # title
    ({"keyword": "职业学校"}, ["datong"]),  # employer
    ({"keyword": "会计"}, ["datong_own"]),  # majors
    ({"keyword": "软件工程"}, ["gujiao", "taiyuan_own", "xiaodian"]),  # majors of the default body
    ({"keyword": "见习岗"}, ["gujiao", "taiyuan_own", "xiaodian"]),
    ({"keyword": "没有这个词"}, []),
    ({"education": "bachelor"}, ["datong", "xiaodian"]),
    ({"education": "any"}, ["gujiao"]),  # an exact value: `any` is not "everything"
    ({"education": "doctor"}, []),
    ({"industry": "I"}, ["datong_own", "gujiao", "xiaodian"]),
    ({"industry": "P"}, ["datong"]),
    ({"city": "140100", "industry": "I"}, ["gujiao", "xiaodian"]),
    ({"city": "140100", "education": "bachelor", "industry": "I"}, ["xiaodian"]),
    ({"county": "140181", "education": "any", "industry": "I", "keyword": "客服"}, ["gujiao"]),
    ({"county": "140200", "industry": "I", "education": "junior_college"}, ["datong_own"]),
    ({"city": "140200", "keyword": "会计"}, ["datong_own"]),
    ({"city": "140100", "keyword": "会计"}, []),
]


@pytest.mark.parametrize(("params", "expected"), FILTER_CASES)
def test_each_filter_and_their_combinations(fake: Fakes, params: dict[str, str], expected: list[str]) -> None:
    spread = {name: published(fake, minutes(i), **spec) for i, (name, spec) in enumerate(SPREAD.items())}

    assert ids_in(fake, params) == [spread[name] for name in expected]


# ----------------------------------------------------------------------------------------------- paging


@pytest.mark.parametrize(
    ("params", "expected"), [({}, 9), ({"city": "140100"}, 6), ({"education": "master"}, 3), ({"keyword": "数据"}, 3)]
)
def test_paging_walks_the_whole_result_newest_first(fake: Fakes, params: dict[str, str], expected: int) -> None:
    for i in range(9):
        published(
            fake,
            minutes(i),
            county_code=["140105", "140100", "140212"][i % 3],
            education=["bachelor", "master", "any"][i % 3],
            title=f"{['数据', '行政', '销售'][i // 3]}见习岗{i}",
        )
    everything = first_page(fake, params).items
    assert len(everything) == expected

    walked = pages(fake, limit=2, **params)

    assert [i for page in walked for i in page] == [item.position_id for item in everything]  # no gap, no repeat
    assert all(1 <= len(page) <= 2 for page in walked)
    published_at = [item.published_at for item in everything]
    assert published_at == sorted(set(published_at), reverse=True)


def test_a_page_ending_at_the_last_item_is_the_last_page(fake: Fakes) -> None:
    made = [published(fake, minutes(i)) for i in range(4)]

    assert pages(fake, limit=2) == [made[:1:-1], made[1::-1]]


def test_a_position_published_while_paging_is_neither_repeated_nor_skipping_one(fake: Fakes) -> None:
    before = [published(fake, minutes(i)) for i in range(4)]
    query = positions.query_for(positions.search_area(None, None), SearchFilters(), limit=2, now=NOW)
    first = positions.search(query, ports=fake.ports)
    published(fake, minutes(10))  # newer than every page already read

    second = positions.search(query.page_from(first.next_key), ports=fake.ports)

    walked = [item.position_id for item in [*first.items, *second.items]]
    assert walked == before[::-1]
    assert second.next_key is None
