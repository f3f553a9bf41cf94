"""Drive the keyword index from the positions table's stream on in-process moto, as Lambda would.

`IndexStream().drain()` reads every new record of the stream (TRIM_HORIZON on first use, then from where it
stopped) and hands them, in order and in the Lambda event's shape, to the handler's core.
"""

from __future__ import annotations

from typing import Any

import boto3

from chalicelib import wiring
from chalicelib.config import settings
from chalicelib.services.search import index_position_records


class IndexStream:
    def __init__(self) -> None:
        self._iterators: dict[str, str | None] = {}

    def records(self) -> list[dict[str, Any]]:
        dynamodb: Any = boto3.client("dynamodb")
        # moto's in-process mock matches only the .amazonaws.com form of the streams endpoint, not the .com.cn
        # one the China regions use.
        region = boto3.session.Session().region_name
        streams: Any = boto3.client("dynamodbstreams", endpoint_url=f"https://streams.dynamodb.{region}.amazonaws.com")
        arn = dynamodb.describe_table(TableName=settings().tables.positions)["Table"]["LatestStreamArn"]
        found: list[dict[str, Any]] = []
        for shard in streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]:
            shard_id = shard["ShardId"]
            iterator = (
                self._iterators.get(shard_id)
                or streams.get_shard_iterator(StreamArn=arn, ShardId=shard_id, ShardIteratorType="TRIM_HORIZON")[
                    "ShardIterator"
                ]
            )
            while iterator:
                answer = streams.get_records(ShardIterator=iterator, Limit=1000)
                self._iterators[shard_id] = iterator = answer.get("NextShardIterator")
                if not answer["Records"]:
                    break
                found.extend({**r, "eventSourceARN": arn} for r in answer["Records"])
        return found

    def drain(self) -> int:
        return index_position_records(self.records(), ports=wiring.ports())
