"""Attachments (API.md "Signed-in person"): the presigned upload form, confirmation, download, delete.

moto enforces none of an S3 POST policy, so the policy is decoded and its conditions asserted; what moto does
store is checked with boto3, the way the bucket would hold it.
"""

from __future__ import annotations

import base64
import json
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlparse

import boto3
import pytest
import requests
from botocore.exceptions import ClientError

from chalicelib.config import settings
from tests import flows
from tests.conftest import body
from tests.flows import JPEG, PDF, PNG

MIB = 1024 * 1024


def policy_of(upload: dict[str, Any]) -> dict[str, Any]:
    decoded: dict[str, Any] = json.loads(base64.b64decode(upload["fields"]["policy"]))
    return decoded


def stored(key: str) -> bool:
    try:
        boto3.client("s3").head_object(Bucket=settings().attachments_bucket, Key=key)
    except ClientError as error:
        assert error.response["Error"]["Code"] in {"404", "NoSuchKey"}
        return False
    return True


def all_keys() -> list[str]:
    listed = boto3.client("s3").list_objects_v2(Bucket=settings().attachments_bucket)
    return [item["Key"] for item in listed.get("Contents", [])]


def new_upload(client: Any, token: str, **kwargs: Any) -> dict[str, Any]:
    created = flows.request_upload(client, token, **kwargs)
    assert created.status_code == 201, created.body
    answer: dict[str, Any] = body(created)
    return answer


def detail(client: Any, token: str, attachment_id: str) -> dict[str, Any]:
    answer = flows.get(client, f"/v1/attachments/{attachment_id}", token)
    assert answer.status_code == 200, answer.body
    found: dict[str, Any] = body(answer)
    return found


@pytest.fixture
def zhang(token: Any) -> flows.Person:
    return flows.person(token)


@pytest.fixture
def li(token: Any) -> flows.Person:
    return flows.person(token, sub="u-li", name="李四", birth=date(2002, 3, 9), serial=224)


# ----------------------------------------------------------------------------------------------- the upload form


def test_the_upload_form_pins_key_type_size_and_expiry(client: Any, zhang: flows.Person) -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    answer = new_upload(client, zhang.token, kind="graduation_certificate", content_type="image/png", size=1234)
    assert answer["kind"] == "graduation_certificate"
    assert answer["status"] == "awaiting_upload"
    upload = answer["upload"]
    fields = upload["fields"]
    assert urlparse(upload["url"]).scheme == "https"
    assert fields["Content-Type"] == "image/png"

    policy = policy_of(upload)
    conditions = policy["conditions"]
    # The key is fixed by the server: an exact match, never a prefix the client could fill in.
    assert ["eq", "$key", fields["key"]] in conditions or {"key": fields["key"]} in conditions
    assert not [c for c in conditions if isinstance(c, list) and c[0] == "starts-with"]
    assert ["eq", "$Content-Type", "image/png"] in conditions
    assert {"bucket": settings().attachments_bucket} in conditions
    (size_range,) = [c for c in conditions if isinstance(c, list) and c[0] == "content-length-range"]
    assert size_range[1] >= 1
    assert size_range[2] <= 5 * MIB

    expiration = datetime.fromisoformat(policy["expiration"].replace("Z", "+00:00"))
    assert before < expiration <= datetime.now(UTC) + timedelta(minutes=15)
    expires_at = datetime.fromisoformat(answer["expires_at"])
    assert expires_at.utcoffset() == timedelta(hours=8)  # RFC 3339 in China time
    # The answer names the window from the request's time; the policy's starts a moment later (when signed), so
    # the answer never promises longer than S3 allows, however busy the machine.
    assert before + timedelta(minutes=15) <= expires_at <= expiration


