"""The functions (the API handler and one per `@app.schedule`), the REST API in front of the handler, the
schedules, their log groups and roles."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from aws_cdk import CfnOutput, Duration, RemovalPolicy, Stack
from aws_cdk import aws_apigateway as apigw
from aws_cdk import aws_certificatemanager as acm
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_lambda_event_sources as event_sources
from aws_cdk import aws_logs as logs
from aws_cdk import aws_secretsmanager as secretsmanager
from aws_cdk import aws_sqs as sqs
from chalice.app import Chalice
from constructs import Construct

from chalicelib.observability import SERVICE
from chalicelib.streams import parallelization_factor
from infra import access, gateway_responses, permissions, sms
from infra.access import Access
from infra.chalice_app import (
    API_HANDLER,
    PROJECT_DIR,
    Schedule,
    StreamSource,
    api_definition,
    package_bundling,
    schedules,
    stream_sources,
)
from infra.settings import StageConfig
from infra.storage import Storage

# API Gateway gives an integration 29 s; the function stops first, so a slow call ends as the app's own 503.
API_TIMEOUT = Duration.seconds(25)
# The daily sweep closes each expired position in its own transaction; a missed one is retried next day.
SCHEDULE_TIMEOUT = Duration.minutes(5)
SCHEDULE_MEMORY_MB = 512
LOG_RETENTION = logs.RetentionDays.THIRTEEN_MONTHS  # >= 365 days, for a year-on-year look at the logs
STREAM_TIMEOUT = Duration.minutes(1)
STREAM_MEMORY_MB = 512
# A batch that fails is retried, then halved around the failing record; what still fails (or is a day old) is
# described in the dead-letter queue, whose alarm pages the on-call: the stream itself never stalls.
STREAM_RETRIES = 3
STREAM_MAX_RECORD_AGE = Duration.days(1)
DEAD_LETTER_RETENTION = Duration.days(14)
ACCESS_LOG_FIELDS = {
    "request_id": "$context.requestId",
    "ip": "$context.identity.sourceIp",
    "user_agent": "$context.identity.userAgent",
    "time": "$context.requestTimeEpoch",
    "method": "$context.httpMethod",
    "route": "$context.resourcePath",
    "path": "$context.path",
    "protocol": "$context.protocol",
    "status": "$context.status",
    "response_length": "$context.responseLength",
    "latency_ms": "$context.responseLatency",
    "integration_latency_ms": "$context.integrationLatency",
    "integration_status": "$context.integration.status",
    "error_type": "$context.error.responseType",
    "error": "$context.error.message",
    "xray_trace_id": "$context.xrayTraceId",
}


@dataclass(frozen=True)
class StreamFunction:
    function: lambda_.Function
    dead_letters: sqs.Queue


@dataclass(frozen=True)
class Api:
    handler: lambda_.Function
    scheduled: dict[str, lambda_.Function]
    streamed: dict[str, StreamFunction]
    rest_api: apigw.SpecRestApi
    stage: apigw.Stage
    access_logs: logs.LogGroup


def environment(config: StageConfig, storage: Storage) -> dict[str, str]:
    """Every variable chalicelib.config reads (REQUIRED_VARIABLES, OPTIONAL_VARIABLES), the stage, Powertools'."""
    env = {spec.variable: storage.tables[name].table_name for name, spec in storage.specs.items()}
    env.update(
        ATTACHMENTS_BUCKET=storage.bucket.bucket_name,
        TOKEN_ISSUER=config.token_issuer,
        TOKEN_AUDIENCE=config.token_audience,
        JWKS_URL=config.jwks_url,
        # A dynamic reference, resolved by CloudFormation at deploy time (docs/deploy.md, "The cursor secret").
        CURSOR_SECRET=storage.cursor_secret.secret_value.unsafe_unwrap(),
        PUBLIC_BASE_URL=config.public_base_url,
        ALLOWED_ORIGINS=",".join(config.web_origins),
        STAGE=config.stage,
        POWERTOOLS_SERVICE_NAME=SERVICE,
        POWERTOOLS_METRICS_NAMESPACE=config.metrics_namespace,
        POWERTOOLS_LOG_LEVEL=config.log_level,
        # X-Ray integration with Lambda is not available in the China regions (infra/china.py): no tracer there.
        POWERTOOLS_TRACE_DISABLED="true" if config.china else "false",
    )
    return env


def public_url(scope: Construct, config: StageConfig, api: Api) -> tuple[str, str]:
    """The base URL the web client calls (…/v1) and its origin: the custom domain when there is one (mapped at its
    root), else the stage's own execute-api URL."""
    if config.domain_name:
        origin = f"https://{config.domain_name}"
        return f"{origin}/v1", origin
    stack = Stack.of(scope)
    origin = f"https://{api.rest_api.rest_api_id}.execute-api.{stack.region}.{stack.url_suffix}"
    return api.stage.url_for_path("/v1"), origin


