"""The placements' store in memory, with the real store's counters and conditions (adapters/placement_store.py):
a commit checks every rule before it writes anything, and refuses with the same labels."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from chalicelib.domain.clock import china_month, sortable_utc
from chalicelib.domain.placements import IN_PROGRESS, MAX_ACTIVE, PlacementRecord
from chalicelib.domain.regions import scope_contains
from chalicelib.domain.statistics import placement_increments
from chalicelib.ports.placements import PERSON, PLACEMENT, POSITION, SEAT, TRAINEE, Entry, Move, TraineeSlots
from chalicelib.ports.stores import RawKey, Staged
from tests.services.fake_db import Database, descending, page_of, refuse_unless_clear
from tests.services.fake_ratings import add_counts


@dataclass
class _Trainee:
    active: int = 0
    open_positions: set[str] = field(default_factory=set)
    placed_id: str | None = None


@dataclass
class PlacementTables:
    placements: dict[str, PlacementRecord] = field(default_factory=dict)
    trainees: dict[str, _Trainee] = field(default_factory=dict)
    seats: Counter[str] = field(default_factory=Counter)


class FakePlacements:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.tables = PlacementTables()

    def get(self, placement_id: str) -> PlacementRecord | None:
        return self.tables.placements.get(placement_id)

    def _listed(
        self, keep: Sequence[PlacementRecord], limit: int, start_key: RawKey | None
    ) -> tuple[list[PlacementRecord], RawKey | None]:
        ordered = [(descending(f"{sortable_utc(p.created_at)}#{p.placement_id}"), p) for p in keep]
        return page_of(sorted(ordered, key=lambda pair: pair[0]), limit, start_key)

    def of_trainee(
        self, subject: str, *, limit: int, start_key: RawKey | None
    ) -> tuple[list[PlacementRecord], RawKey | None]:
        return self._listed([p for p in self.tables.placements.values() if p.subject == subject], limit, start_key)

    def of_unit(
        self, credit_code: str, *, status: str | None, position_id: str | None, limit: int, start_key: RawKey | None
    ) -> tuple[list[PlacementRecord], RawKey | None]:
        kept = [
            p
            for p in self.tables.placements.values()
            if p.credit_code == credit_code
            and (status is None or p.status == status)
            and (position_id is None or p.position_id == position_id)
        ]
        return self._listed(kept, limit, start_key)

    def of_region(
        self, region: str, *, county: str | None, status: str | None, limit: int, start_key: RawKey | None
    ) -> tuple[list[PlacementRecord], RawKey | None]:
        kept = [
            p
            for p in self.tables.placements.values()
            if scope_contains(region, p.county_code)
            and (county is None or p.county_code == county)
            and (status is None or p.status == status)
        ]
        return self._listed(kept, limit, start_key)

    def slots(self, subject: str) -> TraineeSlots:
        trainee = self.tables.trainees.get(subject, _Trainee())
        return TraineeSlots(trainee.active, frozenset(trainee.open_positions), trainee.placed_id)

    def seats_taken(self, position_id: str) -> int:
        return self.tables.seats[position_id]

    def _trainee_refusals(self, subject: str, moves: Sequence[Move]) -> tuple[list[str], _Trainee]:
        now = self.tables.trainees.get(subject, _Trainee())
        after = _Trainee(now.active, set(now.open_positions), now.placed_id)
        ok = True
        for move in moves:
            change = move.effects
            position = move.after.position_id
            if change.lock > 0 or change.active > 0 or change.placed > 0:
                ok = ok and now.placed_id is None
            if change.lock > 0:
                ok = ok and position not in now.open_positions
                after.open_positions.add(position)
            elif change.lock < 0:
                after.open_positions.discard(position)
            if change.placed > 0:
                after.placed_id = move.after.placement_id
            elif change.placed < 0:
                ok = ok and now.placed_id == move.after.placement_id
                after.placed_id = None
            after.active += change.active
        if after.active > now.active and after.active > MAX_ACTIVE:
            ok = False
        if any(move.effects.placed > 0 for move in moves) and after.active != 0:
            ok = False
        return ([] if ok else [TRAINEE]), after

    def commit(
        self,
        moves: Sequence[Move],
        *,
        headcount: int | None = None,
        entry: Entry | None = None,
        notices: Sequence[Staged] = (),
    ) -> None:
        tables, failed = self.tables, []
        for move in moves:
            stored = tables.placements.get(move.after.placement_id)
            if (move.before is None) != (stored is None) or (
                stored is not None and move.before is not None and stored.version != move.before.version
            ):
                failed.append(PLACEMENT)
        trainees: dict[str, _Trainee] = {}
        for subject in dict.fromkeys(m.after.subject for m in moves):
            refused, trainees[subject] = self._trainee_refusals(
                subject, [m for m in moves if m.after.subject == subject]
            )
            failed += refused
        seats: Counter[str] = Counter()
        for move in moves:
            seats[move.after.position_id] += move.effects.seat
        for position_id, delta in seats.items():
            if delta > 0 and tables.seats[position_id] + delta > (headcount or 0):
                failed.append(SEAT)
        if entry is not None:
            position = self.db.positions.get(entry.position_id)
            if position is None or position.status != "open":
                failed.append(POSITION)
            if entry.locality is not None:
                person = self.db.people.get(moves[0].after.subject)
                if person is None or person.live_status != "approved" or person.locality != entry.locality:
                    failed.append(PERSON)
        for notice in notices:
            failed += self.db.notice_refusals(notice)
        refuse_unless_clear(failed)
        for move in moves:
            tables.placements[move.after.placement_id] = move.after
            # issue 23: what placement_store._count_statistics adds in the same transaction
            month = china_month(move.after.updated_at)
            add_counts(self.db, move.after.county_code, month, placement_increments(move.before, move.after))
        tables.trainees.update(trainees)
        tables.seats.update(seats)
        for notice in notices:
            self.db.deliver(notice)

    def ending(self, first: date, last: date) -> list[PlacementRecord]:
        return sorted(
            (
                p
                for p in self.tables.placements.values()
                if p.status == IN_PROGRESS and p.end_date is not None and first <= p.end_date <= last
            ),
            key=lambda p: (p.end_date or first, p.placement_id),
        )

    def due(self, day: date) -> list[PlacementRecord]:
        return sorted(
            (
                p
                for p in self.tables.placements.values()
                if p.status == IN_PROGRESS and p.end_date is not None and p.end_date < day
            ),
            key=lambda p: (p.end_date or day, p.placement_id),
        )
