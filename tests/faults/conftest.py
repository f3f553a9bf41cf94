"""Fixtures of the fault-injection test: one container and one moto for the module, emptied between cases;
the people of every flow; the injector patched into botocore.

Hundreds of cases each building the tables and the app's clients anew would spend most of their time on that
(about 1.2 s a case here); emptying the tables and the bucket costs a few reads and deletes.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from botocore.client import BaseClient

from scripts.local_aws import LOCAL_ENVIRONMENT
from tests import conftest as root
from tests import flows, unit_flows
from tests.faults.injector import Injector
from tests.faults.state import empty_everything
from tests.faults.world import World


@pytest.fixture(scope="module")
def shared_aws(key_paths: tuple[Path, Path]) -> Iterator[None]:
    from moto import mock_aws

    from scripts.local_aws import create_bucket, create_tables

    with pytest.MonkeyPatch.context() as patch:
        for name, value in LOCAL_ENVIRONMENT.items():
            patch.setenv(name, value)
        patch.setenv("JWKS_URL", key_paths[1].as_uri())
        patch.setenv("PUBLIC_BASE_URL", "https://ggfw.rst.shanxi.gov.cn/internship")
        patch.delenv("AWS_ENDPOINT_URL", raising=False)
        with mock_aws(config={"core": {"reset_boto3_session": False}}):
            root._forget_cached_clients()
            create_tables()
            create_bucket()
            yield
        root._forget_cached_clients()


@pytest.fixture(autouse=True)
def environment(shared_aws: None) -> Iterator[None]:
    """Replaces the suite's per-test container: the same one serves every case, each starting empty."""
    yield
    empty_everything()


@pytest.fixture
def aws(environment: None) -> None:
    return None


@pytest.fixture(scope="module")
def people(key_paths: tuple[Path, Path]) -> tuple[flows.Person, str, str, str]:
    """Minted once: signing a token costs more than most cases' requests."""
    from scripts.local_keys import mint

    def token(**claims: Any) -> str:
        return mint(key_paths[0], **claims)

    manager = token(sub="pm-fault", name="岗位管理员", roles=["position_manager"], region="140000")
    return flows.person(token, sub="u-fault"), flows.reviewer(token), manager, unit_flows.unit_token(token)


@pytest.fixture
def world(client: Any, people: tuple[flows.Person, str, str, str]) -> World:
    applicant, reviewer, manager, unit = people
    return World(client=client, applicant=applicant, reviewer=reviewer, manager=manager, unit=unit)


@pytest.fixture
def injector(client: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Injector]:
    injected = Injector()
    original = BaseClient._make_api_call

    def faulty(self: BaseClient, operation_name: str, api_params: dict[str, Any]) -> Any:
        failure = injected.intercept(self, operation_name, api_params)
        if failure is None:
            return original(self, operation_name, api_params)
        if injected.applied:
            original(self, operation_name, api_params)  # the store applies it; its answer is what gets lost
        raise failure

    monkeypatch.setattr(BaseClient, "_make_api_call", faulty)
    monkeypatch.setattr("chalicelib.adapters.dynamo.time.sleep", lambda seconds: None)  # no backoff waits
    yield injected
