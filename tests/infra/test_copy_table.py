"""The roll-back helper puts a restored table's items back into the live one (on moto, in process)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from moto import mock_aws

from infra.copy_table import copy


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