def test_the_key_lies_under_the_callers_own_prefix_and_cannot_be_chosen(
    client: Any, zhang: flows.Person, li: flows.Person
) -> None:
    first = new_upload(client, zhang.token)["upload"]["fields"]["key"]
    second = new_upload(client, zhang.token, filename="../../attachments/u-li/evil.pdf")["upload"]["fields"]["key"]
    other = new_upload(client, li.token)["upload"]["fields"]["key"]

    def prefix(key: str) -> str:
        return key.rsplit("/", 1)[0]

    assert first != second
    assert prefix(first) == prefix(second)
    assert prefix(other) != prefix(first)
    assert "evil" not in second and ".." not in second and "u-li" not in second

    payload = {"kind": "id_card", "filename": "a.pdf", "content_type": "application/pdf", "size": 10, "key": "x/y"}
    naming = flows.post(client, "/v1/attachments", zhang.token, payload)
    assert naming.status_code == 400
    assert [(d["field"], d["code"]) for d in body(naming)["error"]["details"]] == [("key", "UNKNOWN_FIELD")]


def test_size_type_and_kind_are_checked_before_an_upload_form_is_given(client: Any, zhang: flows.Person) -> None:
    assert flows.request_upload(client, zhang.token, size=5 * MIB).status_code == 201

    too_large = flows.request_upload(client, zhang.token, size=5 * MIB + 1)
    assert too_large.status_code == 413
    assert body(too_large)["error"]["code"] == "FILE_TOO_LARGE"
    assert "5MB" in body(too_large)["error"]["message"]

    assert flows.field_errors(flows.request_upload(client, zhang.token, kind="passport")) == {"kind": ["UNKNOWN_VALUE"]}
    assert flows.field_errors(flows.request_upload(client, zhang.token, size=0)) == {"size": ["OUT_OF_RANGE"]}

    payload = {"kind": "id_card", "filename": "a.pdf", "content_type": "application/pdf", "size": 10}
    anonymous = client.http.post(
        "/v1/attachments", headers={"Content-Type": "application/json"}, body=json.dumps(payload)
    )
    assert anonymous.status_code == 401
    assert body(anonymous)["error"]["code"] == "UNAUTHENTICATED"


@pytest.mark.parametrize("content_type", ["image/gif", "text/html", "application/octet-stream", "image/svg+xml"])
def test_a_file_type_other_than_pdf_png_or_jpeg_is_415(client: Any, zhang: flows.Person, content_type: str) -> None:
    unsupported = flows.request_upload(client, zhang.token, content_type=content_type, size=100)
    assert unsupported.status_code == 415
    assert body(unsupported)["error"]["code"] == "UNSUPPORTED_FILE_TYPE"


def test_a_repeat_with_the_same_idempotency_key_gets_the_same_upload_form(client: Any, zhang: flows.Person) -> None:
    first = flows.request_upload(client, zhang.token, headers={"Idempotency-Key": "upload-1"})
    again = flows.request_upload(client, zhang.token, headers={"Idempotency-Key": "upload-1"})
    assert first.status_code == again.status_code == 201
    assert body(again)["attachment_id"] == body(first)["attachment_id"]
    assert body(again)["upload"]["fields"]["key"] == body(first)["upload"]["fields"]["key"]


# ----------------------------------------------------------------------------------------------- confirm, download


