"""The whole stack on free loopback ports: `scripts/devstack.py`, exactly what `make dev` runs.

`local_stack` yields the URLs of the API (…/v1), the web client and the local issuer; `stack` is the API's alone.
"""

from __future__ import annotations

import os
import signal
import socket
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from scripts import devstack

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class LocalStack:
    api: str  # http://127.0.0.1:<port>/v1
    web: str  # http://127.0.0.1:<port>, the web client (web/dist) and its /config.json
    issuer: str  # http://127.0.0.1:<port>, the local OpenID Connect issuer (`iss` of the tokens the API accepts)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - loopback URLs built here
            return True
    except OSError:
        return False


# One stack for the whole session: building the demo data's keyword index takes minutes on a loaded machine, and
# every test makes data of its own (fresh subjects, unique titles), so the modules need no stack each.
@pytest.fixture(scope="session")
def local_stack() -> Iterator[LocalStack]:
    ports = {name: _free_port() for name in ("MOTO_PORT", "API_PORT", "WEB_PORT", "ISSUER_PORT")}
    log_path = ROOT / ".local" / f"e2e-stack-{ports['API_PORT']}.log"
    log_path.parent.mkdir(exist_ok=True)
    log = log_path.open("wb")
    process = devstack.spawn(
        ports["MOTO_PORT"],
        ports["API_PORT"],
        log,
        WEB_PORT=str(ports["WEB_PORT"]),
        ISSUER_PORT=str(ports["ISSUER_PORT"]),
    )
    urls = LocalStack(
        api=f"http://127.0.0.1:{ports['API_PORT']}/v1",
        web=f"http://127.0.0.1:{ports['WEB_PORT']}",
        issuer=f"http://127.0.0.1:{ports['ISSUER_PORT']}",
    )
    ready = (f"{urls.api}/health", f"{urls.web}/config.json", f"{urls.issuer}/.well-known/openid-configuration")
    # Generous: a loaded 2-core machine builds the demo data and its keyword index slowly (minutes).
    deadline = time.monotonic() + 900
    while not (devstack.READY in log_path.read_text(errors="replace") and all(_answers(url) for url in ready)):
        if process.poll() is not None:
            pytest.fail(f"devstack exited: {log_path.read_text(errors='replace')[-2000:]}")
        if time.monotonic() > deadline:
            os.killpg(process.pid, signal.SIGKILL)
            pytest.fail("the local stack was not ready within 900 s")
        time.sleep(0.5)
    yield urls
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)
    log.close()
    deadline = time.monotonic() + 10
    while any(_listening(port) for port in ports.values()) and time.monotonic() < deadline:
        time.sleep(0.2)
    still = [name for name, port in ports.items() if _listening(port)]
    assert not still, f"a server outlived Ctrl-C/SIGTERM: {', '.join(still)}"


@pytest.fixture(scope="module")
def stack(local_stack: LocalStack) -> str:
    return local_stack.api
