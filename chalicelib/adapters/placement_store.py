"""Placements in DynamoDB: each change of status one transaction with the counters it moves.

The rules are conditions on two counters (models/placements.py): the trainee's (`@T<subject>`: fewer than three
active, this position not open to them already, not placed) and the position's seats (`@S<position id>`: below
its headcount). Which counter a move changes is the domain's `effects`, so a new status is one line there.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Any

import msgspec
from pynamodb.expressions.condition import Condition

from chalicelib.adapters.dynamo import RawKey, Transaction, bounded_page, connection, transact
from chalicelib.adapters.message_store import staged
from chalicelib.adapters.models import Person, Position
from chalicelib.adapters.models.placements import Placement, PlacementCounter
from chalicelib.adapters.statistics_counters import count_all_in  # issue 23
from chalicelib.domain.clock import china_month, sortable_utc
from chalicelib.domain.identity import is_resource_id
from chalicelib.domain.placements import IN_PROGRESS, MAX_ACTIVE, PlacementRecord
from chalicelib.domain.regions import PROVINCE_CODE, shanxi
from chalicelib.domain.statistics import placement_increments
from chalicelib.ports.placements import PERSON, PLACEMENT, POSITION, SEAT, TRAINEE, Entry, Move, TraineeSlots
from chalicelib.ports.stores import Staged

DUE_SHARD = "in_progress"
_decode = msgspec.json.Decoder(PlacementRecord)


def trainee_key(subject: str) -> str:
    return f"@T{subject}"


def seat_key(position_id: str) -> str:
    return f"@S{position_id}"


def _item(record: PlacementRecord) -> Placement:
    in_progress = record.status == IN_PROGRESS
    return Placement(
        record.placement_id,
        record=msgspec.json.encode(record).decode(),
        version=record.version,
        subject=record.subject,
        credit_code=record.credit_code,
        position_id=record.position_id,
        county_code=record.county_code,
        city_code=record.city_code,
        province=PROVINCE_CODE,
        status=record.status,
        rank=f"{sortable_utc(record.created_at)}#{record.placement_id}",
        due_shard=DUE_SHARD if in_progress else None,
        end_date=record.end_date.isoformat() if in_progress and record.end_date else None,
    )


def _record(raw: str) -> PlacementRecord:
    return _decode.decode(raw)


def get(placement_id: str) -> PlacementRecord | None:
    if not is_resource_id(placement_id):
        return None
    connection()
    try:
        return _record(Placement.get(placement_id, consistent_read=True).record)
    except Placement.DoesNotExist:
        return None


def _page(
    index: Any, hash_key: str, *, filters: Condition | None, limit: int, start_key: RawKey | None
) -> tuple[list[PlacementRecord], RawKey | None]:
    connection()
    results = index.query(hash_key, filter_condition=filters, scan_index_forward=False, last_evaluated_key=start_key)
    page = bounded_page(results, limit=limit)
    return [_record(raw["record"]["S"]) for raw in page.items], page.next_key


def _status_filter(status: str | None, position_id: str | None = None, county: str | None = None) -> Condition | None:
    conditions = [
        condition
        for condition in (
            Placement.status == status if status else None,
            Placement.position_id == position_id if position_id else None,
            Placement.county_code == county if county else None,
        )
        if condition is not None
    ]
    combined: Condition | None = None
    for condition in conditions:
        combined = condition if combined is None else combined & condition
    return combined


def of_trainee(subject: str, *, limit: int, start_key: RawKey | None) -> tuple[list[PlacementRecord], RawKey | None]:
    return _page(Placement.by_trainee, subject, filters=None, limit=limit, start_key=start_key)


def of_unit(
    credit_code: str, *, status: str | None, position_id: str | None, limit: int, start_key: RawKey | None
) -> tuple[list[PlacementRecord], RawKey | None]:
    """One Query of the unit's partition, newest first; status and position are filters on it."""
    filters = _status_filter(status, position_id)
    return _page(Placement.by_unit, credit_code, filters=filters, limit=limit, start_key=start_key)


def of_region(
    region: str, *, county: str | None, status: str | None, limit: int, start_key: RawKey | None
) -> tuple[list[PlacementRecord], RawKey | None]:
    """One Query of the region's partition (a county when one is asked for), newest first; status filters."""
    if county is not None:
        index, key = Placement.by_county, county
    elif region == PROVINCE_CODE:
        index, key = Placement.by_province, region
    elif shanxi().city(region) is not None:
        index, key = Placement.by_city, region
    else:
        index, key = Placement.by_county, region
    return _page(index, key, filters=_status_filter(status), limit=limit, start_key=start_key)


def slots(subject: str) -> TraineeSlots:
    connection()
    try:
        counter = PlacementCounter.get(trainee_key(subject), consistent_read=True)
    except PlacementCounter.DoesNotExist:
        return TraineeSlots(0, frozenset(), None)
    return TraineeSlots(int(counter.active or 0), frozenset(counter.open_positions or ()), counter.placed_id)


def seats_taken(position_id: str) -> int:
    connection()
    try:
        return int(PlacementCounter.get(seat_key(position_id), consistent_read=True).taken or 0)
    except PlacementCounter.DoesNotExist:
        return 0


