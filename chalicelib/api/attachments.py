"""Attachments: upload form, confirmation ("the bar turns green"), metadata with download link, delete."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from chalicelib.api.bodies import AttachmentUploadRequest
from chalicelib.api.http import applicant, change, endpoint, json_response
from chalicelib.domain.clock import utc_now
from chalicelib.services import attachments

bp = Blueprint(__name__)


@bp.route("/attachments", methods=["POST"])
@endpoint
def request_upload() -> Response:
    principal = applicant(bp.current_request)
    return change(
        bp.current_request,
        principal,
        "attachments:create",
        lambda fields: attachments.request_upload(principal, fields, utc_now()),
        body=AttachmentUploadRequest,
        status=201,
    )


@bp.route("/attachments/{attachment_id}/confirm", methods=["POST"])
@endpoint
def confirm_upload(attachment_id: str) -> Response:
    principal = applicant(bp.current_request)
    return change(
        bp.current_request,
        principal,
        f"attachments:confirm:{attachment_id}",
        lambda _: attachments.confirm(principal, attachment_id),
    )


@bp.route("/attachments/{attachment_id}", methods=["GET"])
@endpoint
def attachment_detail(attachment_id: str) -> Response:
    principal = applicant(bp.current_request)
    return json_response(attachments.read(principal, attachment_id))


@bp.route("/attachments/{attachment_id}", methods=["DELETE"])
@endpoint
def delete_attachment(attachment_id: str) -> Response:
    principal = applicant(bp.current_request)
    return change(
        bp.current_request,
        principal,
        f"attachments:delete:{attachment_id}",
        lambda _: attachments.remove(principal, attachment_id, utc_now()),
        status=204,
    )
