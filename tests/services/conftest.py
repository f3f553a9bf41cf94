"""Service tests: the use cases on in-memory fakes (fakes.py), with no moto, no boto3 and no AWS client.

Run on their own with SERVICE_TESTS_OFFLINE=1 (test_offline.py does, in a process of its own), moto and boto3
cannot even be imported. Within the whole suite, where other tests use moto, a use case that reached for a
DynamoDB client instead of its fakes fails the test.
"""

from __future__ import annotations

import importlib.abc
import os
import sys
from collections.abc import Sequence
from functools import cache
from importlib.machinery import ModuleSpec
from types import ModuleType

import pytest

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


@pytest.fixture
def fake() -> Fakes:
    return fakes()
