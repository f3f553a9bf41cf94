"""An approved trainee's favourites (收藏, at most three) and the positions of their locality, on the fakes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from chalicelib.domain.areas import Area
from chalicelib.errors import AppError
from chalicelib.services import favourites, positions
from chalicelib.services.positions import SearchFilters
from tests.services.builders import MANAGER, NOW, applicant, approved, published, submitted
from tests.services.fakes import Fakes


def test_a_trainee_favourites_up_to_three_positions_of_the_locality(fake: Fakes) -> None:
    who = applicant(1)
    approved(fake, who, locality="140105")
    ids = [published(fake, NOW + timedelta(minutes=i), title=f"见习岗{i}") for i in range(4)]

    added = [favourites.add(who, p, NOW + timedelta(minutes=i), ports=fake.ports) for i, p in enumerate(ids[:3])]
    with pytest.raises(AppError) as fourth:
        favourites.add(who, ids[3], NOW, ports=fake.ports)

    assert [a for a, _ in added] == [True, True, True]
    assert fourth.value.code == "FAVOURITE_LIMIT_REACHED"
    assert [f.position_id for f in favourites.mine(who, NOW, ports=fake.ports)] == ids[2::-1]  # newest first
    assert fake.db.people[who.subject].favourite_count == 3


def test_adding_one_twice_is_not_an_error_and_removing_makes_room(fake: Fakes) -> None:
    who = applicant(2)
    approved(fake, who)
    ids = [published(fake, title=f"岗位{i}") for i in range(4)]
    for position_id in ids[:3]:
        favourites.add(who, position_id, NOW, ports=fake.ports)

    again, entry = favourites.add(who, ids[0], NOW, ports=fake.ports)
    favourites.remove(who, ids[0], ports=fake.ports)
    favourites.remove(who, ids[0], ports=fake.ports)  # no longer there: the same answer
    fourth, _ = favourites.add(who, ids[3], NOW, ports=fake.ports)

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
        positions.close(MANAGER, position_id, NOW, ports=fake.ports)
    if setup == "missing":
        position_id = "0" * 32

    with pytest.raises(AppError) as refused:
        favourites.add(who, position_id, NOW, ports=fake.ports)

    assert refused.value.code == code
    assert fake.db.favourites == {}


def test_a_closed_favourite_stays_listed_as_closed(fake: Fakes) -> None:
    who = applicant(4)
    approved(fake, who)
    position_id = published(fake)
    favourites.add(who, position_id, NOW, ports=fake.ports)

    positions.close(MANAGER, position_id, NOW + timedelta(days=1), ports=fake.ports)

    assert [f.status for f in favourites.mine(who, NOW + timedelta(days=1), ports=fake.ports)] == ["closed"]


def test_the_trainee_sees_the_open_positions_of_the_locality_only(fake: Fakes) -> None:
    who = applicant(5)
    approved(fake, who, locality="140105")
    local = published(fake, county_code="140105")
    published(fake, county_code="140106")

    locality = favourites.trainee_locality(who, ports=fake.ports)
    everywhere = positions.query_for(Area.province(), SearchFilters(), limit=20, now=NOW)
    page = favourites.locality_positions(locality, everywhere, county=None, ports=fake.ports)
    elsewhere = favourites.locality_positions(locality, everywhere, county="140106", ports=fake.ports)

    assert locality == "140105"
    assert [p.position_id for p in page.items] == [local]
    assert elsewhere.items == []


def test_the_locality_search_keeps_its_filters_and_no_other_locality(fake: Fakes) -> None:
    who = applicant(6)
    approved(fake, who, locality="140105")
    mine = {published(fake, title="软件开发见习生"), published(fake, NOW + timedelta(minutes=1), title="会计助理")}
    published(fake, county_code="140106", title="软件开发见习生")
    published(fake, county_code="140100", title="软件开发见习生")  # 太原市's 市本级: another locality

    def titles(**filters: str) -> list[str]:
        query = positions.query_for(Area.province(), SearchFilters(**filters), limit=20, now=NOW)
        found = favourites.locality_positions("140105", query, county=filters.get("county"), ports=fake.ports)
        return [p.title for p in found.items]

    everything = positions.query_for(Area.province(), SearchFilters(), limit=20, now=NOW)
    page = favourites.locality_positions("140105", everything, county=None, ports=fake.ports)
    assert {p.position_id for p in page.items} == mine
    assert {p.county_code for p in page.items} == {"140105"}
    assert titles(keyword="会计") == ["会计助理"]
    assert titles(county="140106") == []


def test_a_pending_applicant_sees_the_locality_and_a_stranger_sees_only_an_empty_list(fake: Fakes) -> None:
    waiting, stranger = applicant(7), applicant(8)
    submitted(fake, waiting, locality="140105")

    with pytest.raises(AppError) as not_trainee:
        favourites.trainee_locality(stranger, ports=fake.ports)

    assert favourites.trainee_locality(waiting, ports=fake.ports) == "140105"  # favourites wait for approval
    assert not_trainee.value.code == "NOT_TRAINEE"
    assert favourites.mine(stranger, NOW, ports=fake.ports) == []


def test_one_persons_favourites_are_not_anothers(fake: Fakes) -> None:
    me, other = applicant(9), applicant(10)
    approved(fake, me)
    approved(fake, other)
    position_id = published(fake)
    favourites.add(me, position_id, NOW, ports=fake.ports)

    favourites.remove(other, position_id, ports=fake.ports)  # theirs was never there; mine stays

    assert favourites.mine(other, NOW, ports=fake.ports) == []
    assert [f.position_id for f in favourites.mine(me, NOW, ports=fake.ports)] == [position_id]
    assert fake.db.people[me.subject].favourite_count == 1
