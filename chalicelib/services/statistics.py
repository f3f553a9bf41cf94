"""统计分析: a region's figures over some months, read from the counters each event adds to in its own
transaction; one Query per region answered (the region and each region one level down), never a Scan."""

from __future__ import annotations

from datetime import datetime

from chalicelib.answers import statistics as answers
from chalicelib.domain import statistics as rules
from chalicelib.domain.clock import china_date
from chalicelib.domain.principal import Principal
from chalicelib.domain.regions import PROVINCE_CODE, scope_contains
from chalicelib.domain.statistics import RegionKey
from chalicelib.errors import INVALID_STATISTICS_REGION, MALFORMED_QUERY, REGION_OUTSIDE, FieldProblem
from chalicelib.ports import Ports


def month_counts(region: RegionKey, first: str, last: str, *, ports: Ports) -> rules.Totals:
    """A region's totals over the months from `first` to `last`."""
    return rules.totals(ports.statistics.months(region, first, last).values())


def _covers(principal: Principal, region: RegionKey) -> bool:
    """A staff region reaches a region when it reaches all of it: the province only from the province."""
    scope = principal.region or ""
    if region.level == "province":
        return scope == PROVINCE_CODE
    if region.level == "city":
        return scope in (PROVINCE_CODE, region.code)
    return scope_contains(scope, region.code)


def _span(first: str | None, last: str | None, now: datetime) -> tuple[str, str]:
    default_first, default_last = rules.default_span(china_date(now))
    first, last = first or default_first, last or default_last
    if first > last:
        raise MALFORMED_QUERY([FieldProblem("from", "INVALID_VALUE", "起始月份不能晚于结束月份")])
    if len(rules.months_between(first, last)) > rules.MAX_MONTHS:
        raise MALFORMED_QUERY([FieldProblem("to", "INVALID_VALUE", f"统计区间不能超过{rules.MAX_MONTHS}个月")])
    return first, last


def _figures(region: RegionKey, first: str, last: str, ports: Ports) -> answers.RegionFigures:
    by_month = ports.statistics.months(region, first, last)  # the one Query of this region
    months = [
        answers.MonthFigures(month=month, totals=rules.totals([by_month.get(month, {})]))
        for month in rules.months_between(first, last)
    ]
    return answers.RegionFigures(
        region=region.code,
        region_name=rules.region_name(region),
        level=region.level,
        totals=rules.totals(by_month.values()),
        months=months,
    )


def report(
    principal: Principal, *, region: str | None, first: str | None, last: str | None, now: datetime, ports: Ports
) -> answers.Statistics:
    """The region asked (default: the caller's), month by month and in total, and each region under it."""
    assert principal.region is not None
    asked = rules.region_of(principal.region if region is None else region)  # `?region=` is unknown, not absent
    if asked is None:
        raise INVALID_STATISTICS_REGION()
    if not _covers(principal, asked):
        raise REGION_OUTSIDE()
    first, last = _span(first, last, now)
    own = _figures(asked, first, last, ports)
    return answers.Statistics(
        region=own.region,
        region_name=own.region_name,
        level=own.level,
        totals=own.totals,
        months=own.months,
        from_=first,
        to=last,
        keys=[answers.StatisticsKey(key=key, label=rules.KEY_LABELS[key]) for key in rules.KEYS],
        children=[_figures(child, first, last, ports) for child in rules.children_of(asked)],
    )
