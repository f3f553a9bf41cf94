"""The API and the functions: routes as the app declares them, regional endpoint, limits, logs, traces, the
configuration every function reads, API Gateway's own errors in the app's envelope, and the daily sweep."""

from __future__ import annotations

import json
from typing import Any

import pytest
from aws_cdk.assertions import Match

from chalicelib.config import OPTIONAL_VARIABLES, REQUIRED_VARIABLES

from .conftest import Synth

POWERTOOLS_VARIABLES = ("STAGE", "POWERTOOLS_SERVICE_NAME", "POWERTOOLS_METRICS_NAMESPACE", "POWERTOOLS_LOG_LEVEL")


def _body(synth: Synth) -> dict[str, Any]:
    body: dict[str, Any] = synth.one("AWS::ApiGateway::RestApi")["Properties"]["Body"]
    return body


def test_every_route_of_the_app_and_no_other_reaches_the_api_function(prod: Synth) -> None:
    from app import app

    (function_id,) = [k for k, r in prod.resources("AWS::Lambda::Function").items() if r is prod.function("-api")]
    paths = _body(prod)["paths"]
    assert {path: sorted(ops) for path, ops in paths.items()} == {
        path: sorted(method.lower() for method in methods) for path, methods in app.routes.items()
    }
    for path, operations in paths.items():
        for method, operation in operations.items():
            integration = operation["x-amazon-apigateway-integration"]
            assert integration["type"] == "aws_proxy", (path, method)
            assert integration["uri"]["Fn::Sub"][1] == {"Fn": {"Fn::GetAtt": [function_id, "Arn"]}}


def test_binary_types_come_from_the_app(prod: Synth) -> None:
    from app import app

    assert _body(prod)["x-amazon-apigateway-binary-media-types"] == app.api.binary_types
    assert "application/pdf" in app.api.binary_types


def test_regional_endpoint(prod: Synth) -> None:
    prod.assertions().has_resource_properties(
        "AWS::ApiGateway::RestApi", {"EndpointConfiguration": {"Types": ["REGIONAL"]}}
    )


def test_api_function_timeout_memory_runtime_and_tracing(prod: Synth) -> None:
    props = prod.function("-api")["Properties"]
    assert props["Timeout"] <= 25
    assert props["MemorySize"] == 1024
    assert props["Runtime"] == "python3.11"
    assert props["Handler"] == "app.app"
    # X-Ray integration with Lambda is not available in China (infra/china.py): no tracing, no tracer.
    assert "TracingConfig" not in props
    assert props["Environment"]["Variables"]["POWERTOOLS_TRACE_DISABLED"] == "true"


def test_functions_are_traced_outside_china(synthesize) -> None:
    props = synthesize("prod", "us-east-1").function("-api")["Properties"]
    assert props["TracingConfig"] == {"Mode": "Active"}
    assert props["Environment"]["Variables"]["POWERTOOLS_TRACE_DISABLED"] == "false"


def test_stage_throttling_tracing_and_access_log(prod: Synth, synthesize) -> None:
    (access_logs,) = [
        k
        for k, r in prod.resources("AWS::Logs::LogGroup").items()
        if r["Properties"]["LogGroupName"] == "/aws/apigateway/shanxi-internship-prod/access"
    ]
    prod.assertions().has_resource_properties(
        "AWS::ApiGateway::Stage",
        {
            "StageName": "prod",
            "TracingEnabled": True,
            "AccessLogSetting": {
                "DestinationArn": {"Fn::GetAtt": [access_logs, "Arn"]},
                "Format": Match.serialized_json(Match.object_like({"request_id": "$context.requestId"})),
            },
            "MethodSettings": [
                Match.object_like(
                    {
                        "HttpMethod": "*",
                        "ResourcePath": "/*",
                        "ThrottlingRateLimit": 200,
                        "ThrottlingBurstLimit": 400,
                        "DataTraceEnabled": False,
                    }
                )
            ],
        },
    )
    # Throttling comes from the stage's configuration and can be overridden on the command line.
    custom = synthesize("prod", "cn-north-1", throttle_rate_limit="50", throttle_burst_limit="80")
    (settings,) = custom.one("AWS::ApiGateway::Stage")["Properties"]["MethodSettings"]
    assert (settings["ThrottlingRateLimit"], settings["ThrottlingBurstLimit"]) == (50, 80)


def test_api_gateway_may_write_its_logs(prod: Synth) -> None:
    account = prod.one("AWS::ApiGateway::Account")
    role_id = account["Properties"]["CloudWatchRoleArn"]["Fn::GetAtt"][0]
    assert prod.template["Resources"][role_id]["Type"] == "AWS::IAM::Role"
    stage_id = next(iter(prod.resources("AWS::ApiGateway::Stage")))
    assert "ApiGatewayAccount" in prod.template["Resources"][stage_id]["DependsOn"]


