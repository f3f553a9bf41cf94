"""Fixtures for races: DynamoDB's per-request atomicity on moto, and people, positions and cases to race on."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from scripts import moto_atomic


@pytest.fixture
def atomic_moto(aws: None) -> None:
    """DynamoDB's per-request atomicity on moto (scripts/moto_atomic.py; tests/conftest.py installs it), so a
    race test fails only if our conditions and transactions are wrong, not because the emulator tore a write."""
    moto_atomic.install()


def race(*calls: Callable[[], Any]) -> list[Any]:
    """Start every call at the same moment, each on its own thread; return each result or exception."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int, call: Callable[[], Any]) -> None:
        barrier.wait()
        try:
            results[index] = call()
        except Exception as error:
            results[index] = error

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.fixture
def world(atomic_moto: None) -> Iterator[None]:
    yield
