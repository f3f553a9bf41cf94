"""公示公告, public: the notices of approved claims (trainees masked) and 我要反映 (an objection, no sign-in)."""

from __future__ import annotations

from typing import Any

from chalicelib import errors
from chalicelib.answers import publicity
from chalicelib.api.contract import PUBLIC
from chalicelib.api.operation import operations
from chalicelib.api.queries import NoQuery
from chalicelib.api.routes import Routes
from chalicelib.api.subsidy_bodies import ObjectionRequest
from chalicelib.api.subsidy_listings import public_notices
from chalicelib.api.subsidy_queries import NoticeList
from chalicelib.domain.clock import china_date, utc_now
from chalicelib.domain.subsidies import OBJECTIONS_PER_PHONE_PER_DAY
from chalicelib.openapi_ops import INVALID_CURSOR, Failure, validation_failed
from chalicelib.ports import Ports
from chalicelib.services import subsidy_notices

routes = Routes(__name__)
operation = operations(routes)

NO_NOTICE = Failure(errors.NOTICE_NOT_FOUND, "no such notice (never approved, rejected, or back in review)")


@operation(
    method="GET",
    path="/public/notices",
    operation_id="listNotices",
    summary="就业见习补贴公示",
    description="Claims that went to 公示, the latest 公示 first (those still running marked `current`). No sign-in.",
    tag="public",
    access=PUBLIC,
    query=NoticeList,
    answer=publicity.NoticePage,
    answer_description="A page of notices.",
    failures=(
        INVALID_CURSOR,
        Failure(errors.INVALID_CITY, "`city` is not a city code"),
        Failure(errors.INVALID_COUNTY, "unknown `county`"),
        Failure(errors.COUNTY_NOT_IN_CITY, "`county` is not in `city`"),
    ),
    cached=True,
)
def list_notices(query: NoticeList, ports: Ports) -> Any:
    return public_notices(query, utc_now(), ports)


@operation(
    method="GET",
    path="/public/notices/{notice_id}",
    operation_id="getNotice",
    summary="A 公示 in full",
    description="The unit, each trainee's masked name (王*雨) and masked ID number, the months and amounts, the "
    "total, the period of the 公示 and where to object. No sign-in.",
    tag="public",
    access=PUBLIC,
    query=NoQuery,
    answer=publicity.Notice,
    answer_description="The notice.",
    failures=(NO_NOTICE,),
    cached=True,
)
def get_notice(notice_id: str, ports: Ports) -> Any:
    return publicity.notice(subsidy_notices.notice(notice_id, ports=ports), china_date(utc_now()))


@operation(
    method="POST",
    path="/public/notices/{notice_id}/objections",
    operation_id="objectToNotice",
    summary="我要反映: object to a 公示",
    description=f"No sign-in. Only while the claim is in 公示. At most {OBJECTIONS_PER_PHONE_PER_DAY} per phone per "
    "China day, held by a counter with a condition: beyond, 429 `TOO_MANY_OBJECTIONS`.",
    tag="public",
    access=PUBLIC,
    body=ObjectionRequest,
    answer=publicity.ObjectionReceived,
    answer_description="Received; the agency rules on it.",
    status=201,
    failures=(
        NO_NOTICE,
        Failure(errors.CLAIM_NOT_PUBLICISED, "the 公示 is over (or the claim went back to review)"),
        Failure(errors.OBJECTIONS_LIMIT, f"{OBJECTIONS_PER_PHONE_PER_DAY} objections from this phone today"),
        validation_failed("`name` `REQUIRED`; `phone` `INVALID_PHONE`; `text` `OUT_OF_RANGE`"),
    ),
)
def object_to(notice_id: str, fields: dict[str, Any], ports: Ports) -> Any:
    return publicity.objection_received(subsidy_notices.object_to(notice_id, fields, utc_now(), ports=ports))
