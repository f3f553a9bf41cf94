"""The in-memory favourite, position, search, count and keyword stores."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

import msgspec

from chalicelib.adapters import favourite_store, position_store
from chalicelib.adapters.dynamo import own
from chalicelib.adapters.keyword_store import IndexChange
from chalicelib.adapters.models import Favourite, Position
from chalicelib.answers.positions import PositionSummary
from chalicelib.domain.areas import Area
from chalicelib.domain.identity import is_resource_id
from chalicelib.domain.keywords import matches, normalise, search_text
from chalicelib.domain.limits import MAX_FAVOURITES
from chalicelib.domain.records import FavouriteRecord, PositionRecord
from chalicelib.domain.regions import scope_contains
from chalicelib.domain.search_order import rank, sort_keys
from chalicelib.domain.search_query import SearchQuery
from chalicelib.domain.units import Hold
from chalicelib.ports.conditions import FAVOURITE, PERSON, POSITION
from chalicelib.ports.stores import RawKey, SearchPage, Staged
from tests.services.fake_db import Database, copy_of, descending, page_of, refuse_unless_clear
from tests.services.fake_units import hold_refusals, move_hold


class FakeFavourites:
    def __init__(self, db: Database) -> None:
        self.db = db

    new = staticmethod(favourite_store.new)

    def mine(self, subject: str) -> list[Favourite]:
        return [copy_of(f) for (who, _), f in sorted(self.db.favourites.items()) if who == subject]

    def get(self, subject: str, position_id: str) -> Favourite | None:
        return copy_of(self.db.favourites.get((subject, position_id))) if is_resource_id(position_id) else None

    def add(self, record: FavouriteRecord, locality: str) -> None:
        favourite = own(record, Favourite)
        db, key = self.db, (favourite.subject, favourite.position_id)
        failed = [FAVOURITE] if key in db.favourites else []
        person = db.people.get(favourite.subject)
        if (
            person is None
            or person.live_status != "approved"
            or person.locality != locality
            or (person.favourite_count or 0) >= MAX_FAVOURITES
        ):
            failed.append(PERSON)
        position = db.positions.get(favourite.position_id)
        if position is None or position.status != "open":
            failed.append(POSITION)
        refuse_unless_clear(failed)
        assert person is not None
        db.favourites[key] = copy_of(favourite)
        person.favourite_count = (person.favourite_count or 0) + 1

    def remove(self, subject: str, position_id: str) -> None:
        refuse_unless_clear([] if (subject, position_id) in self.db.favourites else [FAVOURITE])
        del self.db.favourites[(subject, position_id)]
        person = self.db.person(subject)
        person.favourite_count = (person.favourite_count or 0) - 1

    def subjects_of(self, position_id: str) -> list[str]:
        return [who for (who, favourited) in sorted(self.db.favourites) if favourited == position_id]


class FakePositions:
    def __init__(self, db: Database) -> None:
        self.db = db

    new = staticmethod(position_store.new)
    changed = staticmethod(position_store.changed)

    def get(self, position_id: str) -> Position | None:
        return copy_of(self.db.positions.get(position_id)) if is_resource_id(position_id) else None

    def batch_get(self, position_ids: Sequence[str]) -> dict[str, Position]:
        return {i: copy_of(self.db.positions[i]) for i in dict.fromkeys(position_ids) if i in self.db.positions}

    def _list(self, position: Position, summary: dict[str, Any] | None) -> None:
        if summary is None:
            self.db.listed.pop(position.position_id, None)
        else:
            self.db.listed[position.position_id] = copy.deepcopy(summary)
            self.db.ranked[position.position_id] = rank(position.published_at, position.position_id)

    def create(self, record: PositionRecord, summary: dict[str, Any] | None, hold: Hold | None = None) -> None:
        position = own(record, Position)
        refuse_unless_clear([POSITION] if position.position_id in self.db.positions else [])
        refuse_unless_clear(hold_refusals(self.db, hold))
        position.version = 1
        self.db.positions[position.position_id] = copy_of(position)
        self._list(position, summary)
        move_hold(self.db, hold)

    def bulk_load(self, items: Iterable[tuple[PositionRecord, dict[str, Any]]]) -> int:
        loaded = 0
        for record, summary in items:
            self.create(record, summary)
            loaded += 1
        return loaded

    def replace(
        self,
        old_record: PositionRecord,
        new_record: PositionRecord,
        summary: dict[str, Any] | None,
        hold: Hold | None = None,
        notice: Staged | None = None,
    ) -> None:
        """Optimistic locking: the write is refused unless the stored version is still the one read."""
        old, new = own(old_record, Position), own(new_record, Position)
        stored = self.db.positions.get(old.position_id)
        refused = [] if stored is not None and stored.version == old.version else [POSITION]
        refuse_unless_clear(refused + hold_refusals(self.db, hold) + self.db.notice_refusals(notice))
        new.version = (old.version or 0) + 1
        self.db.positions[new.position_id] = copy_of(new)
        self._list(new, summary)
        move_hold(self.db, hold)
        self.db.deliver(notice)

    def of_employer(
        self, credit_code: str, *, status: str | None, limit: int, start_key: RawKey | None
    ) -> tuple[list[Position], RawKey | None]:
        mine = [
            (descending(f"{p.published_at}#{p.position_id}"), copy_of(p))
            for p in self.db.positions.values()
            if p.employer_credit_code == credit_code and (status is None or p.status == status)
        ]
        return page_of(sorted(mine, key=lambda pair: pair[0]), limit, start_key)

    def awaiting_review(
        self, region: str, *, limit: int, start_key: RawKey | None
    ) -> tuple[list[Position], RawKey | None]:
        waiting = [
            (f"{p.county_code}#{p.published_at}#{p.position_id}", copy_of(p))
            for p in self.db.positions.values()
            if p.status == "pending_review" and scope_contains(region, p.county_code)
        ]
        return page_of(sorted(waiting, key=lambda pair: pair[0]), limit, start_key)

    def open_ids_with_deadline(self, deadline: str) -> list[str]:
        return [i for i, p in self.db.positions.items() if p.status == "open" and p.open_deadline == deadline]


def in_area(position: Position, area: Area) -> bool:
    if area.level == "province":
        return True
    if area.level == "city":
        return position.city_code == area.code
    return position.county_code == area.code


class FakeListings:
    """The search over what FakePositions lists: open, not past its deadline, in the area, under the filters."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def page(self, query: SearchQuery) -> SearchPage:
        wanted = normalise(query.keyword) if query.keyword else None
        found: list[tuple[str, PositionSummary]] = []
        for position_id, summary in self.db.listed.items():
            p = self.db.positions[position_id]
            if p.deadline < query.today.isoformat() or not in_area(p, query.area):
                continue
            if (query.education and p.education != query.education) or (
                query.industry and p.industry != query.industry
            ):
                continue
            if wanted is not None and not matches(search_text(p.title, p.employer_name, list(p.majors)), wanted):
                continue
            key = sort_keys(int(p.stipend_yuan_per_month), p.deadline, p.published_at, p.position_id)
            order = query.order
            sort_key = key["rank" if order.name == "newest" else f"{order.name}_rank"]
            summary_of = msgspec.convert(summary, PositionSummary)  # as the store decodes what it stored
            found.append((sort_key if order.ascending else descending(sort_key), summary_of))
        items, next_key = page_of(sorted(found, key=lambda pair: pair[0]), query.limit, query.start_key)
        return SearchPage(items, next_key, len(items))


class FakeCounts:
    """Open positions per child region, as the counters the close and create transactions keep."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def counts(
        self, parent: Area, education: str | None, industry: str | None, today: date
    ) -> tuple[dict[str, int], int]:
        found: dict[str, int] = {}
        for position_id in self.db.listed:
            p = self.db.positions[position_id]
            if p.deadline < today.isoformat() or not in_area(p, parent):
                continue
            if (education and p.education != education) or (industry and p.industry != industry):
                continue
            child = p.city_code if parent.level == "province" else p.county_code
            found[child] = found.get(child, 0) + 1
        return found, len(found)


class FakeKeywords:
    """FakeListings matches keywords on the positions themselves, so there is no index to keep: applying a
    change writes nothing, as the real index does for a change it has already applied."""

    def position_of(self, image: Mapping[str, Any]) -> Position:
        return Position.from_raw_data(dict(image))

    def apply_records(self, records: Sequence[tuple[str, str, PositionRecord | None]]) -> IndexChange:
        return IndexChange(added=0, removed=0, refreshed=0, counters=0, skipped=len(records))

    def bulk_index(self, positions: Iterable[PositionRecord]) -> int:
        return 0
