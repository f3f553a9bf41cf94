"""Time as API.md speaks of it: RFC 3339 with offset, and months and days in China Standard Time."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

CHINA = timezone(timedelta(hours=8), "CST")


def utc_now() -> datetime:
    return datetime.now(UTC)


def china_time(moment: datetime) -> str:
    """RFC 3339 in UTC+8, to the second: what every answer shows."""
    return moment.astimezone(CHINA).isoformat(timespec="seconds")


def china_date(moment: datetime) -> date:
    return moment.astimezone(CHINA).date()


def china_month(moment: datetime) -> str:
    """The 申办月份: 2026-11-30T17:30:00Z belongs to 2026-12."""
    return moment.astimezone(CHINA).strftime("%Y-%m")


def sortable_utc(moment: datetime) -> str:
    """A fixed-width UTC stamp, so string order is time order in sort keys."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def sortable_china(moment: datetime) -> str:
    """A fixed-width UTC+8 stamp: string order is time order, and its prefix is the China month."""
    return moment.astimezone(CHINA).strftime("%Y-%m-%dT%H:%M:%S.%f+08:00")
