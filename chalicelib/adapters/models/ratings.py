"""The ratings table (好差评) and the statistics table (统计分析: counters per region and month).

Access pattern                                     -> read
-----------------------------------------------------------------------------------------------------------
a case's rating by its party (case detail)           GetItem ratings[rating_id(case_type, case_id, party)]
ratings of a county / city / province, 差评 first    Query ratings.by_<level>[code], rank < "<level_max + 1>"
差评 waiting for a follow-up, by the day it is due   Query ratings.awaiting_follow_up["due"], due <= today
a region's counters over some months                 Query statistics[<level>#<code>], month between
"""

from __future__ import annotations

from typing import Any

from pynamodb.attributes import ListAttribute, MapAttribute, NumberAttribute, UnicodeAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex, KeysOnlyProjection
from pynamodb.models import Model

from chalicelib.adapters.models.base import TableMeta


class FollowUp(MapAttribute[str, Any]):
    """One step of the 差评 loop: 回访, 整改 or 申诉复核, by a reviewer of the rating's region."""

    action = UnicodeAttribute()
    note = UnicodeAttribute()
    at = UnicodeAttribute()
    actor_region = UnicodeAttribute()  # the staff member's region, never who they are


def follow_up(action: str, note: str, at: str, actor_region: str) -> FollowUp:
    return FollowUp(action=action, note=note, at=at, actor_region=actor_region)


def _region_index(name: str, hash_attr: str) -> type[GlobalSecondaryIndex[Rating]]:
    attrs: dict[str, Any] = {
        "Meta": type("Meta", (), {"index_name": name, "projection": AllProjection()}),
        hash_attr: UnicodeAttribute(hash_key=True),
        "rank": UnicodeAttribute(range_key=True),
    }
    return type(f"Index_{name}", (GlobalSecondaryIndex,), attrs)


RatingsByCounty = _region_index("by_county", "county_code")
RatingsByCity = _region_index("by_city", "city_code")
RatingsByProvince = _region_index("by_province", "province")


class AwaitingFollowUp(GlobalSecondaryIndex["Rating"]):
    """Sparse: only a 差评 with no follow-up and no reminder yet carries `awaiting`."""

    class Meta:
        index_name = "awaiting_follow_up"
        projection = KeysOnlyProjection()

    awaiting = UnicodeAttribute(hash_key=True)
    follow_up_due = UnicodeAttribute(range_key=True)


class Rating(Model):
    class Meta(TableMeta):
        pass

    # Derived from (case_type, case_id, party): "once per case and party" is this key not existing yet.
    rating_id = UnicodeAttribute(hash_key=True)
    case_type = UnicodeAttribute()
    case_id = UnicodeAttribute()
    party = UnicodeAttribute()  # person | unit
    rater = UnicodeAttribute()  # the subject who rated (a person, or the unit's account)
    level = NumberAttribute()
    tags = ListAttribute[str](default=list)
    comment = UnicodeAttribute(default="")
    rated_at = UnicodeAttribute()
    month = UnicodeAttribute()  # China month of the rating
    county_code = UnicodeAttribute()
    city_code = UnicodeAttribute()
    province = UnicodeAttribute()
    rank = UnicodeAttribute()  # "<level>#<rated_at>#<id>": 差评 first, the oldest first within a level
    awaiting = UnicodeAttribute(null=True)  # "due" while a 差评 waits for its first follow-up (sparse index)
    follow_up_due = UnicodeAttribute(null=True)  # "<YYYY-MM-DD>#<id>": the day it is overdue
    reminded_on = UnicodeAttribute(null=True)
    follow_ups = ListAttribute[FollowUp](of=FollowUp, default=list)

    by_county = RatingsByCounty()
    by_city = RatingsByCity()
    by_province = RatingsByProvince()
    awaiting_follow_up = AwaitingFollowUp()


class StatisticsMonth(Model):
    """The counters of one region (`<level>#<code>`) for one month; each counter an attribute named by its key
    (chalicelib/domain/statistics.py), added to with ADD in the transaction of the event it counts."""

    class Meta(TableMeta):
        pass

    region = UnicodeAttribute(hash_key=True)
    month = UnicodeAttribute(range_key=True)
