"""boto3 clients, built once per container on first use (never at import, never per request)."""

from __future__ import annotations

from functools import cache
from typing import Any

from botocore.config import Config

# Fail fast and let the client retry: a Lambda behind API Gateway has 29 s at most, and a stuck call
# should become a 503 the client can retry, not a timeout.
_CONFIG = Config(connect_timeout=2, read_timeout=5, retries={"mode": "standard", "max_attempts": 3})


@cache
def s3() -> Any:
    import boto3

    return boto3.client("s3", config=_CONFIG.merge(Config(signature_version="s3v4")))


def cache_clear_all() -> None:
    s3.cache_clear()
