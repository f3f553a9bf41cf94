"""The orders a search can be sorted in, as DynamoDB sort-key strings that sort the way the user asks.

Every search entry (listing or keyword posting) carries three sort keys, each ending in the unique rank
`<published_at>#<position_id>`, so an order is total and a cursor resumes exactly where the page ended:

- newest:   rank, read descending.
- stipend:  highest stipend first, newest first among equal stipends; read ascending.
- deadline: closing soonest first, newest first among equal deadlines; read ascending.

An ascending read cannot put the newest first by itself, so those keys carry the publication time with its
digits inverted (9 - d): later times give smaller strings.
"""

from __future__ import annotations

from typing import Final

from msgspec import Struct

from chalicelib.domain.positions import MAX_STIPEND

_STIPEND_WIDTH = len(str(MAX_STIPEND))
_INVERT = str.maketrans("0123456789", "9876543210")


class SortOrder(Struct, frozen=True):
    name: str
    ascending: bool
    label: str


SORT_ORDERS: Final = {
    "newest": SortOrder("newest", False, "发布时间由新到旧（默认）"),
    "stipend": SortOrder("stipend", True, "见习补贴由高到低"),
    "deadline": SortOrder("deadline", True, "报名截止日期由近到远"),
}
DEFAULT_SORT: Final = "newest"


def rank(published_at: str, position_id: str) -> str:
    return f"{published_at}#{position_id}"


def _newest_first(published_at: str, position_id: str) -> str:
    return f"{published_at.translate(_INVERT)}#{position_id}"


def stipend_rank(stipend: int, published_at: str, position_id: str) -> str:
    return f"{MAX_STIPEND - stipend:0{_STIPEND_WIDTH}d}#{_newest_first(published_at, position_id)}"


def deadline_rank(deadline: str, published_at: str, position_id: str) -> str:
    return f"{deadline}#{_newest_first(published_at, position_id)}"


def sort_keys(stipend: int, deadline: str, published_at: str, position_id: str) -> dict[str, str]:
    """The three sort keys every search entry of a position carries."""
    return {
        "rank": rank(published_at, position_id),
        "stipend_rank": stipend_rank(stipend, published_at, position_id),
        "deadline_rank": deadline_rank(deadline, published_at, position_id),
    }
