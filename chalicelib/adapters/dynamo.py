"""The DynamoDB plumbing every store shares: the connection, transactions, bounded paging, fault mapping."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from functools import cache
from typing import Any, TypeVar

from botocore.exceptions import BotoCoreError, ClientError
from msgspec import Struct
from pynamodb.connection import Connection
from pynamodb.exceptions import TransactWriteError
from pynamodb.expressions.condition import Condition
from pynamodb.models import Model
from pynamodb.pagination import ResultIterator
from pynamodb.transactions import TransactWrite

from chalicelib.adapters import clients
from chalicelib.adapters.applied import AppliedMarker, answer_lost, marker_written, new_marker
from chalicelib.adapters.faults import TRANSIENT_CODES, response_code
from chalicelib.adapters.models import MODELS_BY_TABLE, bind_tables
from chalicelib.config import settings
from chalicelib.errors import SERVICE_BUSY
from chalicelib.ports.conditions import ConditionFailed

RawItem = dict[str, Any]
RawKey = dict[str, dict[str, Any]]

_CONFLICT_ATTEMPTS = 6
# Cancellation reasons that mean "try again": another transaction held an item, or the table throttled
# (on-demand tables say ThrottlingError). Anything else is the caller's answer or a bug.
RETRYABLE_REASONS = frozenset({"TransactionConflict", "ThrottlingError", "ProvisionedThroughputExceeded"})


@cache
def connection() -> Connection:
    """One connection per container, built on first use, with every model bound to its configured table.

    Every model's connection and the transactions' share one botocore client (`clients.dynamodb`): PynamoDB
    would otherwise build a session and a client per model, each one costing a cold request 50-100 ms.
    """
    bind_tables(settings().tables)
    shared = clients.dynamodb()
    for model in MODELS_BY_TABLE.values():
        _use_client(model._get_connection().connection, shared)
    return _use_client(Connection(), shared)


def _use_client(connection: Connection, client: Any) -> Connection:
    # PynamoDB 6.1 builds `_client` lazily from a session of its own unless one is there; ours is.
    connection._client = client
    return connection


M = TypeVar("M")
Item = TypeVar("Item", bound=Model)


def own(record: object, model: type[M]) -> M:
    """The record a store is handed back, as its own model: a use case passes back only records the same
    store made (ports: records are made by the store that owns them), so anything else is a bug, said here."""
    if not isinstance(record, model):
        raise TypeError(f"expected a {model.__name__} made by its store, got {type(record).__name__}")
    return record


class Transaction:
    """A TransactWrite whose items carry names, so a cancellation says which conditions failed.

    PynamoDB sends condition checks, then deletes, then puts, then updates, whatever order they were added
    in; DynamoDB's cancellation reasons follow the order sent. The labels are kept in that same order.
    """

    def __init__(self, tx: TransactWrite) -> None:
        self._tx = tx
        self._labels: dict[str, list[str]] = {"check": [], "delete": [], "put": [], "update": []}

    def check(
        self, label: str, model: type[Model], hash_key: str, range_key: str | None = None, *, condition: Condition
    ) -> None:
        self._tx.condition_check(model, hash_key, range_key, condition=condition)
        self._labels["check"].append(label)

    def delete(self, label: str, item: Model, condition: Condition | None = None) -> None:
        self._tx.delete(item, condition=condition)
        self._labels["delete"].append(label)

    def save(self, label: str, item: Model, condition: Condition | None = None) -> None:
        self._tx.save(item, condition=condition)
        self._labels["put"].append(label)

    def update(self, label: str, item: Model, actions: list[Any], condition: Condition | None = None) -> None:
        self._tx.update(item, actions=actions, condition=condition)
        self._labels["update"].append(label)

    @property
    def labels(self) -> list[str]:
        return [label for kind in ("check", "delete", "put", "update") for label in self._labels[kind]]


def found(model: type[Item], hash_key: Any, range_key: Any = None) -> Item | None:
    """GetItem, strongly consistent: the item, or None where there is none."""
    connection()
    try:
        return model.get(hash_key, range_key, consistent_read=True)
    except model.DoesNotExist:
        return None


def _cancellation_codes(error: TransactWriteError) -> list[str | None]:
    return [reason.code if reason else None for reason in (error.cancellation_reasons or [])]


def transact(build: Callable[[Transaction], None]) -> None:
    """Run a write transaction; retry it while it only lost a race (TransactionConflict), with jitter.

    A failed condition is the caller's answer (ConditionFailed, naming the items). Conflicts that outlast
    the retries become 503 SERVICE_BUSY, never a 500.
    """
    for attempt in range(_CONFLICT_ATTEMPTS):
        marker = new_marker()
        try:
            with TransactWrite(connection=connection(), client_request_token=marker.token[-36:]) as tx:
                transaction = Transaction(tx)
                build(transaction)
                transaction.save("applied marker", marker)
            return
        except TransactWriteError as error:
            if answer_lost(error) and _applied_after_all(marker):
                return
            codes = _cancellation_codes(error)
            labels = transaction.labels
            failed = frozenset(labels[i] for i, code in enumerate(codes) if code == "ConditionalCheckFailed")
            if failed:
                raise ConditionFailed(failed) from error
            conflicted = any(code in RETRYABLE_REASONS for code in codes) or response_code(error) in TRANSIENT_CODES
            if not conflicted:
                raise
            if attempt == _CONFLICT_ATTEMPTS - 1:
                raise SERVICE_BUSY() from error
            time.sleep(random.uniform(0, 0.02 * 2**attempt))  # noqa: S311 - jitter, not security


def _applied_after_all(marker: AppliedMarker) -> bool:
    """The answer was lost: was the transaction applied? Unknown (the read failed too) counts as not."""
    try:
        return marker_written(marker)
    except (ClientError, BotoCoreError):
        return False


class RawPage(Struct, frozen=True):
    items: list[RawItem]
    next_key: RawKey | None
    scanned: int


def bounded_page(
    results: ResultIterator[Any], *, limit: int, page_size: int | None = None, max_scanned: int | None = None
) -> RawPage:
    """Read one page of at most `limit` raw items, and know whether there is more.

    Without a budget it reads `limit + 1` items (the extra one proves a next page exists). With `max_scanned`
    it stops once that many items were examined, whatever the filter kept, and hands back DynamoDB's key to
    resume from: a keyword search costs a bounded number of reads per request however large the table grows.
    """
    pages = results.page_iter
    pages.page_size = page_size or limit + 1
    key_names = list(pages.key_names)
    collected: list[RawItem] = []
    scanned = 0
    for page in pages:
        scanned += page["ScannedCount"]
        for raw in page.get("Items", []):
            if len(collected) == limit:
                return RawPage(collected, {k: collected[-1][k] for k in key_names}, scanned)
            collected.append(raw)
        if pages.last_evaluated_key is None:
            return RawPage(collected, None, scanned)
        if max_scanned is not None:
            if scanned >= max_scanned:
                return RawPage(collected, pages.last_evaluated_key, scanned)
            pages.page_size = min(page_size or limit + 1, max_scanned - scanned)
        else:
            pages.page_size = limit + 1 - len(collected)
    return RawPage(collected, None, scanned)
