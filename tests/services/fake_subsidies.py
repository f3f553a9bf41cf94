"""The subsidy store in memory, with the real store's conditions and labels (tests/adapters holds both to them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from msgspec import structs

from chalicelib.domain.clock import china_month
from chalicelib.domain.regions import PROVINCE_CODE, scope_contains, shanxi
from chalicelib.domain.search_query import PageKey
from chalicelib.domain.statistics import claim_increments
from chalicelib.domain.subsidies import PAID, PUBLICISED, AttendanceRecord, ClaimRecord, ObjectionRecord, line_key
from chalicelib.ports.stores import Staged
from chalicelib.ports.subsidies import (
    ATTENDANCE,
    CLAIM,
    EXPORT,
    LINE,
    LOCKED,
    OBJECTION,
    RATE,
    ClaimPage,
    ExportRecord,
    PlacementMonths,
)
from tests.services.fake_db import Database, descending, page_of, refuse_unless_clear
from tests.services.fake_ratings import add_counts


@dataclass
class FakeSubsidies:
    db: Database
    attendances: dict[tuple[str, str], AttendanceRecord] = field(default_factory=dict)
    locks: dict[tuple[str, str], str] = field(default_factory=dict)  # (placement, month or "premium") -> claim
    claims: dict[str, ClaimRecord] = field(default_factory=dict)
    open_counts: dict[str, int] = field(default_factory=dict)  # the claim item's own open count
    objection_items: dict[tuple[str, str], ObjectionRecord] = field(default_factory=dict)
    day_counts: dict[str, int] = field(default_factory=dict)
    exports: dict[str, ExportRecord] = field(default_factory=dict)

    def months(self, placement_id: str) -> PlacementMonths:
        return PlacementMonths(self.attendance(placement_id), self.claimed_keys(placement_id))

    def attendance(self, placement_id: str) -> list[AttendanceRecord]:
        return [a for (pid, _), a in sorted(self.attendances.items()) if pid == placement_id]

    def claimed_keys(self, placement_id: str) -> dict[str, str]:
        return {key: claim for (pid, key), claim in sorted(self.locks.items()) if pid == placement_id}

    def put_attendance(self, record: AttendanceRecord, *, version_read: int | None) -> None:
        key = (record.placement_id, record.month)
        stored = self.attendances.get(key)
        failed = [LOCKED] if key in self.locks else []
        if (stored is None) != (version_read is None) or (stored is not None and stored.version != version_read):
            failed.append(ATTENDANCE)
        refuse_unless_clear(failed)
        self.attendances[key] = record

    def _notice_refusals(self, notice: Staged | None) -> list[str]:
        return self.db.notice_refusals(notice)

    def submit_claim(self, claim: ClaimRecord, notice: Staged | None) -> None:
        failed = [CLAIM] if claim.claim_id in self.claims else []
        for line in claim.lines:
            if (line.placement_id, line_key(line)) in self.locks:
                failed.append(LINE)
            if line.attendance_version is not None and line.month is not None:
                stored = self.attendances.get((line.placement_id, line.month))
                if stored is None or stored.version != line.attendance_version:
                    failed.append(ATTENDANCE)
        refuse_unless_clear([*failed, *self._notice_refusals(notice)])
        self.claims[claim.claim_id] = claim
        self.open_counts[claim.claim_id] = claim.open_objections
        for line in claim.lines:
            self.locks[(line.placement_id, line_key(line))] = claim.claim_id
        self.db.deliver(notice)
        self._count(None, claim)

    def get_claim(self, claim_id: str) -> ClaimRecord | None:
        claim = self.claims.get(claim_id)
        return None if claim is None else structs.replace(claim, open_objections=self.open_counts[claim_id])

    def _as_read(self, claim: ClaimRecord) -> bool:
        stored = self.claims.get(claim.claim_id)
        return (
            stored is not None
            and stored.version == claim.version
            and self.open_counts[claim.claim_id] == claim.open_objections
        )

    def move_claim(
        self, before: ClaimRecord, after: ClaimRecord, *, release: bool = False, notice: Staged | None = None
    ) -> None:
        failed = [] if self._as_read(before) else [CLAIM]
        if release:
            failed += [
                LINE for line in before.lines if self.locks.get((line.placement_id, line_key(line))) != before.claim_id
            ]
        refuse_unless_clear([*failed, *self._notice_refusals(notice)])
        self.claims[after.claim_id] = after
        self.open_counts[after.claim_id] = after.open_objections
        if release:
            for line in before.lines:
                del self.locks[(line.placement_id, line_key(line))]
        self.db.deliver(notice)
        self._count(before, after)

    def _count(self, before: ClaimRecord | None, after: ClaimRecord) -> None:
        """What subsidy_store._count adds with the claim's write (issue 23)."""
        moment = after.submitted_at if before is None else after.updated_at
        add_counts(self.db, after.county_code, china_month(moment), claim_increments(before, after))

    def _newest(self, keep: list[ClaimRecord], limit: int, start_key: PageKey | None) -> ClaimPage:
        ordered = sorted(((f"~{c.submitted_at.isoformat()}#{c.claim_id}", c) for c in keep), reverse=True)
        flipped = [(descending(key), claim) for key, claim in ordered]
        items, next_key = page_of(flipped, limit, start_key)
        return [self.get_claim(c.claim_id) or c for c in items], next_key

    def claims_of_unit(
        self, credit_code: str, *, status: str | None, limit: int, start_key: PageKey | None
    ) -> ClaimPage:
        keep = [c for c in self.claims.values() if c.credit_code == credit_code and status in (None, c.status)]
        return self._newest(keep, limit, start_key)

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
        def inside(c: ClaimRecord) -> bool:
            if county is not None:
                return c.county_code == county
            if region == PROVINCE_CODE or shanxi().city(region) is not None:
                return scope_contains(region, c.county_code)
            return c.county_code == region

        keep = [
            c
            for c in self.claims.values()
            if inside(c) and status in (None, c.status) and (month is None or c.submitted_at.strftime("%Y-%m") == month)
        ]
        return self._newest(keep, limit, start_key)

    def notices(self, *, city: str | None, county: str | None, limit: int, start_key: PageKey | None) -> ClaimPage:
        located = shanxi().locality(county) if county else None
        city_key = located.city_code if located is not None else city
        keep = [
            c
            for c in self.claims.values()
            if c.status in (PUBLICISED, PAID)
            and c.publicity_start is not None
            and (city_key is None or c.city_code == city_key)
            and (county is None or c.county_code == county)
        ]
        ordered = sorted(((f"{c.publicity_start}#{c.claim_id}", c) for c in keep), reverse=True)
        items, next_key = page_of([(descending(k), c) for k, c in ordered], limit, start_key)
        return [self.get_claim(c.claim_id) or c for c in items], next_key

    def add_objection(self, objection: ObjectionRecord, claim: ClaimRecord, *, day: str, limit: int) -> None:
        counter = f"{objection.phone}#{day}"
        failed = [OBJECTION] if (objection.claim_id, objection.objection_id) in self.objection_items else []
        if self.day_counts.get(counter, 0) >= limit:
            failed.append(RATE)
        stored = self.claims.get(claim.claim_id)
        if stored is None or stored.status != PUBLICISED:
            failed.append(CLAIM)
        refuse_unless_clear(failed)
        self.objection_items[(objection.claim_id, objection.objection_id)] = objection
        self.day_counts[counter] = self.day_counts.get(counter, 0) + 1
        self.open_counts[claim.claim_id] += 1

    def objections(self, claim_id: str) -> list[ObjectionRecord]:
        return [o for (cid, _), o in sorted(self.objection_items.items()) if cid == claim_id]

    def get_objection(self, claim_id: str, objection_id: str) -> ObjectionRecord | None:
        return self.objection_items.get((claim_id, objection_id))

    def resolve_objection(
        self, objection: ObjectionRecord, before: ClaimRecord, after: ClaimRecord, notice: Staged | None
    ) -> None:
        stored = self.objection_items.get((objection.claim_id, objection.objection_id))
        failed = [] if stored is not None and stored.status == "open" else [OBJECTION]
        failed += [] if self._as_read(before) else [CLAIM]
        refuse_unless_clear([*failed, *self._notice_refusals(notice)])
        self.objection_items[(objection.claim_id, objection.objection_id)] = objection
        self.claims[after.claim_id] = after
        self.open_counts[after.claim_id] = after.open_objections
        self.db.deliver(notice)
        self._count(before, after)

    def create_export(self, export: ExportRecord) -> None:
        refuse_unless_clear([EXPORT] if export.export_id in self.exports else [])
        self.exports[export.export_id] = export

    def get_export(self, export_id: str) -> ExportRecord | None:
        return self.exports.get(export_id)

    def finish_export(self, export: ExportRecord) -> None:
        self.exports[export.export_id] = export


class FakeExportFiles:
    """The bucket's export files, in the same `objects` the attachment fakes keep."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def export_key(self, export_id: str) -> str:
        return f"exports/{export_id}.xlsx"

    def put_file(self, key: str, path: Path, content_type: str) -> None:
        self.db.objects[key] = (path.read_bytes(), content_type, datetime.now(UTC))

    def download_url(self, key: str, filename: str, content_type: str) -> str:
        return f"https://bucket.example/{key}?filename={filename}&expires=300"
