"""Confirm and DELETE between their steps: a re-upload during confirm, a failure between two writes, the
reconciliation of copies no record names."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import pytest
import requests
from botocore.client import BaseClient
from botocore.exceptions import ClientError

from chalicelib import wiring
from chalicelib.adapters import attachment_store, files
from chalicelib.config import settings
from chalicelib.services.reconciliation import reconcile_files
from tests import flows
from tests.conftest import body
from tests.flows import PDF

EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 40  # a Windows executable's first bytes


@pytest.fixture
def zhang(token: Any) -> flows.Person:
    return flows.person(token)


def bucket_keys(prefix: str = "") -> list[str]:
    listed = boto3.client("s3").list_objects_v2(Bucket=settings().attachments_bucket, Prefix=prefix)
    return sorted(item["Key"] for item in listed.get("Contents", []))


def s3_read(key: str) -> bytes:
    data: bytes = boto3.client("s3").get_object(Bucket=settings().attachments_bucket, Key=key)["Body"].read()
    return data


class S3Calls:
    """Run `before` just ahead of the n-th S3 call (1-based), or fail that call; count every S3 call."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.at: int | None = None
        self.before: Callable[[], None] | None = None
        self.error: ClientError | None = None


@pytest.fixture
def s3_calls(client: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[S3Calls]:
    calls = S3Calls()
    original = BaseClient._make_api_call

    def watched(self: Any, operation_name: str, api_params: dict[str, Any]) -> Any:
        if self.meta.service_model.service_name == "s3" and calls.at is not None:
            calls.names.append(operation_name)
            if len(calls.names) == calls.at:
                if calls.before is not None:
                    calls.before()
                if calls.error is not None:
                    raise calls.error
        return original(self, operation_name, api_params)

    monkeypatch.setattr(BaseClient, "_make_api_call", watched)
    yield calls


CONFIRM_S3_CALLS = 4  # copy, head and first bytes of the copy, delete of the upload (the old order: the same four)


@pytest.mark.parametrize("position", range(1, CONFIRM_S3_CALLS + 1))
def test_a_file_replaced_during_confirm_never_becomes_the_confirmed_file(
    client: Any, zhang: flows.Person, s3_calls: S3Calls, position: int
) -> None:
    created = body(flows.request_upload(client, zhang.token))
    flows.put_file(created["upload"], PDF, "application/pdf")
    incoming = created["upload"]["fields"]["key"]

    def reupload() -> None:  # the form is valid for 15 minutes: the client posts other bytes meanwhile
        boto3.client("s3").put_object(
            Bucket=settings().attachments_bucket, Key=incoming, Body=EXECUTABLE, ContentType="application/pdf"
        )

    s3_calls.at, s3_calls.before = position, reupload
    answer = flows.confirm(client, zhang.token, created["attachment_id"])

    assert answer.status_code in (200, 422), answer.body
    shown = body(flows.get(client, f"/v1/attachments/{created['attachment_id']}", zhang.token))
    if answer.status_code == 200:
        assert requests.get(shown["download_url"], timeout=10).content == PDF  # never the executable
    else:
        assert shown["status"] == "awaiting_upload"
        assert bucket_keys(files.STORED_PREFIX) == []


def transient(operation: str) -> ClientError:
    return ClientError({"Error": {"Code": "SlowDown"}, "ResponseMetadata": {"HTTPStatusCode": 503}}, operation)


def test_a_delete_that_fails_before_removing_the_file_is_finished_by_its_retry(
    client: Any, zhang: flows.Person, s3_calls: S3Calls
) -> None:
    attachment_id = flows.uploaded(client, zhang.token)
    assert bucket_keys(files.STORED_PREFIX)
    s3_calls.at, s3_calls.error = 1, transient("DeleteObject")  # the first file delete fails

    failed = flows.delete(client, f"/v1/attachments/{attachment_id}", zhang.token)
    s3_calls.at = None
    retried = flows.delete(client, f"/v1/attachments/{attachment_id}", zhang.token)

    assert failed.status_code == 503, failed.body
    assert retried.status_code == 204, retried.body
    assert flows.get(client, f"/v1/attachments/{attachment_id}", zhang.token).status_code == 404
    assert bucket_keys() == []


def test_an_attachment_being_deleted_is_gone_to_its_owner_and_cannot_be_submitted(
    client: Any, zhang: flows.Person, s3_calls: S3Calls
) -> None:
    ids = flows.graduate_attachments(client, zhang.token)
    s3_calls.at, s3_calls.error = 1, transient("DeleteObject")
    assert flows.delete(client, f"/v1/attachments/{ids[0]}", zhang.token).status_code == 503
    s3_calls.at = None

    assert flows.get(client, f"/v1/attachments/{ids[0]}", zhang.token).status_code == 404
    assert flows.confirm(client, zhang.token, ids[0]).status_code == 404
    refused = flows.submit(client, zhang.token, flows.graduate_form(zhang, ids))
    assert refused.status_code == 422, refused.body


def test_a_confirm_that_fails_after_copying_is_completed_by_its_retry_with_one_copy_left(
    client: Any, zhang: flows.Person, monkeypatch: pytest.MonkeyPatch
) -> None:
    created = body(flows.request_upload(client, zhang.token))
    flows.put_file(created["upload"], PDF, "application/pdf")
    original = attachment_store.mark_uploaded

    def busy(*args: Any, **kwargs: Any) -> None:
        raise transient("UpdateItem")

    monkeypatch.setattr(attachment_store, "mark_uploaded", busy)
    assert flows.confirm(client, zhang.token, created["attachment_id"]).status_code == 503
    monkeypatch.setattr(attachment_store, "mark_uploaded", original)

    assert flows.confirm(client, zhang.token, created["attachment_id"]).status_code == 200
    later = datetime.now(UTC) + timedelta(hours=2)
    assert reconcile_files(later, ports=wiring.ports()).removed == 1  # the first attempt's copy: named by no record
    shown = body(flows.get(client, f"/v1/attachments/{created['attachment_id']}", zhang.token))
    assert requests.get(shown["download_url"], timeout=10).content == PDF
    assert len(bucket_keys(files.STORED_PREFIX)) == 1


def test_reconciliation_removes_only_old_copies_that_no_uploaded_record_names(client: Any, zhang: flows.Person) -> None:
    kept = flows.uploaded(client, zhang.token)
    bucket = settings().attachments_bucket
    orphan_of_kept = files.new_copy_key(zhang.sub, kept)
    orphan_of_nothing = files.new_copy_key(zhang.sub, "0123456789abcdef0123456789abcdef")
    waiting = flows.awaiting(client, zhang.token)
    copy_of_waiting = files.new_copy_key(zhang.sub, waiting)
    for key in (orphan_of_kept, orphan_of_nothing, copy_of_waiting):
        boto3.client("s3").put_object(Bucket=bucket, Key=key, Body=PDF)
    before = bucket_keys(files.STORED_PREFIX)

    young = reconcile_files(
        datetime.now(UTC), ports=wiring.ports()
    )  # a confirm in flight may be about to name any of them
    old = reconcile_files(datetime.now(UTC) + timedelta(hours=2), ports=wiring.ports())

    assert (young.examined, young.removed) == (4, 0)
    assert bucket_keys(files.STORED_PREFIX) == [
        k for k in before if k not in (orphan_of_kept, orphan_of_nothing, copy_of_waiting)
    ]
    assert (old.examined, old.removed) == (4, 3)
    shown = body(flows.get(client, f"/v1/attachments/{kept}", zhang.token))
    assert requests.get(shown["download_url"], timeout=10).content == PDF
    assert s3_read(files.object_key(attachment_store.get(kept)))[:5] == b"%PDF-"  # type: ignore[arg-type]
