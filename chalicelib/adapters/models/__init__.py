"""PynamoDB models: one table per entity, keys and indexes chosen from the access patterns.

Access pattern                                   -> read
-----------------------------------------------------------------------------------------------------------
position detail, staff edit                        GetItem positions[position_id]
public / trainee search (region, edu, industry)    Query listings[scope] newest first (adapters/search_layout)
positions whose deadline passed (daily sweep)      Query positions.open_by_deadline[deadline]
my cases (by month, newest first)                  Query applications.by_applicant[subject], begins_with(rank, month)
review queue by county / city / province,          Query applications.queue_<level>[_status][key],
  optionally by status and month                     begins_with(rank, month)
application detail                                 GetItem applications[application_id]
one live application, trainee status, locality     GetItem people[subject]
my favourites                                      Query favourites[subject] + BatchGet positions
who favourited a position (closing notices)        Query favourites.by_position[position_id]
my messages, newest first / unread only            Query messages[subject] / messages.unread[subject]
texts deferred by the quiet hours                  Query outbox.deferred[china day]
my saved searches / every one (morning digest)     Query saved_searches[subject] / saved_searches.by_shard[shard]
attachment                                         GetItem attachments[attachment_id]
a placement's 考勤 and claimed lines               Query subsidies[P#placement]
claim, its objections                              GetItem / Query subsidies[C#claim]
a unit's claims; a region's claims (status, month) Query subsidies.claims_of_<unit|county|city|province>
public 公示 notices of a city (a county filtered)   Query subsidies.notices[city]
a unit (status, quota), its 办件 history            GetItem units[credit_code] / Query recognitions.by_unit[credit_code]
unit review queue by county / city / province,     Query recognitions.queue_<level>[_status][key],
  optionally by status and month                     begins_with(rank, month)
placement; mine / a unit's / a region's, newest    GetItem placements[id]; Query placements.by_trainee[subject] /
  first (issue 20)                                   by_unit[credit_code] / by_county|by_city|by_province[code]
placements in progress past their end (nightly)    Query placements.in_progress_by_end["in_progress"], end_date <

One module per table (or per group of tables that share their keys); this package names them all. Table names
are bound from Settings on first use (`bind_tables`), never read at import.
"""

from __future__ import annotations

from pynamodb.models import Model

from chalicelib.adapters.models.applications import (
    Application,
    ByApplicant,
    HistoryEntry,
    QueueCity,
    QueueCityStatus,
    QueueCounty,
    QueueCountyStatus,
    QueueProvince,
    QueueProvinceStatus,
    history_entry,
)
from chalicelib.adapters.models.messages import (
    DeferredTexts,
    Message,
    OutboxEntry,
    SavedSearch,
    SavedSearchesByShard,
    UnreadMessages,
)
from chalicelib.adapters.models.people import Attachment, AuditEvent, Favourite, FavouritesOfPosition, Person
from chalicelib.adapters.models.placements import Placement, PlacementCounter
from chalicelib.adapters.models.positions import OpenByDeadline, Position
from chalicelib.adapters.models.search import IndexMarker, Listing, Posting, RegionCount, TermCount
from chalicelib.adapters.models.subsidies import SubsidyItem
from chalicelib.adapters.models.units import Recognition, Unit
from chalicelib.config import Tables

__all__ = [
    "IDEMPOTENCY_KEY",
    "IDEMPOTENCY_TTL_ATTRIBUTE",
    "MODELS_BY_TABLE",
    "SHARED_TABLE_MODELS",
    "Application",
    "Attachment",
    "AuditEvent",
    "ByApplicant",
    "DeferredTexts",
    "Favourite",
    "FavouritesOfPosition",
    "HistoryEntry",
    "IndexMarker",
    "Listing",
    "Message",
    "OpenByDeadline",
    "OutboxEntry",
    "Person",
    "Placement",
    "PlacementCounter",
    "Position",
    "Posting",
    "QueueCity",
    "QueueCityStatus",
    "QueueCounty",
    "QueueCountyStatus",
    "QueueProvince",
    "QueueProvinceStatus",
    "Recognition",
    "RegionCount",
    "SavedSearch",
    "SavedSearchesByShard",
    "SubsidyItem",
    "TermCount",
    "Unit",
    "UnreadMessages",
    "bind_tables",
    "history_entry",
]


# Idempotency records are written by Powertools' DynamoDB persistence layer; its table has key `id` and
# TTL attribute `expiration`. It is listed here so the infra and the local stack create it from one place.
IDEMPOTENCY_KEY = "id"
IDEMPOTENCY_TTL_ATTRIBUTE = "expiration"

MODELS_BY_TABLE: dict[str, type[Model]] = {
    "positions": Position,
    "listings": Listing,
    "applications": Application,
    "people": Person,
    "favourites": Favourite,
    "attachments": Attachment,
    "audit": AuditEvent,
    "messages": Message,
    "outbox": OutboxEntry,
    "saved_searches": SavedSearch,
    "keywords": Posting,
    "subsidies": SubsidyItem,  # issue 21
    # Units (issue 19).
    "units": Unit,
    "recognitions": Recognition,
    "placements": Placement,  # issue 20: placements
}


# Further item types that live in another model's table (created with that model's keys and indexes).
SHARED_TABLE_MODELS: dict[type[Model], str] = {RegionCount: "listings", TermCount: "keywords", IndexMarker: "keywords"}
SHARED_TABLE_MODELS[PlacementCounter] = "placements"  # issue 20: the placements' counters


def bind_tables(tables: Tables) -> None:
    """Point every model at its configured table. PynamoDB rebuilds its connection when the name changes."""
    for field, model in MODELS_BY_TABLE.items():
        model.Meta.table_name = getattr(tables, field)
    for model, field in SHARED_TABLE_MODELS.items():
        model.Meta.table_name = getattr(tables, field)
