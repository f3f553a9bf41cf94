"""Alarms on what users feel: 5xx rate, throttling (API Gateway, Lambda, DynamoDB) and function errors, all
notifying one topic encrypted with the stack's key."""

from __future__ import annotations

from typing import Any

from .conftest import Synth


def _alarms(synth: Synth) -> list[dict[str, Any]]:
    return [r["Properties"] for r in synth.resources("AWS::CloudWatch::Alarm").values()]


def _metric_names(alarm: dict[str, Any]) -> set[str]:
    if "MetricName" in alarm:
        return {alarm["MetricName"]}
    return {q["MetricStat"]["Metric"]["MetricName"] for q in alarm["Metrics"] if "MetricStat" in q}


def _namespaces(alarm: dict[str, Any]) -> set[str]:
    if "Namespace" in alarm:
        return {alarm["Namespace"]}
    return {q["MetricStat"]["Metric"]["Namespace"] for q in alarm["Metrics"] if "MetricStat" in q}


def test_api_5xx_rate(prod: Synth) -> None:
    (alarm,) = [a for a in _alarms(prod) if _metric_names(a) == {"5XXError", "Count"}]
    assert alarm["Threshold"] == 0.01
    expression = next(q["Expression"] for q in alarm["Metrics"] if "Expression" in q)
    assert "errors / requests" in expression


def test_api_gateway_throttling_counted_from_the_access_log(prod: Synth) -> None:
    metric_filter = prod.one("AWS::Logs::MetricFilter")["Properties"]
    assert metric_filter["FilterPattern"] == '{ $.status = "429" }'
    (transform,) = metric_filter["MetricTransformations"]
    assert [a for a in _alarms(prod) if _metric_names(a) == {transform["MetricName"]}]


def test_lambda_errors_and_throttles_for_each_function(prod: Synth) -> None:
    functions = prod.resources("AWS::Lambda::Function")
    for metric in ("Errors", "Throttles"):
        watched = {
            dim["Value"]["Ref"]
            for a in _alarms(prod)
            if _metric_names(a) == {metric} and _namespaces(a) == {"AWS/Lambda"}
            for dim in a["Dimensions"]
        }
        assert watched == set(functions), metric


def test_dynamodb_throttled_requests_for_each_table(prod: Synth) -> None:
    throttled = [a for a in _alarms(prod) if _metric_names(a) == {"ThrottledRequests"}]
    tables = {
        dim["Value"]["Ref"]
        for a in throttled
        for q in a["Metrics"]
        if "MetricStat" in q
        for dim in q["MetricStat"]["Metric"]["Dimensions"]
        if dim["Name"] == "TableName"
    }
    assert tables == set(prod.resources("AWS::DynamoDB::Table"))


def test_every_alarm_notifies_the_encrypted_topic(prod: Synth) -> None:
    (topic_id,) = prod.resources("AWS::SNS::Topic")
    (key_id,) = prod.resources("AWS::KMS::Key")
    assert prod.template["Resources"][topic_id]["Properties"]["KmsMasterKeyId"] == {"Fn::GetAtt": [key_id, "Arn"]}
    for alarm in _alarms(prod):
        assert alarm["AlarmActions"] == [{"Ref": topic_id}]


def test_alarms_are_named_after_the_stage(prod: Synth) -> None:
    names = sorted(a["AlarmName"] for a in _alarms(prod))
    assert all(name.startswith("shanxi-internship-prod-") for name in names)
    assert "shanxi-internship-prod-api-server-error-rate" in names
    assert "shanxi-internship-prod-applications-table-throttled" in names
