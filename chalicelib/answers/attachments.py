"""An attachment as answers show it: the upload form, the confirmation, its metadata, with a download link."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from msgspec import Meta, Struct

from chalicelib.answers.fields import HexId, Timestamp, label_of, one_of, ref
from chalicelib.domain.attachments import DOWNLOAD_EXPIRES_SECONDS, MAX_BYTES, MAX_FILENAME, UPLOAD_EXPIRES_SECONDS
from chalicelib.domain.vocabulary import ATTACHMENT_KIND_LABELS

if TYPE_CHECKING:
    from chalicelib.adapters.models import Attachment

Kind = Annotated[str, ref("AttachmentKind")]
ContentType = Annotated[str, ref("AttachmentContentType")]


class _Upload(Struct, kw_only=True):
    """An S3 presigned POST: send `multipart/form-data` with every `fields` entry and then the file as `file`. The
    policy pins the key (under the caller's own prefix), the exact `Content-Type` and a size of 1 byte–5 MiB."""

    url: Annotated[str, Meta(description="Where to POST the form.", extra_json_schema={"format": "uri"})]
    fields: Annotated[dict[str, str], Meta(description="Form fields to send as they are, before `file`.")]


class AttachmentUploadForm(Struct, kw_only=True):
    """Where and how to upload the declared file; then call `POST /v1/attachments/{id}/confirm`. Unconfirmed
    attachments disappear after a day."""

    attachment_id: HexId
    kind: Kind
    status: Annotated[str, one_of(["awaiting_upload"])]
    upload: _Upload
    expires_at: Annotated[
        str, ref("Timestamp", f"The upload form is valid until then ({UPLOAD_EXPIRES_SECONDS // 60} min).")
    ]


class AttachmentConfirmed(Struct, kw_only=True):
    """The file is stored and is what it claims to be."""

    attachment_id: HexId
    kind: Kind
    status: Annotated[str, one_of(["uploaded"])]
    size: Annotated[int, Meta(ge=1, le=MAX_BYTES, description="Bytes stored.")]
    content_type: ContentType


class AttachmentInfo(Struct, kw_only=True):
    """An attachment's metadata."""

    attachment_id: HexId
    kind: Kind
    kind_label: Annotated[str, label_of(ATTACHMENT_KIND_LABELS, "kind")]
    filename: Annotated[
        str,
        Meta(
            max_length=MAX_FILENAME,
            description=f"The declared name without folders or control characters, at most {MAX_FILENAME} characters.",
        ),
    ]
    content_type: ContentType
    status: Annotated[str, one_of(["awaiting_upload", "uploaded"])]
    size: Annotated[int, Meta(ge=1, le=MAX_BYTES, description="Bytes stored; `null` until confirmed.")] | None
    created_at: Timestamp


class AttachmentDetail(AttachmentInfo, kw_only=True):
    """An attachment's metadata with a short-lived download link."""

    download_url: (
        Annotated[
            str,
            Meta(
                description=f"A presigned GET of the file, valid {DOWNLOAD_EXPIRES_SECONDS // 60} minutes; `null` "
                "until the upload is confirmed.",
                extra_json_schema={"format": "uri"},
            ),
        ]
        | None
    )


def upload_form(attachment: Attachment, upload: dict[str, Any], expires_at: str) -> AttachmentUploadForm:
    return AttachmentUploadForm(
        attachment_id=attachment.attachment_id,
        kind=attachment.kind,
        status=attachment.status,
        upload=_Upload(url=upload["url"], fields=upload["fields"]),
        expires_at=expires_at,
    )


def confirmed(attachment: Attachment) -> AttachmentConfirmed:
    return AttachmentConfirmed(
        attachment_id=attachment.attachment_id,
        kind=attachment.kind,
        status="uploaded",
        size=int(attachment.size or 0),
        content_type=attachment.content_type,
    )


def _info(attachment: Attachment) -> dict[str, Any]:
    return {
        "attachment_id": attachment.attachment_id,
        "kind": attachment.kind,
        "kind_label": ATTACHMENT_KIND_LABELS[attachment.kind],
        "filename": attachment.filename,
        "content_type": attachment.content_type,
        "status": attachment.status,
        "size": int(attachment.size) if attachment.size is not None else None,
        "created_at": attachment.created_at,
    }


def info(attachment: Attachment) -> AttachmentInfo:
    return AttachmentInfo(**_info(attachment))


def detail(attachment: Attachment, download_url: str | None) -> AttachmentDetail:
    """`download_url` is None until the file is confirmed."""
    return AttachmentDetail(**_info(attachment), download_url=download_url)
