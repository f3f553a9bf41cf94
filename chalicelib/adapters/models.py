"""PynamoDB models: one table per entity, keys and indexes chosen from the access patterns.

Access pattern                                   -> read
-----------------------------------------------------------------------------------------------------------
position detail, staff edit                        GetItem positions[position_id]
public / trainee search (region, edu, industry)    Query listings[scope] newest first (see domain.listing_scopes)
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

Table names are bound from Settings on first use (`bind_tables`), never read at import.
"""

from __future__ import annotations

from typing import Any

from pynamodb.attributes import (
    BooleanAttribute,
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    TTLAttribute,
    UnicodeAttribute,
    VersionAttribute,
)
from pynamodb.constants import STREAM_NEW_AND_OLD_IMAGE
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex, KeysOnlyProjection, LocalSecondaryIndex
from pynamodb.models import Model

from chalicelib.config import Tables


class _Meta:
    table_name = "unbound"
    billing_mode = "PAY_PER_REQUEST"


# ----------------------------------------------------------------------------------------------- positions


class OpenByDeadline(GlobalSecondaryIndex["Position"]):
    class Meta:
        index_name = "open_by_deadline"
        projection = KeysOnlyProjection()

    open_deadline = UnicodeAttribute(hash_key=True)


class Position(Model):
    class Meta(_Meta):
        # The favourite-closed notices (services/notifications.py) and the keyword index
        # (services/search.index_position_records) follow this stream.
        stream_view_type = STREAM_NEW_AND_OLD_IMAGE

    position_id = UnicodeAttribute(hash_key=True)
    title = UnicodeAttribute()
    employer_name = UnicodeAttribute()
    employer_credit_code = UnicodeAttribute()
    industry = UnicodeAttribute()
    city_code = UnicodeAttribute()
    county_code = UnicodeAttribute()
    address = UnicodeAttribute()
    headcount = NumberAttribute()
    education = UnicodeAttribute()
    majors = ListAttribute[str](default=list)
    description = UnicodeAttribute()
    stipend_yuan_per_month = NumberAttribute()
    duration_months = NumberAttribute()
    deadline = UnicodeAttribute()
    contact_name = UnicodeAttribute()
    contact_phone = UnicodeAttribute()
    status = UnicodeAttribute()
    published_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    # Present only while open: makes the deadline index sparse, so the sweep reads only open positions.
    open_deadline = UnicodeAttribute(null=True)
    # Optimistic locking: two staff patching at once cannot silently overwrite each other's listing entries.
    version = VersionAttribute()

    by_deadline = OpenByDeadline()


def _sort_index(name: str, attribute: str, model: str) -> type[LocalSecondaryIndex[Any]]:
    attrs: dict[str, Any] = {
        "Meta": type("Meta", (), {"index_name": name, "projection": AllProjection()}),
        "scope": UnicodeAttribute(hash_key=True),
        attribute: UnicodeAttribute(range_key=True),
    }
    return type(f"{model}_{name}", (LocalSecondaryIndex,), attrs)


class Listing(Model):
    """A search entry: one per (scope, position) for every filter combination that can ask for it.

    The summary is stored here so a search page is one Query and reads only the entries it returns (+1).
    The same table holds the region counts (`RegionCount`), whose partition keys never equal a scope
    (see domain/search_keys).
    """

    class Meta(_Meta):
        pass

    scope = UnicodeAttribute(hash_key=True)
    rank = UnicodeAttribute(range_key=True)  # "<published_at UTC>#<position_id>": newest first when reversed
    stipend_rank = UnicodeAttribute(null=True)  # the other sort orders (domain/search_order), local indexes
    deadline_rank = UnicodeAttribute(null=True)
    position_id = UnicodeAttribute()
    summary = UnicodeAttribute()  # the public summary as JSON, ready to answer
    search_text = UnicodeAttribute()  # title, employer and majors, case-folded, for the keyword filter
    deadline = UnicodeAttribute()
    # A backstop for the daily sweep: DynamoDB removes entries some time after the deadline has passed.
    expires_at = TTLAttribute(null=True)

    by_stipend = _sort_index("by_stipend", "stipend_rank", "Listing")()
    by_deadline = _sort_index("by_deadline", "deadline_rank", "Listing")()


