"""The applications table and the review queue indexes."""

from __future__ import annotations

from typing import Any

from pynamodb.attributes import (
    ListAttribute,
    MapAttribute,
    UnicodeAttribute,
)
from pynamodb.models import Model

from chalicelib.adapters.models.base import TableMeta, queue_index


class HistoryEntry(MapAttribute[str, Any]):
    status = UnicodeAttribute()
    at = UnicodeAttribute()
    actor = UnicodeAttribute()
    comment = UnicodeAttribute(null=True)


def history_entry(status: str, at: str, actor: str, comment: str | None) -> HistoryEntry:
    return HistoryEntry(status=status, at=at, actor=actor, comment=comment)


ByApplicant = queue_index("by_applicant", "applicant")
QueueCounty = queue_index("queue_county", "locality")
QueueCountyStatus = queue_index("queue_county_status", "locality_status")
QueueCity = queue_index("queue_city", "city_code")
QueueCityStatus = queue_index("queue_city_status", "city_status")
QueueProvince = queue_index("queue_province", "province")
QueueProvinceStatus = queue_index("queue_province_status", "status")


class Application(Model):
    class Meta(TableMeta):
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
