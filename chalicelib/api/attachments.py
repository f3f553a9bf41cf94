"""Attachments: upload form, confirmation ("the bar turns green"), metadata with download link, delete."""

from __future__ import annotations

from typing import Any

from chalicelib import errors
from chalicelib.answers.attachments import AttachmentConfirmed, AttachmentDetail, AttachmentUploadForm
from chalicelib.api.bodies import AttachmentUploadRequest
from chalicelib.api.contract import UPLOADER
from chalicelib.api.operation import operations
from chalicelib.api.routes import Routes
from chalicelib.domain.clock import utc_now
from chalicelib.domain.principal import Principal
from chalicelib.openapi_ops import ATTACHMENT_NOT_FOUND, Failure, validation_failed
from chalicelib.ports import Ports
from chalicelib.services import attachments

routes = Routes(__name__)
operation = operations(routes)


@operation(
    method="POST",
    path="/attachments",
    operation_id="requestUpload",
    summary="Declare an attachment and get its upload form",
    description="Step 1 of an upload: declare the file. Step 2: POST it to `upload.url` as `multipart/form-data` "
    "with every `upload.fields` entry and then `file`, before `expires_at`. Step 3: "
    "`POST /v1/attachments/{attachment_id}/confirm`. Checks in order: `kind` (422), `content_type` (415), "
    "`size` above 5 MiB (413), then `size` below 1 and an empty `filename` (422).",
    tag="attachments",
    access=UPLOADER,
    body=AttachmentUploadRequest,
    answer=AttachmentUploadForm,
    answer_description="Declared; upload before `expires_at`.",
    status=201,
    failures=(
        validation_failed(
            "`kind` `UNKNOWN_VALUE`; `size` `OUT_OF_RANGE`; `filename` `REQUIRED`; any missing field `REQUIRED`"
        ),
        Failure(errors.UNSUPPORTED_FILE_TYPE, "`content_type` is not accepted"),
        Failure(errors.FILE_TOO_LARGE, "`size` is above 5 MiB"),
    ),
    idempotent=True,
)
def request_upload(caller: Principal, fields: dict[str, Any], ports: Ports) -> AttachmentUploadForm:
    return attachments.request_upload(caller, fields, utc_now(), ports=ports)


@operation(
    method="POST",
    path="/attachments/{attachment_id}/confirm",
    operation_id="confirmUpload",
    summary="Confirm an upload",
    description="Checks that the file really is stored, with a size of 1 byte–5 MiB and the declared type, judged "
    "by the file's own signature. A bad file is deleted (422 `UPLOAD_REJECTED`); the client may upload again "
    "with the same form while it is valid, then confirm again. Confirming a confirmed attachment answers "
    "the same again (also two confirms at once); one deleted meanwhile is 404. What is checked is a copy "
    "the upload form cannot change. No body.",
    tag="attachments",
    access=UPLOADER,
    answer=AttachmentConfirmed,
    answer_description="Stored and checked.",
    failures=(
        ATTACHMENT_NOT_FOUND,
        Failure(errors.UPLOAD_MISSING, "nothing has been uploaded yet"),
        Failure(
            errors.UPLOAD_WRONG_TYPE,
            "the file's signature or stored type is not the declared type "
            f"(or {errors.UPLOAD_WRONG_SIZE.message}: its size is out of range); the stored object was deleted",
        ),
    ),
    idempotent=True,
)
def confirm_upload(caller: Principal, attachment_id: str, ports: Ports) -> AttachmentConfirmed:
    return attachments.confirm(caller, attachment_id, ports=ports)


@operation(
    method="GET",
    path="/attachments/{attachment_id}",
    operation_id="getAttachment",
    summary="An attachment's metadata and download link",
    description="The caller's own attachment, with a short-lived `download_url` once uploaded.",
    tag="attachments",
    access=UPLOADER,
    answer=AttachmentDetail,
    answer_description="The attachment.",
    failures=(ATTACHMENT_NOT_FOUND,),
)
def attachment_detail(caller: Principal, attachment_id: str, ports: Ports) -> AttachmentDetail:
    return attachments.read(caller, attachment_id, ports=ports)


@operation(
    method="DELETE",
    path="/attachments/{attachment_id}",
    operation_id="deleteAttachment",
    summary="Delete an attachment",
    description="Deletes the record and the stored file. After a 503 the attachment is already gone to its owner; "
    "a retried DELETE finishes and answers 204.",
    tag="attachments",
    access=UPLOADER,
    answer_description="Deleted.",
    status=204,
    failures=(ATTACHMENT_NOT_FOUND, Failure(errors.ATTACHMENT_IN_USE, "a pending or approved application uses it")),
    idempotent=True,
)
def delete_attachment(caller: Principal, attachment_id: str, ports: Ports) -> None:
    attachments.remove(caller, attachment_id, utc_now(), ports=ports)
