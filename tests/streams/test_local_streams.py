"""The local stream runner delivers as Lambda's event source mapping does: every record, in the Lambda event
shape, retried, bisected around a poison record that is parked in the dead letters, resumed from its checkpoint."""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from pathlib import Path
from typing import Any

import boto3
import pytest
from chalice.app import Chalice, DynamoDBEvent

from chalicelib.streams import stream_arn, table_of
from scripts.local_streams import StreamRunner, stream_handlers


def test_a_declared_stream_names_its_table() -> None:
    assert table_of(stream_arn("positions")) == "positions"
    with pytest.raises(ValueError, match="unknown table"):
        stream_arn("nope")
    with pytest.raises(ValueError):
        table_of("arn:aws:dynamodb:cn-north-1:1:table/positions/stream/2026")


class _Recorder:
    """A module stand-in holding the app's handlers, as `app.py` holds them for Lambda."""

    def __init__(self, poison: str | None = None) -> None:
        self.app = Chalice(app_name="streams-test")
        self.seen: list[tuple[str, str, dict[str, Any] | None, float]] = []
        self.calls = 0

        @self.app.on_dynamodb_record(
            stream_arn=stream_arn("positions"), name="record", starting_position="TRIM_HORIZON"
        )
        def record(event: DynamoDBEvent) -> None:
            self.calls += 1
            batch = list(event)
            if poison is not None and any(r.keys["position_id"]["S"] == poison for r in batch):
                raise RuntimeError("a record this handler cannot take")
            for r in batch:
                self.seen.append((r.event_name, r.keys["position_id"]["S"], r.new_image, r.timestamp.timestamp()))

        self.record = record


@pytest.fixture
def table(on_moto_server: str) -> str:
    name = f"streams-{uuid.uuid4().hex[:8]}"
    boto3.client("dynamodb").create_table(
        TableName=name,
        KeySchema=[{"AttributeName": "position_id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "position_id", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
        StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
    )
    return name


def _runner(module: _Recorder, table: str, state: Path) -> StreamRunner:
    return StreamRunner(stream_handlers(module.app, module), table_name=lambda _: table, state_dir=state)  # type: ignore[arg-type]


def _put(table: str, *ids: str) -> None:
    client = boto3.client("dynamodb")
    for position_id in ids:
        client.put_item(TableName=table, Item={"position_id": {"S": position_id}, "title": {"S": f"岗位{position_id}"}})


def test_every_record_reaches_the_handler_in_lambdas_shape(table: str, tmp_path: Path) -> None:
    module = _Recorder()
    _put(table, "p1", "p2")
    boto3.client("dynamodb").delete_item(TableName=table, Key={"position_id": {"S": "p1"}})

    delivery = _runner(module, table, tmp_path).poll_once()

    assert delivery.delivered == 3 and delivery.dead_lettered == 0
    assert [(name, key) for name, key, _, _ in module.seen] == [("INSERT", "p1"), ("INSERT", "p2"), ("REMOVE", "p1")]
    assert module.seen[1][2] == {"position_id": {"S": "p2"}, "title": {"S": "岗位p2"}}
    assert all(stamp > 1.7e9 for *_, stamp in module.seen)  # epoch seconds, as Lambda sends them


def test_a_poison_record_is_isolated_and_parked_and_its_neighbours_delivered(table: str, tmp_path: Path) -> None:
    module = _Recorder(poison="bad")
    _put(table, "a", "b", "bad", "c")

    delivery = _runner(module, table, tmp_path).poll_once()

    assert {key for _, key, _, _ in module.seen} == {"a", "b", "c"}
    assert delivery.dead_lettered == 1
    parked = [json.loads(line) for line in (tmp_path / "stream-dead-letters.jsonl").read_text().splitlines()]
    assert [(p["handler"], p["record"]["dynamodb"]["Keys"]["position_id"]["S"]) for p in parked] == [("record", "bad")]
    # The stream moved on: a later record is delivered and the poison record is not tried again.
    _put(table, "d")
    calls = module.calls
    assert _runner(module, table, tmp_path).poll_once().delivered == 1
    assert module.calls == calls + 1


def test_a_restarted_runner_resumes_from_its_checkpoint(table: str, tmp_path: Path) -> None:
    module = _Recorder()
    _put(table, "x")
    assert _runner(module, table, tmp_path).poll_once().delivered == 1
    _put(table, "y")

    assert _runner(module, table, tmp_path).poll_once().delivered == 1

    assert [key for _, key, _, _ in module.seen] == ["x", "y"]


def test_records_passed_over_are_never_delivered_and_later_ones_are(table: str, tmp_path: Path) -> None:
    """make dev's demo load: indexed in bulk, so its handlers start after its records."""
    module = _Recorder()
    _put(table, "bulk-1", "bulk-2")
    assert _runner(module, table, tmp_path).skip_existing() == 2
    _put(table, "new")

    assert _runner(module, table, tmp_path).poll_once().delivered == 1

    assert [key for _, key, _, _ in module.seen] == ["new"]


def test_a_parallelized_handler_gets_every_record_each_key_in_order_in_small_batches(
    table: str, tmp_path: Path
) -> None:
    module = _Recorder()
    keys = [f"k{i}" for i in range(12)]
    for round_ in range(3):
        for key in keys:
            boto3.client("dynamodb").put_item(
                TableName=table, Item={"position_id": {"S": key}, "title": {"S": f"{key}-{round_}"}}
            )
    (handler,) = stream_handlers(module.app, module)  # type: ignore[arg-type]
    lanes = replace(handler, batch_size=5, parallelization=4)

    delivery = StreamRunner([lanes], table_name=lambda _: table, state_dir=tmp_path).poll_once()

    assert delivery.delivered == 36 and module.calls >= 8  # at most 5 records a batch
    for key in keys:
        titles = [image["title"]["S"] for _, k, image, _ in module.seen if k == key and image]
        assert titles == [f"{key}-0", f"{key}-1", f"{key}-2"]
