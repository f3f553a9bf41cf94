"""CORS for the web clients: only the configured origins, on every answer and on preflight requests.

Chalice's own CORS support takes one origin fixed at import time; the province runs several web origins per
stage, read from configuration. So every path gets an OPTIONS route here, and the middleware adds the headers.
"""

from __future__ import annotations

import re

from chalice.app import Chalice, Response

from chalicelib.config import settings

ALLOWED_HEADERS = "Authorization, Content-Type, Accept, Idempotency-Key"
EXPOSED_HEADERS = "X-Request-Id, Retry-After, Content-Disposition"
PREFLIGHT_MAX_AGE = "600"


def headers_for(origin: str | None) -> dict[str, str]:
    """The CORS headers of an answer to `origin`; none for an origin that is not configured."""
    if origin is None or origin.rstrip("/") not in settings().allowed_origins:
        return {}
    return {"Access-Control-Allow-Origin": origin, "Access-Control-Expose-Headers": EXPOSED_HEADERS}


def register_preflight(app: Chalice) -> None:
    """An OPTIONS route for every path, answering with the methods that path has."""
    for path, entries in list(app.routes.items()):
        methods = ", ".join(sorted(entries))

        def preflight(methods: str = methods, **_path_parameters: str) -> Response:
            origin = app.current_request.headers.get("origin") if app.current_request else None
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

        preflight.__name__ = "preflight" + re.sub(r"\W+", "_", path)
        app.route(path, methods=["OPTIONS"])(preflight)
