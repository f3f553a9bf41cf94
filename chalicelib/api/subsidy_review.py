"""补贴审核, 公示管理 and 拨付, the agency's side: claims of the region, the audited detail, approve (公示) or reject,
the objections and their ruling, the payment, and the 补贴表 as XLSX."""

from __future__ import annotations

from typing import Any

from chalice.app import Response

from chalicelib import errors
from chalicelib.answers import publicity
from chalicelib.answers import subsidies as answers
from chalicelib.api.contract import XLSX, staff_access
from chalicelib.api.operation import operations
from chalicelib.api.queries import NoQuery
from chalicelib.api.routes import Routes
from chalicelib.api.subsidy_bodies import ClaimApproval, ClaimRejection, Disbursement, ObjectionRuling
from chalicelib.api.subsidy_listings import agency_claims
from chalicelib.api.subsidy_queries import AgencyClaims
from chalicelib.domain.clock import utc_now
from chalicelib.domain.principal import Principal
from chalicelib.openapi_ops import INVALID_CURSOR, Failure, validation_failed
from chalicelib.ports import Ports
from chalicelib.services import subsidy_claims, subsidy_notices, subsidy_tables

routes = Routes(__name__)
operation = operations(routes)

REVIEWER = staff_access("reviewer")
NOT_IN_REGION = Failure(errors.CLAIM_NOT_FOUND, "no such claim in the caller's region")
OWN = Failure(errors.OWN_SUBSIDY_CLAIM, "the staff member is one of the claim's trainees")
OWN_UNIT = Failure(errors.OWN_UNIT_SUBSIDY_CLAIM, "the staff member applied for the unit's recognition as its agent")
# What every route that reaches a claim through `_claim` (services' staff_claim) may refuse.
STAFF_CLAIM = (NOT_IN_REGION, OWN, OWN_UNIT)
CHANGED = Failure(errors.CLAIM_CHANGED, "another decision or an objection changed the claim at the same moment")


def _claim(caller: Principal, claim_id: str, ports: Ports, action: str) -> Any:
    """The claim a reviewer acts on; `action` names the step in the audit record of a refused own case."""
    return subsidy_claims.staff_claim(caller, claim_id, action, utc_now(), ports=ports)


def xlsx_response(body: bytes, filename: str) -> Response:
    from urllib.parse import quote

    return Response(
        body=body,
        status_code=200,
        headers={
            "Content-Type": subsidy_tables.XLSX,
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename, safe='')}",
            "Cache-Control": "private, no-store",
        },
    )


@operation(
    method="GET",
    path="/admin/subsidy-claims",
    operation_id="listSubsidyClaims",
    summary="Claims of my region (补贴审核)",
    description="Claims whose trainees' county lies in the caller's region, newest first; `status`, `county` and "
    "`month` (of submission) combine.",
    tag="subsidies-admin",
    access=REVIEWER,
    query=AgencyClaims,
    answer=answers.ClaimPage,
    answer_description="A page of claims.",
    failures=(
        INVALID_CURSOR,
        Failure(errors.INVALID_COUNTY, "unknown `county`"),
        Failure(errors.COUNTY_OUTSIDE_REGION, "`county` lies outside the caller's region"),
    ),
)
def list_claims(caller: Principal, query: AgencyClaims, ports: Ports) -> Any:
    return agency_claims(caller, query, ports)


@operation(
    method="GET",
    path="/admin/subsidy-claims/{claim_id}",
    operation_id="reviewSubsidyClaim",
    summary="A claim in full, bank account unmasked (audited)",
    description="Each read is written to the audit log before it is answered. Trainees' ID numbers stay masked.",
    tag="subsidies-admin",
    access=REVIEWER,
    query=NoQuery,
    answer=answers.Claim,
    answer_description="The claim.",
    failures=STAFF_CLAIM,
)
def claim_detail(caller: Principal, claim_id: str, ports: Ports) -> Any:
    claim = subsidy_claims.audited_detail(caller, claim_id, utc_now(), ports=ports)
    return answers.claim(claim, unmasked_account=True)


@operation(
    method="POST",
    path="/admin/subsidy-claims/{claim_id}/approve",
    operation_id="approveSubsidyClaim",
    summary="Approve: the claim goes to 公示",
    description="Only from `submitted`. `publicity_start` is the next working day (China time), `publicity_end` "
    "the last of the policy's 5 working days. The unit is told (message and SMS).",
    tag="subsidies-admin",
    access=REVIEWER,
    body=ClaimApproval,
    body_required=False,
    answer=answers.Claim,
    answer_description="In 公示 (`status: publicised`).",
    failures=(
        *STAFF_CLAIM,
        CHANGED,
        Failure(errors.CLAIM_NOT_SUBMITTED, "the claim is not `submitted`"),
    ),
    idempotent=True,
)
def approve(caller: Principal, claim_id: str, decision: dict[str, Any], ports: Ports) -> Any:
    claim = _claim(caller, claim_id, ports, "approve_subsidy_claim")
    approved = subsidy_claims.approve(claim, decision.get("comment"), utc_now(), ports=ports)
    return answers.claim(approved)


