"""One botocore session per container, and one client per service built from it, on first use.

Never at import, never per request. PynamoDB would build a session and a client for every model (each one
50–100 ms on a cold start: endpoint data, service model, credentials); `chalicelib.adapters.dynamo` hands every
model and every transaction the one DynamoDB client below instead, and S3 comes from the same session.
"""

from __future__ import annotations

import threading
from functools import cache
from typing import Any

from botocore.config import Config

# Fail fast and let the client retry: a Lambda behind API Gateway has 29 s at most, and a stuck call
# should become a 503 the client can retry, not a timeout.
_CONFIG = Config(connect_timeout=2, read_timeout=5, retries={"mode": "standard", "max_attempts": 3})
# What PynamoDB gives its own clients: requests are built by PynamoDB, so botocore's validation is skipped.
# 20 connections: the keyword index's 8 concurrent writers (keyword_store.WRITERS) beside the reads of the
# batches the local stream runner applies at once, without botocore discarding connections.
_DYNAMODB_CONFIG = _CONFIG.merge(Config(parameter_validation=False, max_pool_connections=20))
_S3_CONFIG = _CONFIG.merge(Config(signature_version="s3v4"))

# botocore's sessions are not safe to build clients from on two threads at once (PynamoDB's issue #153).
_building = threading.Lock()


@cache
def botocore_session() -> Any:
    from botocore.session import get_session

    return get_session()


@cache
def dynamodb() -> Any:
    """The DynamoDB client of every model and transaction. Region and endpoint come from the environment."""
    with _building:
        return botocore_session().create_client("dynamodb", config=_DYNAMODB_CONFIG)


@cache
def _boto3_session() -> Any:
    # Once per botocore session: boto3 registers its S3 customisations on it, and twice would be an error.
    import boto3

    return boto3.session.Session(botocore_session=botocore_session())


@cache
def s3() -> Any:
    with _building:
        return _boto3_session().client("s3", config=_S3_CONFIG)


def cache_clear_all() -> None:
    """Forget the clients (a new container). The session stays: it holds botocore's parsed endpoint and
    service data, costly to read again, and nothing of a container's (credentials come from the environment
    each time a client is built)."""
    s3.cache_clear()
    dynamodb.cache_clear()
