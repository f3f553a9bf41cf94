"""The keyword index as the ports see it (ports.KeywordIndex): keyword_store's reads and writes, taking the
position records the position store made, and reading a stream record's image into one."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from chalicelib.adapters import keyword_store
from chalicelib.adapters.dynamo import own
from chalicelib.adapters.keyword_store import IndexChange
from chalicelib.adapters.models import Position
from chalicelib.domain.records import PositionRecord


def position_of(image: Mapping[str, Any]) -> Position:
    return Position.from_raw_data(dict(image))


def apply_records(records: Sequence[tuple[str, str, PositionRecord | None]]) -> IndexChange:
    return keyword_store.apply_records(
        [(i, seq, None if new is None else own(new, Position)) for i, seq, new in records]
    )


def bulk_index(positions: Iterable[PositionRecord]) -> int:
    return keyword_store.bulk_index(own(p, Position) for p in positions)
