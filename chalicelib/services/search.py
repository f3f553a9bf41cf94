"""Keyword search over the n-gram index, counts for the region picker, and the index's stream handler.

A keyword page: normalise the keyword, read the province-wide postings count of each of its terms (one
BatchGet), then read the rarest term's postings in the asked order; DynamoDB checks the whole
keyword and the deadline on each posting; the survivors are checked against the live listing entries (one
BatchGet), which the close transaction removes, so a closed or edited-away position never shows even while
the stream is behind. It reads until the page is full (`limit` hits and one more to know a next page exists)
or the term's postings run out, so a page is never short and an empty page never carries a cursor.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from chalicelib.adapters import count_store, keyword_store, position_store
from chalicelib.adapters.dynamo import RawItem, RawKey
from chalicelib.adapters.models import Position
from chalicelib.domain.keywords import matches, normalise, query_terms
from chalicelib.domain.regions import PROVINCE_CODE, shanxi
from chalicelib.domain.search_keys import region_count_scope
from chalicelib.domain.search_order import SortOrder
from chalicelib.observability import logger

# The first read of the rarest term asks for the page and a few more: a typical term's postings hold the
# keyword most of the time, so this one read usually fills the page.
_FIRST_READ_EXTRA = 4
_MAX_READ = 200


@dataclass(frozen=True)
class KeywordPage:
    items: list[dict[str, Any]]
    next_key: RawKey | None
    items_read: int


def keyword_search(
    scope: str, keyword: str, *, order: SortOrder, today: date, limit: int, start_key: RawKey | None
) -> KeywordPage:
    wanted = normalise(keyword)
    terms = query_terms(wanted)
    counts, read = keyword_store.term_counts(terms) if len(terms) > 1 else ({terms[0]: 0}, 0)
    term = min(terms, key=lambda t: counts[t])
    if start_key is not None:  # a cursor continues the term it was issued for, whatever the counts say now
        term = _term_of(start_key, scope) or term
    hits: list[tuple[RawItem, dict[str, Any]]] = []  # (posting, summary)
    unchecked: list[RawItem] = []  # postings read that hold the keyword, not yet checked live
    key_names: tuple[str, ...] = ()
    examined = kept = 0
    exhausted = False
    while len(hits) <= limit:
        needed = limit + 1 - len(hits)
        if not unchecked:
            if exhausted:
                break
            # Read more than needed in proportion to how few postings held the keyword so far.
            ratio = examined / kept if kept else (1 if not examined else _MAX_READ)
            size = min(_MAX_READ, max(needed + _FIRST_READ_EXTRA, round(needed * ratio)))
            page = keyword_store.read_postings(
                scope, term, wanted, order=order, today=today, start_key=start_key, limit=size
            )
            key_names, unchecked = page.key_names, page.items
            examined, kept, read = examined + page.scanned, kept + len(page.items), read + page.scanned
            start_key, exhausted = page.next_key, page.next_key is None
            continue
        batch, unchecked = unchecked[:needed], unchecked[needed:]
        live = position_store.live_entries(scope, [keyword_store.rank_of(p) for p in batch])
        read += len(batch)
        for posting in batch:
            entry = live.get(keyword_store.rank_of(posting))
            if entry and entry["deadline"] >= today.isoformat() and matches(entry["search_text"], wanted):
                hits.append((posting, json.loads(entry["summary"])))
    shown = hits[:limit]
    more = len(hits) > limit
    next_key = keyword_store.resume_key(shown[-1][0], key_names) if more and shown else None
    return KeywordPage([summary for _, summary in shown], next_key, read)


def _term_of(start_key: RawKey, scope: str) -> str | None:
    value = start_key.get("scope", {}).get("S", "")
    prefix = scope + "#"
    return value[len(prefix) :] if isinstance(value, str) and value.startswith(prefix) else None


# ----------------------------------------------------------------------------------------------- counts


def region_counts(city: str | None, education: str | None, industry: str | None, today: date) -> dict[str, Any]:
    """Open positions of a city and each of its county-level entries (市本级 first), or of the province
    and each city: one Query, the parent's count the sum of its children's."""
    regions = shanxi()
    if city is None:
        children = [(c.code, c.name) for c in regions.cities]
        parent_key, parent = "P", {"code": PROVINCE_CODE, "name": regions.province_name}
        names = ("province", "cities")
    else:
        found = regions.city(city)
        assert found is not None  # checked by the caller
        children = [(loc.code, loc.name) for loc in found.localities]
        parent_key, parent = f"C{city}", {"code": found.code, "name": found.name}
        names = ("city", "counties")
    counted, _ = count_store.counts(region_count_scope(parent_key, education, industry), today)
    rows = [{"code": code, "name": name, "count": max(0, counted.get(code, 0))} for code, name in children]
    return {names[0]: {**parent, "count": sum(row["count"] for row in rows)}, names[1]: rows}


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
    """Apply positions-table stream records to the keyword index, in order; returns the items written.

    Idempotent: a record at or below the sequence number already applied to its position is skipped, so a
    retried batch changes nothing twice. A record that cannot be read raises: the batch is retried, split,
    and that record finally dead-lettered, while the others are indexed."""
    written = 0
    for record in records:
        change = keyword_store.apply(
            record["dynamodb"]["Keys"]["position_id"]["S"], record["dynamodb"]["SequenceNumber"], _new_image(record)
        )
        written += change.items_written
        logger.debug(
            "keyword index updated",
            extra={"event_id": record.get("eventID"), "added": change.added, "removed": change.removed},
        )
    return written
