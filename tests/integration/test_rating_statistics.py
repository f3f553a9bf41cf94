"""好差评 and 统计分析 on moto: two ratings at once make one, and the counters written with each event equal a
brute-force count of a randomised history of events (hypothesis), through the statistics use case's Queries."""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chalicelib import wiring
from chalicelib.domain.principal import Principal
from chalicelib.domain.regions import PROVINCE_CODE, shanxi
from chalicelib.domain.statistics import COUNTED, RegionKey
from chalicelib.errors import AppError
from chalicelib.services import applications, ratings, review, statistics
from scripts.stored_factories import NOW, REVIEWER, form_for, person, submitted, uploaded_attachments
from tests.integration.conftest import race

pytestmark = pytest.mark.usefixtures("world")
PROVINCE_STAFF = Principal("stats", "统计员", None, frozenset({"reviewer"}), PROVINCE_CODE)
# Two cities, a 市本级 (whose code is its city's) among the county-level entries.
LOCALITIES = ("140105", "140100", "140212")
# Across a China month boundary: 2026-11-30T17:30Z is December in China.
MOMENTS = (NOW, datetime.fromisoformat("2026-11-30T17:30:00+00:00"), NOW + timedelta(days=40))
_serials = itertools.count(5000)


def test_two_ratings_of_one_case_at_once_make_one() -> None:
    someone = person("rate-race", 4999)
    case = submitted(someone)
    review.decide(REVIEWER, case, "approve", None, NOW, ports=wiring.ports())
    body = {"case_type": "application", "case_id": case, "level": 2}

    results = race(*[lambda: ratings.rate(someone, dict(body), NOW, ports=wiring.ports()) for _ in range(6)])

    outcomes = Counter(r.code if isinstance(r, AppError) else "rated" for r in results)
    assert outcomes == Counter({"rated": 1, "ALREADY_RATED": 5})
    summary = ratings.summary(REVIEWER, county="140105", month="2026-11", now=NOW, ports=wiring.ports())
    assert (summary.count, summary.bad) == (1, 1)


Event = tuple[str, int, str | None, int, int | None]  # locality, moment, decision, decision moment, rating level

events = st.tuples(
    st.sampled_from(LOCALITIES),
    st.integers(0, len(MOMENTS) - 1),
    st.sampled_from([None, "approve", "reject", "withdraw"]),
    st.integers(0, len(MOMENTS) - 1),
    st.one_of(st.none(), st.integers(1, 5)),
)


def _regions(county: str) -> list[tuple[str, str]]:
    city = shanxi().locality(county)
    assert city is not None
    return [("county", county), ("city", city.city_code), ("province", PROVINCE_CODE)]


def brute_force() -> dict[tuple[str, str, str], Counter[str]]:
    """Every counter recomputed from the cases and ratings themselves (a Scan: the test may, a request never)."""
    from chalicelib.adapters.dynamo import connection
    from chalicelib.adapters.models import Application, Rating

    connection()
    counts: dict[tuple[str, str, str], Counter[str]] = defaultdict(Counter)
    for application in Application.scan():
        for step in application.history:
            key = "applications.submitted" if step.status == "pending" else f"applications.{step.status}"
            for level_name, code in _regions(application.locality):
                counts[(level_name, code, step.at[:7])][key] += 1
    for rating in Rating.scan():
        for level_name, code in _regions(rating.county_code):
            counts[(level_name, code, rating.month)][f"ratings.level_{int(rating.level)}"] += 1
    return counts


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(history=st.lists(events, min_size=1, max_size=5))
def test_counters_equal_a_count_of_the_events(history: list[Event]) -> None:
    """The tables live through every example of the test: after each, every counter of every region and month
    equals the count over all cases made so far, and the province's answer shows the same figures."""
    for locality, at, decision, later, level in history:
        serial = next(_serials)
        someone = person(f"stat-{serial}", serial)
        submitted_at = MOMENTS[at]
        decided_at = max(submitted_at, MOMENTS[later])
        form = form_for(someone, uploaded_attachments(someone.subject), locality)
        case = applications.submit(someone, form, submitted_at, ports=wiring.ports()).application_id
        if decision == "withdraw":
            applications.withdraw(someone, case, decided_at, ports=wiring.ports())
        elif decision is not None:
            review.decide(REVIEWER, case, decision, "理由", decided_at, ports=wiring.ports())
            if level is not None:
                rating = {"case_type": "application", "case_id": case, "level": level}
                ratings.rate(someone, rating, decided_at, ports=wiring.ports())

    expected = brute_force()
    store = wiring.ports().statistics
    for (level_name, code, month), counts in expected.items():
        stored = store.months(RegionKey(level_name, code), month, month).get(month, {})
        assert {k: v for k, v in stored.items() if v} == dict(counts), (level_name, code, month)
    report = statistics.report(
        PROVINCE_STAFF, region=None, first="2026-01", last="2027-12", now=NOW, ports=wiring.ports()
    )
    for figures in report.months:
        counted = expected.get(("province", PROVINCE_CODE, figures.month), Counter())
        assert {k: v for k, v in figures.totals.items() if k in COUNTED and v} == dict(counted)
