"""Create the tables and the bucket on moto (in-process for tests, moto_server for `make dev`).

The cloud gets the same tables from infra/, which derives them from the same models.
"""

from __future__ import annotations

from typing import Any

import boto3

from chalicelib.adapters.dynamo import connection
from chalicelib.adapters.models import IDEMPOTENCY_KEY, IDEMPOTENCY_TTL_ATTRIBUTE, MODELS_BY_TABLE
from chalicelib.config import settings
from scripts.local_environment import LOCAL_ENVIRONMENT

__all__ = ["LOCAL_ENVIRONMENT", "create_bucket", "create_tables"]


def create_tables() -> list[str]:
    """Create every missing table; existing ones are kept (so `make dev` twice reuses its data)."""
    connection()
    created = []
    for model in MODELS_BY_TABLE.values():
        if not model.exists():
            model.create_table(wait=True)
            created.append(model.Meta.table_name)
    client: Any = boto3.client("dynamodb")
    name = settings().tables.idempotency
    if name not in client.list_tables()["TableNames"]:
        client.create_table(
            TableName=name,
            KeySchema=[{"AttributeName": IDEMPOTENCY_KEY, "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": IDEMPOTENCY_KEY, "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )
        client.update_time_to_live(
            TableName=name,
            TimeToLiveSpecification={"Enabled": True, "AttributeName": IDEMPOTENCY_TTL_ATTRIBUTE},
        )
        created.append(name)
    return created


def create_bucket() -> None:
    s3: Any = boto3.client("s3")
    bucket = settings().attachments_bucket
    if bucket not in {b["Name"] for b in s3.list_buckets().get("Buckets", [])}:
        region = boto3.session.Session().region_name
        s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": region})
