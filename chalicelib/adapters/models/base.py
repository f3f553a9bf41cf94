"""What every table's model shares."""

from __future__ import annotations

from typing import Any

from pynamodb.attributes import UnicodeAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex


class TableMeta:
    table_name = "unbound"  # bound from Settings on first use (models.bind_tables), never read at import
    billing_mode = "PAY_PER_REQUEST"


def queue_index(name: str, hash_attr: str) -> type[GlobalSecondaryIndex[Any]]:
    """A queue index: every attribute projected, keyed by `hash_attr` and sorted by `rank` (newest first read
    backwards, `begins_with(rank, month)` for one month): the applications' and the recognitions' queues."""
    attrs: dict[str, Any] = {
        "Meta": type("Meta", (), {"index_name": name, "projection": AllProjection()}),
        hash_attr: UnicodeAttribute(hash_key=True),
        "rank": UnicodeAttribute(range_key=True),
    }
    return type(f"Index_{name}", (GlobalSecondaryIndex,), attrs)