def test_every_log_group_is_made_here_and_kept_at_least_a_year(prod: Synth) -> None:
    groups = prod.resources("AWS::Logs::LogGroup")
    # each function's, the API's access log, and its execution log (else API Gateway makes one, kept forever)
    assert len(groups) == len(prod.resources("AWS::Lambda::Function")) + 2
    for group in groups.values():
        assert group["Properties"]["RetentionInDays"] >= 365
        assert group["DeletionPolicy"] == "Retain"
    (api_id,) = prod.resources("AWS::ApiGateway::RestApi")
    execution = {"Fn::Join": ["", ["API-Gateway-Execution-Logs_", {"Ref": api_id}, "/prod"]]}
    (execution_id,) = [k for k, g in groups.items() if g["Properties"]["LogGroupName"] == execution]
    stage_id = next(iter(prod.resources("AWS::ApiGateway::Stage")))
    assert execution_id in prod.template["Resources"][stage_id]["DependsOn"]


def test_function_log_groups_are_the_ones_lambda_writes_to(prod: Synth) -> None:
    names = [g["Properties"]["LogGroupName"] for g in prod.resources("AWS::Logs::LogGroup").values()]
    for function in prod.resources("AWS::Lambda::Function").values():
        assert f"/aws/lambda/{function['Properties']['FunctionName']}" in names


@pytest.mark.parametrize("suffix", ["-api", "-sweep-expired-positions"])
def test_every_function_gets_every_variable_the_app_reads(prod: Synth, suffix: str) -> None:
    variables = prod.function(suffix)["Properties"]["Environment"]["Variables"]
    assert {*REQUIRED_VARIABLES, *OPTIONAL_VARIABLES, *POWERTOOLS_VARIABLES} <= set(variables)
    assert all(variables[name] not in ("", None) for name in (*REQUIRED_VARIABLES, *OPTIONAL_VARIABLES))


def test_variables_point_at_this_stacks_resources_and_configuration(prod: Synth) -> None:
    variables = prod.function("-api")["Properties"]["Environment"]["Variables"]
    tables = prod.resources("AWS::DynamoDB::Table")
    assert variables["POSITIONS_TABLE"]["Ref"] in tables
    assert tables[variables["POSITIONS_TABLE"]["Ref"]]["Properties"]["TableName"].endswith("-positions")
    assert variables["ATTACHMENTS_BUCKET"]["Ref"] in prod.resources("AWS::S3::Bucket")
    assert variables["TOKEN_ISSUER"] == "https://login.shanxi.invalid/realms/internship"
    assert variables["ALLOWED_ORIGINS"] == "https://internship.shanxi.invalid"
    assert variables["STAGE"] == "prod"
    assert variables["POWERTOOLS_METRICS_NAMESPACE"] == "ShanxiInternship/prod"


def test_cursor_secret_is_generated_and_passed_by_dynamic_reference(prod: Synth) -> None:
    (secret_id,) = [
        k
        for k, r in prod.resources("AWS::SecretsManager::Secret").items()
        if r["Properties"]["Name"].endswith("/cursor-secret")
    ]
    secret = prod.template["Resources"][secret_id]["Properties"]
    assert secret["GenerateSecretString"]["PasswordLength"] >= 32
    value = prod.function("-api")["Properties"]["Environment"]["Variables"]["CURSOR_SECRET"]
    assert value == {"Fn::Join": ["", ["{{resolve:secretsmanager:", {"Ref": secret_id}, ":SecretString:::}}"]]}


def test_configuration_overrides_from_the_command_line(synthesize) -> None:
    synth = synthesize(
        "prod",
        "cn-north-1",
        token_issuer="https://id.shanxi.gov.cn/realms/rs",
        token_audience="internship-api",
        jwks_url="https://id.shanxi.gov.cn/realms/rs/certs",
        public_base_url="https://jyjx.shanxi.gov.cn/cases",
    )
    variables = synth.function("-api")["Properties"]["Environment"]["Variables"]
    assert variables["TOKEN_ISSUER"] == "https://id.shanxi.gov.cn/realms/rs"
    assert variables["TOKEN_AUDIENCE"] == "internship-api"
    assert variables["JWKS_URL"] == "https://id.shanxi.gov.cn/realms/rs/certs"
    assert variables["PUBLIC_BASE_URL"] == "https://jyjx.shanxi.gov.cn/cases"


def _gateway_response(synth: Synth, kind: str) -> tuple[dict[str, Any], dict[str, Any]]:
    response = _body(synth)["x-amazon-apigateway-gateway-responses"][kind]
    body = json.loads(response["responseTemplates"]["application/json"])
    return response, body["error"]


