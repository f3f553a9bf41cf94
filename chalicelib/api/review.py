"""The agency's side: the review queue of the region, the unmasked case, approve and reject."""

from __future__ import annotations

from chalice.app import Response

from chalicelib import errors
from chalicelib.answers.applications import ApplicationMoved, ApplicationPage, ApplicationReviewDetail
from chalicelib.api import listings
from chalicelib.api.bodies import ApproveRequest, RejectRequest
from chalicelib.api.contract import PDF, staff_access
from chalicelib.api.http import pdf_response
from chalicelib.api.operation import operations
from chalicelib.api.queries import ReviewQueue
from chalicelib.api.routes import Routes
from chalicelib.domain.clock import utc_now
from chalicelib.domain.principal import Principal
from chalicelib.openapi_ops import INVALID_CURSOR, Failure, validation_failed
from chalicelib.ports import Ports
from chalicelib.services import printing, review

routes = Routes(__name__)
operation = operations(routes)

REVIEWER = staff_access("reviewer")
NOT_PENDING = Failure(
    errors.NOT_PENDING,
    "the application is not `pending` (also when a withdrawal or another decision won the race)",
)
OWN_CASE = Failure(
    errors.OWN_APPLICATION,
    "the reviewer is the applicant (same `sub` or same `id_number`); the refusal is audited",
)
NOT_IN_REGION = Failure(errors.APPLICATION_NOT_FOUND, "no such application in the caller's region")


@operation(
    method="GET",
    path="/admin/applications",
    operation_id="reviewQueue",
    summary="Applications of my region (审核)",
    description="Applications whose locality lies in the reviewer's region, newest first. `status`, `month` and "
    "`county` combine.",
    tag="review",
    access=REVIEWER,
    query=ReviewQueue,
    answer=ApplicationPage,
    answer_description="A page of applications.",
    failures=(
        INVALID_CURSOR,
        Failure(errors.INVALID_COUNTY, "unknown `county`"),
        Failure(errors.COUNTY_OUTSIDE_REGION, "`county` lies outside the caller's region"),
    ),
)
def review_queue(caller: Principal, query: ReviewQueue, ports: Ports) -> ApplicationPage:
    return listings.review_queue(caller, query, ports)


@operation(
    method="GET",
    path="/admin/applications/{application_id}",
    operation_id="reviewApplication",
    summary="An application in full, unmasked",
    description="ID number and phone unmasked, a short-lived `download_url` per attachment. Each read is written "
    "to the audit log before it is answered: if the audit write fails, the case is not shown.",
    tag="review",
    access=REVIEWER,
    answer=ApplicationReviewDetail,
    answer_description="The case.",
    failures=(NOT_IN_REGION,),
)
def case_detail(caller: Principal, application_id: str, ports: Ports) -> ApplicationReviewDetail:
    return review.detail(caller, application_id, utc_now(), ports=ports)


@operation(
    method="GET",
    path="/admin/applications/{application_id}/form.pdf",
    operation_id="reviewApplicationPdf",
    summary="The printable application form, unmasked",
    description="The 就业见习人员申请表 as an A4 PDF with the ID number and phone unmasked; each read is written to "
    "the audit log. Send `Accept: application/pdf` (or `*/*`), as for the applicant's PDF.",
    tag="review",
    access=REVIEWER,
    answer=PDF,
    answer_description='The PDF, `Content-Disposition: attachment; filename="application-<application_id>.pdf"`.',
    failures=(NOT_IN_REGION, Failure(errors.MALFORMED_REQUEST, "the request does not accept `application/pdf`")),
)
def printable_form(caller: Principal, application_id: str, ports: Ports) -> Response:
    form = printing.reviewer_form(caller, application_id, utc_now(), ports=ports)
    return pdf_response(form, printing.filename(application_id))


@operation(
    method="POST",
    path="/admin/applications/{application_id}/approve",
    operation_id="approveApplication",
    summary="Approve (审核通过)",
    description="Only from `pending`; audited. The person becomes an approved trainee (favourites allowed). The "
    "body is optional.",
    tag="review",
    access=REVIEWER,
    body=ApproveRequest,
    body_required=False,
    answer=ApplicationMoved,
    answer_description="Approved (`status: approved`).",
    failures=(NOT_IN_REGION, OWN_CASE, NOT_PENDING),
    idempotent=True,
)
def approve(caller: Principal, application_id: str, decision: ApproveRequest, ports: Ports) -> ApplicationMoved:
    return review.decide(caller, application_id, "approve", decision.comment or None, utc_now(), ports=ports)


@operation(
    method="POST",
    path="/admin/applications/{application_id}/reject",
    operation_id="rejectApplication",
    summary="Reject (审核不通过)",
    description="Only from `pending`; audited. Frees the attachments; the person may apply again.",
    tag="review",
    access=REVIEWER,
    body=RejectRequest,  # `reason` is required: empty or missing is 422 REQUIRED
    answer=ApplicationMoved,
    answer_description="Rejected (`status: rejected`).",
    failures=(NOT_IN_REGION, OWN_CASE, NOT_PENDING, validation_failed("`reason` `REQUIRED`")),
    idempotent=True,
)
def reject(caller: Principal, application_id: str, decision: RejectRequest, ports: Ports) -> ApplicationMoved:
    return review.decide(caller, application_id, "reject", decision.reason, utc_now(), ports=ports)
