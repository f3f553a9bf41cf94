"""Faults at botocore's level, below PynamoDB, Powertools and our S3 calls: the n-th AWS call of a request fails.

A fault is raised in place of the call (the backend never applied it) or, armed with `applied=True`, after the
call returned (the backend applied it and the answer was lost on the way back: only a read timeout or a closed
connection can do that). Each is raised as botocore raises it:
throttling and 5xx answers as ClientError with their codes, a read timeout and a closed connection as the
BotoCoreError subclasses that carry no `response`. `conditional` is a refused condition where only a race could
cause it (the test names where).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from botocore.client import BaseClient
from botocore.exceptions import ClientError, ConnectionClosedError, ReadTimeoutError

ENDPOINT = "https://dynamodb.cn-north-1.amazonaws.com.cn"
KINDS = ("throttled", "read_timeout", "connection_closed", "server_error", "conditional")
# The faults that can follow an applied call: the request reached the service, its answer did not come back.
LOST_ANSWER_KINDS = ("read_timeout", "connection_closed")


@dataclass(frozen=True)
class Call:
    service: str
    operation: str
    table: str | None

    def __str__(self) -> str:
        return f"{self.service}:{self.operation}" + (f"({self.table})" if self.table else "")


def _client_error(operation: str, code: str, status: int) -> ClientError:
    response: Any = {"Error": {"Code": code, "Message": "injected"}, "ResponseMetadata": {"HTTPStatusCode": status}}
    return ClientError(response, operation)


def fault(kind: str, call: Call) -> Exception:
    s3 = call.service == "s3"
    error: Exception
    if kind == "throttled":
        throttling = ("SlowDown", 503) if s3 else ("ProvisionedThroughputExceededException", 400)
        error = _client_error(call.operation, *throttling)
    elif kind == "server_error":
        error = _client_error(call.operation, "InternalError" if s3 else "InternalServerError", 500)
    elif kind == "read_timeout":
        error = ReadTimeoutError(endpoint_url=ENDPOINT)
    elif kind == "connection_closed":
        error = ConnectionClosedError(endpoint_url=ENDPOINT)
    elif kind == "conditional":
        error = _client_error(call.operation, "ConditionalCheckFailedException", 400)
    else:
        raise ValueError(kind)
    return error


@dataclass
class Injector:
    """Count the AWS calls while armed; fail the `at`-th with `kind` (once), before it or, `applied`, after it."""

    armed: bool = False
    at: int | None = None
    kind: str = ""
    applied: bool = False
    calls: list[Call] = field(default_factory=list)
    fired: Call | None = None

    def arm(self, at: int | None = None, kind: str = "", *, applied: bool = False) -> None:
        if applied and kind not in LOST_ANSWER_KINDS:
            raise ValueError(f"{kind} cannot follow an applied call")
        self.armed, self.at, self.kind, self.applied, self.calls, self.fired = True, at, kind, applied, [], None

    def disarm(self) -> None:
        self.armed = False

    def intercept(self, client: BaseClient, operation: str, params: dict[str, Any]) -> Exception | None:
        if not self.armed:
            return None
        call = Call(client.meta.service_model.service_name, operation, params.get("TableName"))
        self.calls.append(call)
        if self.at is not None and len(self.calls) == self.at and self.fired is None:
            self.fired = call
            return fault(self.kind, call)
        return None
