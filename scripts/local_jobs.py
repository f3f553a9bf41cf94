"""`make dev`'s scheduled jobs that must keep running beside the stream handlers: the outbox recovery
(`recover_texts`, hourly in the cloud) every RECOVER_TEXTS_SECONDS (300 by default), so a text the local stream
runner parked in `.local/stream-dead-letters.jsonl` is sent, or given up with its reason, as in the cloud.

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
    from chalicelib.domain.clock import utc_now
    from chalicelib.services.outbox_recovery import recover

    every = float(os.environ.get("RECOVER_TEXTS_SECONDS", str(DEFAULT_SECONDS)))
    while True:
        time.sleep(every)
        outcomes = recover(utc_now())
        if outcomes:
            print(f"recover_texts: {outcomes}", flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
