"""The roll-back helper puts a restored table's items back into the live one (on moto, in process)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto import mock_aws

from infra.copy_table import copy, listening_mappings


@pytest.fixture
def client(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(name, "testing")
    with mock_aws():
        client = boto3.client("dynamodb", region_name="cn-north-1")
        for table in ("live", "restored"):
            client.create_table(
                TableName=table,
                KeySchema=[{"AttributeName": "subject", "KeyType": "HASH"}],
                AttributeDefinitions=[{"AttributeName": "subject", "AttributeType": "S"}],
                BillingMode="PAY_PER_REQUEST",
            )
        yield client


def _put(client: Any, table: str, subject: str, locality: str) -> None:
    client.put_item(TableName=table, Item={"subject": {"S": subject}, "locality": {"S": locality}})


def _locality(client: Any, subject: str) -> str | None:
    item = client.get_item(TableName="live", Key={"subject": {"S": subject}}).get("Item")
    return item["locality"]["S"] if item else None


def test_only_missing_puts_back_deleted_items_and_leaves_the_rest(client: Any) -> None:
    _put(client, "restored", "a", "140105")
    _put(client, "restored", "b", "140106")
    _put(client, "live", "b", "140107")  # changed after the restore point: kept

    result = copy(client, "restored", "live", only_missing=True, dry_run=False)

    assert (result.scanned, result.written, result.skipped) == (2, 1, 1)
    assert (_locality(client, "a"), _locality(client, "b")) == ("140105", "140107")


def test_full_copy_overwrites_and_dry_run_writes_nothing(client: Any) -> None:
    _put(client, "restored", "b", "140106")
    _put(client, "live", "b", "140107")

    assert copy(client, "restored", "live", only_missing=False, dry_run=True).written == 0
    assert _locality(client, "b") == "140107"
    assert copy(client, "restored", "live", only_missing=False, dry_run=False).written == 1
    assert _locality(client, "b") == "140106"


def _create(client: Any, table: str, key: str) -> None:
    client.create_table(
        TableName=table,
        KeySchema=[{"AttributeName": key, "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": key, "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )


def by_locality(item: dict[str, Any]) -> dict[str, Any] | None:
    """A key change: the new table is keyed by "<locality>#<subject>" (and drops items without a locality)."""
    if "locality" not in item:
        return None
    return {**item, "locality_subject": {"S": f"{item['locality']['S']}#{item['subject']['S']}"}}


def test_a_key_change_backfills_in_parallel_and_resumes_where_it_stopped(client: Any, tmp_path: Path) -> None:
    """New table, backfill (parallel, resumable), then the app switches to it and the old one is retired."""
    _create(client, "people-v2", "locality_subject")
    for n in range(40):
        _put(client, "live", f"s{n:02d}", f"1401{n % 5:02d}")
    client.put_item(TableName="live", Item={"subject": {"S": "no-locality"}})
    checkpoint = tmp_path / "people-v2.json"

    first = copy(client, "live", "people-v2", only_missing=False, dry_run=False, transform=by_locality,
                 segments=4, checkpoint=checkpoint)  # fmt: skip
    assert (first.scanned, first.written, first.skipped) == (41, 40, 1)
    saved = json.loads(checkpoint.read_text())
    assert saved["segments"] == 4 and set(saved["keys"].values()) == {"done"}
    again = copy(client, "live", "people-v2", only_missing=False, dry_run=False, transform=by_locality,
                 segments=4, checkpoint=checkpoint)  # fmt: skip
    assert again.scanned == 0  # resumed: every segment already done
    item = client.get_item(TableName="people-v2", Key={"locality_subject": {"S": "140102#s07"}})["Item"]
    assert item["subject"]["S"] == "s07"


def test_an_interrupted_backfill_resumes_from_its_checkpoint(client: Any, tmp_path: Path) -> None:
    _create(client, "people-v2", "locality_subject")
    for n in range(30):
        _put(client, "live", f"s{n:02d}", "140105")
    checkpoint = tmp_path / "cp.json"
    first_page = client.scan(TableName="live", Limit=10, Segment=0, TotalSegments=1)
    checkpoint.write_text(json.dumps({"segments": 1, "keys": {"0": first_page["LastEvaluatedKey"]}}))
    resumed = copy(client, "live", "people-v2", only_missing=False, dry_run=False, transform=by_locality,
                   checkpoint=checkpoint)  # fmt: skip
    assert resumed.scanned == 20  # the first 10 were done before the interruption


def test_different_keys_without_a_transform_are_refused(client: Any) -> None:
    _create(client, "people-v2", "locality_subject")
    with pytest.raises(SystemExit, match="different keys"):
        copy(client, "live", "people-v2", only_missing=False, dry_run=False)


def test_a_target_whose_stream_feeds_a_handler_is_refused(client: Any) -> None:
    class Lambda:
        def list_event_source_mappings(self, EventSourceArn: str) -> dict[str, Any]:
            return {"EventSourceMappings": [{"FunctionArn": "arn:send-texts", "State": "Enabled"}]}

    client.create_table(
        TableName="outbox-v2",
        KeySchema=[{"AttributeName": "event_id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "event_id", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
        StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
    )
    assert listening_mappings(client, Lambda(), "outbox-v2") == ["arn:send-texts"]
    assert listening_mappings(client, Lambda(), "live") == []  # no stream: nobody listens
