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
* **Query.** `Table.query` sorts every item of the table to find one partition: scripts/moto_query.py hands
  it only what it reads, from partitions kept sorted between writes.

Scan keeps moto's sorted `all_items()`: its paging depends on that order.
"""

from __future__ import annotations

import copy
import sys
import threading
from collections.abc import Callable
from pathlib import Path
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

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script by scripts/devstack.py

from scripts import moto_query

# The transaction below follows moto 5.2.5's line by line; another moto needs it read again before use.
MOTO_VERSION = "5.2.5"

# One lock for every DynamoDB request of the process: all tables, accounts and regions. Re-entrant, since a
# handler may call other handlers' code on the same thread.
LOCK = threading.RLock()

_installed = False
_original_call_action = DynamoHandler.call_action


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
        *moto_query.PATCHES,
    ]
    for owner, name, replacement in patches:
        setattr(owner, name, replacement)
    _installed = True


def _atomic_call_action(self: DynamoHandler) -> Any:
    with LOCK:
        return _original_call_action(self)


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
            moto_query.forget_sorted(table, hash_value)
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
