"""CORS for the web clients: only the configured origins, on every answer and on preflight requests.

Chalice's own CORS support takes one origin fixed at import time; the province runs several web origins per
stage, read from configuration. So every path gets an OPTIONS operation here, and the middleware adds the headers.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from chalice.app import Chalice, Response

from chalicelib.api.routes import LazyView, Routes
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

    preflight.__name__ = _name(path)
    return preflight


def _name(path: str) -> str:
    return "preflight" + re.sub(r"\W+", "_", path)


def preflight_view(app: Chalice, path: str, methods: str) -> Callable[..., Response]:
    """The OPTIONS operation of one path, made on its first request (or when the document reads it)."""
    from chalicelib.api.contract import PUBLIC
    from chalicelib.api.operation import operations

    routes = Routes("preflight", prefix="")
    routes.serve(app)
    operations(routes)(
        method="OPTIONS",
        path=path,
        operation_id="preflight",
        summary="CORS preflight",
        description="The methods and request headers this path allows a configured origin.",
        tag="public",
        access=PUBLIC,
        status=204,
    )(_preflight(app, path, methods))
    return routes.views[("OPTIONS", path)]


def register_preflight(app: Chalice) -> None:
    """An OPTIONS operation for every path, answering with the methods that path has. Not in the document: the
    conventions describe preflight once rather than as one more operation per path. Registered as the routes
    are (chalicelib/api/routes.py): made on first use, so a cold start does not build 94 of them."""
    for path, entries in list(app.routes.items()):
        load = functools.partial(preflight_view, app, path, ", ".join(sorted(entries)))
        app.route(path, methods=["OPTIONS"], name=_name(path))(LazyView(_name(path), load))
