"""Attachment records in DynamoDB."""

from __future__ import annotations

from collections.abc import Sequence

from pynamodb.exceptions import DeleteError, UpdateError

from chalicelib.adapters.dynamo import ConditionFailed, connection, response_code
from chalicelib.adapters.models import Attachment
from chalicelib.domain.identity import is_resource_id


def get(attachment_id: str) -> Attachment | None:
    if not is_resource_id(attachment_id):
        return None
    connection()
    try:
        return Attachment.get(attachment_id, consistent_read=True)
    except Attachment.DoesNotExist:
        return None


def batch_get(ids: Sequence[str]) -> dict[str, Attachment]:
    wanted = [i for i in dict.fromkeys(ids) if is_resource_id(i)]
    if not wanted:
        return {}
    connection()
    return {a.attachment_id: a for a in Attachment.batch_get(wanted)}


def create(attachment: Attachment) -> None:
    connection()
    attachment.save(condition=Attachment.attachment_id.does_not_exist())


def mark_uploaded(attachment: Attachment, size: int) -> None:
    """awaiting_upload -> uploaded, once; the TTL that would remove an unconfirmed record is dropped."""
    try:
        attachment.update(
            actions=[
                Attachment.status.set("uploaded"),
                Attachment.size.set(size),
                Attachment.expires_at.remove(),
            ],
            condition=Attachment.status == "awaiting_upload",
        )
    except UpdateError as error:
        if response_code(error) == "ConditionalCheckFailedException":
            raise ConditionFailed(frozenset({"attachment"})) from error
        raise


def delete_unused(attachment: Attachment) -> None:
    """Delete only while no live application uses it (the condition, not an earlier read, decides)."""
    try:
        attachment.delete(condition=Attachment.in_use_by.does_not_exist())
    except DeleteError as error:
        if response_code(error) == "ConditionalCheckFailedException":
            raise ConditionFailed(frozenset({"attachment"})) from error
        raise
