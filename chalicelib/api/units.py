"""见习单位 (issue 19): the unit's own business, signed in through 法人登录: 单位中心, 见习单位认定申请 and the
positions it publishes (岗位发布, 我的岗位)."""

from __future__ import annotations

from typing import Any

from chalicelib import errors
from chalicelib.answers import units as unit_answers
from chalicelib.answers.positions import Position, PositionPage
from chalicelib.api import unit_listings
from chalicelib.api.contract import UNIT
from chalicelib.api.operation import operations
from chalicelib.api.queries import NoQuery
from chalicelib.api.routes import Routes
from chalicelib.api.unit_bodies import RecognitionRequest, UnitPositionWrite
from chalicelib.api.unit_queries import Paged, UnitPositionList
from chalicelib.domain.clock import utc_now
from chalicelib.domain.principal import Principal
from chalicelib.openapi_ops import INVALID_CURSOR, POSITION_CHANGED, Failure, validation_failed
from chalicelib.ports import Ports
from chalicelib.services import unit_positions, units

routes = Routes(__name__)
operation = operations(routes)

NOT_RECOGNISED = Failure(errors.UNIT_NOT_RECOGNISED, "the unit is not recognised (认定) now")
UNIT_POSITION_NOT_FOUND = Failure(errors.POSITION_NOT_FOUND, "no position of the caller's unit has this id")
QUOTA = Failure(
    errors.POSITION_QUOTA_EXCEEDED,
    "the headcount of the unit's open and pending_review positions would exceed its quota (`position_quota`)",
)
UNIT_POSITION_RULES = (
    "`title`, `address`, `description`, `contact_name` `REQUIRED`/`TOO_LONG`; `industry`, `education` "
    "`UNKNOWN_VALUE`; `county_code` `INVALID_REGION`/`OUTSIDE_CITY` (not in the unit's city); `headcount`, "
    "`stipend_yuan_per_month`, `duration_months` `OUT_OF_RANGE`; `majors` `TOO_MANY`/`INVALID_ITEM`; "
    "`deadline` `INVALID_DATE`/`IN_THE_PAST`; `contact_phone` `INVALID_PHONE`"
)


@operation(
    method="GET",
    path="/unit",
    operation_id="getUnit",
    summary="My unit (单位中心)",
    description="The calling unit's recognition status, 业务办理属地 and its quota of positions (名额): "
    "`position_quota` headcount at once, of which `quota_used` is held by its open and pending_review "
    "positions. A unit that never applied is `unregistered`, named as its token names it.",
    tag="unit",
    access=UNIT,
    query=NoQuery,
    answer=unit_answers.Unit,
    answer_description="The unit.",
)
def my_unit(caller: Principal, ports: Ports) -> Any:
    return units.mine(caller, ports=ports)


@operation(
    method="POST",
    path="/unit/recognition",
    operation_id="applyForRecognition",
    summary="Apply to be recognised (见习单位认定申请)",
    description="Upload the 营业执照 first (`POST /v1/attachments`, kind `business_licence`, then confirm). One "
    "live application per unit: while one is pending, or once the unit is recognised, another is 409.",
    tag="unit",
    access=UNIT,
    body=RecognitionRequest,
    answer=unit_answers.RecognitionSubmitted,
    answer_description="申报成功: pending.",
    status=201,
    failures=(
        Failure(errors.RECOGNITION_EXISTS, "a recognition is pending, or the unit is recognised"),
        validation_failed(
            "`org_name`, `address`, `contact_name`, `description` `REQUIRED`/`TOO_LONG`; `county_code` "
            "`INVALID_REGION`; `industry` `UNKNOWN_VALUE`; `insured_staff` `OUT_OF_RANGE`; `contact_phone` "
            "`INVALID_PHONE`; `attachments` as its field says"
        ),
    ),
    idempotent=True,
)
def apply(caller: Principal, form: dict[str, Any], ports: Ports) -> Any:
    return units.submit(caller, form, utc_now(), ports=ports)


@operation(
    method="POST",
    path="/unit/recognition/withdraw",
    operation_id="withdrawRecognition",
    summary="Withdraw the pending application (撤回)",
    description="Only while pending: the unit goes back to its status before it applied, and its attachments "
    "may be used again. No body.",
    tag="unit",
    access=UNIT,
    answer=unit_answers.RecognitionSummary,
    answer_description="Withdrawn (`status: withdrawn`).",
    failures=(Failure(errors.UNIT_NOT_PENDING, "no pending application (also when a decision won the race)"),),
    idempotent=True,
)
def withdraw(caller: Principal, ports: Ports) -> Any:
    return units.withdraw(caller, utc_now(), ports=ports)


