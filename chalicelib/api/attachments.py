"""Attachments: upload form, confirmation ("the bar turns green"), metadata with download link, delete."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from chalicelib import errors, wiring
from chalicelib.api.bodies import AttachmentUploadRequest
from chalicelib.api.http import applicant, change, endpoint, json_response
from chalicelib.domain.clock import utc_now
from chalicelib.openapi_ops import APPLICANT, ATTACHMENT_NOT_FOUND, Failure, Op, documented, validation_failed
from chalicelib.openapi_schema import json_answer, no_content
from chalicelib.services import attachments

bp = Blueprint(__name__)


@bp.route("/attachments", methods=["POST"])
@endpoint
@documented(
    Op(
        "requestUpload",
        "Declare an attachment and get its upload form",
        "Step 1 of an upload: declare the file. Step 2: POST it to `upload.url` as `multipart/form-data` with "
        "every `upload.fields` entry and then `file`, before `expires_at`. Step 3: "
        "`POST /v1/attachments/{attachment_id}/confirm`. Checks in order: `kind` (422), `content_type` (415), "
        "`size` above 5 MiB (413), then `size` below 1 and an empty `filename` (422).",
        "attachments",
        APPLICANT,
        json_answer("AttachmentUploadForm", "Declared; upload before `expires_at`.", status=201),
        (
            validation_failed(
                "`kind` `UNKNOWN_VALUE`; `size` `OUT_OF_RANGE`; `filename` `REQUIRED`; any missing field `REQUIRED`"
            ),
            Failure(errors.UNSUPPORTED_FILE_TYPE, "`content_type` is not accepted"),
            Failure(errors.FILE_TOO_LARGE, "`size` is above 5 MiB"),
        ),
        body=AttachmentUploadRequest,
        idempotent=True,
    )
)
def request_upload() -> Response:
    principal = applicant(bp.current_request)
    return change(
        bp.current_request,
        principal,
        "attachments:create",
        lambda fields: attachments.request_upload(principal, fields, utc_now(), ports=wiring.ports()),
        body=AttachmentUploadRequest,
        status=201,
    )


@bp.route("/attachments/{attachment_id}/confirm", methods=["POST"])
@endpoint
@documented(
    Op(
        "confirmUpload",
        "Confirm an upload",
        "Checks that the file really is stored, with a size of 1 byte–5 MiB and the declared type, judged by "
        "the file's own signature. A bad file is deleted (422 `UPLOAD_REJECTED`); the client may upload again "
        "with the same form while it is valid, then confirm again. Confirming a confirmed attachment answers "
        "the same again (also two confirms at once); one deleted meanwhile is 404. What is checked is a copy "
        "the upload form cannot change. No body.",
        "attachments",
        APPLICANT,
        json_answer("AttachmentConfirmed", "Stored and checked."),
        (
            ATTACHMENT_NOT_FOUND,
            Failure(errors.UPLOAD_MISSING, "nothing has been uploaded yet"),
            Failure(
                errors.UPLOAD_WRONG_TYPE,
                "the file's signature or stored type is not the declared type "
                f"(or {errors.UPLOAD_WRONG_SIZE.message}: its size is out of range); the stored object was deleted",
            ),
        ),
        ("AttachmentId",),
        idempotent=True,
    )
)
def confirm_upload(attachment_id: str) -> Response:
    principal = applicant(bp.current_request)
    return change(
        bp.current_request,
        principal,
        f"attachments:confirm:{attachment_id}",
        lambda _: attachments.confirm(principal, attachment_id, ports=wiring.ports()),
    )


@bp.route("/attachments/{attachment_id}", methods=["GET"])
@endpoint
@documented(
    Op(
        "getAttachment",
        "An attachment's metadata and download link",
        "The caller's own attachment, with a short-lived `download_url` once uploaded.",
        "attachments",
        APPLICANT,
        json_answer("AttachmentDetail", "The attachment."),
        (ATTACHMENT_NOT_FOUND,),
        ("AttachmentId",),
    )
)
def attachment_detail(attachment_id: str) -> Response:
    principal = applicant(bp.current_request)
    return json_response(attachments.read(principal, attachment_id, ports=wiring.ports()))


@bp.route("/attachments/{attachment_id}", methods=["DELETE"])
@endpoint
@documented(
    Op(
        "deleteAttachment",
        "Delete an attachment",
        "Deletes the record and the stored file. After a 503 the attachment is already gone to its owner; a "
        "retried DELETE finishes and answers 204.",
        "attachments",
        APPLICANT,
        no_content("Deleted."),
        (
            ATTACHMENT_NOT_FOUND,
            Failure(
                errors.ATTACHMENT_IN_USE,
                "a pending or approved application uses it",
            ),
        ),
        ("AttachmentId",),
        idempotent=True,
    )
)
def delete_attachment(attachment_id: str) -> Response:
    principal = applicant(bp.current_request)
    return change(
        bp.current_request,
        principal,
        f"attachments:delete:{attachment_id}",
        lambda _: attachments.remove(principal, attachment_id, utc_now(), ports=wiring.ports()),
        status=204,
    )
