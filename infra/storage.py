"""Where data lives: the customer-managed key, the DynamoDB tables, the attachments bucket, the cursor secret."""

from __future__ import annotations

from dataclasses import dataclass

from aws_cdk import Duration, RemovalPolicy
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_secretsmanager as secretsmanager
from constructs import Construct

from infra.schema import Key, TableSpec, table_specs
from infra.settings import StageConfig

# The app writes uploads under `incoming/` and copies checked files to `attachments/` (chalicelib.adapters.files).
INCOMING_PREFIX = "incoming/"
STORED_PREFIX = "attachments/"
INCOMING_EXPIRY = Duration.days(1)
CURSOR_SECRET_LENGTH = 64

_TYPES = {
    "S": dynamodb.AttributeType.STRING,
    "N": dynamodb.AttributeType.NUMBER,
    "B": dynamodb.AttributeType.BINARY,
}
_PROJECTIONS = {
    "ALL": dynamodb.ProjectionType.ALL,
    "KEYS_ONLY": dynamodb.ProjectionType.KEYS_ONLY,
    "INCLUDE": dynamodb.ProjectionType.INCLUDE,
}


@dataclass(frozen=True)
class Storage:
    key: kms.Key
    tables: dict[str, dynamodb.Table]  # by Tables field: "positions", ...
    specs: dict[str, TableSpec]
    bucket: s3.Bucket
    cursor_secret: secretsmanager.Secret


def build(scope: Construct, config: StageConfig) -> Storage:
    key = kms.Key(
        scope,
        "DataKey",
        description=f"{config.resource_prefix}: tables, attachment files, alarm topic",
        enable_key_rotation=True,
        alias=f"alias/{config.resource_prefix}",
        # Losing the key loses every table and file encrypted with it: never deleted with the stack.
        removal_policy=RemovalPolicy.RETAIN,
    )
    specs = {spec.name: spec for spec in table_specs()}
    tables = {name: _table(scope, config, key, spec) for name, spec in specs.items()}
    return Storage(
        key=key,
        tables=tables,
        specs=specs,
        bucket=_bucket(scope, config, key),
        cursor_secret=_cursor_secret(scope, config),
    )


def _attribute(key: Key) -> dynamodb.Attribute:
    return dynamodb.Attribute(name=key.name, type=_TYPES[key.type])


def _table(scope: Construct, config: StageConfig, key: kms.IKey, spec: TableSpec) -> dynamodb.Table:
    table = dynamodb.Table(
        scope,
        f"{spec.name.capitalize()}Table",
        table_name=f"{config.resource_prefix}-{spec.name}",
        partition_key=_attribute(spec.hash_key),
        sort_key=_attribute(spec.range_key) if spec.range_key else None,
        billing_mode=dynamodb.BillingMode.PAY_PER_REQUEST,
        encryption=dynamodb.TableEncryption.CUSTOMER_MANAGED,
        encryption_key=key,
        point_in_time_recovery_specification=dynamodb.PointInTimeRecoverySpecification(
            point_in_time_recovery_enabled=True
        ),
        deletion_protection=config.retain_data,
        time_to_live_attribute=spec.ttl_attribute,
        stream=dynamodb.StreamViewType(spec.stream_view_type) if spec.stream_view_type else None,
        removal_policy=RemovalPolicy.RETAIN if config.retain_data else RemovalPolicy.DESTROY,
    )
    for index in spec.global_indexes:
        table.add_global_secondary_index(
            index_name=index.name,
            partition_key=_attribute(index.hash_key),
            sort_key=_attribute(index.range_key) if index.range_key else None,
            projection_type=_PROJECTIONS[index.projection],
            non_key_attributes=list(index.non_key_attributes) or None,
        )
    for index in spec.local_indexes:
        assert index.range_key is not None  # a local index always has its own sort key
        table.add_local_secondary_index(
            index_name=index.name,
            sort_key=_attribute(index.range_key),
            projection_type=_PROJECTIONS[index.projection],
            non_key_attributes=list(index.non_key_attributes) or None,
        )
    return table


def _bucket(scope: Construct, config: StageConfig, key: kms.IKey) -> s3.Bucket:
    return s3.Bucket(
        scope,
        "AttachmentsBucket",
        block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
        object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
        encryption=s3.BucketEncryption.KMS,
        encryption_key=key,
        bucket_key_enabled=True,
        # A bucket policy denying every request that is not TLS (aws:SecureTransport false) or older than TLS 1.2.
        enforce_ssl=True,
        minimum_tls_version=1.2,
        cors=[
            s3.CorsRule(
                # Browsers upload with the presigned POST form and may fetch the presigned GET.
                allowed_methods=[s3.HttpMethods.POST, s3.HttpMethods.GET],
                allowed_origins=list(config.web_origins),
                allowed_headers=["*"],
                exposed_headers=["ETag"],
                max_age=3000,
            )
        ],
        lifecycle_rules=[
            # Uploads never confirmed: confirmation copies a checked file to attachments/ and deletes this one.
            s3.LifecycleRule(id="expire-unconfirmed-uploads", prefix=INCOMING_PREFIX, expiration=INCOMING_EXPIRY),
            s3.LifecycleRule(id="abort-incomplete-multipart", abort_incomplete_multipart_upload_after=Duration.days(1)),
        ],
        # Files of people's applications: never deleted with the stack (an S3 bucket must be empty to go anyway).
        removal_policy=RemovalPolicy.RETAIN,
    )


def _cursor_secret(scope: Construct, config: StageConfig) -> secretsmanager.Secret:
    """Read by CloudFormation only (a dynamic reference), so Secrets Manager's own key suffices: with ours, CDK
    would add key-policy statements for Secrets Manager that the account-root statement already covers."""
    return secretsmanager.Secret(
        scope,
        "CursorSecret",
        secret_name=f"{config.resource_prefix}/cursor-secret",
        description="HMAC key for the API's list cursors (CURSOR_SECRET)",
        generate_secret_string=secretsmanager.SecretStringGenerator(
            password_length=CURSOR_SECRET_LENGTH, exclude_punctuation=True
        ),
        removal_policy=RemovalPolicy.RETAIN if config.retain_data else RemovalPolicy.DESTROY,
    )


def allow_alarm_notifications(key: kms.Key) -> None:
    """CloudWatch alarms publish to the encrypted alarm topic: the key must let CloudWatch use it."""
    key.add_to_resource_policy(
        iam.PolicyStatement(
            sid="AllowCloudWatchAlarmsToUseTheTopicKey",
            principals=[iam.ServicePrincipal("cloudwatch.amazonaws.com")],
            actions=["kms:Decrypt", "kms:GenerateDataKey"],
            resources=["*"],
        )
    )
