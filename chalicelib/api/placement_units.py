"""应聘管理, 意向人员 and 在岗见习人员: the unit's side of a placement (a unit's token, 法人登录). A unit owns a
placement when its position's `employer_credit_code` is the caller's `credit_code`; another unit's is 404."""

from __future__ import annotations

from typing import Any

from chalice.app import Response

from chalicelib import errors
from chalicelib.answers.placements import InterestedList, Placement, PlacementDetail, PlacementPage
from chalicelib.api import placement_lists
from chalicelib.api.contract import PDF, UNIT
from chalicelib.api.http import pdf_response
from chalicelib.api.operation import operations
from chalicelib.api.placement_bodies import (
    AssessmentRequest,
    DeclineRequest,
    EndRequest,
    InvitationRequest,
    OfferRequest,
    RetentionRequest,
)
from chalicelib.api.placement_queries import UnitPlacements
from chalicelib.api.routes import Routes
from chalicelib.domain.clock import utc_now
from chalicelib.domain.principal import Principal
from chalicelib.openapi_ops import INVALID_CURSOR, POSITION_NOT_FOUND, Failure, validation_failed
from chalicelib.ports import Ports
from chalicelib.services import placement_printing, placement_units

routes = Routes(__name__)
operation = operations(routes)

NOT_FOUND = Failure(errors.PLACEMENT_NOT_FOUND, "no placement at a position of the caller's unit has this id")
WRONG_STATUS = Failure(errors.PLACEMENT_WRONG_STATUS, "the placement is not in the status this step starts from")


def _unit(caller: Principal) -> str:
    assert caller.credit_code is not None, "UNIT access resolves only a unit's token"
    return caller.credit_code


def _step(path: str, operation_id: str, summary: str, description: str, body: Any, *extra: Failure) -> Any:
    return operation(
        method="POST",
        path=f"/unit/placements/{{placement_id}}/{path}",
        operation_id=operation_id,
        summary=summary,
        description=description,
        tag="placement-units",
        access=UNIT,
        body=body,
        answer=Placement,
        answer_description="The placement as it is now.",
        failures=(NOT_FOUND, WRONG_STATUS, *extra),
        idempotent=True,
    )


@operation(
    method="GET",
    path="/unit/placements",
    operation_id="unitPlacements",
    summary="My unit's applicants and placements (应聘管理)",
    description="Newest first; `status` and `position_id` combine. The trainee's phone is masked until they "
    "accept the offer.",
    tag="placement-units",
    access=UNIT,
    query=UnitPlacements,
    answer=PlacementPage,
    answer_description="A page of placements.",
    failures=(INVALID_CURSOR,),
)
def unit_placements(caller: Principal, query: UnitPlacements, ports: Ports) -> Any:
    return placement_lists.of_unit(_unit(caller), query, ports)


@operation(
    method="GET",
    path="/unit/placements/{placement_id}",
    operation_id="unitPlacement",
    summary="One placement of my unit, with its history",
    description="The trainee's phone is masked until they accept the offer; the unit's `rating` (好差评) once "
    "it rated the placement.",
    tag="placement-units",
    access=UNIT,
    answer=PlacementDetail,
    answer_description="The placement, with the unit's rating of it.",
    failures=(NOT_FOUND,),
)
def unit_placement(caller: Principal, placement_id: str, ports: Ports) -> Any:
    return placement_units.detail(_unit(caller), placement_id, ports=ports)


@_step(
    "offer",
    "offerPlacement",
    "Offer (录用): the agreement's terms",
    "Only while `applied`. `months` 3–12, `start_date` not before today (China time), the allowance at least the "
    "county's monthly minimum wage; offers, agreements and placements in progress never exceed the position's "
    "headcount (a condition: parallel offers cannot pass it). The trainee is told and texted.",
    OfferRequest,
    Failure(errors.POSITION_FULL, "the position's headcount is taken by offers, agreements and placements"),
    Failure(errors.ALLOWANCE_BELOW_MINIMUM_WAGE, "under the county's monthly minimum wage (the figure in details)"),
    validation_failed("`start_date` `IN_THE_PAST`; `months`, `allowance_yuan_per_month` `OUT_OF_RANGE`"),
)
def offer(caller: Principal, placement_id: str, terms: dict[str, Any], ports: Ports) -> Any:
    return placement_units.offer(_unit(caller), placement_id, terms, utc_now(), ports=ports)


