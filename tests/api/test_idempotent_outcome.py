"""With an Idempotency-Key, a change that was committed is answered as committed, and its retry gets the same
answer, even when the idempotency store fails around it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from botocore.client import BaseClient
from botocore.exceptions import ClientError, ReadTimeoutError

from chalicelib.config import settings
from tests import flows
from tests.conftest import body


class StoreFault:
    """Fail chosen operations on the idempotency table only, `times` times."""

    def __init__(self) -> None:
        self.operation = ""
        self.times = 0
        self.failed = 0


@pytest.fixture
def store_fault(client: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[StoreFault]:
    fault = StoreFault()
    original = BaseClient._make_api_call

    def faulty(self: Any, operation_name: str, api_params: dict[str, Any]) -> Any:
        on_store = api_params.get("TableName") == settings().tables.idempotency
        if on_store and operation_name == fault.operation and fault.failed < fault.times:
            fault.failed += 1
            raise ReadTimeoutError(endpoint_url="https://dynamodb.cn-north-1.amazonaws.com.cn")
        return original(self, operation_name, api_params)

    monkeypatch.setattr(BaseClient, "_make_api_call", faulty)
    yield fault


@pytest.fixture
def zhang(token: Any) -> flows.Person:
    return flows.person(token)


def test_a_submit_whose_completion_write_fails_once_is_answered_and_replayed_as_committed(
    client: Any, zhang: flows.Person, store_fault: StoreFault
) -> None:
    form = flows.graduate_form(zhang, flows.graduate_attachments(client, zhang.token))
    store_fault.operation, store_fault.times = "UpdateItem", 1

    first = flows.submit(client, zhang.token, form, **{"Idempotency-Key": "submit-1"})
    retried = flows.submit(client, zhang.token, form, **{"Idempotency-Key": "submit-1"})

    assert store_fault.failed == 1
    assert first.status_code == 201, first.body
    assert (retried.status_code, body(retried)) == (201, body(first))


def test_a_decision_whose_completion_write_keeps_failing_is_still_answered_with_what_happened(
    client: Any, token: Any, zhang: flows.Person, store_fault: StoreFault
) -> None:
    application_id = flows.submitted(client, zhang)
    store_fault.operation, store_fault.times = "UpdateItem", 100

    answer = flows.post(
        client,
        f"/v1/admin/applications/{application_id}/approve",
        flows.reviewer(token),
        {"comment": "材料齐全"},
        **{"Idempotency-Key": "approve-1"},
    )

    assert answer.status_code == 200, answer.body  # approved: saying "try later" would be untrue
    assert body(answer)["status"] == "approved"
    assert body(flows.get(client, f"/v1/applications/{application_id}", zhang.token))["status"] == "approved"


def test_a_refusal_whose_record_cannot_be_released_is_still_the_refusal(
    client: Any, zhang: flows.Person, store_fault: StoreFault
) -> None:
    store_fault.operation, store_fault.times = "DeleteItem", 100
    form = flows.graduate_form(zhang, [])

    answer = flows.submit(client, zhang.token, form, **{"Idempotency-Key": "bad-form"})

    assert answer.status_code == 422, answer.body  # nothing was written, and the client is told why


def test_a_transient_client_error_on_the_completion_write_is_retried_too(
    client: Any, zhang: flows.Person, monkeypatch: pytest.MonkeyPatch, store_fault: StoreFault
) -> None:
    original = BaseClient._make_api_call
    calls = [0]

    def throttled_once(self: Any, operation_name: str, api_params: dict[str, Any]) -> Any:
        if api_params.get("TableName") == settings().tables.idempotency and operation_name == "UpdateItem":
            calls[0] += 1
            if calls[0] == 1:
                error = {"Error": {"Code": "ThrottlingException"}, "ResponseMetadata": {"HTTPStatusCode": 400}}
                raise ClientError(error, operation_name)
        return original(self, operation_name, api_params)

    monkeypatch.setattr(BaseClient, "_make_api_call", throttled_once)
    attachment = flows.request_upload(client, zhang.token, headers={"Idempotency-Key": "upload-1"})
    again = flows.request_upload(client, zhang.token, headers={"Idempotency-Key": "upload-1"})

    assert attachment.status_code == 201, attachment.body
    assert body(again)["attachment_id"] == body(attachment)["attachment_id"]