@pytest.mark.parametrize(
    ("kind", "status", "code", "message"),
    [
        ("THROTTLED", None, "TOO_MANY_REQUESTS", "请求过于频繁，请稍后再试"),
        ("MISSING_AUTHENTICATION_TOKEN", "404", "NOT_FOUND", "请求的资源不存在"),
        ("REQUEST_TOO_LARGE", None, "PAYLOAD_TOO_LARGE", "请求内容过大"),
        ("INTEGRATION_TIMEOUT", "503", "SERVICE_BUSY", "系统繁忙，请稍后再试"),
        ("DEFAULT_5XX", None, "INTERNAL_ERROR", "系统内部错误，请稍后再试"),
    ],
)
def test_gateway_errors_answer_in_the_apps_envelope(prod: Synth, kind: str, status, code: str, message: str) -> None:
    response, error = _gateway_response(prod, kind)
    assert response.get("statusCode") == status
    assert error == {"code": code, "message": message, "request_id": "$context.requestId"}
    assert set(response["responseTemplates"]) == {"application/json"}
    assert response["responseParameters"]["gatewayresponse.header.Cache-Control"] == "'no-store'"


def test_every_gateway_error_type_is_rewritten(prod: Synth) -> None:
    responses = _body(prod)["x-amazon-apigateway-gateway-responses"]
    assert {"DEFAULT_4XX", "DEFAULT_5XX", "THROTTLED", "MISSING_AUTHENTICATION_TOKEN", "REQUEST_TOO_LARGE"} <= set(
        responses
    )
    for kind in responses:
        _, error = _gateway_response(prod, kind)
        assert error["code"].isupper() and error["request_id"] == "$context.requestId"
        assert not error["message"].isascii(), kind  # Chinese, never API Gateway's English text
    throttled = responses["THROTTLED"]["responseParameters"]
    assert throttled["gatewayresponse.header.Retry-After"] == "'1'"
    # A browser client must be able to read the 429 and its Retry-After.
    assert throttled["gatewayresponse.header.Access-Control-Allow-Origin"] == "'*'"
    assert throttled["gatewayresponse.header.Access-Control-Expose-Headers"] == "'Retry-After'"


def test_a_new_api_body_makes_a_new_deployment(prod: Synth, synthesize, monkeypatch: pytest.MonkeyPatch) -> None:
    from infra import gateway_responses

    same_body = synthesize("prod", "cn-north-1", throttle_rate_limit="51")
    assert set(same_body.resources("AWS::ApiGateway::Deployment")) == set(prod.resources("AWS::ApiGateway::Deployment"))

    changed = dict(gateway_responses.GATEWAY_ERRORS)
    changed["THROTTLED"] = gateway_responses.GatewayError("TOO_MANY_REQUESTS", "请稍后再试")
    monkeypatch.setattr(gateway_responses, "GATEWAY_ERRORS", changed)
    new_body = synthesize("prod", "cn-north-1", variant="changed-gateway-response")
    assert set(new_body.resources("AWS::ApiGateway::Deployment")) != set(prod.resources("AWS::ApiGateway::Deployment"))


def test_custom_domain_only_when_configured(prod: Synth, synthesize) -> None:
    assert not prod.resources("AWS::ApiGateway::DomainName")
    domain = synthesize(
        "prod",
        "cn-north-1",
        domain_name="api.jyjx.shanxi.gov.cn",
        certificate_arn="arn:aws-cn:acm:cn-north-1:111111111111:certificate/abc",
    )
    domain.assertions().has_resource_properties(
        "AWS::ApiGateway::DomainName",
        {
            "DomainName": "api.jyjx.shanxi.gov.cn",
            "EndpointConfiguration": {"Types": ["REGIONAL"]},
            "SecurityPolicy": "TLS_1_2",
        },
    )
    (mapping,) = domain.resources("AWS::ApiGateway::BasePathMapping").values()
    assert "BasePath" not in mapping["Properties"]  # https://<domain>/v1/...


def test_only_api_gateway_may_invoke_the_api_function_and_only_this_stage(prod: Synth) -> None:
    (api_id,) = prod.resources("AWS::ApiGateway::RestApi")
    prod.assertions().has_resource_properties(
        "AWS::Lambda::Permission",
        {
            "Principal": "apigateway.amazonaws.com",
            "SourceArn": {
                "Fn::Join": [
                    "",
                    [
                        "arn:",
                        {"Ref": "AWS::Partition"},
                        ":execute-api:cn-north-1:",
                        {"Ref": "AWS::AccountId"},
                        ":",
                        {"Ref": api_id},
                        "/prod/*/*",
                    ],
                ]
            },
        },
    )


def test_sweep_runs_daily_at_0005_china_time(prod: Synth) -> None:
    (function_id,) = [
        k for k, r in prod.resources("AWS::Lambda::Function").items() if r is prod.function("-sweep-expired-positions")
    ]
    props = prod.function("-sweep-expired-positions")["Properties"]
    assert props["Handler"] == "app.sweep_expired_positions"
    prod.assertions().has_resource_properties(
        "AWS::Events::Rule",
        {
            "ScheduleExpression": "cron(5 16 * * ? *)",
            "State": "ENABLED",
            "Targets": [Match.object_like({"Arn": {"Fn::GetAtt": [function_id, "Arn"]}})],
        },
    )
    prod.assertions().has_resource_properties(
        "AWS::Lambda::Permission",
        {"Principal": "events.amazonaws.com", "FunctionName": {"Fn::GetAtt": [function_id, "Arn"]}},
    )
