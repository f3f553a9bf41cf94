"""The agency's side: the review queue of the region, the unmasked case, approve and reject."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from chalicelib.api import cursor, parsing
from chalicelib.api.applications import LIST_RULES
from chalicelib.api.bodies import ApproveRequest, RejectRequest
from chalicelib.api.conventions import DEFAULT_LIMIT
from chalicelib.api.http import change, endpoint, json_response, page, pdf_response, staff
from chalicelib.domain.clock import utc_now
from chalicelib.domain.regions import shanxi
from chalicelib.errors import INVALID_COUNTY
from chalicelib.services import printing, review

bp = Blueprint(__name__)


def county_rule(value: str) -> str:
    if shanxi().locality(value) is None:
        raise INVALID_COUNTY()
    return value


@bp.route("/admin/applications", methods=["GET"])
@endpoint
def review_queue() -> Response:
    principal = staff(bp.current_request, "reviewer")
    params = parsing.query(bp.current_request.query_params, {**LIST_RULES, "county": county_rule})
    filters = {name: params.get(name) for name in ("status", "month", "county")}
    query = cursor.query_identity("admin/applications", region=principal.region, **filters)
    limit = params.get("limit", DEFAULT_LIMIT)
    return page(
        query, params.get("cursor"), lambda start: review.queue(principal, **filters, limit=limit, start_key=start)
    )


@bp.route("/admin/applications/{application_id}", methods=["GET"])
@endpoint
def case_detail(application_id: str) -> Response:
    principal = staff(bp.current_request, "reviewer")
    return json_response(review.detail(principal, application_id, utc_now()))


@bp.route("/admin/applications/{application_id}/form.pdf", methods=["GET"])
@endpoint
def printable_form(application_id: str) -> Response:
    principal = staff(bp.current_request, "reviewer")
    document = printing.reviewer_form(principal, application_id, utc_now())
    return pdf_response(document, printing.filename(application_id))


@bp.route("/admin/applications/{application_id}/approve", methods=["POST"])
@endpoint
def approve(application_id: str) -> Response:
    principal = staff(bp.current_request, "reviewer")
    return change(
        bp.current_request,
        principal,
        f"review:approve:{application_id}",
        lambda fields: review.decide(principal, application_id, "approve", fields.get("comment") or None, utc_now()),
        body=ApproveRequest,
    )


@bp.route("/admin/applications/{application_id}/reject", methods=["POST"])
@endpoint
def reject(application_id: str) -> Response:
    principal = staff(bp.current_request, "reviewer")
    return change(
        bp.current_request,
        principal,
        f"review:reject:{application_id}",
        lambda fields: review.decide(principal, application_id, "reject", fields["reason"], utc_now()),
        body=RejectRequest,  # `reason` is required: empty or missing is 422 REQUIRED
    )
