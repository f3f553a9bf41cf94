"""The subsidy's store (考勤, claims, 公示 objections, export jobs), in domain values.

Records are the Structs of chalicelib/domain/subsidies.py; the store owns keys and indexes. Each invariant is a
condition, and a refused write raises `ConditionFailed` naming the labels below:
- a (placement, month) or a placement's premium is claimed once ever: one lock item per claim line, put only if
  absent, in the claim's transaction (LINE); a rejection deletes them, so the lines may be claimed again;
- a month's 考勤 cannot change once a claim holds its lock (LOCKED), nor change under a claim being made from it
  (ATTENDANCE: the version read);
- a claim moves only from the version read (CLAIM);
- at most `limit` objections per phone per China day: a counter with a condition (RATE).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Final, Protocol

from msgspec import Struct

from chalicelib.domain.search_query import PageKey
from chalicelib.domain.subsidies import AttendanceRecord, ClaimRecord, ObjectionRecord
from chalicelib.ports.stores import Staged

CLAIM: Final = "claim"
LINE: Final = "claim line"
LOCKED: Final = "claimed month"
ATTENDANCE: Final = "attendance"
RATE: Final = "objections of the day"
OBJECTION: Final = "objection"
EXPORT: Final = "export"

ClaimPage = tuple[Sequence[ClaimRecord], PageKey | None]


class ExportRecord(Struct, frozen=True, kw_only=True):
    """A 花名册 export job: asked by a staff member, written to the bucket by the job."""

    export_id: str
    kind: str
    requested_by: str
    region: str
    county: str | None
    date_from: str
    date_to: str
    status: str  # pending, ready, failed
    object_key: str | None = None
    rows: int | None = None
    created_at: str
    finished_at: str | None = None


class PlacementMonths(Struct, frozen=True):
    """A placement's 考勤, oldest month first, and its claimed lines (month or "premium" -> the claim)."""

    attendance: Sequence[AttendanceRecord]
    claimed: dict[str, str]


class SubsidyStore(Protocol):
    def months(self, placement_id: str) -> PlacementMonths:
        """Both, from one Query of the placement's items."""
        ...

    def attendance(self, placement_id: str) -> Sequence[AttendanceRecord]:
        """A placement's months, oldest first (one Query)."""
        ...

    def claimed_keys(self, placement_id: str) -> dict[str, str]:
        """The placement's claimed lines: month (or "premium") -> the claim holding it (same Query)."""
        ...

    def put_attendance(self, record: AttendanceRecord, *, version_read: int | None) -> None:
        """Write a month unless a claim holds it (LOCKED) or it changed since read (ATTENDANCE)."""
        ...

    def submit_claim(self, claim: ClaimRecord, notice: Staged | None) -> None:
        """The claim, a lock per line (LINE), each month's attendance as read (ATTENDANCE), and the notice."""
        ...

    def get_claim(self, claim_id: str) -> ClaimRecord | None: ...
    def move_claim(
        self, before: ClaimRecord, after: ClaimRecord, *, release: bool = False, notice: Staged | None = None
    ) -> None:
        """Replace the claim from the version read (CLAIM); `release`: delete its line locks with it."""
        ...

    def claims_of_unit(
        self, credit_code: str, *, status: str | None, limit: int, start_key: PageKey | None
    ) -> ClaimPage: ...
    def claims_of_region(
        self,
        region: str,
        *,
        county: str | None,
        status: str | None,
        month: str | None,
        limit: int,
        start_key: PageKey | None,
    ) -> ClaimPage:
        """Claims of a province, city or county (the staff scope), newest first; `month` is the 申领月份."""
        ...

    def notices(self, *, city: str | None, county: str | None, limit: int, start_key: PageKey | None) -> ClaimPage:
        """Claims that went to 公示 (publicised or paid), the latest 公示 first."""
        ...

    def add_objection(self, objection: ObjectionRecord, claim: ClaimRecord, *, day: str, limit: int) -> None:
        """The objection, the phone's count of the day (RATE) and the claim's open count (CLAIM: still publicised)."""
        ...

    def objections(self, claim_id: str) -> Sequence[ObjectionRecord]: ...
    def get_objection(self, claim_id: str, objection_id: str) -> ObjectionRecord | None: ...
    def resolve_objection(
        self, objection: ObjectionRecord, before: ClaimRecord, after: ClaimRecord, notice: Staged | None
    ) -> None:
        """The objection from open (OBJECTION) and the claim from the version read (CLAIM), together."""
        ...

    def create_export(self, export: ExportRecord) -> None: ...
    def get_export(self, export_id: str) -> ExportRecord | None: ...
    def finish_export(self, export: ExportRecord) -> None: ...


class ExportFiles(Protocol):
    """Where export files go: the bucket's `exports/` prefix (a lifecycle rule removes them), and their links."""

    def export_key(self, export_id: str) -> str: ...
    def put_file(self, key: str, path: Path, content_type: str) -> None: ...
    def download_url(self, key: str, filename: str, content_type: str) -> str:
        """A presigned GET, valid for 5 minutes."""
        ...
