"""The stores the main use cases work on, as one bundle passed in: the DynamoDB stores by default, in-memory
fakes in the service tests (tests/services/fakes.py), which the adapter contract tests hold to the same rules.

Each protocol is what the use cases ask of a store, in domain values (a subject, a region, a status, a
month, an area); the stores own keys, indexes and scopes. A store refuses a write whose rule failed with
`ConditionFailed`, naming the items by the labels its module declares (e.g. `application_store.PERSON`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, Protocol

from msgspec import Struct

from chalicelib.adapters import (
    application_store,
    attachment_store,
    audit_store,
    favourite_store,
    listing_search,
    person_store,
    position_store,
)
from chalicelib.adapters.dynamo import RawKey
from chalicelib.adapters.listing_search import SearchPage
from chalicelib.adapters.message_store import Staged
from chalicelib.adapters.models import Application, Attachment, AuditEvent, Favourite, HistoryEntry, Person, Position
from chalicelib.domain.areas import Area
from chalicelib.domain.search_order import SortOrder

Page = tuple[list[Application], RawKey | None]


class ApplicationStore(Protocol):
    def get(self, application_id: str) -> Application | None: ...

    def snapshot(self, subject: str, attachment_ids: Sequence[str]) -> tuple[Person | None, dict[str, Attachment]]: ...

    def submit(
        self, application: Application, attachment_ids: Sequence[str], notice: Staged | None, *, at: datetime
    ) -> None: ...

    def move(
        self,
        application: Application,
        status: str,
        entry: HistoryEntry,
        *,
        release: bool,
        audit: AuditEvent | None = None,
        notice: Staged | None = None,
    ) -> None: ...

    def cases_of(
        self, subject: str, *, status: str | None, month: str | None, limit: int, start_key: RawKey | None
    ) -> Page: ...

    def queue(
        self,
        region: str,
        *,
        county: str | None,
        status: str | None,
        month: str | None,
        limit: int,
        start_key: RawKey | None,
    ) -> Page: ...


class AttachmentStore(Protocol):
    def batch_get(self, ids: Sequence[str]) -> dict[str, Attachment]: ...


class PersonStore(Protocol):
    def get(self, subject: str) -> Person | None: ...


class AuditStore(Protocol):
    def record(self, audit: AuditEvent) -> None: ...

    def logged(self, audit: AuditEvent) -> None: ...


class FavouriteStore(Protocol):
    def mine(self, subject: str) -> list[Favourite]: ...

    def get(self, subject: str, position_id: str) -> Favourite | None: ...

    def add(self, favourite: Favourite, locality: str) -> None: ...

    def remove(self, subject: str, position_id: str) -> None: ...


class PositionStore(Protocol):
    def get(self, position_id: str) -> Position | None: ...

    def batch_get(self, position_ids: Sequence[str]) -> dict[str, Position]: ...

    def create(self, position: Position, summary: dict[str, Any]) -> None: ...

    def replace(self, old: Position, new: Position, summary: dict[str, Any] | None) -> None: ...


class ListingSearch(Protocol):
    def page(
        self,
        area: Area,
        *,
        education: str | None,
        industry: str | None,
        keyword: str | None,
        order: SortOrder,
        today: date,
        limit: int,
        start_key: RawKey | None,
    ) -> SearchPage: ...


class Stores(Struct, frozen=True):
    applications: ApplicationStore
    attachments: AttachmentStore
    people: PersonStore
    audit: AuditStore
    favourites: FavouriteStore
    positions: PositionStore
    listings: ListingSearch


DYNAMODB = Stores(
    applications=application_store,
    attachments=attachment_store,
    people=person_store,
    audit=audit_store,
    favourites=favourite_store,
    positions=position_store,
    listings=listing_search,
)
