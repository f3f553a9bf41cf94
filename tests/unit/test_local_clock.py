"""The local clock: an offset in a shared file moves every reader's today; without the file, nothing moves."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from chalicelib.domain import clock


def test_without_a_clock_file_today_is_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(clock.CLOCK_FILE_VARIABLE, raising=False)
    assert clock.offset_days() == 0
    assert abs(clock.utc_now() - datetime.now(UTC)) < timedelta(minutes=1)


def test_an_advance_is_seen_by_every_reader_of_the_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "clock.json"
    monkeypatch.setenv(clock.CLOCK_FILE_VARIABLE, str(path))
    assert clock.offset_days() == 0  # no file yet

    clock.set_offset_days(7)
    clock._read.clear()  # another process: it has read nothing yet

    assert clock.offset_days() == 7
    assert abs(clock.utc_now() - (datetime.now(UTC) + timedelta(days=7))) < timedelta(minutes=1)
    assert path.read_text(encoding="utf-8") == '{"offset_days": 7}'
