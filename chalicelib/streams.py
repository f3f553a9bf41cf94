"""Which table's stream a handler reads, declared once beside the handler and read by the CDK app and by the
local stream runner (scripts/local_streams.py).

Chalice's `on_dynamodb_record` wants a stream ARN at import time, but a table's stream ARN exists only once the
table is deployed (and locally, once moto has created it). So the decorator is given a declared ARN that names
the table by its `Tables` field; the CDK app wires the real stream of that table to the handler, and the local
runner finds the same table's stream on moto. `chalice deploy` is not used, so the declared ARN is never called.
"""

from __future__ import annotations

from typing import Final

from chalicelib.config import Tables

_PREFIX = "arn:aws:dynamodb:declared:000000000000:table/"
_SUFFIX = "/stream/declared"
TABLE_FIELDS = frozenset(Tables.__struct_fields__)

# Concurrent batches per shard (the event source mapping's ParallelizationFactor, read by the CDK app and by
# the local runner). Lambda keeps the records of one partition key in order whatever the factor, and the
# keyword index needs no more than that: each position's postings follow its own records, term counts are
# additive, markers are per position. A job fair's burst lands on one shard, so the factor is what spreads
# it; 10 is Lambda's maximum. The other handlers keep 1: they are light and gain nothing from it.
PARALLELIZATION: Final = {"index_positions": 10}


def parallelization_factor(handler: str) -> int:
    return PARALLELIZATION.get(handler, 1)


def stream_arn(table: str) -> str:
    """The ARN to give `app.on_dynamodb_record` for the stream of the table named by its `Tables` field."""
    if table not in TABLE_FIELDS:
        raise ValueError(f"unknown table {table!r}; expected one of {', '.join(sorted(TABLE_FIELDS))}")
    return f"{_PREFIX}{table}{_SUFFIX}"


def table_of(declared_arn: str) -> str:
    """The `Tables` field a declared stream ARN names (the inverse of `stream_arn`)."""
    if not (declared_arn.startswith(_PREFIX) and declared_arn.endswith(_SUFFIX)):
        raise ValueError(f"{declared_arn!r} was not made by chalicelib.streams.stream_arn")
    table = declared_arn[len(_PREFIX) : -len(_SUFFIX)]
    if table not in TABLE_FIELDS:
        raise ValueError(f"{declared_arn!r} names no table")
    return table
