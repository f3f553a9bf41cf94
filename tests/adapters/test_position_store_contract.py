"""The position, search and favourite stores' contracts, on the fakes and on moto alike (see
test_application_store_contract.py)."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from chalicelib.adapters.models import Favourite, Position
from chalicelib.domain.areas import Area
from chalicelib.domain.clock import china_date, china_time
from chalicelib.domain.regions import shanxi
from chalicelib.domain.search_order import SORT_ORDERS
from chalicelib.domain.search_query import SearchQuery
from chalicelib.domain.statistics import RegionKey
from chalicelib.ports.conditions import FAVOURITE, PERSON, POSITION, ConditionFailed
from chalicelib.services import positions
from scripts.factories import credit_code
from tests.adapters.contract_backends import NOW, Backend, case, moved, refused, submit

TODAY = china_date(NOW)


def position(now: datetime = NOW, **changes: Any) -> Position:
    fields: dict[str, Any] = {
        "title": "软件开发见习生",
        "employer_name": "山西测试科技有限公司",
        "employer_credit_code": credit_code(),
        "industry": "I",
        "county_code": "140105",
        "address": "太原市小店区坞城路92号",
        "headcount": 3,
        "education": "bachelor",
        "majors": ["软件工程"],
        "description": "参与业务系统开发。",
        "stipend_yuan_per_month": 2300,
        "duration_months": 6,
        "deadline": (now + timedelta(days=60)).date().isoformat(),
        "contact_name": "王老师",
        "contact_phone": "13812345678",
        **changes,
    }
    found = shanxi().locality(fields["county_code"])
    assert found is not None
    stamp = china_time(now)
    made: dict[str, Any] = {"status": "open", "open_deadline": fields["deadline"]}
    made |= {k: fields.pop(k) for k in ("status", "open_deadline", "held_headcount") if k in fields}
    return Position(uuid.uuid4().hex, **fields, **made, city_code=found.city_code, published_at=stamp, updated_at=stamp)


def published(backend: Backend, made: Position) -> Position:
    backend.ports.positions.create(made, positions.listed(made, TODAY))
    return made


def closed(backend: Backend, position_id: str) -> None:
    old = backend.ports.positions.get(position_id)
    assert old is not None
    new = backend.ports.positions.changed(old, {"status": "closed", "open_deadline": None})
    backend.ports.positions.replace(old, new, None)


def found(
    backend: Backend, area: Area, *, limit: int = 20, sort: str = "newest", today: date = TODAY, **filters: str
) -> list[list[str]]:
    backend.catch_up()
    pages, start = [], None
    while True:
        page = backend.ports.listings.page(
            SearchQuery(
                area=area,
                education=filters.get("education"),
                industry=filters.get("industry"),
                keyword=filters.get("keyword"),
                order=SORT_ORDERS[sort],
                today=today,
                limit=limit,
                start_key=start,
            )
        )
        pages.append([p.position_id for p in page.items])
        if page.next_key is None:
            return pages
        start = page.next_key


def test_a_search_reads_the_area_under_its_filters_in_each_order_page_by_page(backend: Backend) -> None:
    a = published(backend, position(NOW, stipend_yuan_per_month=1800, title="会计助理", majors=["会计学"]))
    b = published(backend, position(NOW + timedelta(minutes=1), county_code="140106", education="master"))
    c = published(backend, position(NOW + timedelta(minutes=2), county_code="140213", industry="M"))
    d = published(backend, position(NOW + timedelta(minutes=3), deadline="2026-11-28", stipend_yuan_per_month=3000))
    i = {p.position_id: n for n, p in zip("abcd", (a, b, c, d), strict=True)}

    def named(pages: list[list[str]]) -> list[str]:
        return ["".join(i[x] for x in page) for page in pages]

    assert named(found(backend, Area.province(), limit=3)) == ["dcb", "a"]
    assert named(found(backend, Area.city("140100"))) == ["dba"]
    assert named(found(backend, Area.locality("140105"))) == ["da"]
    assert named(found(backend, Area.province(), education="master")) == ["b"]
    assert named(found(backend, Area.province(), industry="M")) == ["c"]
    assert named(found(backend, Area.province(), sort="stipend", limit=2)) == ["dc", "ba"]
    assert named(found(backend, Area.province(), sort="deadline")) == ["dcba"]
    assert named(found(backend, Area.province(), keyword="软件", limit=2)) == ["dc", "b"]
    assert named(found(backend, Area.province(), today=date(2026, 11, 29))) == ["cba"]  # d's deadline passed


def test_a_closed_position_leaves_every_search_at_once(backend: Backend) -> None:
    kept = published(backend, position(NOW))
    gone = published(backend, position(NOW + timedelta(minutes=1)))
    backend.catch_up()

    closed(backend, gone.position_id)  # the keyword index has not seen the close: the live entries have

    assert found(backend, Area.province()) == [[kept.position_id]]
    assert found(backend, Area.province(), keyword="软件") == [[kept.position_id]]
    stored = backend.ports.positions.get(gone.position_id)
    assert stored is not None and stored.status == "closed"


def test_an_edit_over_a_stale_read_is_refused(backend: Backend) -> None:
    made = published(backend, position(NOW))
    first = backend.ports.positions.get(made.position_id)
    stale = backend.ports.positions.get(made.position_id)
    assert first is not None and stale is not None
    edited = backend.ports.positions.changed(first, {"title": "新的标题"})
    backend.ports.positions.replace(first, edited, positions.listed(edited, TODAY))

    late = backend.ports.positions.changed(stale, {"title": "另一个标题"})
    with pytest.raises(ConditionFailed):
        backend.ports.positions.replace(stale, late, positions.listed(late, TODAY))
    again = backend.ports.positions.get(made.position_id)
    assert again is not None and again.title == "新的标题"


def test_a_position_moved_to_another_city_moves_its_open_headcount_in_the_counters(backend: Backend) -> None:
    made = published(backend, position(NOW))
    old = backend.ports.positions.get(made.position_id)
    assert old is not None
    moved_at = china_time(NOW + timedelta(days=40))  # January
    new = backend.ports.positions.changed(
        old, {"county_code": "140212", "city_code": "140200", "headcount": 4, "updated_at": moved_at}
    )

    backend.ports.positions.replace(old, new, positions.listed(new, TODAY))

    def january(level: str, code: str) -> dict[str, int]:
        return backend.ports.statistics.months(RegionKey(level, code), "2027-01", "2027-01").get("2027-01", {})

    assert january("county", "140105") == january("city", "140100") == {"positions.open_headcount": -3}
    assert january("county", "140212") == january("city", "140200") == {"positions.open_headcount": 4}
    assert january("province", "140000") == {"positions.open_headcount": 1}


# ----------------------------------------------------------------------------------------------- favourites


def trainee(backend: Backend, subject: str, locality: str = "140105") -> None:
    approved = submit(backend, case(subject, locality))
    moved(backend, approved, "approved", release=False)


def favourite(backend: Backend, subject: str, position_id: str, locality: str = "140105") -> None:
    backend.ports.favourites.add(Favourite(subject, position_id, added_at=china_time(NOW)), locality)


def test_at_most_three_favourites_each_counted_on_the_person(backend: Backend) -> None:
    trainee(backend, "f1")
    ids = [published(backend, position(NOW + timedelta(minutes=n))).position_id for n in range(4)]
    for position_id in ids[:3]:
        favourite(backend, "f1", position_id)

    assert refused(lambda: favourite(backend, "f1", ids[3])) == {PERSON}
    assert FAVOURITE in refused(lambda: favourite(backend, "f1", ids[0]))
    backend.ports.favourites.remove("f1", ids[0])
    favourite(backend, "f1", ids[3])

    assert sorted(f.position_id for f in backend.ports.favourites.mine("f1")) == sorted(ids[1:])
    person = backend.ports.people.get("f1")
    assert person is not None and person.favourite_count == 3
    assert refused(lambda: backend.ports.favourites.remove("f1", ids[0])) == {FAVOURITE}


def test_a_favourite_needs_an_open_position_and_the_trainees_own_locality(backend: Backend) -> None:
    trainee(backend, "f2", "140105")
    shut = published(backend, position(NOW)).position_id
    closed(backend, shut)
    open_one = published(backend, position(NOW)).position_id

    assert refused(lambda: favourite(backend, "f2", shut)) == {POSITION}
    assert refused(lambda: favourite(backend, "f2", open_one, locality="140106")) == {PERSON}
    assert refused(lambda: favourite(backend, "nobody", open_one)) == {PERSON}
    assert backend.ports.favourites.mine("f2") == []
    assert backend.ports.favourites.get("f2", open_one) is None
