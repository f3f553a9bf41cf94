"""API Gateway's own answers (throttling, unknown routes, oversized bodies, integration failures) rewritten into
the app's error envelope: `{"error": {"code", "message", "request_id"}}`, message in Chinese, no AWS text.

Codes and messages are the app's own catalogue entries where it has one (chalicelib.errors, read here, not
copied), so a client cannot tell which layer answered. Every 4xx and 5xx type API Gateway defines is listed;
DEFAULT_4XX/5XX catch any added later.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from chalicelib import errors


@dataclass(frozen=True)
class GatewayError:
    code: str
    message: str
    status: str | None = None  # None keeps API Gateway's status
    retry_after: str | None = None


def _app(kind: errors.ErrorKind, status: str | None = None) -> GatewayError:
    """The app's own error as the gateway answers it (its status unless API Gateway's must be replaced)."""
    return GatewayError(kind.code, kind.message, status, dict(kind.headers).get("Retry-After"))


_MALFORMED = _app(errors.MALFORMED_REQUEST)
_DENIED = GatewayError("FORBIDDEN", "请求被拒绝")  # the gateway's own refusal: no role is involved
_TOO_MANY = _app(errors.TOO_MANY_REQUESTS)
_BUSY = _app(errors.SERVICE_BUSY, status="503")
_INTERNAL = _app(errors.INTERNAL_ERROR)

GATEWAY_ERRORS: dict[str, GatewayError] = {
    "DEFAULT_4XX": GatewayError("REQUEST_REJECTED", "请求无法处理"),
    "DEFAULT_5XX": _INTERNAL,
    # A path or method the API does not have: API Gateway says 403 "Missing Authentication Token".
    "MISSING_AUTHENTICATION_TOKEN": GatewayError("NOT_FOUND", "请求的资源不存在", status="404"),
    "RESOURCE_NOT_FOUND": GatewayError("NOT_FOUND", "请求的资源不存在", status="404"),
    "THROTTLED": _TOO_MANY,
    "QUOTA_EXCEEDED": _TOO_MANY,
    "REQUEST_TOO_LARGE": GatewayError("PAYLOAD_TOO_LARGE", "请求内容过大"),
    "UNSUPPORTED_MEDIA_TYPE": _app(errors.UNSUPPORTED_MEDIA_TYPE),
    "BAD_REQUEST_BODY": _MALFORMED,
    "BAD_REQUEST_PARAMETERS": _MALFORMED,
    "UNAUTHORIZED": _app(errors.UNAUTHENTICATED),
    "ACCESS_DENIED": _DENIED,
    "WAF_FILTERED": _DENIED,
    "INVALID_API_KEY": _DENIED,
    "EXPIRED_TOKEN": _DENIED,
    "INVALID_SIGNATURE": _DENIED,
    # The function did not answer in time or could not be invoked: the contract's "try again later".
    "INTEGRATION_TIMEOUT": _BUSY,
    "INTEGRATION_FAILURE": _BUSY,
    "API_CONFIGURATION_ERROR": _INTERNAL,
    "AUTHORIZER_CONFIGURATION_ERROR": _INTERNAL,
    "AUTHORIZER_FAILURE": _INTERNAL,
}


def template(error: GatewayError) -> str:
    """The body as a mapping template: JSON with `$context.requestId` left for API Gateway to fill in."""
    body = {"error": {"code": error.code, "message": error.message, "request_id": "$context.requestId"}}
    return json.dumps(body, ensure_ascii=False)


def extension() -> dict[str, dict[str, object]]:
    """`x-amazon-apigateway-gateway-responses` for the API body. In the body, not as separate resources: a
    body import replaces the whole API, and would drop gateway responses defined beside it."""
    responses: dict[str, dict[str, object]] = {}
    for name, error in GATEWAY_ERRORS.items():
        # The template's key sets Content-Type: application/json (UTF-8, as JSON always is). Any origin may read
        # these answers: they hold no data and no credentials ride on them (tokens are Bearer headers, not
        # cookies), and a web client must see the 429 to back off. The app's own answers name each origin.
        headers = {
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
            "Access-Control-Allow-Origin": "*",
            "Access-Control-Expose-Headers": "Retry-After",
            **({"Retry-After": error.retry_after} if error.retry_after else {}),
        }
        response: dict[str, object] = {
            "responseParameters": {f"gatewayresponse.header.{k}": f"'{v}'" for k, v in headers.items()},
            "responseTemplates": {"application/json": template(error)},
        }
        if error.status:
            response["statusCode"] = error.status
        responses[name] = response
    return responses
