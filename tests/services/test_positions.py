"""见习岗位录入及维护 by staff: publish, edit, close, the nightly sweep, and the counts per region, on the fakes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from chalicelib.answers.regions import CityCounts, ProvinceCounts
from chalicelib.domain.principal import Principal
from chalicelib.errors import AppError
from chalicelib.ports.conditions import ConditionFailed
from chalicelib.services import positions
from tests.services.builders import MANAGER, NOW, position_fields, published
from tests.services.fake_positions import FakePositions
from tests.services.fakes import Fakes

XIAODIAN_STAFF = Principal("staff-xd", "管理员", None, frozenset({"applicant", "position_manager"}), "140105")


def listed(fake: Fakes) -> set[str]:
    return set(fake.db.listed)


def code_of(call: object) -> str:
    assert callable(call)
    with pytest.raises(AppError) as refused:
        call()
    return refused.value.code


def test_a_published_position_is_open_listed_and_answers_in_full(fake: Fakes) -> None:
    answer = positions.create(MANAGER, position_fields(title="软件测试见习生"), NOW, ports=fake.ports)

    assert answer.status == "open"
    assert (answer.city_code, answer.county_name) == ("140100", "小店区")
    assert answer.published_at == answer.updated_at == "2026-11-26T10:00:00+08:00"
    assert listed(fake) == {answer.position_id}
    assert "description" not in fake.db.listed[answer.position_id]  # a search line, not the detail
    assert positions.detail(answer.position_id, NOW, ports=fake.ports).title == "软件测试见习生"


def test_publishing_outside_ones_region_or_with_bad_fields_writes_nothing(fake: Fakes) -> None:
    elsewhere = position_fields(county_code="140213")  # 大同市平城区, outside 小店区
    broken = position_fields(headcount=0)

    assert code_of(lambda: positions.create(XIAODIAN_STAFF, elsewhere, NOW, ports=fake.ports)) == "OUTSIDE_REGION"
    assert code_of(lambda: positions.create(MANAGER, broken, NOW, ports=fake.ports)) == "VALIDATION_FAILED"
    assert fake.db.positions == {}


def test_an_edit_moves_the_listing_and_outside_the_region_the_position_does_not_exist(fake: Fakes) -> None:
    position_id = published(fake, county_code="140105")
    later = NOW + timedelta(hours=1)

    edited = positions.update(
        MANAGER, position_id, {"county_code": "140106", "title": "新标题"}, later, ports=fake.ports
    )

    assert (edited.county_code, edited.city_code, edited.title) == ("140106", "140100", "新标题")
    assert edited.updated_at == "2026-11-26T11:00:00+08:00"
    assert fake.db.listed[position_id]["title"] == "新标题"
    assert fake.db.positions[position_id].county_code == "140106"
    assert code_of(lambda: positions.update(XIAODIAN_STAFF, position_id, {"title": "x"}, later, ports=fake.ports)) == (
        "POSITION_NOT_FOUND"
    )


def test_a_new_deadline_moves_the_open_positions_deadline_index(fake: Fakes) -> None:
    position_id = published(fake)
    new_deadline = date(2027, 3, 1)

    positions.update(MANAGER, position_id, {"deadline": new_deadline}, NOW, ports=fake.ports)

    assert fake.ports.positions.open_ids_with_deadline("2027-03-01") == [position_id]
    assert fake.db.positions[position_id].deadline == "2027-03-01"


class _EditedMeanwhile(FakePositions):
    """Another member of staff saves the position between our read and our write."""

    def replace(
        self, old_record: object, new_record: object, summary: object, hold: object = None, notice: object = None
    ) -> None:
        self.db.positions[old_record.position_id].version += 1  # type: ignore[attr-defined]
        super().replace(old_record, new_record, summary)  # type: ignore[arg-type]


def test_an_edit_over_a_change_made_meanwhile_is_refused(fake: Fakes) -> None:
    from msgspec import structs

    position_id = published(fake)
    racing = structs.replace(fake.ports, positions=_EditedMeanwhile(fake.db))

    assert code_of(lambda: positions.update(MANAGER, position_id, {"title": "我的"}, NOW, ports=racing)) == (
        "POSITION_CHANGED"
    )
    assert fake.db.positions[position_id].title != "我的"


def test_closing_leaves_search_at_once_and_twice_is_not_an_error(fake: Fakes) -> None:
    position_id = published(fake)

    first = positions.close(MANAGER, position_id, NOW + timedelta(minutes=5), ports=fake.ports)
    again = positions.close(MANAGER, position_id, NOW + timedelta(minutes=9), ports=fake.ports)

    assert first.status == again.status == "closed"
    assert again.updated_at == first.updated_at  # the second close changed nothing
    assert listed(fake) == set()
    assert fake.ports.positions.open_ids_with_deadline(fake.db.positions[position_id].deadline) == []
    assert code_of(lambda: positions.close(MANAGER, "f" * 32, NOW, ports=fake.ports)) == "POSITION_NOT_FOUND"


def test_the_sweep_closes_positions_whose_deadline_passed_and_only_those(fake: Fakes) -> None:
    expired = [published(fake, deadline=(NOW + timedelta(days=d)).date()) for d in (4, 8)]
    current = published(fake, deadline=(NOW + timedelta(days=30)).date())
    long_ago = published(fake, deadline=(NOW + timedelta(days=1)).date())  # past the sweep's week of lookback
    ten_days_on = NOW + timedelta(days=10)

    closed = positions.sweep_expired(ten_days_on, ports=fake.ports)
    rerun = positions.sweep_expired(ten_days_on, ports=fake.ports)

    assert (closed, rerun) == (2, 0)
    assert {i for i, p in fake.db.positions.items() if p.status == "closed"} == set(expired)
    assert listed(fake) == {current, long_ago}  # listed, but no search shows it: its deadline has passed


def test_the_sweep_skips_what_cannot_be_closed_and_closes_the_rest(fake: Fakes) -> None:
    expired = [published(fake, deadline=(NOW + timedelta(days=1)).date()) for _ in range(2)]

    class RefusesOne(FakePositions):
        def replace(
            self, old_record: object, new_record: object, summary: object, hold: object = None, notice: object = None
        ) -> None:
            if old_record.position_id == expired[0]:  # type: ignore[attr-defined]
                raise ConditionFailed(frozenset({"position"}))  # edited at that very moment
            super().replace(old_record, new_record, summary)  # type: ignore[arg-type]

    from msgspec import structs

    racing = structs.replace(fake.ports, positions=RefusesOne(fake.db))

    assert positions.sweep_expired(NOW + timedelta(days=3), ports=racing) == 1
    assert fake.db.positions[expired[1]].status == "closed"
    assert fake.db.positions[expired[0]].status == "open"  # the next night tries again


def test_counts_per_region_add_up_and_follow_closing(fake: Fakes) -> None:
    a = published(fake, county_code="140105")
    published(fake, county_code="140105", education="master")
    published(fake, county_code="140100")  # 太原市本级
    published(fake, county_code="140213")  # 大同市平城区

    taiyuan = positions.counts("140100", None, None, NOW, ports=fake.ports)
    province = positions.counts(None, None, None, NOW, ports=fake.ports)
    positions.close(MANAGER, a, NOW, ports=fake.ports)
    masters = positions.counts("140100", "master", None, NOW, ports=fake.ports)

    assert isinstance(taiyuan, CityCounts) and isinstance(masters, CityCounts)
    assert isinstance(province, ProvinceCounts)
    by_county = {row.code: row.count for row in taiyuan.counties}
    assert (taiyuan.city.count, by_county["140105"], by_county["140100"]) == (3, 2, 1)
    assert taiyuan.counties[0].code == "140100"  # 市本级 first
    assert province.province.count == 4
    assert {row.code: row.count for row in province.cities}["140200"] == 1
    assert masters.city.count == 1
    assert code_of(lambda: positions.counts("149900", None, None, NOW, ports=fake.ports)) == "INVALID_REGION"
