"""Units (见习单位) and their recognition (见习单位认定): the statuses, and the quota of positions."""

from __future__ import annotations

from typing import Final

# GET /v1/unit: `unregistered` when the unit has never applied (no stored item).
UNIT_STATUS_LABELS: Final = {
    "unregistered": "未申请",
    "pending": "未审核",
    "recognised": "已认定",
    "rejected": "审核不通过",
    "revoked": "已撤销",
}
# One 认定申请 (办件): a withdrawn one ends there; a recognised one may later be revoked.
RECOGNITION_STATUS_LABELS: Final = {
    "pending": "未审核",
    "recognised": "已认定",
    "rejected": "审核不通过",
    "withdrawn": "已撤回",
    "revoked": "已撤销",
}
UNREGISTERED: Final = "unregistered"
# Positions open and under review may hold at most this share of the unit's insured staff (参保职工人数), in
# headcount, and never less than one: the rule Shanxi's 就业见习 notices set (30%).
QUOTA_PERCENT: Final = 30
MAX_INSURED_STAFF: Final = 1_000_000


def position_quota(insured_staff: int, percent: int = QUOTA_PERCENT) -> int:
    """⌊insured_staff × percent / 100⌋, at least 1: a unit of 3 insured staff may still take one trainee."""
    return max(1, insured_staff * percent // 100)
