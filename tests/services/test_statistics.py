"""统计分析 on the fakes: a region's figures month by month, its children, one read per region answered."""

from __future__ import annotations

import pytest

from chalicelib.domain.principal import Principal
from chalicelib.errors import AppError
from chalicelib.services import applications, statistics
from tests.services.builders import NOW, applicant, approved, submitted
from tests.services.fake_ratings import FakeStatistics
from tests.services.fakes import Fakes

PROVINCE = Principal("p", "统计", None, frozenset({"reviewer"}), "140000")
TAIYUAN = Principal("t", "统计", None, frozenset({"reviewer"}), "140100")


def test_the_province_answers_itself_and_its_cities_one_read_each(fake: Fakes) -> None:
    approved(fake, applicant(1), "140105")  # 太原市小店区
    case = submitted(fake, applicant(2), "140212")  # 大同市
    applications.withdraw(applicant(2), case, NOW, ports=fake.ports)
    store = fake.ports.statistics
    assert isinstance(store, FakeStatistics)

    report = statistics.report(PROVINCE, region=None, first="2026-11", last="2026-12", now=NOW, ports=fake.ports)

    assert store.queries == 12  # the province and its 11 cities
    assert (report.totals["applications.submitted"], report.totals["applications.approved"]) == (2, 1)
    assert [m.month for m in report.months] == ["2026-11", "2026-12"]
    cities = {c.region: c.totals for c in report.children}
    assert cities["140100"]["applications.approved"] == 1 and cities["140200"]["applications.withdrawn"] == 1
    assert report.totals["ratings.satisfaction_rate"] is None  # nothing rated: no rate, not 0


def test_a_city_answers_its_county_level_entries_and_no_more(fake: Fakes) -> None:
    submitted(fake, applicant(3), "140100")  # 太原市本级: its code is the city's

    report = statistics.report(TAIYUAN, region=None, first=None, last=None, now=NOW, ports=fake.ports)

    assert (report.from_, report.to, report.level) == ("2026-01", "2026-12", "city")
    assert report.children[0].region_name == "市本级"
    assert report.children[0].totals["applications.submitted"] == 1
    with pytest.raises(AppError) as beyond:
        statistics.report(TAIYUAN, region="140000", first=None, last=None, now=NOW, ports=fake.ports)
    assert beyond.value.code == "OUTSIDE_REGION"
