"""Messages (站内消息), the SMS outbox, and saved searches (岗位订阅)."""

from __future__ import annotations

from pynamodb.attributes import (
    BooleanAttribute,
    ListAttribute,
    NumberAttribute,
    TTLAttribute,
    UnicodeAttribute,
)
from pynamodb.constants import STREAM_NEW_AND_OLD_IMAGE
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex, IncludeProjection, KeysOnlyProjection
from pynamodb.models import Model

from chalicelib.adapters.models.base import TableMeta


class UnreadMessages(GlobalSecondaryIndex["Message"]):
    """Sparse: a message is in it only while unread, so `unread=true` is one Query."""

    class Meta:
        index_name = "unread"
        projection = AllProjection()

    unread_of = UnicodeAttribute(hash_key=True)
    message_id = UnicodeAttribute(range_key=True)


class Message(Model):
    """A 站内消息 of one person. The id starts with its creation time in hex, so id order is time order."""

    class Meta(TableMeta):
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


class OpenTexts(GlobalSecondaryIndex["OutboxEntry"]):
    """Sparse: every text not yet settled, under the China day it was written (services/outbox_recovery.py).

    The stream gives a text one chance within its 24 hours; this index finds the ones it did not finish (failed,
    deferred past their morning, written while SMS was not configured) whatever their age, by Query."""

    class Meta:
        index_name = "open_by_day"
        projection = IncludeProjection(["state", "created_at", "lease_until", "deferred_day"])

    open_day = UnicodeAttribute(hash_key=True)
    event_id = UnicodeAttribute(range_key=True)


class OutboxEntry(Model):
    """An SMS to send, written in the same transaction as its event; the sender reads the table's stream.

    The same table holds each person's daily counter (`cap#<subject>#<day>`), so a claim and the count that
    caps it are one transaction on one table.
    """

    class Meta(TableMeta):
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
    open_day = UnicodeAttribute(null=True)  # the China day written, until settled (OpenTexts)
    gave_up = UnicodeAttribute(null=True)  # why a text was never sent (state "given_up")
    sent = NumberAttribute(null=True)  # on a cap counter: texts claimed that day
    expires_at = TTLAttribute(null=True)

    deferred = DeferredTexts()
    open_by_day = OpenTexts()


class SavedSearchesByShard(GlobalSecondaryIndex["SavedSearch"]):
    """Every saved search under one of a few shard keys: the morning digest Queries each shard, never Scans."""

    class Meta:
        index_name = "by_shard"
        projection = AllProjection()

    digest_shard = UnicodeAttribute(hash_key=True)
    subject_search = UnicodeAttribute(range_key=True)


class SavedSearch(Model):
    """A 岗位订阅: the public search's filters, and the listing rank the last digest reached."""

    class Meta(TableMeta):
        pass

    subject = UnicodeAttribute(hash_key=True)
    search_id = UnicodeAttribute(range_key=True)
    filters = UnicodeAttribute()  # JSON of the search's filters, as validated
    scope = UnicodeAttribute()  # the listings scope that answers them (adapters/search_layout.query_scope)
    keyword = UnicodeAttribute(null=True)
    sms = BooleanAttribute(default=False)
    created_at = UnicodeAttribute()
    seen_rank = UnicodeAttribute()  # listings newer than this rank are "new" for the next digest
    digest_shard = UnicodeAttribute()
    subject_search = UnicodeAttribute()  # "<subject>#<search_id>": a person's searches sort together

    by_shard = SavedSearchesByShard()
