"""People, forms, attachments and positions for the service tests, written through the fakes."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from chalicelib.adapters.models import Attachment
from chalicelib.domain.principal import Principal
from chalicelib.services import applications, positions, review
from tests.factories import id_number, position_body
from tests.services.fakes import Fakes

NOW = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)  # 10:00 in China, November 2026
REVIEWER = Principal("reviewer", "审核员", None, frozenset({"applicant", "reviewer"}), "140100")  # 太原市
MANAGER = Principal("manager", "岗位管理员", None, frozenset({"applicant", "position_manager"}), "140000")


def applicant(serial: int, name: str = "王晓雨") -> Principal:
    return Principal(f"u-{serial}", name, id_number(date(2003, 5, 10), serial=serial), frozenset({"applicant"}), None)


def uploaded_attachment(owner: str, kind: str = "id_card") -> Attachment:
    """An attachment as a confirmed upload leaves it: the owner's, uploaded, not in use."""
    return Attachment(
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


def uploaded(fake: Fakes, owner: str, kinds: tuple[str, ...] = ("id_card", "graduation_certificate")) -> list[str]:
    made = [uploaded_attachment(owner, kind) for kind in kinds]
    for attachment in made:
        fake.attachments.put(attachment)
    return [a.attachment_id for a in made]


def form(who: Principal, attachment_ids: list[str], locality: str = "140105") -> dict[str, Any]:
    """The form as the route's parser hands it over (dates parsed)."""
    assert who.id_number is not None and who.name is not None
    return {
        "name": who.name,
        "id_number": who.id_number,
        "phone": "13912345678",
        "education": "bachelor",
        "school": "山西大学",
        "major": "软件工程",
        "graduation_date": date(2026, 6, 30),
        "person_category": "graduate_within_2_years",
        "locality": locality,
        "address": "太原市小店区坞城路92号",
        "attachments": attachment_ids,
    }


def submitted(fake: Fakes, who: Principal, locality: str = "140105", now: datetime = NOW) -> str:
    answer = applications.submit(who, form(who, uploaded(fake, who.subject), locality), now, stores=fake.stores)
    return answer.application_id


def approved(fake: Fakes, who: Principal, locality: str = "140105") -> str:
    application_id = submitted(fake, who, locality)
    reviewer = Principal("r-province", "审核员", None, frozenset({"applicant", "reviewer"}), "140000")
    review.decide(reviewer, application_id, "approve", None, NOW, stores=fake.stores)
    return application_id


def position_fields(**changes: Any) -> dict[str, Any]:
    """A position body as the route's parser hands it over: the deadline a date, 60 days after NOW."""
    return position_body(**{"deadline": (NOW + timedelta(days=60)).date(), **changes})


def published(fake: Fakes, now: datetime = NOW, **changes: Any) -> str:
    return positions.create(MANAGER, position_fields(**changes), now, stores=fake.stores).position_id
