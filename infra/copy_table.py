"""Copy the items of a table restored to a point in time back into the live table (docs/deploy.md, "Roll back").

A point-in-time restore always creates a new table; the stack's tables keep their names. So: restore next to
the live table, check it, then copy back what you need:

    .venv/bin/python -m infra.copy_table --source shanxi-internship-prod-people-restored \\
        --target shanxi-internship-prod-people --region cn-north-1 [--only-missing] [--dry-run]

`--only-missing` puts back items the live table no longer has and leaves every other item alone; without it,
every restored item overwrites its live version. Items created after the restore point are never touched.
An operator's tool, run with the operator's credentials: it scans, which no request path of the API does.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import boto3
from botocore.exceptions import ClientError


@dataclass
class Copied:
    scanned: int = 0
    written: int = 0
    skipped: int = 0


def _items(client: Any, table: str) -> Iterator[dict[str, Any]]:
    for page in client.get_paginator("scan").paginate(TableName=table, ConsistentRead=True):
        yield from page["Items"]


def _key_names(client: Any, table: str) -> list[str]:
    return [k["AttributeName"] for k in client.describe_table(TableName=table)["Table"]["KeySchema"]]


def copy(client: Any, source: str, target: str, *, only_missing: bool, dry_run: bool) -> Copied:
    keys = _key_names(client, target)
    if keys != _key_names(client, source):
        raise SystemExit(f"{source} and {target} have different keys")
    result = Copied()
    condition = " AND ".join(f"attribute_not_exists(#k{i})" for i in range(len(keys)))
    names = {f"#k{i}": name for i, name in enumerate(keys)}
    for item in _items(client, source):
        result.scanned += 1
        if dry_run:
            continue
        put: dict[str, Any] = {"TableName": target, "Item": item}
        if only_missing:
            put.update(ConditionExpression=condition, ExpressionAttributeNames=names)
        try:
            client.put_item(**put)
            result.written += 1
        except ClientError as error:
            if error.response["Error"]["Code"] != "ConditionalCheckFailedException":
                raise
            result.skipped += 1
    return result


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", required=True, help="the restored table")
    parser.add_argument("--target", required=True, help="the live table")
    parser.add_argument("--region", required=True)
    parser.add_argument("--only-missing", action="store_true", help="put back only items the target lacks")
    parser.add_argument("--dry-run", action="store_true", help="count, write nothing")
    args = parser.parse_args(argv)
    client = boto3.client("dynamodb", region_name=args.region)
    result = copy(client, args.source, args.target, only_missing=args.only_missing, dry_run=args.dry_run)
    print(f"scanned {result.scanned}, written {result.written}, left alone {result.skipped}")


if __name__ == "__main__":
    main()
