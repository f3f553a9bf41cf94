"""Least-privilege roles, written out: every action named (no `*`), every resource this stack's own.

Chalice would generate a policy from the boto3 calls it sees (`autogen_policy`); we do not use it. Each function
gets a role of its own with exactly its tables (and their declared indexes), the attachment prefixes, the key,
its own log group and X-Ray.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from aws_cdk import ArnFormat, RemovalPolicy, Stack
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_logs as logs
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_secretsmanager as secretsmanager
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from infra.schema import TableSpec
from infra.storage import INCOMING_PREFIX, STORED_PREFIX

# Items: PynamoDB's get/query/batch/transactions (a transaction needs the per-item actions) and Powertools'
# idempotency records. No Scan: no request path scans. No DescribeTable: PynamoDB 6 reads the schema from
# the model.
TABLE_ACTIONS = (
    "dynamodb:GetItem",
    "dynamodb:BatchGetItem",
    "dynamodb:Query",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:DeleteItem",
    "dynamodb:BatchWriteItem",
    "dynamodb:ConditionCheckItem",
)
INDEX_ACTIONS = ("dynamodb:Query",)
# HEAD/GET/range GET, the presigned POST upload (signed with this role), the copy to attachments/, deletions.
OBJECT_ACTIONS = ("s3:GetObject", "s3:PutObject", "s3:DeleteObject")
# Without ListBucket, S3 answers a missing object with 403 instead of 404, and "not uploaded yet" (409
# UPLOAD_MISSING) would look like an error. The bucket holds nothing but the two prefixes.
BUCKET_ACTIONS = ("s3:ListBucket",)
# DynamoDB and S3 (SSE-KMS with a bucket key) use the key on the caller's behalf.
KEY_ACTIONS = ("kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey")
LOG_ACTIONS = ("logs:CreateLogStream", "logs:PutLogEvents")
# What Lambda's event source mapping reads a table's stream with, on the function's behalf.
STREAM_ACTIONS = ("dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams")
# The mapping's on-failure destination: a record that still fails after its retries is described there.
DEAD_LETTER_ACTIONS = ("sqs:SendMessage", "sqs:GetQueueAttributes")
# X-Ray takes no resource-level permissions: these two actions on "*" are the documented minimum.
TRACE_ACTIONS = ("xray:PutTraceSegments", "xray:PutTelemetryRecords")
# What the AWS managed policy AmazonAPIGatewayPushToCloudWatchLogs allows, written out.
API_GATEWAY_LOG_ACTIONS = (
    "logs:CreateLogGroup",
    "logs:CreateLogStream",
    "logs:DescribeLogGroups",
    "logs:DescribeLogStreams",
    "logs:PutLogEvents",
    "logs:GetLogEvents",
    "logs:FilterLogEvents",
)


def function_role(
    scope: Construct,
    id: str,
    *,
    description: str,
    log_group: logs.ILogGroup,
    tables: Sequence[tuple[dynamodb.ITable, TableSpec]],
    key: kms.IKey,
    bucket: s3.IBucket | None = None,
    stream_of: dynamodb.ITable | None = None,
    dead_letters: sqs.IQueue | None = None,
    secrets: Sequence[secretsmanager.ISecret] = (),
    traced: bool = True,
) -> iam.IRole:
    """The function's role, its policy inline (created with the role, so the function never runs without it).

    Returned immutable: CDK's own additions (it would add X-Ray again) cannot widen it behind our back."""
    statements = [
        iam.PolicyStatement(sid="Logs", actions=list(LOG_ACTIONS), resources=[f"{log_group.log_group_arn}:*"]),
        iam.PolicyStatement(
            sid="Tables", actions=list(TABLE_ACTIONS), resources=[table.table_arn for table, _ in tables]
        ),
        iam.PolicyStatement(sid="DataKey", actions=list(KEY_ACTIONS), resources=[key.key_arn]),
    ]
    if traced:
        statements.append(iam.PolicyStatement(sid="Traces", actions=list(TRACE_ACTIONS), resources=["*"]))
    indexes = list(_index_arns(tables))
    if indexes:
        statements.append(iam.PolicyStatement(sid="Indexes", actions=list(INDEX_ACTIONS), resources=indexes))
    if bucket is not None:
        statements += [
            iam.PolicyStatement(
                sid="AttachmentObjects",
                actions=list(OBJECT_ACTIONS),
                resources=[bucket.arn_for_objects(f"{prefix}*") for prefix in (INCOMING_PREFIX, STORED_PREFIX)],
            ),
            iam.PolicyStatement(sid="AttachmentBucket", actions=list(BUCKET_ACTIONS), resources=[bucket.bucket_arn]),
        ]
    if stream_of is not None:
        if stream_of.table_stream_arn is None:
            raise ValueError(f"{id}: its table has no stream; set stream_view_type on the table's model")
        statements.append(
            iam.PolicyStatement(sid="Stream", actions=list(STREAM_ACTIONS), resources=[stream_of.table_stream_arn])
        )
    if dead_letters is not None:
        statements.append(
            iam.PolicyStatement(
                sid="DeadLetters", actions=list(DEAD_LETTER_ACTIONS), resources=[dead_letters.queue_arn]
            )
        )
    if secrets:
        statements.append(
            iam.PolicyStatement(
                sid="Secrets", actions=["secretsmanager:GetSecretValue"], resources=[s.secret_arn for s in secrets]
            )
        )
    role = iam.Role(
        scope,
        id,
        assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"),
        description=description,
        inline_policies={"least-privilege": iam.PolicyDocument(statements=statements)},
    )
    return role.without_policy_updates()


def _index_arns(tables: Iterable[tuple[dynamodb.ITable, TableSpec]]) -> Iterable[str]:
    for table, spec in tables:
        for index in (*spec.global_indexes, *spec.local_indexes):
            yield f"{table.table_arn}/index/{index.name}"


def api_gateway_logging_role(scope: Construct) -> iam.Role:
    """The role API Gateway writes access and execution logs with. It is one setting per account and region, so
    the role outlives the stack: other APIs of the account may log through it."""
    log_groups = Stack.of(scope).format_arn(
        service="logs", resource="log-group", resource_name="*", arn_format=ArnFormat.COLON_RESOURCE_NAME
    )
    statement = iam.PolicyStatement(actions=list(API_GATEWAY_LOG_ACTIONS), resources=[log_groups])
    role = iam.Role(
        scope,
        "ApiGatewayLogsRole",
        assumed_by=iam.ServicePrincipal("apigateway.amazonaws.com"),
        description="API Gateway: write access and execution logs to CloudWatch Logs",
        inline_policies={"push-to-cloudwatch-logs": iam.PolicyDocument(statements=[statement])},
    )
    role.apply_removal_policy(RemovalPolicy.RETAIN)
    return role
