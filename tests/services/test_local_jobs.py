"""`make dev`'s jobs (scripts/local_jobs.py) follow the local clock: a move of it runs the new day's 08:00 run at
once, and the frequent beat runs only the steps that may run more often than daily. On the fakes, without sleeping."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

import pytest

from chalicelib.domain.clock import CHINA
from scripts import local_jobs
from tests.services.fakes import Fakes
from tests.services.subsidy_steps import placement

DAY = datetime(2027, 5, 20, 10, tzinfo=CHINA)


def ticking(*moments: datetime) -> Callable[[], datetime]:
    """A clock that answers each moment in turn (the loop reads it once at start and once a round)."""
    answers = iter(moments)
    return lambda: next(answers)


def test_the_new_days_morning_run_is_due_only_when_the_day_turns() -> None:
    today = date(2027, 5, 20)
    assert not local_jobs.morning_of_a_new_day(None, today)  # not at start-up
    assert not local_jobs.morning_of_a_new_day(today, today)
    assert local_jobs.morning_of_a_new_day(today, today + timedelta(days=8))


def test_a_move_of_the_clock_runs_the_morning_run_at_once(
    fake: Fakes, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(local_jobs, "CLOCK_POLL_SECONDS", 0)
    clock = ticking(DAY, DAY + timedelta(seconds=1), DAY + timedelta(days=8), DAY + timedelta(days=8, seconds=1))
    local_jobs.run(clock, lambda: fake.ports, every=3600, rounds=3)
    said = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in said] == ["morning run of 2027-05-28"]  # once, not again the same day
    assert "'placements_completed': 0" in said[0] and "'placements_ending': 0" in said[0]


def test_the_beat_tells_the_unit_of_a_period_ending_then_completes_it(
    fake: Fakes, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    placement(fake, 1)  # in progress, its last day 2025-08-31
    monkeypatch.setattr(local_jobs, "CLOCK_POLL_SECONDS", 0)
    week_before, after = datetime(2025, 8, 25, 9, tzinfo=CHINA), datetime(2025, 9, 1, 9, tzinfo=CHINA)
    local_jobs.run(ticking(week_before, week_before, week_before), lambda: fake.ports, every=0, rounds=2)
    assert capsys.readouterr().out == "units told of periods ending: 1\n"  # the second beat: told already
    assert local_jobs.beat(after, fake.ports) == ["placements completed: 1"]
    again = local_jobs.beat(after, fake.ports)  # the completion's text to the trainee waits in the outbox: not yet due
    assert again == ["recover_texts: {'young': 1}"]
