"""A few alarms that mean "users are affected": the 5xx rate, throttling (API Gateway's 429s, Lambda, DynamoDB)
and function errors. They notify one encrypted SNS topic; subscribe the on-call channel to it (docs/deploy.md)."""

from __future__ import annotations

import re

from aws_cdk import Duration
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_cloudwatch_actions as actions
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sns_subscriptions as subscriptions
from constructs import Construct

from infra import operations
from infra.api import Api, StreamFunction
from infra.settings import StageConfig
from infra.storage import Storage, allow_alarm_notifications

PERIOD = Duration.minutes(5)
SERVER_ERROR_RATE = 0.01  # more than 1 % of requests answered 5xx, three 5-minute periods running
MIN_REQUESTS = 20  # below this many requests in a period, a rate is noise
API_THROTTLED_REQUESTS = 10  # 429s from the stage's rate/burst limits in 5 minutes
API_FUNCTION_ERRORS = 5
# A stream handler a minute behind: a search or a message is late, or a handler keeps failing and retrying.
STREAM_ITERATOR_AGE_MS = 60_000
# The operations the app calls: ThrottledRequests counts a request throttled on the table or on an index.
TABLE_OPERATIONS = (
    dynamodb.Operation.GET_ITEM,
    dynamodb.Operation.BATCH_GET_ITEM,
    dynamodb.Operation.QUERY,
    dynamodb.Operation.PUT_ITEM,
    dynamodb.Operation.UPDATE_ITEM,
    dynamodb.Operation.DELETE_ITEM,
    dynamodb.Operation.BATCH_WRITE_ITEM,
    dynamodb.Operation.TRANSACT_WRITE_ITEMS,
    dynamodb.Operation.TRANSACT_GET_ITEMS,
)


def build(scope: Construct, config: StageConfig, storage: Storage, api: Api) -> sns.Topic:
    topic = sns.Topic(scope, "AlarmTopic", display_name=f"{config.resource_prefix} alarms", master_key=storage.key)
    allow_alarm_notifications(storage.key)
    for email in config.alarm_emails:
        topic.add_subscription(subscriptions.EmailSubscription(email))
    alarms = [
        _server_error_rate(scope, api),
        _api_throttled(scope, config, api),
        *_function_alarms(scope, "api", api.handler, errors=API_FUNCTION_ERRORS),
        *(a for name, fn in api.scheduled.items() for a in _function_alarms(scope, name, fn, errors=1)),
        *(a for name, streamed in api.streamed.items() for a in _stream_alarms(scope, name, streamed)),
        *(_table_throttled(scope, name, table) for name, table in storage.tables.items()),
        *operations.alarms(scope, api),
    ]
    for alarm in alarms:  # named "<prefix>-<what>", so the console lists a stage's alarms together
        cfn = alarm.node.default_child
        assert isinstance(cfn, cloudwatch.CfnAlarm)
        cfn.alarm_name = f"{config.resource_prefix}-{_slug(alarm.node.id)}"
    action = actions.SnsAction(topic)
    for alarm in alarms:
        alarm.add_alarm_action(action)
        alarm.add_ok_action(action)
    return topic


def _slug(id: str) -> str:
    """ "ApiFunctionErrors" -> "api-function-errors"."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", id).lower()


def _alarm(
    scope: Construct, id: str, description: str, metric: cloudwatch.IMetric, *, threshold: float, periods: int = 1
) -> cloudwatch.Alarm:
    return cloudwatch.Alarm(
        scope,
        id,
        alarm_description=description,
        metric=metric,
        threshold=threshold,
        evaluation_periods=periods,
        comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
    )


def _server_error_rate(scope: Construct, api: Api) -> cloudwatch.Alarm:
    def metric(name: str) -> cloudwatch.Metric:
        return api.stage.metric(name, period=PERIOD, statistic="Sum")

    rate = cloudwatch.MathExpression(
        expression=f"IF(requests >= {MIN_REQUESTS}, errors / requests, 0)",
        using_metrics={"errors": metric("5XXError"), "requests": metric("Count")},
        label="5xx rate",
        period=PERIOD,
    )
    return _alarm(
        scope,
        "ApiServerErrorRate",
        "1 % or more of API requests answered 5xx, 15 minutes running",
        rate,
        threshold=SERVER_ERROR_RATE,
        periods=3,
    )


def _api_throttled(scope: Construct, config: StageConfig, api: Api) -> cloudwatch.Alarm:
    """API Gateway publishes no count of its 429s: the access log has them, a metric filter counts them."""
    throttled = logs.MetricFilter(
        scope,
        "ApiThrottledFilter",
        log_group=api.access_logs,
        filter_pattern=logs.FilterPattern.string_value("$.status", "=", "429"),
        metric_namespace=config.metrics_namespace,
        metric_name="ApiThrottled",
        metric_value="1",
        default_value=0,
    )
    return _alarm(
        scope,
        "ApiThrottled",
        f"{API_THROTTLED_REQUESTS} or more requests refused with 429 by the stage throttling in 5 minutes",
        throttled.metric(period=PERIOD, statistic="Sum"),
        threshold=API_THROTTLED_REQUESTS,
    )


def _function_alarms(scope: Construct, name: str, function: lambda_.Function, *, errors: int) -> list[cloudwatch.Alarm]:
    id = "".join(part.title() for part in name.split("_"))
    return [
        _alarm(
            scope,
            f"{id}FunctionErrors",
            f"{function.node.id}: {errors} or more failed invocations (crash or timeout) in 5 minutes",
            function.metric_errors(period=PERIOD, statistic="Sum"),
            threshold=errors,
        ),
        _alarm(
            scope,
            f"{id}FunctionThrottles",
            f"{function.node.id}: invocations throttled (account or function concurrency)",
            function.metric_throttles(period=PERIOD, statistic="Sum"),
            threshold=1,
        ),
    ]


def _stream_alarms(scope: Construct, name: str, streamed: StreamFunction) -> list[cloudwatch.Alarm]:
    id = "".join(part.title() for part in name.split("_"))
    function = streamed.function
    return [
        *_function_alarms(scope, name, function, errors=1),
        _alarm(
            scope,
            f"{id}HasDeadLetters",
            f"{function.node.id}: a stream record failed after every retry; it is described in "
            f"{streamed.dead_letters.node.id} (docs/deploy.md, 'Stream dead letters')",
            streamed.dead_letters.metric_approximate_number_of_messages_visible(period=PERIOD, statistic="Maximum"),
            threshold=1,
        ),
        _alarm(
            scope,
            f"{id}IteratorAge",
            f"{function.node.id}: the stream's oldest unprocessed record is over a minute old",
            cloudwatch.Metric(
                namespace="AWS/Lambda",
                metric_name="IteratorAge",
                dimensions_map={"FunctionName": function.function_name},
                period=PERIOD,
                statistic="Maximum",
            ),
            threshold=STREAM_ITERATOR_AGE_MS,
        ),
    ]


def _table_throttled(scope: Construct, name: str, table: dynamodb.Table) -> cloudwatch.Alarm:
    return _alarm(
        scope,
        f"{name.title()}TableThrottled",
        f"{name}: DynamoDB throttled requests (on-demand limits or a hot partition)",
        table.metric_throttled_requests_for_operations(operations=list(TABLE_OPERATIONS), period=PERIOD),
        threshold=1,
    )
