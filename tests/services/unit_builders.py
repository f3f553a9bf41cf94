"""Units, their applications and their positions for the service tests, written through the fakes."""

from __future__ import annotations

from typing import Any

from chalicelib.domain.principal import Principal, principal_from_claims, unit_account
from chalicelib.services import unit_review, units
from scripts.factories import recognition_form, unit_claims, uploaded_attachment
from tests.services.builders import NOW, REVIEWER, position_fields
from tests.services.fakes import Fakes


def unit(serial: int = 901, org_name: str = "山西晋阳科技有限公司") -> Principal:
    return principal_from_claims(unit_claims(serial, org_name))


def licence(fake: Fakes, who: Principal) -> list[str]:
    attachment = uploaded_attachment(who.account, "business_licence")
    fake.attachments.put(attachment)
    return [attachment.attachment_id]


def applied(fake: Fakes, who: Principal, **changes: Any) -> str:
    form = recognition_form(licence(fake, who), **changes)
    return units.submit(who, form, NOW, ports=fake.ports).recognition_id


def recognised(fake: Fakes, who: Principal, insured_staff: int = 10) -> None:
    applied(fake, who, insured_staff=insured_staff)
    assert who.credit_code is not None
    unit_review.decide(REVIEWER, who.credit_code, "approve", None, NOW, ports=fake.ports)


def unit_fields(**changes: Any) -> dict[str, Any]:
    fields = position_fields(**changes)
    del fields["employer_name"], fields["employer_credit_code"]
    return fields


def kinds_told(fake: Fakes, who: Principal) -> list[str]:
    return [
        m.kind for (subject, _), m in sorted(fake.db.messages.items()) if subject == unit_account(who.credit_code or "")
    ]
