"""The one error vocabulary, and the one place errors become the envelope of API.md.

Services raise these typed errors with a machine code and a Chinese message. Nothing else may produce an error
body: anything unexpected becomes a plain 500 envelope, with the details in the log and never in the answer.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar


@dataclass(frozen=True)
class FieldProblem:
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

    def __init__(self, message: str = "请先登录，或登录已过期") -> None:
        super().__init__("UNAUTHENTICATED", message, headers={"WWW-Authenticate": 'Bearer realm="v1"'})


class Forbidden(AppError):
    status = 403


class NotFound(AppError):
    status = 404


class Conflict(AppError):
    status = 409


class MethodNotAllowed(AppError):
    status = 405


class PayloadTooLarge(AppError):
    status = 413


class UnsupportedMediaType(AppError):
    status = 415


class Unprocessable(AppError):
    status = 422


class ServiceBusy(AppError):
    status = 503

    def __init__(self, retry_after_seconds: int = 2) -> None:
        super().__init__("SERVICE_BUSY", "系统繁忙，请稍后再试", headers={"Retry-After": str(retry_after_seconds)})


def validation_failed(problems: Iterable[FieldProblem]) -> Unprocessable:
    return Unprocessable("VALIDATION_FAILED", "提交的信息有误", problems)


def malformed(problems: Iterable[FieldProblem], message: str = "请求格式有误") -> BadRequest:
    return BadRequest("MALFORMED_REQUEST", message, problems)


def forbidden_role() -> Forbidden:
    return Forbidden("FORBIDDEN", "没有办理该业务的权限")


INTERNAL_MESSAGE = "系统内部错误，请稍后再试"


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