def build(scope: Construct, config: StageConfig, storage: Storage, app: Chalice) -> Api:
    code = lambda_.Code.from_asset(str(PROJECT_DIR), bundling=package_bundling())
    env = environment(config, storage)
    secrets = {"sms": sms.credentials_secret(scope, config)}
    env.update(sms.environment(config, secrets["sms"]))
    handler = _function(
        scope,
        "ApiHandler",
        name=f"{config.resource_prefix}-api",
        handler=API_HANDLER,
        code=code,
        env=env,
        memory_mb=config.api_memory_mb,
        timeout=API_TIMEOUT,
        storage=storage,
        access=access.of("api"),
        secrets=secrets,
    )
    scheduled = {
        schedule.name: _scheduled_function(
            scope,
            config=config,
            storage=storage,
            schedule=schedule,
            code=code,
            env=env,
            secrets=secrets,
        )
        for schedule in schedules(app)
    }
    streamed = {
        source.name: _stream_function(
            scope,
            config=config,
            storage=storage,
            source=source,
            code=code,
            env=env,
            secrets=secrets,
        )
        for source in stream_sources(app)
    }
    access_logs = logs.LogGroup(
        scope,
        "ApiAccessLogs",
        log_group_name=f"/aws/apigateway/{config.resource_prefix}/access",
        retention=LOG_RETENTION,
        removal_policy=RemovalPolicy.RETAIN,
    )
    rest_api = _rest_api(scope, config, handler, app, access_logs)
    return Api(
        handler=handler,
        scheduled=scheduled,
        streamed=streamed,
        rest_api=rest_api,
        stage=rest_api.deployment_stage,
        access_logs=access_logs,
    )


def _function(
    scope: Construct,
    id: str,
    *,
    name: str,
    handler: str,
    code: lambda_.Code,
    env: Mapping[str, str],
    memory_mb: int,
    timeout: Duration,
    storage: Storage,
    access: Access,
    secrets: Mapping[str, secretsmanager.ISecret],
    stream_of: str | None = None,
    dead_letters: sqs.IQueue | None = None,
) -> lambda_.Function:
    # Named, and its log group made first with our retention: Lambda would otherwise create one that never expires.
    log_group = logs.LogGroup(
        scope,
        f"{id}Logs",
        log_group_name=f"/aws/lambda/{name}",
        retention=LOG_RETENTION,
        removal_policy=RemovalPolicy.RETAIN,
    )
    traced = env["POWERTOOLS_TRACE_DISABLED"] != "true"
    role = permissions.function_role(
        scope,
        f"{id}Role",
        description=f"{name}: what it calls (infra/access.py), the key, its logs" + (", X-Ray" if traced else ""),
        traced=traced,
        log_group=log_group,
        access=access,
        tables={name: (storage.tables[name], storage.specs[name]) for name in access.tables},
        key=storage.key,
        bucket=storage.bucket,
        stream_of=storage.tables[stream_of] if stream_of else None,
        dead_letters=dead_letters,
        secrets=[secrets[name] for name in access.secrets],
    )
    function = lambda_.Function(
        scope,
        id,
        function_name=name,
        runtime=lambda_.Runtime.PYTHON_3_11,
        architecture=lambda_.Architecture.X86_64,
        handler=handler,
        code=code,
        environment=dict(env),
        memory_size=memory_mb,
        timeout=timeout,
        tracing=lambda_.Tracing.ACTIVE if traced else None,
        role=role,
    )
    function.node.add_dependency(log_group)
    return function


def _scheduled_function(
    scope: Construct,
    *,
    config: StageConfig,
    storage: Storage,
    schedule: Schedule,
    code: lambda_.Code,
    env: Mapping[str, str],
    secrets: Mapping[str, secretsmanager.ISecret],
) -> lambda_.Function:
    id = "".join(part.title() for part in schedule.name.split("_"))
    function = _function(
        scope,
        id,
        name=f"{config.resource_prefix}-{schedule.name.replace('_', '-')}",
        handler=schedule.handler,
        code=code,
        env=env,
        memory_mb=SCHEDULE_MEMORY_MB,
        timeout=SCHEDULE_TIMEOUT,
        storage=storage,
        access=access.of(schedule.name),
        secrets=secrets,
    )
    events.Rule(
        scope,
        f"{id}Schedule",
        description=f"{schedule.name}: {schedule.expression} (UTC)",
        schedule=events.Schedule.expression(schedule.expression),
        targets=[targets.LambdaFunction(function, retry_attempts=2)],
    )
    return function


