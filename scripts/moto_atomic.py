"""moto's DynamoDB with DynamoDB's per-request atomicity, and without its whole-table copies and sorts.

One module for both emulators: the in-process mock of the test suite (`install()` from tests/conftest.py) and
the moto server `make dev` runs (`python scripts/moto_atomic.py -H 127.0.0.1 -p 5000`, from scripts/devstack.py).

What moto 5.2.5 does, and what `install()` changes (imports only moto: no chalicelib, no boto3 session):

* **Atomicity.** moto checks conditions and applies writes with nothing stopping two threads interleaving, so
  two conditional writes can both pass. One lock around each DynamoDB request (the handler's `call_action`)
  gives every request, a transaction included, DynamoDB's all-or-nothing, one-at-a-time behaviour.
* **Rollback.** `transact_write_items` deep-copies every table it touches before it starts and restores those
  copies when it is cancelled: slow (a full copy per transaction) and, without a lock, it wipes writes other
  requests made meanwhile. Under the lock, a rollback needs only the items the transaction itself wrote: ours
  keeps an undo log of their previous versions.
* **Query.** `Table.query` sorts every item of the table (`all_items()`) to find one partition, then walks
  from the first item to the page's start key. Ours hands it only the queried partition, kept sorted between
  writes (a put or delete of the partition forgets it), and of that only what moto would read: from the
  start key on, as far as the limit reaches. An index query gets the items unsorted, since moto sorts the
  candidates by the index and table keys (a total order) afterwards anyway. Comparing two strings (every
  key comparison of a query) skips the five type tests of `cast_value` it would fail.

Scan keeps moto's sorted `all_items()`: its paging depends on that order.
"""

from __future__ import annotations

import bisect
import copy
import inspect
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import moto
from moto.dynamodb.comparisons import get_filter_expression
from moto.dynamodb.exceptions import (
    ConditionalCheckFailed,
    MockValidationException,
    MultipleTransactionsException,
    TooManyTransactionsException,
    TransactionCanceledException,
    TransactWriteSingleOpException,
)
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.dynamo_type import DynamoType, Item
from moto.dynamodb.models.table import Table
from moto.dynamodb.responses import DynamoHandler

# The transaction below follows moto 5.2.5's line by line; another moto needs it read again before use.
MOTO_VERSION = "5.2.5"

# One lock for every DynamoDB request of the process: all tables, accounts and regions. Re-entrant, since a
# handler may call other handlers' code on the same thread.
LOCK = threading.RLock()

_installed = False
_original_call_action = DynamoHandler.call_action
_original_query = Table.query
_original_all_items = Table.all_items
_original_put_item = Table.put_item
_original_delete_item = Table.delete_item
_original_cast_value: Callable[[DynamoType], Any] = DynamoType.__dict__["cast_value"].fget
_original_eq = DynamoType.__eq__
_original_lt = DynamoType.__lt__
_QUERY_PARAMETERS = inspect.signature(_original_query)
_query_scope = threading.local()  # what the query running on this thread asked for: a _Scope
_SORTED = "_moto_atomic_sorted_partitions"  # on each Table: hash key -> (items by range key, their range keys)


def install() -> None:
    """Patch moto's classes in this process, once. Safe to call again."""
    global _installed  # noqa: PLW0603 - the patch is process-wide by nature
    if _installed:
        return
    if moto.__version__ != MOTO_VERSION:
        raise RuntimeError(f"scripts/moto_atomic.py follows moto {MOTO_VERSION}, found {moto.__version__}")
    patches: list[tuple[type, str, Any]] = [
        (DynamoHandler, "call_action", _atomic_call_action),
        (DynamoDBBackend, "transact_write_items", transact_write_items),
        (Table, "query", _partition_query),
        (Table, "all_items", _scoped_all_items),
        (Table, "put_item", _put_item),
        (Table, "delete_item", _delete_item),
        (DynamoType, "cast_value", property(_cast_value)),
        (DynamoType, "__eq__", _eq),
        (DynamoType, "__lt__", _lt),
    ]
    for owner, name, replacement in patches:
        setattr(owner, name, replacement)
    _installed = True


def _atomic_call_action(self: DynamoHandler) -> Any:
    with LOCK:
        return _original_call_action(self)


# ----------------------------------------------------------------------------------------------- query


@dataclass(frozen=True)
class _Scope:
    table: Table
    index_name: str | None
    hash_key: DynamoType | None
    exclusive_start_key: dict[str, Any] | None
    forward: bool
    # Items moto can consider: without a range condition every one it is handed counts towards the limit,
    # so it reads at most limit + 1 of them (the extra one proves a next page). None: all of them.
    window: int | None


