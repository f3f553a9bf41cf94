"""The in-memory rating store and statistics counters (issue 23), with the real stores' rules: a rating once per
key (the same label refused), counters added with the event they count, a region's months read as one query."""

from __future__ import annotations

from collections.abc import Mapping

from chalicelib.adapters import rating_store
from chalicelib.adapters.dynamo import own
from chalicelib.adapters.models import FollowUp, Position, Rating
from chalicelib.domain.identity import is_resource_id
from chalicelib.domain.ratings import FollowUpRecord, RatingRecord
from chalicelib.domain.regions import PROVINCE_CODE, shanxi
from chalicelib.domain.statistics import COUNTED, RegionKey, counted_in, position_increments
from chalicelib.ports.ratings import RATING
from chalicelib.ports.stores import RawKey
from tests.services.fake_db import Database, copy_of, page_of, refuse_unless_clear


def add_counts(db: Database, county_code: str, month: str, increments: Mapping[str, int]) -> None:
    """What `statistics_counters.count_in` adds, applied with the rest of the event's writes."""
    assert set(increments) <= set(COUNTED), increments
    for region in counted_in(county_code):
        month_counts = db.counters.setdefault((region.key, month), {})
        for key, n in increments.items():
            month_counts[key] = month_counts.get(key, 0) + n


def count_position(db: Database, old: Position | None, new: Position) -> None:
    """What `position_store._count_statistics` adds with a position's write."""
    for county, increments in position_increments(old, new).items():
        add_counts(db, county, new.updated_at[:7], increments)


class FakeStatistics:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.queries = 0  # one per region read, as the real store's Query

    def months(self, region: RegionKey, first: str, last: str) -> dict[str, dict[str, int]]:
        self.queries += 1
        return {
            month: dict(counts)
            for (key, month), counts in sorted(self.db.counters.items())
            if key == region.key and first <= month <= last
        }


class FakeRatings:
    def __init__(self, db: Database) -> None:
        self.db = db

    new = staticmethod(rating_store.new)
    follow_up_entry = staticmethod(rating_store.follow_up_entry)

    def get(self, rating_id: str) -> Rating | None:
        return copy_of(self.db.ratings.get(rating_id)) if is_resource_id(rating_id) else None

    def add(self, record: RatingRecord) -> None:
        rating = own(record, Rating)
        refuse_unless_clear([RATING] if rating.rating_id in self.db.ratings else [])
        self.db.ratings[rating.rating_id] = copy_of(rating)
        add_counts(self.db, rating.county_code, rating.month, {f"ratings.level_{int(rating.level)}": 1})

    def follow_up(self, record: RatingRecord, entry: FollowUpRecord) -> Rating:
        rating, step = own(record, Rating), own(entry, FollowUp)
        stored = self.db.ratings.get(rating.rating_id)
        refuse_unless_clear([] if stored is not None else [RATING])
        assert stored is not None
        stored.follow_ups = [*stored.follow_ups, copy_of(step)]
        stored.awaiting = None
        return copy_of(stored)

    def region_page(
        self,
        region: str,
        *,
        county: str | None,
        level_max: int,
        month: str | None,
        limit: int,
        start_key: RawKey | None,
    ) -> tuple[list[Rating], RawKey | None]:
        def inside(rating: Rating) -> bool:
            if county is not None:
                return rating.county_code == county
            if region == PROVINCE_CODE:
                return True
            if shanxi().city(region) is not None:
                return rating.city_code == region
            return rating.county_code == region

        ordered = sorted(
            (r.rank, copy_of(r))
            for r in self.db.ratings.values()
            if inside(r) and int(r.level) <= level_max and (month is None or r.month == month)
        )
        return page_of(ordered, limit, start_key)

    def due(self, day: str) -> list[str]:
        waiting = [r for r in self.db.ratings.values() if r.awaiting and (r.follow_up_due or "") <= f"{day}#~"]
        return [r.rating_id for r in sorted(waiting, key=lambda r: r.follow_up_due or "")]

    def reminded(self, record: RatingRecord, day: str) -> bool:
        stored = self.db.ratings.get(own(record, Rating).rating_id)
        if stored is None or not stored.awaiting:
            return False
        stored.awaiting, stored.reminded_on = None, day
        return True


__all__ = ["FakeRatings", "FakeStatistics", "add_counts"]
