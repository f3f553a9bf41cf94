"""How a store refuses a write whose rule failed: `ConditionFailed`, naming the items whose condition did by
the labels below, so a use case can say which rule it was without knowing keys or transactions."""

from __future__ import annotations

from typing import Final

APPLICATION: Final = "application"
ATTACHMENT: Final = "attachment"
FAVOURITE: Final = "favourite"
MESSAGE: Final = "message"
OUTBOX: Final = "outbox"
PERSON: Final = "person"
POSITION: Final = "position"
SEARCH: Final = "search"
# Issue 19: a unit's item (its live recognition, its quota) and a recognition (one decision).
UNIT: Final = "unit"
RECOGNITION: Final = "recognition"


class ConditionFailed(Exception):
    """A write was refused because conditions failed; `failed` names the items whose condition did."""

    def __init__(self, failed: frozenset[str]) -> None:
        super().__init__(f"conditions failed: {sorted(failed)}")
        self.failed = failed