@contextmanager
def _scoped(scope: _Scope) -> Iterator[None]:
    outer = getattr(_query_scope, "current", None)
    _query_scope.current = scope
    try:
        yield
    finally:
        _query_scope.current = outer


def _partition_query(self: Table, *args: Any, **kwargs: Any) -> Any:
    asked = _QUERY_PARAMETERS.bind(self, *args, **kwargs).arguments
    scope = _Scope(
        self,
        asked.get("index_name"),
        asked.get("hash_key"),
        asked.get("exclusive_start_key"),
        asked.get("scan_index_forward", True) is not False,
        _window(asked),
    )
    with _scoped(scope):
        return _original_query(self, *args, **kwargs)


def _window(asked: dict[str, Any]) -> int | None:
    limit = asked.get("limit")
    conditions = asked.get("range_comparison") or asked.get("range_key_conditions") or asked.get("filter_kwargs")
    return limit + 1 if isinstance(limit, int) and not conditions else None


def _scoped_all_items(self: Table) -> list[Item]:
    scope: _Scope | None = getattr(_query_scope, "current", None)
    if scope is None or scope.table is not self:
        return _original_all_items(self)
    if scope.index_name:
        partitions: Any = self.items.values()
        return [item for p in partitions for item in (p.values() if self.range_key_attr else [p])]
    if scope.hash_key is None or scope.hash_key not in self.items:
        return []
    if not self.range_key_attr:
        return [self.items[scope.hash_key]]  # type: ignore[list-item]  # moto's layout: the item itself
    items, keys = _sorted_partition(self, scope.hash_key)
    return _after_start_key(self, scope, items, keys)


def _sorted_partition(table: Table, hash_key: DynamoType) -> tuple[list[Item], list[Any]]:
    """The partition in range key order, kept until a write to it. cast_value is what DynamoType's
    comparisons compare, so the order is moto's own; moto's sort of it is then a single pass."""
    cache: dict[DynamoType, tuple[list[Item], list[Any]]] = table.__dict__.setdefault(_SORTED, {})
    if hash_key not in cache:
        items = sorted(table.items[hash_key].values(), key=lambda item: item.range_key.cast_value)
        cache[hash_key] = (items, [item.range_key.cast_value for item in items])
    return cache[hash_key]


def _start_range_key(table: Table, scope: _Scope) -> Any | None:
    """The start key's range value, when the start key is in the queried partition (else moto decides)."""
    start = scope.exclusive_start_key
    if not start or table.range_key_attr not in start or table.hash_key_attr not in start:
        return None
    if DynamoType(start[table.hash_key_attr]) != scope.hash_key:
        return None
    return DynamoType(start[table.range_key_attr]).cast_value


def _after_start_key(table: Table, scope: _Scope, items: list[Item], keys: list[Any]) -> list[Item]:
    """What moto would not skip: keys after the start key (forwards, it skips keys <= start; backwards,
    >= start, and it reverses the list itself), as far as it can read."""
    start = _start_range_key(table, scope)
    if scope.forward:
        first = 0 if start is None else bisect.bisect_right(keys, start)
        return items[first : None if scope.window is None else first + scope.window]
    end = len(keys) if start is None else bisect.bisect_left(keys, start)
    return items[0 if scope.window is None else max(0, end - scope.window) : end]


def _forget_sorted(table: Table, hash_key: DynamoType) -> None:
    table.__dict__.get(_SORTED, {}).pop(hash_key, None)


def _put_item(self: Table, *args: Any, **kwargs: Any) -> Item:
    item = _original_put_item(self, *args, **kwargs)
    _forget_sorted(self, item.hash_key)
    return item


def _delete_item(self: Table, hash_key: DynamoType, range_key: DynamoType | None) -> Item | None:
    _forget_sorted(self, hash_key)
    return _original_delete_item(self, hash_key, range_key)


def _cast_value(self: DynamoType) -> Any:
    if self.type == "S":  # not a number, set, list, map or null: moto's own answer is the value itself
        return self.value
    return _original_cast_value(self)


# A query compares the hash key of every item it is handed, and moto's sort compares range keys: for two
# strings, what moto's comparisons compute (types equal and cast values equal; cast values ordered) directly.
def _eq(self: DynamoType, other: DynamoType) -> bool:
    if self.type == "S":
        return bool(other.type == "S" and self.value == other.value)
    return bool(_original_eq(self, other))


