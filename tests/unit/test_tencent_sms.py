"""The Tencent Cloud SMS adapter: its signature against the provider's documented example, its HTTP exchange
against a local fake of the provider, and its reading of every kind of answer."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from chalicelib.adapters import tencent_sms
from chalicelib.adapters.tencent_sms import TencentSms
from chalicelib.domain.notices import decision_text
from chalicelib.ports.sms import GatewayOutcomeUnknown, GatewayRejected, GatewayUnavailable

# "Signature v3" of the Tencent Cloud API documentation: DescribeInstances of cvm, its published values.
DOC_SECRET_ID = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******"
DOC_SECRET_KEY = "Gu5t9xGARNpq86cd98joQYCN3*******"
DOC_TIMESTAMP = 1551113065
DOC_PAYLOAD = b'{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}'
DOC_CANONICAL = (
    "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n"
    "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064"
)
DOC_STRING_TO_SIGN = (
    "TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n"
    "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031"
)
DOC_SIGNATURE = "2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c"


def test_the_documented_example_signs_to_the_documented_signature() -> None:
    assert tencent_sms.canonical_request("cvm.tencentcloudapi.com", DOC_PAYLOAD) == DOC_CANONICAL
    assert tencent_sms.string_to_sign(DOC_TIMESTAMP, "cvm", DOC_CANONICAL) == DOC_STRING_TO_SIGN
    assert tencent_sms.signature(DOC_SECRET_KEY, DOC_TIMESTAMP, "cvm", DOC_STRING_TO_SIGN) == DOC_SIGNATURE
    assert tencent_sms.authorization(
        DOC_SECRET_ID,
        DOC_SECRET_KEY,
        host="cvm.tencentcloudapi.com",
        service="cvm",
        payload=DOC_PAYLOAD,
        timestamp=DOC_TIMESTAMP,
    ) == (
        f"TC3-HMAC-SHA256 Credential={DOC_SECRET_ID}/2019-02-25/cvm/tc3_request, "
        f"SignedHeaders=content-type;host, Signature={DOC_SIGNATURE}"
    )


@dataclass
class FakeProvider:
    """Answers each POST with the next scripted (status, body); records what it was sent."""

    answers: list[tuple[int, dict[str, Any]]]
    received: list[tuple[dict[str, str], bytes]] = field(default_factory=list)


def ok(serial: str = "2433:1") -> tuple[int, dict[str, Any]]:
    status = {"SerialNo": serial, "PhoneNumber": "+8613912345678", "Fee": 1, "Code": "Ok", "Message": "send success"}
    return 200, {"Response": {"SendStatusSet": [status], "RequestId": "r-1"}}


def error(code: str) -> tuple[int, dict[str, Any]]:
    return 200, {"Response": {"Error": {"Code": code, "Message": "x"}, "RequestId": "r-2"}}


def status(code: str) -> tuple[int, dict[str, Any]]:
    answer = {"Code": code, "Message": "x", "PhoneNumber": "+8613912345678", "SerialNo": ""}
    return 200, {"Response": {"SendStatusSet": [answer], "RequestId": "r-3"}}


@pytest.fixture
def provider() -> Iterator[tuple[FakeProvider, str]]:
    fake = FakeProvider([])

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            fake.received.append(({k.lower(): v for k, v in self.headers.items()}, body))
            code, answer = fake.answers.pop(0)
            raw = json.dumps(answer).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        def log_message(self, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield fake, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def adapter(endpoint: str, **changes: Any) -> TencentSms:
    settings: dict[str, Any] = {
        "secret_id": "AKIDtest",
        "secret_key": "secret-key",
        "sdk_app_id": "1400000001",
        "sign_name": "山西人社",
        "templates": {"application_approved": "2001", "application_rejected": "2002"},
        "endpoint": endpoint,
        **changes,
    }
    return TencentSms(**settings)


TEXT = decision_text("application_approved", "13912345678", "王晓雨")


def test_a_text_is_sent_signed_with_the_template_and_the_masked_name(provider: tuple[FakeProvider, str]) -> None:
    fake, endpoint = provider
    fake.answers.append(ok("2433:99"))
    assert adapter(endpoint).send(TEXT, "event-1", now=DOC_TIMESTAMP) == "2433:99"
    [(headers, body)] = fake.received
    sent = json.loads(body)
    assert sent == {
        "PhoneNumberSet": ["+8613912345678"],
        "SmsSdkAppId": "1400000001",
        "SignName": "山西人社",
        "TemplateId": "2001",
        "TemplateParamSet": ["王*雨", "审核通过"],
        "SessionContext": "event-1",
    }
    assert headers["x-tc-action"] == "SendSms" and headers["x-tc-version"] == "2021-01-11"
    assert headers["x-tc-timestamp"] == str(DOC_TIMESTAMP) and headers["x-tc-region"] == "ap-guangzhou"
    host = endpoint.removeprefix("http://")
    assert headers["authorization"] == tencent_sms.authorization(
        "AKIDtest", "secret-key", host=host, service="sms", payload=body, timestamp=DOC_TIMESTAMP
    )


@pytest.mark.parametrize(
    ("answer", "raised"),
    [
        ((502, {"message": "bad gateway"}), GatewayUnavailable),
        ((429, {}), GatewayUnavailable),
        (error("InternalError.Timeout"), GatewayUnavailable),
        (error("RequestLimitExceeded"), GatewayUnavailable),
        (status("LimitExceeded.PhoneNumberThirtySecondLimit"), GatewayUnavailable),
        (error("AuthFailure.SignatureFailure"), GatewayRejected),
        (status("InvalidParameterValue.IncorrectPhoneNumber"), GatewayRejected),
        ((400, {}), GatewayRejected),
    ],
)
def test_each_answer_is_read_as_retry_later_or_never(
    provider: tuple[FakeProvider, str], answer: tuple[int, dict[str, Any]], raised: type[Exception]
) -> None:
    fake, endpoint = provider
    fake.answers.append(answer)
    with pytest.raises(raised):
        adapter(endpoint).send(TEXT, "event-1")


def test_a_provider_that_took_the_request_and_does_not_answer_in_time_is_an_unknown_outcome() -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)  # accepts the connection, never answers
    try:
        with pytest.raises(GatewayOutcomeUnknown):
            adapter(f"http://127.0.0.1:{listener.getsockname()[1]}", timeout_seconds=0.5).send(TEXT, "event-1")
    finally:
        listener.close()


def test_a_provider_that_cannot_be_reached_is_retry_later_not_unknown() -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    listener.close()  # nothing listens: the request never left
    with pytest.raises(GatewayUnavailable) as raised:
        adapter(f"http://127.0.0.1:{port}", timeout_seconds=0.5).send(TEXT, "event-1")
    assert not isinstance(raised.value, GatewayOutcomeUnknown)


def test_a_lost_answer_is_looked_up_in_the_numbers_delivery_receipts(provider: tuple[FakeProvider, str]) -> None:
    fake, endpoint = provider
    receipt = {"SessionContext": "event-1", "SerialNo": "5000:104571", "ReportStatus": "SUCCESS"}
    other = {"SessionContext": "event-0", "SerialNo": "5000:1"}
    fake.answers += [(200, {"Response": {"PullSmsSendStatusSet": [other, receipt]}})]
    fake.answers += [(200, {"Response": {"PullSmsSendStatusSet": [other]}})]

    assert adapter(endpoint).find_sent(TEXT, "event-1", now=DOC_TIMESTAMP) == "5000:104571"
    assert adapter(endpoint).find_sent(TEXT, "event-1", now=DOC_TIMESTAMP) is None
    headers, body = fake.received[0]
    assert headers["x-tc-action"] == "PullSmsSendStatusByPhoneNumber"
    asked = json.loads(body)
    assert asked["PhoneNumber"] == f"+86{TEXT.phone}" and asked["EndTime"] == DOC_TIMESTAMP
    assert asked["BeginTime"] == DOC_TIMESTAMP - tencent_sms.LOOKBACK_SECONDS


def test_a_kind_without_a_template_is_refused_without_a_call() -> None:
    with pytest.raises(GatewayRejected):
        adapter("http://127.0.0.1:9").send(decision_text("favourite_closed", "13912345678", "王晓雨"), "e")


def test_the_cloud_gateway_takes_its_secret_from_secrets_manager(aws: None, monkeypatch: pytest.MonkeyPatch) -> None:
    import boto3

    from chalicelib.adapters import sms_gateway

    arn = boto3.client("secretsmanager").create_secret(
        Name="internship/sms", SecretString=json.dumps({"secret_id": "AKIDreal", "secret_key": "k"})
    )["ARN"]
    for name, value in {
        "SMS_GATEWAY": "tencent",
        "TENCENT_SMS_SECRET_ARN": arn,
        "TENCENT_SMS_SDK_APP_ID": "1400000001",
        "TENCENT_SMS_SIGN_NAME": "山西人社",
        "TENCENT_SMS_TEMPLATES": json.dumps({"application_approved": "2001"}),
    }.items():
        monkeypatch.setenv(name, value)
    sms_gateway.gateway.cache_clear()
    try:
        built = sms_gateway.gateway()
    finally:
        sms_gateway.gateway.cache_clear()
    assert isinstance(built, TencentSms)
    assert (built.secret_id, built.secret_key, built.templates) == ("AKIDreal", "k", {"application_approved": "2001"})
