"""The keyword index in DynamoDB (table `keywords`): postings per (scope, term), term counts, index markers.

Written from the positions table's stream (services/search.index_position_records), read by keyword search.
Postings are plain batch writes, so writing the same ones again changes nothing. Each position has a marker
holding the stream sequence number last applied and the fields indexed then: a record at or below it (a
retried batch) is skipped, and a change is always worked out from what is really indexed.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from msgspec import Struct

from chalicelib.adapters.dynamo import RawItem, RawKey, connection
from chalicelib.adapters.models import IndexMarker, Position, Posting, TermCount
from chalicelib.adapters.search_layout import (
    COUNTED_SCOPE,
    ORDER_INDEX,
    TERM_COUNT_RANK,
    listing_scopes,
    marker_scope,
    posting_scope,
    term_count_scope,
)
from chalicelib.domain.keywords import index_terms, search_text
from chalicelib.domain.search_order import SortOrder, sort_keys

_BATCH_GET_LIMIT = 100
_SEQUENCE_DIGITS = 40  # DynamoDB stream sequence numbers have at most 40 digits

PostingKey = tuple[str, str]  # (scope, rank)


def indexed_fields(position: Position | None) -> dict[str, Any] | None:
    """The fields a position's postings are made from; None when it is not indexed (not open)."""
    if position is None or position.status != "open":
        return None
    return {
        "position_id": position.position_id,
        "published_at": position.published_at,
        "title": position.title,
        "employer_name": position.employer_name,
        "majors": list(position.majors),
        "city_code": position.city_code,
        "county_code": position.county_code,
        "education": position.education,
        "industry": position.industry,
        "deadline": position.deadline,
        "stipend": int(position.stipend_yuan_per_month),
    }


def postings_of(fields: dict[str, Any] | None) -> dict[PostingKey, Posting]:
    """What the index holds for a position: every term of its text under each of its scopes."""
    if fields is None:
        return {}
    text = search_text(fields["title"], fields["employer_name"], fields["majors"])
    keys = sort_keys(fields["stipend"], fields["deadline"], fields["published_at"], fields["position_id"])
    scopes = listing_scopes(fields["city_code"], fields["county_code"], fields["education"], fields["industry"])
    return {
        (posting_scope(scope, term), keys["rank"]): Posting(
            posting_scope(scope, term),
            keys["rank"],
            search_text=text,
            deadline=fields["deadline"],
            stipend_rank=keys["stipend_rank"],
            deadline_rank=keys["deadline_rank"],
        )
        for scope in scopes
        for term in index_terms(text)
    }


class IndexChange(Struct, frozen=True):
    added: int
    removed: int
    refreshed: int
    counters: int
    skipped: bool = False

    @property
    def items_written(self) -> int:
        return self.added + self.removed + self.refreshed + self.counters


def _split(scope_and_term: str) -> tuple[str, str]:
    scope, _, term = scope_and_term.partition("#")  # listing scopes never contain "#"; a term may
    return scope, term


def _marker(position_id: str) -> IndexMarker | None:
    try:
        return IndexMarker.get(marker_scope(position_id), TERM_COUNT_RANK, consistent_read=True)
    except IndexMarker.DoesNotExist:
        return None


def apply(position_id: str, sequence: str, new: Position | None) -> IndexChange:
    """Bring a position's postings to what `new` needs, unless a record this late was applied already."""
    connection()
    sequence = sequence.zfill(_SEQUENCE_DIGITS)
    marker = _marker(position_id)
    if marker is not None and marker.sequence >= sequence:
        return IndexChange(0, 0, 0, 0, skipped=True)
    was = json.loads(marker.indexed) if marker is not None and marker.indexed else None
    fields = indexed_fields(new)
    if marker is not None and was == fields:
        return IndexChange(0, 0, 0, 0)  # nothing the index holds changed (a status or version write)
    before, after = postings_of(was), postings_of(fields)
    removed = [before[key] for key in before.keys() - after.keys()]
    added = [after[key] for key in after.keys() - before.keys()]
    refreshed = [
        after[key] for key in after.keys() & before.keys() if after[key].serialize() != before[key].serialize()
    ]
    with Posting.batch_write() as batch:
        for posting in removed:
            batch.delete(posting)
        for posting in added + refreshed:
            batch.save(posting)
    counters = _count(removed, added)
    IndexMarker(
        marker_scope(position_id),
        TERM_COUNT_RANK,
        sequence=sequence,
        indexed=json.dumps(fields, ensure_ascii=False) if fields else None,
    ).save()
    return IndexChange(len(added), len(removed), len(refreshed), counters + 1)


