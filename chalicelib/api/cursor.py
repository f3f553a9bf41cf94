"""Opaque list cursors: the DynamoDB key to resume from, signed and bound to the query that issued it.

A cursor that was edited, or that belongs to another query (other filters, another person), is refused with
400 INVALID_CURSOR instead of reaching DynamoDB, where a foreign key would fail or, worse, page someone else's data.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any

from chalicelib.config import settings
from chalicelib.errors import INVALID_CURSOR


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _signature(query: str, payload: str) -> str:
    mac = hmac.new(settings().cursor_secret, f"{query}\n{payload}".encode(), hashlib.sha256)
    return _b64(mac.digest()[:18])


def query_identity(route: str, **filters: Any) -> str:
    """What makes two requests the same query: the route and every filter, in a fixed order."""
    return json.dumps([route, sorted((k, v) for k, v in filters.items() if v is not None)], ensure_ascii=False)


def encode(key: dict[str, Any] | None, query: str) -> str | None:
    if key is None:
        return None
    payload = _b64(json.dumps(key, separators=(",", ":"), sort_keys=True).encode())
    return f"{payload}.{_signature(query, payload)}"


def decode(cursor: str | None, query: str) -> dict[str, Any] | None:
    if cursor is None:
        return None
    payload, _, signature = cursor.partition(".")
    # Compared as bytes: compare_digest refuses non-ASCII str, and a cursor is whatever the client sent.
    if not payload or not hmac.compare_digest(signature.encode(), _signature(query, payload).encode()):
        raise INVALID_CURSOR()
    try:
        key = json.loads(_unb64(payload))
    except ValueError:
        raise INVALID_CURSOR() from None
    if not isinstance(key, dict):
        raise INVALID_CURSOR()
    return key
