"""The agency's side: the review queue of the region, the unmasked case, approve and reject."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from chalicelib.api import cursor, parsing
from chalicelib.api.applications import LIST_RULES
from chalicelib.api.http import endpoint, json_response, mutation, pdf_response, staff
from chalicelib.api.parsing import Field, Kind
from chalicelib.domain.clock import utc_now
from chalicelib.domain.regions import shanxi
from chalicelib.errors import FieldProblem, validation_failed
from chalicelib.services import printing, review
from chalicelib.services.positions import invalid_region

bp = Blueprint(__name__)

COMMENT_MAX = 500
APPROVE_FIELDS = {"comment": Field(Kind.TEXT, required=False, max_length=COMMENT_MAX)}
REJECT_FIELDS = {"reason": Field(Kind.TEXT, max_length=COMMENT_MAX)}


def county_rule(value: str) -> str:
    if shanxi().locality(value) is None:
        raise invalid_region("县区代码不是山西省的县（市、区）或市本级代码")
    return value


@bp.route("/admin/applications", methods=["GET"])
@endpoint
def review_queue() -> Response:
    principal = staff(bp.current_request, "reviewer")
    params = parsing.query(bp.current_request.query_params, {**LIST_RULES, "county": county_rule})
    filters = {name: params.get(name) for name in ("status", "month", "county")}
    query = cursor.query_identity("admin/applications", region=principal.region, **filters)
    items, next_key = review.queue(
        principal,
        **filters,
        limit=params.get("limit", parsing.DEFAULT_LIMIT),
        start_key=cursor.decode(params.get("cursor"), query),
    )
    return json_response({"items": items, "next_cursor": cursor.encode(next_key, query)})


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
    body = parsing.json_object(bp.current_request)
    comment = parsing.fields(body, APPROVE_FIELDS).get("comment") or None
    return mutation(
        bp.current_request,
        principal,
        f"review:approve:{application_id}",
        body,
        lambda: (200, review.decide(principal, application_id, "approve", comment, utc_now())),
    )


@bp.route("/admin/applications/{application_id}/reject", methods=["POST"])
@endpoint
def reject(application_id: str) -> Response:
    principal = staff(bp.current_request, "reviewer")
    body = parsing.json_object(bp.current_request)
    reason = parsing.fields(body, REJECT_FIELDS)["reason"]
    if not reason:
        raise validation_failed([FieldProblem("reason", "REQUIRED", "请填写审核不通过的原因")])
    return mutation(
        bp.current_request,
        principal,
        f"review:reject:{application_id}",
        body,
        lambda: (200, review.decide(principal, application_id, "reject", reason, utc_now())),
    )
