"""moto's DynamoDB queries without whole-table sorts; installed by scripts/moto_atomic.py (see its docstring).

`Table.query` sorts every item of the table (`all_items()`) to find one partition, then walks from the first
item to the page's start key. Here it is handed only the queried partition, kept sorted between writes (a put
or delete of the partition forgets it), and of that only what moto would read: from the start key on, as far
as the limit reaches. An index query gets the items unsorted, since moto sorts the candidates by the index and
table keys (a total order) afterwards anyway. Comparing two strings (every key comparison of a query) skips
the five type tests of `cast_value` it would fail. Every query runs under moto_atomic's lock, so the kept
partitions never change under a reader.
"""

from __future__ import annotations

import bisect
import inspect
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from moto.dynamodb.models.dynamo_type import DynamoType, Item
from moto.dynamodb.models.table import Table

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


def forget_sorted(table: Table, hash_key: DynamoType) -> None:
    table.__dict__.get(_SORTED, {}).pop(hash_key, None)


def _put_item(self: Table, *args: Any, **kwargs: Any) -> Item:
    item = _original_put_item(self, *args, **kwargs)
    forget_sorted(self, item.hash_key)
    return item


def _delete_item(self: Table, hash_key: DynamoType, range_key: DynamoType | None) -> Item | None:
    forget_sorted(self, hash_key)
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


# What moto_atomic.install() sets, in this order.
PATCHES: list[tuple[type, str, Any]] = [
    (Table, "query", _partition_query),
    (Table, "all_items", _scoped_all_items),
    (Table, "put_item", _put_item),
    (Table, "delete_item", _delete_item),
    (DynamoType, "cast_value", property(_cast_value)),
    (DynamoType, "__eq__", _eq),
    (DynamoType, "__lt__", _lt),
]
