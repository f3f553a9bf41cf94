"""A trainee application as answers show it: submitted, a list line, moved, in full (masked or not), its history."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any

from msgspec import Meta, Struct

from chalicelib.answers.attachments import AttachmentDetail, AttachmentInfo
from chalicelib.answers.fields import (
    ApplicationStatus,
    Day,
    HexId,
    LocalityCode,
    MaskedIdNumber,
    Month,
    Page,
    StatusLabel,
    Timestamp,
    label_of,
    named,
    one_of,
    ref,
)
from chalicelib.domain.masks import mask_id_number, mask_phone
from chalicelib.domain.regions import shanxi
from chalicelib.domain.vocabulary import (
    APPLICANT_EDUCATION,
    EDUCATION_LABELS,
    GENDER_LABELS,
    PERSON_CATEGORY_LABELS,
    STATUS_LABELS,
)

if TYPE_CHECKING:
    from chalicelib.domain.records import ApplicationRecord

SUBMITTED_MESSAGE = "申报成功"
Gender = Annotated[str, ref("Gender")]


class HistoryEntry(Struct, kw_only=True):
    """One step of an application: submitted (`pending`, by the applicant), `withdrawn` (by the applicant),
    `approved` or `rejected` (by a reviewer)."""

    status: ApplicationStatus
    status_label: StatusLabel
    at: Timestamp
    actor: Annotated[str, one_of(["applicant", "reviewer"])]
    comment: (
        Annotated[
            str,
            Meta(
                description="The reviewer's comment on approval (optional) or reason for rejection; `null` otherwise."
            ),
        ]
        | None
    )


History = Annotated[list[HistoryEntry], Meta(min_length=1, description="Every status the case has had, oldest first.")]
# A named component that is not an object: the document lists it beside the Structs that name it.
_History = Annotated[list[HistoryEntry], named("History", History)]


class ApplicationSubmitted(Struct, kw_only=True):
    """The application was submitted (申报成功)."""

    application_id: HexId
    status: Annotated[str, one_of(["pending"])]
    status_label: Annotated[str, one_of([STATUS_LABELS["pending"]])]
    submitted_at: Timestamp
    month: Month
    gender: Gender
    birth_date: Day
    message: Annotated[str, one_of([SUBMITTED_MESSAGE])]


class ApplicationSummary(Struct, kw_only=True):
    """A line of a case list. `id_number` is masked whoever reads it."""

    application_id: HexId
    status: ApplicationStatus
    status_label: StatusLabel
    submitted_at: Timestamp
    month: Month
    name: str
    id_number: MaskedIdNumber
    person_category: Annotated[str, ref("PersonCategory")]
    person_category_label: Annotated[str, label_of(PERSON_CATEGORY_LABELS, "person_category")]
    locality: LocalityCode
    locality_name: Annotated[str, Meta(description="The locality's full name, e.g. 太原市小店区.")]


class ApplicationMoved(ApplicationSummary, kw_only=True):
    """What a withdrawal or a decision answers: the case's list line and its whole history."""

    history: _History


class ApplicationDetail(ApplicationSummary, kw_only=True):
    """The applicant's own case: the form with `id_number` and `phone` masked, the attachments' metadata and the
    history."""

    phone: Annotated[str, ref("MaskedPhone")]
    gender: Gender
    gender_label: Annotated[str, label_of(GENDER_LABELS, "gender")]
    birth_date: Annotated[str, ref("Date", "Read from the ID number.")]
    education: Annotated[str, ref("ApplicantEducation")]
    education_label: Annotated[str, label_of(EDUCATION_LABELS, "education", APPLICANT_EDUCATION)]
    school: str | None
    major: str | None
    graduation_date: Day | None
    address: str
    attachments: Annotated[Sequence[AttachmentInfo], Meta(description="In the order the form named them.")]
    history: _History


class ApplicationReviewDetail(ApplicationDetail, kw_only=True):
    """The case as a reviewer sees it: `id_number` and `phone` unmasked, and a short-lived `download_url` per
    attachment. Each read is written to the audit log."""

    # Redeclared fields keep their place in the order; only what they say changes.
    id_number: Annotated[str, ref("IdNumber")]
    phone: Annotated[str, ref("MobilePhone")]
    attachments: Annotated[Sequence[AttachmentDetail], Meta(description="In the order the form named them.")]


class ApplicationPage(Page, kw_only=True):
    """A page of applications, newest first."""

    items: Sequence[ApplicationSummary]


def submitted(application: ApplicationRecord) -> ApplicationSubmitted:
    return ApplicationSubmitted(
        application_id=application.application_id,
        status=application.status,
        status_label=STATUS_LABELS[application.status],
        submitted_at=application.submitted_at,
        month=application.month,
        gender=application.gender,
        birth_date=application.birth_date,
        message=SUBMITTED_MESSAGE,
    )


def _line(application: ApplicationRecord) -> dict[str, Any]:
    locality = shanxi().locality(application.locality)
    return {
        "application_id": application.application_id,
        "status": application.status,
        "status_label": STATUS_LABELS[application.status],
        "submitted_at": application.submitted_at,
        "month": application.month,
        "name": application.name,
        "id_number": mask_id_number(application.id_number),
        "person_category": application.person_category,
        "person_category_label": PERSON_CATEGORY_LABELS[application.person_category],
        "locality": application.locality,
        "locality_name": locality.full_name if locality else application.locality,
    }


def summary(application: ApplicationRecord) -> ApplicationSummary:
    """A line of a list: enough to find the case, with the ID number masked whoever reads it."""
    return ApplicationSummary(**_line(application))


def history(application: ApplicationRecord) -> list[HistoryEntry]:
    return [
        HistoryEntry(
            status=entry.status,
            status_label=STATUS_LABELS[entry.status],
            at=entry.at,
            actor=entry.actor,
            comment=entry.comment,
        )
        for entry in application.history
    ]


def moved(application: ApplicationRecord) -> ApplicationMoved:
    """What a withdrawal or a decision answers: the case's line and its whole history."""
    return ApplicationMoved(**_line(application), history=history(application))


def _form(application: ApplicationRecord) -> dict[str, Any]:
    return {
        **_line(application),
        "phone": mask_phone(application.phone),
        "gender": application.gender,
        "gender_label": GENDER_LABELS[application.gender],
        "birth_date": application.birth_date,
        "education": application.education,
        "education_label": EDUCATION_LABELS[application.education],
        "school": application.school or None,
        "major": application.major or None,
        "graduation_date": application.graduation_date or None,
        "address": application.address,
        "history": history(application),
    }


def for_owner(application: ApplicationRecord, attachments: Sequence[AttachmentInfo]) -> ApplicationDetail:
    """The applicant's own case, masked."""
    return ApplicationDetail(**_form(application), attachments=attachments)


def for_reviewer(application: ApplicationRecord, attachments: Sequence[AttachmentDetail]) -> ApplicationReviewDetail:
    """The reviewer's view: unmasked (the caller audits the read)."""
    unmasked = {**_form(application), "id_number": application.id_number, "phone": application.phone}
    return ApplicationReviewDetail(**unmasked, attachments=attachments)
