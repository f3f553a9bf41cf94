"""The error envelope on every status, the request id, and DynamoDB faults (throttling) as 503 SERVICE_BUSY."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import boto3
import pytest
from botocore.client import BaseClient
from botocore.exceptions import ClientError

from chalicelib.config import settings
from scripts.factories import auth, dumps, json_headers, position_body
from tests.conftest import body

CHINESE = re.compile(r"[\u4e00-\u9fff]")
UNKNOWN_ID = "0123456789abcdef0123456789abcdef"  # well formed, never issued
LEAKS = ("Traceback", 'File "', "botocore", "pynamodb", "Exception", "arn:aws", "dynamodb", "secret-detail")


@pytest.fixture
def manager(token: Callable[..., str]) -> str:
    return token(sub="pm-1", roles=["position_manager"], region="140000")


def assert_envelope(response: Any, status: int, code: str, *, details: bool = False) -> dict[str, Any]:
    """Exactly {"error": {code, message, request_id[, details]}}, Chinese message, id echoed in X-Request-Id."""
    assert response.status_code == status, response.body
    assert response.headers["Content-Type"].startswith("application/json")
    answer = body(response)
    assert list(answer) == ["error"]
    error: dict[str, Any] = answer["error"]
    expected_keys = {"code", "message", "request_id"} | ({"details"} if details else set())
    assert set(error) == expected_keys
    assert error["code"] == code
    assert CHINESE.search(error["message"]), error["message"]
    assert error["request_id"]
    assert error["request_id"] == response.headers["X-Request-Id"]
    if details:
        assert error["details"]
        for detail in error["details"]:
            assert set(detail) == {"field", "code", "message"}
            assert CHINESE.search(detail["message"])
    text = response.body.decode()
    for leak in LEAKS:
        assert leak not in text, leak
    return error


# ----------------------------------------------------------------------------------------------- envelope


STAFF = {
    "manager": {"roles": ["position_manager"], "region": "140000"},
    "reviewer": {"roles": ["reviewer"], "region": "140000"},
    "county manager": {"roles": ["position_manager"], "region": "140105"},
}
POSITION = dumps(position_body())
SETS_STATUS, IN_DATONG, NO_HEADCOUNT = (
    dumps(position_body(**change)) for change in ({"status": "open"}, {"county_code": "140212"}, {"headcount": 0})
)
JSON = "application/json"
ENVELOPE_CASES: list[tuple[str, str, str | None, str, str, int, str, bool]] = [
    # (method, path, signed in as, Content-Type, body, status, code, with details)
    ("GET", "/v1/positions?sort=new", None, "", "", 400, "MALFORMED_REQUEST", True),
    ("GET", "/v1/positions?city=999900", None, "", "", 400, "INVALID_REGION", False),
    ("GET", "/v1/positions?cursor=forged.cursor", None, "", "", 400, "INVALID_CURSOR", False),
    ("POST", "/v1/admin/positions", "manager", JSON, "{", 400, "MALFORMED_JSON", False),
    ("POST", "/v1/admin/positions", "manager", JSON, SETS_STATUS, 400, "MALFORMED_REQUEST", True),
    ("GET", "/v1/me", None, "", "", 401, "UNAUTHENTICATED", False),
    ("POST", "/v1/admin/positions", "reviewer", JSON, POSITION, 403, "FORBIDDEN", False),
    ("POST", "/v1/admin/positions", "county manager", JSON, IN_DATONG, 403, "OUTSIDE_REGION", False),
    ("GET", f"/v1/positions/{UNKNOWN_ID}", None, "", "", 404, "POSITION_NOT_FOUND", False),
    ("DELETE", "/v1/positions", None, "", "", 405, "METHOD_NOT_ALLOWED", False),
    ("POST", "/v1/admin/positions", "manager", "text/plain", POSITION, 415, "UNSUPPORTED_MEDIA_TYPE", False),
    ("POST", "/v1/admin/positions", "manager", JSON, NO_HEADCOUNT, 422, "VALIDATION_FAILED", True),
]


@pytest.mark.parametrize(
    ("method", "path", "who", "content_type", "sent", "status", "code", "details"),
    ENVELOPE_CASES,
    ids=[f"{status}-{code}" for *_, status, code, _ in ENVELOPE_CASES],
)
def test_every_error_status_has_exactly_the_envelope(  # noqa: PLR0917 - one column per part of a case
    client: Any,
    token: Callable[..., str],
    method: str,
    path: str,
    who: str | None,
    content_type: str,
    sent: str,
    status: int,
    code: str,
    details: bool,
) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    if who is not None:
        headers.update(auth(token(sub=f"staff-{who}", **STAFF[who])))
    response = client.http.request(method, path, headers=headers, body=sent.encode())
    assert_envelope(response, status, code, details=details)


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("DELETE", "/v1/positions", "GET"),
        ("PUT", "/v1/positions/some-id", "GET"),
        ("DELETE", "/v1/admin/positions", "POST"),  # GET is the review queue of units' positions (issue 19)
        ("DELETE", "/v1/admin/positions/some-id", "PATCH"),
        ("POST", "/v1/me", "GET"),
    ],
)
def test_405_for_a_wrong_method_is_enveloped_and_names_the_allowed_methods(
    client: Any, manager: str, method: str, path: str, allowed: str
) -> None:
    response = client.http.request(method, path, headers=json_headers(manager), body=b"{}")

    assert_envelope(response, 405, "METHOD_NOT_ALLOWED")
    assert allowed in response.headers["Allow"]


def test_each_answer_has_its_own_request_id_in_header_and_body(client: Any) -> None:
    first = client.http.get(f"/v1/positions/{UNKNOWN_ID}")
    second = client.http.get(f"/v1/positions/{UNKNOWN_ID}")
    ok = client.http.get("/v1/positions")

    ids = [body(first)["error"]["request_id"], body(second)["error"]["request_id"]]
    assert ids == [first.headers["X-Request-Id"], second.headers["X-Request-Id"]]
    assert ids[0] != ids[1]
    assert ok.headers["X-Request-Id"] not in ids


def test_an_unexpected_failure_is_a_500_envelope_without_the_exception(
    client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("secret-detail of 14010519900307123X")

    monkeypatch.setattr("chalicelib.services.positions.detail", broken)

    response = client.http.get(f"/v1/positions/{UNKNOWN_ID}")

    assert_envelope(response, 500, "INTERNAL_ERROR")
    assert "14010519900307123X" not in response.body.decode()


# ----------------------------------------------------------------------------------------------- DynamoDB faults


class DynamoFault:
    """Make DynamoDB answer chosen operations with an error, at botocore's level, below PynamoDB."""

    def __init__(self) -> None:
        self.operations: set[str] = set()
        self.response: dict[str, Any] = {}
        self.calls: list[str] = []

    def fail(self, *operations: str, code: str = "ProvisionedThroughputExceededException", **extra: Any) -> None:
        self.operations = set(operations)
        self.response = {
            "Error": {"Code": code, "Message": "secret-detail: rate exceeded on arn:aws:dynamodb:cn-north-1:1:table/x"},
            "ResponseMetadata": {"HTTPStatusCode": 400},
            **extra,
        }

    def heal(self) -> None:
        self.operations = set()


