"""`make dev`'s scheduled jobs that must keep running beside the stream handlers: the outbox recovery
(`recover_texts`, hourly in the cloud) every RECOVER_TEXTS_SECONDS (300 by default), so a text the local stream
runner parked in `.local/stream-dead-letters.jsonl` is sent, or given up with its reason, as in the cloud; and,
on the same beat, the placements whose period ended (见习期满; in the cloud part of the 08:00 run, issue 20).
The 差评 follow-up reminders (issue 23) and the units' reminders of periods ending of the morning run too.

Run by scripts/devstack.py as a child process with the API's environment; stops with it (SIGTERM)."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SECONDS = 300


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from chalicelib import wiring
    from chalicelib.domain.clock import utc_now
    from chalicelib.services.outbox_recovery import recover
    from chalicelib.services.placement_agency import complete_due, remind_ending
    from chalicelib.services.ratings import remind_overdue  # issue 23: part of the 08:00 run in the cloud

    every = float(os.environ.get("RECOVER_TEXTS_SECONDS", str(DEFAULT_SECONDS)))
    while True:
        time.sleep(every)
        outcomes = recover(utc_now(), ports=wiring.ports())
        if outcomes:
            print(f"recover_texts: {outcomes}", flush=True)
        # Idempotent (one message per overdue 差评, ever), so running it more often than daily only says it sooner.
        overdue = remind_overdue(utc_now(), ports=wiring.ports())
        if overdue:
            print(f"overdue ratings reminded: {overdue}", flush=True)
        if completed := complete_due(utc_now(), ports=wiring.ports()):
            print(f"placements completed: {completed}", flush=True)
        # Once per placement as well: a week before its last day, its unit is told.
        if ending := remind_ending(utc_now(), ports=wiring.ports()):
            print(f"units told of periods ending: {ending}", flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
