"""The placement store's contract, on the fakes and on moto alike: the counters' rules refused with the same
labels, the lists in the same order, the nightly job's Query."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from chalicelib.domain.placements import (
    AGREED,
    APPLIED,
    IN_PROGRESS,
    OFFERED,
    WITHDRAWN,
    PlacementRecord,
    moved,
)
from chalicelib.ports.placements import PERSON, PLACEMENT, POSITION, SEAT, TRAINEE, Entry, Move
from tests.adapters.contract_backends import NOW, Backend, case, refused, submit
from tests.adapters.contract_backends import moved as case_moved
from tests.adapters.test_position_store_contract import closed, position, published


def trainee(backend: Backend, subject: str, locality: str = "140105") -> None:
    application = submit(backend, case(subject, locality))
    case_moved(backend, application, "approved", release=False)


def new(subject: str, position_id: str, credit_code: str = "91140100MA0L0000XA", minutes: int = 0) -> PlacementRecord:
    at = NOW + timedelta(minutes=minutes)
    record = PlacementRecord(
        placement_id=uuid.uuid4().hex,
        subject=subject,
        trainee_name="王晓雨",
        trainee_id_number="140105200305171236",
        trainee_phone="13912345678",
        credit_code=credit_code,
        org_name="山西测试科技有限公司",
        position_id=position_id,
        position_title="软件开发见习生",
        county_code="140105",
        city_code="140100",
        status=APPLIED,
        created_at=at,
        updated_at=at,
    )
    return moved(record, APPLIED, "trainee", at)


def applied(backend: Backend, subject: str, position_id: str, minutes: int = 0) -> PlacementRecord:
    record = new(subject, position_id, minutes=minutes)
    backend.ports.placements.commit([Move(None, record)], entry=Entry("140105", position_id))
    return record


def test_an_application_is_stored_counted_and_listed_newest_first(backend: Backend) -> None:
    store = backend.ports.placements
    trainee(backend, "p1")
    ids = [published(backend, position()).position_id for _ in range(3)]
    made = [applied(backend, "p1", p, minutes=i) for i, p in enumerate(ids)]

    assert store.get(made[0].placement_id) == made[0]
    page, next_key = store.of_trainee("p1", limit=2, start_key=None)
    rest, last = store.of_trainee("p1", limit=2, start_key=next_key)
    assert [p.placement_id for p in [*page, *rest]] == [m.placement_id for m in reversed(made)] and last is None
    unit, _ = store.of_unit(made[0].credit_code, status=APPLIED, position_id=ids[1], limit=10, start_key=None)
    assert [p.placement_id for p in unit] == [made[1].placement_id]
    region, _ = store.of_region("140100", county=None, status=None, limit=10, start_key=None)
    assert len(region) == 3
    assert store.of_region("140200", county=None, status=None, limit=10, start_key=None)[0] == []
    slots = store.slots("p1")
    assert (slots.active, slots.open_positions, slots.placed_id) == (3, frozenset(ids), None)


def test_the_trainee_counter_refuses_a_fourth_and_a_second_on_one_position(backend: Backend) -> None:
    store = backend.ports.placements
    trainee(backend, "p2")
    ids = [published(backend, position()).position_id for _ in range(4)]
    for position_id in ids[:3]:
        applied(backend, "p2", position_id)

    assert refused(lambda: applied(backend, "p2", ids[3])) == {TRAINEE}
    assert store.slots("p2").active == 3
    first = store.of_trainee("p2", limit=10, start_key=None)[0][-1]
    store.commit([Move(first, moved(first, WITHDRAWN, "trainee", NOW))])
    again = applied(backend, "p2", first.position_id)  # withdrawn: the position and a place are free again
    assert refused(lambda: applied(backend, "p2", again.position_id)) == {TRAINEE}


def test_a_new_application_needs_an_approved_trainee_of_the_locality_and_an_open_position(backend: Backend) -> None:
    store = backend.ports.placements
    submit(backend, case("p3"))  # pending only
    position_id = published(backend, position()).position_id
    shut = published(backend, position()).position_id
    closed(backend, shut)

    assert refused(lambda: applied(backend, "p3", position_id)) == {PERSON}
    trainee(backend, "p4")
    assert refused(lambda: applied(backend, "p4", shut)) == {POSITION}
    assert store.slots("p3").active == 0 and store.slots("p4").active == 0


def test_seats_are_held_below_the_headcount_and_a_stale_version_is_refused(backend: Backend) -> None:
    store = backend.ports.placements
    position_id = published(backend, position()).position_id
    for subject in ("s1", "s2"):
        trainee(backend, subject)
    first, second = applied(backend, "s1", position_id), applied(backend, "s2", position_id)
    offered = moved(first, OFFERED, "unit", NOW)
    store.commit([Move(first, offered)], headcount=1)

    assert refused(lambda: store.commit([Move(second, moved(second, OFFERED, "unit", NOW))], headcount=1)) == {SEAT}
    assert refused(lambda: store.commit([Move(first, moved(first, OFFERED, "unit", NOW))], headcount=3)) == {PLACEMENT}
    assert store.seats_taken(position_id) == 1


def test_placing_needs_every_active_one_moved_with_it_and_happens_once(backend: Backend) -> None:
    store = backend.ports.placements
    trainee(backend, "a1")
    ids = [published(backend, position()).position_id for _ in range(2)]
    first, second = (applied(backend, "a1", p) for p in ids)
    offer = moved(first, OFFERED, "unit", NOW)
    store.commit([Move(first, offer)], headcount=3)
    agreed = moved(offer, AGREED, "trainee", NOW)

    assert refused(lambda: store.commit([Move(offer, agreed)])) == {TRAINEE}  # the other one left active
    store.commit([Move(offer, agreed), Move(second, moved(second, WITHDRAWN, "system", NOW))])
    slots = store.slots("a1")
    assert (slots.active, slots.open_positions, slots.placed_id) == (0, frozenset(), first.placement_id)
    assert refused(lambda: applied(backend, "a1", published(backend, position()).position_id)) == {TRAINEE}


def test_the_periods_that_ended_are_found_by_day(backend: Backend) -> None:
    store = backend.ports.placements
    trainee(backend, "d1")
    position_id = published(backend, position()).position_id
    record = applied(backend, "d1", position_id)
    offer = moved(record, OFFERED, "unit", NOW, start_date=date(2026, 12, 1), months=3, end_date=date(2027, 2, 28))
    store.commit([Move(record, offer)], headcount=3)
    running = moved(offer, IN_PROGRESS, "reviewer", NOW)
    store.commit([Move(offer, running)])  # (agreed skipped: the store holds counters, not the order of steps)

    assert store.due(date(2027, 2, 28)) == []
    assert [p.placement_id for p in store.due(date(2027, 3, 1))] == [record.placement_id]
    # The week before the last day (the morning run's reminder to the unit): both ends of the range count.
    assert store.ending(date(2027, 2, 20), date(2027, 2, 27)) == []
    assert [p.placement_id for p in store.ending(date(2027, 2, 21), date(2027, 2, 28))] == [record.placement_id]
    assert [p.placement_id for p in store.ending(date(2027, 2, 28), date(2027, 3, 7))] == [record.placement_id]
    assert store.ending(date(2027, 3, 1), date(2027, 3, 8)) == []
