"""花名册 export, the agency's: ask (202), then fetch the state and, once written, a 5-minute link (audited)."""

from __future__ import annotations

from typing import Any

from chalicelib import errors
from chalicelib.answers import subsidies as answers
from chalicelib.api.contract import staff_access
from chalicelib.api.operation import operations
from chalicelib.api.queries import NoQuery
from chalicelib.api.routes import Routes
from chalicelib.api.subsidy_bodies import ExportRequest
from chalicelib.domain.clock import utc_now
from chalicelib.domain.principal import Principal
from chalicelib.openapi_ops import Failure, validation_failed
from chalicelib.ports import Ports
from chalicelib.services import exports

routes = Routes(__name__)
operation = operations(routes)

REVIEWER = staff_access("reviewer")


@operation(
    method="POST",
    path="/admin/exports",
    operation_id="requestExport",
    summary="Export the 花名册 (a job)",
    description="The confirmed trainees of the caller's region (or one `county` in it) whose placement started "
    "between `date_from` and `date_to`, as XLSX with the real 花名册's columns (序号, 姓名, 性别, 身份证号, 学历, "
    "毕业院校, 专业, 见习单位, 见习岗位, 见习起止时间, 联系电话), ID numbers and phones unmasked: written by a job to "
    "the bucket. Poll `GET /v1/admin/exports/{export_id}`.",
    tag="subsidies-admin",
    access=REVIEWER,
    body=ExportRequest,
    answer=answers.ExportAccepted,
    answer_description="Accepted: the job writes the file.",
    status=202,
    failures=(
        Failure(errors.INVALID_COUNTY, "unknown `county`"),
        Failure(errors.COUNTY_OUTSIDE_REGION, "`county` lies outside the caller's region"),
        validation_failed("`kind` `INVALID_VALUE`; `date_to` `OUT_OF_RANGE`"),
    ),
    idempotent=True,
)
def request_export(caller: Principal, fields: dict[str, Any], ports: Ports) -> Any:
    made = exports.request(caller, fields, utc_now(), ports=ports)
    return answers.ExportAccepted(export_id=made.export_id, status=made.status)


@operation(
    method="GET",
    path="/admin/exports/{export_id}",
    operation_id="getExport",
    summary="An export's state and link",
    description="`download_url` is a presigned link valid for 5 minutes once the file is written (`status: "
    "ready`); each link given is written to the audit log first.",
    tag="subsidies-admin",
    access=REVIEWER,
    query=NoQuery,
    answer=answers.ExportJob,
    answer_description="The export.",
    failures=(Failure(errors.EXPORT_NOT_FOUND, "no such export of the caller's region"),),
)
def get_export(caller: Principal, export_id: str, ports: Ports) -> Any:
    export, url = exports.fetch(caller, export_id, utc_now(), ports=ports)
    return answers.ExportJob(export_id=export.export_id, status=export.status, rows=export.rows, download_url=url)
