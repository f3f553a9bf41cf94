"""The applicant's side of 就业见习人员申请: submit, my cases, detail, withdraw."""

from __future__ import annotations

from typing import Any

from chalice.app import Response

from chalicelib import errors
from chalicelib.answers.applications import ApplicationDetail, ApplicationMoved, ApplicationPage, ApplicationSubmitted
from chalicelib.api import listings
from chalicelib.api.bodies import ApplicationForm
from chalicelib.api.contract import APPLICANT, PDF
from chalicelib.api.http import pdf_response
from chalicelib.api.operation import operations
from chalicelib.api.queries import MyCases
from chalicelib.api.routes import Routes
from chalicelib.domain.clock import utc_now
from chalicelib.domain.principal import Principal
from chalicelib.openapi_ops import APPLICATION_NOT_FOUND, INVALID_CURSOR, Failure, validation_failed
from chalicelib.ports import Ports
from chalicelib.services import applications, printing

routes = Routes(__name__)
operation = operations(routes)

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


@operation(
    method="POST",
    path="/applications",
    operation_id="submitApplication",
    summary="Submit the trainee application (就业见习人员申请)",
    description="One pending or approved application per person; after a withdrawal or a rejection the person may "
    "apply again, reusing the same attachments. On success the attachments are bound to the application "
    "until it is withdrawn or rejected, and `GET /v1/me` shows `trainee_status: pending`.",
    tag="applications",
    access=APPLICANT,
    body=ApplicationForm,
    answer=ApplicationSubmitted,
    answer_description="申报成功.",
    status=201,
    failures=(APPLICATION_EXISTS, validation_failed(FORM_RULES)),
    idempotent=True,
)
def submit(caller: Principal, form: dict[str, Any], ports: Ports) -> ApplicationSubmitted:
    return applications.submit(caller, form, utc_now(), ports=ports)


@operation(
    method="GET",
    path="/applications",
    operation_id="listMyApplications",
    summary="My cases (我的办件)",
    description="The caller's applications, newest first. `status` and `month` combine.",
    tag="applications",
    access=APPLICANT,
    query=MyCases,
    answer=ApplicationPage,
    answer_description="A page of my cases.",
    failures=(INVALID_CURSOR,),
)
def my_cases(caller: Principal, query: MyCases, ports: Ports) -> ApplicationPage:
    return listings.my_cases(caller, query, ports)


@operation(
    method="GET",
    path="/applications/{application_id}",
    operation_id="getMyApplication",
    summary="My case in full",
    description="The form (ID number and phone masked), `gender` and `birth_date`, the attachments' metadata "
    "(download links: `GET /v1/attachments/{attachment_id}`) and the history.",
    tag="applications",
    access=APPLICANT,
    answer=ApplicationDetail,
    answer_description="The case.",
    failures=(APPLICATION_NOT_FOUND,),
)
def case_detail(caller: Principal, application_id: str, ports: Ports) -> ApplicationDetail:
    return applications.detail_for_owner(caller, application_id, ports=ports)


@operation(
    method="GET",
    path="/applications/{application_id}/form.pdf",
    operation_id="getMyApplicationPdf",
    summary="My printable application form (打印报表)",
    description="The 就业见习人员申请表 as an A4 PDF, masked as in `GET /v1/applications/{application_id}`, in any "
    "status. Send `Accept: application/pdf` (or `*/*`): without it the answer is 400 `MALFORMED_REQUEST`, "
    "as API Gateway returns binary bodies only to clients that accept them. Errors are JSON.",
    tag="applications",
    access=APPLICANT,
    answer=PDF,
    answer_description='The PDF, `Content-Disposition: attachment; filename="application-<application_id>.pdf"`.',
    failures=(
        APPLICATION_NOT_FOUND,
        Failure(errors.MALFORMED_REQUEST, "the request does not accept `application/pdf`"),
    ),
)
def printable_form(caller: Principal, application_id: str, ports: Ports) -> Response:
    form = printing.owner_form(caller, application_id, utc_now(), ports=ports)
    return pdf_response(form, printing.filename(application_id))


@operation(
    method="POST",
    path="/applications/{application_id}/withdraw",
    operation_id="withdrawApplication",
    summary="Withdraw my application (撤回)",
    description="Only from `pending`. Races with a review: exactly one wins; the other gets 409. Frees the "
    "attachments and lets the person apply again. No body.",
    tag="applications",
    access=APPLICANT,
    answer=ApplicationMoved,
    answer_description="Withdrawn (`status: withdrawn`).",
    failures=(
        APPLICATION_NOT_FOUND,
        Failure(errors.NOT_WITHDRAWABLE, "the application is not `pending` (also when a review won the race)"),
    ),
    idempotent=True,
)
def withdraw(caller: Principal, application_id: str, ports: Ports) -> ApplicationMoved:
    return applications.withdraw(caller, application_id, utc_now(), ports=ports)
