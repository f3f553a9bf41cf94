"""Operating the stage: the alarms that say users wait or a job did not run, the monthly budget, one dashboard,
and the regional WAF web ACL in front of the API stage.

The alarms here join infra/alarms.py's on the same topic (they are returned to it); deploy.md, section 7, lists
them all.
"""

from __future__ import annotations

from aws_cdk import Duration, Stack
from aws_cdk import aws_budgets as budgets
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_sns as sns
from aws_cdk import aws_wafv2 as wafv2
from constructs import Construct

from infra.api import Api
from infra.settings import StageConfig
from infra.storage import Storage

PERIOD = Duration.minutes(5)
# API Gateway's Latency (request in to answer out), p99 over 5 minutes, three periods running. The app's slowest
# route (the printed form on a cold container) takes about 2 s; 3 s at p99 means many people wait.
API_P99_MS = 3000
# How long each schedule may go without an invocation before it "did not run" (its cron, plus slack).
SCHEDULE_SILENCE: dict[str, Duration] = {"recover_texts": Duration.hours(2)}
DAILY_SILENCE = Duration.days(1)
# AWS Managed Rules rule groups: the China WAF guide documents them (docs.amazonaws.cn/en_us/waf/latest/
# developerguide/waf-rule-statement-reusable-entities.html); which groups each China region offers is not listed
# there, so these two, the baseline ones, can be turned off with `waf_managed_rules=false` if a deploy refuses.
MANAGED_RULE_GROUPS = ("AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet")


def alarms(scope: Construct, api: Api) -> list[cloudwatch.Alarm]:
    found = [
        cloudwatch.Alarm(
            scope,
            "ApiLatencyP99",
            alarm_description=f"API p99 latency at or over {API_P99_MS} ms, 15 minutes running",
            metric=api.stage.metric("Latency", period=PERIOD, statistic="p99"),
            threshold=API_P99_MS,
            evaluation_periods=3,
            comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
        )
    ]
    for name, function in api.scheduled.items():
        found.append(_did_not_run(scope, name, function, SCHEDULE_SILENCE.get(name, DAILY_SILENCE)))
    return found


def _did_not_run(scope: Construct, name: str, function: lambda_.Function, silence: Duration) -> cloudwatch.Alarm:
    """No invocation within `silence`: the rule disabled, EventBridge failing, the function deleted. Missing data
    is what "did not run" looks like, so it breaches."""
    id = "".join(part.title() for part in name.split("_"))
    return cloudwatch.Alarm(
        scope,
        f"{id}DidNotRun",
        alarm_description=f"{name} was not invoked for {silence.to_human_string()} (its schedule did not run)",
        metric=function.metric_invocations(period=silence, statistic="Sum"),
        threshold=1,
        evaluation_periods=1,
        comparison_operator=cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
        treat_missing_data=cloudwatch.TreatMissingData.BREACHING,
    )


def budget(scope: Construct, config: StageConfig, topic: sns.ITopic) -> budgets.CfnBudget:
    """The account's cost this month against `monthly_budget` (CNY in China, USD elsewhere; one account per stage
    makes it the stage's): 80 % actual and 100 % forecast notify the alarm topic and the alarm e-mails."""
    subscribers = [budgets.CfnBudget.SubscriberProperty(subscription_type="SNS", address=topic.topic_arn)]
    subscribers += [
        budgets.CfnBudget.SubscriberProperty(subscription_type="EMAIL", address=email) for email in config.alarm_emails
    ]
    notifications = [
        budgets.CfnBudget.NotificationWithSubscribersProperty(
            notification=budgets.CfnBudget.NotificationProperty(
                notification_type=kind,
                comparison_operator="GREATER_THAN",
                threshold=percent,
                threshold_type="PERCENTAGE",
            ),
            subscribers=subscribers,
        )
        for kind, percent in (("ACTUAL", 80), ("FORECASTED", 100))
    ]
    return budgets.CfnBudget(
        scope,
        "MonthlyBudget",
        budget=budgets.CfnBudget.BudgetDataProperty(
            budget_name=f"{config.resource_prefix}-monthly",
            budget_type="COST",
            time_unit="MONTHLY",
            budget_limit=budgets.CfnBudget.SpendProperty(
                amount=config.monthly_budget, unit="CNY" if config.china else "USD"
            ),
        ),
        notifications_with_subscribers=notifications,
    )


