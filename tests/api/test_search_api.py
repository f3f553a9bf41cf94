"""Counts for the region picker and sorted search, through chalice.test.Client."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from itertools import product
from typing import Any

import pytest

from scripts.factories import today
from tests.api.test_positions_api import (
    Clock,
    all_pages,
    assert_error,
    close,
    created,
    search,
)
from tests.conftest import body

ORDERS = {
    "newest": lambda p: (p["published_at"],),
    "stipend": lambda p: (-p["stipend_yuan_per_month"], _inverted(p["published_at"])),
    "deadline": lambda p: (p["deadline"], _inverted(p["published_at"])),
}


def _inverted(stamp: str) -> str:
    return stamp.translate(str.maketrans("0123456789", "9876543210"))


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:

    frozen = Clock()
    monkeypatch.setattr("chalicelib.api.positions.utc_now", frozen)
    monkeypatch.setattr("chalicelib.api.favourites.utc_now", frozen)
    return frozen


@pytest.fixture
def manager(token: Callable[..., str]) -> str:
    return token(sub="pm-province", name="省级岗位管理员", roles=["position_manager"], region="140000")


def counts(client: Any, **params: str) -> Any:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return client.http.get("/v1/positions/counts" + (f"?{query}" if query else ""))


def counted(client: Any, **params: str) -> dict[str, Any]:
    response = counts(client, **params)
    assert response.status_code == 200, response.body
    assert response.headers["Cache-Control"] == "public, max-age=60"
    result: dict[str, Any] = body(response)
    return result


def searched(client: Any, **params: Any) -> list[dict[str, Any]]:
    return [item for page in all_pages(client, limit=50, **params) for item in page]


# A small province: 太原 (市本级, 小店区, 古交市) and 大同 (平城区), two education levels, two industries, one
# position past its deadline and one closed.
CORPUS = [
    {"county_code": "140105", "education": "bachelor", "industry": "I", "stipend_yuan_per_month": 2500},
    {"county_code": "140105", "education": "junior_college", "industry": "I", "stipend_yuan_per_month": 1800},
    {"county_code": "140100", "education": "bachelor", "industry": "M", "stipend_yuan_per_month": 3000},
    {"county_code": "140181", "education": "bachelor", "industry": "I", "stipend_yuan_per_month": 2500},
    {"county_code": "140213", "education": "junior_college", "industry": "M", "stipend_yuan_per_month": 2000},
    {"county_code": "140213", "education": "bachelor", "industry": "I", "stipend_yuan_per_month": 2200},
]


@pytest.fixture
def province(client: Any, manager: str, clock: Clock) -> dict[str, str]:
    made = {}
    for i, fields in enumerate(CORPUS):
        deadline = (today() + timedelta(days=10 + 3 * (i % 3))).isoformat()
        made[str(i)] = created(client, manager, clock, deadline=deadline, **fields)["position_id"]
    made["soon"] = created(client, manager, clock, county_code="140105", deadline=today().isoformat())["position_id"]
    made["closed"] = created(client, manager, clock, county_code="140181")["position_id"]
    assert close(client, manager, made["closed"]).status_code == 200
    return made


@pytest.mark.parametrize(
    ("education", "industry"), list(product([None, "bachelor", "junior_college"], [None, "I", "M"]))
)
@pytest.mark.parametrize("days_later", [0, 1], ids=["today", "after-a-deadline"])
def test_counts_equal_what_search_returns(
    client: Any, province: dict[str, str], clock: Clock, *, education: str | None, industry: str | None, days_later: int
) -> None:
    clock.advance(days=days_later)  # "soon" closes today: tomorrow it is neither counted nor found, sweep or not
    filters = {k: v for k, v in {"education": education, "industry": industry}.items() if v}

    whole = counted(client, **filters)
    assert whole["province"]["count"] == len(searched(client, **filters))
    for city in whole["cities"]:
        assert city["count"] == len(searched(client, city=city["code"], **filters)), city
    taiyuan = counted(client, city="140100", **filters)
    assert taiyuan["city"]["count"] == len(searched(client, city="140100", **filters))
    for county in taiyuan["counties"]:
        assert county["count"] == len(searched(client, county=county["code"], **filters)), county


def test_counts_list_every_county_of_the_city_with_its_own_level_first(client: Any, province: dict[str, str]) -> None:
    taiyuan = counted(client, city="140100")

    assert taiyuan["city"] == {"code": "140100", "name": "太原市", "count": 5}
    assert taiyuan["counties"][0] == {"code": "140100", "name": "市本级", "count": 1}
    by_code = {c["code"]: c["count"] for c in taiyuan["counties"]}
    assert by_code["140105"] == 3 and by_code["140181"] == 1 and by_code["140106"] == 0
    whole = counted(client)
    assert whole["province"]["name"] == "山西省" and len(whole["cities"]) == 11
    assert {c["code"]: c["count"] for c in whole["cities"]}["140200"] == 2


def test_counts_refuse_what_is_not_a_city_or_a_filter(client: Any) -> None:
    assert_error(counts(client, city="140105"), 400, "INVALID_REGION")
    assert_error(counts(client, city="999999"), 400, "INVALID_REGION")
    assert_error(counts(client, education="phd"), 400, "MALFORMED_REQUEST")
    assert_error(counts(client, county="140105"), 400, "MALFORMED_REQUEST")


@pytest.mark.parametrize("order", sorted(ORDERS))
@pytest.mark.parametrize("keyword", [None, "见习"])
@pytest.mark.parametrize("region", [{}, {"city": "140100"}])
def test_sorted_search_pages_through_everything_in_order(
    client: Any, province: dict[str, str], order: str, keyword: str | None, region: dict[str, str]
) -> None:
    params = {**region, "sort": order, **({"keyword": keyword} if keyword else {})}
    everything = searched(client, **params)
    pages = list(all_pages(client, limit=2, **params))

    assert [p["position_id"] for page in pages for p in page] == [p["position_id"] for p in everything]
    assert all(len(page) == 2 for page in pages[:-1]) and pages[-1]
    expected = sorted(everything, key=ORDERS[order], reverse=order == "newest")
    assert [p["position_id"] for p in everything] == [p["position_id"] for p in expected]
    assert len(everything) == (7 if not region else 5)


def test_a_cursor_is_bound_to_its_sort(client: Any, province: dict[str, str]) -> None:
    first = body(search(client, limit=2, sort="stipend"))
    assert [p["stipend_yuan_per_month"] for p in first["items"]] == [3000, 2500]

    assert_error(search(client, limit=2, sort="deadline", cursor=first["next_cursor"]), 400, "INVALID_CURSOR")
    assert_error(search(client, limit=2, cursor=first["next_cursor"]), 400, "INVALID_CURSOR")


def test_an_unknown_sort_is_refused(client: Any) -> None:
    assert_error(search(client, sort="salary"), 400, "MALFORMED_REQUEST")
    assert_error(search(client, sort="Newest"), 400, "MALFORMED_REQUEST")
