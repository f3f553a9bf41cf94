"""What the unit use cases (services/units*.py) ask of the units store, in domain values: a credit code, a region,
a status, a month. The store owns the keys and the conditions that hold a unit's rules (one live recognition,
the quota, one decision per application)."""

from __future__ import annotations

from typing import Protocol

from chalicelib.domain.records import UnitRecord


class UnitStore(Protocol):
    def get(self, credit_code: str) -> UnitRecord | None:
        """The unit's item, read consistently (its quota and status decide what the next write may do)."""
        ...
