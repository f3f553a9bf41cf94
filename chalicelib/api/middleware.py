"""One middleware for every HTTP request: request id, structured access log, metrics, the envelope for
errors that Chalice itself answers (405, 415, its own 500) and response headers every answer carries."""

from __future__ import annotations

import json
import time
from collections.abc import Callable

from chalice.app import Request, Response

from chalicelib.adapters.idempotency import remember_lambda_context
from chalicelib.api import cors
from chalicelib.api.http import JSON_TYPE, error_response, internal_error_response, start_request
from chalicelib.errors import MALFORMED_REQUEST, METHOD_NOT_ALLOWED, UNSUPPORTED_MEDIA_TYPE, ErrorKind
from chalicelib.observability import logger, metrics, traced

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
}

_CHALICE_ERRORS: dict[int, ErrorKind] = {
    kind.status: kind for kind in (MALFORMED_REQUEST, METHOD_NOT_ALLOWED, UNSUPPORTED_MEDIA_TYPE)
}


def _chalice_error(response: Response) -> Response | None:
    """Chalice answers some requests before our routes run, in its own body shape: put them in ours."""
    body = response.body
    if isinstance(body, str) and body.startswith("{"):
        try:
            body = json.loads(body)
        except ValueError:
            return None
    if not (isinstance(body, dict) and "Code" in body and "error" not in body):
        return None
    known = _CHALICE_ERRORS.get(response.status_code)
    replacement = error_response(known()) if known else internal_error_response()
    for name, value in response.headers.items():
        if name.lower() == "allow":
            replacement.headers[name] = value
    return replacement


def handle_request(event: Request, get_response: Callable[[Request], Response]) -> Response:
    started = time.perf_counter()
    request_id = start_request(event)
    logger.clear_state()
    logger.append_keys(request_id=request_id, method=event.method, route=event.context.get("resourcePath"))
    context = getattr(event, "lambda_context", None)
    remember_lambda_context(context)
    if context is not None and hasattr(context, "aws_request_id"):
        logger.append_keys(function_request_id=context.aws_request_id)
    route = str(event.context.get("resourcePath") or "-")
    try:
        with traced(f"## {event.method} {route}", route=route, method=event.method):
            response = get_response(event)
    except Exception:
        logger.exception("unhandled error outside a route")
        response = internal_error_response()
    response = _chalice_error(response) or response
    response.headers.setdefault("Content-Type", JSON_TYPE)
    response.headers.update(SECURITY_HEADERS)
    response.headers["X-Request-Id"] = request_id
    if event.method != "OPTIONS":
        response.headers.update(cors.headers_for(event.headers.get("origin")))
        response.headers["Vary"] = "Origin"
    elapsed_ms = round((time.perf_counter() - started) * 1000, 1)
    logger.info("request", extra={"status": response.status_code, "duration_ms": elapsed_ms})
    if metrics.metric_set:
        metrics.flush_metrics()
    return response
