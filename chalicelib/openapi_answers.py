"""The answers' components: positions, who am I, attachments, applications and their history, 扫码验真."""

from __future__ import annotations

from typing import Any

from chalicelib.api.bodies import CONTACT_PHONE_PATTERN, CREDIT_CODE_PATTERN, ref
from chalicelib.domain import positions as position_rules
from chalicelib.domain import vocabulary
from chalicelib.domain.attachments import DOWNLOAD_EXPIRES_SECONDS, MAX_BYTES, MAX_FILENAME, UPLOAD_EXPIRES_SECONDS
from chalicelib.domain.regions import CITY_OWN_LEVEL_NAME
from chalicelib.openapi_schema import array, integer, label_of, nullable, obj, text

Schema = dict[str, Any]


def _position_fields() -> dict[str, Schema]:
    """Every field of a position in an answer, in API.md's order (labels right after their codes)."""
    limits = position_rules.TEXT_LIMITS
    return {
        "position_id": ref("HexId"),
        "title": text(maxLength=limits["title"]),
        "employer_name": text(maxLength=limits["employer_name"]),
        "employer_credit_code": text("统一社会信用代码 (GB 32100).", pattern=CREDIT_CODE_PATTERN),
        "industry": ref("Industry"),
        "industry_name": label_of(vocabulary.INDUSTRY_LABELS, "industry"),
        "city_code": ref("CityCode"),
        "city_name": text(),
        "county_code": ref("LocalityCode"),
        "county_name": text(f"The county's name, or {CITY_OWN_LEVEL_NAME} when `county_code` is the city's code."),
        "address": text(maxLength=limits["address"]),
        "headcount": integer(1, position_rules.MAX_HEADCOUNT),
        "education": ref("Education"),
        "education_label": label_of(vocabulary.EDUCATION_LABELS, "education"),
        "majors": array(text(maxLength=position_rules.MAX_MAJOR_LENGTH), maxItems=position_rules.MAX_MAJORS),
        "description": text(maxLength=limits["description"]),
        "stipend_yuan_per_month": integer(0, position_rules.MAX_STIPEND, "见习补贴, yuan per month."),
        "duration_months": integer(3, 12, "见习期限 in months."),
        "deadline": {**ref("Date"), "description": "Last day to apply (China date); past it the position is closed."},
        "contact_name": text(maxLength=limits["contact_name"]),
        "contact_phone": text("A mobile or a landline with area code.", pattern=CONTACT_PHONE_PATTERN),
        "status": ref("PositionStatus"),
        "published_at": ref("Timestamp"),
        "updated_at": ref("Timestamp"),
    }


def position_schemas() -> dict[str, Schema]:
    fields = _position_fields()
    summary_fields = {k: v for k, v in fields.items() if k != "description"}
    return {
        "Position": obj(
            fields,
            description="A position's full detail. `industry_name` and `education_label` are the Chinese labels "
            "of `industry` and `education`. `status` is `closed` once closed by staff or once `deadline` has "
            "passed (China date).",
        ),
        "PositionSummary": obj(
            summary_fields,
            description="A position as search results show it: every field of `Position` but `description`.",
        ),
        "Favourite": obj(
            {**summary_fields, "favourited_at": ref("Timestamp")},
            description="A favourite position: `PositionSummary` as the position stands now (a closed one shows "
            "`status: closed`), plus when it was favourited.",
        ),
    }


def me_schema() -> Schema:
    return obj(
        {
            "subject": text("The token's `sub`."),
            "name": nullable(text("The token's `name` (real name).")),
            "id_number_masked": nullable(
                {**ref("MaskedIdNumber"), "description": "`null` when the token has no `id_number` (staff)."}
            ),
            "roles": array(
                text(),
                "The token's roles, sorted; always includes `applicant`. `reviewer` and `position_manager` are "
                "dropped when the token has no `region`.",
                uniqueItems=True,
                contains={"const": "applicant"},
            ),
            "region": nullable(ref("RegionCode")),
            "trainee_status": text(
                "`pending` or `approved` while the person has such an application; otherwise `none`.",
                enum=["none", "pending", "approved"],
            ),
            "locality": nullable(
                {**ref("Locality"), "description": "The 业务办理属地 of that application; `null` when none."}
            ),
            "unread_messages": integer(0, description="How many of the caller's messages are unread."),
        },
        description="Who the caller is.",
    )


