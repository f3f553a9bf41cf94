"""消息中心 and SMS in the CDK app: the sender on the outbox's stream, the favourite-closed handler on the
positions' stream, the 08:00 schedule, each with only its tables; the SMS key readable by the sender alone."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from tests.infra.conftest import Synth


def _statements(synth: Synth, suffix: str) -> dict[str, dict[str, Any]]:
    role_id = synth.function(suffix)["Properties"]["Role"]["Fn::GetAtt"][0]
    (policy,) = synth.template["Resources"][role_id]["Properties"]["Policies"]
    return {s["Sid"]: s for s in policy["PolicyDocument"]["Statement"]}


def _sms_secret(synth: Synth) -> str:
    (secret_id,) = [
        k
        for k, r in synth.resources("AWS::SecretsManager::Secret").items()
        if r["Properties"]["Name"].endswith("/tencent-sms")
    ]
    return secret_id


def test_the_senders_alone_read_the_sms_key(prod: Synth) -> None:
    sender = _statements(prod, "-send-texts")
    assert "OutboxTable" in json.dumps(sender["Stream"]["Resource"])
    assert sender["Secrets"]["Resource"] == {"Ref": _sms_secret(prod)}
    assert sender["Secrets"]["Action"] == "secretsmanager:GetSecretValue"
    tables = json.dumps([s["Resource"] for sid, s in sender.items() if sid.startswith("Table")])
    assert "OutboxTable" in tables and "ApplicationsTable" not in tables and "MessagesTable" not in tables
    # The morning run sends the texts the quiet hours held back.
    assert _statements(prod, "-morning-notices")["Secrets"]["Resource"] == {"Ref": _sms_secret(prod)}
    # The hourly recovery sends the texts the stream did not finish.
    assert _statements(prod, "-recover-texts")["Secrets"]["Resource"] == {"Ref": _sms_secret(prod)}
    for suffix in ("-api", "-notify-favourite-closed", "-sweep-expired-positions"):
        assert "Secrets" not in _statements(prod, suffix), suffix


def test_the_favourite_closed_handler_reads_the_positions_stream(prod: Synth) -> None:
    handler = _statements(prod, "-notify-favourite-closed")
    assert "PositionsTable" in json.dumps(handler["Stream"]["Resource"])
    tables = json.dumps([s["Resource"] for sid, s in handler.items() if sid.startswith("Table")])
    assert all(f"{t}Table" in tables for t in ("Favourites", "People", "Applications", "Messages", "Outbox"))
    assert "ListingsTable" not in tables and "AttachmentsTable" not in tables


def test_each_stream_handler_has_its_dead_letter_alarm(prod: Synth) -> None:
    names = {r["Properties"]["AlarmName"] for r in prod.resources("AWS::CloudWatch::Alarm").values()}
    for handler in ("send-texts", "notify-favourite-closed"):
        assert f"shanxi-internship-prod-{handler}-has-dead-letters" in names


def test_the_morning_run_is_at_eight_china_time(prod: Synth) -> None:
    rules = [r["Properties"]["ScheduleExpression"] for r in prod.resources("AWS::Events::Rule").values()]
    assert "cron(0 0 * * ? *)" in rules


def test_the_outbox_streams_new_and_old_images(prod: Synth) -> None:
    (outbox,) = [
        r for r in prod.resources("AWS::DynamoDB::Table").values() if r["Properties"]["TableName"].endswith("-outbox")
    ]
    assert outbox["Properties"]["StreamSpecification"] == {"StreamViewType": "NEW_AND_OLD_IMAGES"}


def test_the_provider_is_switched_on_by_its_configuration(synthesize: Callable[..., Synth], prod: Synth) -> None:
    unset = prod.function("-send-texts")["Properties"]["Environment"]["Variables"]
    assert "SMS_GATEWAY" not in unset  # until configured, batches fail into the dead-letter queue
    configured = synthesize(
        "prod",
        "cn-north-1",
        config_file=_config_file(),
    ).function("-send-texts")["Properties"]["Environment"]["Variables"]
    assert configured["SMS_GATEWAY"] == "tencent"
    assert configured["TENCENT_SMS_SIGN_NAME"] == "山西人社"
    assert json.loads(configured["TENCENT_SMS_TEMPLATES"]) == {"application_approved": "2001"}


def _config_file() -> str:
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as out:
        json.dump(
            {
                "sms_sdk_app_id": "1400000001",
                "sms_sign_name": "山西人社",
                "sms_templates": {"application_approved": "2001"},
            },
            out,
            ensure_ascii=False,
        )
        return out.name
