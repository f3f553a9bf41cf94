"""Fixtures for races: DynamoDB's per-request atomicity on moto, and people, positions and cases to race on."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from chalicelib.domain.principal import Principal
from chalicelib.services import applications, positions, review
from scripts import moto_atomic
from tests.factories import as_parsed, graduate_form, id_number, position_body
from tests.services.builders import uploaded_attachment

NOW = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)


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


def person(sub: str, serial: int, name: str = "测试") -> Principal:
    return Principal(sub, name, id_number(date(2003, 5, 17), serial=serial), frozenset({"applicant"}), None)


MANAGER = Principal("manager", "岗位管理员", None, frozenset({"applicant", "position_manager"}), "140000")
REVIEWER = Principal("reviewer", "审核员", None, frozenset({"applicant", "reviewer"}), "140000")


def new_position(county: str = "140105", title: str = "软件开发见习生", now: datetime = NOW, **changes: Any) -> str:
    fields = position_body(title=title, county_code=county, deadline=(now + timedelta(days=60)).date(), **changes)
    return positions.create(MANAGER, fields, now).position_id


def uploaded_attachments(owner: str) -> list[str]:
    """Attachments already confirmed: the races are about applications, not uploads."""
    ids = []
    for kind in ("id_card", "graduation_certificate"):
        attachment = uploaded_attachment(owner, kind)
        attachment.save()
        ids.append(attachment.attachment_id)
    return ids


def form_for(principal: Principal, attachment_ids: list[str], locality: str = "140105") -> dict[str, Any]:
    assert principal.id_number is not None and principal.name is not None
    # The phone the SMS tests expect their texts at.
    return as_parsed(
        graduate_form(
            principal.name,
            principal.id_number,
            attachment_ids,
            date(2026, 6, 30),
            locality=locality,
            phone="13912345678",
        )
    )


def submitted(principal: Principal, locality: str = "140105") -> str:
    ids = uploaded_attachments(principal.subject)
    return applications.submit(principal, form_for(principal, ids, locality), NOW).application_id


def approved_trainee(principal: Principal, locality: str = "140105") -> str:
    application_id = submitted(principal, locality)
    review.decide(REVIEWER, application_id, "approve", None, NOW)
    return application_id


@pytest.fixture
def world(atomic_moto: None) -> Iterator[None]:
    yield
