"""Counts for the region picker, and the keyword index's stream handler (the search pages themselves are the
stores' reads: adapters/listing_search.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

from chalicelib.adapters import count_store, keyword_store
from chalicelib.adapters.models import Position
from chalicelib.answers.regions import CityCounts, ProvinceCounts, city_counts, province_counts
from chalicelib.domain.areas import Area
from chalicelib.domain.regions import shanxi
from chalicelib.observability import logger

# ----------------------------------------------------------------------------------------------- counts


def region_counts(
    city: str | None, education: str | None, industry: str | None, today: date
) -> ProvinceCounts | CityCounts:
    """Open positions of a city and each of its county-level entries (市本级 first), or of the province
    and each city: one Query, the parent's count the sum of its children's."""
    if city is None:
        return province_counts(count_store.counts(Area.province(), education, industry, today)[0])
    found = shanxi().city(city)
    assert found is not None  # checked by the caller
    return city_counts(found, count_store.counts(Area.city(city), education, industry, today)[0])


# ----------------------------------------------------------------------------------------------- stream


def _new_image(record: dict[str, Any]) -> Position | None:
    image = record["dynamodb"].get("NewImage")
    if not image:
        return None  # REMOVE: nothing left to index
    position = Position.from_raw_data(image)
    for name in ("position_id", "title", "employer_name", "status", "county_code", "deadline", "published_at"):
        if not isinstance(getattr(position, name), str):
            raise ValueError(f"stream record {record.get('eventID')}: position image without {name}")
    return position


def index_position_records(records: list[dict[str, Any]]) -> int:
    """Apply positions-table stream records to the keyword index as one batch; returns the items written.

    Idempotent: a record at or below the sequence number already applied to its position is skipped, so a
    retried batch changes nothing twice. A record that cannot be read raises before anything is written: the
    batch is retried, split, and that record finally dead-lettered, while the others are indexed."""
    changes = [
        (record["dynamodb"]["Keys"]["position_id"]["S"], record["dynamodb"]["SequenceNumber"], _new_image(record))
        for record in records
    ]
    change = keyword_store.apply_records(changes)
    logger.debug(
        "keyword index updated",
        extra={
            "records": len(records),
            "added": change.added,
            "removed": change.removed,
            "refreshed": change.refreshed,
            "unchanged": change.skipped,
        },
    )
    return change.items_written
