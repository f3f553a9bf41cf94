"""统计分析 of placements on moto (issue 23): after a randomised history of placements taken through the use cases,
every placement counter of every region and month equals a brute-force count over the placements' own histories."""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta

import msgspec
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from chalicelib import wiring
from chalicelib.adapters.dynamo import connection
from chalicelib.adapters.models.placements import Placement
from chalicelib.domain.placements import PlacementRecord
from chalicelib.domain.principal import Principal
from chalicelib.domain.regions import PROVINCE_CODE
from chalicelib.domain.statistics import PLACEMENT_EVENTS, RegionKey
from chalicelib.services import placement_agency, placement_units, placements
from scripts.stored_factories import NOW, approved_trainee, new_position, person
from tests.integration.test_rating_statistics import _regions
from tests.services.placement_steps import TERMS

pytestmark = pytest.mark.usefixtures("world")
AGENCY = Principal("stats-agency", "审核员", None, frozenset({"reviewer"}), PROVINCE_CODE)
LOCALITIES = ("140105", "140100", "140212")
# How far each placement goes: 0 applied, 1 withdrawn, 2 agreed, 3 上岗, 4 ended early, 5 completed.
FARTHEST = st.integers(0, 5)
ENDED_AT = NOW + timedelta(days=40)  # January 2027
COMPLETED_AT = datetime(2027, 6, 1, 2, 0, tzinfo=NOW.tzinfo)  # the morning after the period's last day
_serials = itertools.count(7000)


def _take(locality: str, farthest: int, retain: bool) -> None:
    serial = next(_serials)
    who = person(f"pstat-{serial}", serial)
    approved_trainee(who, locality)
    position_id = new_position(locality)
    position = wiring.ports().positions.get(position_id)
    assert position is not None
    unit = position.employer_credit_code
    placement_id = placements.apply(who, position_id, NOW, ports=wiring.ports()).placement_id
    if farthest == 1:
        placements.withdraw(who, placement_id, NOW, ports=wiring.ports())
    if farthest < 2:
        return
    placement_units.offer(unit, placement_id, TERMS, NOW, ports=wiring.ports())
    placements.accept(who, placement_id, NOW, ports=wiring.ports())
    if farthest >= 3:
        placement_agency.confirm(AGENCY, placement_id, NOW, ports=wiring.ports())
    if farthest == 4:
        end = {"end_date": date(2027, 1, 31), "reason": "trainee_left", "note": None}
        placement_units.end(unit, placement_id, end, ENDED_AT, ports=wiring.ports())
    if farthest == 5:
        placement_agency.complete_due(COMPLETED_AT, ports=wiring.ports())
    if farthest >= 4 and retain:
        contract = {"contract_start": date(2027, 6, 2), "contract_months": 12}
        placement_units.retain(unit, placement_id, contract, COMPLETED_AT, ports=wiring.ports())


def brute_force() -> dict[tuple[str, str, str], Counter[str]]:
    """The placement counters recomputed from every placement's history (a Scan: the test may, a request never)."""
    connection()
    counts: dict[tuple[str, str, str], Counter[str]] = defaultdict(Counter)
    for item in Placement.scan():
        if item.record is None:
            continue  # the trainees' and positions' counters share the table
        placement = msgspec.json.decode(item.record, type=PlacementRecord)
        status = None
        for step in placement.history:
            key = PLACEMENT_EVENTS.get(step.status) if step.status != status else None
            if (step.comment or "").startswith("留用"):
                key = "placements.retained"
            status = step.status
            if key is None:
                continue
            for level_name, code in _regions(placement.county_code):
                counts[(level_name, code, step.at[:7])][key] += 1
    return counts


@settings(
    max_examples=6, deadline=None, phases=[Phase.generate], suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(history=st.lists(st.tuples(st.sampled_from(LOCALITIES), FARTHEST, st.booleans()), min_size=1, max_size=4))
def test_placement_counters_equal_a_count_of_the_steps(history: list[tuple[str, int, bool]]) -> None:
    for locality, farthest, retain in history:
        _take(locality, farthest, retain)

    expected = brute_force()
    store = wiring.ports().statistics
    for (level_name, code, month), counts in expected.items():
        stored = store.months(RegionKey(level_name, code), month, month).get(month, {})
        assert {k: v for k, v in stored.items() if k.startswith("placements.") and v} == dict(counts), (code, month)
