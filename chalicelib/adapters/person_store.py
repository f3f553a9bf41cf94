"""The per-person item: the live-application lock, the locality and the favourite count."""

from __future__ import annotations

from chalicelib.adapters.dynamo import connection
from chalicelib.adapters.models import Person


def get(subject: str) -> Person | None:
    connection()
    try:
        return Person.get(subject, consistent_read=True)
    except Person.DoesNotExist:
        return None
