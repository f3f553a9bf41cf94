"""The dead-letter replay command (infra/dead_letters.py), which replaces the console redrive China lacks: on moto,
a parked batch is read back from the stream and handed to its handler; past the stream's window a text's batch
is covered by the outbox recovery and any other is kept, saying why."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws

from infra.dead_letters import replay

SHARD = "shardId-00000001764000000000-0a1b2c3d"
STREAM = "arn:aws-cn:dynamodb:cn-north-1:000000000000:table/outbox/stream/2026-12-07T00:00:00.000"


class Streams:
    """DynamoDB Streams' two read calls over one shard of three records (moto's in-process streams endpoint
    answers "not yet implemented" to this botocore): AT_SEQUENCE_NUMBER, pages of `Limit`, trimmed shards."""

    def __init__(self) -> None:
        self.records: list[dict[str, Any]] = [
            {"eventName": "INSERT", "dynamodb": {"Keys": {"event_id": {"S": f"e{n}"}}, "SequenceNumber": f"{100 + n}"}}
            for n in range(3)
        ]

    def get_shard_iterator(self, *, ShardId: str, SequenceNumber: str, **_: Any) -> dict[str, str]:
        if ShardId != SHARD:
            raise ClientError({"Error": {"Code": "TrimmedDataAccessException", "Message": "gone"}}, "GetShardIterator")
        return {"ShardIterator": SequenceNumber}

    def get_records(self, *, ShardIterator: str, Limit: int) -> dict[str, Any]:
        page = [r for r in self.records if int(r["dynamodb"]["SequenceNumber"]) >= int(ShardIterator)][:Limit]
        following = str(int(page[-1]["dynamodb"]["SequenceNumber"]) + 1) if page else None
        return {"Records": page, "NextShardIterator": following}


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(name, "testing")
    with mock_aws():
        sqs = boto3.client("sqs", region_name="cn-north-1")
        yield {"sqs": sqs, "streams": Streams(), "queue_url": sqs.create_queue(QueueName="dead-letters")["QueueUrl"]}


def _park(aws: dict[str, Any], shard: str = SHARD) -> None:
    """What Lambda's on-failure destination writes: the batch's place in the stream, not its records."""
    info = {
        "shardId": shard,
        "startSequenceNumber": "101",
        "endSequenceNumber": "102",
        "streamArn": STREAM,
        "batchSize": 2,
    }
    aws["sqs"].send_message(QueueUrl=aws["queue_url"], MessageBody=json.dumps({"DDBStreamBatchInfo": info}))


def _left(aws: dict[str, Any]) -> int:
    attributes = aws["sqs"].get_queue_attributes(QueueUrl=aws["queue_url"], AttributeNames=["All"])["Attributes"]
    return int(attributes["ApproximateNumberOfMessages"]) + int(attributes["ApproximateNumberOfMessagesNotVisible"])


def test_a_parked_batch_is_replayed_to_its_handler_and_the_message_deleted(aws: dict[str, Any]) -> None:
    _park(aws)
    events: list[dict[str, Any]] = []

    def handler(event: dict[str, Any]) -> bool:
        events.append(event)
        return True

    result = replay(aws["sqs"], aws["streams"], handler, queue_url=aws["queue_url"],
                    handler="index_positions")  # fmt: skip
    assert result.replayed == 1 and result.kept == []
    (event,) = events
    assert [r["dynamodb"]["Keys"]["event_id"]["S"] for r in event["Records"]] == ["e1", "e2"]
    assert _left(aws) == 0


def test_a_batch_that_fails_again_is_kept(aws: dict[str, Any]) -> None:
    _park(aws)
    result = replay(aws["sqs"], aws["streams"], lambda e: False, queue_url=aws["queue_url"], handler="index_positions")
    assert result.replayed == 0 and result.kept[0].endswith("the handler failed again")


def test_past_the_window_a_batch_is_kept_saying_what_to_do(aws: dict[str, Any]) -> None:
    _park(aws, shard="shardId-00000001700000000000-gone")  # its records trimmed: the stream no longer has them
    kept = replay(aws["sqs"], aws["streams"], lambda e: True, queue_url=aws["queue_url"], handler="index_positions")
    assert kept.replayed == 0 and "past the stream's 24 h" in kept.kept[0]


def test_past_the_window_a_texts_batch_is_covered_by_the_outbox_recovery(aws: dict[str, Any]) -> None:
    _park(aws, shard="shardId-00000001700000000000-gone")
    covered = replay(aws["sqs"], aws["streams"], lambda e: True, queue_url=aws["queue_url"], handler="send_texts")
    assert covered.covered == 1 and _left(aws) == 0
