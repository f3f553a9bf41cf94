"""Per-person items: the live-application lock, favourites, attachments, and the audit trail."""

from __future__ import annotations

from pynamodb.attributes import (
    NumberAttribute,
    TTLAttribute,
    UnicodeAttribute,
)
from pynamodb.indexes import GlobalSecondaryIndex, KeysOnlyProjection
from pynamodb.models import Model

from chalicelib.adapters.models.base import TableMeta


class Person(Model):
    """One item per signed-in applicant: the live application lock, the locality, the favourite count."""

    class Meta(TableMeta):
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
    class Meta(TableMeta):
        pass

    subject = UnicodeAttribute(hash_key=True)
    position_id = UnicodeAttribute(range_key=True)
    added_at = UnicodeAttribute()

    by_position = FavouritesOfPosition()


class Attachment(Model):
    class Meta(TableMeta):
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

    class Meta(TableMeta):
        pass

    application_id = UnicodeAttribute(hash_key=True)
    at_event = UnicodeAttribute(range_key=True)  # "<UTC time>#<event id>"
    actor = UnicodeAttribute()
    actor_region = UnicodeAttribute()
    action = UnicodeAttribute()
    outcome = UnicodeAttribute()
