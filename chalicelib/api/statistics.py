"""统计分析: the agency's monthly figures of its region, read from counters (one Query per region answered)."""

from __future__ import annotations

from typing import Any

from chalicelib import errors
from chalicelib.answers.statistics import Statistics
from chalicelib.api.operation import operations
from chalicelib.api.rating_queries import StatisticsQuery
from chalicelib.api.ratings import REVIEWER
from chalicelib.api.routes import Routes
from chalicelib.domain.clock import utc_now
from chalicelib.domain.principal import Principal
from chalicelib.domain.statistics import MAX_MONTHS
from chalicelib.errors import MALFORMED_QUERY
from chalicelib.openapi_ops import Failure
from chalicelib.ports import Ports
from chalicelib.services import statistics

routes = Routes(__name__)
operation = operations(routes)


@operation(
    method="GET",
    path="/admin/statistics",
    operation_id="statistics",
    summary="统计分析: a region's figures by month, and each region under it",
    description="Applications, units, positions, placements, subsidies and ratings of the region (default the "
    "caller's) for each month from `from` to `to` (default this year; at most "
    f"{MAX_MONTHS} months), in total, and for each region one level down (the province's cities; a city's "
    "county-level entries, 市本级 first). Read from counters written in each event's own transaction: one Query "
    "per region answered.",
    tag="ratings",
    access=REVIEWER,
    query=StatisticsQuery,
    answer=Statistics,
    answer_description="The figures.",
    failures=(
        Failure(errors.INVALID_STATISTICS_REGION, "`region` is not the province, a city or a county-level entry"),
        Failure(errors.REGION_OUTSIDE, "`region` reaches beyond the caller's region"),
        Failure(MALFORMED_QUERY, "`from` after `to`, or more than the allowed months"),
    ),
)
def region_statistics(caller: Principal, query: StatisticsQuery, ports: Ports) -> Any:
    return statistics.report(caller, region=query.region, first=query.from_, last=query.to, now=utc_now(), ports=ports)
