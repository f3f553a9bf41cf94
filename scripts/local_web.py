"""The web client as `make dev` serves it: web/dist (the Vite build) with an SPA fallback and GET /config.json.

A WSGI app on werkzeug's threaded server: werkzeug's send_file gives content types, ETag/Last-Modified and 304s,
ranges and HEAD; `safe_join` keeps requests inside web/dist. Cache headers are the cloud's (infra/web_client.py):
hashed assets immutable, index.html and config.json revalidated. No compression: on loopback it
would only cost time (CloudFront compresses in the cloud). The CSP is the cloud's too, with the local
API, issuer and moto origins as the places the client may fetch from, so a violation shows up locally first.
"""

from __future__ import annotations

import json
import mimetypes
from pathlib import Path
from typing import Any

from werkzeug.security import safe_join
from werkzeug.utils import send_file
from werkzeug.wrappers import Request, Response

from infra.web_client import CONFIG_PATH, REFERRER_POLICY, REVALIDATE, cache_control

# Python 3.11's table lacks some and names .js application/javascript; browsers want these.
for _suffix, _type in (
    (".js", "text/javascript"),
    (".mjs", "text/javascript"),
    (".css", "text/css"),
    (".svg", "image/svg+xml"),
    (".woff2", "font/woff2"),
    (".woff", "font/woff"),
    (".webmanifest", "application/manifest+json"),
    (".wasm", "application/wasm"),
    (".map", "application/json"),
):
    mimetypes.add_type(_type, _suffix)

NOT_BUILT = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>网页客户端尚未构建</title></head>
<body><main><h1>网页客户端尚未构建</h1>
<p>web/dist 不存在：运行 <code>make dev</code>（它会先构建网页客户端），
或在 web/ 中运行 <code>npm run build</code>。</p>
<p>The web client is not built: web/dist is missing. The API is running.</p></main></body></html>
"""


class WebClientApp:
    def __init__(self, dist: Path, config: dict[str, Any], policy: str) -> None:
        self.dist = dist
        self.config = json.dumps(config, ensure_ascii=False).encode()
        self.policy = policy

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        request = Request(environ)
        response = self._answer(request)
        response.headers["Content-Security-Policy"] = self.policy
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = REFERRER_POLICY
        return response(environ, start_response)

    def _answer(self, request: Request) -> Response:
        if request.method not in {"GET", "HEAD"}:
            return Response("method not allowed", 405, headers={"Allow": "GET, HEAD"}, mimetype="text/plain")
        if request.path == CONFIG_PATH:
            return Response(self.config, mimetype="application/json", headers={"Cache-Control": REVALIDATE})
        index = self.dist / "index.html"
        if not index.is_file():
            return Response(NOT_BUILT, 503, mimetype="text/html", headers={"Cache-Control": "no-store"})
        relative = request.path.lstrip("/")
        found = safe_join(str(self.dist), relative) if relative else None
        if found is not None and Path(found).is_file():
            path = request.path
        elif "." not in request.path.rsplit("/", 1)[-1]:
            # A route of the client (/verify/<id>, /search?city=…): the page that knows how to draw it.
            found, path = str(index), "/index.html"
        else:
            return Response("not found", 404, mimetype="text/plain")
        response = send_file(found, request.environ, conditional=True, etag=True, max_age=None)
        response.headers["Cache-Control"] = cache_control(path)
        return response
