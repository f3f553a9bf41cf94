"""The rating store and the statistics counters, held to one contract on the fakes and on DynamoDB (moto)."""

from __future__ import annotations

import itertools

import pytest

from chalicelib.domain.ratings import FollowUpRecord, RatingRecord, rating_id
from chalicelib.domain.statistics import RegionKey
from chalicelib.ports.ratings import RATING
from tests.adapters.contract_backends import Backend, refused

_ids = itertools.count(1)


def made(
    backend: Backend, level: int, county: str = "140105", month: str = "2026-11", due: str | None = None
) -> RatingRecord:
    serial = next(_ids)
    case_id = f"{serial:032x}"
    rid = rating_id("application", case_id, "person")
    city = "140200" if county.startswith("1402") else "140100"
    return backend.ports.ratings.new(
        rid,
        case_type="application",
        case_id=case_id,
        party="person",
        rater=f"u-{serial}",
        level=level,
        tags=[],
        comment="",
        rated_at=f"{month}-26T10:00:{serial % 60:02d}+08:00",
        month=month,
        county_code=county,
        city_code=city,
        follow_up_due=f"{due}#{rid}" if due else None,
    )


def step(backend: Backend) -> FollowUpRecord:
    return backend.ports.ratings.follow_up_entry("回访", "已回访", "2026-11-27T10:00:00+08:00", "140100")


def listed(backend: Backend, region: str, **filters: object) -> list[str]:
    options: dict[str, object] = {"county": None, "level_max": 5, "month": None, **filters}
    found: list[str] = []
    start = None
    while True:
        page, start = backend.ports.ratings.region_page(region, limit=2, start_key=start, **options)  # type: ignore[arg-type]
        found += [r.rating_id for r in page]
        if start is None:
            return found


def test_a_rating_is_stored_once_and_counted_in_its_three_regions(backend: Backend) -> None:
    rating = made(backend, 2, county="140100")  # 太原市本级: its code is the city's
    backend.ports.ratings.add(rating)

    assert refused(lambda: backend.ports.ratings.add(rating)) == {RATING}
    stored = backend.ports.ratings.get(rating.rating_id)
    assert stored is not None and int(stored.level) == 2
    months = backend.ports.statistics.months
    for region in (RegionKey("county", "140100"), RegionKey("city", "140100"), RegionKey("province", "140000")):
        assert months(region, "2026-01", "2026-12") == {"2026-11": {"ratings.level_2": 1}}
    assert months(RegionKey("county", "140105"), "2026-01", "2026-12") == {}


def test_a_region_lists_its_own_ratings_lowest_level_first_page_by_page(backend: Backend) -> None:
    ratings = [made(backend, 4), made(backend, 1), made(backend, 2, county="140100"), made(backend, 1, county="140212")]
    ratings.append(made(backend, 2, month="2026-12"))
    for rating in ratings:
        backend.ports.ratings.add(rating)
    good, worst, city_own, datong, december = (r.rating_id for r in ratings)

    assert listed(backend, "140100") == [worst, city_own, december, good]
    assert listed(backend, "140100", level_max=2) == [worst, city_own, december]
    assert listed(backend, "140100", level_max=2, month="2026-12") == [december]
    assert listed(backend, "140100", county="140100") == [city_own]  # the 市本级 alone
    assert listed(backend, "140105") == [worst, december, good]
    assert listed(backend, "140000", level_max=1) == [worst, datong]  # the same level: the older first
    assert listed(backend, "140200") == [datong]


def test_a_bad_rating_waits_for_its_follow_up_until_followed_up_or_reminded(backend: Backend) -> None:
    followed, reminded = made(backend, 1, due="2026-12-03"), made(backend, 2, due="2026-12-04")
    for rating in (followed, reminded, made(backend, 5)):
        backend.ports.ratings.add(rating)

    assert backend.ports.ratings.due("2026-12-02") == []
    assert set(backend.ports.ratings.due("2026-12-04")) == {followed.rating_id, reminded.rating_id}
    after = backend.ports.ratings.follow_up(followed, step(backend))
    assert [f.action for f in after.follow_ups] == ["回访"]
    assert backend.ports.ratings.reminded(reminded, "2026-12-04") is True
    assert backend.ports.ratings.reminded(reminded, "2026-12-05") is False  # once
    assert backend.ports.ratings.due("2026-12-31") == []
    again = backend.ports.ratings.get(reminded.rating_id)
    assert again is not None and again.reminded_on == "2026-12-04"


@pytest.mark.parametrize("months", [("2026-11", "2026-11"), ("2026-01", "2026-12")])
def test_counters_are_read_per_month_between_the_bounds(backend: Backend, months: tuple[str, str]) -> None:
    for month in ("2025-12", "2026-11", "2027-01"):
        backend.ports.ratings.add(made(backend, 5, month=month))

    found = backend.ports.statistics.months(RegionKey("province", "140000"), *months)

    assert found == {"2026-11": {"ratings.level_5": 1}}