@_step("decline", "declinePlacement", "Decline (未录用)", "Only while `applied`; the trainee is told.", DeclineRequest)
def decline(caller: Principal, placement_id: str, form: dict[str, Any], ports: Ports) -> Any:
    return placement_units.decline(_unit(caller), placement_id, form["reason"], utc_now(), ports=ports)


@_step(
    "end",
    "endPlacement",
    "End early (提前结束)",
    "While `agreed` or `in_progress`, `end_date` inside the period: `ended`, the seat freed; the trainee texted.",
    EndRequest,
    validation_failed("`reason` `UNKNOWN_VALUE`; `end_date` `OUT_OF_RANGE`"),
)
def end(caller: Principal, placement_id: str, form: dict[str, Any], ports: Ports) -> Any:
    return placement_units.end(_unit(caller), placement_id, form, utc_now(), ports=ports)


@_step(
    "assessment",
    "assessPlacement",
    "Assessment (期满考核)",
    "Once `completed` or `ended`; the trainee may then print the certificate (见习证明).",
    AssessmentRequest,
    validation_failed("`result` `UNKNOWN_VALUE`"),
)
def assessment(caller: Principal, placement_id: str, form: dict[str, Any], ports: Ports) -> Any:
    return placement_units.assess(_unit(caller), placement_id, form, utc_now(), ports=ports)


@_step(
    "retention",
    "retainTrainee",
    "Retention (留用)",
    "Once `completed` or `ended`: the labour contract that follows.",
    RetentionRequest,
    validation_failed("`contract_start` `OUT_OF_RANGE` (before the placement began)"),
)
def retention(caller: Principal, placement_id: str, form: dict[str, Any], ports: Ports) -> Any:
    return placement_units.retain(_unit(caller), placement_id, form, utc_now(), ports=ports)


@operation(
    method="GET",
    path="/unit/placements/{placement_id}/agreement.pdf",
    operation_id="unitAgreementPdf",
    summary="The agreement (就业见习协议书)",
    description="As the trainee's, from the offer on. Send `Accept: application/pdf`.",
    tag="placement-units",
    access=UNIT,
    answer=PDF,
    answer_description='The PDF, `Content-Disposition: attachment; filename="agreement-<placement_id>.pdf"`.',
    failures=(NOT_FOUND, WRONG_STATUS, Failure(errors.MALFORMED_REQUEST, "the request does not accept the PDF")),
)
def unit_agreement(caller: Principal, placement_id: str, ports: Ports) -> Response:
    pdf = placement_printing.agreement_for_unit(_unit(caller), placement_id, utc_now(), ports=ports)
    return pdf_response(pdf, placement_printing.agreement_filename(placement_id))


@operation(
    method="GET",
    path="/unit/positions/{position_id}/interested",
    operation_id="interestedTrainees",
    summary="Trainees who favourited my position (意向人员)",
    description="The approved trainees of the position's county who favourited it, masked, each with an opaque "
    "`trainee_ref` to invite them by. Never paged.",
    tag="placement-units",
    access=UNIT,
    answer=InterestedList,
    answer_description="The interested trainees.",
    failures=(POSITION_NOT_FOUND,),
)
def interested(caller: Principal, position_id: str, ports: Ports) -> Any:
    return InterestedList(items=placement_units.interested(_unit(caller), position_id, ports=ports), next_cursor=None)


@operation(
    method="POST",
    path="/unit/positions/{position_id}/invitations",
    operation_id="inviteTrainee",
    summary="Invite a trainee (邀请)",
    description="A placement `invited` for a trainee of `GET /v1/unit/positions/{position_id}/interested`; it "
    "counts in their three only once they apply. The trainee is told.",
    tag="placement-units",
    access=UNIT,
    body=InvitationRequest,
    answer=Placement,
    answer_description="已邀请.",
    status=201,
    failures=(
        POSITION_NOT_FOUND,
        Failure(errors.POSITION_CLOSED, "the position is closed or past its deadline"),
        Failure(errors.NOT_TRAINEE, "the person is no longer an approved trainee of the position's county"),
        Failure(errors.ALREADY_INVITED, "the trainee was invited to, or applied to, this position already"),
        Failure(errors.ALREADY_PLACED, "the trainee is placed already"),
        validation_failed("`trainee_ref` `INVALID_VALUE`"),
    ),
    idempotent=True,
)
def invite(caller: Principal, position_id: str, form: dict[str, Any], ports: Ports) -> Any:
    return placement_units.invite(_unit(caller), position_id, form["trainee_ref"], utc_now(), ports=ports)
