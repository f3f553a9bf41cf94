"""Shared fixtures: in-process moto, the tables and bucket, a token issuer, and a Chalice test client."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scripts.local_aws import LOCAL_ENVIRONMENT
from scripts.local_keys import ensure_key, mint
from scripts.moto_atomic import install as install_atomic_moto

E2E_SCOPE = "tests/e2e/"

# DynamoDB's per-request atomicity, and moto without whole-table copies and sorts: the same emulator as
# `make dev`'s server, so a race test means the same thing in both.
install_atomic_moto()

# moto's in-process mock is bypassed when an endpoint URL points elsewhere (e.g. a developer's moto_server).
os.environ.pop("AWS_ENDPOINT_URL", None)


@pytest.hookimpl(optionalhook=True)  # a pytest-xdist hook: without -n, never called
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """Under `pytest -n` (make test), the tests of tests/e2e go to one worker together: they share one local stack
    (moto server, API, issuer, web client, stream handlers), started once per process and a minute or more to
    build; every other test is a scope of its own, sent to whichever worker is free. (xdist's `--dist loadgroup`
    would do this from a mark, but it renames tests through an attribute pytest 9 no longer reads.)"""
    from xdist.scheduler import LoadScopeScheduling

    class LocalStackTogether(LoadScopeScheduling):  # type: ignore[misc]  # xdist is untyped
        def _split_scope(self, nodeid: str) -> str:
            return E2E_SCOPE if nodeid.startswith(E2E_SCOPE) else nodeid

    return LocalStackTogether(config, log)


@pytest.fixture(scope="session")
def key_paths(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return ensure_key(tmp_path_factory.mktemp("issuer"))


@pytest.fixture(autouse=True)
def environment(monkeypatch: pytest.MonkeyPatch, key_paths: tuple[Path, Path]) -> Iterator[None]:
    for name, value in LOCAL_ENVIRONMENT.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("JWKS_URL", key_paths[1].as_uri())
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://ggfw.rst.shanxi.gov.cn/internship")
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    _forget_cached_clients()
    yield
    _forget_cached_clients()


def _forget_cached_clients() -> None:
    """Containers are per test: no client, setting or key cache survives into the next one."""
    from chalicelib.adapters import dynamo, tokens
    from chalicelib.config import settings

    settings.cache_clear()
    dynamo.connection.cache_clear()
    tokens.verifier.cache_clear()
    from chalicelib.adapters import clients, idempotency

    clients.cache_clear_all()
    idempotency.cache_clear()


@pytest.fixture
def aws(environment: None) -> Iterator[None]:
    from moto import mock_aws

    from scripts.local_aws import create_bucket, create_tables

    # Keep boto3's default session between tests: recreating it re-reads botocore's endpoint data (~0.4 s a
    # client). Safe here because the environment holds only moto's fake credentials.
    with mock_aws(config={"core": {"reset_boto3_session": False}}):
        _forget_cached_clients()
        create_tables()
        create_bucket()
        yield


@pytest.fixture
def token(key_paths: tuple[Path, Path]) -> Any:
    def make(**claims: Any) -> str:
        return mint(key_paths[0], **claims)

    return make


@pytest.fixture
def client(aws: None) -> Iterator[Any]:
    from chalice.test import Client

    from app import app

    with Client(app) as test_client:
        yield test_client


def body(response: Any) -> Any:
    return json.loads(response.body)
