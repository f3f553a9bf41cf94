"""`make dev`'s scheduled jobs, run beside the stream handlers as the cloud's schedules run them.

- Every RECOVER_TEXTS_SECONDS (300 by default): the outbox recovery (`recover_texts`, hourly in the cloud), so a
  text the local stream runner parked in `.local/stream-dead-letters.jsonl` is sent, or given up with its reason;
  and the steps of the 08:00 run that are idempotent, so they may run more often than daily: the placements whose
  period ended (见习期满), the units told of periods ending within a week, the 差评 follow-up reminders.
- When the local clock moves (`POST /v1/local/clock`) or China's date turns: at once, the whole 08:00 run of the
  new day (`services/jobs.py` morning: also the deadline reminders, the saved-search digests, the held-back texts),
  so a developer who walks the clock to a period's end sees the placement completed within a second or two, never
  waiting for the next beat.

Run by scripts/devstack.py as a child process with the API's environment; stops with it (SIGTERM)."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SECONDS = 300
CLOCK_POLL_SECONDS = 1.0  # how soon a move of the local clock is noticed: one stat of the clock file

if TYPE_CHECKING:
    from chalicelib.ports import Ports


def beat(now: datetime, ports: Ports) -> list[str]:
    """The frequent jobs: what each did, for the log (nothing when there was nothing to do)."""
    from chalicelib.services.outbox_recovery import recover
    from chalicelib.services.placement_agency import complete_due, remind_ending
    from chalicelib.services.ratings import remind_overdue

    said = []
    if outcomes := recover(now, ports=ports):
        said.append(f"recover_texts: {outcomes}")
    # Each idempotent (once per 差评, per placement, per period), so running them more often only says it sooner.
    if overdue := remind_overdue(now, ports=ports):
        said.append(f"overdue ratings reminded: {overdue}")
    if completed := complete_due(now, ports=ports):
        said.append(f"placements completed: {completed}")
    if ending := remind_ending(now, ports=ports):
        said.append(f"units told of periods ending: {ending}")
    return said


def morning_of_a_new_day(last_day: date | None, today: date) -> bool:
    """The 08:00 run is due when the day the service sees is not the one it last ran for (not at start-up)."""
    return last_day is not None and today != last_day


def run(clock: Callable[[], datetime], ports: Callable[[], Ports], *, every: float, rounds: int | None = None) -> None:
    """The loop: `rounds` bounds it for a test; `make dev` runs it until stopped."""
    from chalicelib.domain.clock import china_date
    from chalicelib.services.jobs import morning

    last_beat, last_day = time.monotonic(), china_date(clock())
    while rounds is None or rounds > 0:
        rounds = None if rounds is None else rounds - 1
        time.sleep(CLOCK_POLL_SECONDS)  # a polling interval, not a synchronisation: the jobs are idempotent
        now = clock()
        if morning_of_a_new_day(last_day, china_date(now)):
            print(f"morning run of {china_date(now)}: {morning(now, ports=ports())}", flush=True)
            last_day = china_date(now)
        if time.monotonic() - last_beat >= every:
            last_beat = time.monotonic()
            for line in beat(now, ports()):
                print(line, flush=True)


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from chalicelib import wiring
    from chalicelib.domain.clock import utc_now

    run(utc_now, wiring.ports, every=float(os.environ.get("RECOVER_TEXTS_SECONDS", str(DEFAULT_SECONDS))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