def _stream_function(
    scope: Construct,
    *,
    config: StageConfig,
    storage: Storage,
    source: StreamSource,
    code: lambda_.Code,
    env: Mapping[str, str],
    secrets: Mapping[str, secretsmanager.ISecret],
) -> StreamFunction:
    id = "".join(part.title() for part in source.name.split("_"))
    dead_letters = sqs.Queue(
        scope,
        f"{id}DeadLetters",
        queue_name=f"{config.resource_prefix}-{source.name.replace('_', '-')}-dead-letters",
        encryption=sqs.QueueEncryption.KMS,
        encryption_master_key=storage.key,
        retention_period=DEAD_LETTER_RETENTION,
        enforce_ssl=True,
    )
    function = _function(
        scope,
        id,
        name=f"{config.resource_prefix}-{source.name.replace('_', '-')}",
        handler=source.handler,
        code=code,
        env=env,
        memory_mb=STREAM_MEMORY_MB,
        timeout=STREAM_TIMEOUT,
        storage=storage,
        access=access.of(source.name),
        secrets=secrets,
        stream_of=source.table,
        dead_letters=dead_letters,
    )
    function.add_event_source(
        event_sources.DynamoEventSource(
            storage.tables[source.table],
            starting_position=lambda_.StartingPosition(source.starting_position),
            batch_size=source.batch_size,
            parallelization_factor=parallelization_factor(source.name),
            retry_attempts=STREAM_RETRIES,
            bisect_batch_on_error=True,
            max_record_age=STREAM_MAX_RECORD_AGE,
            on_failure=event_sources.SqsDlq(dead_letters),
        )
    )
    return StreamFunction(function=function, dead_letters=dead_letters)


def _rest_api(
    scope: Construct, config: StageConfig, handler: lambda_.Function, app: Chalice, access_logs: logs.ILogGroup
) -> apigw.SpecRestApi:
    body = api_definition(app, handler.function_arn)
    body["x-amazon-apigateway-gateway-responses"] = gateway_responses.extension()
    rest_api = apigw.SpecRestApi(
        scope,
        "Api",
        rest_api_name=config.resource_prefix,
        description=f"{config.resource_prefix}: 山西省就业见习 API",
        api_definition=apigw.ApiDefinition.from_inline(body),
        endpoint_types=[apigw.EndpointType.REGIONAL],
        # As `chalice deploy` imports its body: an import warning is logged by API Gateway, not fatal.
        fail_on_warnings=False,
        cloud_watch_role=False,  # ours below: written out, no managed policy
        deploy_options=apigw.StageOptions(
            stage_name=config.stage,
            throttling_rate_limit=config.throttle_rate_limit,
            throttling_burst_limit=config.throttle_burst_limit,
            tracing_enabled=True,
            metrics_enabled=True,
            logging_level=apigw.MethodLoggingLevel.ERROR,
            data_trace_enabled=False,  # request and response bodies hold personal data: never logged
            access_log_destination=apigw.LogGroupLogDestination(access_logs),
            access_log_format=apigw.AccessLogFormat.custom(json.dumps(ACCESS_LOG_FIELDS)),
        ),
    )
    account = apigw.CfnAccount(
        scope, "ApiGatewayAccount", cloud_watch_role_arn=permissions.api_gateway_logging_role(scope).role_arn
    )
    account.apply_removal_policy(RemovalPolicy.RETAIN)
    # API Gateway would create its execution log group itself, on the first error, keeping it forever.
    execution_logs = logs.LogGroup(
        scope,
        "ApiExecutionLogs",
        log_group_name=f"API-Gateway-Execution-Logs_{rest_api.rest_api_id}/{config.stage}",
        retention=LOG_RETENTION,
        removal_policy=RemovalPolicy.RETAIN,
    )
    rest_api.deployment_stage.node.add_dependency(account, execution_logs)
    # API Gateway serves a deployment's snapshot: a new body (routes, gateway responses) needs a new deployment.
    deployment = rest_api.latest_deployment
    assert deployment is not None  # SpecRestApi deploys by default
    deployment.add_to_logical_id(body)
    handler.add_permission(
        "InvokeFromApi",
        principal=iam.ServicePrincipal("apigateway.amazonaws.com"),
        source_arn=rest_api.arn_for_execute_api(stage=config.stage),
    )
    if config.domain_name:
        _custom_domain(scope, config, rest_api)
    return rest_api


def _custom_domain(scope: Construct, config: StageConfig, rest_api: apigw.RestApiBase) -> None:
    """The province's own host name (ICP-filed), with the stage mapped at the root: https://<domain>/v1/..."""
    domain = apigw.DomainName(
        scope,
        "CustomDomain",
        domain_name=config.domain_name,
        certificate=acm.Certificate.from_certificate_arn(scope, "Certificate", config.certificate_arn),
        endpoint_type=apigw.EndpointType.REGIONAL,
        security_policy=apigw.SecurityPolicy.TLS_1_2,
    )
    domain.add_base_path_mapping(rest_api, stage=rest_api.deployment_stage)
    CfnOutput(
        scope,
        "CustomDomainTarget",
        value=domain.domain_name_alias_domain_name,
        description="Point the domain's CNAME here",
    )