@operation(
    method="POST",
    path="/admin/subsidy-claims/{claim_id}/reject",
    operation_id="rejectSubsidyClaim",
    summary="Reject: the lines may be claimed again",
    description="Only from `submitted`. Frees every line (and unlocks the months' 考勤). The unit is told.",
    tag="subsidies-admin",
    access=REVIEWER,
    body=ClaimRejection,
    answer=answers.Claim,
    answer_description="Rejected (`status: rejected`).",
    failures=(
        *STAFF_CLAIM,
        CHANGED,
        Failure(errors.CLAIM_NOT_SUBMITTED, "the claim is not `submitted`"),
        validation_failed("`reason` `REQUIRED`"),
    ),
    idempotent=True,
)
def reject(caller: Principal, claim_id: str, decision: dict[str, Any], ports: Ports) -> Any:
    claim = _claim(caller, claim_id, ports, "reject_subsidy_claim")
    rejected = subsidy_claims.reject(claim, decision["reason"], utc_now(), ports=ports)
    return answers.claim(rejected)


@operation(
    method="GET",
    path="/admin/subsidy-claims/{claim_id}/objections",
    operation_id="listObjections",
    summary="Objections to a claim's 公示",
    description="Oldest first; the objector's name and phone masked.",
    tag="subsidies-admin",
    access=REVIEWER,
    query=NoQuery,
    answer=publicity.ObjectionList,
    answer_description="The objections.",
    failures=STAFF_CLAIM,
)
def list_objections(caller: Principal, claim_id: str, ports: Ports) -> Any:
    claim = _claim(caller, claim_id, ports, "list_objections")
    return publicity.ObjectionList(items=[publicity.objection(o) for o in ports.subsidies.objections(claim.claim_id)])


@operation(
    method="POST",
    path="/admin/subsidy-claims/{claim_id}/objections/{objection_id}/resolve",
    operation_id="resolveObjection",
    summary="Rule on an objection",
    description="`upheld: false` dismisses it (the 公示 runs on); `upheld: true` sends the claim back to review "
    "(`submitted`, out of the notices) and tells the unit.",
    tag="subsidies-admin",
    access=REVIEWER,
    body=ObjectionRuling,
    answer=publicity.Objection,
    answer_description="The objection as ruled.",
    failures=(
        *STAFF_CLAIM,
        CHANGED,
        Failure(errors.OBJECTION_NOT_FOUND, "no such objection to this claim"),
        Failure(errors.OBJECTION_RESOLVED, "ruled on already"),
        Failure(errors.CLAIM_NOT_PUBLICISED, "the claim is not in 公示"),
    ),
    idempotent=True,
)
def resolve(caller: Principal, claim_id: str, objection_id: str, ruling: dict[str, Any], ports: Ports) -> Any:
    claim, decided = _claim(caller, claim_id, ports, "resolve_objection"), (ruling["upheld"], ruling.get("note") or "")
    ruled = subsidy_notices.resolve(claim, objection_id, decided, caller.subject, utc_now(), ports=ports)
    return publicity.objection(ruled)


@operation(
    method="POST",
    path="/admin/subsidy-claims/{claim_id}/disburse",
    operation_id="disburseSubsidyClaim",
    summary="拨付: record the payment",
    description="Only after the 公示 ended (the day after `publicity_end`, China time) with no objection open or "
    "upheld: before that 409 `PUBLICITY_NOT_OVER`. The unit is told (message and SMS).",
    tag="subsidies-admin",
    access=REVIEWER,
    body=Disbursement,
    answer=answers.Claim,
    answer_description="Paid (`status: paid`).",
    failures=(
        *STAFF_CLAIM,
        CHANGED,
        Failure(errors.PUBLICITY_NOT_OVER, "in 公示, not approved, or an objection open or upheld"),
        Failure(errors.ALREADY_PAID, "paid before"),
        validation_failed("`paid_on` `INVALID_DATE`, `IN_THE_FUTURE`; `voucher_no` `REQUIRED`"),
    ),
    idempotent=True,
)
def disburse(caller: Principal, claim_id: str, payment: dict[str, Any], ports: Ports) -> Any:
    claim = _claim(caller, claim_id, ports, "disburse_subsidy_claim")
    paid = subsidy_claims.disburse(claim, payment["voucher_no"], payment["paid_on"], utc_now(), ports=ports)
    return answers.claim(paid)


@operation(
    method="GET",
    path="/admin/subsidy-claims/{claim_id}/table.xlsx",
    operation_id="subsidyClaimTable",
    summary="The 补贴表 as XLSX",
    description="Send `Accept: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet` (or `*/*`): "
    "without it the answer is 400. 序号, 姓名, 身份证号 (masked: the table is attached to the 公示), 补贴类别, 月份, "
    "补贴标准, 应出勤天数, "
    "实际出勤天数, 保单号, 补贴金额, and the 合计 row.",
    tag="subsidies-admin",
    access=REVIEWER,
    query=NoQuery,
    answer=XLSX,
    answer_description="The workbook, `Content-Disposition: attachment; filename*=UTF-8''补贴表-<claim_id>.xlsx`.",
    failures=(*STAFF_CLAIM, Failure(errors.MALFORMED_REQUEST, "the request does not accept XLSX")),
)
def claim_table(caller: Principal, claim_id: str, ports: Ports) -> Response:
    body = subsidy_tables.claim_table(_claim(caller, claim_id, ports, "subsidy_table"))
    return xlsx_response(body, f"补贴表-{claim_id}.xlsx")
