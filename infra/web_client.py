"""What the web client is served with, locally (scripts/local_web.py) and in the cloud (infra/web.py): its
config.json and its security headers. Plain data, no CDK: one declaration that both servers read.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

CLIENT_ID = "shanxi-internship-web"
CONFIG_PATH = "/config.json"
INDEX_PATH = "/index.html"
# What S3 answers (through CloudFront) for a key it does not hold: 403 without s3:ListBucket, 404 with it. Both
# mean "a route of the client", answered with index.html and 200, in the cloud and under `make dev`.
CLIENT_ROUTE_STATUSES = (403, 404)
# Where the issuer sends the browser back after sign-in (web/src/auth.ts: `${origin}/callback`).
CALLBACK_PATH = "/callback"
# Vite puts every hashed file under assets/: a name that changes with its content can be cached for good.
HASHED_ASSETS_PREFIX = "/assets/"
IMMUTABLE = "public, max-age=31536000, immutable"
# index.html, config.json and the other unhashed files: the browser revalidates every time, so a deploy shows.
REVALIDATE = "no-cache"
REFERRER_POLICY = "strict-origin-when-cross-origin"
HSTS_SECONDS = 63072000  # two years, the preload list's minimum is one


def client_config(api_base_url: str, issuer: str, client_id: str = CLIENT_ID) -> dict[str, Any]:
    """GET /config.json: read by the client at start, so one build runs on a laptop and in every stage."""
    return {"apiBaseUrl": api_base_url.rstrip("/"), "issuer": issuer.rstrip("/"), "clientId": client_id}


def content_security_policy(connect_to: Iterable[str], frame_from: Iterable[str] = ()) -> str:
    """Scripts only from the client's own origin (no inline script, no eval); the API, the issuer and the
    attachments bucket are the only other places it may fetch from; no site may frame it.

    Styles allow 'unsafe-inline' on purpose: component libraries set style attributes, and a style cannot run.
    `frame_from` is the issuer, for oidc-client-ts's silent renew (a hidden iframe with prompt=none).
    """
    connect = " ".join(sorted({"'self'", *connect_to}))
    frames = " ".join(sorted(set(frame_from))) or "'none'"
    return "; ".join(
        (
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            f"connect-src {connect}",
            f"frame-src {frames}",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        )
    )


def cache_control(path: str) -> str:
    return IMMUTABLE if path.startswith(HASHED_ASSETS_PREFIX) else REVALIDATE
