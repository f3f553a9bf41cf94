"""岗位订阅: up to five saved searches, and the 08:00 digest of what is new for them, on the fakes."""

from __future__ import annotations

from datetime import timedelta

import msgspec
import pytest

from chalicelib.domain.areas import Area
from chalicelib.errors import AppError
from chalicelib.services import saved_searches
from chalicelib.services.positions import SearchFilters
from tests.services.builders import NOW, applicant, published, submitted
from tests.services.fakes import Fakes

TAIYUAN = Area.city("140100")
EIGHT = NOW + timedelta(days=1) - timedelta(hours=2)  # 08:00 China time the next morning


def save(fake: Fakes, serial: int, sms: bool = False, **filters: str) -> str:
    who = applicant(serial)
    area = Area.city(filters["city"]) if "city" in filters else Area.province()
    return str(saved_searches.create(who, area, SearchFilters(**filters), sms, NOW, ports=fake.ports).search_id)


def test_five_searches_are_kept_oldest_first_and_a_sixth_is_refused(fake: Fakes) -> None:
    who = applicant(1)
    made = [
        saved_searches.create(
            who,
            TAIYUAN,
            SearchFilters(city="140100", keyword=f"词{i}"),
            False,
            NOW + timedelta(seconds=i),
            ports=fake.ports,
        )
        for i in range(5)
    ]

    with pytest.raises(AppError) as refused:
        saved_searches.create(who, TAIYUAN, SearchFilters(city="140100"), False, NOW, ports=fake.ports)
    mine = saved_searches.mine(who, ports=fake.ports)

    assert refused.value.code == "SAVED_SEARCH_LIMIT_REACHED"
    assert [s.search_id for s in mine] == [m.search_id for m in made]
    # What was chosen, as the JSON answer carries it: no sort, no empties.
    assert msgspec.to_builtins(mine[0].filters) == {"city": "140100", "keyword": "词0"}


def test_removing_makes_room_and_someone_elses_search_is_left_alone(fake: Fakes) -> None:
    search_id = save(fake, 2, city="140100")

    saved_searches.remove(applicant(3), search_id, ports=fake.ports)
    assert len(saved_searches.mine(applicant(2), ports=fake.ports)) == 1
    saved_searches.remove(applicant(2), search_id, ports=fake.ports)
    assert saved_searches.mine(applicant(2), ports=fake.ports) == []


def test_the_digest_lists_what_is_new_for_a_search_once(fake: Fakes) -> None:
    published(fake, NOW - timedelta(hours=1), county_code="140105", title="旧岗位软件")  # before the search
    save(fake, 4, city="140100", keyword="软件")
    new = published(fake, NOW + timedelta(hours=1), county_code="140105", title="软件测试")
    published(fake, NOW + timedelta(hours=1), county_code="140105", title="会计助理", majors=["会计学"])
    published(fake, NOW + timedelta(hours=1), county_code="140213", title="软件开发")  # not the city

    first = saved_searches.daily_digest(EIGHT, ports=fake.ports)
    rerun = saved_searches.daily_digest(EIGHT + timedelta(minutes=5), ports=fake.ports)

    assert (first, rerun) == (1, 0)
    (message,) = fake.db.inbox("u-4")
    assert message.kind == "saved_search_digest"
    assert "软件测试" in message.text and "会计助理" not in message.text and "旧岗位" not in message.text
    assert fake.db.outbox == {}  # no text was asked for
    assert new in fake.db.listed


def test_one_message_a_day_however_many_searches_match_and_a_text_only_when_asked(fake: Fakes) -> None:
    who = applicant(5)
    submitted(fake, who)  # a live case: its real-name phone is where a text goes
    save(fake, 5, city="140100")
    save(fake, 5, sms=True, keyword="软件")
    published(fake, NOW + timedelta(hours=1), county_code="140105", title="软件测试")

    assert saved_searches.daily_digest(EIGHT, ports=fake.ports) == 1

    digests = [m for m in fake.db.inbox(who.subject) if m.kind == "saved_search_digest"]
    assert len(digests) == 1 and "1个新岗位" in digests[0].text  # the position once, though both searches match
    (text,) = [t for t in fake.db.outbox.values() if t.kind == "saved_search_digest"]
    assert (text.phone, text.params) == ("13912345678", ["王*雨", "1"])
