"""The whole stack on free loopback ports: `scripts/devstack.py`, exactly what `make dev` runs."""

from __future__ import annotations

import os
import signal
import socket
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts import devstack

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture(scope="module")
def stack() -> Iterator[str]:
    moto_port, api_port = _free_port(), _free_port()
    log_path = ROOT / ".local" / f"e2e-stack-{api_port}.log"
    log_path.parent.mkdir(exist_ok=True)
    log = log_path.open("wb")
    process = devstack.spawn(moto_port, api_port, log)
    health = f"http://127.0.0.1:{api_port}/v1/health"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(health, timeout=1):
                break
        except OSError:
            if process.poll() is not None:
                pytest.fail(f"devstack exited: {log_path.read_text(errors='replace')[-2000:]}")
            time.sleep(0.5)
    else:
        os.killpg(process.pid, signal.SIGKILL)
        pytest.fail("the local stack did not come up within 120 s")
    yield f"http://127.0.0.1:{api_port}/v1"
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)
    log.close()
    time.sleep(0.5)
    assert not _listening(moto_port) and not _listening(api_port), "a server outlived Ctrl-C/SIGTERM"