def attachment_schemas() -> dict[str, Schema]:
    info_fields: dict[str, Schema] = {
        "attachment_id": ref("HexId"),
        "kind": ref("AttachmentKind"),
        "kind_label": label_of(vocabulary.ATTACHMENT_KIND_LABELS, "kind"),
        "filename": text(
            f"The declared name without folders or control characters, at most {MAX_FILENAME} characters.",
            maxLength=MAX_FILENAME,
        ),
        "content_type": ref("AttachmentContentType"),
        "status": text(enum=["awaiting_upload", "uploaded"]),
        "size": nullable(integer(1, MAX_BYTES, "Bytes stored; `null` until confirmed.")),
        "created_at": ref("Timestamp"),
    }
    return {
        "AttachmentUploadForm": obj(
            {
                "attachment_id": ref("HexId"),
                "kind": ref("AttachmentKind"),
                "status": text(enum=["awaiting_upload"]),
                "upload": obj(
                    {
                        "url": text("Where to POST the form.", format="uri"),
                        "fields": {
                            "type": "object",
                            "additionalProperties": {"type": "string"},
                            "description": "Form fields to send as they are, before `file`.",
                        },
                    },
                    description="An S3 presigned POST: send `multipart/form-data` with every `fields` entry and "
                    "then the file as `file`. The policy pins the key (under the caller's own prefix), the exact "
                    "`Content-Type` and a size of 1 byte–5 MiB.",
                ),
                "expires_at": {
                    **ref("Timestamp"),
                    "description": f"The upload form is valid until then ({UPLOAD_EXPIRES_SECONDS // 60} min).",
                },
            },
            description="Where and how to upload the declared file; then call `POST /v1/attachments/{id}/confirm`. "
            "Unconfirmed attachments disappear after a day.",
        ),
        "AttachmentConfirmed": obj(
            {
                "attachment_id": ref("HexId"),
                "kind": ref("AttachmentKind"),
                "status": text(enum=["uploaded"]),
                "size": integer(1, MAX_BYTES, "Bytes stored."),
                "content_type": ref("AttachmentContentType"),
            },
            description="The file is stored and is what it claims to be.",
        ),
        "AttachmentInfo": obj(info_fields, description="An attachment's metadata."),
        "AttachmentDetail": obj(
            {
                **info_fields,
                "download_url": nullable(
                    text(
                        f"A presigned GET of the file, valid {DOWNLOAD_EXPIRES_SECONDS // 60} minutes; `null` until "
                        "the upload is confirmed.",
                        format="uri",
                    )
                ),
            },
            description="An attachment's metadata with a short-lived download link.",
        ),
    }


def _summary_fields() -> dict[str, Schema]:
    return {
        "application_id": ref("HexId"),
        "status": ref("ApplicationStatus"),
        "status_label": ref("StatusLabel"),
        "submitted_at": ref("Timestamp"),
        "month": ref("Month"),
        "name": text(),
        "id_number": ref("MaskedIdNumber"),
        "person_category": ref("PersonCategory"),
        "person_category_label": label_of(vocabulary.PERSON_CATEGORY_LABELS, "person_category"),
        "locality": ref("LocalityCode"),
        "locality_name": text("The locality's full name, e.g. 太原市小店区."),
    }


def _detail_fields(*, unmasked: bool) -> dict[str, Schema]:
    return {
        **_summary_fields(),
        "id_number": ref("IdNumber" if unmasked else "MaskedIdNumber"),
        "phone": ref("MobilePhone" if unmasked else "MaskedPhone"),
        "gender": ref("Gender"),
        "gender_label": label_of(vocabulary.GENDER_LABELS, "gender"),
        "birth_date": {**ref("Date"), "description": "Read from the ID number."},
        "education": ref("ApplicantEducation"),
        "education_label": label_of(vocabulary.EDUCATION_LABELS, "education", vocabulary.APPLICANT_EDUCATION),
        "school": nullable(text()),
        "major": nullable(text()),
        "graduation_date": nullable(ref("Date")),
        "address": text(),
        "attachments": array(
            ref("AttachmentDetail" if unmasked else "AttachmentInfo"), "In the order the form named them."
        ),
        "history": ref("History"),
    }


def application_schemas() -> dict[str, Schema]:
    history_entry = obj(
        {
            "status": ref("ApplicationStatus"),
            "status_label": ref("StatusLabel"),
            "at": ref("Timestamp"),
            "actor": text(enum=["applicant", "reviewer"]),
            "comment": nullable(
                text("The reviewer's comment on approval (optional) or reason for rejection; `null` otherwise.")
            ),
        },
        description="One step of an application: submitted (`pending`, by the applicant), `withdrawn` (by the "
        "applicant), `approved` or `rejected` (by a reviewer).",
    )
    return {
        "ApplicationSubmitted": obj(
            {
                "application_id": ref("HexId"),
                "status": text(enum=["pending"]),
                "status_label": text(enum=[vocabulary.STATUS_LABELS["pending"]]),
                "submitted_at": ref("Timestamp"),
                "month": ref("Month"),
                "gender": ref("Gender"),
                "birth_date": ref("Date"),
                "message": text(enum=["申报成功"]),
            },
            description="The application was submitted (申报成功).",
        ),
        "ApplicationSummary": obj(
            _summary_fields(),
            description="A line of a case list. `id_number` is masked whoever reads it.",
        ),
        "ApplicationMoved": obj(
            {**_summary_fields(), "history": ref("History")},
            description="What a withdrawal or a decision answers: the case's list line and its whole history.",
        ),
        "ApplicationDetail": obj(
            _detail_fields(unmasked=False),
            description="The applicant's own case: the form with `id_number` and `phone` masked, the "
            "attachments' metadata and the history.",
        ),
        "ApplicationReviewDetail": obj(
            _detail_fields(unmasked=True),
            description="The case as a reviewer sees it: `id_number` and `phone` unmasked, and a short-lived "
            "`download_url` per attachment. Each read is written to the audit log.",
        ),
        "History": array(ref("HistoryEntry"), "Every status the case has had, oldest first.", minItems=1),
        "HistoryEntry": history_entry,
    }


def verification_schema() -> Schema:
    return obj(
        {
            "application_id": ref("HexId"),
            "genuine": {"type": "boolean", "const": True, "description": "Always true: a forged id is a 404."},
            "status": ref("ApplicationStatus"),
            "status_label": ref("StatusLabel"),
            "name_masked": text("The applicant's name, first and last character shown: 王*雨 (two characters: 王*)."),
            "id_number_masked": ref("MaskedIdNumber"),
            "submitted_at": ref("Timestamp"),
            "locality": ref("Locality"),
        },
        description="What a printed form's QR code proves: the case exists, its current status, masked identity.",
    )
