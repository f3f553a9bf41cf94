"""Create the tables and the bucket on moto (in-process for tests, moto_server for `make dev`).

The cloud gets the same tables from infra/, which derives them from the same models.
"""

from __future__ import annotations

from typing import Any

import boto3

from chalicelib.adapters.dynamo import connection
from chalicelib.adapters.models import IDEMPOTENCY_KEY, IDEMPOTENCY_TTL_ATTRIBUTE, MODELS_BY_TABLE
from chalicelib.config import settings

LOCAL_ENVIRONMENT = {
    "STAGE": "local",
    "AWS_DEFAULT_REGION": "cn-north-1",
    "AWS_ACCESS_KEY_ID": "local",
    "AWS_SECRET_ACCESS_KEY": "local",  # moto accepts anything; real credentials are never needed locally
    "POSITIONS_TABLE": "internship-local-positions",
    "LISTINGS_TABLE": "internship-local-listings",
    "APPLICATIONS_TABLE": "internship-local-applications",
    "PEOPLE_TABLE": "internship-local-people",
    "FAVOURITES_TABLE": "internship-local-favourites",
    "ATTACHMENTS_TABLE": "internship-local-attachments",
    "IDEMPOTENCY_TABLE": "internship-local-idempotency",
    "AUDIT_TABLE": "internship-local-audit",
    "MESSAGES_TABLE": "internship-local-messages",
    "OUTBOX_TABLE": "internship-local-outbox",
    "SAVED_SEARCHES_TABLE": "internship-local-saved-searches",
    "KEYWORDS_TABLE": "internship-local-keywords",
    "SUBSIDIES_TABLE": "internship-local-subsidies",
    "UNITS_TABLE": "internship-local-units",
    "RECOGNITIONS_TABLE": "internship-local-recognitions",
    "PLACEMENTS_TABLE": "internship-local-placements",
    "ATTACHMENTS_BUCKET": "internship-local-attachments",
    "TOKEN_AUDIENCE": "shanxi-internship-api",
    "TOKEN_ISSUER": "https://login.local.shanxi-internship.test",
    "CURSOR_SECRET": "local-cursor-secret-not-for-production",
    "POWERTOOLS_SERVICE_NAME": "shanxi-internship",
    "POWERTOOLS_METRICS_NAMESPACE": "ShanxiInternship",
    "POWERTOOLS_METRICS_DISABLED": "true",
    "POWERTOOLS_TRACE_DISABLED": "true",
}


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