class Posting(Model):
    """A keyword posting: the position under one index term and one scope (table `keywords`).

    `scope` is "<listing scope>#<term>"; it carries the normalised searchable text so the whole keyword is
    checked on the posting itself, and the sort keys so every order has its own local index. The same table
    holds the term counts and each position's index marker (see domain/search_keys).
    """

    class Meta(_Meta):
        pass

    scope = UnicodeAttribute(hash_key=True)
    rank = UnicodeAttribute(range_key=True)
    search_text = UnicodeAttribute(null=True)
    deadline = UnicodeAttribute(null=True)
    stipend_rank = UnicodeAttribute(null=True)
    deadline_rank = UnicodeAttribute(null=True)

    by_stipend = _sort_index("by_stipend", "stipend_rank", "Posting")()
    by_deadline = _sort_index("by_deadline", "deadline_rank", "Posting")()


class TermCount(Model):
    """About how many postings a term has under a region scope: the query reads the rarest term's postings.

    A planning figure only (it never decides what is found): kept from the stream without transactions, a
    batch retried in the middle of a record may count that record's part twice."""

    class Meta(_Meta):
        pass

    scope = UnicodeAttribute(hash_key=True)  # "#<region scope>#<term>"
    rank = UnicodeAttribute(range_key=True)  # always "#"
    postings = NumberAttribute(default=0)


class IndexMarker(Model):
    """What the keyword index holds for a position: the stream sequence number last applied and the fields
    its postings were made from, so a replayed or older record is skipped and the next change is worked out
    from what is really indexed (not from the record's old image, which a dead-lettered record would break)."""

    class Meta(_Meta):
        pass

    scope = UnicodeAttribute(hash_key=True)  # "@<position_id>"
    rank = UnicodeAttribute(range_key=True)  # always "#"
    sequence = UnicodeAttribute()  # zero-padded to 40 digits: compares as a number
    indexed = UnicodeAttribute(null=True)  # the indexed fields as JSON; absent when nothing is indexed


class RegionCount(Model):
    """Open positions of one child region under one filter, per deadline day (attributes `d<yyyymmdd>`,
    read and written by name: see domain/search_keys)."""

    class Meta(_Meta):
        pass

    scope = UnicodeAttribute(hash_key=True)  # "@<parent scope>"
    rank = UnicodeAttribute(range_key=True)  # the child region's code


# ----------------------------------------------------------------------------------------------- applications


class HistoryEntry(MapAttribute[str, Any]):
    status = UnicodeAttribute()
    at = UnicodeAttribute()
    actor = UnicodeAttribute()
    comment = UnicodeAttribute(null=True)


def history_entry(status: str, at: str, actor: str, comment: str | None) -> HistoryEntry:
    return HistoryEntry(status=status, at=at, actor=actor, comment=comment)


def _queue_index(name: str, hash_attr: str) -> type[GlobalSecondaryIndex[Application]]:
    attrs: dict[str, Any] = {
        "Meta": type("Meta", (), {"index_name": name, "projection": AllProjection()}),
        hash_attr: UnicodeAttribute(hash_key=True),
        "rank": UnicodeAttribute(range_key=True),
    }
    return type(f"Index_{name}", (GlobalSecondaryIndex,), attrs)


ByApplicant = _queue_index("by_applicant", "applicant")
QueueCounty = _queue_index("queue_county", "locality")
QueueCountyStatus = _queue_index("queue_county_status", "locality_status")
QueueCity = _queue_index("queue_city", "city_code")
QueueCityStatus = _queue_index("queue_city_status", "city_status")
QueueProvince = _queue_index("queue_province", "province")
QueueProvinceStatus = _queue_index("queue_province_status", "status")


