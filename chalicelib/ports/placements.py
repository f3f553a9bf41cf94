"""The placements' store, in domain values: what the placement use cases (and the subsidy issue) ask of it.

Records are `PlacementRecord` values (chalicelib/domain/placements.py); the store owns keys, indexes and the
counters behind the rules. Every write is `commit`: one transaction that moves one or more placements from the
version read to a new record, with the counters each change of status moves (domain `effects`) held by their
conditions. A refused commit raises `ConditionFailed` naming the labels below, so the use case can say which
rule it was without knowing keys.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Final, Protocol

from msgspec import Struct

from chalicelib.domain.placements import Effects, PlacementRecord, effects
from chalicelib.domain.search_query import PageKey
from chalicelib.ports.stores import Staged

# ConditionFailed labels of a commit.
PLACEMENT: Final = "placement"  # a moved placement is no longer at the version read (or a new one exists)
TRAINEE: Final = "trainee"  # three already active, this position already open, or already placed
SEAT: Final = "seat"  # the position's headcount is taken
PERSON: Final = "person"  # not (or no longer) an approved trainee of the position's locality
POSITION: Final = "position"  # the position is no longer open

PlacementPage = tuple[Sequence[PlacementRecord], PageKey | None]


class Move(Struct, frozen=True):
    """A placement from `before` (the record as read; None: a new one) to `after` (version already bumped)."""

    before: PlacementRecord | None
    after: PlacementRecord

    @property
    def effects(self) -> Effects:
        return effects(self.before.status if self.before else None, self.after.status)


class Entry(Struct, frozen=True):
    """What a new application must still hold when it is written: the person an approved trainee of
    `locality`, the position open (an invitation by the unit checks the position only)."""

    locality: str | None
    position_id: str


class TraineeSlots(Struct, frozen=True):
    """The trainee's counters as stored: active applications, the positions open to them, the placement that
    placed them (None: never, or it ended early). Read after a refusal, to name the rule that refused."""

    active: int
    open_positions: frozenset[str]
    placed_id: str | None


class PlacementStore(Protocol):
    def get(self, placement_id: str) -> PlacementRecord | None: ...
    def of_trainee(self, subject: str, *, limit: int, start_key: PageKey | None) -> PlacementPage:
        """The trainee's placements, newest first."""
        ...

    def of_unit(
        self,
        credit_code: str,
        *,
        status: str | None,
        position_id: str | None,
        limit: int,
        start_key: PageKey | None,
    ) -> PlacementPage:
        """The unit's placements (by the position's `employer_credit_code`), newest first."""
        ...

    def of_region(
        self, region: str, *, county: str | None, status: str | None, limit: int, start_key: PageKey | None
    ) -> PlacementPage:
        """Placements at positions inside `region` (a province, city or county code), newest first."""
        ...

    def slots(self, subject: str) -> TraineeSlots: ...
    def seats_taken(self, position_id: str) -> int: ...
    def commit(
        self,
        moves: Sequence[Move],
        *,
        headcount: int | None = None,
        entry: Entry | None = None,
        notices: Sequence[Staged] = (),
    ) -> None:
        """Write every move and the counters they change in one transaction, or nothing.

        `headcount`: the position's, when a move takes a seat (the seat count is held below it). `entry`: the
        conditions of a new placement. `notices`: messages (and texts) written with the change.
        """
        ...

    def due(self, day: date) -> Sequence[PlacementRecord]:
        """Placements in progress whose period ended before `day` (the nightly job completes them)."""
        ...

    def ending(self, first: date, last: date) -> Sequence[PlacementRecord]:
        """Placements in progress whose last day is from `first` to `last` (the morning run reminds their units)."""
        ...
