"""The subsidy table: 考勤, claim-line locks, claims, objections, objection counters and export jobs.

One table, items told apart by their keys (adapters/subsidy_store.py writes them):
    P#<placement>  A#<YYYY-MM>     a month's 考勤
    P#<placement>  L#<YYYY-MM>     the lock of a claimed month (L#premium: the insurance premium), naming the claim
    C#<claim>      #               the claim, with the index attributes below
    C#<claim>      O#<objection>   an objection to its 公示
    R#<phone>#<day> #              objections of one phone on one China day (expires with the day)
    X#<export>     #               an export job
Records are kept whole in `body` (msgspec JSON of the domain Struct); the other attributes are keys, conditions
and index keys only.
"""

from __future__ import annotations

from pynamodb.attributes import NumberAttribute, TTLAttribute, UnicodeAttribute
from pynamodb.constants import STREAM_KEYS_ONLY
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

from chalicelib.adapters.models.base import TableMeta


class _ClaimIndex:
    class Meta:
        projection = AllProjection()


class ClaimsOfUnit(GlobalSecondaryIndex["SubsidyItem"]):
    class Meta(_ClaimIndex.Meta):
        index_name = "claims_of_unit"

    unit = UnicodeAttribute(hash_key=True)
    rank = UnicodeAttribute(range_key=True)


class ClaimsOfCounty(GlobalSecondaryIndex["SubsidyItem"]):
    class Meta(_ClaimIndex.Meta):
        index_name = "claims_of_county"

    county = UnicodeAttribute(hash_key=True)
    rank = UnicodeAttribute(range_key=True)


class ClaimsOfCity(GlobalSecondaryIndex["SubsidyItem"]):
    class Meta(_ClaimIndex.Meta):
        index_name = "claims_of_city"

    city = UnicodeAttribute(hash_key=True)
    rank = UnicodeAttribute(range_key=True)


class ClaimsOfProvince(GlobalSecondaryIndex["SubsidyItem"]):
    class Meta(_ClaimIndex.Meta):
        index_name = "claims_of_province"

    province = UnicodeAttribute(hash_key=True)
    rank = UnicodeAttribute(range_key=True)


class Notices(GlobalSecondaryIndex["SubsidyItem"]):
    """Sparse: claims that went to 公示, by city, the latest 公示 first."""

    class Meta(_ClaimIndex.Meta):
        index_name = "notices"

    notice_city = UnicodeAttribute(hash_key=True)
    notice_rank = UnicodeAttribute(range_key=True)


class AllNotices(GlobalSecondaryIndex["SubsidyItem"]):
    """Sparse: every claim that went to 公示 in the province, the latest 公示 first (no city asked)."""

    class Meta(_ClaimIndex.Meta):
        index_name = "all_notices"

    notice_province = UnicodeAttribute(hash_key=True)
    notice_rank = UnicodeAttribute(range_key=True)


class SubsidyItem(Model):
    class Meta(TableMeta):
        stream_view_type = STREAM_KEYS_ONLY  # the export job starts from a new export item's keys

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    body = UnicodeAttribute(null=True)
    version = NumberAttribute(null=True)
    claim_id = UnicodeAttribute(null=True)  # a line lock's claim
    status = UnicodeAttribute(null=True)  # a claim's or an objection's
    day_count = NumberAttribute(null=True)  # objections of a phone's day
    open_objections = NumberAttribute(null=True)
    unit = UnicodeAttribute(null=True)
    county = UnicodeAttribute(null=True)
    city = UnicodeAttribute(null=True)
    province = UnicodeAttribute(null=True)
    rank = UnicodeAttribute(null=True)  # the submission's China stamp and the claim id: month prefix, time order
    notice_city = UnicodeAttribute(null=True)
    notice_province = UnicodeAttribute(null=True)
    notice_county = UnicodeAttribute(null=True)
    notice_rank = UnicodeAttribute(null=True)
    expires = TTLAttribute(null=True)

    claims_of_unit = ClaimsOfUnit()
    claims_of_county = ClaimsOfCounty()
    claims_of_city = ClaimsOfCity()
    claims_of_province = ClaimsOfProvince()
    notices = Notices()
    all_notices = AllNotices()
