"""The agency's side: the review queue of the region, the unmasked case, approve and reject."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint, Response

from chalicelib import errors, wiring
from chalicelib.api import cursor, parsing
from chalicelib.api.applications import LIST_RULES
from chalicelib.api.bodies import ApproveRequest, RejectRequest
from chalicelib.api.conventions import DEFAULT_LIMIT
from chalicelib.api.http import change, endpoint, json_response, page, pdf_response, staff
from chalicelib.domain.clock import utc_now
from chalicelib.domain.regions import shanxi
from chalicelib.errors import INVALID_COUNTY
from chalicelib.openapi_ops import INVALID_CURSOR, Failure, Op, documented, staff_access, validation_failed
from chalicelib.openapi_schema import json_answer, pdf_answer
from chalicelib.services import printing, review

bp = Blueprint(__name__)

REVIEWER = staff_access("reviewer")
NOT_PENDING = Failure(
    errors.NOT_PENDING,
    "the application is not `pending` (also when a withdrawal or another decision won the race)",
)
OWN_CASE = Failure(
    errors.OWN_APPLICATION,
    "the reviewer is the applicant (same `sub` or same `id_number`); the refusal is audited",
)


def county_rule(value: str) -> str:
    if shanxi().locality(value) is None:
        raise INVALID_COUNTY()
    return value


@bp.route("/admin/applications", methods=["GET"])
@endpoint
@documented(
    Op(
        "reviewQueue",
        "Applications of my region (审核)",
        "Applications whose locality lies in the reviewer's region, newest first. `status`, `month` and "
        "`county` combine.",
        "review",
        REVIEWER,
        json_answer("ApplicationPage", "A page of applications."),
        (
            INVALID_CURSOR,
            Failure(errors.INVALID_COUNTY, "unknown `county`"),
            Failure(errors.COUNTY_OUTSIDE_REGION, "`county` lies outside the caller's region"),
        ),
        ("StatusFilter", "MonthFilter", "QueueCounty", "Limit", "Cursor"),
        query=True,
    )
)
def review_queue() -> Response:
    principal = staff(bp.current_request, "reviewer")
    params = parsing.query(bp.current_request.query_params, {**LIST_RULES, "county": county_rule})
    filters: dict[str, Any] = {name: params.get(name) for name in ("status", "month", "county")}
    query = cursor.query_identity("admin/applications", region=principal.region, **filters)
    limit = params.get("limit", DEFAULT_LIMIT)
    return page(
        query,
        params.get("cursor"),
        lambda start: review.queue(principal, **filters, limit=limit, start_key=start, ports=wiring.ports()),
    )


@bp.route("/admin/applications/{application_id}", methods=["GET"])
@endpoint
@documented(
    Op(
        "reviewApplication",
        "An application in full, unmasked",
        "ID number and phone unmasked, a short-lived `download_url` per attachment. Each read is written to "
        "the audit log before it is answered: if the audit write fails, the case is not shown.",
        "review",
        REVIEWER,
        json_answer("ApplicationReviewDetail", "The case."),
        (Failure(errors.APPLICATION_NOT_FOUND, "no such application in the caller's region"),),
        ("ApplicationId",),
    )
)
def case_detail(application_id: str) -> Response:
    principal = staff(bp.current_request, "reviewer")
    return json_response(review.detail(principal, application_id, utc_now(), ports=wiring.ports()))


@bp.route("/admin/applications/{application_id}/form.pdf", methods=["GET"])
@endpoint
@documented(
    Op(
        "reviewApplicationPdf",
        "The printable application form, unmasked",
        "The 就业见习人员申请表 as an A4 PDF with the ID number and phone unmasked; each read is written to "
        "the audit log. Send `Accept: application/pdf` (or `*/*`), as for the applicant's PDF.",
        "review",
        REVIEWER,
        pdf_answer('The PDF, `Content-Disposition: attachment; filename="application-<application_id>.pdf"`.'),
        (
            Failure(errors.APPLICATION_NOT_FOUND, "no such application in the caller's region"),
            Failure(errors.MALFORMED_REQUEST, "the request does not accept `application/pdf`"),
        ),
        ("ApplicationId",),
    )
)
def printable_form(application_id: str) -> Response:
    principal = staff(bp.current_request, "reviewer")
    document = printing.reviewer_form(principal, application_id, utc_now(), ports=wiring.ports())
    return pdf_response(document, printing.filename(application_id))


@bp.route("/admin/applications/{application_id}/approve", methods=["POST"])
@endpoint
@documented(
    Op(
        "approveApplication",
        "Approve (审核通过)",
        "Only from `pending`; audited. The person becomes an approved trainee (favourites allowed). The body "
        "is optional.",
        "review",
        REVIEWER,
        json_answer("ApplicationMoved", "Approved (`status: approved`)."),
        (
            Failure(errors.APPLICATION_NOT_FOUND, "no such application in the caller's region"),
            OWN_CASE,
            NOT_PENDING,
        ),
        ("ApplicationId",),
        body=ApproveRequest,
        body_required=False,
        idempotent=True,
    )
)
def approve(application_id: str) -> Response:
    principal = staff(bp.current_request, "reviewer")
    return change(
        bp.current_request,
        principal,
        f"review:approve:{application_id}",
        lambda fields: review.decide(
            principal, application_id, "approve", fields.get("comment") or None, utc_now(), ports=wiring.ports()
        ),
        body=ApproveRequest,
    )


@bp.route("/admin/applications/{application_id}/reject", methods=["POST"])
@endpoint
@documented(
    Op(
        "rejectApplication",
        "Reject (审核不通过)",
        "Only from `pending`; audited. Frees the attachments; the person may apply again.",
        "review",
        REVIEWER,
        json_answer("ApplicationMoved", "Rejected (`status: rejected`)."),
        (
            Failure(errors.APPLICATION_NOT_FOUND, "no such application in the caller's region"),
            OWN_CASE,
            NOT_PENDING,
            validation_failed("`reason` `REQUIRED`"),
        ),
        ("ApplicationId",),
        body=RejectRequest,
        idempotent=True,
    )
)
def reject(application_id: str) -> Response:
    principal = staff(bp.current_request, "reviewer")
    return change(
        bp.current_request,
        principal,
        f"review:reject:{application_id}",
        lambda fields: review.decide(
            principal, application_id, "reject", fields["reason"], utc_now(), ports=wiring.ports()
        ),
        body=RejectRequest,  # `reason` is required: empty or missing is 422 REQUIRED
    )
