"""The SMS gateway as the sender sees it, and the two ways a send fails. Adapters implement it (the local sink,
Tencent Cloud); the sender (services/sms.py) retries the one and records the other."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from chalicelib.domain.notices import Text


class GatewayUnavailable(Exception):
    """Worth retrying: the provider answered 5xx, throttled us, or did not answer in time."""


class GatewayOutcomeUnknown(GatewayUnavailable):
    """The request reached the provider and its answer was lost (a read timeout, a connection closed after
    sending): the text may be on its way. Never resent blindly (services/sms.py asks the provider)."""


class GatewayRejected(Exception):
    """Never worth retrying: the provider refused this text (a wrong number, a template it does not know)."""


class SmsGateway(Protocol):
    def send(self, text: Text, event_id: str) -> str:
        """Send one text; return the provider's id for it. Raises GatewayUnavailable or GatewayRejected."""
        ...


@runtime_checkable
class SentLookup(Protocol):
    def find_sent(self, text: Text, event_id: str) -> str | None:
        """The provider's id of the text sent for `event_id`, or None if the provider knows of none (yet).
        Raises GatewayUnavailable if it cannot tell."""
        ...
