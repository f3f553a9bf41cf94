"""The web client as `make dev` serves it: web/dist (the Vite build) with an SPA fallback and GET /config.json.

A WSGI app on werkzeug's threaded server: werkzeug's send_file gives content types, ETag/Last-Modified and 304s,
ranges and HEAD; `safe_join` keeps requests inside web/dist. Cache headers are the cloud's (infra/web_client.py):
hashed assets immutable, index.html and config.json revalidated. The client is served compressed as CloudFront
serves it (gzip for the types and sizes CloudFront compresses, a weak ETag, `Vary: Accept-Encoding`), so a page
measured here (Lighthouse, issue 22) loads what a phone would load. Brotli too when the `brotli` package is
installed (it is not a dependency: CloudFront's brotli needs a cache policy, which China's CloudFront rejects).
The security headers are the cloud's too, with the local API, issuer and moto origins as the places the client
may fetch from, so a violation shows up locally first.
"""

from __future__ import annotations

import gzip
import importlib
import json
import mimetypes
import threading
from pathlib import Path
from typing import Any

from werkzeug.security import safe_join
from werkzeug.utils import send_file
from werkzeug.wrappers import Request, Response

from infra.web_client import CONFIG_PATH, HSTS_SECONDS, REFERRER_POLICY, REVALIDATE, cache_control

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


# CloudFront compresses an answer of 1,000 bytes to 10 MB whose type is on its list (AmazonCloudFront developer
# guide, "Serve compressed files"); these are the types a Vite build has of that list.
COMPRESS_MIN_BYTES, COMPRESS_MAX_BYTES = 1000, 10_000_000
COMPRESSIBLE_TYPES = frozenset(
    {
        "text/html",
        "text/css",
        "text/javascript",
        "text/plain",
        "application/javascript",
        "application/json",
        "application/manifest+json",
        "image/svg+xml",
        "image/x-icon",
        "font/ttf",
        "font/otf",
    }
)


def _brotli() -> Any:
    try:
        return importlib.import_module("brotli")
    except ImportError:
        return None


BROTLI = _brotli()
ENCODINGS: dict[str, Any] = {"gzip": lambda data: gzip.compress(data, compresslevel=6, mtime=0)}
if BROTLI is not None:
    ENCODINGS = {"br": BROTLI.compress, **ENCODINGS}


class WebClientApp:
    def __init__(self, dist: Path, config: dict[str, Any], policy: str) -> None:
        self.dist = dist
        self.config = json.dumps(config, ensure_ascii=False).encode()
        self.policy = policy
        # Compressed bodies by (path, size, mtime, encoding): each file is compressed once per build.
        self._compressed: dict[tuple[str, int, int, str], bytes] = {}
        self._lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        request = Request(environ)
        response = self._compress(request, self._answer(request))
        # The response headers policy of infra/web.py (HSTS means nothing over http://, it is sent as the cloud does).
        response.headers["Content-Security-Policy"] = self.policy
        response.headers["Strict-Transport-Security"] = f"max-age={HSTS_SECONDS}; includeSubDomains"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = REFERRER_POLICY
        return response(environ, start_response)

    def _compress(self, request: Request, response: Response) -> Response:
        """The file's bytes in the best encoding the browser takes, as CloudFront does; never a range."""
        if response.mimetype in COMPRESSIBLE_TYPES:
            response.vary.add("Accept-Encoding")
        source = getattr(response, "source_path", None)
        encoding = next((e for e in ENCODINGS if request.accept_encodings[e]), None)
        if response.status_code != 200 or source is None or encoding is None or "Range" in request.headers:
            return response
        path = Path(source)
        stat = path.stat()
        if response.mimetype not in COMPRESSIBLE_TYPES or not COMPRESS_MIN_BYTES <= stat.st_size <= COMPRESS_MAX_BYTES:
            return response
        key = (str(path), stat.st_size, stat.st_mtime_ns, encoding)
        with self._lock:
            body = self._compressed.get(key)
        if body is None:
            body = ENCODINGS[encoding](path.read_bytes())
            with self._lock:
                self._compressed[key] = body
        etag, _ = response.get_etag()
        compressed = Response(body, 200, mimetype=response.mimetype)  # werkzeug drops the body of a HEAD
        for header in ("Content-Type", "Cache-Control", "Last-Modified", "Vary"):
            if header in response.headers:
                compressed.headers[header] = response.headers[header]
        compressed.headers["Content-Encoding"] = encoding
        if etag:
            compressed.set_etag(etag, weak=True)  # CloudFront weakens the origin's ETag when it compresses
        response.close()
        return compressed

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
        response.source_path = found  # type: ignore[attr-defined]  # for _compress
        return response
