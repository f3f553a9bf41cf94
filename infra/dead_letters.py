"""Replay a stream handler's dead letters: what the console's "redrive" would do, which the China regions lack.

    .venv/bin/python -m infra.dead_letters --stage prod --handler index_positions --region cn-north-1 [--dry-run]

Each message in `<prefix>-<handler>-dead-letters` describes a batch Lambda gave up on (its shard and sequence
numbers, not the records). Within the stream's 24 hours the records are read back from the stream and the
handler is invoked with them, synchronously; the message is deleted only when that succeeds. Past 24 hours the
records are gone: for `send_texts` nothing is lost (the hourly `recover_texts` finds every open text by Query),
so the message is deleted; for the others it is kept and the command says which items to touch (docs/deploy.md,
"Stream dead letters"). The handlers are idempotent, so replaying twice is safe.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import boto3
from botocore.exceptions import ClientError

# Handlers whose lost records something else makes good: the outbox recovery re-finds every open text.
RECOVERED_ELSEWHERE = {"send_texts": "recover_texts sends or gives up every open text, whatever its age"}
GONE = ("TrimmedDataAccessException", "ResourceNotFoundException", "ExpiredIteratorException")


@dataclass
class Replayed:
    replayed: int = 0
    covered: int = 0
    kept: list[str] = field(default_factory=list)  # why each kept message could not be replayed


def records_of(streams: Any, batch: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The batch's records, read back from its shard; None when the stream no longer holds them."""
    try:
        iterator = streams.get_shard_iterator(
            StreamArn=batch["streamArn"],
            ShardId=batch["shardId"],
            ShardIteratorType="AT_SEQUENCE_NUMBER",
            SequenceNumber=batch["startSequenceNumber"],
        )["ShardIterator"]
        found: list[dict[str, Any]] = []
        end = int(batch["endSequenceNumber"])
        while iterator:
            page = streams.get_records(ShardIterator=iterator, Limit=1000)
            for record in page["Records"]:
                if int(record["dynamodb"]["SequenceNumber"]) > end:
                    return found
                found.append(record)
            if not page["Records"] or len(found) >= int(batch.get("batchSize", 10_000)):
                return found
            iterator = page.get("NextShardIterator")
        return found
    except ClientError as error:
        if error.response["Error"]["Code"] in GONE:
            return None
        raise


def replay(
    sqs: Any,
    streams: Any,
    invoke: Callable[[dict[str, Any]], bool],
    *,
    queue_url: str,
    handler: str,
    dry_run: bool = False,
) -> Replayed:
    """Every message of the queue once: replayed (then deleted), covered elsewhere (deleted), or kept."""
    result = Replayed()
    seen: set[str] = set()
    while True:
        messages = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10, VisibilityTimeout=300).get(
            "Messages", []
        )
        fresh = [m for m in messages if m["MessageId"] not in seen]
        if not fresh:
            return result
        for message in fresh:
            seen.add(message["MessageId"])
            batch = json.loads(message["Body"])["DDBStreamBatchInfo"]
            records = records_of(streams, batch)
            where = f"shard {batch['shardId']} {batch['startSequenceNumber']}..{batch['endSequenceNumber']}"
            if records is None and handler in RECOVERED_ELSEWHERE:
                result.covered += 1
            elif records is None:
                result.kept.append(f"{where}: past the stream's 24 h; touch the items of that time so they stream")
                continue
            elif dry_run or not invoke({"Records": records}):
                result.kept.append(f"{where}: {'dry run' if dry_run else 'the handler failed again'}")
                continue
            else:
                result.replayed += 1
            if not dry_run:
                sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])


def lambda_invoker(client: Any, function_name: str) -> Callable[[dict[str, Any]], bool]:
    def invoke(event: dict[str, Any]) -> bool:
        answer = client.invoke(FunctionName=function_name, Payload=json.dumps(event, default=str).encode())
        return "FunctionError" not in answer

    return invoke


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stage", required=True, help="dev or prod (the resource prefix shanxi-internship-<stage>)")
    parser.add_argument("--handler", required=True, help="the stream handler: send_texts, index_positions, ...")
    parser.add_argument("--region", required=True)
    parser.add_argument("--prefix", help="resource_prefix, if not shanxi-internship-<stage>")
    parser.add_argument("--dry-run", action="store_true", help="read and report, replay and delete nothing")
    args = parser.parse_args(argv)
    prefix = args.prefix or f"shanxi-internship-{args.stage}"
    name = f"{prefix}-{args.handler.replace('_', '-')}"
    sqs = boto3.client("sqs", region_name=args.region)
    queue_url = sqs.get_queue_url(QueueName=f"{name}-dead-letters")["QueueUrl"]
    result = replay(
        sqs,
        boto3.client("dynamodbstreams", region_name=args.region),
        lambda_invoker(boto3.client("lambda", region_name=args.region), name),
        queue_url=queue_url,
        handler=args.handler,
        dry_run=args.dry_run,
    )
    print(f"replayed {result.replayed}, covered by recover_texts {result.covered}, kept {len(result.kept)}")
    for reason in result.kept:
        print(f"  kept: {reason}")


if __name__ == "__main__":
    main()
