"""The placements table: one item per placement, and the counters its rules are conditions on.

A placement is stored whole as its msgspec record (`record`, JSON) beside the few attributes its indexes and
filters read, so a field added to `PlacementRecord` needs no attribute here. The counters live in the same table
under keys no placement id can have (`@T<subject>`, `@S<position id>`); they carry no index attribute, so no
index holds them.
"""

from __future__ import annotations

from typing import Any

from pynamodb.attributes import NumberAttribute, UnicodeAttribute, UnicodeSetAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

from chalicelib.adapters.models.base import TableMeta


def _index(name: str, hash_attr: str, range_attr: str = "rank") -> type[GlobalSecondaryIndex[Placement]]:
    attrs: dict[str, Any] = {
        "Meta": type("Meta", (), {"index_name": name, "projection": AllProjection()}),
        hash_attr: UnicodeAttribute(hash_key=True),
        range_attr: UnicodeAttribute(range_key=True),
    }
    return type(f"Index_{name}", (GlobalSecondaryIndex,), attrs)


PlacementsOfTrainee = _index("by_trainee", "subject")
PlacementsOfUnit = _index("by_unit", "credit_code")
PlacementsOfCounty = _index("by_county", "county_code")
PlacementsOfCity = _index("by_city", "city_code")
PlacementsOfProvince = _index("by_province", "province")
PlacementsDue = _index("in_progress_by_end", "due_shard", "end_date")


class Placement(Model):
    class Meta(TableMeta):
        pass

    placement_id = UnicodeAttribute(hash_key=True)
    record = UnicodeAttribute()  # the PlacementRecord as JSON (chalicelib/domain/placements.py)
    version = NumberAttribute()
    subject = UnicodeAttribute()
    credit_code = UnicodeAttribute()
    position_id = UnicodeAttribute()
    county_code = UnicodeAttribute()
    city_code = UnicodeAttribute()
    province = UnicodeAttribute()
    status = UnicodeAttribute()
    rank = UnicodeAttribute()  # "<created_at, UTC sortable>#<id>": newest first in every list
    # Only while in progress (a sparse index): the nightly job finds the periods that ended by Query.
    due_shard = UnicodeAttribute(null=True)
    end_date = UnicodeAttribute(null=True)

    by_trainee = PlacementsOfTrainee()
    by_unit = PlacementsOfUnit()
    by_county = PlacementsOfCounty()
    by_city = PlacementsOfCity()
    by_province = PlacementsOfProvince()
    in_progress_by_end = PlacementsDue()


class PlacementCounter(Model):
    """`@T<subject>`: the trainee's active applications, the positions open to them, the placement that
    placed them. `@S<position id>`: the seats of the position's headcount taken (offers, agreements, in progress)."""

    class Meta(TableMeta):
        pass

    placement_id = UnicodeAttribute(hash_key=True)
    active = NumberAttribute(null=True)
    open_positions = UnicodeSetAttribute(null=True)
    placed_id = UnicodeAttribute(null=True)
    taken = NumberAttribute(null=True)
