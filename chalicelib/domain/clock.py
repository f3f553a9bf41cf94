"""Time as API.md speaks of it: RFC 3339 with offset, and months and days in China Standard Time."""

from __future__ import annotations

import json
import os
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

CHINA = timezone(timedelta(hours=8), "CST")

# The local stack's clock (POST /v1/local/clock): an offset in days kept in the file this variable names, which
# `make dev` sets for the API, the jobs and the stream handlers alike, so all three see the same "today". Unset
# everywhere else (the cloud, the tests unless one sets it): then the offset is 0 and no file is ever read.
CLOCK_FILE_VARIABLE = "LOCAL_CLOCK_FILE"
_read: dict[str, tuple[int, int]] = {}  # path -> (mtime_ns, offset days): read again only when the file changes


def utc_now() -> datetime:
    return datetime.now(UTC) + timedelta(days=offset_days())


def clock_file() -> Path | None:
    configured = os.environ.get(CLOCK_FILE_VARIABLE, "").strip()
    return Path(configured) if configured else None


def offset_days() -> int:
    """The local clock's offset; 0 when no clock file is configured or none was written yet."""
    path = clock_file()
    if path is None:
        return 0
    try:
        stamp = path.stat().st_mtime_ns
    except FileNotFoundError:
        return 0
    known = _read.get(str(path))
    if known is None or known[0] != stamp:
        known = (stamp, int(json.loads(path.read_text(encoding="utf-8"))["offset_days"]))
        _read[str(path)] = known
    return known[1]


def set_offset_days(days: int) -> None:
    """Written whole (a temporary file renamed over the old one), so a reader never sees half a file."""
    path = clock_file()
    if path is None:
        raise RuntimeError(f"{CLOCK_FILE_VARIABLE} is not set")
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps({"offset_days": days}), encoding="utf-8")
    temporary.replace(path)
    _read.pop(str(path), None)


def china_time(moment: datetime) -> str:
    """RFC 3339 in UTC+8, to the second: what every answer shows."""
    return moment.astimezone(CHINA).isoformat(timespec="seconds")


def china_date(moment: datetime) -> date:
    return moment.astimezone(CHINA).date()


def morning_of(day: date) -> datetime:
    """08:00 China time of `day`: the moment the morning run's notices of that day are dated, not the run's own,
    so that a rerun derives the same message ids and writes nothing twice."""
    return datetime(day.year, day.month, day.day, 8, tzinfo=CHINA)


def china_month(moment: datetime) -> str:
    """The 申办月份: 2026-11-30T17:30:00Z belongs to 2026-12."""
    return moment.astimezone(CHINA).strftime("%Y-%m")


def sortable_utc(moment: datetime) -> str:
    """A fixed-width UTC stamp, so string order is time order in sort keys."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def sortable_china(moment: datetime) -> str:
    """A fixed-width UTC+8 stamp: string order is time order, and its prefix is the China month."""
    return moment.astimezone(CHINA).strftime("%Y-%m-%dT%H:%M:%S.%f+08:00")
