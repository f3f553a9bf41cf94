"""Attachment records in DynamoDB."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from pynamodb.exceptions import DeleteError, UpdateError

from chalicelib.adapters.applied import settle_lost_answer
from chalicelib.adapters.dynamo import connection, found, own
from chalicelib.adapters.faults import response_code
from chalicelib.adapters.models import Attachment
from chalicelib.domain.identity import is_resource_id
from chalicelib.domain.records import AttachmentRecord
from chalicelib.ports.conditions import ATTACHMENT, ConditionFailed


def new(attachment_id: str, **fields: Any) -> Attachment:
    return Attachment(attachment_id, **fields)


def get(attachment_id: str) -> Attachment | None:
    if not is_resource_id(attachment_id):
        return None
    return found(Attachment, attachment_id)


def batch_get(ids: Sequence[str]) -> dict[str, Attachment]:
    wanted = [i for i in dict.fromkeys(ids) if is_resource_id(i)]
    if not wanted:
        return {}
    connection()
    return {a.attachment_id: a for a in Attachment.batch_get(wanted)}


def create(record: AttachmentRecord) -> None:
    connection()
    attachment = own(record, Attachment)
    # A fresh id: if the record is there after a lost answer, this write made it.
    settle_lost_answer(
        lambda: attachment.save(condition=Attachment.attachment_id.does_not_exist()),
        lambda: get(attachment.attachment_id) is not None,
    )


def _refused(error: UpdateError | DeleteError) -> bool:
    return response_code(error) == "ConditionalCheckFailedException"


def mark_uploaded(record: AttachmentRecord, size: int, object_key: str) -> None:
    """awaiting_upload -> uploaded, once, naming the checked copy; the TTL of an unconfirmed record is dropped."""
    try:
        own(record, Attachment).update(
            actions=[
                Attachment.status.set("uploaded"),
                Attachment.size.set(size),
                Attachment.object_key.set(object_key),
                Attachment.expires_at.remove(),
            ],
            condition=Attachment.status == "awaiting_upload",
        )
    except UpdateError as error:
        if _refused(error):
            raise ConditionFailed(frozenset({ATTACHMENT})) from error
        raise


def mark_deleting(record: AttachmentRecord, expires_at: datetime) -> None:
    """The first step of a DELETE, while no live application uses it (the condition decides, not a read).

    From here the attachment is gone to its owner and cannot be claimed or confirmed; its files are removed
    next, then the record. A DELETE that fails in between finds it `deleting` and finishes. `attachment` is
    refreshed, so it names the copy a confirm may have recorded meanwhile.
    """
    try:
        own(record, Attachment).update(
            actions=[Attachment.status.set("deleting"), Attachment.expires_at.set(expires_at)],
            condition=Attachment.attachment_id.exists() & Attachment.in_use_by.does_not_exist(),
        )
    except UpdateError as error:
        if _refused(error):
            raise ConditionFailed(frozenset({ATTACHMENT})) from error
        raise


def delete_record(record: AttachmentRecord) -> None:
    """The last step of a DELETE; a parallel DELETE that got here first is not an error."""
    try:
        attachment = own(record, Attachment)
        settle_lost_answer(
            lambda: attachment.delete(condition=Attachment.status == "deleting"),
            lambda: get(attachment.attachment_id) is None,
        )
    except DeleteError as error:
        if not _refused(error):
            raise
