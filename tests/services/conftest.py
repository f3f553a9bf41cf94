"""Service tests: the use cases on in-memory fakes (fakes.py), with no moto, no boto3 and no AWS client.

Run on their own with SERVICE_TESTS_OFFLINE=1 (test_offline.py does, in a process of its own), moto and boto3
cannot even be imported. Within the whole suite, where other tests use moto, a use case that reached for a
DynamoDB client instead of its fakes fails the test.
"""

from __future__ import annotations

import importlib.abc
import logging
import os
import sys
from collections.abc import Iterator, Sequence
from functools import cache
from importlib.machinery import ModuleSpec
from types import ModuleType

import pytest

from scripts.local_environment import LOCAL_ENVIRONMENT
from tests.services.fakes import Fakes, fakes

FORBIDDEN = ("moto", "boto3")
OFFLINE = os.environ.get("SERVICE_TESTS_OFFLINE") == "1"


class _Refuse(importlib.abc.MetaPathFinder):
    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname.split(".", maxsplit=1)[0] in FORBIDDEN:
            raise ImportError(f"the service tests run without {fullname}")
        return None


if OFFLINE:
    already = [name for name in FORBIDDEN if name in sys.modules]
    assert not already, f"imported before the service tests started: {already}"
    sys.meta_path.insert(0, _Refuse())


@pytest.fixture(autouse=True)
def no_dynamodb(monkeypatch: pytest.MonkeyPatch) -> None:
    from chalicelib.adapters import clients

    @cache  # shaped like the real one, which the suite's fixtures clear between tests
    def refused() -> None:
        raise AssertionError("a service test reached for DynamoDB: pass the use case its fakes")

    monkeypatch.setattr(clients, "dynamodb", refused)


@pytest.fixture(autouse=True)
def stage_settings(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The stage's settings (the printed forms' verification address, the cursors' secret) as the local stack has
    them: in the offline run no other conftest sets them, and a test must not depend on one that ran before."""
    from chalicelib.config import settings

    for name, value in LOCAL_ENVIRONMENT.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://ggfw.rst.shanxi.gov.cn/internship")
    monkeypatch.setenv("JWKS_URL", "file:///nonexistent/jwks.json")  # a service test verifies no token
    settings.cache_clear()
    yield
    settings.cache_clear()


@pytest.fixture
def fake() -> Fakes:
    return fakes()


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def service_log() -> Iterator[list[logging.LogRecord]]:
    """The records the service's own logger lets through (after its masking filter), whatever an earlier test did
    to logging: a `logging.config` call elsewhere in the run disables existing loggers, and Powertools' logger does
    not propagate to caplog's root handler."""
    from chalicelib.observability import SERVICE

    underlying = logging.getLogger(SERVICE)
    handler = _Records()
    level, disabled = underlying.level, underlying.disabled
    underlying.setLevel(logging.DEBUG)
    underlying.disabled = False
    underlying.addHandler(handler)
    try:
        yield handler.records
    finally:
        underlying.removeHandler(handler)
        underlying.setLevel(level)
        underlying.disabled = disabled
