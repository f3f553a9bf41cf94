"""The in-memory units store, with the real store's conditions (adapters/unit_store.py)."""

from __future__ import annotations

from chalicelib.adapters.models import Unit
from tests.services.fake_db import Database, copy_of


class FakeUnits:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, credit_code: str) -> Unit | None:
        return copy_of(self.db.units.get(credit_code))
