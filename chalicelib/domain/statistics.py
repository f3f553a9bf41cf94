"""统计分析: what is counted, per region and month, and the figures derived from the counts.

Pure, no I/O. Each event adds to the counters of its county-level entry, that entry's city and the province for
the month it happened in (China time), in the event's own transaction (chalicelib/adapters/statistics_counters.py),
so a region's figures for a year are one Query of at most twelve items, never a count over the cases.
The event keys are declared here once: the stores that count, the answer and the document all read them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Final, NamedTuple

from chalicelib.domain import placements as placement_rules
from chalicelib.domain.placements import PlacementRecord
from chalicelib.domain.ratings import LEVELS, satisfaction_rate
from chalicelib.domain.records import PositionRecord
from chalicelib.domain.regions import PROVINCE_CODE, shanxi
from chalicelib.domain.subsidies import PAID, ClaimRecord

# The counters, by their English keys. Written with ADD by the event that each names.
APPLICATIONS: Final = (
    "applications.submitted",
    "applications.approved",
    "applications.rejected",
    "applications.withdrawn",
)
UNITS: Final = ("units.recognised",)
POSITIONS: Final = ("positions.published", "positions.open_headcount")
PLACEMENTS: Final = (
    "placements.applied",
    "placements.agreed",
    "placements.in_progress",
    "placements.completed",
    "placements.ended_early",
    "placements.retained",
)
# The amount paid is counted in fen (分): a counter adds whole numbers, and claims are exact to the fen.
SUBSIDIES: Final = ("subsidies.claimed", "subsidies.paid", "subsidies.fen")
RATING_LEVELS: Final = tuple(f"ratings.level_{level}" for level in LEVELS)
COUNTED: Final = APPLICATIONS + UNITS + POSITIONS + PLACEMENTS + SUBSIDIES + RATING_LEVELS
# Figures computed from the counters when answered, never stored.
DERIVED: Final = ("placements.retention_rate", "ratings.count", "ratings.satisfaction_rate")
# A counter answered under another key, converted: the fen paid are answered as yuan (two decimals).
ANSWERED_AS: Final = {"subsidies.fen": "subsidies.yuan"}
KEYS: Final = tuple(ANSWERED_AS.get(key, key) for key in COUNTED) + DERIVED
KEY_LABELS: Final = {
    "applications.submitted": "见习申请",
    "applications.approved": "审核通过",
    "applications.rejected": "审核不通过",
    "applications.withdrawn": "撤回",
    "units.recognised": "认定见习单位",
    "positions.published": "发布岗位",
    "positions.open_headcount": "在招人数",
    "placements.applied": "见习报名",
    "placements.agreed": "签订协议",
    "placements.in_progress": "在岗见习",
    "placements.completed": "见习期满",
    "placements.ended_early": "提前终止",
    "placements.retained": "留用",
    "placements.retention_rate": "留用率",
    "subsidies.claimed": "补贴申领",
    "subsidies.paid": "补贴发放",
    "subsidies.yuan": "发放金额（元）",
    **{f"ratings.level_{level}": f"{level}星评价" for level in LEVELS},
    "ratings.count": "评价数",
    "ratings.satisfaction_rate": "满意率",
}

MAX_MONTHS: Final = 36  # one answer spans at most three years (36 items per region read)

Totals = dict[str, float | None]


class RegionKey(NamedTuple):
    """A counter's region: its level and code. A city's 市本级 has the city's code, so the level tells them apart."""

    level: str  # province | city | county
    code: str

    @property
    def key(self) -> str:
        return f"{self.level}#{self.code}"


def counted_in(county_code: str) -> tuple[RegionKey, ...]:
    """The three regions an event in a county-level entry counts in: the entry, its city, the province."""
    locality = shanxi().locality(county_code)
    if locality is None:
        raise ValueError(f"not a county-level entry: {county_code}")
    return RegionKey("county", county_code), RegionKey("city", locality.city_code), RegionKey("province", PROVINCE_CODE)


def region_of(code: str) -> RegionKey | None:
    """The region a code asks for: the province, a city (all of it), or a county (a city's code is the city)."""
    if code == PROVINCE_CODE:
        return RegionKey("province", code)
    if shanxi().city(code) is not None:
        return RegionKey("city", code)
    if shanxi().locality(code) is not None:
        return RegionKey("county", code)
    return None


