"""Who is told what, when something happens: the messages (and texts) of each event.

Decisions, submissions and withdrawals: `for_*` build the message that their use case writes in its own
transaction (one added item, one added counter action). A position closing: a position may be favourited by
any number of people, more than one transaction can hold (100 items, three per person: the message, the
counter, the text), so the favourite-closed notices are fanned out by a handler of the positions table's
stream, which DynamoDB delivers at least once for every close, by staff or by the sweep. Each notice's id is
derived from the event, so a redelivered record writes nothing twice. The deadline reminders are a daily
schedule reading the sparse deadline index: a Query per day, never a Scan.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

from chalicelib.adapters import application_store, favourite_store, message_store, person_store, position_store
from chalicelib.adapters.message_store import Staged
from chalicelib.adapters.models import Application
from chalicelib.domain import notices
from chalicelib.domain.clock import CHINA, china_date
from chalicelib.domain.regions import shanxi
from chalicelib.observability import logger


def for_submission(application: Application, now: datetime) -> Staged:
    locality = shanxi().locality(application.locality)
    name = locality.full_name if locality else application.locality
    notice = notices.submitted(application.application_id, name)
    return Staged(message_store.new_message(application.applicant, notice, now))


def for_withdrawal(application: Application, now: datetime) -> Staged:
    notice = notices.withdrawn(application.application_id)
    return Staged(message_store.new_message(application.applicant, notice, now))


def for_decision(application: Application, status: str, comment: str | None, now: datetime) -> Staged:
    """The decision's message, and its text to the application's real-name phone."""
    application_id = application.application_id
    notice = (
        notices.approved(application_id, comment)
        if status == "approved"
        else notices.rejected(application_id, comment or "")
    )
    message = message_store.new_message(application.applicant, notice, now)
    text = notices.decision_text(notice.kind, application.phone, application.name)
    return Staged(message, message_store.new_outbox_entry(message, text, now))


# ----------------------------------------------------------------------------------------------- fan-out


def live_application(subject: str) -> Application | None:
    """The case whose real-name phone a text goes to; none when the person has no live application."""
    person = person_store.get(subject)
    if person is None or person.live_application_id is None:
        return None
    return application_store.get(person.live_application_id)


def _fan_out(position_id: str, at: datetime, event: str, notice: notices.Notice, text_of: Any | None = None) -> int:
    """One message per person who favourited the position; returns how many were written now."""
    written = 0
    for subject in favourite_store.subjects_of(position_id):
        message = message_store.new_message(subject, notice, at, seed=f"{event}#{position_id}#{subject}")
        outbox = None
        if text_of is not None:
            application = live_application(subject)
            if application is not None:
                outbox = message_store.new_outbox_entry(message, text_of(application), at)
        if message_store.deliver(Staged(message, outbox)):
            written += 1
    return written


def _plain(image: Mapping[str, Any], name: str) -> str | None:
    value = image.get(name) or {}
    return value.get("S")


def on_position_records(records: Iterable[Mapping[str, Any]]) -> int:
    """The positions stream: a position that went from open to closed tells everyone who favourited it."""
    written = 0
    for record in records:
        change = record.get("dynamodb") or {}
        old, new = change.get("OldImage") or {}, change.get("NewImage") or {}
        if record.get("eventName") != "MODIFY" or _plain(old, "status") != "open" or _plain(new, "status") != "closed":
            continue
        position_id = _plain(new, "position_id") or ""
        title, employer = _plain(new, "title") or "", _plain(new, "employer_name") or ""
        closed_at = datetime.fromisoformat(_plain(new, "updated_at") or "")
        notice = notices.favourite_closed(position_id, title, employer)
        written += _fan_out(
            position_id,
            closed_at,
            f"closed#{closed_at.isoformat()}",
            notice,
            lambda application, title=title: notices.closed_text(application.phone, application.name, title),
        )
    if written:
        logger.info("favourite-closed notices", extra={"written": written})
    return written


def deadline_reminders(now: datetime) -> int:
    """Tell those who favourited an open position that its deadline is in three days (once per position)."""
    today = china_date(now)
    deadline = (today + timedelta(days=notices.DEADLINE_NOTICE_DAYS)).isoformat()
    # The notice's time is the day's, not the run's: a rerun the same day derives the same ids.
    at = datetime(today.year, today.month, today.day, 8, tzinfo=CHINA)
    written = 0
    for position_id in position_store.open_ids_with_deadline(deadline):
        position = position_store.get(position_id)
        if position is None or position.status != "open":
            continue
        notice = notices.favourite_deadline(position_id, position.title, position.employer_name, deadline)
        written += _fan_out(position_id, at, f"deadline#{deadline}", notice)
    logger.info("deadline reminders", extra={"deadline": deadline, "written": written})
    return written


def morning(now: datetime) -> dict[str, int]:
    """The 08:00 run: reminders first (their texts would be deferred anyway), then the held-back texts."""
    from chalicelib.services.saved_searches import daily_digest
    from chalicelib.services.sms import send_deferred

    reminded = deadline_reminders(now)
    digests = daily_digest(now)
    texts = send_deferred(now)
    return {"reminders": reminded, "digests": digests, **{f"texts_{k}": v for k, v in texts.items()}}
