"""Units and their recognitions (认定申请) in DynamoDB, moved together in transactions.

The unit's item holds the rules: `live_recognition_id` exists exactly while a recognition is pending or the unit
is recognised (a second application is refused by its condition), and every decision is conditional on the
recognition's status (two reviewers deciding at once: one wins). The quota's guard is `quota_left`
(adapters/position_store.py takes and gives back headcount): kept equal to the quota less `quota_used` while
recognised and to `-quota_used` otherwise, so only a recognised unit can take any.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from chalicelib.adapters import models
from chalicelib.adapters.dynamo import RawKey, Transaction, bounded_page, connection, found, own, transact
from chalicelib.adapters.message_store import staged
from chalicelib.adapters.models import Attachment, AuditEvent, HistoryEntry, Person, Recognition, Unit
from chalicelib.adapters.statistics_counters import count_in  # issue 23
from chalicelib.domain.clock import sortable_china
from chalicelib.domain.credit_code import is_valid_credit_code
from chalicelib.domain.identity import is_resource_id
from chalicelib.domain.principal import unit_account
from chalicelib.domain.records import RecognitionRecord, UnitRecord
from chalicelib.domain.regions import PROVINCE_CODE, shanxi
from chalicelib.ports.conditions import ATTACHMENT, PERSON, RECOGNITION, UNIT
from chalicelib.ports.units import Move


def new_recognition(recognition_id: str, **fields: Any) -> Recognition:
    return Recognition(recognition_id, **fields)


def history_entry(status: str, at: str, actor: str, comment: str | None) -> HistoryEntry:
    return models.history_entry(status, at, actor, comment)


def get(credit_code: str) -> Unit | None:
    if not is_valid_credit_code(credit_code):
        return None  # never a key DynamoDB would refuse
    return found(Unit, credit_code)


def get_recognition(recognition_id: str) -> Recognition | None:
    if not is_resource_id(recognition_id):
        return None
    return found(Recognition, recognition_id)


def _status_keys(recognition: Recognition, status: str) -> tuple[str, str]:
    return f"{recognition.county_code}#{status}", f"{recognition.city_code}#{status}"


def submit(record: RecognitionRecord, status_before: str | None, *, at: datetime) -> None:
    """One transaction: the unit's live-recognition lock, the recognition, a claim on each attachment."""
    connection()
    recognition = own(record, Recognition)
    recognition.county_status, recognition.city_status = _status_keys(recognition, recognition.status)
    recognition.rank = f"{sortable_china(at)}#{recognition.recognition_id}"
    owner = unit_account(recognition.credit_code)
    actions = [
        Unit.org_name.set(recognition.org_name),
        Unit.status.set("pending"),
        Unit.status_before.set(status_before) if status_before else Unit.status_before.remove(),
        Unit.county_code.set(recognition.county_code),
        Unit.city_code.set(recognition.city_code),
        Unit.insured_staff.set(recognition.insured_staff),
        Unit.contact_phone.set(recognition.contact_phone),
        Unit.live_recognition_id.set(recognition.recognition_id),
        Unit.latest_recognition_id.set(recognition.recognition_id),
        Unit.updated_at.set(recognition.submitted_at),
        # A new item starts its counters at 0 (an update writes no defaults); `move` computes from them.
        Unit.quota_used.set(Unit.quota_used | 0),
        Unit.quota_left.set(Unit.quota_left | 0),
    ]

    def build(tx: Transaction) -> None:
        tx.update(
            UNIT, Unit(recognition.credit_code), actions=actions, condition=Unit.live_recognition_id.does_not_exist()
        )
        tx.save(RECOGNITION, recognition, condition=Recognition.recognition_id.does_not_exist())
        for attachment_id in recognition.attachment_ids:
            tx.update(
                ATTACHMENT,
                Attachment(attachment_id),
                actions=[Attachment.in_use_by.set(recognition.recognition_id)],
                condition=(Attachment.owner == owner)
                & (Attachment.status == "uploaded")
                & Attachment.in_use_by.does_not_exist(),
            )

    transact(build)


