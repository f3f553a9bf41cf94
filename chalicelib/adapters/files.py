"""Attachment files in S3: presigned POST uploads, checks on what really arrived, presigned GET downloads.

A client uploads to `incoming/<owner>/<id>`; confirmation copies a checked file to `attachments/<owner>/<id>`.
The copy matters: the upload form stays valid for its whole lifetime, so without it a client could confirm a
good file and then overwrite it with anything. The bucket's lifecycle rule empties `incoming/` of leftovers.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from botocore.exceptions import ClientError

from chalicelib.adapters.clients import s3
from chalicelib.config import settings

MAX_BYTES = 5 * 1024 * 1024
UPLOAD_EXPIRES_SECONDS = 15 * 60
DOWNLOAD_EXPIRES_SECONDS = 5 * 60
SIGNATURE_BYTES = 8


def owner_prefix(subject: str) -> str:
    """The caller's own prefix: derived from the subject, so it cannot be chosen or guessed from the id."""
    return hashlib.sha256(subject.encode()).hexdigest()[:32]


def incoming_key(subject: str, attachment_id: str) -> str:
    return f"incoming/{owner_prefix(subject)}/{attachment_id}"


def stored_key(subject: str, attachment_id: str) -> str:
    return f"attachments/{owner_prefix(subject)}/{attachment_id}"


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


@dataclass(frozen=True)
class StoredObject:
    size: int
    content_type: str
    head: bytes


def inspect(key: str) -> StoredObject | None:
    """What is really stored at `key`: size, type and the first bytes (the file's own signature)."""
    bucket = settings().attachments_bucket
    try:
        meta = s3().head_object(Bucket=bucket, Key=key)
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") in {"404", "NoSuchKey", "NotFound"}:
            return None
        raise
    size = int(meta["ContentLength"])
    head = b""
    if size:
        part = s3().get_object(Bucket=bucket, Key=key, Range=f"bytes=0-{SIGNATURE_BYTES - 1}")
        head = part["Body"].read()
    return StoredObject(size=size, content_type=meta.get("ContentType", ""), head=head)


def promote(source: str, target: str) -> None:
    bucket = settings().attachments_bucket
    s3().copy_object(Bucket=bucket, Key=target, CopySource={"Bucket": bucket, "Key": source})
    s3().delete_object(Bucket=bucket, Key=source)


def delete(*keys: str) -> None:
    for key in keys:
        s3().delete_object(Bucket=settings().attachments_bucket, Key=key)


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
