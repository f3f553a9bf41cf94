"""Public position search (见习岗位查询) and staff publishing, on the fakes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from chalicelib.domain.areas import Area
from chalicelib.errors import AppError
from chalicelib.services import positions
from chalicelib.services.positions import SearchFilters
from tests.services.builders import MANAGER, NOW, published
from tests.services.fakes import Fakes


def search(fake: Fakes, area: Area, limit: int = 20, **filters: str) -> list[list[str]]:
    pages, start = [], None
    while True:
        query = positions.query_for(area, SearchFilters(**filters), limit=limit, now=NOW)
        page = positions.search(query.page_from(start), ports=fake.ports)
        pages.append([p.position_id for p in page.items])
        if page.next_key is None:
            return pages
        start = page.next_key


@pytest.mark.parametrize(
    ("city", "county", "expected"),
    [
        (None, None, Area.province()),
        ("140100", None, Area.city("140100")),
        (None, "140105", Area.locality("140105")),
        ("140100", "140100", Area.locality("140100")),  # 太原市本级 alone
    ],
)
def test_the_region_a_search_names_is_an_area(city: str | None, county: str | None, expected: Area) -> None:
    assert positions.search_area(city, county) == expected


@pytest.mark.parametrize(("city", "county"), [("149900", None), (None, "149999"), ("140200", "140105")])
def test_a_region_outside_shanxi_or_a_county_of_another_city_is_refused(city: str | None, county: str | None) -> None:
    with pytest.raises(AppError) as refused:
        positions.search_area(city, county)
    assert refused.value.code == "INVALID_REGION"


def test_a_search_pages_through_the_area_newest_first(fake: Fakes) -> None:
    taiyuan = [published(fake, NOW + timedelta(minutes=i), county_code="140105") for i in range(5)]
    datong = published(fake, NOW + timedelta(minutes=9), county_code="140213")

    assert search(fake, Area.city("140100"), limit=2) == [taiyuan[:2:-1][:2], taiyuan[2:0:-1], taiyuan[:1]]
    assert search(fake, Area.province()) == [[datong, *taiyuan[::-1]]]
    assert search(fake, Area.locality("140213")) == [[datong]]


def test_filters_keyword_and_order_narrow_and_sort_the_search(fake: Fakes) -> None:
    cheap = published(fake, NOW, title="会计助理", majors=["会计学"], stipend_yuan_per_month=1800, industry="M")
    rich = published(fake, NOW + timedelta(minutes=1), title="软件测试", stipend_yuan_per_month=3000)
    soon = published(
        fake,
        NOW + timedelta(minutes=2),
        title="软件开发",
        education="master",
        deadline=(NOW + timedelta(days=3)).date(),
    )

    province = Area.province()
    assert search(fake, province, keyword="软件") == [[soon, rich]]
    assert search(fake, province, education="master") == [[soon]]
    assert search(fake, province, industry="M") == [[cheap]]
    assert search(fake, province, sort="stipend") == [[rich, soon, cheap]]
    assert search(fake, province, sort="deadline") == [[soon, rich, cheap]]


def test_closed_and_expired_positions_leave_the_search_but_keep_their_page(fake: Fakes) -> None:
    closing = published(fake, NOW)
    expiring = published(fake, NOW, deadline=(NOW + timedelta(days=1)).date())
    edited = published(fake, NOW)

    positions.close(MANAGER, closing, NOW, ports=fake.ports)
    positions.update(MANAGER, edited, {"title": "新标题"}, NOW, ports=fake.ports)
    later = search(fake, Area.province())
    three_days_on = positions.query_for(Area.province(), SearchFilters(), limit=20, now=NOW + timedelta(days=3))
    after_deadline = positions.search(three_days_on, ports=fake.ports)

    assert sorted(later[0]) == sorted([expiring, edited])
    assert [p.position_id for p in after_deadline.items] == [edited]
    assert positions.detail(closing, NOW, ports=fake.ports).status == "closed"
    assert search(fake, Area.province(), keyword="新标题") == [[edited]]
