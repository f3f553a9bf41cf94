"""The positions table: one item per position, and the sparse index of open ones by deadline."""

from __future__ import annotations

from pynamodb.attributes import (
    ListAttribute,
    NumberAttribute,
    UnicodeAttribute,
    VersionAttribute,
)
from pynamodb.constants import STREAM_NEW_AND_OLD_IMAGE
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex, KeysOnlyProjection
from pynamodb.models import Model

from chalicelib.adapters.models.base import TableMeta


class OpenByDeadline(GlobalSecondaryIndex["Position"]):
    class Meta:
        index_name = "open_by_deadline"
        projection = KeysOnlyProjection()

    open_deadline = UnicodeAttribute(hash_key=True)


class PositionsOfEmployer(GlobalSecondaryIndex["Position"]):
    """A unit's positions, newest first (我的岗位; a revocation closes them): those it published and those the
    agency published under its credit code."""

    class Meta:
        index_name = "by_employer"
        projection = AllProjection()

    employer_credit_code = UnicodeAttribute(hash_key=True)
    published_at = UnicodeAttribute(range_key=True)


class AwaitingReview(GlobalSecondaryIndex["Position"]):
    """Sparse: the positions units published that await the agency (pending_review), by county then time, so a
    reviewer's region (the province, a city's 4-digit prefix, a county) is one `begins_with`."""

    class Meta:
        index_name = "review_queue"
        projection = AllProjection()

    review_key = UnicodeAttribute(hash_key=True)
    review_rank = UnicodeAttribute(range_key=True)


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
    # Issue 19. The headcount a unit's position holds against the unit's quota (adapters/position_store.py
    # moves it with the unit's counters in one transaction): present while pending_review or open; absent on
    # positions the agency published.
    held_headcount = NumberAttribute(null=True)
    review_key = UnicodeAttribute(null=True)  # present only while pending_review: the sparse review queue
    review_rank = UnicodeAttribute(null=True)
    # When the position first opened (the agency's: on creation; a unit's: on its first approval). 发布岗位 counts a
    # position once: approved again after an edit sent it back to review, it is not published a second time.
    first_opened_at = UnicodeAttribute(null=True)

    by_deadline = OpenByDeadline()
    by_employer = PositionsOfEmployer()
    review_queue = AwaitingReview()
