"""A stream handler declared in the app is deployed as Lambda runs it: its table's stream, a mapping that retries,
bisects and parks what still fails in an encrypted dead-letter queue, alarms on that queue and on lag, and a role
that may read that one stream and its own tables only."""

from __future__ import annotations

import json
from typing import Any

import pytest
from aws_cdk import App
from chalice.app import Chalice

from chalicelib.streams import stream_arn

HANDLER = "index_positions_example"


@pytest.fixture(scope="module")
def template() -> dict[str, Any]:
    from chalicelib.adapters.models import Position
    from infra import access, settings
    from infra.__main__ import BUNDLING_STACKS
    from infra.stack import InternshipStack

    app = Chalice(app_name="shanxi-internship")

    @app.on_dynamodb_record(stream_arn=stream_arn("positions"), name=HANDLER, starting_position="TRIM_HORIZON")
    def index_positions_example(event: object) -> None:
        return None

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Position.Meta, "stream_view_type", "NEW_AND_OLD_IMAGES", raising=False)
        patch.setitem(access.ACCESS, HANDLER, access.Access(tables={"listings": access.ITEMS}))
        cdk = App(context={"stage": "prod", "region": "cn-north-1", BUNDLING_STACKS: []})
        stack = InternshipStack(cdk, settings.load("prod", {"region": "cn-north-1"}), app)
        artifact = cdk.synth().get_stack_artifact(stack.artifact_id)
        template: dict[str, Any] = artifact.template
        return template


def _resources(template: dict[str, Any], kind: str) -> dict[str, dict[str, Any]]:
    return {k: r for k, r in template["Resources"].items() if r["Type"] == kind}


def test_the_table_streams_both_images(template: dict[str, Any]) -> None:
    (positions,) = [
        r
        for r in _resources(template, "AWS::DynamoDB::Table").values()
        if r["Properties"]["TableName"].endswith("-positions")
    ]
    assert positions["Properties"]["StreamSpecification"] == {"StreamViewType": "NEW_AND_OLD_IMAGES"}


def test_the_mapping_retries_bisects_and_parks_failures(template: dict[str, Any]) -> None:
    (mapping,) = _resources(template, "AWS::Lambda::EventSourceMapping").values()
    props = mapping["Properties"]
    assert props["StartingPosition"] == "TRIM_HORIZON"
    assert props["MaximumRetryAttempts"] == 3 and props["BisectBatchOnFunctionError"] is True
    assert props["MaximumRecordAgeInSeconds"] == 86_400
    (queue_id,) = [k for k in _resources(template, "AWS::SQS::Queue") if "DeadLetters" in k]
    assert queue_id in json.dumps(props["DestinationConfig"]["OnFailure"])
    queue = template["Resources"][queue_id]["Properties"]
    assert "KmsMasterKeyId" in queue and queue["MessageRetentionPeriod"] == 14 * 86_400


def test_dead_letters_and_lag_page_the_on_call(template: dict[str, Any]) -> None:
    alarms = {
        r["Properties"]["AlarmName"]: r["Properties"] for r in _resources(template, "AWS::CloudWatch::Alarm").values()
    }
    slug = HANDLER.replace("_", "-")
    assert (
        alarms[f"shanxi-internship-prod-{slug}-has-dead-letters"]["MetricName"] == "ApproximateNumberOfMessagesVisible"
    )
    assert alarms[f"shanxi-internship-prod-{slug}-iterator-age"]["Threshold"] == 60_000
    assert f"shanxi-internship-prod-{slug}-function-errors" in alarms


def test_the_role_reads_one_stream_and_its_own_tables(template: dict[str, Any]) -> None:
    (function,) = [
        r
        for r in _resources(template, "AWS::Lambda::Function").values()
        if r["Properties"]["FunctionName"].endswith(HANDLER.replace("_", "-"))
    ]
    role_id = function["Properties"]["Role"]["Fn::GetAtt"][0]
    (policy,) = template["Resources"][role_id]["Properties"]["Policies"]
    statements = {s["Sid"]: s for s in policy["PolicyDocument"]["Statement"]}
    assert json.dumps(statements["Stream"]["Resource"]).count("StreamArn") == 1
    assert "PositionsTable" in json.dumps(statements["Stream"]["Resource"])
    tables = json.dumps([s["Resource"] for sid, s in statements.items() if sid.startswith("Table")])
    assert "ListingsTable" in tables and "PositionsTable" not in tables
    assert "sqs:SendMessage" in statements["DeadLetters"]["Action"]
