"""In-memory stores with the DynamoDB stores' rules: the same conditions, refused with the same labels, and each
transaction's writes applied together or not at all. tests/adapters/test_store_contracts.py runs one set of
tests against these and against the moto-backed stores, so a fake cannot drift from the real store.

Items are copied in and out, as a database would: a use case that changes an object it read changes nothing
stored until it writes.
"""

from __future__ import annotations

from dataclasses import dataclass

from chalicelib.services.stores import Stores
from tests.services.fake_applications import FakeApplications, FakeAttachments, FakeAudit, FakePeople
from tests.services.fake_db import Database
from tests.services.fake_positions import FakeFavourites, FakeListings, FakePositions

__all__ = ["Database", "FakeApplications", "Fakes", "fakes"]


@dataclass
class Fakes:
    db: Database
    stores: Stores
    attachments: FakeAttachments


def fakes() -> Fakes:
    db = Database()
    attachments = FakeAttachments(db)
    stores = Stores(
        applications=FakeApplications(db),
        attachments=attachments,
        people=FakePeople(db),
        audit=FakeAudit(db),
        favourites=FakeFavourites(db),
        positions=FakePositions(db),
        listings=FakeListings(db),
    )
    return Fakes(db, stores, attachments)
