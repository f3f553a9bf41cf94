"""Confirm run twice at once (a double click, a retry after a timeout), and confirm racing the owner's DELETE:
every ordering gives one clear answer each, never a 500, and leaves no file that no record names."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from functools import partial

import boto3
import pytest

from chalicelib.adapters import attachment_store, files
from chalicelib.config import settings
from chalicelib.domain.principal import Principal
from chalicelib.errors import AppError
from chalicelib.services import attachments
from tests.flows import PDF
from tests.integration.conftest import person, race

pytestmark = pytest.mark.usefixtures("world")
NOW = datetime.now(UTC)
ROUNDS = 15


def uploaded_but_unconfirmed(owner: Principal) -> str:
    fields = {"kind": "id_card", "filename": "身份证.pdf", "content_type": "application/pdf", "size": len(PDF)}
    attachment_id = str(attachments.request_upload(owner, fields, NOW).attachment_id)
    boto3.client("s3").put_object(
        Bucket=settings().attachments_bucket,
        Key=files.incoming_key(owner.subject, attachment_id),
        Body=PDF,
        ContentType="application/pdf",
    )
    return attachment_id


def outcome(result: object) -> str:
    if isinstance(result, AppError):
        return f"{result.status} {result.code}"
    if isinstance(result, Exception):
        return f"crash {type(result).__name__}"
    return "ok"


def stored_copies() -> list[str]:
    listed = boto3.client("s3").list_objects_v2(Bucket=settings().attachments_bucket, Prefix=files.STORED_PREFIX)
    return [item["Key"] for item in listed.get("Contents", [])]


def test_three_parallel_confirms_all_answer_200_with_the_same_body_and_keep_one_copy() -> None:
    owner = person("double-click", 1)
    for _ in range(ROUNDS):
        attachment_id = uploaded_but_unconfirmed(owner)

        results = race(*[partial(attachments.confirm, owner, attachment_id)] * 3)

        assert [outcome(r) for r in results] == ["ok"] * 3, results
        assert all(r == results[0] for r in results)
        record = attachment_store.get(attachment_id)
        assert record is not None and record.status == "uploaded"
        mine = [k for k in stored_copies() if files.attachment_id_of(k) == attachment_id]
        assert mine == [files.object_key(record)]


def test_confirm_racing_delete_ends_deleted_with_no_file_left() -> None:
    owner = person("confirm-delete", 2)
    seen: Counter[tuple[str, str]] = Counter()
    for _ in range(ROUNDS):
        attachment_id = uploaded_but_unconfirmed(owner)

        confirmed, deleted = race(
            partial(attachments.confirm, owner, attachment_id),
            partial(attachments.remove, owner, attachment_id, NOW),
        )

        pair = (outcome(confirmed), outcome(deleted))
        seen[pair] += 1
        assert pair[0] in ("ok", "404 ATTACHMENT_NOT_FOUND", "409 UPLOAD_MISSING"), pair
        assert pair[1] == "ok", pair
        assert attachment_store.get(attachment_id) is None
        with pytest.raises(AppError) as gone:
            attachments.read(owner, attachment_id)
        assert gone.value.status == 404
    assert stored_copies() == []
    assert sum(seen.values()) == ROUNDS
