"""What every table of `make bench` measures with: the AWS calls and items read of a block (`tally`), a fresh
in-process moto with the app on top (`loaded_app`), the local environment and a signed-in caller. The tables
import this module, never each other."""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)


@dataclass
class Tally:
    calls: Counter[str] = field(default_factory=Counter)
    items_read: int = 0


_active: list[Tally] = []  # the tally of the request being measured, if any


def install_counter() -> None:
    """Count every AWS call the app makes, and the items DynamoDB reads for it."""
    from botocore.client import BaseClient

    original = BaseClient._make_api_call

    def counted(self: Any, operation: str, params: dict[str, Any]) -> Any:
        if _active:  # counted before the call: a refused conditional write is a call too
            _active[0].calls[f"{self.meta.service_model.service_name}:{operation}"] += 1
        result = original(self, operation, params)
        if _active and self.meta.service_model.service_name == "dynamodb":
            _active[0].items_read += _items_read(operation, result)
        return result

    BaseClient._make_api_call = counted


def _items_read(operation: str, result: dict[str, Any]) -> int:
    if operation in ("Query", "Scan"):
        return int(result.get("ScannedCount", 0))
    if operation == "GetItem":
        return 1 if result.get("Item") else 0
    if operation == "BatchGetItem":
        return sum(len(items) for items in result.get("Responses", {}).values())
    if operation == "TransactGetItems":
        return len(result.get("Responses", []))
    return 0


@contextmanager
def tally() -> Iterator[Tally]:
    _active.append(Tally())
    try:
        yield _active[0]
    finally:
        _active.clear()


def calls(t: Tally) -> str:
    dynamo = {k.split(":")[1]: v for k, v in t.calls.items() if k.startswith("dynamodb:")}
    others = {k: v for k, v in t.calls.items() if not k.startswith("dynamodb:")}
    text = ", ".join(f"{op} {n}" for op, n in sorted(dynamo.items()))
    if others:
        text += "; " + ", ".join(f"{op} {n}" for op, n in sorted(others.items()))
    return text


def environment() -> None:
    from scripts.local_aws import LOCAL_ENVIRONMENT
    from scripts.local_keys import ensure_key

    os.environ.update(LOCAL_ENVIRONMENT)
    os.environ.pop("AWS_ENDPOINT_URL", None)
    _, jwks = ensure_key(ROOT / ".local")
    os.environ["JWKS_URL"] = jwks.as_uri()
    os.environ["PUBLIC_BASE_URL"] = "http://127.0.0.1:8000"
    os.environ["POWERTOOLS_LOG_LEVEL"] = "WARNING"  # one request log line per measured call would bury the tables


@contextmanager
def loaded_app(size: int, load: Callable[[int], None], what: str = "positions") -> Iterator[Any]:
    """In-process moto with fresh tables and a bucket, `load(size)` written into them (its time on stderr), and
    the Chalice test client of the app on top: the setup every table of figures starts from."""
    from chalice.test import Client
    from moto import mock_aws

    from scripts.local_aws import create_bucket, create_tables

    with mock_aws():
        fresh_containers()
        create_tables()
        create_bucket()
        started = time.perf_counter()
        load(size)
        print(f"  loaded {size} {what} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        from app import app

        with Client(app) as client:
            yield client


def fresh_containers() -> None:
    from chalicelib.adapters import clients, dynamo, idempotency, tokens
    from chalicelib.config import settings

    settings.cache_clear()
    dynamo.connection.cache_clear()
    tokens.verifier.cache_clear()
    clients.cache_clear_all()
    idempotency.cache_clear()


def token(**claims: Any) -> dict[str, str]:
    from scripts.local_keys import ensure_key, mint

    private, _ = ensure_key(ROOT / ".local")
    return {"Authorization": "Bearer " + mint(private, **claims), "Content-Type": "application/json"}


# ----------------------------------------------------------------------------------------------- loading


def moto_table(name: str) -> Any:
    """One of the app's tables inside in-process moto, to write straight into (what is measured is the reads)."""
    from moto.core.models import DEFAULT_ACCOUNT_ID
    from moto.dynamodb.models import dynamodb_backends

    from chalicelib.config import settings

    backend = dynamodb_backends[DEFAULT_ACCOUNT_ID][os.environ["AWS_DEFAULT_REGION"]]
    return backend.get_table(getattr(settings().tables, name))


def listed_position(fields: dict[str, Any], published: datetime, listings: Any) -> Any:
    """A position as `create` builds it (fields as the route parses them), published at `published`, with its
    search entries written into `listings`; the position itself is returned, not yet stored."""
    from chalicelib import wiring
    from chalicelib.adapters.dynamo import own
    from chalicelib.adapters.models import Position
    from chalicelib.adapters.position_store import _listing_entries
    from chalicelib.domain.principal import Principal
    from chalicelib.services.positions import listed, new_position

    loader = Principal("bench", None, None, frozenset({"position_manager"}), "140000")
    position = own(new_position(loader, fields, published, ports=wiring.ports()), Position)
    for entry in _listing_entries(position, listed(position, published.date())):
        listings.put_item(entry.serialize())
    return position
