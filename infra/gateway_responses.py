"""API Gateway's own answers (throttling, unknown routes, oversized bodies, integration failures) rewritten into
the app's error envelope: `{"error": {"code", "message", "request_id"}}`, message in Chinese, no AWS text.

Codes and messages are the app's own where it has one (chalicelib.errors), so a client cannot tell which layer
answered. Every 4xx and 5xx type API Gateway defines is listed; DEFAULT_4XX/5XX catch any added later.
"""

from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass(frozen=True)
class GatewayError:
    code: str
    message: str
    status: str | None = None  # None keeps API Gateway's status
    retry_after: str | None = None


_MALFORMED = GatewayError("MALFORMED_REQUEST", "请求格式有误")
_DENIED = GatewayError("FORBIDDEN", "请求被拒绝")
_TOO_MANY = GatewayError("TOO_MANY_REQUESTS", "请求过于频繁，请稍后再试", retry_after="1")
_BUSY = GatewayError("SERVICE_BUSY", "系统繁忙，请稍后再试", status="503", retry_after="2")
_INTERNAL = GatewayError("INTERNAL_ERROR", "系统内部错误，请稍后再试")

GATEWAY_ERRORS: dict[str, GatewayError] = {
    "DEFAULT_4XX": GatewayError("REQUEST_REJECTED", "请求无法处理"),
    "DEFAULT_5XX": _INTERNAL,
    # A path or method the API does not have: API Gateway says 403 "Missing Authentication Token".
    "MISSING_AUTHENTICATION_TOKEN": GatewayError("NOT_FOUND", "请求的资源不存在", status="404"),
    "RESOURCE_NOT_FOUND": GatewayError("NOT_FOUND", "请求的资源不存在", status="404"),
    "THROTTLED": _TOO_MANY,
    "QUOTA_EXCEEDED": _TOO_MANY,
    "REQUEST_TOO_LARGE": GatewayError("PAYLOAD_TOO_LARGE", "请求内容过大"),
    "UNSUPPORTED_MEDIA_TYPE": GatewayError("UNSUPPORTED_MEDIA_TYPE", "请求体应为application/json"),
    "BAD_REQUEST_BODY": _MALFORMED,
    "BAD_REQUEST_PARAMETERS": _MALFORMED,
    "UNAUTHORIZED": GatewayError("UNAUTHENTICATED", "请先登录，或登录已过期"),
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
