"""Builders that write through the real stores (in-process moto in the tests, or the bench's): a person, a
published position, confirmed attachments, a submitted or approved case. The race and integration tests and the
bench share them; the pure builders they use are scripts/factories.py."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from chalicelib import wiring
from chalicelib.adapters.dynamo import connection
from chalicelib.domain.principal import Principal
from chalicelib.services import applications, positions, review
from scripts.factories import as_parsed, graduate_form, id_number, position_body, uploaded_attachment

NOW = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)


def person(sub: str, serial: int, name: str = "测试") -> Principal:
    return Principal(sub, name, id_number(date(2003, 5, 17), serial=serial), frozenset({"applicant"}), None)


MANAGER = Principal("manager", "岗位管理员", None, frozenset({"applicant", "position_manager"}), "140000")
REVIEWER = Principal("reviewer", "审核员", None, frozenset({"applicant", "reviewer"}), "140000")


def new_position(county: str = "140105", title: str = "软件开发见习生", now: datetime = NOW, **changes: Any) -> str:
    fields = position_body(title=title, county_code=county, deadline=(now + timedelta(days=60)).date(), **changes)
    return positions.create(MANAGER, fields, now, ports=wiring.ports()).position_id


def uploaded_attachments(owner: str) -> list[str]:
    """Attachments already confirmed: the races are about applications, not uploads."""
    ids = []
    for kind in ("id_card", "graduation_certificate"):
        attachment = uploaded_attachment(owner, kind)
        connection()
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
    return str(
        applications.submit(principal, form_for(principal, ids, locality), NOW, ports=wiring.ports()).application_id
    )


def approved_trainee(principal: Principal, locality: str = "140105") -> str:
    application_id = submitted(principal, locality)
    review.decide(REVIEWER, application_id, "approve", None, NOW, ports=wiring.ports())
    return application_id
