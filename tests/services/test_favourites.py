"""An approved trainee's favourites (收藏, at most three) and the positions of their locality, on the fakes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from chalicelib.errors import AppError
from chalicelib.services import favourites, positions
from chalicelib.services.positions import SearchFilters
from tests.services.builders import MANAGER, NOW, applicant, approved, published, submitted
from tests.services.fakes import Fakes


def test_a_trainee_favourites_up_to_three_positions_of_the_locality(fake: Fakes) -> None:
    who = applicant(1)
    approved(fake, who, locality="140105")
    ids = [published(fake, NOW + timedelta(minutes=i), title=f"见习岗{i}") for i in range(4)]

    added = [favourites.add(who, p, NOW + timedelta(minutes=i), stores=fake.stores) for i, p in enumerate(ids[:3])]
    with pytest.raises(AppError) as fourth:
        favourites.add(who, ids[3], NOW, stores=fake.stores)

    assert [a for a, _ in added] == [True, True, True]
    assert fourth.value.code == "FAVOURITE_LIMIT_REACHED"
    assert [f.position_id for f in favourites.mine(who, NOW, stores=fake.stores)] == ids[2::-1]  # newest first
    assert fake.db.people[who.subject].favourite_count == 3


def test_adding_one_twice_is_not_an_error_and_removing_makes_room(fake: Fakes) -> None:
    who = applicant(2)
    approved(fake, who)
    ids = [published(fake, title=f"岗位{i}") for i in range(4)]
    for position_id in ids[:3]:
        favourites.add(who, position_id, NOW, stores=fake.stores)

    again, entry = favourites.add(who, ids[0], NOW, stores=fake.stores)
    favourites.remove(who, ids[0], stores=fake.stores)
    favourites.remove(who, ids[0], stores=fake.stores)  # no longer there: the same answer
    fourth, _ = favourites.add(who, ids[3], NOW, stores=fake.stores)

    assert (again, entry.position_id) == (False, ids[0])
    assert fourth is True
    assert fake.db.people[who.subject].favourite_count == 3


@pytest.mark.parametrize(
    ("setup", "code"),
    [
        ("pending", "NOT_TRAINEE"),
        ("closed", "POSITION_CLOSED"),
        ("elsewhere", "POSITION_OUTSIDE_LOCALITY"),
        ("missing", "POSITION_NOT_FOUND"),
    ],
)
def test_a_favourite_needs_an_approved_trainee_and_an_open_position_of_the_locality(
    fake: Fakes, setup: str, code: str
) -> None:
    who = applicant(3)
    if setup == "pending":
        submitted(fake, who)
    else:
        approved(fake, who, locality="140105")
    position_id = published(fake, county_code="140106" if setup == "elsewhere" else "140105")
    if setup == "closed":
        positions.close(MANAGER, position_id, NOW, stores=fake.stores)
    if setup == "missing":
        position_id = "0" * 32

    with pytest.raises(AppError) as refused:
        favourites.add(who, position_id, NOW, stores=fake.stores)

    assert refused.value.code == code
    assert fake.db.favourites == {}


def test_a_closed_favourite_stays_listed_as_closed(fake: Fakes) -> None:
    who = applicant(4)
    approved(fake, who)
    position_id = published(fake)
    favourites.add(who, position_id, NOW, stores=fake.stores)

    positions.close(MANAGER, position_id, NOW + timedelta(days=1), stores=fake.stores)

    assert [f.status for f in favourites.mine(who, NOW + timedelta(days=1), stores=fake.stores)] == ["closed"]


def test_the_trainee_sees_the_open_positions_of_the_locality_only(fake: Fakes) -> None:
    who = applicant(5)
    approved(fake, who, locality="140105")
    local = published(fake, county_code="140105")
    published(fake, county_code="140106")

    locality = favourites.trainee_locality(who, stores=fake.stores)
    page = favourites.locality_positions(
        locality, SearchFilters(), limit=20, start_key=None, now=NOW, stores=fake.stores
    )
    elsewhere = favourites.locality_positions(
        locality, SearchFilters(county="140106"), limit=20, start_key=None, now=NOW, stores=fake.stores
    )

    assert locality == "140105"
    assert [p["position_id"] for p in page.items] == [local]
    assert elsewhere.items == []
