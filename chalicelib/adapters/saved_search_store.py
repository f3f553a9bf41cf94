"""Saved searches (岗位订阅): at most five per person, counted on the person's item in the same transaction,
and the new listings since a digest, read by Query on the same listings the public search reads."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date
from typing import Any

from pynamodb.exceptions import UpdateError
from pynamodb.expressions.condition import Condition

from chalicelib.adapters.dynamo import Transaction, connection, own, transact
from chalicelib.adapters.models import Listing, Person, SavedSearch
from chalicelib.adapters.search_layout import query_scope
from chalicelib.domain.areas import Area
from chalicelib.domain.identity import is_resource_id
from chalicelib.domain.limits import MAX_SAVED_SEARCHES
from chalicelib.domain.records import SavedSearchRecord
from chalicelib.ports.conditions import PERSON, SEARCH

DIGEST_SHARDS = 8  # spreads the index's writes; the digest Queries each shard once


def new(subject: str, search_id: str, **fields: Any) -> SavedSearch:
    return SavedSearch(subject, search_id, **fields)


def _shard_key(shard: int) -> str:
    return f"S{shard}"


def shard_of(subject: str) -> str:
    return _shard_key(int(hashlib.sha256(subject.encode()).hexdigest(), 16) % DIGEST_SHARDS)


def add(record: SavedSearchRecord, area: Area, *, education: str | None, industry: str | None) -> None:
    """The search and its count, all or nothing: six at once cannot make a sixth. The search is stored with
    the listings scope that answers it, and under its person's digest shard."""
    connection()
    search = own(record, SavedSearch)
    search.scope = query_scope(area, education, industry)
    search.digest_shard = shard_of(search.subject)
    search.subject_search = f"{search.subject}#{search.search_id}"

    def build(tx: Transaction) -> None:
        tx.save(SEARCH, search, condition=SavedSearch.search_id.does_not_exist())
        tx.update(
            PERSON,
            Person(search.subject),
            actions=[Person.saved_search_count.add(1)],
            condition=Person.saved_search_count.does_not_exist() | (Person.saved_search_count < MAX_SAVED_SEARCHES),
        )

    transact(build)


def remove(subject: str, search_id: str) -> None:
    """Raises ConditionFailed when there is no such search (the answer is the same)."""
    if not is_resource_id(search_id):
        return
    connection()

    def build(tx: Transaction) -> None:
        tx.delete(SEARCH, SavedSearch(subject, search_id), condition=SavedSearch.search_id.exists())
        tx.update(PERSON, Person(subject), actions=[Person.saved_search_count.add(-1)])

    transact(build)


def mine(subject: str) -> list[SavedSearch]:
    connection()
    return list(SavedSearch.query(subject, consistent_read=True))


def everyone() -> Iterator[SavedSearch]:
    """Every saved search, shard by shard, each person's together (the range key starts with the subject)."""
    connection()
    for shard in range(DIGEST_SHARDS):
        yield from SavedSearch.by_shard.query(_shard_key(shard))


def new_listings(record: SavedSearchRecord, today: date) -> list[dict[str, Any]]:
    """Open listings of the search ranked after the rank its last digest reached, newest first, filtered as the
    public search filters: [{rank, position_id, summary}]."""
    connection()
    search = own(record, SavedSearch)
    condition: Condition = Listing.deadline >= today.isoformat()
    if search.keyword:
        condition &= Listing.search_text.contains(search.keyword.casefold())
    since = Listing.rank > search.seen_rank
    results = Listing.query(search.scope, since, filter_condition=condition, scan_index_forward=False)
    return [{"rank": entry.rank, "position_id": entry.position_id, "summary": entry.summary} for entry in results]


def advance(record: SavedSearchRecord, rank: str) -> None:
    """The digest reached `rank`: the next one starts after it (only ever forward)."""
    connection()
    try:
        own(record, SavedSearch).update(
            actions=[SavedSearch.seen_rank.set(rank)], condition=SavedSearch.seen_rank < rank
        )
    except UpdateError as error:
        if error.cause_response_code != "ConditionalCheckFailedException":
            raise  # a failed condition: a rerun already went further
