"""Applications, the per-person lock and the attachments they hold, moved together in transactions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from pynamodb.exceptions import TransactGetError
from pynamodb.expressions.condition import Condition
from pynamodb.models import Model
from pynamodb.transactions import TransactGet

from chalicelib.adapters import models
from chalicelib.adapters.dynamo import (
    RETRYABLE_REASONS,
    RawKey,
    Transaction,
    bounded_page,
    connection,
    found,
    own,
    transact,
)
from chalicelib.adapters.message_store import staged
from chalicelib.adapters.models import Application, Attachment, AuditEvent, HistoryEntry, Person
from chalicelib.adapters.statistics_counters import count_in  # issue 23
from chalicelib.domain.applications import MAX_ATTACHMENTS
from chalicelib.domain.clock import china_month, sortable_china
from chalicelib.domain.identity import is_resource_id
from chalicelib.domain.records import ApplicationRecord, AuditRecord, HistoryRecord
from chalicelib.domain.regions import PROVINCE_CODE, shanxi
from chalicelib.errors import SERVICE_BUSY
from chalicelib.ports.conditions import APPLICATION, ATTACHMENT, PERSON
from chalicelib.ports.stores import Staged

_SNAPSHOT_ATTEMPTS = 3


def new(application_id: str, **fields: Any) -> Application:
    return Application(application_id, **fields)


def history_entry(status: str, at: str, actor: str, comment: str | None) -> HistoryEntry:
    return models.history_entry(status, at, actor, comment)


def get(application_id: str) -> Application | None:
    if not is_resource_id(application_id):
        return None
    return found(Application, application_id)


def _found(future: Any) -> Any:  # a pynamodb _ModelFuture (not exported)
    try:
        return future.get()
    except Model.DoesNotExist:
        return None


def snapshot(subject: str, attachment_ids: Sequence[str]) -> tuple[Person | None, dict[str, Attachment]]:
    """The person's live-application lock and the named attachments, read at one instant (TransactGetItems).

    Read apart, a duplicate submit could see the winner's claim on the attachments but not yet its lock, and
    tell the person their files belong to "another application". One snapshot sees both or neither.
    """
    wanted = [i for i in dict.fromkeys(attachment_ids) if is_resource_id(i)][:MAX_ATTACHMENTS]
    for attempt in range(_SNAPSHOT_ATTEMPTS):
        try:
            with TransactGet(connection=connection()) as tx:
                person = tx.get(Person, subject)
                attachments = {i: tx.get(Attachment, i) for i in wanted}
            break
        except TransactGetError as error:
            # A write transaction held one of the items: read again; anything else is not ours to hide.
            if not any(r is not None and r.code in RETRYABLE_REASONS for r in error.cancellation_reasons):
                raise
            if attempt == _SNAPSHOT_ATTEMPTS - 1:
                raise SERVICE_BUSY() from error
    found = {i: _found(f) for i, f in attachments.items()}
    return _found(person), {i: a for i, a in found.items() if a is not None}


def submit(record: ApplicationRecord, attachment_ids: Sequence[str], notice: Staged | None, *, at: datetime) -> None:
    """One transaction: take the person's live-application lock, write the case, claim each attachment.

    Parallel submits by one person race on the lock; exactly one wins. An attachment is claimed only if it is
    the person's own, uploaded, and not claimed by another live application. `at` is when it was submitted.
    """
    connection()
    application = own(record, Application)
    application.locality_status, application.city_status = _status_keys(application, application.status)
    # Sorts newest first to the microsecond, and begins with the China month the case is filed under.
    application.rank = f"{sortable_china(at)}#{application.application_id}"

    def build(tx: Transaction) -> None:
        tx.update(
            PERSON,
            Person(application.applicant),
            actions=[
                Person.live_application_id.set(application.application_id),
                Person.live_status.set("pending"),
                Person.locality.set(application.locality),
                *staged(tx, notice),
            ],
            condition=Person.live_application_id.does_not_exist(),
        )
        tx.save(APPLICATION, application, condition=Application.application_id.does_not_exist())
        for attachment_id in attachment_ids:
            tx.update(
                ATTACHMENT,
                Attachment(attachment_id),
                actions=[Attachment.in_use_by.set(application.application_id)],
                condition=(Attachment.owner == application.applicant)
                & (Attachment.status == "uploaded")
                & Attachment.in_use_by.does_not_exist(),
            )
        # issue 23: counted with the event (统计分析), in the month it happened (China time)
        count_in(tx, application.locality, china_month(at), {"applications.submitted": 1})

    transact(build)


def _status_keys(application: Application, status: str) -> tuple[str, str]:
    """The queue indexes' (locality, city) status keys, denormalised on the case and rewritten with every move."""
    return f"{application.locality}#{status}", f"{application.city_code}#{status}"


