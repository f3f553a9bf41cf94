"""The in-memory application, person, attachment and audit stores."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from chalicelib.adapters import application_store
from chalicelib.adapters.dynamo import RawKey
from chalicelib.adapters.message_store import Staged
from chalicelib.adapters.models import Application, Attachment, AuditEvent, HistoryEntry, Person
from chalicelib.domain.applications import MAX_ATTACHMENTS
from chalicelib.domain.clock import sortable_china
from chalicelib.domain.identity import is_resource_id
from chalicelib.domain.regions import PROVINCE_CODE, shanxi
from tests.services.fake_db import Database, copy_of, descending, page_of, refuse_unless_clear

APPLICATION, PERSON, ATTACHMENT = application_store.APPLICATION, application_store.PERSON, application_store.ATTACHMENT


class FakeApplications:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, application_id: str) -> Application | None:
        found = self.db.applications.get(application_id) if is_resource_id(application_id) else None
        return copy_of(found)

    def snapshot(self, subject: str, attachment_ids: Sequence[str]) -> tuple[Person | None, dict[str, Attachment]]:
        wanted = [i for i in dict.fromkeys(attachment_ids) if is_resource_id(i)][:MAX_ATTACHMENTS]
        found = {i: copy_of(self.db.attachments[i]) for i in wanted if i in self.db.attachments}
        return copy_of(self.db.people.get(subject)), found

    def submit(
        self, application: Application, attachment_ids: Sequence[str], notice: Staged | None, *, at: datetime
    ) -> None:
        db, subject = self.db, application.applicant
        person = db.people.get(subject)
        failed = [PERSON] if person is not None and person.live_application_id is not None else []
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

    def move(
        self,
        application: Application,
        status: str,
        entry: HistoryEntry,
        *,
        release: bool,
        audit: AuditEvent | None = None,
        notice: Staged | None = None,
    ) -> None:
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
        refuse_unless_clear(failed)
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
            db.audit.append(copy_of(audit))
        db.deliver(notice)

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

    def batch_get(self, ids: Sequence[str]) -> dict[str, Attachment]:
        return {i: copy_of(self.db.attachments[i]) for i in dict.fromkeys(ids) if i in self.db.attachments}

    def put(self, attachment: Attachment) -> None:
        """Test set-up: an attachment as the upload flow leaves it."""
        self.db.attachments[attachment.attachment_id] = copy_of(attachment)


class FakeAudit:
    def __init__(self, db: Database) -> None:
        self.db = db

    def record(self, audit: AuditEvent) -> None:
        self.db.audit.append(copy_of(audit))
        self.logged(audit)

    def logged(self, audit: AuditEvent) -> None:
        self.db.logged.append(copy_of(audit))
