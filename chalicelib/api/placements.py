"""见习岗位申请, the trainee's side: apply, my placements, answer an invitation, withdraw, accept or reject the
offer, the agreement and the certificate."""

from __future__ import annotations

from typing import Any

from chalice.app import Response

from chalicelib import errors
from chalicelib.answers.placements import (
    Placement,
    PlacementCreated,
    PlacementDetail,
    PlacementPage,
    PlacementVerification,
)
from chalicelib.api import placement_lists
from chalicelib.api.contract import APPLICANT, PDF, PUBLIC
from chalicelib.api.http import pdf_response
from chalicelib.api.operation import operations
from chalicelib.api.placement_bodies import PlacementApplication
from chalicelib.api.placement_queries import MyPlacements
from chalicelib.api.routes import Routes
from chalicelib.domain.clock import utc_now
from chalicelib.domain.placements import MAX_ACTIVE
from chalicelib.domain.principal import Principal
from chalicelib.openapi_ops import INVALID_CURSOR, POSITION_NOT_FOUND, Failure
from chalicelib.ports import Ports
from chalicelib.services import placement_printing, placements

routes = Routes(__name__)
operation = operations(routes)

NOT_FOUND = Failure(errors.PLACEMENT_NOT_FOUND, "no placement of the caller has this id")
WRONG_STATUS = Failure(errors.PLACEMENT_WRONG_STATUS, "the placement is not in the status this step starts from")
NOT_TRAINEE = Failure(errors.NOT_TRAINEE, "the caller has no approved application")
TRAINEE_RULES = (
    Failure(errors.PLACEMENT_LIMIT_REACHED, f"{MAX_ACTIVE} applications active (applied or offered) already"),
    Failure(errors.ALREADY_APPLIED, "an application to this position is open (invited, applied or offered)"),
    Failure(errors.ALREADY_PLACED, "the caller has an agreement, a placement in progress or a completed one"),
)
NOT_PDF = Failure(errors.MALFORMED_REQUEST, "the request does not accept `application/pdf`")


@operation(
    method="POST",
    path="/placements",
    operation_id="applyForPosition",
    summary="Apply to a position (见习岗位申请)",
    description=f"For an approved trainee, an open position of their locality. At most {MAX_ACTIVE} applications "
    "active at once (`applied`, `offered`, and an answered invitation), one per position while open, none once "
    "placed (`agreed`, `in_progress`, `completed`): conditions of one transaction, so parallel requests cannot "
    "pass them. The unit is told in its 消息中心.",
    tag="placements",
    access=APPLICANT,
    body=PlacementApplication,
    answer=PlacementCreated,
    answer_description="已申请.",
    status=201,
    failures=(
        NOT_TRAINEE,
        POSITION_NOT_FOUND,
        Failure(errors.POSITION_CLOSED, "the position is closed or past its deadline"),
        Failure(errors.APPLY_OUTSIDE_LOCALITY, "the position's `county_code` is not the caller's locality"),
        *TRAINEE_RULES,
    ),
    idempotent=True,
)
def apply(caller: Principal, body: dict[str, Any], ports: Ports) -> Any:
    return placements.apply(caller, body["position_id"], utc_now(), ports=ports)


@operation(
    method="GET",
    path="/placements",
    operation_id="listMyPlacements",
    summary="My placements (我的见习)",
    description="Newest first, every status.",
    tag="placements",
    access=APPLICANT,
    query=MyPlacements,
    answer=PlacementPage,
    answer_description="A page of my placements.",
    failures=(INVALID_CURSOR,),
)
def my_placements(caller: Principal, query: MyPlacements, ports: Ports) -> Any:
    return placement_lists.mine(caller, query, ports)


@operation(
    method="GET",
    path="/placements/{placement_id}",
    operation_id="getMyPlacement",
    summary="My placement with its history",
    description="The ID number and phone masked; the trainee's `rating` (好差评) once they rated it.",
    tag="placements",
    access=APPLICANT,
    answer=PlacementDetail,
    answer_description="The placement, with the trainee's rating of it.",
    failures=(NOT_FOUND,),
)
def my_placement(caller: Principal, placement_id: str, ports: Ports) -> Any:
    return placements.detail(caller, placement_id, ports=ports)


