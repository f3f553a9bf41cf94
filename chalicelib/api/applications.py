"""The applicant's side of 就业见习人员申请: submit, my cases, detail, withdraw."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint, Response

from chalicelib import errors
from chalicelib.api import cursor, parsing
from chalicelib.api.bodies import ApplicationForm
from chalicelib.api.conventions import DEFAULT_LIMIT
from chalicelib.api.http import applicant, change, endpoint, json_response, page, pdf_response
from chalicelib.domain.clock import utc_now
from chalicelib.domain.vocabulary import STATUS_LABELS
from chalicelib.openapi_ops import (
    APPLICANT,
    APPLICATION_NOT_FOUND,
    INVALID_CURSOR,
    Failure,
    Op,
    documented,
    validation_failed,
)
from chalicelib.openapi_schema import json_answer, pdf_answer
from chalicelib.services import applications, printing

bp = Blueprint(__name__)

APPLICATION_EXISTS = Failure(
    errors.APPLICATION_EXISTS,
    "the caller already has a pending or approved application (checked before any field rule); `details`: field "
    "`application_id`, code `LIVE_APPLICATION`, the message ending with that case's id",
)
FORM_RULES = (
    "`name` `NOT_YOURS`/`TOO_LONG`; `id_number` `INVALID_FORMAT`/`INVALID_BIRTH_DATE`/`INVALID_CHECKSUM`/"
    "`NOT_YOURS`; `phone` `INVALID_PHONE`; `education` `UNKNOWN_VALUE`; `locality` `INVALID_REGION`; "
    "`person_category` `UNKNOWN_VALUE`/`NOT_ELIGIBLE`; `school`, `major`, `graduation_date` `REQUIRED` "
    "(graduates)/`TOO_LONG`; `graduation_date` `INVALID_DATE`/`IN_THE_FUTURE`/`NOT_ELIGIBLE`; `address` "
    "`TOO_LONG`; `attachments` as described in `ApplicationForm` (also `ATTACHMENT_IN_USE` when another "
    "application took one meanwhile); any required field `REQUIRED`"
)

LIST_RULES: dict[str, parsing.QueryRule] = {
    "status": parsing.one_of("status", STATUS_LABELS, "审核状态不在可选范围内"),
    "month": parsing.month_rule,
    "limit": parsing.limit_rule,
    "cursor": parsing.cursor_rule,
}


@bp.route("/applications", methods=["POST"])
@endpoint
@documented(
    Op(
        "submitApplication",
        "Submit the trainee application (就业见习人员申请)",
        "One pending or approved application per person; after a withdrawal or a rejection the person may "
        "apply again, reusing the same attachments. On success the attachments are bound to the application "
        "until it is withdrawn or rejected, and `GET /v1/me` shows `trainee_status: pending`.",
        "applications",
        APPLICANT,
        json_answer("ApplicationSubmitted", "申报成功.", status=201),
        (APPLICATION_EXISTS, validation_failed(FORM_RULES)),
        body=ApplicationForm,
        idempotent=True,
    )
)
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
@documented(
    Op(
        "listMyApplications",
        "My cases (我的办件)",
        "The caller's applications, newest first. `status` and `month` combine.",
        "applications",
        APPLICANT,
        json_answer("ApplicationPage", "A page of my cases."),
        (INVALID_CURSOR,),
        ("StatusFilter", "MonthFilter", "Limit", "Cursor"),
        query=True,
    )
)
def my_cases() -> Response:
    principal = applicant(bp.current_request)
    params = parsing.query(bp.current_request.query_params, LIST_RULES)
    filters: dict[str, Any] = {"status": params.get("status"), "month": params.get("month")}
    query = cursor.query_identity("applications", subject=principal.subject, **filters)
    limit = params.get("limit", DEFAULT_LIMIT)
    return page(
        query,
        params.get("cursor"),
        lambda start: applications.my_cases(principal, **filters, limit=limit, start_key=start),
    )


@bp.route("/applications/{application_id}", methods=["GET"])
@endpoint
@documented(
    Op(
        "getMyApplication",
        "My case in full",
        "The form (ID number and phone masked), `gender` and `birth_date`, the attachments' metadata (download "
        "links: `GET /v1/attachments/{attachment_id}`) and the history.",
        "applications",
        APPLICANT,
        json_answer("ApplicationDetail", "The case."),
        (APPLICATION_NOT_FOUND,),
        ("ApplicationId",),
    )
)
def case_detail(application_id: str) -> Response:
    principal = applicant(bp.current_request)
    return json_response(applications.detail_for_owner(principal, application_id))


@bp.route("/applications/{application_id}/form.pdf", methods=["GET"])
@endpoint
@documented(
    Op(
        "getMyApplicationPdf",
        "My printable application form (打印报表)",
        "The 就业见习人员申请表 as an A4 PDF, masked as in `GET /v1/applications/{application_id}`, in any "
        "status. Send `Accept: application/pdf` (or `*/*`): without it the answer is 400 `MALFORMED_REQUEST`, "
        "as API Gateway returns binary bodies only to clients that accept them. Errors are JSON.",
        "applications",
        APPLICANT,
        pdf_answer('The PDF, `Content-Disposition: attachment; filename="application-<application_id>.pdf"`.'),
        (
            APPLICATION_NOT_FOUND,
            Failure(errors.MALFORMED_REQUEST, "the request does not accept `application/pdf`"),
        ),
        ("ApplicationId",),
    )
)
def printable_form(application_id: str) -> Response:
    principal = applicant(bp.current_request)
    document = printing.owner_form(principal, application_id, utc_now())
    return pdf_response(document, printing.filename(application_id))


@bp.route("/applications/{application_id}/withdraw", methods=["POST"])
@endpoint
@documented(
    Op(
        "withdrawApplication",
        "Withdraw my application (撤回)",
        "Only from `pending`. Races with a review: exactly one wins; the other gets 409. Frees the "
        "attachments and lets the person apply again. No body.",
        "applications",
        APPLICANT,
        json_answer("ApplicationMoved", "Withdrawn (`status: withdrawn`)."),
        (
            APPLICATION_NOT_FOUND,
            Failure(
                errors.NOT_WITHDRAWABLE,
                "the application is not `pending` (also when a review won the race)",
            ),
        ),
        ("ApplicationId",),
        idempotent=True,
    )
)
def withdraw(application_id: str) -> Response:
    principal = applicant(bp.current_request)
    return change(
        bp.current_request,
        principal,
        f"applications:withdraw:{application_id}",
        lambda _: applications.withdraw(principal, application_id, utc_now()),
    )
