"""The keyword index in DynamoDB (table `keywords`): postings per (region, term), term counts, index markers.

Written from the positions table's stream (services/search.index_position_records), read by keyword search.
Postings are plain batch writes, so writing the same ones again changes nothing. Each position has a marker
holding the stream sequence number last applied and the fields indexed then: a record at or below it (a
retried batch) is skipped, and a change is always worked out from what is really indexed.

A batch of records is applied as a whole: each position's records come down to its last one (only the final
fields decide what the index holds, so per position order is kept), and the postings, term counts and
markers of every position go out as concurrent batch writes, in that order. A failure before the markers
leaves them as they were, so the retry works the same changes out again: postings converge, and a term
count can at worst be moved twice (a planning figure, see models.TermCount).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor, wait
from datetime import date
from functools import cache
from typing import Any, TypeVar

from msgspec import Struct

from chalicelib.adapters.dynamo import RawItem, RawKey, connection
from chalicelib.adapters.models import IndexMarker, Position, Posting, TermCount
from chalicelib.adapters.search_layout import (
    COUNTED_SCOPE,
    ORDER_INDEX,
    TERM_COUNT_RANK,
    marker_scope,
    posted_under,
    posting_partition,
    posting_read,
    posting_regions,
    term_count_scope,
    term_of_partition,
)
from chalicelib.domain.keywords import index_terms, search_text
from chalicelib.domain.search_order import SortOrder, sort_keys

_BATCH_GET_LIMIT = 100
_BATCH_WRITE_LIMIT = 25
# Concurrent writers per invocation: DynamoDB takes batch writes to different partitions in parallel, and
# the handler spends its time waiting on them. Eight keep a 512 MB Lambda's one vCPU busy without
# throttling a table that holds a few hundred positions' writes at a time.
WRITERS = 8
_SEQUENCE_DIGITS = 40  # DynamoDB stream sequence numbers have at most 40 digits

PostingKey = tuple[str, str]  # (partition, rank)
_T = TypeVar("_T")


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
    """What the index holds for a position: every term of its text under each region level it is posted at."""
    if fields is None:
        return {}
    text = search_text(fields["title"], fields["employer_name"], fields["majors"])
    keys = sort_keys(fields["stipend"], fields["deadline"], fields["published_at"], fields["position_id"])
    regions = posting_regions(fields["city_code"], fields["county_code"])
    return {
        (posting_partition(region, term), keys["rank"]): Posting(
            posting_partition(region, term),
            keys["rank"],
            search_text=text,
            deadline=fields["deadline"],
            stipend_rank=keys["stipend_rank"],
            deadline_rank=keys["deadline_rank"],
            education=fields["education"],
            industry=fields["industry"],
            county=fields["county_code"],
        )
        for region in dict.fromkeys(regions)  # a city's own level (市本级) is its own K entry, never a duplicate
        for term in index_terms(text)
        if posted_under(term, region)
    }


class IndexChange(Struct, frozen=True):
    added: int
    removed: int
    refreshed: int
    counters: int  # term counts and markers written
    skipped: int = 0  # positions whose records were applied already or change nothing indexed

    @property
    def items_written(self) -> int:
        return self.added + self.removed + self.refreshed + self.counters


class _Plan(Struct, frozen=True):
    removed: list[Posting]
    saved: list[Posting]  # added, then refreshed
    added: int
    marker: IndexMarker


def marker_item(position_id: str, sequence: str, fields: dict[str, Any] | None) -> IndexMarker:
    return IndexMarker(
        marker_scope(position_id),
        TERM_COUNT_RANK,
        sequence=sequence,
        indexed=json.dumps(fields, ensure_ascii=False) if fields else None,
    )


def markers_of(position_ids: Sequence[str]) -> dict[str, IndexMarker]:
    keys = [(marker_scope(pid), TERM_COUNT_RANK) for pid in position_ids]
    found: dict[str, IndexMarker] = {}
    for start in range(0, len(keys), _BATCH_GET_LIMIT):
        for marker in IndexMarker.batch_get(keys[start : start + _BATCH_GET_LIMIT], consistent_read=True):
            found[marker.scope[1:]] = marker
    return found


def _plan(marker: IndexMarker | None, position_id: str, sequence: str, new: Position | None) -> _Plan | None:
    """The writes that take a position from what its marker says is indexed to what `new` needs."""
    if marker is not None and marker.sequence >= sequence:
        return None
    was = json.loads(marker.indexed) if marker is not None and marker.indexed else None
    fields = indexed_fields(new)
    before, after = postings_of(was), postings_of(fields)
    if marker is not None and was == fields:
        return None  # nothing the index holds changed (a status or version write)
    added = [after[key] for key in after.keys() - before.keys()]
    refreshed = [
        after[key] for key in after.keys() & before.keys() if after[key].serialize() != before[key].serialize()
    ]
    removed = [before[key] for key in before.keys() - after.keys()]
    return _Plan(removed, added + refreshed, len(added), marker_item(position_id, sequence, fields))


def apply_records(records: Sequence[tuple[str, str, Position | None]]) -> IndexChange:
    """Apply (position id, stream sequence number, new image) records, in stream order, as one batch."""
    connection()
    last: dict[str, tuple[str, Position | None]] = {}
    for position_id, sequence, new in records:
        last[position_id] = (sequence.zfill(_SEQUENCE_DIGITS), new)
    markers = markers_of(list(last))
    plans = [
        plan
        for position_id, (sequence, new) in last.items()
        if (plan := _plan(markers.get(position_id), position_id, sequence, new)) is not None
    ]
    removed = [p for plan in plans for p in plan.removed]
    saved = [p for plan in plans for p in plan.saved]
    write_postings(removed, saved)
    counters = _count(removed, [p for plan in plans for p in plan.saved[: plan.added]])
    save_all(IndexMarker, [plan.marker for plan in plans])
    added = sum(plan.added for plan in plans)
    return IndexChange(added, len(removed), len(saved) - added, counters + len(plans), len(last) - len(plans))


def apply(position_id: str, sequence: str, new: Position | None) -> IndexChange:
    """One record alone (a batch of one)."""
    return apply_records([(position_id, sequence, new)])


def bulk_index(positions: Iterable[Position]) -> int:
    """Index positions loaded in bulk (demo data, migrations) with batch writes; returns the postings written.

    Their markers carry sequence 0, so when the stream delivers the same positions' records the handler finds
    the fields already indexed and writes nothing."""
    connection()
    postings: list[Posting] = []
    markers: list[IndexMarker] = []
    for position in positions:
        fields = indexed_fields(position)
        postings.extend(postings_of(fields).values())
        markers.append(marker_item(position.position_id, "0".zfill(_SEQUENCE_DIGITS), fields))
    write_postings([], postings)
    _count([], postings)
    save_all(IndexMarker, markers)
    return len(postings)


@cache
def _writers() -> ThreadPoolExecutor:
    # One pool per process, shared by every batch applied at the same time (the local runner applies a
    # shard's lanes concurrently in one process, as Lambda does in separate ones): at most WRITERS
    # requests in flight, within the shared client's connection pool.
    return ThreadPoolExecutor(max_workers=WRITERS, thread_name_prefix="index-writer")


def in_parallel(work: Callable[[_T], Any], items: Sequence[_T]) -> None:
    """Run `work` on every item on the writer threads (one shared, thread-safe botocore client); the first
    failure is raised once all have finished, so nothing is left running behind a retry."""
    if len(items) <= 1:
        for item in items:
            work(item)
        return
    futures = [_writers().submit(work, item) for item in items]
    wait(futures)
    for future in futures:
        future.result()


def _chunks(items: Sequence[_T]) -> list[Sequence[_T]]:
    return [items[i : i + _BATCH_WRITE_LIMIT] for i in range(0, len(items), _BATCH_WRITE_LIMIT)]


def write_postings(removed: Sequence[Posting], saved: Sequence[Posting]) -> None:
    def send(chunk: Sequence[tuple[bool, Posting]]) -> None:
        with Posting.batch_write() as batch:
            for is_delete, posting in chunk:
                if is_delete:
                    batch.delete(posting)
                else:
                    batch.save(posting)

    # A BatchWriteItem may not name one key twice: removed and saved keys never meet (set differences).
    in_parallel(send, _chunks([(True, p) for p in removed] + [(False, p) for p in saved]))


def save_all(model: type[IndexMarker], items: Sequence[IndexMarker]) -> None:
    def send(chunk: Sequence[IndexMarker]) -> None:
        with model.batch_write() as batch:
            for item in chunk:
                batch.save(item)

    in_parallel(send, _chunks(items))


def _count(removed: Iterable[Posting], added: Iterable[Posting]) -> int:
    """Move the province-wide bigram counts, summed over the batch; returns how many counters were written.

    Only bigrams are counted: a search reads counts to choose among a keyword's bigrams, and a one-character
    keyword has one term and nothing to choose (adapters/listing_search.py). Half the counter writes."""
    changes: Counter[str] = Counter()
    province = posting_partition(COUNTED_SCOPE, "")
    for sign, postings in ((-1, removed), (1, added)):
        for posting in postings:
            term = term_of_partition(posting.scope)
            if posting.scope.startswith(province) and len(term) > 1:
                changes[term_count_scope(term)] += sign
    moved = [(key, change) for key, change in changes.items() if change]

    def update(pair: tuple[str, int]) -> None:
        TermCount(pair[0], TERM_COUNT_RANK).update(actions=[TermCount.postings.add(pair[1])])

    in_parallel(update, moved)
    return len(moved)


# ----------------------------------------------------------------------------------------------- reads


def term_counts(terms: Sequence[str]) -> tuple[dict[str, int], int]:
    """Postings per term province-wide (one BatchGet; a term never written counts 0), and the items read."""
    connection()
    keys = [(term_count_scope(term), TERM_COUNT_RANK) for term in dict.fromkeys(terms)]
    found = {term: 0 for term in terms}
    read = 0
    for start in range(0, len(keys), _BATCH_GET_LIMIT):
        for item in TermCount.batch_get(keys[start : start + _BATCH_GET_LIMIT]):
            found[term_of_partition(item.scope[1:])] = int(item.postings)
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
    """One Query of a term's postings in the given order, at most `limit` examined, the keyword and the
    listing scope's filters checked. A `start_key` from another term's or another layout's partition resumes
    at the same place: every partition of a keyword's terms holds all its matches, in the same sort keys."""
    connection()
    read = posting_read(scope, term)
    condition = (Posting.deadline >= today.isoformat()) & Posting.search_text.contains(keyword)
    for attribute, wanted in (
        (Posting.education, read.education),
        (Posting.industry, read.industry),
        (Posting.county, read.county),
    ):
        if wanted is not None:
            condition &= attribute == wanted
    if start_key is not None:
        start_key = {**start_key, "scope": {"S": read.partition}}
    index = ORDER_INDEX[order.name]
    query = getattr(Posting, index).query if index else Posting.query
    results = query(
        read.partition,
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
