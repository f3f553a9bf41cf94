"""The positions table: one item per position, and the sparse index of open ones by deadline."""

from __future__ import annotations

from pynamodb.attributes import (
    ListAttribute,
    NumberAttribute,
    UnicodeAttribute,
    VersionAttribute,
)
from pynamodb.constants import STREAM_NEW_AND_OLD_IMAGE
from pynamodb.indexes import GlobalSecondaryIndex, KeysOnlyProjection
from pynamodb.models import Model

from chalicelib.adapters.models.base import TableMeta


class OpenByDeadline(GlobalSecondaryIndex["Position"]):
    class Meta:
        index_name = "open_by_deadline"
        projection = KeysOnlyProjection()

    open_deadline = UnicodeAttribute(hash_key=True)


class Position(Model):
    class Meta(TableMeta):
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