class Application(Model):
    class Meta(_Meta):
        pass

    application_id = UnicodeAttribute(hash_key=True)
    applicant = UnicodeAttribute()  # the token's subject
    name = UnicodeAttribute()
    id_number = UnicodeAttribute()
    gender = UnicodeAttribute()
    birth_date = UnicodeAttribute()
    phone = UnicodeAttribute()
    education = UnicodeAttribute()
    school = UnicodeAttribute()
    major = UnicodeAttribute()
    graduation_date = UnicodeAttribute()
    person_category = UnicodeAttribute()
    locality = UnicodeAttribute()
    city_code = UnicodeAttribute()
    province = UnicodeAttribute()
    address = UnicodeAttribute()
    attachment_ids = ListAttribute[str](default=list)
    status = UnicodeAttribute()
    # Denormalised status keys for the review queue indexes, rewritten with every transition.
    locality_status = UnicodeAttribute()
    city_status = UnicodeAttribute()
    submitted_at = UnicodeAttribute()
    month = UnicodeAttribute()  # calendar month in China time, "申办月份"
    rank = UnicodeAttribute()  # "<submitted_at in UTC+8>#<id>": sorts newest first, begins_with(month)
    history = ListAttribute[HistoryEntry](of=HistoryEntry, default=list)

    by_applicant = ByApplicant()
    queue_county = QueueCounty()
    queue_county_status = QueueCountyStatus()
    queue_city = QueueCity()
    queue_city_status = QueueCityStatus()
    queue_province = QueueProvince()
    queue_province_status = QueueProvinceStatus()


class Person(Model):
    """One item per signed-in applicant: the live application lock, the locality, the favourite count."""

    class Meta(_Meta):
        pass

    subject = UnicodeAttribute(hash_key=True)
    # Present only while an application is pending or approved: the "one live application" condition.
    live_application_id = UnicodeAttribute(null=True)
    live_status = UnicodeAttribute(null=True)
    locality = UnicodeAttribute(null=True)
    favourite_count = NumberAttribute(default=0)
    # Kept exact by the transactions that write and read messages (adapters/message_store.py).
    unread_messages = NumberAttribute(null=True)
    saved_search_count = NumberAttribute(null=True)  # at most 5, by the condition of adapters/saved_search_store.py


class FavouritesOfPosition(GlobalSecondaryIndex["Favourite"]):
    """Who favourited a position: the closing and deadline notices read it by Query."""

    class Meta:
        index_name = "by_position"
        projection = KeysOnlyProjection()

    position_id = UnicodeAttribute(hash_key=True)


class Favourite(Model):
    class Meta(_Meta):
        pass

    subject = UnicodeAttribute(hash_key=True)
    position_id = UnicodeAttribute(range_key=True)
    added_at = UnicodeAttribute()

    by_position = FavouritesOfPosition()


class Attachment(Model):
    class Meta(_Meta):
        pass

    attachment_id = UnicodeAttribute(hash_key=True)
    owner = UnicodeAttribute()
    kind = UnicodeAttribute()
    filename = UnicodeAttribute()
    content_type = UnicodeAttribute()
    declared_size = NumberAttribute()
    status = UnicodeAttribute()  # awaiting_upload | uploaded | deleting (a DELETE under way: gone to the owner)
    size = NumberAttribute(null=True)
    # The checked copy this record confirmed (files.new_copy_key); absent on records confirmed before copies
    # had keys of their own, whose file is at files.stored_key.
    object_key = UnicodeAttribute(null=True)
    # The live application using it; cleared on withdrawal or rejection so the file can be used again.
    in_use_by = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    # Records never confirmed are removed by DynamoDB TTL (their objects by the bucket's lifecycle rule).
    expires_at = TTLAttribute(null=True)


class AuditEvent(Model):
    """Who read or decided what, and when. Never personal data: ids, roles and outcomes only."""

    class Meta(_Meta):
        pass

    application_id = UnicodeAttribute(hash_key=True)
    at_event = UnicodeAttribute(range_key=True)  # "<UTC time>#<event id>"
    actor = UnicodeAttribute()
    actor_region = UnicodeAttribute()
    action = UnicodeAttribute()
    outcome = UnicodeAttribute()


# ----------------------------------------------------------------------------------------------- messages


class UnreadMessages(GlobalSecondaryIndex["Message"]):
    """Sparse: a message is in it only while unread, so `unread=true` is one Query."""

    class Meta:
        index_name = "unread"
        projection = AllProjection()

    unread_of = UnicodeAttribute(hash_key=True)
    message_id = UnicodeAttribute(range_key=True)


