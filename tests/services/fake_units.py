"""The in-memory units store, with the real store's conditions (adapters/unit_store.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from chalicelib.adapters import unit_store
from chalicelib.adapters.dynamo import own
from chalicelib.adapters.models import AuditEvent, HistoryEntry, Recognition, Unit
from chalicelib.domain.clock import sortable_china
from chalicelib.domain.identity import is_resource_id
from chalicelib.domain.principal import unit_account
from chalicelib.domain.records import RecognitionRecord, UnitRecord
from chalicelib.domain.regions import scope_contains
from chalicelib.domain.units import Hold
from chalicelib.ports.conditions import ATTACHMENT, RECOGNITION, UNIT
from chalicelib.ports.stores import RawKey
from chalicelib.ports.units import Move
from tests.services.fake_db import Database, copy_of, descending, page_of, refuse_unless_clear
from tests.services.fake_ratings import add_counts


def hold_refusals(db: Database, hold: Hold | None) -> list[str]:
    """Taking headcount needs a recognised unit with that much quota left; giving it back, only the unit."""
    if hold is None or hold.headcount == 0:
        return []
    unit = db.units.get(hold.credit_code)
    if unit is None:
        return [UNIT]
    if hold.headcount > 0 and (unit.status != "recognised" or (unit.quota_left or 0) < hold.headcount):
        return [UNIT]
    return []


def move_hold(db: Database, hold: Hold | None) -> None:
    if hold is None or hold.headcount == 0:
        return
    unit = db.units[hold.credit_code]
    unit.quota_used = (unit.quota_used or 0) + hold.headcount
    unit.quota_left = (unit.quota_left or 0) - hold.headcount


class FakeUnits:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, credit_code: str) -> Unit | None:
        return copy_of(self.db.units.get(credit_code))

    new_recognition = staticmethod(unit_store.new_recognition)
    history_entry = staticmethod(unit_store.history_entry)

    def get_recognition(self, recognition_id: str) -> Recognition | None:
        return copy_of(self.db.recognitions.get(recognition_id)) if is_resource_id(recognition_id) else None

    def submit(self, record: RecognitionRecord, status_before: str | None, *, at: datetime) -> None:
        recognition = own(record, Recognition)
        db, code = self.db, recognition.credit_code
        unit = db.units.get(code)
        failed = [UNIT] if unit is not None and unit.live_recognition_id is not None else []
        if recognition.recognition_id in db.recognitions:
            failed.append(RECOGNITION)
        for attachment_id in recognition.attachment_ids:
            attachment = db.attachments.get(attachment_id)
            if (
                attachment is None
                or attachment.owner != unit_account(code)
                or attachment.status != "uploaded"
                or attachment.in_use_by is not None
            ):
                failed.append(ATTACHMENT)
        refuse_unless_clear(failed)
        unit = db.units.setdefault(code, Unit(code, org_name=recognition.org_name, status="pending"))
        unit.org_name, unit.status, unit.status_before = recognition.org_name, "pending", status_before
        unit.county_code, unit.city_code = recognition.county_code, recognition.city_code
        unit.insured_staff, unit.contact_phone = recognition.insured_staff, recognition.contact_phone
        unit.live_recognition_id = unit.latest_recognition_id = recognition.recognition_id
        unit.updated_at = recognition.submitted_at
        unit.quota_used, unit.quota_left = unit.quota_used or 0, unit.quota_left or 0
        recognition.rank = f"{sortable_china(at)}#{recognition.recognition_id}"
        db.recognitions[recognition.recognition_id] = copy_of(recognition)
        for attachment_id in recognition.attachment_ids:
            db.attachments[attachment_id].in_use_by = recognition.recognition_id

    def move(self, record: RecognitionRecord, change: Move, *, at: str) -> Recognition:
        recognition, entry = own(record, Recognition), own(change.entry, HistoryEntry)
        db, recognition_id = self.db, recognition.recognition_id
        stored, unit = db.recognitions.get(recognition_id), db.units.get(recognition.credit_code)
        failed = [] if stored is not None and stored.status == change.from_status else [RECOGNITION]
        if unit is None or unit.live_recognition_id != recognition_id:
            failed.append(UNIT)
        if change.release:
            for attachment_id in recognition.attachment_ids:
                attachment = db.attachments.get(attachment_id)
                if attachment is None or attachment.in_use_by != recognition_id:
                    failed.append(ATTACHMENT)
        refuse_unless_clear(failed + db.notice_refusals(change.notice))
        assert stored is not None and unit is not None
        stored.status = change.status
        stored.history = [*stored.history, copy_of(entry)]
        unit.status, unit.status_before, unit.updated_at = change.unit_status, None, at
        unit.quota_left = change.quota - (unit.quota_used or 0)
        if change.status == "recognised":
            unit.position_quota, unit.insured_staff = change.quota, recognition.insured_staff
            unit.recognised_at = change.recognised_at or at
            add_counts(db, recognition.county_code, at[:7], {"units.recognised": 1})  # as unit_store.move
        if change.release:
            unit.live_recognition_id = None
            for attachment_id in recognition.attachment_ids:
                db.attachments[attachment_id].in_use_by = None
        if change.audit is not None:
            db.audit.append(copy_of(own(change.audit, AuditEvent)))
        db.deliver(change.notice)
        return copy_of(stored)

    def history(
        self, credit_code: str, *, limit: int, start_key: RawKey | None
    ) -> tuple[list[Recognition], RawKey | None]:
        return self._newest_first(lambda r: r.credit_code == credit_code, None, None, limit, start_key)

    def queue(
        self,
        region: str,
        *,
        county: str | None,
        status: str | None,
        month: str | None,
        limit: int,
        start_key: RawKey | None,
    ) -> tuple[list[Recognition], RawKey | None]:
        area = county or region
        return self._newest_first(lambda r: scope_contains(area, r.county_code), status, month, limit, start_key)

    def _newest_first(
        self,
        chosen: Callable[[Recognition], bool],
        status: str | None,
        month: str | None,
        limit: int,
        start_key: RawKey | None,
    ) -> tuple[list[Recognition], RawKey | None]:
        found = [
            (descending(r.rank), copy_of(r))
            for r in self.db.recognitions.values()
            if chosen(r) and (status is None or r.status == status) and (month is None or r.month == month)
        ]
        return page_of(sorted(found, key=lambda pair: pair[0]), limit, start_key)

    new_unit = staticmethod(unit_store.new_unit)

    def bulk_load(self, items: Iterable[tuple[UnitRecord, RecognitionRecord]]) -> int:
        loaded = 0
        for unit, recognition in items:
            made = own(recognition, Recognition)
            made.rank = f"{made.submitted_at}#{made.recognition_id}"
            self.db.units[unit.credit_code] = copy_of(own(unit, Unit))
            self.db.recognitions[made.recognition_id] = copy_of(made)
            loaded += 1
        return loaded
