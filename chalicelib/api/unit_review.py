"""The agency's side of issue 19 (role `reviewer`, inside its region): 单位审核 (recognise, reject, revoke units)
and 岗位审核 (approve or reject the positions units publish)."""

from __future__ import annotations

from typing import Any

from chalicelib import errors
from chalicelib.answers import units as unit_answers
from chalicelib.answers.positions import Position
from chalicelib.api import unit_listings
from chalicelib.api.bodies import ApproveRequest, RejectRequest
from chalicelib.api.contract import staff_access
from chalicelib.api.operation import operations
from chalicelib.api.routes import Routes
from chalicelib.api.unit_queries import PositionReviewQueue, UnitQueue
from chalicelib.domain.clock import utc_now
from chalicelib.domain.principal import Principal
from chalicelib.openapi_ops import INVALID_CURSOR, Failure, validation_failed
from chalicelib.ports import Ports
from chalicelib.services import unit_positions, unit_review

routes = Routes(__name__)
operation = operations(routes)

REVIEWER = staff_access("reviewer")
UNIT_NOT_IN_REGION = Failure(errors.UNIT_NOT_FOUND, "no unit with this credit code applied in the caller's region")
OWN_UNIT = Failure(errors.OWN_UNIT, "the credit code is the one in the reviewer's own token; the refusal is audited")
NOT_PENDING = Failure(errors.UNIT_NOT_PENDING, "the unit's application is not pending (another move won the race)")
REASON = validation_failed("`reason` `REQUIRED`")
QUEUE_FAILURES = (
    INVALID_CURSOR,
    Failure(errors.INVALID_COUNTY, "unknown `county`"),
    Failure(errors.COUNTY_OUTSIDE_REGION, "`county` lies outside the caller's region"),
)
POSITION_NOT_IN_REGION = Failure(errors.POSITION_NOT_FOUND, "no unit's position with this id in the caller's region")
POSITION_NOT_PENDING = Failure(errors.POSITION_NOT_PENDING_REVIEW, "the position is not `pending_review`")


@operation(
    method="GET",
    path="/admin/units",
    operation_id="unitQueue",
    summary="Units' applications of my region (单位审核)",
    description="见习单位认定申请 whose 业务办理属地 lies in the reviewer's region, newest first; `status`, `month` "
    "and `county` combine.",
    tag="review",
    access=REVIEWER,
    query=UnitQueue,
    answer=unit_answers.RecognitionPage,
    answer_description="A page of applications.",
    failures=QUEUE_FAILURES,
)
def unit_queue(caller: Principal, query: UnitQueue, ports: Ports) -> Any:
    return unit_listings.unit_queue(caller, query, ports)


@operation(
    method="GET",
    path="/admin/units/{credit_code}",
    operation_id="reviewUnit",
    summary="A unit and its latest application, unmasked",
    description="The contact's phone unmasked, a short-lived `download_url` per attachment (营业执照). Each read "
    "is written to the audit log before it is answered.",
    tag="review",
    access=REVIEWER,
    answer=unit_answers.UnitReviewDetail,
    answer_description="The unit.",
    failures=(UNIT_NOT_IN_REGION,),
)
def unit_detail(caller: Principal, credit_code: str, ports: Ports) -> Any:
    return unit_review.detail(caller, credit_code, utc_now(), ports=ports)


@operation(
    method="POST",
    path="/admin/units/{credit_code}/approve",
    operation_id="recogniseUnit",
    summary="Recognise (认定)",
    description="Only a pending application; audited. The unit becomes a 见习单位 with a quota of ⌊insured staff "
    "× 30%⌋ headcount (at least 1), and is told in its 消息中心 and by SMS. The body is optional.",
    tag="review",
    access=REVIEWER,
    body=ApproveRequest,
    body_required=False,
    answer=unit_answers.RecognitionSummary,
    answer_description="Recognised (`status: recognised`).",
    failures=(UNIT_NOT_IN_REGION, OWN_UNIT, NOT_PENDING),
    idempotent=True,
)
def approve(caller: Principal, credit_code: str, decision: dict[str, Any], ports: Ports) -> Any:
    comment = decision.get("comment") or None
    return unit_review.decide(caller, credit_code, "approve", comment, utc_now(), ports=ports)


