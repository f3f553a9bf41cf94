"""The SMS gateway behind a small interface: the local sink for `make dev` and tests, a real provider in the cloud.

Which one, and the provider's settings, come from the environment through a cached function (read on first
use, never at import). The provider's secret is read from Secrets Manager, once per container.
"""

from __future__ import annotations

import json
import os
import threading
from functools import cache
from pathlib import Path

from msgspec import Struct

from chalicelib.config import MissingSetting, settings
from chalicelib.domain.clock import china_time, utc_now
from chalicelib.domain.notices import Text
from chalicelib.ports.sms import SmsGateway

# The project's .local/ (git ignores it), whichever directory the API or the stream runner was started from.
DEFAULT_LOG = Path(__file__).resolve().parents[2] / ".local" / "sms.log"


_LOG_LOCK = threading.Lock()


class LocalSink(Struct, frozen=True):
    """Writes each text as one JSON line: what `make dev` "sends", and what GET /v1/local/sms shows."""

    path: Path

    def send(self, text: Text, event_id: str) -> str:
        line = json.dumps(
            {
                "at": china_time(utc_now()),
                "event_id": event_id,
                "phone": text.phone,
                "kind": text.kind,
                "text": text.render(),
            },
            ensure_ascii=False,
        )
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with _LOG_LOCK, self.path.open("a", encoding="utf-8") as log:
            log.write(line + "\n")
        return f"local-{event_id}"

    def find_sent(self, text: Text, event_id: str) -> str | None:
        written = any(line.get("event_id") == event_id for line in self.sent())
        return f"local-{event_id}" if written else None

    def sent(self) -> list[dict[str, str]]:
        if not self.path.exists():
            return []
        lines = self.path.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]


def local_log_path() -> Path:
    configured = os.environ.get("SMS_LOG_PATH")
    return Path(configured) if configured else DEFAULT_LOG


@cache
def gateway() -> SmsGateway:
    """`SMS_GATEWAY`: `local` (the default on the local stage) or `tencent`."""
    choice = os.environ.get("SMS_GATEWAY") or ("local" if settings().stage == "local" else "")
    if choice == "local":
        return LocalSink(local_log_path())
    if choice == "tencent":
        from chalicelib.adapters.tencent_sms import from_environment

        return from_environment()
    raise MissingSetting("SMS_GATEWAY")