def _lt(self: DynamoType, other: DynamoType) -> bool:
    if self.type == "S" and other.type == "S":
        return bool(self.value < other.value)
    return bool(_original_lt(self, other))


# ----------------------------------------------------------------------------------------------- transactions


class _UndoLog:
    """The previous version of every item a transaction wrote, to put back if it is cancelled."""

    def __init__(self) -> None:
        self._entries: list[tuple[Table, DynamoType, DynamoType | None, Item | None]] = []

    def remember(self, backend: DynamoDBBackend, table_name: str, key: dict[str, Any]) -> None:
        table = backend.get_table(table_name)
        hash_value, range_value = backend.get_keys_value(table, key)
        before = table.get_item(hash_value, range_value)
        # update_item changes the stored Item in place: keep a copy of this one item, not of the table.
        self._entries.append((table, hash_value, range_value, copy.deepcopy(before)))

    def roll_back(self) -> None:
        for table, hash_value, range_value, before in reversed(self._entries):
            _forget_sorted(table, hash_value)
            if range_value is None:
                if before is None:
                    table.items.pop(hash_value, None)
                else:
                    table.items[hash_value] = before  # type: ignore[assignment]  # moto's own layout
            elif before is None:
                table.items[hash_value].pop(range_value, None)
            else:
                table.items[hash_value][range_value] = before


def transact_write_items(self: DynamoDBBackend, transact_items: list[dict[str, Any]]) -> None:
    """moto 5.2.5's TransactWriteItems, with an undo log of the written items in place of table copies."""
    if len(transact_items) > 100:
        raise TooManyTransactionsException()
    undo = _UndoLog()
    target_items: set[tuple[str, str]] = set()

    def check_unicity(table_name: str, key: dict[str, Any]) -> None:
        item = (str(table_name), str(dict(sorted(key.items()))))
        if item in target_items:
            raise MultipleTransactionsException()
        target_items.add(item)

    errors: list[tuple[str, str, dict[str, Any]] | tuple[None, None, None]] = []
    for item in transact_items:
        original_item: dict[str, Any] | None = None
        if len(list(item.keys())) > 1:
            raise TransactWriteSingleOpException
        try:
            op_type, op = next(iter(item.items()))
            if op_type not in {"ConditionCheck", "Put", "Delete", "Update"}:
                raise ValueError("Unsupported transaction operation")
            table_name = op["TableName"]
            condition_expression = op.get("ConditionExpression")
            names = op.get("ExpressionAttributeNames")
            values = op.get("ExpressionAttributeValues")
            if op_type == "Put":
                attrs = op["Item"]
                table = self.get_table(table_name)
                key = {table.hash_key_attr: attrs[table.hash_key_attr]}
                if table.range_key_attr is not None:
                    key[table.range_key_attr] = attrs[table.range_key_attr]
            else:
                key = op["Key"]
            check_unicity(table_name, key)
            current = self.get_item(table_name, key)
            if condition_expression is not None:
                condition_op = get_filter_expression(condition_expression, names, values)
                if not condition_op.expr(current):
                    if op.get("ReturnValuesOnConditionCheckFailure") == "ALL_OLD" and current:
                        original_item = current.to_json()["Attributes"]
                    raise ConditionalCheckFailed(item=original_item)
            if op_type != "ConditionCheck":
                undo.remember(self, table_name, key)
            written = {
                "condition_expression": condition_expression,
                "expression_attribute_names": names,
                "expression_attribute_values": values,
            }
            if op_type == "Put":
                self.put_item(table_name, op["Item"], **written)
            elif op_type == "Delete":
                self.delete_item(table_name, key, **written)
            elif op_type == "Update":
                self.update_item(table_name, key, update_expression=op["UpdateExpression"], **written)
            errors.append((None, None, None))
        except (MultipleTransactionsException, MockValidationException):
            undo.roll_back()
            raise
        except ConditionalCheckFailed as e:
            errors.append(("ConditionalCheckFailed", str(e.message), original_item))  # type: ignore[arg-type]
        except Exception as e:
            errors.append((type(e).__name__, str(e), original_item))  # type: ignore[arg-type]
    if any(code is not None for code, _, _ in errors):
        undo.roll_back()
        raise TransactionCanceledException(errors)


# ----------------------------------------------------------------------------------------------- the server


def main(argv: list[str] | None = None, serve: Callable[[list[str] | None], None] | None = None) -> None:
    """moto_server's own command line, with the patches installed first."""
    install()
    from moto.server import main as moto_server

    (serve or moto_server)(argv if argv is not None else sys.argv[1:])


if __name__ == "__main__":
    main()