def move(record: RecognitionRecord, change: Move, *, at: str) -> Recognition:
    """from_status -> status, in one transaction with the unit's item, its attachments and its message."""
    connection()
    recognition, entry = own(record, Recognition), own(change.entry, HistoryEntry)
    recognition_id = recognition.recognition_id
    county_status, city_status = _status_keys(recognition, change.status)
    unit_actions: list[Any] = [
        Unit.status.set(change.unit_status),
        Unit.status_before.remove(),
        Unit.quota_left.set(change.quota - Unit.quota_used),  # the quota less what its positions hold
        Unit.updated_at.set(at),
    ]
    if change.status == "recognised":
        unit_actions += [
            Unit.position_quota.set(change.quota),
            Unit.insured_staff.set(recognition.insured_staff),
            Unit.recognised_at.set(change.recognised_at or at),
        ]
    if change.release:
        unit_actions.append(Unit.live_recognition_id.remove())

    def build(tx: Transaction) -> None:
        tx.update(
            RECOGNITION,
            recognition,
            actions=[
                Recognition.status.set(change.status),
                Recognition.county_status.set(county_status),
                Recognition.city_status.set(city_status),
                Recognition.history.set(Recognition.history.append([entry])),
            ],
            condition=Recognition.status == change.from_status,
        )
        tx.update(
            UNIT,
            Unit(recognition.credit_code),
            actions=unit_actions,
            condition=Unit.live_recognition_id == recognition_id,
        )
        if change.release:
            for attachment_id in recognition.attachment_ids:
                tx.update(
                    ATTACHMENT,
                    Attachment(attachment_id),
                    actions=[Attachment.in_use_by.remove()],
                    condition=Attachment.in_use_by == recognition_id,
                )
        if change.notice is not None:
            tx.update(PERSON, Person(change.notice.message.subject), actions=staged(tx, change.notice))
        if change.audit is not None:
            tx.save("audit", own(change.audit, AuditEvent), AuditEvent.at_event.does_not_exist())  # append-only
        if change.status == "recognised":  # issue 23: 认定 counted with the decision, in its China month
            count_in(tx, recognition.county_code, at[:7], {"units.recognised": 1})

    transact(build)
    recognition.status = change.status
    recognition.history = [*recognition.history, entry]
    return recognition


def history(credit_code: str, *, limit: int, start_key: RawKey | None) -> tuple[list[Recognition], RawKey | None]:
    """A unit's 办件, newest first: one Query of its index."""
    return _page(Recognition.by_unit, credit_code, month=None, limit=limit, start_key=start_key)


def queue(
    region: str,
    *,
    county: str | None,
    status: str | None,
    month: str | None,
    limit: int,
    start_key: RawKey | None,
) -> tuple[list[Recognition], RawKey | None]:
    """The agency's queue of a region (or of one county in it), newest first, optionally of one status: one Query
    of the index keyed for exactly that, as the applications' queue."""
    index, key = _queue_index(region, county, status)
    return _page(index, key, month=month, limit=limit, start_key=start_key)


def _queue_index(region: str, county: str | None, status: str | None) -> tuple[Any, str]:
    if county is None and region == PROVINCE_CODE:
        return (Recognition.queue_province_status, status) if status else (Recognition.queue_province, region)
    if county is None and shanxi().city(region) is not None:
        return (Recognition.queue_city_status, f"{region}#{status}") if status else (Recognition.queue_city, region)
    locality = county or region
    if status:
        return Recognition.queue_county_status, f"{locality}#{status}"
    return Recognition.queue_county, locality


def _page(
    index: Any, hash_key: str, *, month: str | None, limit: int, start_key: RawKey | None
) -> tuple[list[Recognition], RawKey | None]:
    connection()
    results = index.query(
        hash_key,
        range_key_condition=Recognition.rank.startswith(month) if month else None,
        scan_index_forward=False,
        last_evaluated_key=start_key,
    )
    page = bounded_page(results, limit=limit)
    return [Recognition.from_raw_data(raw) for raw in page.items], page.next_key


def new_unit(credit_code: str, **fields: Any) -> Unit:
    return Unit(credit_code, **fields)


def bulk_load(items: Iterable[tuple[UnitRecord, RecognitionRecord]]) -> int:
    """Seed units and their recognitions with batch writes: for loading data into empty tables (demo data),
    never a request path (a batch is not all-or-nothing)."""
    connection()
    loaded = 0
    with Unit.batch_write() as units, Recognition.batch_write() as recognitions:
        for unit, recognition in items:
            made = own(recognition, Recognition)
            made.county_status, made.city_status = _status_keys(made, made.status)
            made.rank = f"{made.submitted_at}#{made.recognition_id}"
            units.save(own(unit, Unit))
            recognitions.save(made)
            loaded += 1
    return loaded
