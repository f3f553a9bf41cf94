"""What the 好差评 and 统计分析 use cases ask of their stores, in domain values (a region, a level, a month).

The rating store owns the keys and indexes (chalicelib/adapters/rating_store.py); the statistics store reads the
counters that each event's own transaction adds to (chalicelib/adapters/statistics_counters.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final, Protocol

from chalicelib.domain.ratings import FollowUpRecord, RatingRecord
from chalicelib.domain.statistics import RegionKey
from chalicelib.ports.stores import RawKey

RATING: Final = "rating"  # the label of the rating's item in its transaction (ConditionFailed names it)


class RatingStore(Protocol):
    def new(self, rating_id: str, **fields: Any) -> RatingRecord: ...
    def follow_up_entry(self, action: str, note: str, at: str, actor_region: str) -> FollowUpRecord: ...
    def get(self, rating_id: str) -> RatingRecord | None: ...
    def add(self, rating: RatingRecord) -> None:
        """Store it, counted in its region and month, once: ConditionFailed({RATING}) when it exists."""
        ...

    def follow_up(self, rating: RatingRecord, entry: FollowUpRecord) -> RatingRecord:
        """`entry` appended to its history; no longer waiting for a follow-up. The rating as it is now."""
        ...

    def region_page(
        self,
        region: str,
        *,
        county: str | None,
        level_max: int,
        month: str | None,
        limit: int,
        start_key: RawKey | None,
    ) -> tuple[Sequence[RatingRecord], RawKey | None]:
        """Ratings of a staff region (or one county in it) at or below `level_max`, 差评 first."""
        ...

    def due(self, day: str) -> list[str]:
        """The ids of 差评 without a follow-up or reminder whose due day is `day` or earlier."""
        ...

    def reminded(self, rating: RatingRecord, day: str) -> bool:
        """Mark the reminder sent (False when a follow-up or another run came first)."""
        ...


class StatisticsStore(Protocol):
    def months(self, region: RegionKey, first: str, last: str) -> dict[str, dict[str, int]]:
        """The region's counters per month from `first` to `last` (months without any are absent)."""
        ...
