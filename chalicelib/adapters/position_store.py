"""Positions and their search entries in DynamoDB."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import msgspec
from pynamodb.expressions.condition import Condition

from chalicelib.adapters import count_store
from chalicelib.adapters.dynamo import RawItem, RawKey, RawPage, Transaction, bounded_page, connection, own, transact
from chalicelib.adapters.message_store import staged
from chalicelib.adapters.models import Listing, Person, Position, Unit
from chalicelib.adapters.search_layout import ORDER_INDEX, listing_scopes
from chalicelib.adapters.statistics_counters import count_all_in  # issue 23
from chalicelib.answers.positions import PositionSummary
from chalicelib.domain.identity import is_resource_id
from chalicelib.domain.keywords import search_text
from chalicelib.domain.records import PositionRecord
from chalicelib.domain.regions import PROVINCE_CODE, shanxi
from chalicelib.domain.search_order import SortOrder, sort_keys
from chalicelib.domain.statistics import position_increments
from chalicelib.domain.units import Hold
from chalicelib.ports.conditions import PERSON, UNIT
from chalicelib.ports.stores import Staged


def position_sort_keys(position: Position) -> dict[str, str]:
    return sort_keys(
        int(position.stipend_yuan_per_month), position.deadline, position.published_at, position.position_id
    )


_BATCH_GET_LIMIT = 100


def get(position_id: str) -> Position | None:
    if not is_resource_id(position_id):
        return None
    connection()
    try:
        return Position.get(position_id)
    except Position.DoesNotExist:
        return None


def batch_get(position_ids: Sequence[str]) -> dict[str, Position]:
    connection()
    found: dict[str, Position] = {}
    position_ids = [i for i in dict.fromkeys(position_ids) if is_resource_id(i)]
    for start in range(0, len(position_ids), _BATCH_GET_LIMIT):
        for position in Position.batch_get(position_ids[start : start + _BATCH_GET_LIMIT]):
            found[position.position_id] = position
    return found


def _listing_entries(position: Position, summary: dict[str, Any]) -> list[Listing]:
    deadline_end = datetime.combine(date.fromisoformat(position.deadline), time(16, 0), UTC) + timedelta(days=1)
    keys = position_sort_keys(position)  # all in UTC+8 to the second: they sort as time
    return [
        Listing(
            scope,
            keys["rank"],
            stipend_rank=keys["stipend_rank"],
            deadline_rank=keys["deadline_rank"],
            position_id=position.position_id,
            summary=json.dumps(summary, ensure_ascii=False, separators=(",", ":")),
            search_text=search_text(position.title, position.employer_name, list(position.majors)),
            deadline=position.deadline,
            expires_at=deadline_end,
        )
        for scope in listing_scopes(position.city_code, position.county_code, position.education, position.industry)
    ]


def _put_entries(tx: Transaction, entries: Iterable[Listing]) -> None:
    for entry in entries:
        tx.save("listing", entry)


def _delete_entries(tx: Transaction, entries: Iterable[Listing]) -> None:
    for entry in entries:
        tx.delete("listing", entry)


def new(position_id: str, **fields: Any) -> Position:
    return Position(position_id, **fields)


def changed(record: PositionRecord, changes: Mapping[str, Any]) -> Position:
    """A copy with `changes` (the same version: `replace` writes it only over the version it was read at)."""
    position = Position.from_raw_data(own(record, Position).serialize())
    for name, value in changes.items():
        setattr(position, name, value)
    return position


def create(record: PositionRecord, summary: dict[str, Any] | None, hold: Hold | None = None) -> None:
    """The position, its 12 search entries and its 8 region counts appear together or not at all. `summary`
    None: not listed (a unit's position awaiting review). `hold`: the headcount it takes from its unit's quota,
    in the same transaction, refused (ConditionFailed UNIT) beyond the quota or unless the unit is recognised."""
    connection()
    position = _review_keyed(own(record, Position))

    def build(tx: Transaction) -> None:
        tx.save("position", position, condition=Position.position_id.does_not_exist())
        if summary is not None:
            _put_entries(tx, _listing_entries(position, summary))
            count_store.add_to(tx, count_store.deltas([], [position]))
        _move_hold(tx, hold)
        _count_statistics(tx, None, position)  # issue 23

    transact(build)


def _review_keyed(position: Position) -> Position:
    """The sparse review queue's keys: present exactly while the position awaits the agency."""
    waiting = position.status == "pending_review"
    position.review_key = PROVINCE_CODE if waiting else None
    position.review_rank = f"{position.county_code}#{position.published_at}#{position.position_id}" if waiting else None
    return position


def _move_hold(tx: Transaction, hold: Hold | None) -> None:
    """Take (headcount > 0) or give back (< 0) headcount of a unit's quota. Taking is conditional: the unit is
    recognised and has that much left; so parallel posts never hold more than the quota together."""
    if hold is None or hold.headcount == 0:
        return
    actions = [Unit.quota_used.add(hold.headcount), Unit.quota_left.add(-hold.headcount)]
    if hold.headcount > 0:
        condition = (Unit.status == "recognised") & (Unit.quota_left >= hold.headcount)
        tx.update(UNIT, Unit(hold.credit_code), actions=actions, condition=condition)
    else:
        tx.update(UNIT, Unit(hold.credit_code), actions=actions, condition=Unit.credit_code.exists())


def bulk_load(items: Iterable[tuple[PositionRecord, dict[str, Any]]]) -> int:
    """Seed many positions with batch writes: for loading data into an empty table, never a request path
    (a batch is not all-or-nothing, which is why requests use `create`)."""
    connection()
    loaded: list[Position] = []
    with Position.batch_write() as positions, Listing.batch_write() as listings:
        for record, summary in items:
            position = own(record, Position)
            positions.save(position)
            for entry in _listing_entries(position, summary):
                listings.save(entry)
            loaded.append(position)
    count_store.apply(count_store.deltas([], loaded))
    return len(loaded)


def replace(
    old_record: PositionRecord,
    new_record: PositionRecord,
    summary: dict[str, Any] | None,
    hold: Hold | None = None,
    notice: Staged | None = None,
) -> None:
    """Write `new` over `old` (optimistic lock on its version) and move its search entries along.

    `summary` None means the position is no longer searchable (closed): its entries are removed. A position
    is listed and counted exactly while its status is open (search and counts hide a past deadline by date).
    """
    connection()
    old, new = own(old_record, Position), _review_keyed(own(new_record, Position))
    old_entries = {(e.scope, e.rank): e for e in _listing_entries(old, {})} if old.status == "open" else {}
    new_entries = _listing_entries(new, summary) if summary is not None else []
    kept = {(e.scope, e.rank) for e in new_entries}
    counted = count_store.deltas([old] if old_entries else [], [new] if summary is not None else [])

    def build(tx: Transaction) -> None:
        tx.save("position", new)  # PynamoDB adds `version = <read version>`: a concurrent edit fails it
        _delete_entries(tx, (e for key, e in old_entries.items() if key not in kept))
        _put_entries(tx, new_entries)
        count_store.add_to(tx, counted)
        _move_hold(tx, hold)
        if notice is not None:  # the agency's decision reaches the unit's 消息中心 with it
            tx.update(PERSON, Person(notice.message.subject), actions=staged(tx, notice))
        _count_statistics(tx, old, new)  # issue 23

    transact(build)


def _count_statistics(tx: Transaction, old: Position | None, new: Position) -> None:
    """统计分析 (issue 23): a position published (becoming open), and the headcount open, moved in the month of the
    change (`updated_at`, China time), out of the county-level entry it was open in and into the one it is open in.
    Loading data in bulk (`bulk_load`) counts nothing."""
    month = new.updated_at[:7]
    count_all_in(tx, [(county, month, moved) for county, moved in position_increments(old, new).items()])


def search(
    scope: str, *, today: date, order: SortOrder, limit: int, start_key: RawKey | None
) -> tuple[list[PositionSummary], RawKey | None, int]:
    """One page of open positions under a scope in the given order: (summaries, key to resume, items read)."""
    connection()
    condition: Condition = Listing.deadline >= today.isoformat()
    index = ORDER_INDEX[order.name]
    query = getattr(Listing, index).query if index else Listing.query
    results = query(scope, filter_condition=condition, scan_index_forward=order.ascending, last_evaluated_key=start_key)
    page: RawPage = bounded_page(results, limit=limit)
    summaries = [msgspec.json.decode(raw["summary"]["S"], type=PositionSummary) for raw in page.items]
    return summaries, page.next_key, page.scanned


def live_entries(scope: str, ranks: Sequence[str]) -> dict[str, RawItem]:
    """The listing entries of a scope that still exist, by rank (one BatchGet per 100): the truth a keyword
    posting, which the stream keeps a moment behind, is checked against."""
    connection()
    found: dict[str, RawItem] = {}
    keys = list(dict.fromkeys(ranks))
    for start in range(0, len(keys), _BATCH_GET_LIMIT):
        for entry in Listing.batch_get([(scope, r) for r in keys[start : start + _BATCH_GET_LIMIT]]):
            found[entry.rank] = {"summary": entry.summary, "search_text": entry.search_text, "deadline": entry.deadline}
    return found


def open_ids_with_deadline(deadline: str) -> list[str]:
    """Open positions whose deadline is the given day, from the sparse deadline index."""
    connection()
    return [p.position_id for p in Position.by_deadline.query(deadline)]


def of_employer(
    credit_code: str, *, status: str | None, limit: int, start_key: RawKey | None
) -> tuple[list[Position], RawKey | None]:
    """A unit's positions, newest first: one Query of its index (a status is a filter on it)."""
    connection()
    results = Position.by_employer.query(
        credit_code,
        filter_condition=(Position.status == status) if status else None,
        scan_index_forward=False,
        last_evaluated_key=start_key,
    )
    page = bounded_page(results, limit=limit)
    return [Position.from_raw_data(raw) for raw in page.items], page.next_key


def awaiting_review(region: str, *, limit: int, start_key: RawKey | None) -> tuple[list[Position], RawKey | None]:
    """The positions awaiting review in a region (the province, a city with its 市本级, or one county-level
    entry), oldest first (first come, first reviewed): one Query of the sparse review queue."""
    connection()
    prefix = None if region == PROVINCE_CODE else region[:4] if shanxi().city(region) else f"{region}#"
    results = Position.review_queue.query(
        PROVINCE_CODE,
        range_key_condition=Position.review_rank.startswith(prefix) if prefix else None,
        last_evaluated_key=start_key,
    )
    page = bounded_page(results, limit=limit)
    return [Position.from_raw_data(raw) for raw in page.items], page.next_key
