"""Attachment files in S3: presigned POST uploads, checks on what really arrived, presigned GET downloads.

A client uploads to `incoming/<owner>/<id>`; confirmation copies it to `attachments/<owner>/<id>/<copy>`, a key
no client can write and no other request uses, and checks the copy. The upload form stays valid for its whole
lifetime, so a check of `incoming/` followed by a copy could be raced by a re-upload (S3's CopySourceIfMatch
would close that gap, but moto ignores it, so the tests could not show it): checking the copy itself does not
depend on it. The record names the copy it confirmed; a copy no record names is an orphan, removed by the
reconciliation job. The bucket's lifecycle rule empties `incoming/` of leftovers.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from chalicelib.adapters.clients import s3
from chalicelib.config import settings
from chalicelib.domain.attachments import DOWNLOAD_EXPIRES_SECONDS, MAX_BYTES, UPLOAD_EXPIRES_SECONDS
from chalicelib.domain.records import AttachmentRecord
from chalicelib.observability import logger
from chalicelib.ports.stores import StoredObject

SIGNATURE_BYTES = 8


def owner_prefix(subject: str) -> str:
    """The caller's own prefix: derived from the subject, so it cannot be chosen or guessed from the id."""
    return hashlib.sha256(subject.encode()).hexdigest()[:32]


def incoming_key(subject: str, attachment_id: str) -> str:
    return f"incoming/{owner_prefix(subject)}/{attachment_id}"


STORED_PREFIX = "attachments/"
_MISSING = frozenset({"404", "NoSuchKey", "NotFound"})


def stored_key(subject: str, attachment_id: str) -> str:
    """Where confirmations before per-copy keys put the file; still read for records that name no copy."""
    return f"{STORED_PREFIX}{owner_prefix(subject)}/{attachment_id}"


def new_copy_key(subject: str, attachment_id: str) -> str:
    """A key of this confirmation's own: two confirms racing never write the same object."""
    return f"{stored_key(subject, attachment_id)}/{uuid.uuid4().hex[:16]}"


def object_key(attachment: AttachmentRecord) -> str:
    """The file an attachment record confirmed: its own copy, or the fixed key of older records."""
    return str(attachment.object_key or stored_key(attachment.owner, attachment.attachment_id))


def attachment_id_of(key: str) -> str | None:
    """The attachment a stored key belongs to (either layout), or None for a key of neither."""
    parts = key.removeprefix(STORED_PREFIX).split("/")
    return parts[1] if key.startswith(STORED_PREFIX) and len(parts) in (2, 3) else None


def _missing(error: ClientError) -> bool:
    return error.response.get("Error", {}).get("Code") in _MISSING


def presigned_upload(key: str, content_type: str) -> dict[str, Any]:
    """{"url", "fields"}: the policy pins the key, the exact content type and the size range."""
    post: dict[str, Any] = s3().generate_presigned_post(
        Bucket=settings().attachments_bucket,
        Key=key,
        Fields={"Content-Type": content_type},
        Conditions=[
            {"bucket": settings().attachments_bucket},
            ["eq", "$key", key],
            ["eq", "$Content-Type", content_type],
            ["content-length-range", 1, MAX_BYTES],
        ],
        ExpiresIn=UPLOAD_EXPIRES_SECONDS,
    )
    return {"url": post["url"], "fields": post["fields"]}


def inspect(key: str) -> StoredObject | None:
    """What is really stored at `key`: size, type and the first bytes (the file's own signature)."""
    bucket = settings().attachments_bucket
    try:
        meta = s3().head_object(Bucket=bucket, Key=key)
    except ClientError as error:
        if _missing(error):
            return None
        raise
    size = int(meta["ContentLength"])
    head = b""
    if size:
        part = s3().get_object(Bucket=bucket, Key=key, Range=f"bytes=0-{SIGNATURE_BYTES - 1}")
        head = part["Body"].read()
    return StoredObject(size=size, content_type=meta.get("ContentType", ""), head=head)


def copy(source: str, target: str) -> bool:
    """Copy `source` to `target`; False when there is no `source` (not uploaded, or already promoted)."""
    bucket = settings().attachments_bucket
    try:
        s3().copy_object(Bucket=bucket, Key=target, CopySource={"Bucket": bucket, "Key": source})
    except ClientError as error:
        if _missing(error):
            return False
        raise
    return True


def stored_objects() -> Iterator[tuple[str, datetime]]:
    """(key, last modified) of every confirmed copy: for the reconciliation job only, never a request."""
    pages = s3().get_paginator("list_objects_v2").paginate(Bucket=settings().attachments_bucket, Prefix=STORED_PREFIX)
    for page in pages:
        for item in page.get("Contents", []):
            yield item["Key"], item["LastModified"]


def delete(*keys: str) -> None:
    for key in keys:
        s3().delete_object(Bucket=settings().attachments_bucket, Key=key)


def discard(key: str) -> bool:
    """Delete if S3 lets us: a failure is logged and said by False, never raised (what is left, a lifecycle rule
    or the reconciliation job removes)."""
    try:
        delete(key)
    except (ClientError, BotoCoreError) as error:
        logger.warning("file left for the lifecycle rule", extra={"error": type(error).__name__})
        return False
    return True


def download_url(key: str, filename: str, content_type: str) -> str:
    url: str = s3().generate_presigned_url(
        "get_object",
        Params={
            "Bucket": settings().attachments_bucket,
            "Key": key,
            "ResponseContentType": content_type,
            "ResponseContentDisposition": f"attachment; filename*=UTF-8''{_quote(filename)}",
        },
        ExpiresIn=DOWNLOAD_EXPIRES_SECONDS,
    )
    return url


def _quote(filename: str) -> str:
    from urllib.parse import quote

    return quote(filename, safe="")
