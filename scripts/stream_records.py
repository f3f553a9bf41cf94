"""Stream records as Lambda receives them, read from moto's DynamoDB stream of a table (TRIM_HORIZON).

The shared plumbing (scripts/local_streams.py) does this for `make dev`; tests read the records themselves so a
handler is driven deterministically, once per call, and can be given the same records twice (redelivery).
"""

from __future__ import annotations

from typing import Any

import boto3

from chalicelib.config import settings


def records(table_field: str) -> list[dict[str, Any]]:
    """Every record on the table's stream so far, oldest first, each with `eventSourceARN` as Lambda sets it."""
    name = getattr(settings().tables, table_field)
    arn = boto3.client("dynamodb").describe_table(TableName=name)["Table"]["LatestStreamArn"]
    # In-process moto matches the streams endpoint by its .amazonaws.com host only; cn regions end in .com.cn.
    region = boto3.session.Session().region_name
    streams: Any = boto3.client("dynamodbstreams", endpoint_url=f"https://streams.dynamodb.{region}.amazonaws.com")
    found: list[dict[str, Any]] = []
    for shard in streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]:
        iterator = streams.get_shard_iterator(
            StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON"
        )["ShardIterator"]
        while iterator:
            page = streams.get_records(ShardIterator=iterator)
            found += [{**r, "eventSourceARN": arn} for r in page["Records"]]
            if not page["Records"]:
                break
            iterator = page.get("NextShardIterator")
    return found