def web_acl(scope: Construct, config: StageConfig, api: Api) -> wafv2.CfnWebACL:
    """A regional web ACL on the API stage: a per-address rate limit, then the managed baseline groups."""

    def visible(name: str) -> wafv2.CfnWebACL.VisibilityConfigProperty:
        return wafv2.CfnWebACL.VisibilityConfigProperty(
            cloud_watch_metrics_enabled=True, metric_name=name, sampled_requests_enabled=True
        )

    rules = [
        wafv2.CfnWebACL.RuleProperty(
            name="rate-per-address",
            priority=0,
            action=wafv2.CfnWebACL.RuleActionProperty(block={}),
            statement=wafv2.CfnWebACL.StatementProperty(
                rate_based_statement=wafv2.CfnWebACL.RateBasedStatementProperty(
                    limit=config.waf_rate_limit, aggregate_key_type="IP"
                )
            ),
            visibility_config=visible("rate-per-address"),
        )
    ]
    if config.waf_managed_rules:
        rules += [
            wafv2.CfnWebACL.RuleProperty(
                name=group,
                priority=priority,
                override_action=wafv2.CfnWebACL.OverrideActionProperty(none={}),
                statement=wafv2.CfnWebACL.StatementProperty(
                    managed_rule_group_statement=wafv2.CfnWebACL.ManagedRuleGroupStatementProperty(
                        vendor_name="AWS", name=group
                    )
                ),
                visibility_config=visible(group),
            )
            for priority, group in enumerate(MANAGED_RULE_GROUPS, start=1)
        ]
    acl = wafv2.CfnWebACL(
        scope,
        "ApiWebAcl",
        name=f"{config.resource_prefix}-api",
        scope="REGIONAL",
        default_action=wafv2.CfnWebACL.DefaultActionProperty(allow={}),
        rules=rules,
        visibility_config=visible(f"{config.resource_prefix}-api"),
    )
    stack = Stack.of(scope)
    stage_arn = (
        f"arn:{stack.partition}:apigateway:{stack.region}::/restapis/{api.rest_api.rest_api_id}"
        f"/stages/{api.stage.stage_name}"
    )
    association = wafv2.CfnWebACLAssociation(
        scope, "ApiWebAclAssociation", resource_arn=stage_arn, web_acl_arn=acl.attr_arn
    )
    association.node.add_dependency(api.stage)
    return acl


def dashboard(scope: Construct, config: StageConfig, storage: Storage, api: Api) -> cloudwatch.Dashboard:
    """One page: requests, errors and latency of the API; each function's errors; the streams' lag and dead
    letters; DynamoDB throttling."""
    board = cloudwatch.Dashboard(scope, "Dashboard", dashboard_name=config.resource_prefix)

    def stage_metric(name: str, statistic: str) -> cloudwatch.IMetric:
        return api.stage.metric(name, period=PERIOD, statistic=statistic)

    functions = {"api": api.handler, **api.scheduled, **{n: s.function for n, s in api.streamed.items()}}
    board.add_widgets(
        cloudwatch.GraphWidget(
            title="API requests and errors",
            left=[stage_metric("Count", "Sum"), stage_metric("4XXError", "Sum"), stage_metric("5XXError", "Sum")],
            width=12,
        ),
        cloudwatch.GraphWidget(
            title="API latency (ms)", left=[stage_metric("Latency", "p50"), stage_metric("Latency", "p99")], width=12
        ),
        cloudwatch.GraphWidget(
            title="Function errors",
            left=[f.metric_errors(period=PERIOD, statistic="Sum", label=n) for n, f in functions.items()],
            width=12,
        ),
        cloudwatch.GraphWidget(
            title="Stream dead letters",
            left=[
                s.dead_letters.metric_approximate_number_of_messages_visible(period=PERIOD, label=n)
                for n, s in api.streamed.items()
            ],
            width=12,
        ),
        cloudwatch.GraphWidget(
            title="DynamoDB throttled requests",
            left=[
                t.metric("ThrottledRequests", period=PERIOD, statistic="Sum", label=n)
                for n, t in storage.tables.items()
            ],
            width=24,
        ),
    )
    return board