def bulk_index(positions: Iterable[Position]) -> int:
    """Index positions loaded in bulk (demo data, migrations) with batch writes; returns the postings written.

    Their markers carry sequence 0, so when the stream delivers the same positions' records the handler finds
    the fields already indexed and writes nothing."""
    connection()
    added: list[Posting] = []
    written = 0
    with Posting.batch_write() as batch, IndexMarker.batch_write() as markers:
        for position in positions:
            fields = indexed_fields(position)
            for posting in postings_of(fields).values():
                batch.save(posting)
                written += 1
                if _split(posting.scope)[0] == COUNTED_SCOPE:
                    added.append(posting)
            markers.save(
                IndexMarker(
                    marker_scope(position.position_id),
                    TERM_COUNT_RANK,
                    sequence="0".zfill(_SEQUENCE_DIGITS),
                    indexed=json.dumps(fields, ensure_ascii=False) if fields else None,
                )
            )
    _count([], added)
    return written


def _count(removed: Iterable[Posting], added: Iterable[Posting]) -> int:
    """Move the province-wide term counts; returns how many counters were written."""
    changes: Counter[str] = Counter()
    for sign, postings in ((-1, removed), (1, added)):
        for posting in postings:
            scope, term = _split(posting.scope)
            if scope == COUNTED_SCOPE:
                changes[term_count_scope(term)] += sign
    written = 0
    for key, change in changes.items():
        if change:
            TermCount(key, TERM_COUNT_RANK).update(actions=[TermCount.postings.add(change)])
            written += 1
    return written


# ----------------------------------------------------------------------------------------------- reads


def term_counts(terms: Sequence[str]) -> tuple[dict[str, int], int]:
    """Postings per term province-wide (one BatchGet; a term never written counts 0), and the items read."""
    connection()
    keys = [(term_count_scope(term), TERM_COUNT_RANK) for term in dict.fromkeys(terms)]
    found = {term: 0 for term in terms}
    read = 0
    for start in range(0, len(keys), _BATCH_GET_LIMIT):
        for item in TermCount.batch_get(keys[start : start + _BATCH_GET_LIMIT]):
            found[_split(item.scope[1:])[1]] = int(item.postings)
            read += 1
    return found, read


class PostingPage(Struct, frozen=True):
    items: list[RawItem]  # postings whose text holds the keyword and whose deadline has not passed
    key_names: tuple[str, ...]
    next_key: RawKey | None  # DynamoDB's: where the next read of this term continues
    scanned: int


def read_postings(
    scope: str, term: str, keyword: str, *, order: SortOrder, today: date, start_key: RawKey | None, limit: int
) -> PostingPage:
    """One Query of a term's postings in the given order, at most `limit` examined, the keyword checked."""
    connection()
    condition = (Posting.deadline >= today.isoformat()) & Posting.search_text.contains(keyword)
    index = ORDER_INDEX[order.name]
    query = getattr(Posting, index).query if index else Posting.query
    results = query(
        posting_scope(scope, term),
        filter_condition=condition,
        scan_index_forward=order.ascending,
        last_evaluated_key=start_key,
    )
    pages = results.page_iter
    pages.page_size = limit
    page = next(iter(pages), None)
    key_names = tuple(pages.key_names)
    if page is None:
        return PostingPage([], key_names, None, 0)
    return PostingPage(page.get("Items", []), key_names, pages.last_evaluated_key, page["ScannedCount"])


def rank_of(item: RawItem) -> str:
    return str(item["rank"]["S"])


def resume_key(item: RawItem, key_names: Iterable[str]) -> RawKey:
    return {name: item[name] for name in key_names}