@operation(
    method="GET",
    path="/unit/recognitions",
    operation_id="listRecognitions",
    summary="My applications (办件记录)",
    description="The unit's 认定申请, newest first, each with its history.",
    tag="unit",
    access=UNIT,
    query=Paged,
    answer=unit_answers.RecognitionPage,
    answer_description="A page of applications.",
    failures=(INVALID_CURSOR,),
)
def my_recognitions(caller: Principal, query: Paged, ports: Ports) -> Any:
    return unit_listings.recognitions(caller, query, ports)


@operation(
    method="GET",
    path="/unit/recognitions/{recognition_id}",
    operation_id="getRecognition",
    summary="One of my applications (办件详情)",
    description="One 认定申请 of the unit with its history and the unit's `rating` (好差评; `null` before it "
    "rated the decided application).",
    tag="unit",
    access=UNIT,
    query=NoQuery,
    answer=unit_answers.RecognitionDetail,
    answer_description="The application.",
    failures=(Failure(errors.CASE_NOT_FOUND, "no application of the caller's unit has this id"),),
)
def my_recognition(caller: Principal, recognition_id: str, ports: Ports) -> Any:
    return units.recognition(caller, recognition_id, ports=ports)


@operation(
    method="POST",
    path="/unit/positions",
    operation_id="publishUnitPosition",
    summary="Publish a position (岗位发布)",
    description="The staff body without `employer_name` and `employer_credit_code` (the unit's). It starts "
    "`pending_review`: not in search, counts or the keyword index, and 404 at `GET /v1/positions/{id}`, until a "
    "reviewer approves it. Its headcount counts against the unit's quota from now on.",
    tag="unit",
    access=UNIT,
    body=UnitPositionWrite,
    answer=Position,
    answer_description="Submitted for review (`status: pending_review`).",
    status=201,
    failures=(NOT_RECOGNISED, QUOTA, validation_failed(UNIT_POSITION_RULES + "; any missing field `REQUIRED`")),
    idempotent=True,
)
def publish(caller: Principal, fields: dict[str, Any], ports: Ports) -> Any:
    return unit_positions.publish(caller, fields, utc_now(), ports=ports)


@operation(
    method="GET",
    path="/unit/positions",
    operation_id="listUnitPositions",
    summary="My positions (我的岗位)",
    description="The unit's positions in every status (or one), newest first; those the agency published under "
    "its credit code too.",
    tag="unit",
    access=UNIT,
    query=UnitPositionList,
    answer=PositionPage,
    answer_description="A page of position summaries.",
    failures=(INVALID_CURSOR,),
)
def my_positions(caller: Principal, query: UnitPositionList, ports: Ports) -> Any:
    return unit_listings.unit_positions_page(caller, query, utc_now(), ports)


@operation(
    method="GET",
    path="/unit/positions/{position_id}",
    operation_id="getUnitPosition",
    summary="One of my positions",
    description="In any status, the unreviewed text included. Another unit's position is 404.",
    tag="unit",
    access=UNIT,
    answer=Position,
    answer_description="The position.",
    failures=(UNIT_POSITION_NOT_FOUND,),
)
def my_position(caller: Principal, position_id: str, ports: Ports) -> Any:
    return unit_positions.detail(caller, position_id, utc_now(), ports=ports)


@operation(
    method="PATCH",
    path="/unit/positions/{position_id}",
    operation_id="updateUnitPosition",
    summary="Change one of my positions",
    description="Only `pending_review` and `open` positions. Changing `title`, `description`, "
    "`stipend_yuan_per_month`, `majors` or `education` of an open position sends it back to review: it leaves "
    "search until approved again. A larger `headcount` must fit the quota.",
    tag="unit",
    access=UNIT,
    body=UnitPositionWrite,
    partial=True,
    body_required=False,
    answer=Position,
    answer_description="The changed position.",
    failures=(
        UNIT_POSITION_NOT_FOUND,
        NOT_RECOGNISED,
        QUOTA,
        Failure(errors.POSITION_CLOSED, "the position is `closed` or `rejected`"),
        validation_failed(UNIT_POSITION_RULES),
        POSITION_CHANGED,
    ),
    idempotent=True,
)
def update(caller: Principal, position_id: str, fields: dict[str, Any], ports: Ports) -> Any:
    return unit_positions.update(caller, position_id, fields, utc_now(), ports=ports)


@operation(
    method="POST",
    path="/unit/positions/{position_id}/close",
    operation_id="closeUnitPosition",
    summary="Stop recruiting (停止招聘)",
    description="It leaves search at once, its favouriters are told, and its headcount is given back to the "
    "quota. Closing a closed position answers it as it is. No body.",
    tag="unit",
    access=UNIT,
    answer=Position,
    answer_description="Closed (`status: closed`).",
    failures=(UNIT_POSITION_NOT_FOUND, POSITION_CHANGED),
    idempotent=True,
)
def close(caller: Principal, position_id: str, ports: Ports) -> Any:
    return unit_positions.close(caller, position_id, utc_now(), ports=ports)
