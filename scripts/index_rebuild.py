"""Rebuilding what search stores beside the positions table when its layout changes, on a deployed table
(scripts/reindex.py, `make reindex`; the steps are in docs/deploy.md):

- the keyword postings in the current layout (search_layout.POSTING_LAYOUT), written beside the old layout's,
  which the code still deployed goes on reading until the switch; then the old layout's postings dropped;
- the listing entries' stored summaries, rewritten in the shape the code now presents.

An operator's tool, kept out of chalicelib (never deployed, never on a request path): it scans. It runs while
the API and the stream handler run, so neither step may undo what they write meanwhile (see each function).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from chalicelib.adapters import keyword_store
from chalicelib.adapters.dynamo import Transaction, connection, transact
from chalicelib.adapters.models import IndexMarker, Listing, Position, Posting
from chalicelib.adapters.position_store import _listing_entries
from chalicelib.adapters.search_layout import POSTING_LAYOUT, is_posting
from chalicelib.ports.conditions import ConditionFailed

_ROUNDS = 5  # a marker still moving after this many re-reads is left to the next run (reported)


def rebuild_postings(positions: Sequence[Position]) -> tuple[int, int]:
    """Write these positions' postings in the current layout; returns (postings written, positions unsettled).

    Made from what each marker says is indexed (the stream handler's own view), never from the position: the
    handler works its next change out from the marker, so the two agree. A position without a marker has not
    been reached by the stream yet, which will index it. A marker that moved while its postings were written
    (the handler applied a record meanwhile) is read again and its postings rewritten, until none moves."""
    connection()
    todo = [p.position_id for p in positions]
    seen = keyword_store.markers_of(todo)
    written = 0
    for _ in range(_ROUNDS):
        postings = [p for pid in todo if pid in seen for p in keyword_store.postings_of(_indexed(seen[pid])).values()]
        keyword_store.write_postings([], postings)
        written += len(postings)
        now = keyword_store.markers_of(todo)
        todo = [pid for pid in todo if pid in now and (pid not in seen or now[pid].sequence != seen[pid].sequence)]
        seen = now
        if not todo:
            break
    return written, len(todo)


def _indexed(marker: IndexMarker) -> dict[str, Any] | None:
    return json.loads(marker.indexed) if marker.indexed else None


def drop_other_layouts(page_size: int = 1000) -> int:
    """Delete every posting not of the current layout; returns how many. Term counts and markers stay."""
    connection()
    dropped = 0
    old: list[Posting] = []
    for posting in Posting.scan(attributes_to_get=["scope", "rank"], page_size=page_size):
        if is_posting(posting.scope) and not posting.scope.startswith(POSTING_LAYOUT):
            old.append(posting)
        if len(old) == page_size:
            keyword_store.write_postings(old, [])
            dropped, old = dropped + len(old), []
    keyword_store.write_postings(old, [])
    return dropped + len(old)


def refresh_listings(position: Position, summary: dict[str, Any]) -> bool:
    """Rewrite an open position's listing entries with this summary; False when it changed meanwhile.

    One transaction, on the condition that the position is still the version read and open and that each
    entry is still there: an edit or a close racing with it wins (and wrote or removed the entries itself)."""
    connection()

    def build(tx: Transaction) -> None:
        still = (Position.version == position.version) & (Position.status == "open")
        tx.check("position", Position, position.position_id, condition=still)
        for entry in _listing_entries(position, summary):
            tx.save("listing", entry, condition=Listing.scope.exists())

    try:
        transact(build)
    except ConditionFailed:
        return False
    return True


def all_positions(page_size: int = 100) -> Iterator[list[Position]]:
    """Every position, a page at a time (a scan: this is a migration, not a request path)."""
    connection()
    page: list[Position] = []
    for position in Position.scan(consistent_read=True, page_size=page_size):
        page.append(position)
        if len(page) == page_size:
            yield page
            page = []
    if page:
        yield page