@pytest.mark.parametrize(
    ("content_type", "content"),
    [("application/pdf", PDF), ("image/png", PNG), ("image/jpeg", JPEG)],
    ids=["pdf", "png", "jpeg"],
)
def test_a_stored_file_that_is_what_it_claims_turns_the_bar_green_and_downloads(
    client: Any, zhang: flows.Person, content_type: str, content: bytes
) -> None:
    answer = new_upload(client, zhang.token, content_type=content_type, size=len(content))
    attachment_id = answer["attachment_id"]
    flows.put_file(answer["upload"], content, content_type)

    confirmed = flows.confirm(client, zhang.token, attachment_id)

    assert confirmed.status_code == 200
    assert body(confirmed) == {
        "attachment_id": attachment_id,
        "kind": "id_card",
        "status": "uploaded",
        "size": len(content),
        "content_type": content_type,
    }
    again = flows.confirm(client, zhang.token, attachment_id)  # a second click: still green
    assert (again.status_code, body(again)["status"]) == (200, "uploaded")

    shown = detail(client, zhang.token, attachment_id)
    assert (shown["status"], shown["size"], shown["content_type"]) == ("uploaded", len(content), content_type)
    query = parse_qs(urlparse(shown["download_url"]).query)
    assert 0 < int(query["X-Amz-Expires"][0]) <= 300
    downloaded = requests.get(shown["download_url"], timeout=10)
    assert downloaded.status_code == 200
    assert downloaded.content == content


def test_confirming_before_the_file_arrived_is_409_upload_missing(client: Any, zhang: flows.Person) -> None:
    attachment_id = flows.awaiting(client, zhang.token)
    answer = flows.confirm(client, zhang.token, attachment_id)
    assert answer.status_code == 409
    assert body(answer)["error"]["code"] == "UPLOAD_MISSING"
    shown = detail(client, zhang.token, attachment_id)
    assert shown["status"] == "awaiting_upload"
    assert shown["download_url"] is None


BAD_FILES = [
    # (declared type, stored bytes, Content-Type stored with them)
    ("application/pdf", PNG, "application/pdf"),
    ("application/pdf", b"<html><script>alert(1)</script></html>", "application/pdf"),
    ("image/png", JPEG, "image/png"),
    ("image/jpeg", PDF, "image/jpeg"),
    ("image/png", b"\x89PNX\r\n\x1a\n" + b"\x00" * 16, "image/png"),
    ("application/pdf", b"", "application/pdf"),
    # S3 would refuse these two by the policy; moto stores them, so confirm must refuse them itself.
    ("application/pdf", PDF + b"\x00" * (5 * MIB + 1 - len(PDF)), "application/pdf"),
    ("application/pdf", PDF, "text/html"),
]


@pytest.mark.parametrize(
    ("declared", "content", "stored_as"),
    BAD_FILES,
    ids=["png-as-pdf", "html-as-pdf", "jpeg-as-png", "pdf-as-jpeg", "not-png", "empty", "over-5MB", "as-text-html"],
)
def test_a_file_that_is_not_what_it_claims_is_rejected_and_deleted(
    client: Any, zhang: flows.Person, declared: str, content: bytes, stored_as: str
) -> None:
    answer = new_upload(client, zhang.token, content_type=declared, size=min(max(len(content), 1), 5 * MIB))
    key = answer["upload"]["fields"]["key"]
    upload = {**answer["upload"], "fields": {**answer["upload"]["fields"], "Content-Type": stored_as}}
    flows.put_file(upload, content, stored_as)
    assert stored(key)

    rejected = flows.confirm(client, zhang.token, answer["attachment_id"])

    assert rejected.status_code == 422
    assert body(rejected)["error"]["code"] == "UPLOAD_REJECTED"
    assert not stored(key)
    assert detail(client, zhang.token, answer["attachment_id"])["status"] == "awaiting_upload"
    assert all_keys() == []

    # The bar can still turn green: the same upload form takes the right file.
    flows.put_file(answer["upload"], flows.CONTENT[declared], declared)
    assert flows.confirm(client, zhang.token, answer["attachment_id"]).status_code == 200


def test_a_confirmed_file_cannot_be_replaced_through_its_upload_form(client: Any, zhang: flows.Person) -> None:
    answer = new_upload(client, zhang.token)
    flows.put_file(answer["upload"], PDF, "application/pdf")
    assert flows.confirm(client, zhang.token, answer["attachment_id"]).status_code == 200

    flows.put_file(answer["upload"], PDF + b"%replaced", "application/pdf")  # the form is still valid

    url = detail(client, zhang.token, answer["attachment_id"])["download_url"]
    assert requests.get(url, timeout=10).content == PDF


