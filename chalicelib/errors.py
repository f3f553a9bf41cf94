"""The one error vocabulary, and the one place errors become the envelope of docs/api.md.

`CATALOGUE` (below) declares every error once: its status, machine code and Chinese
message. Services, adapters and routes raise its entries (`raise POSITION_NOT_FOUND()`,
`raise VALIDATION_FAILED(problems)`); the OpenAPI document reads the same entries and adds only when each happens.
Nothing else may produce an error body: anything unexpected becomes a plain 500 envelope, with the details in
the log and never in the answer.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, ClassVar, NamedTuple

from msgspec import Struct

from chalicelib.domain.limits import MAX_SAVED_SEARCHES


class FieldProblem(Struct, frozen=True):
    field: str
    code: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "code": self.code, "message": self.message}


class AppError(Exception):
    status: ClassVar[int] = 500

    def __init__(
        self,
        code: str,
        message: str,
        details: Iterable[FieldProblem] = (),
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.details = tuple(details)
        self.headers = headers or {}


class BadRequest(AppError):
    status = 400


class Unauthenticated(AppError):
    status = 401


class Forbidden(AppError):
    status = 403


class NotFound(AppError):
    status = 404


class MethodNotAllowed(AppError):
    status = 405


class Conflict(AppError):
    status = 409


class PayloadTooLarge(AppError):
    status = 413


class UnsupportedMediaType(AppError):
    status = 415


class Unprocessable(AppError):
    status = 422


class TooManyRequests(AppError):
    status = 429


class InternalError(AppError):
    status = 500


class ServiceBusy(AppError):
    status = 503


_BY_STATUS: dict[int, type[AppError]] = {
    kind.status: kind
    for kind in (
        BadRequest,
        Unauthenticated,
        Forbidden,
        NotFound,
        MethodNotAllowed,
        Conflict,
        PayloadTooLarge,
        UnsupportedMediaType,
        Unprocessable,
        TooManyRequests,
        InternalError,
        ServiceBusy,
    )
}


class ErrorKind(NamedTuple):
    """One entry of the catalogue: calling it makes the exception to raise, of the class of its status."""

    status: int
    code: str
    message: str
    headers: tuple[tuple[str, str], ...] = ()

    def __call__(self, details: Iterable[FieldProblem] = (), *, headers: dict[str, str] | None = None) -> AppError:
        return _BY_STATUS[self.status](self.code, self.message, details, {**dict(self.headers), **(headers or {})})


# ------------------------------------------------------------------------------------------- the catalogue
# Every error the API answers, once. The OpenAPI document lists them per operation with when each happens.

# The body is not a JSON object.
MALFORMED_JSON = ErrorKind(400, "MALFORMED_JSON", "请求体不是有效的JSON")
JSON_TOO_DEEP = ErrorKind(400, "MALFORMED_JSON", "请求体嵌套层数过多")
JSON_NOT_AN_OBJECT = ErrorKind(400, "MALFORMED_JSON", "请求体应为JSON对象")
JSON_BAD_UNICODE = ErrorKind(400, "MALFORMED_JSON", "请求体含有无效的Unicode字符")

# Malformed fields, query parameters, headers or cursor.
MALFORMED_REQUEST = ErrorKind(400, "MALFORMED_REQUEST", "请求格式有误")  # the body's fields, or Accept
MALFORMED_QUERY = ErrorKind(400, "MALFORMED_REQUEST", "查询参数有误")
MALFORMED_HEADER = ErrorKind(400, "MALFORMED_REQUEST", "请求头有误")
INVALID_CURSOR = ErrorKind(400, "INVALID_CURSOR", "翻页参数无效，请从第一页重新查询")

# What the request is: its size, media type and method.
PAYLOAD_TOO_LARGE = ErrorKind(413, "PAYLOAD_TOO_LARGE", "请求体过大")
UNSUPPORTED_MEDIA_TYPE = ErrorKind(415, "UNSUPPORTED_MEDIA_TYPE", "请求体应为application/json")
METHOD_NOT_ALLOWED = ErrorKind(405, "METHOD_NOT_ALLOWED", "不支持该请求方法")

# Field rules, and a repeated Idempotency-Key.
VALIDATION_FAILED = ErrorKind(422, "VALIDATION_FAILED", "提交的信息有误")
IDEMPOTENCY_KEY_REUSED = ErrorKind(422, "IDEMPOTENCY_KEY_REUSED", "该幂等键已用于内容不同的请求")
REQUEST_IN_PROGRESS = ErrorKind(409, "REQUEST_IN_PROGRESS", "相同的请求正在处理中，请稍后再试", (("Retry-After", "1"),))

# Who is asking.
UNAUTHENTICATED = ErrorKind(
    401, "UNAUTHENTICATED", "请先登录，或登录已过期", (("WWW-Authenticate", 'Bearer realm="v1"'),)
)
FORBIDDEN_ROLE = ErrorKind(403, "FORBIDDEN", "没有办理该业务的权限")
REAL_NAME_REQUIRED = ErrorKind(403, "REAL_NAME_REQUIRED", "请使用实名认证的个人账号登录后办理")
# Units (issue 19): the two doors of the unified login, 个人登录 and 法人登录, do different business.
NOT_A_UNIT = ErrorKind(403, "NOT_A_UNIT", "请使用法人账号登录")
NOT_A_PERSON = ErrorKind(403, "NOT_A_PERSON", "请使用个人账号登录")

# Regions and staff scope.
INVALID_COUNTY = ErrorKind(400, "INVALID_REGION", "县区代码不是山西省的县（市、区）或市本级代码")
INVALID_CITY = ErrorKind(400, "INVALID_REGION", "地市代码不是山西省的地级市代码")
COUNTY_NOT_IN_CITY = ErrorKind(400, "INVALID_REGION", "所选县区不属于所选地市")
LOCALITY_OUTSIDE_REGION = ErrorKind(403, "OUTSIDE_REGION", "该业务办理属地不在您的管辖范围内")
COUNTY_OUTSIDE_REGION = ErrorKind(403, "OUTSIDE_REGION", "所选县区不在您的管辖范围内")

# Positions.
POSITION_NOT_FOUND = ErrorKind(404, "POSITION_NOT_FOUND", "岗位不存在或已下架")
POSITION_CHANGED = ErrorKind(409, "POSITION_CHANGED", "岗位信息已被他人修改，请刷新后重试")
POSITION_CLOSED = ErrorKind(409, "POSITION_CLOSED", "该岗位已停止招聘")

# Favourites and saved searches.
NOT_TRAINEE = ErrorKind(403, "NOT_TRAINEE", "该人员不是就业见习人员")
FAVOURITE_LIMIT_REACHED = ErrorKind(409, "FAVOURITE_LIMIT_REACHED", "最多收藏三个岗位")  # limits.MAX_FAVOURITES
POSITION_OUTSIDE_LOCALITY = ErrorKind(422, "POSITION_OUTSIDE_LOCALITY", "只能收藏业务办理属地内的岗位")
SAVED_SEARCH_LIMIT_REACHED = ErrorKind(409, "SAVED_SEARCH_LIMIT_REACHED", f"最多保存{MAX_SAVED_SEARCHES}个岗位订阅")

# Attachments: finding one, declaring one.
ATTACHMENT_NOT_FOUND = ErrorKind(404, "ATTACHMENT_NOT_FOUND", "附件不存在")
UNSUPPORTED_FILE_TYPE = ErrorKind(415, "UNSUPPORTED_FILE_TYPE", "附件仅支持PDF、JPG、PNG格式")
FILE_TOO_LARGE = ErrorKind(413, "FILE_TOO_LARGE", "单个附件不能超过5MB")  # domain.attachments.MAX_BYTES

# Confirming and deleting an upload.
UPLOAD_MISSING = ErrorKind(409, "UPLOAD_MISSING", "附件尚未上传完成，请上传后再确认")
UPLOAD_WRONG_TYPE = ErrorKind(422, "UPLOAD_REJECTED", "附件内容与声明的文件类型不符，仅支持PDF、JPG、PNG格式")
UPLOAD_WRONG_SIZE = ErrorKind(422, "UPLOAD_REJECTED", "附件大小应在5MB以内")
ATTACHMENT_IN_USE = ErrorKind(409, "ATTACHMENT_IN_USE", "该附件正被未审核或审核通过的申请使用，不能删除")

# Applications and review.
APPLICATION_NOT_FOUND = ErrorKind(404, "APPLICATION_NOT_FOUND", "申请不存在")
APPLICATION_EXISTS = ErrorKind(409, "APPLICATION_EXISTS", "您已有未审核或审核通过的就业见习申请，不能重复申报")
NOT_WITHDRAWABLE = ErrorKind(409, "NOT_WITHDRAWABLE", "只有未审核的申请可以撤回")
NOT_PENDING = ErrorKind(409, "NOT_PENDING", "该申请已处理，只有未审核的申请可以审核")
OWN_APPLICATION = ErrorKind(403, "OWN_APPLICATION", "不能审核本人的申请")

# Units (issue 19): 见习单位认定 and the positions a unit publishes.
UNIT_NOT_RECOGNISED = ErrorKind(403, "UNIT_NOT_RECOGNISED", "该单位不是见习单位")
RECOGNITION_EXISTS = ErrorKind(409, "RECOGNITION_EXISTS", "该单位已有未审核的认定申请或已认定为见习单位，不能重复申报")
UNIT_NOT_FOUND = ErrorKind(404, "UNIT_NOT_FOUND", "单位不存在或未申请认定")
UNIT_NOT_PENDING = ErrorKind(409, "NOT_PENDING", "该单位的认定申请已处理，只有未审核的申请可以审核或撤回")
UNIT_NOT_RECOGNISED_YET = ErrorKind(409, "NOT_RECOGNISED", "只有已认定的见习单位可以撤销")
OWN_UNIT = ErrorKind(403, "OWN_UNIT", "不能审核本单位的认定申请")
POSITION_QUOTA_EXCEEDED = ErrorKind(409, "POSITION_QUOTA_EXCEEDED", "见习岗位数量超过参保职工人数的30%")
POSITION_NOT_PENDING_REVIEW = ErrorKind(409, "NOT_PENDING", "该岗位已审核，只有待审核的岗位可以审核")
# Placements (issue 20: 见习岗位申请 → 见习协议 → 上岗 → 期满).
PLACEMENT_NOT_FOUND = ErrorKind(404, "PLACEMENT_NOT_FOUND", "见习岗位申请不存在")
PLACEMENT_LIMIT_REACHED = ErrorKind(409, "PLACEMENT_LIMIT_REACHED", "最多同时申请三个见习岗位")  # placements.MAX_ACTIVE
ALREADY_APPLIED = ErrorKind(409, "ALREADY_APPLIED", "您已申请该岗位，请勿重复申请")
ALREADY_INVITED = ErrorKind(409, "ALREADY_APPLIED", "该人员已申请或已受邀该岗位")
ALREADY_PLACED = ErrorKind(409, "ALREADY_PLACED", "已参加过就业见习")
PLACEMENT_WRONG_STATUS = ErrorKind(409, "PLACEMENT_WRONG_STATUS", "该见习申请当前状态不能办理此项业务，请刷新后查看")
POSITION_FULL = ErrorKind(409, "POSITION_FULL", "该岗位录用人数已达招聘人数")
APPLY_OUTSIDE_LOCALITY = ErrorKind(422, "POSITION_OUTSIDE_LOCALITY", "只能申请业务办理属地内的岗位")
ALLOWANCE_BELOW_MINIMUM_WAGE = ErrorKind(
    422, "ALLOWANCE_BELOW_MINIMUM_WAGE", "见习期间的生活补助不得低于当地最低工资标准"
)
OWN_PLACEMENT = ErrorKind(403, "OWN_PLACEMENT", "不能办理本人或本单位的见习业务")

# Messages, and the local stage.
MESSAGE_NOT_FOUND = ErrorKind(404, "MESSAGE_NOT_FOUND", "消息不存在")
LOCAL_ONLY = ErrorKind(404, "LOCAL_ONLY", "该地址仅在本地开发环境提供")

# 考勤 and 就业见习补贴 (issue 21, the subsidies part).
SUBSIDY_PLACEMENT_NOT_FOUND = ErrorKind(404, "PLACEMENT_NOT_FOUND", "见习人员记录不存在或不属于本单位")
ATTENDANCE_LOCKED = ErrorKind(409, "ATTENDANCE_LOCKED", "该月考勤已纳入补贴申领，不能修改")
ATTENDANCE_CHANGED = ErrorKind(409, "ATTENDANCE_CHANGED", "考勤刚被修改，请刷新后重试")
ALREADY_CLAIMED = ErrorKind(409, "ALREADY_CLAIMED", "该见习人员该月（或保险费）已申领过补贴，不能重复申领")
CLAIM_NOT_FOUND = ErrorKind(404, "CLAIM_NOT_FOUND", "补贴申领不存在")
CLAIM_CHANGED = ErrorKind(409, "CLAIM_CHANGED", "补贴申领刚被他人处理，请刷新后重试")
CLAIM_NOT_SUBMITTED = ErrorKind(409, "CLAIM_NOT_SUBMITTED", "只有待审核的补贴申领可以审核")
CLAIM_NOT_PUBLICISED = ErrorKind(409, "CLAIM_NOT_PUBLICISED", "该补贴申领不在公示期，不能提出或处理异议")
PUBLICITY_NOT_OVER = ErrorKind(409, "PUBLICITY_NOT_OVER", "公示期未结束或仍有未处理、成立的异议，暂不能拨付")
NOTICE_NOT_FOUND = ErrorKind(404, "NOTICE_NOT_FOUND", "公示不存在")
OBJECTION_NOT_FOUND = ErrorKind(404, "OBJECTION_NOT_FOUND", "异议不存在")
OBJECTION_RESOLVED = ErrorKind(409, "OBJECTION_RESOLVED", "该异议已处理")
OBJECTIONS_LIMIT = ErrorKind(429, "TOO_MANY_OBJECTIONS", "同一手机号每天最多提出5次异议，请明天再试")
EXPORT_NOT_FOUND = ErrorKind(404, "EXPORT_NOT_FOUND", "导出任务不存在")
ALREADY_PAID = ErrorKind(409, "ALREADY_PAID", "该补贴申领已拨付")
OWN_SUBSIDY_CLAIM = ErrorKind(403, "OWN_APPLICATION", "补贴申领涉及本人，不能由本人审核或拨付")
OWN_UNIT_SUBSIDY_CLAIM = ErrorKind(403, "OWN_UNIT", "不能审核或拨付本单位的补贴申领")
# 好差评 and 统计分析 (issue 23).
CASE_NOT_FOUND = ErrorKind(404, "CASE_NOT_FOUND", "办件不存在")
CASE_NOT_FINISHED = ErrorKind(409, "CASE_NOT_FINISHED", "办件办结后才能评价")
ALREADY_RATED = ErrorKind(409, "ALREADY_RATED", "您已评价过该办件，每件办件只能评价一次")
RATING_NOT_FOUND = ErrorKind(404, "RATING_NOT_FOUND", "评价不存在")
OWN_RATING = ErrorKind(403, "OWN_RATING", "不能处理本人的评价")
INVALID_STATISTICS_REGION = ErrorKind(400, "INVALID_REGION", "地区代码不是山西省、地市或县（市、区）代码")
REGION_OUTSIDE = ErrorKind(403, "OUTSIDE_REGION", "所选地区不在您的管辖范围内")

# Faults.
TOO_MANY_REQUESTS = ErrorKind(429, "TOO_MANY_REQUESTS", "请求过于频繁，请稍后再试", (("Retry-After", "1"),))
SERVICE_BUSY = ErrorKind(503, "SERVICE_BUSY", "系统繁忙，请稍后再试", (("Retry-After", "2"),))
INTERNAL_ERROR = ErrorKind(500, "INTERNAL_ERROR", "系统内部错误，请稍后再试")


def envelope(code: str, message: str, request_id: str, details: Iterable[FieldProblem] = ()) -> dict[str, Any]:
    body: dict[str, Any] = {"code": code, "message": message, "request_id": request_id}
    problems = [p.as_dict() for p in details]
    if problems:
        body["details"] = problems
    return {"error": body}


def error_body(error: AppError, request_id: str) -> str:
    return json.dumps(
        envelope(error.code, error.message, request_id, error.details),
        ensure_ascii=False,
        separators=(",", ":"),
    )
