"""Ratings (好差评): one item per (case, party), counted in its region and month in the same transaction."""

from __future__ import annotations

from typing import Any

from chalicelib.adapters import models
from chalicelib.adapters.dynamo import RawKey, Transaction, bounded_page, connection, found, own, transact
from chalicelib.adapters.models import FollowUp, Rating
from chalicelib.adapters.statistics_counters import count_in
from chalicelib.domain.identity import is_resource_id
from chalicelib.domain.ratings import FollowUpRecord, RatingRecord
from chalicelib.domain.regions import PROVINCE_CODE, shanxi
from chalicelib.ports.conditions import ConditionFailed
from chalicelib.ports.ratings import RATING

AWAITING = "due"  # the one partition of the sparse `awaiting_follow_up` index


def new(rating_id: str, **fields: Any) -> Rating:
    rating = Rating(rating_id, province=PROVINCE_CODE, **fields)
    rating.rank = f"{rating.level}#{rating.rated_at}#{rating_id}"
    if rating.follow_up_due:  # a 差评: waits for its first follow-up in the sparse index
        rating.awaiting = AWAITING
    return rating


def follow_up_entry(action: str, note: str, at: str, actor_region: str) -> FollowUp:
    return models.follow_up(action, note, at, actor_region)


def get(rating_id: str) -> Rating | None:
    if not is_resource_id(rating_id):
        return None
    return found(Rating, rating_id)


def add(record: RatingRecord) -> None:
    """Put the rating where none exists for its case and party, and count it: two at once, one wins."""
    connection()
    rating = own(record, Rating)

    def build(tx: Transaction) -> None:
        tx.save(RATING, rating, condition=Rating.rating_id.does_not_exist())
        count_in(tx, rating.county_code, rating.month, {f"ratings.level_{rating.level}": 1})

    transact(build)


def follow_up(record: RatingRecord, entry: FollowUpRecord) -> Rating:
    connection()
    rating, step = own(record, Rating), own(entry, FollowUp)

    def build(tx: Transaction) -> None:
        tx.update(
            RATING,
            rating,
            actions=[
                Rating.follow_ups.set(Rating.follow_ups.append([step])),
                Rating.awaiting.remove(),
            ],
            condition=Rating.rating_id.exists(),
        )

    transact(build)
    rating.follow_ups = [*rating.follow_ups, step]
    rating.awaiting = None
    return rating


def region_page(
    region: str,
    *,
    county: str | None,
    level_max: int,
    month: str | None,
    limit: int,
    start_key: RawKey | None,
) -> tuple[list[Rating], RawKey | None]:
    """One Query of the index for exactly the region asked: 差评 first (the rank starts with the level)."""
    connection()
    if county is not None:
        index, key = Rating.by_county, county
    elif region == PROVINCE_CODE:
        index, key = Rating.by_province, region
    elif shanxi().city(region) is not None:
        index, key = Rating.by_city, region
    else:
        index, key = Rating.by_county, region
    results = index.query(
        key,
        range_key_condition=Rating.rank < f"{level_max + 1}",
        filter_condition=(Rating.month == month) if month else None,
        last_evaluated_key=start_key,
    )
    page = bounded_page(results, limit=limit)
    return [Rating.from_raw_data(raw) for raw in page.items], page.next_key


def due(day: str) -> list[str]:
    connection()
    found = Rating.awaiting_follow_up.query(AWAITING, Rating.follow_up_due <= f"{day}#~")
    return [rating.rating_id for rating in found]


def reminded(record: RatingRecord, day: str) -> bool:
    connection()
    rating = own(record, Rating)

    def build(tx: Transaction) -> None:
        tx.update(
            RATING,
            rating,
            actions=[Rating.awaiting.remove(), Rating.reminded_on.set(day)],
            condition=Rating.awaiting.exists(),
        )

    try:
        transact(build)
    except ConditionFailed:
        return False
    return True
