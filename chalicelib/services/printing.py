"""The printable 就业见习人员申请表 (打印报表) for the applicant (masked) and for a reviewer (unmasked, audited)."""

from __future__ import annotations

from datetime import datetime

from msgspec import to_builtins

from chalicelib.answers.applications import ApplicationDetail
from chalicelib.config import settings
from chalicelib.domain.principal import Principal
from chalicelib.services import applications, review


def verification_url(application_id: str) -> str:
    """What the QR code carries: the portal's page for the case, which asks a reviewer to sign in."""
    return f"{settings().public_base_url}/verify/{application_id}"


def _render(view: ApplicationDetail, now: datetime, *, unmasked: bool) -> bytes:
    from chalicelib.forms.application_pdf import render_application_form

    return render_application_form(
        to_builtins(view), verification_url=verification_url(view.application_id), generated_at=now, unmasked=unmasked
    )


def owner_form(principal: Principal, application_id: str, now: datetime) -> bytes:
    return _render(applications.detail_for_owner(principal, application_id), now, unmasked=False)


def reviewer_form(principal: Principal, application_id: str, now: datetime) -> bytes:
    return _render(review.detail(principal, application_id, now, action="print_form"), now, unmasked=True)


def filename(application_id: str) -> str:
    return f"application-{application_id}.pdf"