def children_of(region: RegionKey) -> tuple[RegionKey, ...]:
    """The regions one level down: the province's cities, a city's county-level entries (市本级 first)."""
    if region.level == "province":
        return tuple(RegionKey("city", city.code) for city in shanxi().cities)
    city = shanxi().city(region.code) if region.level == "city" else None
    return tuple(RegionKey("county", loc.code) for loc in city.localities) if city else ()


def region_name(region: RegionKey) -> str:
    if region.level == "province":
        return shanxi().province_name
    if region.level == "city":
        city = shanxi().city(region.code)
        return city.name if city else region.code
    locality = shanxi().locality(region.code)
    return locality.name if locality else region.code


def months_between(first: str, last: str) -> list[str]:
    """Every month from `first` to `last` (YYYY-MM), both included."""
    year, month = int(first[:4]), int(first[5:7])
    found = []
    while f"{year:04d}-{month:02d}" <= last:
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def default_span(today: date) -> tuple[str, str]:
    """The current year, January to December (China time)."""
    return f"{today.year:04d}-01", f"{today.year:04d}-12"


def totals(counts: Iterable[Mapping[str, int]]) -> Totals:
    """Every key's figure over some months' counters: sums, and the rates derived from the sums."""
    summed: dict[str, int] = dict.fromkeys(COUNTED, 0)
    for month in counts:
        for key in COUNTED:
            summed[key] += int(month.get(key, 0))
    per_level = {level: summed[f"ratings.level_{level}"] for level in LEVELS}
    # 留用 is recorded when a placement ends, at its term or early (a unit may hire before the term is out): the
    # rate is over every placement that ended, so it stays within 0–1 however the trainees left.
    ended = summed["placements.completed"] + summed["placements.ended_early"]
    derived: Totals = {
        "placements.retention_rate": round(summed["placements.retained"] / ended, 4) if ended else None,
        "ratings.count": sum(per_level.values()),
        "ratings.satisfaction_rate": satisfaction_rate(per_level),
    }
    answered: Totals = {ANSWERED_AS.get(key, key): n for key, n in summed.items()}
    answered["subsidies.yuan"] = summed["subsidies.fen"] / 100
    return {**answered, **derived}


def position_increments(before: PositionRecord | None, after: PositionRecord) -> dict[str, dict[str, int]]:
    """What a position's write adds, by county-level entry: published when it opens for the first time (not when
    approved again after an edit sent it back to review); and the headcount open, taken out of the entry it was
    open in and added to the one it is open in (an edit may move it to another)."""
    counts: dict[str, Counter[str]] = {}
    was_open = before is not None and before.status == "open"
    if before is not None and was_open:
        counts.setdefault(before.county_code, Counter())["positions.open_headcount"] -= int(before.headcount)
    if after.status == "open":
        added = counts.setdefault(after.county_code, Counter())
        added["positions.open_headcount"] += int(after.headcount)
        if not was_open and (before is None or before.first_opened_at is None):
            added["positions.published"] += 1
    found = {county: {key: n for key, n in moved.items() if n} for county, moved in counts.items()}
    return {county: increments for county, increments in found.items() if increments}


# A placement's step counts when it reaches one of these statuses (a step that keeps the status counts nothing).
PLACEMENT_EVENTS: Final = {
    placement_rules.APPLIED: "placements.applied",
    placement_rules.AGREED: "placements.agreed",
    placement_rules.IN_PROGRESS: "placements.in_progress",  # 上岗 reported in that month
    placement_rules.COMPLETED: "placements.completed",
    placement_rules.ENDED: "placements.ended_early",
}


def placement_increments(before: PlacementRecord | None, after: PlacementRecord) -> dict[str, int]:
    """What one placement's step adds: the status it reaches, and 留用 when the contract is first recorded."""
    increments: dict[str, int] = {}
    if before is None or before.status != after.status:
        key = PLACEMENT_EVENTS.get(after.status)
        if key is not None:
            increments[key] = 1
    if after.retained_contract_start is not None and (before is None or before.retained_contract_start is None):
        increments["placements.retained"] = 1
    return increments


def claim_increments(before: ClaimRecord | None, after: ClaimRecord) -> dict[str, int]:
    """What a 补贴申领 adds: claimed when submitted, paid (and its amount, in fen) when it first becomes paid."""
    if before is None:
        return {"subsidies.claimed": 1}
    if after.status == PAID and before.status != PAID:
        return {"subsidies.paid": 1, "subsidies.fen": int(after.total_yuan * 100)}
    return {}
