"""Units (见习单位, issue 19): one item per unit, and its 认定申请 (recognitions) with the agency's review queue.

A unit is its credit code. Its item holds what every request about it needs at once: its status, the quota
and the headcount held against it (`quota_used`, kept by the conditions of adapters/unit_store.py), and the
one live recognition (pending or recognised) that makes a second application a conflict.
"""

from __future__ import annotations

from pynamodb.attributes import ListAttribute, NumberAttribute, UnicodeAttribute
from pynamodb.models import Model

from chalicelib.adapters.models.applications import HistoryEntry
from chalicelib.adapters.models.base import TableMeta, queue_index


class Unit(Model):
    class Meta(TableMeta):
        pass

    credit_code = UnicodeAttribute(hash_key=True)
    org_name = UnicodeAttribute()
    # pending, recognised, rejected, revoked; no item at all is "unregistered".
    status = UnicodeAttribute()
    # What the unit was before its pending application (a withdrawal goes back to it): None when it had none.
    status_before = UnicodeAttribute(null=True)
    county_code = UnicodeAttribute(null=True)
    city_code = UnicodeAttribute(null=True)
    insured_staff = NumberAttribute(null=True)
    position_quota = NumberAttribute(null=True)  # set when recognised: ⌊insured_staff × rate⌋, at least 1
    # Headcount of the unit's open and pending_review positions, and what is left of the quota: a condition can
    # compare an attribute with a value but not do sums, so `quota_left >= headcount` is the quota's guard.
    quota_used = NumberAttribute(default=0)
    quota_left = NumberAttribute(default=0)
    contact_phone = UnicodeAttribute(null=True)
    recognised_at = UnicodeAttribute(null=True)
    # The pending or recognised application: present exactly while a new one would be RECOGNITION_EXISTS.
    live_recognition_id = UnicodeAttribute(null=True)
    latest_recognition_id = UnicodeAttribute(null=True)
    updated_at = UnicodeAttribute(null=True)


RecognitionsOfUnit = queue_index("by_unit", "credit_code")
UnitQueueCounty = queue_index("queue_county", "county_code")
UnitQueueCountyStatus = queue_index("queue_county_status", "county_status")
UnitQueueCity = queue_index("queue_city", "city_code")
UnitQueueCityStatus = queue_index("queue_city_status", "city_status")
UnitQueueProvince = queue_index("queue_province", "province")
UnitQueueProvinceStatus = queue_index("queue_province_status", "status")


class Recognition(Model):
    """One 认定申请 (a 办件): the form as submitted, its status and history, keyed for the agency's queue."""

    class Meta(TableMeta):
        pass

    recognition_id = UnicodeAttribute(hash_key=True)
    credit_code = UnicodeAttribute()
    org_name = UnicodeAttribute()
    agent = UnicodeAttribute()  # the `sub` of the agent who submitted it
    # And their ID number: another login of the same person is still that agent (a reviewer never confirms 上岗
    # at a unit they applied for). None on recognitions from before it was kept, and on demo data.
    agent_id_number = UnicodeAttribute(null=True)
    county_code = UnicodeAttribute()  # 业务办理属地 (a county, or the city's 市本级)
    city_code = UnicodeAttribute()
    province = UnicodeAttribute()
    address = UnicodeAttribute()
    industry = UnicodeAttribute()
    insured_staff = NumberAttribute()
    contact_name = UnicodeAttribute()
    contact_phone = UnicodeAttribute()
    description = UnicodeAttribute()
    attachment_ids = ListAttribute[str](default=list)
    status = UnicodeAttribute()  # pending, recognised, rejected, withdrawn, revoked
    # Denormalised status keys for the queue indexes, rewritten with every transition.
    county_status = UnicodeAttribute()
    city_status = UnicodeAttribute()
    submitted_at = UnicodeAttribute()
    month = UnicodeAttribute()  # calendar month in China time
    rank = UnicodeAttribute()  # "<submitted_at in UTC+8>#<id>": sorts newest first, begins_with(month)
    history = ListAttribute[HistoryEntry](of=HistoryEntry, default=list)

    by_unit = RecognitionsOfUnit()
    queue_county = UnitQueueCounty()
    queue_county_status = UnitQueueCountyStatus()
    queue_city = UnitQueueCity()
    queue_city_status = UnitQueueCityStatus()
    queue_province = UnitQueueProvince()
    queue_province_status = UnitQueueProvinceStatus()
