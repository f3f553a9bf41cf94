"""A rating (好差评) as answers show it: to the case's owner, to the reviewers of its region, and the summary."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Annotated

from msgspec import Meta, Struct

from chalicelib.answers.fields import HexId, LocalityCode, Month, Page, Timestamp, one_of
from chalicelib.domain.masks import mask_text
from chalicelib.domain.ratings import (
    CASE_TYPE_LABELS,
    CASE_TYPES,
    FOLLOW_UP_ACTIONS,
    LEVEL_LABELS,
    LEVELS,
    TAGS,
    RatingRecord,
    is_bad,
)
from chalicelib.domain.regions import shanxi

Level = Annotated[int, Meta(ge=1, le=5, description="1 非常不满意, 2 不满意, 3 基本满意, 4 满意, 5 非常满意.")]


class FollowUp(Struct, kw_only=True):
    """One step of the 差评 loop, by a reviewer of the rating's region (named by region, not by person)."""

    action: Annotated[str, one_of(list(FOLLOW_UP_ACTIONS))]
    note: str
    at: Timestamp
    actor_region: Annotated[str, Meta(description="The region of the reviewer who wrote it.")]


class Rating(Struct, kw_only=True):
    """A case's rating, as its owner sees it (the comment as they wrote it)."""

    rating_id: HexId
    case_type: Annotated[str, one_of(list(CASE_TYPES))]
    case_type_label: Annotated[str, one_of(list(CASE_TYPE_LABELS.values()))]
    case_id: HexId
    level: Level
    level_label: Annotated[str, one_of(list(LEVEL_LABELS.values()))]
    bad: Annotated[bool, Meta(description="差评: level 1 or 2.")]
    tags: list[Annotated[str, one_of(list(TAGS))]]
    comment: str
    rated_at: Timestamp
    follow_ups: list[FollowUp]


class RatingForStaff(Rating, kw_only=True):
    """A rating in the reviewers' list: the comment with any ID or phone number in it masked, where it was
    given, and whether its follow-up is overdue."""

    month: Month
    county_code: LocalityCode
    county_name: str
    follow_up_due: Annotated[str | None, Meta(description="差评: the day it is overdue without a follow-up.")]
    reminded_on: Annotated[
        str | None, Meta(description="The day the region's reviewers were reminded (overdue), if they were.")
    ]


class RatingPage(Page, kw_only=True):
    items: Sequence[RatingForStaff]


class RatingSummary(Struct, kw_only=True):
    """Counts per level and the satisfaction rate (基本满意 or better, 0–1; null before any rating), read from the
    statistics counters of the region and months asked."""

    region: str
    region_name: str
    month: Month | None
    counts: dict[str, int]
    count: int
    bad: int
    satisfaction_rate: float | None


def _follow_ups(rating: RatingRecord) -> list[FollowUp]:
    return [FollowUp(action=f.action, note=f.note, at=f.at, actor_region=f.actor_region) for f in rating.follow_ups]


def _fields(rating: RatingRecord, comment: str) -> dict[str, object]:
    level = int(rating.level)
    return {
        "rating_id": rating.rating_id,
        "case_type": rating.case_type,
        "case_type_label": CASE_TYPE_LABELS[rating.case_type],
        "case_id": rating.case_id,
        "level": level,
        "level_label": LEVEL_LABELS[level],
        "bad": is_bad(level),
        "tags": list(rating.tags),
        "comment": comment,
        "rated_at": rating.rated_at,
        "follow_ups": _follow_ups(rating),
    }


def for_owner(rating: RatingRecord) -> Rating:
    return Rating(**_fields(rating, rating.comment))  # type: ignore[arg-type]


def for_staff(rating: RatingRecord) -> RatingForStaff:
    locality = shanxi().locality(rating.county_code)
    due = rating.follow_up_due.split("#")[0] if rating.follow_up_due else None
    return RatingForStaff(
        **_fields(rating, mask_text(rating.comment)),  # type: ignore[arg-type]
        month=rating.month,
        county_code=rating.county_code,
        county_name=locality.full_name if locality else rating.county_code,
        follow_up_due=due,
        reminded_on=rating.reminded_on,
    )


def summary(
    region: str, name: str, month: str | None, per_level: Mapping[int, int], rate: float | None
) -> RatingSummary:
    bad = sum(n for level, n in per_level.items() if is_bad(level))
    return RatingSummary(
        region=region,
        region_name=name,
        month=month,
        counts={str(level): per_level.get(level, 0) for level in LEVELS},
        count=sum(per_level.values()),
        bad=bad,
        satisfaction_rate=rate,
    )
