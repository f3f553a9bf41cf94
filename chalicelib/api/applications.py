"""The applicant's side of 就业见习人员申请: submit, my cases, detail, withdraw."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from chalicelib.api import cursor, parsing
from chalicelib.api.bodies import ApplicationForm
from chalicelib.api.conventions import DEFAULT_LIMIT
from chalicelib.api.http import applicant, change, endpoint, json_response, page, pdf_response
from chalicelib.domain.clock import utc_now
from chalicelib.domain.vocabulary import STATUS_LABELS
from chalicelib.services import applications, printing

bp = Blueprint(__name__)

LIST_RULES: dict[str, parsing.QueryRule] = {
    "status": parsing.one_of("status", STATUS_LABELS, "审核状态不在可选范围内"),
    "month": parsing.month_rule,
    "limit": parsing.limit_rule,
    "cursor": parsing.cursor_rule,
}


@bp.route("/applications", methods=["POST"])
@endpoint
def submit() -> Response:
    principal = applicant(bp.current_request)
    return change(
        bp.current_request,
        principal,
        "applications:submit",
        lambda form: applications.submit(principal, form, utc_now()),
        body=ApplicationForm,
        status=201,
    )


@bp.route("/applications", methods=["GET"])
@endpoint
def my_cases() -> Response:
    principal = applicant(bp.current_request)
    params = parsing.query(bp.current_request.query_params, LIST_RULES)
    filters = {"status": params.get("status"), "month": params.get("month")}
    query = cursor.query_identity("applications", subject=principal.subject, **filters)
    limit = params.get("limit", DEFAULT_LIMIT)
    return page(
        query,
        params.get("cursor"),
        lambda start: applications.my_cases(principal, **filters, limit=limit, start_key=start),
    )


@bp.route("/applications/{application_id}", methods=["GET"])
@endpoint
def case_detail(application_id: str) -> Response:
    principal = applicant(bp.current_request)
    return json_response(applications.detail_for_owner(principal, application_id))


@bp.route("/applications/{application_id}/form.pdf", methods=["GET"])
@endpoint
def printable_form(application_id: str) -> Response:
    principal = applicant(bp.current_request)
    document = printing.owner_form(principal, application_id, utc_now())
    return pdf_response(document, printing.filename(application_id))


@bp.route("/applications/{application_id}/withdraw", methods=["POST"])
@endpoint
def withdraw(application_id: str) -> Response:
    principal = applicant(bp.current_request)
    return change(
        bp.current_request,
        principal,
        f"applications:withdraw:{application_id}",
        lambda _: applications.withdraw(principal, application_id, utc_now()),
    )
