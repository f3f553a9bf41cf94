"""The scheduled runs that combine several use cases. Kept apart from each use case's module so that none of
them imports another to be run in the same morning (notifications and saved searches used to import each other)."""

from __future__ import annotations

from datetime import datetime

from chalicelib.ports import Ports
from chalicelib.services.notifications import deadline_reminders
from chalicelib.services.placement_agency import complete_due, remind_ending
from chalicelib.services.ratings import remind_overdue  # issue 23
from chalicelib.services.saved_searches import daily_digest
from chalicelib.services.sms import send_deferred


def morning(now: datetime, *, ports: Ports) -> dict[str, int]:
    """The 08:00 run: reminders first (their texts would be deferred anyway), the placements whose period ended
    yesterday or before (见习期满, issue 20), then the held-back texts."""
    reminded = deadline_reminders(now, ports=ports)
    digests = daily_digest(now, ports=ports)
    completed = complete_due(now, ports=ports)
    ending = remind_ending(now, ports=ports)  # the units of periods ending within a week
    texts = send_deferred(now, ports=ports)
    overdue = remind_overdue(now, ports=ports)  # issue 23: 差评 five working days without a follow-up
    return {
        "reminders": reminded,
        "digests": digests,
        "placements_completed": completed,
        "placements_ending": ending,
        **{f"texts_{k}": v for k, v in texts.items()},
        "overdue_ratings": overdue,
    }
