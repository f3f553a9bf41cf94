"""考勤填报: a unit reports each trainee's month; a month a claim includes is locked."""

from __future__ import annotations

from typing import Any

from chalicelib import errors
from chalicelib.answers import subsidies as answers
from chalicelib.api.contract import UNIT
from chalicelib.api.operation import operations
from chalicelib.api.queries import NoQuery
from chalicelib.api.routes import Routes
from chalicelib.api.subsidy_bodies import AttendanceWrite
from chalicelib.domain.clock import utc_now
from chalicelib.domain.principal import Principal
from chalicelib.openapi_ops import Failure, validation_failed
from chalicelib.ports import Ports
from chalicelib.services import attendance

routes = Routes(__name__)
operation = operations(routes)

NOT_OURS = Failure(errors.SUBSIDY_PLACEMENT_NOT_FOUND, "no such placement, or another unit's")


def attendance_list(caller: Principal, placement_id: str, ports: Ports) -> answers.AttendanceList:
    placement, months, claimed = attendance.of_placement(str(caller.credit_code), placement_id, ports=ports)
    return answers.attendance_list(placement, months, claimed)


@operation(
    method="PUT",
    path="/unit/placements/{placement_id}/attendance/{month}",
    operation_id="putAttendance",
    summary="Report a month's attendance (考勤)",
    description="For a placement confirmed by 上岗报备 (`in_progress`, `completed` or `ended`), a month inside its "
    "period and not after the current month (China time); `days_due` at most the month's working days (the State "
    "Council's holidays and adjusted working days counted), `days_present` at most `days_due`. Writing the same "
    "month again replaces it, until a claim includes it: then 409 `ATTENDANCE_LOCKED`.",
    tag="subsidies",
    access=UNIT,
    body=AttendanceWrite,
    answer=answers.Attendance,
    answer_description="The month as stored.",
    failures=(
        NOT_OURS,
        Failure(errors.ATTENDANCE_LOCKED, "a claim includes this month"),
        Failure(errors.ATTENDANCE_CHANGED, "another request changed the month at the same moment"),
        validation_failed(
            "`month` `INVALID_MONTH`, `OUTSIDE_PERIOD`, `FUTURE_MONTH`; `placement_id` "
            "`NOT_CONFIRMED`; `days_due`/`days_present` `OUT_OF_RANGE`"
        ),
    ),
    idempotent=True,
)
def put_attendance(caller: Principal, placement_id: str, month: str, fields: dict[str, Any], ports: Ports) -> Any:
    written = attendance.record(str(caller.credit_code), placement_id, month, fields, utc_now(), ports=ports)
    return answers.attendance(written, {})


@operation(
    method="GET",
    path="/unit/placements/{placement_id}/attendance",
    operation_id="listAttendance",
    summary="A trainee's attendance, month by month",
    description="Oldest month first; `locked` months are included in a claim.",
    tag="subsidies",
    access=UNIT,
    query=NoQuery,
    answer=answers.AttendanceList,
    answer_description="The months reported.",
    failures=(NOT_OURS,),
)
def list_attendance(caller: Principal, placement_id: str, ports: Ports) -> Any:
    return attendance_list(caller, placement_id, ports)
