"""What the store contracts share: a backend (the fakes, or the DynamoDB stores on moto) and builders that
write through its stores only. The contracts: test_application_store_contract.py, test_position_store_contract.py.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest

from chalicelib.adapters.dynamo import connection
from chalicelib.adapters.message_store import new_message
from chalicelib.adapters.models import Application, Attachment, Message, history_entry
from chalicelib.domain import notices
from chalicelib.domain.clock import china_month, china_time
from chalicelib.domain.regions import shanxi
from chalicelib.ports import Ports
from chalicelib.ports.conditions import APPLICATION, ATTACHMENT, PERSON, ConditionFailed
from chalicelib.ports.stores import Staged
from scripts.factories import uploaded_attachment

NOW = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)
__all__ = ["APPLICATION", "ATTACHMENT", "PERSON", "Backend"]


@dataclass
class Backend:
    ports: Ports
    put_attachment: Callable[[Attachment], None]
    message_kinds: Callable[[str], list[str]]
    catch_up: Callable[[], object]  # the keyword index reads the positions' stream (nothing to do on the fakes)
    put_file: Callable[[str, bytes, str], None]  # what a client's upload leaves in the bucket


def put_object(key: str, body: bytes, content_type: str) -> None:
    import boto3

    from chalicelib.config import settings

    boto3.client("s3").put_object(Bucket=settings().attachments_bucket, Key=key, Body=body, ContentType=content_type)


def saved(attachment: Attachment) -> None:
    connection()
    attachment.save()


def messages(subject: str) -> list[str]:
    connection()
    return [m.kind for m in Message.query(subject)]


def attachment(backend: Backend, owner: str) -> str:
    made = uploaded_attachment(owner)
    backend.put_attachment(made)
    return made.attachment_id


def case(subject: str, locality: str = "140105", at: datetime = NOW, files: list[str] | None = None) -> Application:
    found = shanxi().locality(locality)
    assert found is not None
    return Application(
        uuid.uuid4().hex,
        applicant=subject,
        name="王晓雨",
        id_number="140105200305171236",
        gender="male",
        birth_date="2003-05-17",
        phone="13912345678",
        education="bachelor",
        school="山西大学",
        major="软件工程",
        graduation_date="2026-06-30",
        person_category="graduate_within_2_years",
        locality=locality,
        city_code=found.city_code,
        province="140000",
        address="太原市小店区坞城路92号",
        attachment_ids=files or [],
        status="pending",
        submitted_at=china_time(at),
        month=china_month(at),
        history=[history_entry("pending", china_time(at), "applicant", None)],
    )


def notice(application: Application) -> Staged:
    return Staged(new_message(application.applicant, notices.submitted(application.application_id, "小店区"), NOW))


def submit(backend: Backend, application: Application, at: datetime = NOW) -> Application:
    backend.ports.applications.submit(application, application.attachment_ids, notice(application), at=at)
    return application


def refused(write: Callable[[], Any]) -> frozenset[str]:
    with pytest.raises(ConditionFailed) as failed:
        write()
    return failed.value.failed


def moved(backend: Backend, application: Application, status: str, *, release: bool) -> None:
    entry = history_entry(status, china_time(NOW), "reviewer", None)
    backend.ports.applications.move(application, status, entry, release=release)
