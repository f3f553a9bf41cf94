"""What the unit use cases (services/unit*.py) ask of the units store, in domain values: a credit code, a region,
a status, a month. The store owns the keys and the conditions that hold a unit's rules (one live recognition,
the quota, one decision per recognition)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, Protocol

from msgspec import Struct

from chalicelib.domain.records import AuditRecord, HistoryRecord, RecognitionRecord, UnitRecord
from chalicelib.ports.stores import RawKey, Staged

RecognitionPage = tuple[Sequence[RecognitionRecord], RawKey | None]


class Move(Struct, frozen=True, kw_only=True):
    """A recognition leaving `from_status` for `status` (its history gains `entry`), and the unit with it."""

    from_status: str  # pending (withdraw, approve, reject) or recognised (revoke): the condition of the race
    status: str
    entry: HistoryRecord
    unit_status: str
    quota: int = 0  # the headcount the unit may hold from now on (0 unless recognised)
    recognised_at: str | None = None
    release: bool  # the recognition is no longer live: the unit may apply again, its attachments are free
    audit: AuditRecord | None = None
    notice: Staged | None = None  # the message (and text) to the unit, written with the move


class UnitStore(Protocol):
    def get(self, credit_code: str) -> UnitRecord | None:
        """The unit's item, read consistently (its quota and status decide what the next write may do)."""
        ...

    def new_recognition(self, recognition_id: str, **fields: Any) -> RecognitionRecord: ...
    def history_entry(self, status: str, at: str, actor: str, comment: str | None) -> HistoryRecord: ...
    def get_recognition(self, recognition_id: str) -> RecognitionRecord | None: ...
    def submit(self, recognition: RecognitionRecord, status_before: str | None, *, at: datetime) -> None:
        """ConditionFailed UNIT while another recognition is live; ATTACHMENT if one is not the unit's to use."""
        ...

    def move(self, recognition: RecognitionRecord, move: Move, *, at: str) -> RecognitionRecord:
        """ConditionFailed RECOGNITION (or UNIT) when it was moved meanwhile: the other move won."""
        ...

    def history(self, credit_code: str, *, limit: int, start_key: RawKey | None) -> RecognitionPage: ...
    def new_unit(self, credit_code: str, **fields: Any) -> UnitRecord: ...
    def bulk_load(self, items: Iterable[tuple[UnitRecord, RecognitionRecord]]) -> int:
        """Seed units with batch writes (demo data): never a request path."""
        ...

    def queue(
        self,
        region: str,
        *,
        county: str | None,
        status: str | None,
        month: str | None,
        limit: int,
        start_key: RawKey | None,
    ) -> RecognitionPage: ...
