"""Copy a table's items into another: the backfill step of changing a table's keys, and the copy-back of a
point-in-time restore (docs/deploy.md, sections 5 and 13).

    .venv/bin/python -m infra.copy_table --source shanxi-internship-prod-people-restored \\
        --target shanxi-internship-prod-people --region cn-north-1 [--only-missing] [--dry-run]
    .venv/bin/python -m infra.copy_table --source shanxi-internship-prod-favourites \\
        --target shanxi-internship-prod-favourites-v2 --region cn-north-1 \\
        --transform infra.migrations.favourites_v2:transform --segments 4 --checkpoint favourites-v2.json

CloudFormation cannot change a named table's keys or local indexes in place, so a key change is: a new table
beside the old (its model and name in code), this backfill, the switch (the app's variable names the new table),
then the old table retired. The copy is:

* **parallel**: `--segments N` scans N segments at once (DynamoDB's parallel scan), each writing in batches;
* **resumable**: `--checkpoint FILE` records each segment's last key after every page; a rerun continues there
  (writes are idempotent puts of the same items, so a page written twice is harmless);
* **quiet for streams**: a target whose stream feeds an enabled Lambda mapping is refused (the handlers would
  see every backfilled item as new: texts sent again, index entries rebuilt), unless `--allow-streams`.
  Create the new table's mapping after the backfill, at LATEST.

`--only-missing` puts back items the target no longer has and leaves every other item alone; without it every
source item overwrites its target version. An operator's tool, run with the operator's credentials: it scans,
which no request path of the API does.
"""

from __future__ import annotations

import argparse
import importlib
import json
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
from botocore.exceptions import ClientError

Item = dict[str, Any]
Transform = Callable[[Item], Item | None]  # None: leave the item out


@dataclass
class Copied:
    scanned: int = 0
    written: int = 0
    skipped: int = 0


class StreamsListening(RuntimeError):
    """The target's stream feeds an enabled mapping: backfilled items would reach its handler."""


def _key_names(client: Any, table: str) -> list[str]:
    return [k["AttributeName"] for k in client.describe_table(TableName=table)["Table"]["KeySchema"]]


def listening_mappings(client: Any, lambda_client: Any, table: str) -> list[str]:
    stream = client.describe_table(TableName=table)["Table"].get("LatestStreamArn")
    if not stream:
        return []
    mappings = lambda_client.list_event_source_mappings(EventSourceArn=stream)["EventSourceMappings"]
    return [m["FunctionArn"] for m in mappings if m.get("State") not in {"Disabled", "Disabling"}]


class _Checkpoint:
    """Each segment's last evaluated key, written after every page (a file beside the operator)."""

    def __init__(self, path: Path | None, segments: int) -> None:
        self.path = path
        self.segments = segments
        self.lock = threading.Lock()
        saved = json.loads(path.read_text()) if path and path.is_file() else {}
        if saved and saved.get("segments") != segments:
            raise SystemExit(f"{path} was written with --segments {saved.get('segments')}")
        self.keys: dict[str, Any] = saved.get("keys", {})

    def start(self, segment: int) -> Any:
        return self.keys.get(str(segment))

    def save(self, segment: int, key: Any) -> None:
        with self.lock:
            self.keys[str(segment)] = key
            if self.path:
                self.path.write_text(json.dumps({"segments": self.segments, "keys": self.keys}))


def copy(
    client: Any,
    source: str,
    target: str,
    *,
    only_missing: bool,
    dry_run: bool,
    transform: Transform | None = None,
    segments: int = 1,
    checkpoint: Path | None = None,
) -> Copied:
    keys = _key_names(client, target)
    if transform is None and keys != _key_names(client, source):
        raise SystemExit(f"{source} and {target} have different keys: give --transform")
    marks = _Checkpoint(checkpoint, segments)
    result = Copied()
    lock = threading.Lock()
    condition = " AND ".join(f"attribute_not_exists(#k{i})" for i in range(len(keys)))
    names = {f"#k{i}": name for i, name in enumerate(keys)}

    def put(item: Item) -> str:
        request: dict[str, Any] = {"TableName": target, "Item": item}
        if only_missing:
            request.update(ConditionExpression=condition, ExpressionAttributeNames=names)
        try:
            client.put_item(**request)
        except ClientError as error:
            if error.response["Error"]["Code"] != "ConditionalCheckFailedException":
                raise
            return "skipped"
        return "written"

    def run(segment: int) -> None:
        start = marks.start(segment)
        if start == "done":
            return
        scan: dict[str, Any] = {"TableName": source, "ConsistentRead": True, "Segment": segment}
        scan["TotalSegments"] = segments
        while True:
            page = client.scan(**scan, **({"ExclusiveStartKey": start} if start else {}))
            items = [transform(i) if transform else i for i in page["Items"]]
            outcomes = ["dry"] * len(items) if dry_run else [put(i) for i in items if i is not None]
            with lock:
                result.scanned += len(page["Items"])
                result.written += outcomes.count("written")
                result.skipped += outcomes.count("skipped") + sum(1 for i in items if i is None)
            start = page.get("LastEvaluatedKey")
            if not dry_run:
                marks.save(segment, start or "done")
            if not start:
                return

    with ThreadPoolExecutor(max_workers=segments) as pool:
        list(pool.map(run, range(segments)))
    return result


def _transform(spec: str | None) -> Transform | None:
    if not spec:
        return None
    module, _, name = spec.partition(":")
    found: Transform = getattr(importlib.import_module(module), name)
    return found


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", required=True, help="the table to read (restored, or the old layout)")
    parser.add_argument("--target", required=True, help="the table to write (live, or the new layout)")
    parser.add_argument("--region", required=True)
    parser.add_argument("--only-missing", action="store_true", help="put back only items the target lacks")
    parser.add_argument("--dry-run", action="store_true", help="count, write nothing")
    parser.add_argument("--transform", help="module:function mapping an item to its new shape (None drops it)")
    parser.add_argument("--segments", type=int, default=1, help="parallel scan segments (threads)")
    parser.add_argument("--checkpoint", type=Path, help="file recording progress; a rerun resumes from it")
    parser.add_argument("--allow-streams", action="store_true", help="write though the target's stream is read")
    args = parser.parse_args(argv)
    client = boto3.client("dynamodb", region_name=args.region)
    listening = listening_mappings(client, boto3.client("lambda", region_name=args.region), args.target)
    if listening and not args.allow_streams and not args.dry_run:
        raise SystemExit(f"{args.target}'s stream feeds {', '.join(listening)}: disable the mapping first")
    result = copy(
        client,
        args.source,
        args.target,
        only_missing=args.only_missing,
        dry_run=args.dry_run,
        transform=_transform(args.transform),
        segments=args.segments,
        checkpoint=args.checkpoint,
    )
    print(f"scanned {result.scanned}, written {result.written}, left alone {result.skipped}")


if __name__ == "__main__":
    main()
