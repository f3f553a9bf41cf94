"""统计分析 as the over-HTTP walks read it: a county's totals, and what changed between two readings."""

from __future__ import annotations

from typing import Any

from scripts.walkthrough import Walk

SPAN = {"from": "2026-01", "to": "2028-12"}  # three years around today: the local clock may have been moved


def figures(walk: Walk, staff: dict[str, str], region: str) -> dict[str, Any]:
    """The region's totals over SPAN, read by a reviewer whose region covers it."""
    totals: dict[str, Any] = walk.call("GET", "/admin/statistics", 200, staff, params={"region": region, **SPAN})[
        "totals"
    ]
    return totals


def moved(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """What changed, figure by figure (the rates aside: derived from the counts, and null before any case)."""
    return {key: after[key] - before[key] for key in before if not key.endswith("_rate") and after[key] != before[key]}