@pytest.fixture
def dynamo_fault(client: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[DynamoFault]:
    fault = DynamoFault()
    original = BaseClient._make_api_call

    def faulty(self: Any, operation_name: str, api_params: dict[str, Any]) -> Any:
        if self.meta.service_model.service_name == "dynamodb" and operation_name in fault.operations:
            fault.calls.append(operation_name)
            raise ClientError(fault.response, operation_name)
        return original(self, operation_name, api_params)

    monkeypatch.setattr(BaseClient, "_make_api_call", faulty)
    monkeypatch.setattr("chalicelib.adapters.dynamo.time.sleep", lambda seconds: None)  # no backoff waits in tests
    yield fault


def assert_busy(response: Any) -> None:
    assert_envelope(response, 503, "SERVICE_BUSY")
    assert int(response.headers["Retry-After"]) >= 1


def stored_items() -> int:
    """Items in the positions and search tables, read past the app: 'nothing half-written'."""
    dynamodb: Any = boto3.client("dynamodb")
    tables = settings().tables
    return sum(dynamodb.scan(TableName=name)["Count"] for name in (tables.positions, tables.listings))


@pytest.mark.parametrize("code", ["ProvisionedThroughputExceededException", "ThrottlingException"])
def test_a_throttled_public_search_is_503_and_recovers(client: Any, dynamo_fault: DynamoFault, code: str) -> None:
    dynamo_fault.fail("Query", code=code)

    assert_busy(client.http.get("/v1/positions"))
    assert_busy(client.http.get("/v1/positions?city=140100&keyword=见习"))
    assert "Query" in dynamo_fault.calls

    dynamo_fault.heal()
    assert client.http.get("/v1/positions").status_code == 200


def test_a_throttled_detail_is_503(client: Any, dynamo_fault: DynamoFault) -> None:
    dynamo_fault.fail("GetItem")

    assert_busy(client.http.get(f"/v1/positions/{UNKNOWN_ID}"))


def test_a_throttled_staff_create_is_503_and_writes_nothing(
    client: Any, dynamo_fault: DynamoFault, manager: str
) -> None:
    dynamo_fault.fail("TransactWriteItems")

    response = client.http.post("/v1/admin/positions", headers=json_headers(manager), body=dumps(position_body()))

    assert_busy(response)
    assert "TransactWriteItems" in dynamo_fault.calls
    dynamo_fault.heal()
    assert body(client.http.get("/v1/positions"))["items"] == []
    assert stored_items() == 0


def test_a_throttled_patch_and_close_are_503_and_change_nothing(
    client: Any, dynamo_fault: DynamoFault, manager: str
) -> None:
    created = client.http.post("/v1/admin/positions", headers=json_headers(manager), body=dumps(position_body()))
    position_id = body(created)["position_id"]
    before = stored_items()
    dynamo_fault.fail("TransactWriteItems")

    patched = client.http.patch(
        f"/v1/admin/positions/{position_id}", headers=json_headers(manager), body=dumps({"county_code": "140212"})
    )
    closed = client.http.post(f"/v1/admin/positions/{position_id}/close", headers=json_headers(manager))

    assert_busy(patched)
    assert_busy(closed)
    dynamo_fault.heal()
    [listed] = body(client.http.get("/v1/positions?county=140105"))["items"]
    assert (listed["position_id"], listed["status"]) == (position_id, "open")
    assert body(client.http.get("/v1/positions?county=140212"))["items"] == []
    assert stored_items() == before


@pytest.mark.parametrize("reason", ["ThrottlingError", "ProvisionedThroughputExceeded"])
def test_a_transaction_cancelled_for_throttling_is_503(
    client: Any, dynamo_fault: DynamoFault, manager: str, reason: str
) -> None:
    # What DynamoDB answers when one item of a TransactWriteItems is throttled (on-demand tables: ThrottlingError).
    reasons = [{"Code": reason, "Message": "Throughput exceeds the current capacity"}] + [{"Code": "None"}] * 12
    dynamo_fault.fail("TransactWriteItems", code="TransactionCanceledException", CancellationReasons=reasons)

    response = client.http.post("/v1/admin/positions", headers=json_headers(manager), body=dumps(position_body()))

    assert_busy(response)


def test_a_throttled_me_is_503(client: Any, dynamo_fault: DynamoFault, token: Callable[..., str]) -> None:
    dynamo_fault.fail("GetItem")

    assert_busy(client.http.get("/v1/me", headers=auth(token(sub="person-1"))))


def test_a_non_transient_aws_error_is_a_plain_500(client: Any, dynamo_fault: DynamoFault) -> None:
    dynamo_fault.fail("Query", code="AccessDeniedException")

    response = client.http.get("/v1/positions")

    error = assert_envelope(response, 500, "INTERNAL_ERROR")
    assert "Retry-After" not in response.headers
    assert "AccessDenied" not in error["message"]


def test_a_body_over_64_kib_is_413_and_writes_nothing(client: Any, manager: str) -> None:
    oversized = dumps(position_body(description="述" * 30_000))  # 90 KB of UTF-8

    response = client.http.post("/v1/admin/positions", headers=json_headers(manager), body=oversized)

    assert_envelope(response, 413, "PAYLOAD_TOO_LARGE")
    assert stored_items() == 0


def test_a_throttled_create_with_an_idempotency_key_can_be_retried_with_that_key(
    client: Any, dynamo_fault: DynamoFault, manager: str
) -> None:
    headers = json_headers(manager, **{"Idempotency-Key": "retry-after-busy"})
    sent = dumps(position_body())
    dynamo_fault.fail("TransactWriteItems")

    assert_busy(client.http.post("/v1/admin/positions", headers=headers, body=sent))

    dynamo_fault.heal()
    retried = client.http.post("/v1/admin/positions", headers=headers, body=sent)
    assert retried.status_code == 201, retried.body
    assert [item["position_id"] for item in body(client.http.get("/v1/positions"))["items"]] == [
        body(retried)["position_id"]
    ]


def test_a_throttled_idempotency_store_is_503_and_writes_nothing(
    client: Any, dynamo_fault: DynamoFault, manager: str
) -> None:
    dynamo_fault.fail("PutItem")
    headers = json_headers(manager, **{"Idempotency-Key": "store-busy"})

    response = client.http.post("/v1/admin/positions", headers=headers, body=dumps(position_body()))

    assert_busy(response)
    dynamo_fault.heal()
    assert stored_items() == 0
