"""The in-memory favourite, position and search stores."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from datetime import date
from typing import Any

from chalicelib.adapters import favourite_store
from chalicelib.adapters.dynamo import RawKey
from chalicelib.adapters.listing_search import SearchPage
from chalicelib.adapters.models import Favourite, Position
from chalicelib.domain.areas import Area
from chalicelib.domain.identity import is_resource_id
from chalicelib.domain.keywords import matches, normalise, search_text
from chalicelib.domain.limits import MAX_FAVOURITES
from chalicelib.domain.search_order import SortOrder, sort_keys
from tests.services.fake_db import Database, copy_of, descending, page_of, refuse_unless_clear


class FakeFavourites:
    def __init__(self, db: Database) -> None:
        self.db = db

    def mine(self, subject: str) -> list[Favourite]:
        return [copy_of(f) for (who, _), f in sorted(self.db.favourites.items()) if who == subject]

    def get(self, subject: str, position_id: str) -> Favourite | None:
        return copy_of(self.db.favourites.get((subject, position_id))) if is_resource_id(position_id) else None

    def add(self, favourite: Favourite, locality: str) -> None:
        db, key = self.db, (favourite.subject, favourite.position_id)
        failed = [favourite_store.FAVOURITE] if key in db.favourites else []
        person = db.people.get(favourite.subject)
        if (
            person is None
            or person.live_status != "approved"
            or person.locality != locality
            or (person.favourite_count or 0) >= MAX_FAVOURITES
        ):
            failed.append(favourite_store.PERSON)
        position = db.positions.get(favourite.position_id)
        if position is None or position.status != "open":
            failed.append(favourite_store.POSITION)
        refuse_unless_clear(failed)
        assert person is not None
        db.favourites[key] = copy_of(favourite)
        person.favourite_count = (person.favourite_count or 0) + 1

    def remove(self, subject: str, position_id: str) -> None:
        refuse_unless_clear([] if (subject, position_id) in self.db.favourites else [favourite_store.FAVOURITE])
        del self.db.favourites[(subject, position_id)]
        person = self.db.person(subject)
        person.favourite_count = (person.favourite_count or 0) - 1


class FakePositions:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, position_id: str) -> Position | None:
        return copy_of(self.db.positions.get(position_id)) if is_resource_id(position_id) else None

    def batch_get(self, position_ids: Sequence[str]) -> dict[str, Position]:
        return {i: copy_of(self.db.positions[i]) for i in dict.fromkeys(position_ids) if i in self.db.positions}

    def create(self, position: Position, summary: dict[str, Any]) -> None:
        refuse_unless_clear(["position"] if position.position_id in self.db.positions else [])
        stored = copy_of(position)
        stored.version = 1
        position.version = 1
        self.db.positions[position.position_id] = stored
        self.db.listed[position.position_id] = copy.deepcopy(summary)

    def replace(self, old: Position, new: Position, summary: dict[str, Any] | None) -> None:
        """Optimistic locking: the write is refused unless the stored version is still the one read."""
        stored = self.db.positions.get(old.position_id)
        refuse_unless_clear([] if stored is not None and stored.version == old.version else ["position"])
        written = copy_of(new)
        written.version = (old.version or 0) + 1
        new.version = written.version
        self.db.positions[new.position_id] = written
        if summary is None:
            self.db.listed.pop(new.position_id, None)
        else:
            self.db.listed[new.position_id] = copy.deepcopy(summary)


class FakeListings:
    """The search over what FakePositions lists: open, not past its deadline, in the area, under the filters."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def page(
        self,
        area: Area,
        *,
        education: str | None,
        industry: str | None,
        keyword: str | None,
        order: SortOrder,
        today: date,
        limit: int,
        start_key: RawKey | None,
    ) -> SearchPage:
        wanted = normalise(keyword) if keyword else None
        found: list[tuple[str, dict[str, Any]]] = []
        for position_id, summary in self.db.listed.items():
            p = self.db.positions[position_id]
            if p.deadline < today.isoformat() or not _in_area(p, area):
                continue
            if (education and p.education != education) or (industry and p.industry != industry):
                continue
            if wanted is not None and not matches(search_text(p.title, p.employer_name, list(p.majors)), wanted):
                continue
            key = sort_keys(int(p.stipend_yuan_per_month), p.deadline, p.published_at, p.position_id)
            sort_key = key["rank" if order.name == "newest" else f"{order.name}_rank"]
            found.append((sort_key if order.ascending else descending(sort_key), copy.deepcopy(summary)))
        items, next_key = page_of(sorted(found, key=lambda pair: pair[0]), limit, start_key)
        return SearchPage(items, next_key, len(items))


def _in_area(position: Position, area: Area) -> bool:
    if area.level == "province":
        return True
    if area.level == "city":
        return position.city_code == area.code
    return position.county_code == area.code
