"""The SMS sender: reads the outbox's stream, sends each text once, within the quiet hours and the daily cap.

Exactly once per event: the claim in outbox_store is a conditional marker keyed by the event id, so a
redelivered record (a retried batch, a bisected one) finds the text taken and sends nothing. A gateway that
fails before it took the text (5xx, no connection, throttling) is retried here with exponential backoff and
jitter; if it still fails the claim is released and the record's batch fails, so the stream retries it and
finally parks it in the handler's dead-letter queue, whose alarm tells the operators (infra). The entry stays
`failed`, never lost: a redrive of the record claims it again. A send whose answer was lost is not retried
(_settle_unknown). A record whose entry another invocation holds (or held when it died:
a Lambda timeout) fails its batch too, so the stream retries it after the claim's lease has run out.
A text between 21:00 and 08:00 China time that is not urgent is deferred to 08:00, into a sparse index the
morning run Queries.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from chalicelib.domain.clock import china_date
from chalicelib.domain.masks import mask_phone
from chalicelib.domain.notices import Text, in_quiet_hours, quiet_hours_end
from chalicelib.observability import logger
from chalicelib.ports import Ports
from chalicelib.ports.sms import GatewayOutcomeUnknown, GatewayRejected, GatewayUnavailable, SentLookup, SmsGateway
from chalicelib.ports.stores import FINAL_STATES, Claim

if TYPE_CHECKING:
    from chalicelib.domain.records import OutboxRecord

ATTEMPTS = 4
BACKOFF_BASE_SECONDS = 0.5


class TextsNotSent(Exception):
    """Some texts of a batch could not be sent: failing the batch makes the stream retry, then dead-letter it."""

    def __init__(self, event_ids: list[str]) -> None:
        super().__init__(f"texts not sent: {event_ids}")
        self.event_ids = event_ids


def backoff(attempt: int) -> float:
    return float(BACKOFF_BASE_SECONDS * 2**attempt * random.uniform(0.5, 1.0))  # noqa: S311 - jitter, not security


def send_one(
    event_id: str, now: datetime, sender: SmsGateway, sleep: Callable[[float], None] = time.sleep, *, ports: Ports
) -> str:
    """Send the outbox entry's text at most once; returns what happened (sent, duplicate, deferred, ...)."""
    outbox_store = ports.outbox
    entry = outbox_store.get(event_id)
    if entry is None or entry.kind == "cap" or not entry.phone:
        return "missing"
    if entry.state in FINAL_STATES:
        return "duplicate"
    if not entry.urgent and in_quiet_hours(now):
        outbox_store.defer(entry, quiet_hours_end(now))
        return "deferred"
    claim = outbox_store.claim(entry, now)
    if claim is Claim.DONE:
        return "duplicate"
    if claim is Claim.BUSY:
        return "busy"  # another invocation is sending it, or died doing so: retried once its lease ends
    if claim is Claim.CAPPED:
        logger.info("daily text cap reached", extra={"event_id": event_id})
        return "capped"
    text = Text(entry.kind, entry.phone, tuple(entry.params or ()))
    for attempt in range(ATTEMPTS):
        try:
            provider_id = sender.send(text, event_id)
        except GatewayRejected as error:
            logger.warning(
                "text refused", extra={"event_id": event_id, "phone": mask_phone(text.phone), "reason": str(error)}
            )
            outbox_store.finish(entry, "rejected")
            return "rejected"
        except GatewayOutcomeUnknown as error:
            return _settle_unknown(entry, text, sender, str(error), ports=ports)
        except GatewayUnavailable as error:
            logger.warning(
                "gateway unavailable", extra={"event_id": event_id, "attempt": attempt + 1, "reason": str(error)}
            )
            if attempt == ATTEMPTS - 1:
                outbox_store.release(entry, now)
                return "failed"
            sleep(backoff(attempt))
            continue
        outbox_store.finish(entry, "sent", provider_id)
        logger.info("text sent", extra={"event_id": event_id, "kind": text.kind})
        return "sent"
    return "failed"  # pragma: no cover - the loop always returns


def _settle_unknown(entry: OutboxRecord, text: Text, sender: SmsGateway, reason: str, *, ports: Ports) -> str:
    """The provider may have the text. Sending again could give the person the same notice twice and cost
    two of their five texts a day; not sending could leave them without the text, but the same notice is in
    their 消息中心 already. So the provider is asked (its send records, by the event id it was given), and if it
    cannot say, the text is given up with the reason, for the operators to see, never resent blindly."""
    event_id, outbox_store = entry.event_id, ports.outbox
    try:
        provider_id = sender.find_sent(text, event_id) if isinstance(sender, SentLookup) else None
    except GatewayUnavailable as error:
        reason = f"{reason}; status lookup failed: {error}"
        provider_id = None
    if provider_id is not None:
        outbox_store.finish(entry, "sent", provider_id)
        logger.info("text sent, its answer lost", extra={"event_id": event_id, "kind": text.kind})
        return "sent"
    outbox_store.give_up_unknown(entry, f"outcome unknown: {reason}")
    logger.warning("text outcome unknown, given up", extra={"event_id": event_id, "reason": reason})
    return "unknown"


def on_outbox_records(
    records: Iterable[Mapping[str, Any]],
    *,
    ports: Ports,
    sender: SmsGateway | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> dict[str, int]:
    """The outbox stream's handler: every new entry is sent (or deferred); others (state changes) are ignored."""
    outcomes: dict[str, int] = {}
    failed: list[str] = []
    for record in records:
        if record.get("eventName") != "INSERT":
            continue
        event_id = ((record.get("dynamodb") or {}).get("Keys") or {}).get("event_id", {}).get("S", "")
        if not event_id or event_id.startswith("cap#"):
            continue
        outcome = send_one(event_id, ports.clock(), sender or ports.sms, sleep, ports=ports)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
        if outcome in ("failed", "busy"):
            failed.append(event_id)
    if failed:
        raise TextsNotSent(failed)
    return outcomes


def send_deferred(
    now: datetime,
    *,
    ports: Ports,
    sender: SmsGateway | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> dict[str, int]:
    """08:00 China time: the texts the quiet hours held back, read by one Query per day. Yesterday's too, so a
    morning run that failed (EventBridge retries it, then gives up) leaves nothing behind for the next one."""
    outcomes: dict[str, int] = {}
    today = china_date(now)
    for day in (today - timedelta(days=1), today):
        for event_id in ports.outbox.deferred_ids(day.isoformat()):
            outcome = send_one(event_id, now, sender or ports.sms, sleep, ports=ports)
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return outcomes