def _trainee_update(tx: Transaction, subject: str, moves: Sequence[Move]) -> None:
    """The trainee's counter: the active count, the positions open to them, placed or not, with the rules."""
    active = 0
    opened: set[str] = set()
    closed: set[str] = set()
    actions: list[Any] = []
    conditions: list[Condition] = []
    counter = PlacementCounter
    for move in moves:
        change = move.effects
        active += change.active
        position = move.after.position_id
        if change.lock > 0:
            opened.add(position)
            conditions.append(counter.open_positions.does_not_exist() | ~counter.open_positions.contains(position))
        elif change.lock < 0:
            closed.add(position)
        if change.placed > 0:
            actions.append(counter.placed_id.set(move.after.placement_id))
        elif change.placed < 0:
            actions.append(counter.placed_id.remove())
            conditions.append(counter.placed_id == move.after.placement_id)
        if change.lock > 0 or change.active > 0 or change.placed > 0:
            conditions.append(counter.placed_id.does_not_exist())
    if any(move.effects.placed > 0 for move in moves):
        # Placed: every active application goes in the same transaction, so none is left behind.
        conditions.append(counter.active == -active)
    if active:
        actions.append(counter.active.add(active))
    if active > 0:
        conditions.append(counter.active.does_not_exist() | (counter.active <= MAX_ACTIVE - active))
    if opened:
        actions.append(counter.open_positions.add(opened))
    if closed - opened:
        actions.append(counter.open_positions.delete(closed - opened))
    if not actions:
        return
    condition: Condition | None = None
    for each in conditions:
        condition = each if condition is None else condition & each
    tx.update(TRAINEE, PlacementCounter(trainee_key(subject)), actions=actions, condition=condition)


def _seat_updates(tx: Transaction, moves: Sequence[Move], headcount: int | None) -> None:
    seats: Counter[str] = Counter()
    for move in moves:
        seats[move.after.position_id] += move.effects.seat
    for position_id, delta in seats.items():
        if delta == 0:
            continue
        condition = None
        if delta > 0:
            limit = (headcount or 0) - delta
            condition = (PlacementCounter.taken <= limit) | PlacementCounter.taken.does_not_exist()
            if limit < 0:
                condition = PlacementCounter.taken < 0  # a headcount below the seats asked for: always refused
        tx.update(
            SEAT,
            PlacementCounter(seat_key(position_id)),
            actions=[PlacementCounter.taken.add(delta)],
            condition=condition,
        )


def _notices(tx: Transaction, notices: Sequence[Staged], entry: Entry | None, entrant: str | None) -> None:
    """The messages (and texts), counted on each recipient's item; the entrant's own item carries the entry's
    condition when it is also a recipient (one operation per item per transaction)."""
    counts: Counter[str] = Counter()
    for notice in notices:
        staged(tx, notice)
        counts[notice.message.subject] += 1
    person_rule = _person_rule(entry)
    for subject, count in counts.items():
        condition = person_rule if subject == entrant else None
        label = PERSON if condition is not None else "recipient"
        tx.update(label, Person(subject), [Person.unread_messages.add(count)], condition)
    if entrant is not None and person_rule is not None and entrant not in counts:
        tx.check(PERSON, Person, entrant, condition=person_rule)


def _person_rule(entry: Entry | None) -> Condition | None:
    if entry is None or entry.locality is None:
        return None
    rule: Condition = (Person.live_status == "approved") & (Person.locality == entry.locality)
    return rule


def commit(
    moves: Sequence[Move],
    *,
    headcount: int | None = None,
    entry: Entry | None = None,
    notices: Sequence[Staged] = (),
) -> None:
    connection()
    subjects = dict.fromkeys(move.after.subject for move in moves)
    entrant = moves[0].after.subject if entry is not None else None

    def build(tx: Transaction) -> None:
        for move in moves:
            condition: Condition = (
                Placement.placement_id.does_not_exist()
                if move.before is None
                else Placement.version == move.before.version
            )
            tx.save(PLACEMENT, _item(move.after), condition=condition)
        _count_statistics(tx, moves)  # issue 23
        for subject in subjects:
            _trainee_update(tx, subject, [m for m in moves if m.after.subject == subject])
        _seat_updates(tx, moves, headcount)
        if entry is not None:
            tx.check(POSITION, Position, entry.position_id, condition=Position.status == "open")
        _notices(tx, notices, entry, entrant)

    transact(build)


def _count_statistics(tx: Transaction, moves: Sequence[Move]) -> None:
    """统计分析 (issue 23): each step counted in its placement's county, in the China month it was taken."""
    steps = [
        (m.after.county_code, china_month(m.after.updated_at), placement_increments(m.before, m.after)) for m in moves
    ]
    count_all_in(tx, steps)


def due(day: date) -> list[PlacementRecord]:
    """In progress, with a last day before `day`: one Query of the sparse index (paged by PynamoDB)."""
    connection()
    results = Placement.in_progress_by_end.query(DUE_SHARD, Placement.end_date < day.isoformat())
    return [_record(item.record) for item in results]


def ending(first: date, last: date) -> list[PlacementRecord]:
    """In progress, with a last day from `first` to `last`: one Query of the same sparse index."""
    connection()
    days = Placement.end_date.between(first.isoformat(), last.isoformat())
    return [_record(item.record) for item in Placement.in_progress_by_end.query(DUE_SHARD, days)]