def _step(path: str, operation_id: str, summary: str, description: str, *extra: Failure) -> Any:
    return operation(
        method="POST",
        path=f"/placements/{{placement_id}}/{path}",
        operation_id=operation_id,
        summary=summary,
        description=f"{description} No body.",
        tag="placements",
        access=APPLICANT,
        answer=Placement,
        answer_description="The placement as it is now.",
        failures=(NOT_FOUND, WRONG_STATUS, *extra),
        idempotent=True,
    )


@_step("withdraw", "withdrawPlacement", "Withdraw my application (撤回)", "Only while `applied`; the unit is told.")
def withdraw(caller: Principal, placement_id: str, ports: Ports) -> Any:
    return placements.withdraw(caller, placement_id, utc_now(), ports=ports)


@_step(
    "apply",
    "applyToInvitation",
    "Apply to the unit's invitation",
    "Only while `invited`: it becomes `applied` and counts in the three.",
    *TRAINEE_RULES,
)
def apply_invited(caller: Principal, placement_id: str, ports: Ports) -> Any:
    return placements.apply_invited(caller, placement_id, utc_now(), ports=ports)


@_step("decline-invitation", "declineInvitation", "Decline the unit's invitation", "Only while `invited`.")
def decline_invitation(caller: Principal, placement_id: str, ports: Ports) -> Any:
    return placements.decline_invitation(caller, placement_id, utc_now(), ports=ports)


@_step(
    "accept",
    "acceptOffer",
    "Accept the offer: sign the agreement (协议已签订)",
    "Only while `offered`. In the same transaction every other open application of the caller is withdrawn "
    "(their units are told); two accepts at once: exactly one `agreed`.",
    Failure(errors.ALREADY_PLACED, "another offer was accepted meanwhile"),
)
def accept(caller: Principal, placement_id: str, ports: Ports) -> Any:
    return placements.accept(caller, placement_id, utc_now(), ports=ports)


@_step("reject-offer", "rejectOffer", "Reject the offer (拒绝录用)", "Only while `offered`; the seat is freed.")
def reject_offer(caller: Principal, placement_id: str, ports: Ports) -> Any:
    return placements.reject_offer(caller, placement_id, utc_now(), ports=ports)


def _printable(name: str, operation_id: str, summary: str, description: str) -> Any:
    return operation(
        method="GET",
        path=f"/placements/{{placement_id}}/{name}.pdf",
        operation_id=operation_id,
        summary=summary,
        description=f"{description} Send `Accept: application/pdf`.",
        tag="placements",
        access=APPLICANT,
        answer=PDF,
        answer_description=f'The PDF, `Content-Disposition: attachment; filename="{name}-<placement_id>.pdf"`.',
        failures=(NOT_FOUND, WRONG_STATUS, NOT_PDF),
    )


@_printable(
    "agreement",
    "getMyAgreementPdf",
    "The agreement to read (就业见习协议书)",
    "From the offer on (`offered`, and kept after: `agreed`, `in_progress`, `completed`, `ended`): the two-party "
    "agreement, the ID number shown to the two parties, with a QR code to "
    "`GET /v1/verify/placements/{placement_id}`.",
)
def my_agreement(caller: Principal, placement_id: str, ports: Ports) -> Response:
    pdf = placement_printing.agreement_for_trainee(caller, placement_id, utc_now(), ports=ports)
    return pdf_response(pdf, placement_printing.agreement_filename(placement_id))


@_printable(
    "certificate",
    "getMyCertificatePdf",
    "The certificate (见习证明)",
    "After the unit's assessment of a completed or ended placement. The same QR route verifies it.",
)
def my_certificate(caller: Principal, placement_id: str, ports: Ports) -> Response:
    pdf = placement_printing.certificate(caller, placement_id, utc_now(), ports=ports)
    return pdf_response(pdf, placement_printing.certificate_filename(placement_id))


@operation(
    method="GET",
    path="/verify/placements/{placement_id}",
    operation_id="verifyPlacement",
    summary="Verify an agreement or a certificate (扫码验真)",
    description="What the QR code of a printed agreement or certificate opens (`<web client>/verify/placements/"
    "<placement_id>`) reads: genuine, the current status, the trainee's name and ID number masked, the unit, the "
    "position and the period. No sign-in; cached and throttled like search.",
    tag="public",
    access=PUBLIC,
    answer=PlacementVerification,
    answer_description="The placement exists.",
    cached=True,
    failures=(Failure(errors.PLACEMENT_NOT_FOUND, "no placement has this id: not a document this service printed"),),
)
def verify_placement(placement_id: str, ports: Ports) -> Any:
    return placements.verification(placement_id, ports=ports)
