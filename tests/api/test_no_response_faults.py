"""Faults that carry no AWS answer at all (a read timeout, a closed connection, an unreachable endpoint) are
503 SERVICE_BUSY with Retry-After, like throttling: in a single read, in a transaction, on S3."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from botocore.client import BaseClient
from botocore.exceptions import (
    ConnectionClosedError,
    ConnectTimeoutError,
    EndpointConnectionError,
    ReadTimeoutError,
)

from scripts.factories import dumps, json_headers, position_body
from tests import flows
from tests.api.test_errors import assert_busy

URL = "https://dynamodb.cn-north-1.amazonaws.com.cn"
NO_ANSWER: dict[str, Callable[[], Exception]] = {
    "read_timeout": lambda: ReadTimeoutError(endpoint_url=URL),
    "connection_closed": lambda: ConnectionClosedError(endpoint_url=URL),
    "endpoint_unreachable": lambda: EndpointConnectionError(endpoint_url=URL),
    "connect_timeout": lambda: ConnectTimeoutError(endpoint_url=URL),
}


def fail(monkeypatch: pytest.MonkeyPatch, operation: str, error: Callable[[], Exception]) -> None:
    original = BaseClient._make_api_call

    def faulty(self: Any, operation_name: str, api_params: dict[str, Any]) -> Any:
        if operation_name == operation:
            raise error()
        return original(self, operation_name, api_params)

    monkeypatch.setattr(BaseClient, "_make_api_call", faulty)


@pytest.mark.parametrize("kind", NO_ANSWER)
def test_no_answer_to_a_transaction_is_503(client: Any, token: Any, monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    manager = token(sub="pm-1", roles=["position_manager"], region="140000")
    fail(monkeypatch, "TransactWriteItems", NO_ANSWER[kind])

    assert_busy(client.http.post("/v1/admin/positions", headers=json_headers(manager), body=dumps(position_body())))


@pytest.mark.parametrize("kind", NO_ANSWER)
def test_no_answer_to_a_read_is_503(client: Any, monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    fail(monkeypatch, "Query", NO_ANSWER[kind])

    assert_busy(client.http.get("/v1/positions"))


@pytest.mark.parametrize("kind", NO_ANSWER)
def test_no_answer_to_a_conditional_write_is_503(
    client: Any, token: Any, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    someone = flows.person(token)
    attachment_id = flows.uploaded(client, someone.token)
    fail(monkeypatch, "DeleteItem", NO_ANSWER[kind])

    assert_busy(flows.delete(client, f"/v1/attachments/{attachment_id}", someone.token))