class Message(Model):
    """A 站内消息 of one person. The id starts with its creation time in hex, so id order is time order."""

    class Meta(_Meta):
        pass

    subject = UnicodeAttribute(hash_key=True)
    message_id = UnicodeAttribute(range_key=True)
    kind = UnicodeAttribute()
    title = UnicodeAttribute()
    text = UnicodeAttribute()
    link = UnicodeAttribute()
    created_at = UnicodeAttribute()
    read_at = UnicodeAttribute(null=True)
    unread_of = UnicodeAttribute(null=True)  # the subject while unread; removed when read

    unread = UnreadMessages()


class DeferredTexts(GlobalSecondaryIndex["OutboxEntry"]):
    """Sparse: texts held back by the quiet hours, under the China day they are due on (08:00)."""

    class Meta:
        index_name = "deferred"
        projection = KeysOnlyProjection()

    deferred_day = UnicodeAttribute(hash_key=True)
    event_id = UnicodeAttribute(range_key=True)


class OutboxEntry(Model):
    """An SMS to send, written in the same transaction as its event; the sender reads the table's stream.

    The same table holds each person's daily counter (`cap#<subject>#<day>`), so a claim and the count that
    caps it are one transaction on one table.
    """

    class Meta(_Meta):
        stream_view_type = STREAM_NEW_AND_OLD_IMAGE

    event_id = UnicodeAttribute(hash_key=True)
    kind = UnicodeAttribute()
    subject = UnicodeAttribute(null=True)
    phone = UnicodeAttribute(null=True)
    params = ListAttribute[str](null=True)
    text = UnicodeAttribute(null=True)
    urgent = BooleanAttribute(null=True)
    created_at = UnicodeAttribute(null=True)
    # None (new) | claimed | sent | capped | rejected | failed | deferred
    state = UnicodeAttribute(null=True)
    lease_until = NumberAttribute(null=True)
    attempts = NumberAttribute(null=True)
    provider_id = UnicodeAttribute(null=True)
    deferred_day = UnicodeAttribute(null=True)
    sent = NumberAttribute(null=True)  # on a cap counter: texts claimed that day
    expires_at = TTLAttribute(null=True)

    deferred = DeferredTexts()


class SavedSearchesByShard(GlobalSecondaryIndex["SavedSearch"]):
    """Every saved search under one of a few shard keys: the morning digest Queries each shard, never Scans."""

    class Meta:
        index_name = "by_shard"
        projection = AllProjection()

    digest_shard = UnicodeAttribute(hash_key=True)
    subject_search = UnicodeAttribute(range_key=True)


class SavedSearch(Model):
    """A 岗位订阅: the public search's filters, and the listing rank the last digest reached."""

    class Meta(_Meta):
        pass

    subject = UnicodeAttribute(hash_key=True)
    search_id = UnicodeAttribute(range_key=True)
    filters = UnicodeAttribute()  # JSON of the search's filters, as validated
    scope = UnicodeAttribute()  # the listings scope that answers them (domain.positions.query_scope)
    keyword = UnicodeAttribute(null=True)
    sms = BooleanAttribute(default=False)
    created_at = UnicodeAttribute()
    seen_rank = UnicodeAttribute()  # listings newer than this rank are "new" for the next digest
    digest_shard = UnicodeAttribute()
    subject_search = UnicodeAttribute()  # "<subject>#<search_id>": a person's searches sort together

    by_shard = SavedSearchesByShard()


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
}


# Further item types that live in another model's table (created with that model's keys and indexes).
SHARED_TABLE_MODELS: dict[type[Model], str] = {RegionCount: "listings", TermCount: "keywords", IndexMarker: "keywords"}


def bind_tables(tables: Tables) -> None:
    """Point every model at its configured table. PynamoDB rebuilds its connection when the name changes."""
    for field, model in MODELS_BY_TABLE.items():
        model.Meta.table_name = getattr(tables, field)
    for model, field in SHARED_TABLE_MODELS.items():
        model.Meta.table_name = getattr(tables, field)
