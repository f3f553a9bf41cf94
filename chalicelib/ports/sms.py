"""The SMS gateway as the sender sees it, and the two ways a send fails. Adapters implement it (the local sink,
Tencent Cloud); the sender (services/sms.py) retries the one and records the other."""

from __future__ import annotations

from typing import Protocol

from chalicelib.domain.notices import Text


class GatewayUnavailable(Exception):
    """Worth retrying: the provider answered 5xx, throttled us, or did not answer in time."""


class GatewayRejected(Exception):
    """Never worth retrying: the provider refused this text (a wrong number, a template it does not know)."""


class SmsGateway(Protocol):
    def send(self, text: Text, event_id: str) -> str:
        """Send one text; return the provider's id for it. Raises GatewayUnavailable or GatewayRejected."""
        ...
