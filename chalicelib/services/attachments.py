"""Use cases on attachments: ask for an upload form, confirm what arrived, read, delete. Owner only."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from chalicelib.answers import attachments as answers
from chalicelib.domain.attachments import (
    MAX_BYTES,
    SIGNATURES,
    UPLOAD_EXPIRES_SECONDS,
    clean_filename,
    signature_matches,
)
from chalicelib.domain.clock import china_time
from chalicelib.domain.principal import Principal
from chalicelib.domain.records import AttachmentRecord
from chalicelib.domain.vocabulary import ATTACHMENT_KIND_LABELS
from chalicelib.errors import (
    ATTACHMENT_IN_USE,
    ATTACHMENT_NOT_FOUND,
    FILE_TOO_LARGE,
    UNSUPPORTED_FILE_TYPE,
    UPLOAD_MISSING,
    UPLOAD_WRONG_SIZE,
    UPLOAD_WRONG_TYPE,
    VALIDATION_FAILED,
    ErrorKind,
    FieldProblem,
)
from chalicelib.observability import logger
from chalicelib.ports import Ports
from chalicelib.ports.conditions import ConditionFailed
from chalicelib.ports.stores import StoredObject

# An unconfirmed record outlives its upload form by a day, then DynamoDB's TTL removes it.
UNCONFIRMED_RECORD_TTL = timedelta(days=1)


def with_download_url(attachment: AttachmentRecord, *, ports: Ports) -> answers.AttachmentDetail:
    """The metadata with a short-lived link to the file, once it is confirmed."""
    files = ports.files
    url = None
    if attachment.status == "uploaded":
        url = files.download_url(files.object_key(attachment), attachment.filename, attachment.content_type)
    return answers.detail(attachment, url)


def request_upload(
    principal: Principal, fields: dict[str, Any], now: datetime, *, ports: Ports
) -> answers.AttachmentUploadForm:
    if fields["kind"] not in ATTACHMENT_KIND_LABELS:
        raise VALIDATION_FAILED([FieldProblem("kind", "UNKNOWN_VALUE", "附件类型不在可选范围内")])
    if fields["content_type"] not in SIGNATURES:
        raise UNSUPPORTED_FILE_TYPE()
    if fields["size"] > MAX_BYTES:
        raise FILE_TOO_LARGE()
    filename = clean_filename(fields["filename"])
    problems = []
    if fields["size"] < 1:
        problems.append(FieldProblem("size", "OUT_OF_RANGE", "附件大小应大于0"))
    if not filename:
        problems.append(FieldProblem("filename", "REQUIRED", "请填写文件名"))
    if problems:
        raise VALIDATION_FAILED(problems)
    attachment = ports.attachments.new(
        uuid.uuid4().hex,
        owner=principal.account,
        kind=fields["kind"],
        filename=filename,
        content_type=fields["content_type"],
        declared_size=fields["size"],
        status="awaiting_upload",
        created_at=china_time(now),
        expires_at=now + UNCONFIRMED_RECORD_TTL,
    )
    ports.attachments.create(attachment)
    upload = ports.files.presigned_upload(
        ports.files.incoming_key(principal.account, attachment.attachment_id), attachment.content_type
    )
    return answers.upload_form(attachment, upload, china_time(now + timedelta(seconds=UPLOAD_EXPIRES_SECONDS)))


def owned(principal: Principal, attachment_id: str, *, ports: Ports, deleting: bool = False) -> AttachmentRecord:
    """Someone else's attachment answers exactly like one that does not exist; so does one being deleted,
    except to the DELETE that finishes it (`deleting=True`)."""
    attachment = ports.attachments.get(attachment_id)
    if attachment is None or attachment.owner != principal.account:
        raise ATTACHMENT_NOT_FOUND()
    if attachment.status == "deleting" and not deleting:
        raise ATTACHMENT_NOT_FOUND()
    return attachment


def _rejection(stored: StoredObject, declared_type: str) -> ErrorKind | None:
    if stored.size < 1 or stored.size > MAX_BYTES:
        return UPLOAD_WRONG_SIZE
    if stored.content_type != declared_type or not signature_matches(declared_type, stored.head):
        return UPLOAD_WRONG_TYPE
    return None


def _settled(principal: Principal, attachment_id: str, ports: Ports) -> answers.AttachmentConfirmed | None:
    """After losing a race: the answer a parallel confirm (200, the same body) or DELETE (404) has fixed, or
    None while the attachment still waits for its file."""
    again = owned(principal, attachment_id, ports=ports)
    return answers.confirmed(again) if again.status == "uploaded" else None


def confirm(principal: Principal, attachment_id: str, *, ports: Ports) -> answers.AttachmentConfirmed:
    """The bar "turns green" only when the file is really stored and is what it claims to be.

    Copy first, then check the copy: the upload form stays valid, so `incoming/` may change at any moment, but
    the copy's key is this request's own. Each step leaves a state a retry completes: the record is marked
    only after its copy was checked, and `incoming/` is deleted only after the record was marked. A copy left
    by a failure between is named by no record, and the reconciliation job removes it.
    """
    files = ports.files
    attachment = owned(principal, attachment_id, ports=ports)
    if attachment.status == "uploaded":
        return answers.confirmed(attachment)  # a second click, or a retry after a lost answer: the same answer
    incoming = files.incoming_key(attachment.owner, attachment.attachment_id)
    copy_key = files.new_copy_key(attachment.owner, attachment.attachment_id)
    stored = files.inspect(copy_key) if files.copy(incoming, copy_key) else None
    if stored is None:
        settled = _settled(principal, attachment_id, ports)  # a parallel confirm may have promoted it and cleaned up
        if settled is not None:
            return settled
        raise UPLOAD_MISSING()
    reason = _rejection(stored, attachment.content_type)
    if reason is not None:
        files.delete(copy_key, incoming)
        logger.info("upload rejected", extra={"attachment_id": attachment_id, "size": stored.size})
        raise reason()
    try:
        ports.attachments.mark_uploaded(attachment, stored.size, copy_key)
    except ConditionFailed:
        files.delete(copy_key)  # a parallel confirm or a DELETE won: this copy is nobody's
        settled = _settled(principal, attachment_id, ports)
        if settled is None:
            raise ATTACHMENT_NOT_FOUND() from None
        return settled
    # The confirmed copy is safe; the upload left behind is the lifecycle rule's if this delete fails, so a
    # failure here must not turn a confirmation that happened into a 503.
    files.discard(incoming)
    return answers.confirmed(attachment, stored.size)


def read(principal: Principal, attachment_id: str, *, ports: Ports) -> answers.AttachmentDetail:
    return with_download_url(owned(principal, attachment_id, ports=ports), ports=ports)


def remove(principal: Principal, attachment_id: str, now: datetime, *, ports: Ports) -> None:
    """Mark it `deleting`, remove its files, then the record: a failure at any step leaves a `deleting` record
    that a retried DELETE finishes (and that DynamoDB's TTL removes if nobody retries)."""
    attachment = owned(principal, attachment_id, ports=ports, deleting=True)
    try:
        ports.attachments.mark_deleting(attachment, now + UNCONFIRMED_RECORD_TTL)
    except ConditionFailed:
        owned(principal, attachment_id, ports=ports, deleting=True)  # 404 if a parallel DELETE finished meanwhile
        raise ATTACHMENT_IN_USE() from None
    files = ports.files
    files.delete(files.incoming_key(attachment.owner, attachment_id), files.object_key(attachment))
    ports.attachments.delete_record(attachment)
