"""Use cases on attachments: ask for an upload form, confirm what arrived, read, delete. Owner only."""

from __future__ import annotations

import contextlib
import uuid
from datetime import datetime, timedelta
from typing import Any

from chalicelib.adapters import attachment_store, files
from chalicelib.adapters.dynamo import ConditionFailed
from chalicelib.adapters.models import Attachment
from chalicelib.domain.attachments import MAX_BYTES, SIGNATURES, clean_filename, signature_matches
from chalicelib.domain.clock import china_time
from chalicelib.domain.principal import Principal
from chalicelib.domain.vocabulary import ATTACHMENT_KIND_LABELS
from chalicelib.errors import (
    Conflict,
    FieldProblem,
    NotFound,
    PayloadTooLarge,
    Unprocessable,
    UnsupportedMediaType,
    validation_failed,
)
from chalicelib.observability import logger

# An unconfirmed record outlives its upload form by a day, then DynamoDB's TTL removes it.
UNCONFIRMED_RECORD_TTL = timedelta(days=1)


def attachment_not_found() -> NotFound:
    return NotFound("ATTACHMENT_NOT_FOUND", "附件不存在")


def describe(attachment: Attachment) -> dict[str, Any]:
    body: dict[str, Any] = {
        "attachment_id": attachment.attachment_id,
        "kind": attachment.kind,
        "kind_label": ATTACHMENT_KIND_LABELS[attachment.kind],
        "filename": attachment.filename,
        "content_type": attachment.content_type,
        "status": attachment.status,
        "size": int(attachment.size) if attachment.size is not None else None,
        "created_at": attachment.created_at,
    }
    return body


def with_download_url(attachment: Attachment) -> dict[str, Any]:
    body = describe(attachment)
    body["download_url"] = (
        files.download_url(
            files.stored_key(attachment.owner, attachment.attachment_id),
            attachment.filename,
            attachment.content_type,
        )
        if attachment.status == "uploaded"
        else None
    )
    return body


def request_upload(principal: Principal, fields: dict[str, Any], now: datetime) -> dict[str, Any]:
    if fields["kind"] not in ATTACHMENT_KIND_LABELS:
        raise validation_failed([FieldProblem("kind", "UNKNOWN_VALUE", "附件类型不在可选范围内")])
    if fields["content_type"] not in SIGNATURES:
        raise UnsupportedMediaType("UNSUPPORTED_FILE_TYPE", "附件仅支持PDF、JPG、PNG格式")
    if fields["size"] > MAX_BYTES:
        raise PayloadTooLarge("FILE_TOO_LARGE", "单个附件不能超过5MB")
    filename = clean_filename(fields["filename"])
    problems = []
    if fields["size"] < 1:
        problems.append(FieldProblem("size", "OUT_OF_RANGE", "附件大小应大于0"))
    if not filename:
        problems.append(FieldProblem("filename", "REQUIRED", "请填写文件名"))
    if problems:
        raise validation_failed(problems)
    attachment = Attachment(
        uuid.uuid4().hex,
        owner=principal.subject,
        kind=fields["kind"],
        filename=filename,
        content_type=fields["content_type"],
        declared_size=fields["size"],
        status="awaiting_upload",
        created_at=china_time(now),
        expires_at=now + UNCONFIRMED_RECORD_TTL,
    )
    attachment_store.create(attachment)
    return {
        "attachment_id": attachment.attachment_id,
        "kind": attachment.kind,
        "status": attachment.status,
        "upload": files.presigned_upload(
            files.incoming_key(principal.subject, attachment.attachment_id), attachment.content_type
        ),
        "expires_at": china_time(now + timedelta(seconds=files.UPLOAD_EXPIRES_SECONDS)),
    }


def owned(principal: Principal, attachment_id: str) -> Attachment:
    """Someone else's attachment answers exactly like one that does not exist."""
    attachment = attachment_store.get(attachment_id)
    if attachment is None or attachment.owner != principal.subject:
        raise attachment_not_found()
    return attachment


def _confirmed(attachment: Attachment) -> dict[str, Any]:
    return {
        "attachment_id": attachment.attachment_id,
        "kind": attachment.kind,
        "status": "uploaded",
        "size": int(attachment.size or 0),
        "content_type": attachment.content_type,
    }


def _rejection(stored: files.StoredObject, declared_type: str) -> str | None:
    if stored.size < 1 or stored.size > MAX_BYTES:
        return "附件大小应在5MB以内"
    if stored.content_type != declared_type or not signature_matches(declared_type, stored.head):
        return "附件内容与声明的文件类型不符，仅支持PDF、JPG、PNG格式"
    return None


def confirm(principal: Principal, attachment_id: str) -> dict[str, Any]:
    """The bar "turns green" only when the file is really stored and is what it claims to be."""
    attachment = owned(principal, attachment_id)
    if attachment.status == "uploaded":
        return _confirmed(attachment)
    incoming = files.incoming_key(attachment.owner, attachment.attachment_id)
    stored = files.inspect(incoming)
    if stored is None:
        again = owned(principal, attachment_id)  # a parallel confirm may have just promoted it
        if again.status == "uploaded":
            return _confirmed(again)
        raise Conflict("UPLOAD_MISSING", "附件尚未上传完成，请上传后再确认")
    reason = _rejection(stored, attachment.content_type)
    if reason is not None:
        files.delete(incoming)
        logger.info("upload rejected", extra={"attachment_id": attachment_id, "size": stored.size})
        raise Unprocessable("UPLOAD_REJECTED", reason)
    files.promote(incoming, files.stored_key(attachment.owner, attachment.attachment_id))
    # A parallel confirm may have won the race: the same file, the same answer.
    with contextlib.suppress(ConditionFailed):
        attachment_store.mark_uploaded(attachment, stored.size)
    attachment.size = stored.size
    return _confirmed(attachment)


def read(principal: Principal, attachment_id: str) -> dict[str, Any]:
    return with_download_url(owned(principal, attachment_id))


def remove(principal: Principal, attachment_id: str) -> None:
    attachment = owned(principal, attachment_id)
    try:
        attachment_store.delete_unused(attachment)
    except ConditionFailed:
        raise Conflict("ATTACHMENT_IN_USE", "该附件正被未审核或审核通过的申请使用，不能删除") from None
    files.delete(files.incoming_key(attachment.owner, attachment_id), files.stored_key(attachment.owner, attachment_id))