# ----------------------------------------------------------------------------------------------- delete


@pytest.mark.parametrize("state", ["uploaded", "awaiting its upload"])
def test_deleting_an_attachment_removes_it_and_its_file(client: Any, zhang: flows.Person, state: str) -> None:
    deleted = flows.uploaded(client, zhang.token) if state == "uploaded" else flows.awaiting(client, zhang.token)
    assert len(all_keys()) == (1 if state == "uploaded" else 0)

    answer = flows.delete(client, f"/v1/attachments/{deleted}", zhang.token)

    assert answer.status_code == 204
    assert answer.body in (b"", "")
    assert flows.get(client, f"/v1/attachments/{deleted}", zhang.token).status_code == 404
    assert flows.confirm(client, zhang.token, deleted).status_code == 404
    assert all_keys() == []


# An approved case's attachments, and one waiting for its file: tests/services/test_attachments.py.
def test_an_attachment_of_a_pending_application_cannot_be_deleted_until_withdrawal(
    client: Any, zhang: flows.Person
) -> None:
    ids = flows.graduate_attachments(client, zhang.token)
    application_id = flows.submitted(client, zhang, ids)

    refused = flows.delete(client, f"/v1/attachments/{ids[0]}", zhang.token)
    assert refused.status_code == 409
    assert body(refused)["error"]["code"] == "ATTACHMENT_IN_USE"
    assert requests.get(detail(client, zhang.token, ids[0])["download_url"], timeout=10).content == PDF

    assert flows.withdraw(client, zhang.token, application_id).status_code == 200
    assert flows.delete(client, f"/v1/attachments/{ids[0]}", zhang.token).status_code == 204


def test_a_retried_delete_with_the_same_idempotency_key_gets_the_first_answer(client: Any, zhang: flows.Person) -> None:
    attachment_id = flows.uploaded(client, zhang.token)
    headers = flows.auth(zhang.token, **{"Idempotency-Key": "delete-1"})
    first = client.http.delete(f"/v1/attachments/{attachment_id}", headers=headers)
    retried = client.http.delete(f"/v1/attachments/{attachment_id}", headers=headers)
    assert first.status_code == 204
    assert retried.status_code == 204


# ----------------------------------------------------------------------------------------------- not yours


def test_someone_elses_attachment_answers_as_if_it_did_not_exist(
    client: Any, zhang: flows.Person, li: flows.Person
) -> None:
    mine = flows.uploaded(client, zhang.token)
    path = f"/v1/attachments/{mine}"
    unknown = body(flows.get(client, "/v1/attachments/no-such-id", li.token))["error"]
    assert (unknown["code"], unknown["message"]) == ("ATTACHMENT_NOT_FOUND", "附件不存在")

    answers = {
        "read": flows.get(client, path, li.token),
        "confirm": flows.confirm(client, li.token, mine),
        "delete": flows.delete(client, path, li.token),
    }
    seen = {what: (a.status_code, body(a)["error"]["code"], body(a)["error"]["message"]) for what, a in answers.items()}
    assert seen == dict.fromkeys(answers, (404, unknown["code"], unknown["message"]))

    assert requests.get(detail(client, zhang.token, mine)["download_url"], timeout=10).content == PDF


def test_someone_else_cannot_confirm_an_upload_that_is_waiting(
    client: Any, zhang: flows.Person, li: flows.Person
) -> None:
    answer = new_upload(client, zhang.token)
    flows.put_file(answer["upload"], PNG, "application/pdf")  # a bad file: a confirm would delete it

    assert flows.confirm(client, li.token, answer["attachment_id"]).status_code == 404

    assert stored(answer["upload"]["fields"]["key"])
    assert detail(client, zhang.token, answer["attachment_id"])["status"] == "awaiting_upload"
