"""Loopback plumbing the local servers share: a free port, whether a port listens or a URL answers, polling until
a started server is ready, and `make dev`'s stack (scripts/devstack.py) spawned on free ports and stopped again.

One copy for the e2e and stream fixtures, the web-stack tests and the benches: each used to carry its own.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

HOST = "127.0.0.1"


class NotReady(RuntimeError):
    """A server exited before it was ready, or was not ready in time (it has then been killed)."""


def free_port() -> int:
    """A port nothing listens on now: the kernel's pick, so parallel stacks never collide on a fixed one."""
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex((HOST, port)) == 0


def answers(url: str, timeout: float = 2) -> bool:
    """Whether the URL answers with a success (an HTTP error status counts as not ready)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout):  # noqa: S310 - loopback URLs built by the callers
            return True
    except OSError:
        return False


def wait_until(
    ready: Callable[[], bool], process: subprocess.Popen[bytes], seconds: float, what: str, log: Path | None = None
) -> None:
    """Poll `ready` until it holds. NotReady (with the end of `log`) if `process` exits first, or after `seconds`
    (then its process group, started in a session of its own, is killed). Generous `seconds`: a loaded 2-core
    machine is slow to start."""
    deadline = time.monotonic() + seconds
    while not ready():
        if process.poll() is not None:
            raise NotReady(f"{what} exited with code {process.returncode}{_tail(log)}")
        if time.monotonic() > deadline:
            os.killpg(process.pid, signal.SIGKILL)
            raise NotReady(f"{what} was not ready within {seconds:.0f} s{_tail(log)}")
        time.sleep(0.5)  # the polling interval, not a synchronisation


def _tail(log: Path | None) -> str:
    return "" if log is None else f"; the end of {log}:\n{log.read_text(errors='replace')[-2000:]}"


def stop(process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    """SIGTERM, as Ctrl-C stops `make dev`; SIGKILL to the group if it has not stopped within `seconds`."""
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=seconds)


@dataclass(frozen=True)
class StackPorts:
    moto: int
    api: int
    web: int
    issuer: int

    @property
    def api_url(self) -> str:
        return f"http://{HOST}:{self.api}/v1"

    @property
    def web_url(self) -> str:
        return f"http://{HOST}:{self.web}"

    @property
    def issuer_url(self) -> str:
        return f"http://{HOST}:{self.issuer}"


@contextmanager
def devstack_on_free_ports(
    log_path: Path, *, moto_port: int | None = None, seconds: float = 900, **environment: str
) -> Iterator[StackPorts]:
    """`make dev` (scripts/devstack.py's `spawn`) on free ports, its output in `log_path`; ready once it printed
    devstack.READY (demo data indexed, stream handlers running) and the API, the client and the issuer answer.
    With `moto_port`, it reuses the moto server listening there and its data. Stopped with SIGTERM on exit."""
    from scripts import devstack

    ports = StackPorts(moto_port or free_port(), free_port(), free_port(), free_port())
    log_path.parent.mkdir(parents=True, exist_ok=True)
    urls = (
        f"{ports.api_url}/health",
        f"{ports.web_url}/config.json",
        f"{ports.issuer_url}/.well-known/openid-configuration",
    )

    def ready() -> bool:
        return devstack.READY in log_path.read_text(errors="replace") and all(answers(url) for url in urls)

    with log_path.open("wb") as log:
        process = devstack.spawn(
            ports.moto, ports.api, log, WEB_PORT=str(ports.web), ISSUER_PORT=str(ports.issuer), **environment
        )
        try:
            wait_until(ready, process, seconds, "the local stack (scripts/devstack.py)", log_path)
            yield ports
        finally:
            if process.poll() is None:
                stop(process)
