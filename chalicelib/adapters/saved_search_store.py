"""Saved searches (岗位订阅): at most five per person, counted on the person's item in the same transaction,
and the new listings since a digest, read by Query on the same listings the public search reads."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date
from typing import Any

from pynamodb.exceptions import UpdateError
from pynamodb.expressions.condition import Condition

from chalicelib.adapters.dynamo import Transaction, connection, transact
from chalicelib.adapters.models import Listing, Person, SavedSearch
from chalicelib.domain.identity import is_resource_id
from chalicelib.domain.limits import MAX_SAVED_SEARCHES

DIGEST_SHARDS = 8  # spreads the index's writes; the digest Queries each shard once
SEARCH, PERSON = "search", "person"


def shard_of(subject: str) -> str:
    return f"S{int(hashlib.sha256(subject.encode()).hexdigest(), 16) % DIGEST_SHARDS}"


def add(search: SavedSearch) -> None:
    """The search and its count, all or nothing: six at once cannot make a sixth."""
    connection()

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
        yield from SavedSearch.by_shard.query(f"S{shard}")


def new_listings(scope: str, since_rank: str, today: date, keyword: str | None) -> list[dict[str, Any]]:
    """Open listings of the scope ranked after `since_rank`, newest first, filtered as the public search filters."""
    connection()
    condition: Condition = Listing.deadline >= today.isoformat()
    if keyword:
        condition &= Listing.search_text.contains(keyword.casefold())
    results = Listing.query(scope, Listing.rank > since_rank, filter_condition=condition, scan_index_forward=False)
    return [{"rank": entry.rank, "position_id": entry.position_id, "summary": entry.summary} for entry in results]


def advance(search: SavedSearch, rank: str) -> None:
    """The digest reached `rank`: the next one starts after it (only ever forward)."""
    connection()
    try:
        search.update(actions=[SavedSearch.seen_rank.set(rank)], condition=SavedSearch.seen_rank < rank)
    except UpdateError as error:
        if error.cause_response_code != "ConditionalCheckFailedException":
            raise  # a failed condition: a rerun already went further