def _status_actions(application: Application, status: str, entry: HistoryEntry) -> list[Any]:
    locality_status, city_status = _status_keys(application, status)
    return [
        Application.status.set(status),
        Application.locality_status.set(locality_status),
        Application.city_status.set(city_status),
        Application.history.set(Application.history.append([entry])),
    ]


def move(
    record: ApplicationRecord,
    status: str,
    moved: HistoryRecord,
    *,
    release: bool,
    audit: AuditRecord | None = None,
    notice: Staged | None = None,
) -> Application:
    """pending -> status, in one transaction with the person's lock and the attachments.

    The application's condition `status = pending` is what makes a withdrawal and a review racing each other
    end with exactly one winner. `release` ends the live application (withdrawn, rejected): the lock is freed
    and the attachments can be used again; approval keeps both.
    """
    connection()
    application, entry = own(record, Application), own(moved, HistoryEntry)
    application_id = application.application_id

    def build(tx: Transaction) -> None:
        tx.update(
            APPLICATION,
            application,
            actions=_status_actions(application, status, entry),
            condition=Application.status == "pending",
        )
        person = Person(application.applicant)
        same_case: Condition = Person.live_application_id == application_id
        if release:
            tx.update(
                PERSON,
                person,
                actions=[
                    Person.live_application_id.remove(),
                    Person.live_status.remove(),
                    Person.locality.remove(),
                    *staged(tx, notice),
                ],
                condition=same_case,
            )
            for attachment_id in application.attachment_ids:
                tx.update(
                    ATTACHMENT,
                    Attachment(attachment_id),
                    actions=[Attachment.in_use_by.remove()],
                    condition=Attachment.in_use_by == application_id,
                )
        else:
            tx.update(
                PERSON, person, actions=[Person.live_status.set(status), *staged(tx, notice)], condition=same_case
            )
        if audit is not None:
            tx.save("audit", own(audit, AuditEvent), AuditEvent.at_event.does_not_exist())  # append-only (audit_store)
        # issue 23: counted with the move, in the China month of its history entry (`at` is China time)
        count_in(tx, application.locality, entry.at[:7], {f"applications.{status}": 1})

    transact(build)
    application.status = status
    application.history = [*application.history, entry]
    return application


def cases_of(
    subject: str, *, status: str | None, month: str | None, limit: int, start_key: RawKey | None
) -> tuple[list[Application], RawKey | None]:
    """A person's cases, newest first: one Query of the applicant index (a status is a filter on it)."""
    return _page(Application.by_applicant, subject, month=month, status=status, limit=limit, start_key=start_key)


def queue(
    region: str,
    *,
    county: str | None,
    status: str | None,
    month: str | None,
    limit: int,
    start_key: RawKey | None,
) -> tuple[list[Application], RawKey | None]:
    """The review queue of a region (the province, a city, or one county-level entry), or of one county in it,
    newest first, optionally of one status: one Query of the index keyed for exactly that."""
    index, key = _queue_index(region, county, status)
    return _page(index, key, month=month, status=None, limit=limit, start_key=start_key)


def _queue_index(region: str, county: str | None, status: str | None) -> tuple[Any, str]:
    if county is None and region == PROVINCE_CODE:
        return (Application.queue_province_status, status) if status else (Application.queue_province, region)
    if county is None and shanxi().city(region) is not None:
        return (Application.queue_city_status, f"{region}#{status}") if status else (Application.queue_city, region)
    locality = county or region
    return (Application.queue_county_status, f"{locality}#{status}") if status else (Application.queue_county, locality)


def _page(
    index: Any, hash_key: str, *, month: str | None, status: str | None, limit: int, start_key: RawKey | None
) -> tuple[list[Application], RawKey | None]:
    """One page of an index, newest first; the month (China time) is a prefix of the sort key."""
    connection()
    range_condition = Application.rank.startswith(month) if month else None
    filter_condition = (Application.status == status) if status else None
    results = index.query(
        hash_key,
        range_key_condition=range_condition,
        filter_condition=filter_condition,
        scan_index_forward=False,
        last_evaluated_key=start_key,
    )
    page = bounded_page(results, limit=limit)
    return [Application.from_raw_data(raw) for raw in page.items], page.next_key
