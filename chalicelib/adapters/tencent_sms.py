"""Tencent Cloud SMS (短信, API 3.0 `SendSms`, version 2021-01-11), signed with TC3-HMAC-SHA256.

Tencent Cloud SMS is what many provincial government platforms use for notices; its signature (签名) and
templates (模板) are registered and reviewed in the console first (docs/deploy.md). The request is signed as its
documentation says ("Signature v3"): a canonical request of the POST, its content-type and host headers and
the payload's SHA-256; a string to sign with the timestamp and the credential scope; and a key derived by
HMAC-SHA256 chains from "TC3" + SecretKey over the date, the service and "tc3_request".
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import urllib.error
import urllib.request
from datetime import UTC, datetime
from typing import Any

from msgspec import Struct

from chalicelib.config import MissingSetting
from chalicelib.domain.notices import Text
from chalicelib.ports.sms import GatewayOutcomeUnknown, GatewayRejected, GatewayUnavailable

SERVICE = "sms"
ACTION = "SendSms"
STATUS_ACTION = "PullSmsSendStatusByPhoneNumber"
LOOKBACK_SECONDS = 600  # a lost answer is looked up within the same invocation, minutes after the send
VERSION = "2021-01-11"
ALGORITHM = "TC3-HMAC-SHA256"
CONTENT_TYPE = "application/json; charset=utf-8"
DEFAULT_ENDPOINT = "https://sms.tencentcloudapi.com"
TIMEOUT_SECONDS = 5
# Error codes that say "later": the platform's own faults and its rate limits. Everything else is final.
RETRYABLE_PREFIXES = ("InternalError", "RequestLimitExceeded", "LimitExceeded.PhoneNumberThirtySecondLimit")


def _hmac(key: bytes, message: str) -> bytes:
    return hmac.new(key, message.encode(), hashlib.sha256).digest()


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def canonical_request(host: str, payload: bytes) -> str:
    return "\n".join(
        ["POST", "/", "", f"content-type:{CONTENT_TYPE}\nhost:{host}\n", "content-type;host", _sha256(payload)]
    )


def string_to_sign(timestamp: int, service: str, request: str) -> str:
    day = datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d")
    return "\n".join([ALGORITHM, str(timestamp), f"{day}/{service}/tc3_request", _sha256(request.encode())])


def signature(secret_key: str, timestamp: int, service: str, to_sign: str) -> str:
    day = datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d")
    key = _hmac(_hmac(_hmac(("TC3" + secret_key).encode(), day), service), "tc3_request")
    return hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()


def authorization(secret_id: str, secret_key: str, *, host: str, service: str, payload: bytes, timestamp: int) -> str:
    day = datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d")
    signed = signature(
        secret_key, timestamp, service, string_to_sign(timestamp, service, canonical_request(host, payload))
    )
    credential = f"{secret_id}/{day}/{service}/tc3_request"
    return f"{ALGORITHM} Credential={credential}, SignedHeaders=content-type;host, Signature={signed}"


class TencentSms(Struct, frozen=True):
    secret_id: str
    secret_key: str
    sdk_app_id: str
    sign_name: str
    templates: dict[str, str]  # notice kind -> the registered template's id
    region: str = "ap-guangzhou"
    endpoint: str = DEFAULT_ENDPOINT
    timeout_seconds: float = TIMEOUT_SECONDS

    def request_body(self, text: Text, event_id: str) -> bytes:
        if text.kind not in self.templates:
            raise GatewayRejected(f"no template configured for {text.kind}")
        body = {
            "PhoneNumberSet": [f"+86{text.phone}"],
            "SmsSdkAppId": self.sdk_app_id,
            "SignName": self.sign_name,
            "TemplateId": self.templates[text.kind],
            "TemplateParamSet": list(text.params),
            "SessionContext": event_id,
        }
        return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()

    def send(self, text: Text, event_id: str, *, now: int | None = None) -> str:
        return _provider_id(self._call(ACTION, self.request_body(text, event_id), now))

    def find_sent(self, text: Text, event_id: str, *, now: int | None = None) -> str | None:
        """The serial of the text sent for `event_id` in the last LOOKBACK_SECONDS, from the number's delivery
        receipts (PullSmsSendStatusByPhoneNumber; SendSms gave each text its event id as SessionContext).
        A receipt comes when the carrier reports, so None means "no receipt yet", not "never sent"."""
        moment = now if now is not None else int(datetime.now(UTC).timestamp())
        body = {
            "BeginTime": moment - LOOKBACK_SECONDS,
            "EndTime": moment,
            "Offset": 0,
            "Limit": 100,
            "PhoneNumber": f"+86{text.phone}",
            "SmsSdkAppId": self.sdk_app_id,
        }
        payload = json.dumps(body, separators=(",", ":")).encode()
        try:
            result = self._call(STATUS_ACTION, payload, now)
        except GatewayRejected as error:
            raise GatewayUnavailable(f"status lookup refused: {error}") from error
        response = result.get("Response") or {}
        if response.get("Error"):
            raise GatewayUnavailable(f"status lookup: {response['Error'].get('Code', '')}")
        for status in response.get("PullSmsSendStatusSet") or []:
            if status.get("SessionContext") == event_id:
                return str(status.get("SerialNo") or event_id)
        return None

    def _call(self, action: str, payload: bytes, now: int | None) -> dict[str, Any]:
        """One signed API 3.0 call. A failure before the request was sent is GatewayUnavailable; a timeout or
        a connection lost while waiting for the answer is GatewayOutcomeUnknown (it may have been acted on)."""
        host = self.endpoint.split("://", 1)[-1].split("/", 1)[0]
        timestamp = now if now is not None else int(datetime.now(UTC).timestamp())
        headers = {
            "Authorization": authorization(
                self.secret_id, self.secret_key, host=host, service=SERVICE, payload=payload, timestamp=timestamp
            ),
            "Content-Type": CONTENT_TYPE,
            "Host": host,
            "X-TC-Action": action,
            "X-TC-Version": VERSION,
            "X-TC-Timestamp": str(timestamp),
            "X-TC-Region": self.region,
        }
        request = urllib.request.Request(self.endpoint, data=payload, headers=headers, method="POST")  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_seconds) as answer:  # noqa: S310 - configured https
                result: dict[str, Any] = json.loads(answer.read())
        except urllib.error.HTTPError as error:
            if error.code >= 500 or error.code == 429:
                raise GatewayUnavailable(f"HTTP {error.code}") from error
            raise GatewayRejected(f"HTTP {error.code}") from error
        except urllib.error.URLError as error:  # urllib wraps what fails while connecting and sending
            raise GatewayUnavailable(type(error.reason).__name__) from error
        except (TimeoutError, ConnectionError) as error:  # while waiting for or reading the answer
            raise GatewayOutcomeUnknown(type(error).__name__) from error
        except ValueError as error:
            raise GatewayOutcomeUnknown("unreadable answer") from error
        return result


def _judge(code: str, message: str) -> None:
    if code.startswith(RETRYABLE_PREFIXES):
        raise GatewayUnavailable(f"{code}: {message}")
    raise GatewayRejected(f"{code}: {message}")


def _provider_id(result: dict[str, Any]) -> str:
    """The serial number of the one text sent, or the error the answer carries, classified."""
    response = result.get("Response") or {}
    error = response.get("Error")
    if error:
        _judge(str(error.get("Code", "")), str(error.get("Message", "")))
    statuses = response.get("SendStatusSet") or []
    if not statuses:
        raise GatewayUnavailable("no send status in the answer")
    status = statuses[0]
    if status.get("Code") != "Ok":
        _judge(str(status.get("Code", "")), str(status.get("Message", "")))
    return str(status.get("SerialNo") or response.get("RequestId") or "")


def _required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise MissingSetting(name)
    return value


def from_environment() -> TencentSms:
    """Settings from the environment; the SecretId/SecretKey pair from Secrets Manager (a JSON secret)."""
    import boto3

    # Called once per container: gateway() is cached.
    secret = json.loads(
        boto3.client("secretsmanager").get_secret_value(SecretId=_required("TENCENT_SMS_SECRET_ARN"))["SecretString"]
    )
    return TencentSms(
        secret_id=secret["secret_id"],
        secret_key=secret["secret_key"],
        sdk_app_id=_required("TENCENT_SMS_SDK_APP_ID"),
        sign_name=_required("TENCENT_SMS_SIGN_NAME"),
        templates=json.loads(_required("TENCENT_SMS_TEMPLATES")),
        region=os.environ.get("TENCENT_SMS_REGION", "ap-guangzhou"),
        endpoint=os.environ.get("TENCENT_SMS_ENDPOINT", DEFAULT_ENDPOINT),
    )
