"""CORS for the web clients: only the configured origins, on every answer and on preflight requests.

Chalice's own CORS support takes one origin fixed at import time; the province runs several web origins per
stage, read from configuration. So every path gets an OPTIONS operation here, and the middleware adds the headers.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from chalice.app import Chalice, Response

from chalicelib.api.contract import PUBLIC
from chalicelib.api.operation import operations
from chalicelib.config import settings

ALLOWED_HEADERS = "Authorization, Content-Type, Accept, Idempotency-Key"
EXPOSED_HEADERS = "X-Request-Id, Retry-After, Content-Disposition"
PREFLIGHT_MAX_AGE = "600"


def headers_for(origin: str | None) -> dict[str, str]:
    """The CORS headers of an answer to `origin`; none for an origin that is not configured."""
    if origin is None or origin.rstrip("/") not in settings().allowed_origins:
        return {}
    return {"Access-Control-Allow-Origin": origin, "Access-Control-Expose-Headers": EXPOSED_HEADERS}


def preflight_answer(origin: str | None, methods: str) -> Response:
    allowed = headers_for(origin)
    if allowed:
        allowed.update(
            {
                "Access-Control-Allow-Methods": methods,
                "Access-Control-Allow-Headers": ALLOWED_HEADERS,
                "Access-Control-Max-Age": PREFLIGHT_MAX_AGE,
            }
        )
    return Response(body="", status_code=204, headers={**allowed, "Vary": "Origin"})


def _preflight(app: Chalice, path: str, methods: str) -> Callable[[], Response]:
    def preflight() -> Response:
        request = app.current_request
        return preflight_answer(request.headers.get("origin") if request else None, methods)

    preflight.__name__ = "preflight" + re.sub(r"\W+", "_", path)
    return preflight


def register_preflight(app: Chalice) -> None:
    """An OPTIONS operation for every path, answering with the methods that path has. Not in the document: the
    conventions describe preflight once rather than as one more operation per path."""
    operation = operations(app)
    for path, entries in list(app.routes.items()):
        methods = ", ".join(sorted(entries))
        operation(
            method="OPTIONS",
            path=path,
            operation_id="preflight",
            summary="CORS preflight",
            description="The methods and request headers this path allows a configured origin.",
            tag="public",
            access=PUBLIC,
            status=204,
        )(_preflight(app, path, methods))
