"""Least-privilege roles, written out: every action named (no `*`), every resource this stack's own.

Chalice would generate a policy from the boto3 calls it sees (`autogen_policy`); we do not use it. Each function
gets a role of its own written from its row of infra/access.py: the actions it calls on each table (a Query
grant reaching the table's indexes), on each attachment prefix, the key, its own log group, X-Ray outside China.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from aws_cdk import ArnFormat, RemovalPolicy, Stack
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_logs as logs
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_secretsmanager as secretsmanager
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from infra.access import Access
from infra.schema import TableSpec

# Table and object actions come from infra/access.py, per function. No DescribeTable: PynamoDB 6 reads the schema
# from the model. ListBucket when a function lists attachments/ or must tell a missing object (404) from a refused.
BUCKET_ACTIONS = ("s3:ListBucket",)
# DynamoDB and S3 (SSE-KMS with a bucket key) use the key on the caller's behalf.
KEY_ACTIONS = ("kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey")
LOG_ACTIONS = ("logs:CreateLogStream", "logs:PutLogEvents")
# What Lambda's event source mapping reads a table's stream with, on the function's behalf.
STREAM_ACTIONS = ("dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator")
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
    access: Access,
    tables: Mapping[str, tuple[dynamodb.ITable, TableSpec]],
    key: kms.IKey,
    bucket: s3.IBucket,
    stream_of: dynamodb.ITable | None = None,
    dead_letters: sqs.IQueue | None = None,
    secrets: Sequence[secretsmanager.ISecret] = (),
    traced: bool = True,
) -> iam.IRole:
    """The function's role, its policy inline (created with the role, so the function never runs without it),
    written from its row of infra/access.py.

    Returned immutable: CDK's own additions (it would add X-Ray again) cannot widen it behind our back."""
    statements = [
        iam.PolicyStatement(sid="Logs", actions=list(LOG_ACTIONS), resources=[f"{log_group.log_group_arn}:*"]),
        iam.PolicyStatement(sid="DataKey", actions=list(KEY_ACTIONS), resources=[key.key_arn]),
        *_table_statements(access, tables),
        *_bucket_statements(access, bucket),
    ]
    if traced:
        statements.append(iam.PolicyStatement(sid="Traces", actions=list(TRACE_ACTIONS), resources=["*"]))
    if stream_of is not None:
        if stream_of.table_stream_arn is None:
            raise ValueError(f"{id}: its table has no stream; set stream_view_type on the table's model")
        statements += [
            iam.PolicyStatement(sid="Stream", actions=list(STREAM_ACTIONS), resources=[stream_of.table_stream_arn]),
            # ListStreams has no resource-level permissions (the Service Authorization Reference): "*" or nothing.
            iam.PolicyStatement(sid="ListStreams", actions=["dynamodb:ListStreams"], resources=["*"]),
        ]
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


def _table_statements(
    access: Access, tables: Mapping[str, tuple[dynamodb.ITable, TableSpec]]
) -> Iterable[iam.PolicyStatement]:
    """One statement per table (sid `Table<Name>`); with Query, one more for its declared indexes (Query only)."""
    for name, actions in access.tables.items():
        table, spec = tables[name]
        sid = "Table" + "".join(part.title() for part in name.split("_"))
        yield iam.PolicyStatement(sid=sid, actions=[f"dynamodb:{a}" for a in actions], resources=[table.table_arn])
        indexes = [f"{table.table_arn}/index/{i.name}" for i in (*spec.global_indexes, *spec.local_indexes)]
        if "Query" in actions and indexes:
            yield iam.PolicyStatement(sid=f"{sid}Indexes", actions=["dynamodb:Query"], resources=indexes)


def _bucket_statements(access: Access, bucket: s3.IBucket) -> Iterable[iam.PolicyStatement]:
    for prefix, actions in access.objects.items():
        sid = "Objects" + prefix.strip("/").title()
        yield iam.PolicyStatement(
            sid=sid, actions=[f"s3:{a}" for a in actions], resources=[bucket.arn_for_objects(f"{prefix}*")]
        )
    if access.list_bucket:
        yield iam.PolicyStatement(sid="AttachmentBucket", actions=list(BUCKET_ACTIONS), resources=[bucket.bucket_arn])


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
