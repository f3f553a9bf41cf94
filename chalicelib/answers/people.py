"""Answers about people: who am I (`/v1/me`), and what a printed form's QR code proves (扫码验真)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from msgspec import Meta, Struct

from chalicelib.answers.fields import ApplicationStatus, HexId, MaskedIdNumber, StatusLabel, Timestamp, one_of, ref
from chalicelib.answers.regions import Locality, locality
from chalicelib.domain.credit_code import CREDIT_CODE_PATTERN
from chalicelib.domain.masks import mask_id_number, mask_name
from chalicelib.domain.principal import Principal
from chalicelib.domain.vocabulary import STATUS_LABELS

if TYPE_CHECKING:
    from chalicelib.domain.records import ApplicationRecord, PersonRecord


class Me(Struct, kw_only=True, omit_defaults=True):
    """Who the caller is. `credit_code` and `org_name` are present only under 法人登录 (a unit's agent)."""

    subject: Annotated[str, Meta(description="The token's `sub`.")]
    name: Annotated[str, Meta(description="The token's `name` (real name).")] | None
    id_number_masked: Annotated[str, ref("MaskedIdNumber", "`null` when the token has no `id_number` (staff).")] | None
    roles: Annotated[
        list[str],
        Meta(
            description="The token's roles, sorted; always includes `applicant`. `reviewer` and `position_manager` "
            "are dropped when the token has no `region`.",
            extra_json_schema={"uniqueItems": True, "contains": {"const": "applicant"}},
        ),
    ]
    region: Annotated[str, ref("RegionCode")] | None
    trainee_status: Annotated[
        str,
        one_of(
            ["none", "pending", "approved"],
            "`pending` or `approved` while the person has such an application; otherwise `none`.",
        ),
    ]
    locality: Annotated[Locality, ref("Locality", "The 业务办理属地 of that application; `null` when none.")] | None
    unread_messages: Annotated[int, Meta(ge=0, description="How many of the caller's messages are unread.")]
    credit_code: (
        Annotated[
            str,
            Meta(pattern=CREDIT_CODE_PATTERN, description="The unit's 统一社会信用代码 (法人登录 only)."),
        ]
        | None
    ) = None
    org_name: Annotated[str, Meta(description="The unit's name (法人登录 only).")] | None = None


class Verification(Struct, kw_only=True):
    """What a printed form's QR code proves: the case exists, its current status, masked identity."""

    application_id: HexId
    genuine: Annotated[bool, Meta(description="Always true: a forged id is a 404.", extra_json_schema={"const": True})]
    status: ApplicationStatus
    status_label: StatusLabel
    name_masked: Annotated[
        str, Meta(description="The applicant's name, first and last character shown: 王*雨 (two characters: 王*).")
    ]
    id_number_masked: MaskedIdNumber
    submitted_at: Timestamp
    locality: Locality


def me(principal: Principal, person: PersonRecord | None) -> Me:
    """The token's claims, and the trainee status of the person's live application (pending or approved)."""
    live = person if person is not None and person.live_application_id is not None else None
    return Me(
        subject=principal.subject,
        name=principal.name,
        id_number_masked=mask_id_number(principal.id_number) if principal.id_number else None,
        roles=sorted(principal.roles),
        region=principal.region,
        trainee_status=live.live_status if live is not None and live.live_status else "none",
        locality=locality(live.locality) if live is not None else None,
        unread_messages=int(person.unread_messages or 0) if person is not None else 0,
        credit_code=principal.credit_code,
        org_name=principal.org_name,
    )


def verification(application: ApplicationRecord) -> Verification:
    """Only masks, the status and where it is handled: enough to tell a genuine form from a forged one."""
    return Verification(
        application_id=application.application_id,
        genuine=True,
        status=application.status,
        status_label=STATUS_LABELS[application.status],
        name_masked=mask_name(application.name),
        id_number_masked=mask_id_number(application.id_number),
        submitted_at=application.submitted_at,
        locality=locality(application.locality) or Locality(code=application.locality, name=application.locality),
    )
