"""In-memory ports with the real stores' rules: the same conditions, refused with the same labels, and each
transaction's writes applied together or not at all. tests/adapters runs one set of contract tests against these
and against the moto-backed stores, so a fake cannot drift from the real store. Records are the real stores'
own (their constructors are pure), so a fake cannot carry a field the real record lacks.

Items are copied in and out, as a database would: a use case that changes an object it read changes nothing
stored until it writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from chalicelib.ports import Ports
from tests.services.fake_applications import FakeApplications, FakeAttachments, FakeAudit, FakePeople
from tests.services.fake_db import Database
from tests.services.fake_messages import (
    FakeFiles,
    FakeGateway,
    FakeMessages,
    FakeOpenTexts,
    FakeOutbox,
    FakeSavedSearches,
)
from tests.services.fake_placements import FakePlacements
from tests.services.fake_positions import FakeCounts, FakeFavourites, FakeKeywords, FakeListings, FakePositions
from tests.services.fake_subsidies import FakeExportFiles, FakeSubsidies
from tests.services.fake_units import FakeUnits

__all__ = ["Clock", "Database", "FakeApplications", "Fakes", "fakes"]


@dataclass
class Clock:
    """The time the stream handlers and jobs read through the ports; a test moves it."""

    now: datetime = field(default_factory=lambda: datetime(2026, 11, 26, 2, 0, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Fakes:
    db: Database
    ports: Ports
    attachments: FakeAttachments
    files: FakeFiles
    sms: FakeGateway
    clock: Clock


def fakes() -> Fakes:
    db, clock, sms = Database(), Clock(), FakeGateway()
    attachments, files = FakeAttachments(db), FakeFiles(db, clock)
    ports = Ports(
        applications=FakeApplications(db),
        attachments=attachments,
        files=files,
        people=FakePeople(db),
        audit=FakeAudit(db),
        favourites=FakeFavourites(db),
        positions=FakePositions(db),
        listings=FakeListings(db),
        counts=FakeCounts(db),
        keywords=FakeKeywords(),
        messages=FakeMessages(db),
        outbox=FakeOutbox(db),
        saved_searches=FakeSavedSearches(db),
        units=FakeUnits(db),
        open_texts=FakeOpenTexts(db),
        placements=FakePlacements(db),
        subsidies=FakeSubsidies(db),
        export_files=FakeExportFiles(db),
        sms=sms,
        sms_missing=lambda: "",
        clock=clock,
    )
    return Fakes(db, ports, attachments, files, sms, clock)
