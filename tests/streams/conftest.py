"""A moto_server of its own for stream tests: in-process moto does not serve DynamoDB Streams' describe_stream."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts.loopback import NotReady, answers, free_port, wait_until


@pytest.fixture(scope="session")
def moto_server_url() -> Iterator[str]:
    port = free_port()
    server = Path(sys.executable).parent / "moto_server"
    process = subprocess.Popen(
        [str(server), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: answers(f"{url}/moto-api/"), process, 120, "moto_server")
    except NotReady as error:
        pytest.fail(str(error))
    yield url
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


@pytest.fixture
def on_moto_server(moto_server_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """boto3 (and PynamoDB) in this test talk to the moto_server, not to in-process moto."""
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto_server_url)
    return moto_server_url
