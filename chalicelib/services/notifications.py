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

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from chalicelib.domain import notices
from chalicelib.domain.clock import china_date, morning_of
from chalicelib.domain.records import ApplicationRecord
from chalicelib.domain.regions import shanxi
from chalicelib.observability import logger
from chalicelib.ports import Ports
from chalicelib.ports.stores import Staged


def for_submission(application: ApplicationRecord, now: datetime, *, ports: Ports) -> Staged:
    locality = shanxi().locality(application.locality)
    name = locality.full_name if locality else application.locality
    notice = notices.submitted(application.application_id, name)
    return Staged(ports.messages.new_message(application.applicant, notice, now))


def for_withdrawal(application: ApplicationRecord, now: datetime, *, ports: Ports) -> Staged:
    notice = notices.withdrawn(application.application_id)
    return Staged(ports.messages.new_message(application.applicant, notice, now))


def for_decision(
    application: ApplicationRecord, status: str, comment: str | None, now: datetime, *, ports: Ports
) -> Staged:
    """The decision's message, and its text to the application's real-name phone."""
    application_id = application.application_id
    notice = (
        notices.approved(application_id, comment)
        if status == "approved"
        else notices.rejected(application_id, comment or "")
    )
    message = ports.messages.new_message(application.applicant, notice, now)
    text = notices.decision_text(notice.kind, application.phone, application.name)
    return Staged(message, ports.messages.new_outbox_entry(message, text, now))


# ----------------------------------------------------------------------------------------------- fan-out


def live_application(subject: str, *, ports: Ports) -> ApplicationRecord | None:
    """The case whose real-name phone a text goes to; none when the person has no live application."""
    person = ports.people.get(subject)
    if person is None or person.live_application_id is None:
        return None
    return ports.applications.get(person.live_application_id)


def _fan_out(
    position_id: str,
    at: datetime,
    event: str,
    notice: notices.Notice,
    *,
    ports: Ports,
    text_of: Callable[[ApplicationRecord], notices.Text] | None = None,
) -> int:
    """One message per person who favourited the position; returns how many were written now."""
    written = 0
    for subject in ports.favourites.subjects_of(position_id):
        message = ports.messages.new_message(subject, notice, at, seed=f"{event}#{position_id}#{subject}")
        outbox = None
        if text_of is not None:
            application = live_application(subject, ports=ports)
            if application is not None:
                outbox = ports.messages.new_outbox_entry(message, text_of(application), at)
        if ports.messages.deliver(Staged(message, outbox)):
            written += 1
    return written


def _plain(image: Mapping[str, Any], name: str) -> str | None:
    value = image.get(name) or {}
    return value.get("S")


def _closed_text(application: ApplicationRecord, title: str) -> notices.Text:
    return notices.closed_text(application.phone, application.name, title)


def on_position_records(records: Iterable[Mapping[str, Any]], *, ports: Ports) -> int:
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
            ports=ports,
            text_of=partial(_closed_text, title=title),
        )
    if written:
        logger.info("favourite-closed notices", extra={"written": written})
    return written


def deadline_reminders(now: datetime, *, ports: Ports) -> int:
    """Tell those who favourited an open position that its deadline is in three days (once per position)."""
    today = china_date(now)
    deadline = (today + timedelta(days=notices.DEADLINE_NOTICE_DAYS)).isoformat()
    # The notice's time is the day's, not the run's: a rerun the same day derives the same ids.
    at = morning_of(today)
    written = 0
    for position_id in ports.positions.open_ids_with_deadline(deadline):
        position = ports.positions.get(position_id)
        if position is None or position.status != "open":
            continue
        notice = notices.favourite_deadline(position_id, position.title, position.employer_name, deadline)
        written += _fan_out(position_id, at, f"deadline#{deadline}", notice, ports=ports)
    logger.info("deadline reminders", extra={"deadline": deadline, "written": written})
    return written