@operation(
    method="POST",
    path="/admin/units/{credit_code}/reject",
    operation_id="rejectUnit",
    summary="Reject (审核不通过)",
    description="Only a pending application; audited. The unit is told the reason and may apply again.",
    tag="review",
    access=REVIEWER,
    body=RejectRequest,
    answer=unit_answers.RecognitionSummary,
    answer_description="Rejected (`status: rejected`).",
    failures=(UNIT_NOT_IN_REGION, OWN_UNIT, NOT_PENDING, REASON),
    idempotent=True,
)
def reject(caller: Principal, credit_code: str, decision: dict[str, Any], ports: Ports) -> Any:
    return unit_review.decide(caller, credit_code, "reject", decision["reason"], utc_now(), ports=ports)


@operation(
    method="POST",
    path="/admin/units/{credit_code}/revoke",
    operation_id="revokeUnit",
    summary="Revoke a recognition (撤销)",
    description="Only a recognised unit; audited. Its open and pending positions close (their favouriters are "
    "told, as when staff close one) and it is told the reason. Revoking a revoked unit again closes whatever "
    "a failure left open.",
    tag="review",
    access=REVIEWER,
    body=RejectRequest,
    answer=unit_answers.RecognitionSummary,
    answer_description="Revoked (`status: revoked`).",
    failures=(
        UNIT_NOT_IN_REGION,
        OWN_UNIT,
        Failure(errors.UNIT_NOT_RECOGNISED_YET, "the unit is not recognised"),
        Failure(errors.POSITION_CHANGED, "one of its positions changed while it was being closed: revoke again"),
        REASON,
    ),
    idempotent=True,
)
def revoke(caller: Principal, credit_code: str, decision: dict[str, Any], ports: Ports) -> Any:
    return unit_review.decide(caller, credit_code, "revoke", decision["reason"], utc_now(), ports=ports)


@operation(
    method="GET",
    path="/admin/positions",
    operation_id="positionReviewQueue",
    summary="Positions awaiting review (岗位审核)",
    description="The positions units published that await review in the reviewer's region, oldest first, in "
    "full (the text to approve).",
    tag="review",
    access=REVIEWER,
    query=PositionReviewQueue,
    answer=unit_answers.ReviewPositionPage,
    answer_description="A page of positions.",
    failures=QUEUE_FAILURES,
)
def position_queue(caller: Principal, query: PositionReviewQueue, ports: Ports) -> Any:
    return unit_listings.position_review_queue(caller, query, utc_now(), ports)


@operation(
    method="POST",
    path="/admin/positions/{position_id}/approve",
    operation_id="approvePosition",
    summary="Approve a unit's position",
    description="Only `pending_review`. It becomes `open`: in search, counts and the keyword index; the unit is "
    "told. The body is optional.",
    tag="review",
    access=REVIEWER,
    body=ApproveRequest,
    body_required=False,
    answer=Position,
    answer_description="Approved (`status: open`).",
    failures=(POSITION_NOT_IN_REGION, OWN_UNIT, POSITION_NOT_PENDING),
    idempotent=True,
)
def approve_position(caller: Principal, position_id: str, decision: dict[str, Any], ports: Ports) -> Any:
    return unit_positions.decide(caller, position_id, True, None, utc_now(), ports=ports)


@operation(
    method="POST",
    path="/admin/positions/{position_id}/reject",
    operation_id="rejectPosition",
    summary="Reject a unit's position",
    description="Only `pending_review`. It becomes `rejected` (seen only by the unit and the agency), gives its "
    "headcount back to the quota, and the unit is told the reason.",
    tag="review",
    access=REVIEWER,
    body=RejectRequest,
    answer=Position,
    answer_description="Rejected (`status: rejected`).",
    failures=(POSITION_NOT_IN_REGION, OWN_UNIT, POSITION_NOT_PENDING, REASON),
    idempotent=True,
)
def reject_position(caller: Principal, position_id: str, decision: dict[str, Any], ports: Ports) -> Any:
    return unit_positions.decide(caller, position_id, False, decision["reason"], utc_now(), ports=ports)
