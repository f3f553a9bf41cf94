"""No text lost: every hour, each outbox entry the stream did not finish is sent, or given up with a reason.

The stream gives a text one chance: a batch that keeps failing (the gateway down, SMS not configured yet) ends in
the dead-letter queue, and after 24 hours its records leave the stream. The entries stay, in the outbox's
`open_by_day` index until settled, so this run finds them by Query whatever their age: a `failed` one, a
`deferred` one whose morning run did not happen, a new one the stream never finished, a `claimed` one whose
sender died (its lease has run out). Each is sent through the same exactly-once path as the stream
(services/sms.send_one: the conditional claim); one written in the last minutes is left to the stream. A text
older than GIVE_UP_AFTER is given up, with the reason, rather than sent days late.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timedelta

from chalicelib.adapters import open_texts
from chalicelib.adapters.models import OutboxEntry
from chalicelib.adapters.sms_gateway import SmsGateway, gateway
from chalicelib.config import MissingSetting
from chalicelib.domain.clock import china_date
from chalicelib.observability import logger
from chalicelib.services.sms import send_one

# The outbox keeps an entry 30 days (message_store.OUTBOX_RETENTION): the index is read that far back.
LOOKBACK_DAYS = 30
# The stream's own retries finish within minutes; younger entries are still its to send.
GRACE = timedelta(minutes=10)
# A notice two days late still helps (a decision, a closed favourite); a week late it misleads.
GIVE_UP_AFTER = timedelta(days=2)
SETTLED_OUTCOMES = ("sent", "duplicate", "capped", "rejected")


def recover(
    now: datetime, *, sender: SmsGateway | None = None, sleep: Callable[[float], None] = time.sleep
) -> dict[str, int]:
    """One pass over the open texts; what happened to each, counted by outcome."""
    outcomes: dict[str, int] = {}
    today = china_date(now)
    try:
        chosen = sender or gateway()
        missing = ""
    except MissingSetting as error:
        chosen, missing = None, f"SMS not configured ({error})"
    for back in range(LOOKBACK_DAYS, -1, -1):
        for entry in open_texts.on_day((today - timedelta(days=back)).isoformat()):
            outcome = _recover_one(entry, now, chosen, missing, sleep)
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
    if outcomes:
        logger.info("open texts recovered", extra={"outcomes": outcomes})
    return outcomes


def _recover_one(
    entry: OutboxEntry, now: datetime, sender: SmsGateway | None, missing: str, sleep: Callable[[float], None]
) -> str:
    if entry.state in open_texts.SETTLED_STATES:
        open_texts.settle(entry.event_id)
        return "settled"
    written = datetime.fromisoformat(entry.created_at) if entry.created_at else now
    if now - written > GIVE_UP_AFTER:
        reason = f"not sent within {GIVE_UP_AFTER.days} days (last state: {entry.state or 'new'})"
        if missing:
            reason += f"; {missing}"
        return "given_up" if open_texts.give_up(entry.event_id, reason, now) else "busy"
    if now - written < GRACE:
        return "young"
    if entry.state == "claimed" and (entry.lease_until or 0) >= now.timestamp():
        return "busy"
    if entry.state == "deferred" and (entry.deferred_day or "") > china_date(now).isoformat():
        return "waiting"
    if sender is None:
        return "unconfigured"
    outcome = send_one(entry.event_id, now, sender, sleep)
    if outcome in SETTLED_OUTCOMES:
        open_texts.settle(entry.event_id)
    return outcome
