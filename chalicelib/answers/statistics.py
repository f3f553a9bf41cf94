"""统计分析 as answered: a region's figures over some months, month by month, and each region under it."""

from __future__ import annotations

from typing import Annotated

from msgspec import Meta, Struct, field

from chalicelib.answers.fields import Month
from chalicelib.domain.statistics import KEY_LABELS, KEYS

Totals = Annotated[
    dict[str, float | None],
    Meta(
        description="Each figure by its English key: "
        + ", ".join(f"`{key}` ({KEY_LABELS[key]})" for key in KEYS)
        + ". Counts are integers; `placements.retention_rate` (retained / completed) and "
        "`ratings.satisfaction_rate` (基本满意 or better / all) are 0–1, null when nothing to divide."
    ),
]


class StatisticsKey(Struct, kw_only=True):
    key: str
    label: str


class MonthFigures(Struct, kw_only=True):
    month: Month
    totals: Totals


class RegionFigures(Struct, kw_only=True):
    region: Annotated[str, Meta(description="The region's code (the province, a city, or a county-level entry).")]
    region_name: str
    level: Annotated[str, Meta(description="`province`, `city` or `county` (a city's 市本级 is a county-level entry).")]
    totals: Totals
    months: list[MonthFigures]


class Statistics(RegionFigures, kw_only=True):
    """The region asked, over the months asked, and each region one level down."""

    from_: Month = field(name="from")
    to: Month
    keys: list[StatisticsKey]
    children: list[RegionFigures]
