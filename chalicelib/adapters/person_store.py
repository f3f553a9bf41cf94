"""The per-person item: the live-application lock, the locality and the favourite count."""

from __future__ import annotations

from chalicelib.adapters.dynamo import found
from chalicelib.adapters.models import Person


def get(subject: str) -> Person | None:
    return found(Person, subject)
