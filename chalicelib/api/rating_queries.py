"""The query strings of 好差评 and 统计分析 (issue 23), declared as in chalicelib/api/queries.py."""

from __future__ import annotations

from typing import Annotated

from msgspec import field

from chalicelib.api.bodies import ref
from chalicelib.api.conventions import DEFAULT_LIMIT
from chalicelib.api.queries import CURSOR, LIMIT, Param, Query, as_given, bad_parameter, county_rule, month_rule
from chalicelib.domain.ratings import LEVELS


def level_rule(name: str, value: str) -> int:
    if value not in {str(level) for level in LEVELS}:
        raise bad_parameter(name, "评价等级应为1至5")
    return int(value)


RATING_COUNTY = Param(
    "RatingCounty",
    county_rule,
    ref("LocalityCode"),
    "Only ratings of cases of this county-level entry. Unknown: 400 `INVALID_REGION`; outside the caller's "
    "region: 403 `OUTSIDE_REGION`.",
)
RATING_MONTH = Param("RatingMonth", month_rule, ref("Month"), "Only ratings given in this month (China time).")


class RatingList(Query, frozen=True, kw_only=True):
    level_max: Annotated[
        int,
        Param(
            "LevelMax",
            level_rule,
            {"type": "integer", "minimum": 1, "maximum": 5, "default": 5},
            "Only ratings at or below this level (`2`: the 差评). Lowest levels first, the oldest first within one.",
        ),
    ] = 5
    county: Annotated[str | None, RATING_COUNTY] = None
    month: Annotated[str | None, RATING_MONTH] = None
    limit: Annotated[int, LIMIT] = DEFAULT_LIMIT
    cursor: Annotated[str | None, CURSOR] = None


class RatingSummaryQuery(Query, frozen=True, kw_only=True):
    county: Annotated[str | None, RATING_COUNTY] = None
    month: Annotated[
        str | None, Param("SummaryMonth", month_rule, ref("Month"), "One month (China time); default the current year.")
    ] = None


class ReviewerMessages(Query, frozen=True, kw_only=True):
    county: Annotated[
        str | None,
        Param(
            "ReminderCounty",
            county_rule,
            ref("LocalityCode"),
            "Only the reminders of this county-level entry (a city's code is its 市本级); default the caller's whole "
            "region. Unknown: 400 `INVALID_REGION`; outside the caller's region: 403 `OUTSIDE_REGION`.",
        ),
    ] = None
    limit: Annotated[int, LIMIT] = DEFAULT_LIMIT
    cursor: Annotated[str | None, CURSOR] = None


class StatisticsQuery(Query, frozen=True, kw_only=True):
    region: Annotated[
        str | None,
        Param(
            "StatisticsRegion",
            as_given,
            {"type": "string", "pattern": "^14[0-9]{4}$"},
            "The province (`140000`), a city, or a county-level entry (a city's code is the whole city); default "
            "the caller's region. Unknown: 400 `INVALID_REGION`; beyond the caller's region: 403 `OUTSIDE_REGION`.",
        ),
    ] = None
    from_: Annotated[
        str | None, Param("StatisticsFrom", month_rule, ref("Month"), "First month; default January this year.")
    ] = field(default=None, name="from")
    to: Annotated[
        str | None, Param("StatisticsTo", month_rule, ref("Month"), "Last month; default December this year.")
    ] = None
