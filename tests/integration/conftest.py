"""Fixtures for races: DynamoDB's per-request atomicity on moto, and people, positions and cases to race on."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from chalicelib.adapters.models import Attachment
from chalicelib.domain.identity import credit_check_char, id_check_char
from chalicelib.domain.principal import Principal
from chalicelib.services import applications, positions, review
from scripts import moto_atomic

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


def id_number(serial: int, born: str = "20030517") -> str:
    first17 = f"140105{born}{serial % 1000:03d}"
    return first17 + id_check_char(first17)


def person(sub: str, serial: int, name: str = "测试") -> Principal:
    return Principal(sub, name, id_number(serial), frozenset({"applicant"}), None)


MANAGER = Principal("manager", "岗位管理员", None, frozenset({"applicant", "position_manager"}), "140000")
REVIEWER = Principal("reviewer", "审核员", None, frozenset({"applicant", "reviewer"}), "140000")


def new_position(county: str = "140105", title: str = "软件开发见习生", now: datetime = NOW, **changes: Any) -> str:
    code17 = "91140100MA0K12345"
    fields = {
        "title": title,
        "employer_name": "山西测试科技有限公司",
        "employer_credit_code": code17 + credit_check_char(code17),
        "industry": "I",
        "county_code": county,
        "address": "太原市小店区坞城路92号",
        "headcount": 3,
        "education": "bachelor",
        "majors": ["软件工程"],
        "description": "参与业务系统开发，配备导师带教。",
        "stipend_yuan_per_month": 2300,
        "duration_months": 6,
        "deadline": (now + timedelta(days=60)).date(),
        "contact_name": "王老师",
        "contact_phone": "13812345678",
        **changes,
    }
    return str(positions.create(MANAGER, fields, now)["position_id"])


def uploaded_attachments(owner: str) -> list[str]:
    """Attachments already confirmed: the races are about applications, not uploads."""
    ids = []
    for kind in ("id_card", "graduation_certificate"):
        attachment = Attachment(
            uuid.uuid4().hex,
            owner=owner,
            kind=kind,
            filename=f"{kind}.pdf",
            content_type="application/pdf",
            declared_size=1000,
            status="uploaded",
            size=1000,
            created_at="2026-11-26T10:00:00+08:00",
        )
        attachment.save()
        ids.append(attachment.attachment_id)
    return ids


def form_for(principal: Principal, attachment_ids: list[str], locality: str = "140105") -> dict[str, Any]:
    assert principal.id_number is not None and principal.name is not None
    return {
        "name": principal.name,
        "id_number": principal.id_number,
        "phone": "13912345678",
        "education": "bachelor",
        "school": "山西大学",
        "major": "软件工程",
        "graduation_date": datetime(2026, 6, 30).date(),
        "person_category": "graduate_within_2_years",
        "locality": locality,
        "address": "太原市小店区坞城路92号",
        "attachments": attachment_ids,
    }


def submitted(principal: Principal, locality: str = "140105") -> str:
    ids = uploaded_attachments(principal.subject)
    return str(applications.submit(principal, form_for(principal, ids, locality), NOW)["application_id"])


def approved_trainee(principal: Principal, locality: str = "140105") -> str:
    application_id = submitted(principal, locality)
    review.decide(REVIEWER, application_id, "approve", None, NOW)
    return application_id


@pytest.fixture
def world(atomic_moto: None) -> Iterator[None]:
    yield
