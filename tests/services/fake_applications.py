"""The in-memory application, person, attachment and audit stores."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from chalicelib.adapters import application_store, attachment_store, audit_store
from chalicelib.adapters.dynamo import own
from chalicelib.adapters.models import Application, Attachment, AuditEvent, HistoryEntry, Person
from chalicelib.domain.applications import MAX_ATTACHMENTS
from chalicelib.domain.clock import china_month, sortable_china
from chalicelib.domain.identity import is_resource_id
from chalicelib.domain.principal import Principal
from chalicelib.domain.records import ApplicationRecord, AttachmentRecord, AuditRecord, HistoryRecord
from chalicelib.domain.regions import PROVINCE_CODE, shanxi
from chalicelib.ports.conditions import APPLICATION, ATTACHMENT, PERSON
from chalicelib.ports.stores import RawKey, Staged
from tests.services.fake_db import Database, copy_of, descending, page_of, refuse_unless_clear
from tests.services.fake_ratings import add_counts  # issue 23


class FakeApplications:
    def __init__(self, db: Database) -> None:
        self.db = db

    # Records are made as the real store makes them (pure constructors: no I/O).
    new = staticmethod(application_store.new)
    history_entry = staticmethod(application_store.history_entry)

    def get(self, application_id: str) -> Application | None:
        found = self.db.applications.get(application_id) if is_resource_id(application_id) else None
        return copy_of(found)

    def snapshot(self, subject: str, attachment_ids: Sequence[str]) -> tuple[Person | None, dict[str, Attachment]]:
        wanted = [i for i in dict.fromkeys(attachment_ids) if is_resource_id(i)][:MAX_ATTACHMENTS]
        found = {i: copy_of(self.db.attachments[i]) for i in wanted if i in self.db.attachments}
        return copy_of(self.db.people.get(subject)), found

    def submit(
        self, record: ApplicationRecord, attachment_ids: Sequence[str], notice: Staged | None, *, at: datetime
    ) -> None:
        application = own(record, Application)
        db, subject = self.db, application.applicant
        person = db.people.get(subject)
        failed = [PERSON] if person is not None and person.live_application_id is not None else []
        failed += db.notice_refusals(notice)
        if application.application_id in db.applications:
            failed.append(APPLICATION)
        for attachment_id in attachment_ids:
            attachment = db.attachments.get(attachment_id)
            if (
                attachment is None
                or attachment.owner != subject
                or attachment.status != "uploaded"
                or attachment.in_use_by is not None
            ):
                failed.append(ATTACHMENT)
        refuse_unless_clear(failed)
        person = db.person(subject)
        person.live_application_id, person.live_status = application.application_id, "pending"
        person.locality = application.locality
        db.applications[application.application_id] = copy_of(application)
        db.ranks[application.application_id] = f"{sortable_china(at)}#{application.application_id}"
        for attachment_id in attachment_ids:
            db.attachments[attachment_id].in_use_by = application.application_id
        db.deliver(notice)
        add_counts(db, application.locality, china_month(at), {"applications.submitted": 1})  # issue 23

    def move(
        self,
        record: ApplicationRecord,
        status: str,
        moved: HistoryRecord,
        *,
        release: bool,
        audit: AuditRecord | None = None,
        notice: Staged | None = None,
    ) -> Application:
        application, entry = own(record, Application), own(moved, HistoryEntry)
        db, application_id = self.db, application.application_id
        stored = db.applications.get(application_id)
        person = db.people.get(application.applicant)
        failed = [] if stored is not None and stored.status == "pending" else [APPLICATION]
        if person is None or person.live_application_id != application_id:
            failed.append(PERSON)
        if release:
            for attachment_id in application.attachment_ids:
                attachment = db.attachments.get(attachment_id)
                if attachment is None or attachment.in_use_by != application_id:
                    failed.append(ATTACHMENT)
        refuse_unless_clear(failed + db.notice_refusals(notice))
        assert stored is not None and person is not None
        stored.status = status
        stored.history = [*stored.history, copy_of(entry)]
        if release:
            person.live_application_id = person.live_status = person.locality = None
            for attachment_id in application.attachment_ids:
                db.attachments[attachment_id].in_use_by = None
        else:
            person.live_status = status
        if audit is not None:
            db.audit.append(copy_of(own(audit, AuditEvent)))
        db.deliver(notice)
        add_counts(db, application.locality, entry.at[:7], {f"applications.{status}": 1})  # issue 23
        return copy_of(stored)

    def cases_of(
        self, subject: str, *, status: str | None, month: str | None, limit: int, start_key: RawKey | None
    ) -> tuple[list[Application], RawKey | None]:
        return self._newest_first(lambda a: a.applicant == subject, status, month, limit, start_key)

    def queue(
        self,
        region: str,
        *,
        county: str | None,
        status: str | None,
        month: str | None,
        limit: int,
        start_key: RawKey | None,
    ) -> tuple[list[Application], RawKey | None]:
        def in_queue(application: Application) -> bool:
            if county is not None:
                return application.locality == county
            if region == PROVINCE_CODE:
                return True
            if shanxi().city(region) is not None:
                return application.city_code == region
            return application.locality == region

        return self._newest_first(in_queue, status, month, limit, start_key)

    def _newest_first(
        self,
        chosen: Callable[[Application], bool],
        status: str | None,
        month: str | None,
        limit: int,
        start_key: RawKey | None,
    ) -> tuple[list[Application], RawKey | None]:
        # Newest first: sorted by the inverted rank, so "after the last key" is the same test as for any page.
        found = [
            (descending(self.db.ranks[i]), copy_of(a))
            for i, a in self.db.applications.items()
            if chosen(a) and (status is None or a.status == status) and (month is None or a.month == month)
        ]
        return page_of(sorted(found, key=lambda pair: pair[0]), limit, start_key)


class FakePeople:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, subject: str) -> Person | None:
        return copy_of(self.db.people.get(subject))


class FakeAttachments:
    def __init__(self, db: Database) -> None:
        self.db = db

    new = staticmethod(attachment_store.new)

    def get(self, attachment_id: str) -> Attachment | None:
        return copy_of(self.db.attachments.get(attachment_id)) if is_resource_id(attachment_id) else None

    def batch_get(self, ids: Sequence[str]) -> dict[str, Attachment]:
        return {i: copy_of(self.db.attachments[i]) for i in dict.fromkeys(ids) if i in self.db.attachments}

    def create(self, record: AttachmentRecord) -> None:
        self.db.attachments[record.attachment_id] = copy_of(own(record, Attachment))

    def put(self, attachment: Attachment) -> None:
        """Test set-up: an attachment as the upload flow leaves it."""
        self.db.attachments[attachment.attachment_id] = copy_of(attachment)

    def _update(self, record: AttachmentRecord, allowed: bool, **changes: Any) -> None:
        """A conditional update that, like PynamoDB's, refreshes the caller's record with what is stored."""
        refuse_unless_clear([] if allowed else [ATTACHMENT])
        stored = self.db.attachments[record.attachment_id]
        for name, value in changes.items():
            setattr(stored, name, value)
        mine = own(record, Attachment)
        for name in stored.get_attributes():
            setattr(mine, name, copy_of(getattr(stored, name)))

    def mark_uploaded(self, record: AttachmentRecord, size: int, object_key: str) -> None:
        stored = self.db.attachments.get(record.attachment_id)
        allowed = stored is not None and stored.status == "awaiting_upload"
        self._update(record, allowed, status="uploaded", size=size, object_key=object_key, expires_at=None)

    def mark_deleting(self, record: AttachmentRecord, expires_at: datetime) -> None:
        stored = self.db.attachments.get(record.attachment_id)
        allowed = stored is not None and stored.in_use_by is None
        self._update(record, allowed, status="deleting", expires_at=expires_at)

    def delete_record(self, record: AttachmentRecord) -> None:
        stored = self.db.attachments.get(record.attachment_id)
        if stored is not None and stored.status == "deleting":  # a parallel DELETE that got here first: no error
            del self.db.attachments[record.attachment_id]


class FakeAudit:
    def __init__(self, db: Database) -> None:
        self.db = db

    def event(self, principal: Principal, application_id: str, action: str, outcome: str, now: datetime) -> AuditEvent:
        return audit_store.event(principal, application_id, action, outcome, now)

    def record(self, audit: AuditRecord) -> None:
        self.db.audit.append(copy_of(own(audit, AuditEvent)))
        self.logged(audit)

    def logged(self, audit: AuditRecord) -> None:
        self.db.logged.append(copy_of(own(audit, AuditEvent)))
