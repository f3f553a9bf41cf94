"""The OpenAPI 3.1 document of API v1 (`GET /v1/openapi.json`), built from small helpers so schemas are reused.

It describes docs/api.md and, where that is silent, the decisions the code made (written into the
descriptions). Vocabularies, region codes, rule limits and the HTTP conventions are imported from the pure
modules that the enforcing code imports too (`chalicelib.domain`, `chalicelib.api.conventions`), and every
error's status, code and Chinese message from the catalogue (`chalicelib.errors`): the document adds only when
each happens, so none of them can drift from the code.

Imported lazily by the route: only the standard library and the pure `chalicelib.domain`, `chalicelib.errors`,
`chalicelib.api.conventions` and `chalicelib.api.parsing` modules may be imported here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Final

from chalicelib import errors
from chalicelib.api.bodies import CONTACT_PHONE_PATTERN, CREDIT_CODE_PATTERN, MOBILE_PATTERN, ref
from chalicelib.api.conventions import (
    CURSOR_MAX,
    DEFAULT_LIMIT,
    IDEMPOTENCY_TTL_SECONDS,
    MAX_BODY_BYTES,
    MAX_IDEMPOTENCY_KEY,
    MAX_LIMIT,
    PRIVATE_CACHE_CONTROL,
    PUBLIC_CACHE_CONTROL,
)
from chalicelib.domain import positions as position_rules
from chalicelib.domain.attachments import (
    DOWNLOAD_EXPIRES_SECONDS,
    MAX_BYTES,
    MAX_FILENAME,
    SIGNATURES,
    UPLOAD_EXPIRES_SECONDS,
)
from chalicelib.domain.limits import KEYWORD_MAX, MAX_FAVOURITES
from chalicelib.domain.regions import CITY_OWN_LEVEL_NAME, PROVINCE_CODE, shanxi
from chalicelib.domain.search_order import DEFAULT_SORT, SORT_ORDERS
from chalicelib.domain.vocabulary import (
    APPLICANT_EDUCATION,
    ATTACHMENT_KIND_LABELS,
    EDUCATION_LABELS,
    GENDER_LABELS,
    INDUSTRY_LABELS,
    PERSON_CATEGORY_LABELS,
    STATUS_LABELS,
)
from chalicelib.errors import ErrorKind
from chalicelib.openapi_bodies import body_schemas, nullable

Schema = dict[str, Any]

OPENAPI_VERSION: Final = "3.1.0"
API_VERSION: Final = "1.0.0"

CHINA_TIME_PATTERN: Final = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$"
HEX_ID_PATTERN: Final = "^[0-9a-f]{32}$"

# ------------------------------------------------------------------------------------------ schema helpers


def obj(
    properties: Mapping[str, Schema],
    required: Iterable[str] | None = None,
    *,
    description: str | None = None,
    closed: bool = False,
) -> Schema:
    """An object; `required` defaults to every property (answers always carry every field, null or not)."""
    schema: Schema = {"type": "object"}
    if description:
        schema["description"] = description
    schema["properties"] = dict(properties)
    names = list(properties) if required is None else list(required)
    if names:
        schema["required"] = names
    if closed:
        schema["additionalProperties"] = False
    return schema


def text(description: str | None = None, **constraints: Any) -> Schema:
    schema: Schema = {"type": "string", **constraints}
    if description:
        schema["description"] = description
    return schema


def integer(minimum: int | None = None, maximum: int | None = None, description: str | None = None) -> Schema:
    schema: Schema = {"type": "integer"}
    if minimum is not None:
        schema["minimum"] = minimum
    if maximum is not None:
        schema["maximum"] = maximum
    if description:
        schema["description"] = description
    return schema


def array(items: Schema, description: str | None = None, **constraints: Any) -> Schema:
    schema: Schema = {"type": "array", "items": items, **constraints}
    if description:
        schema["description"] = description
    return schema


def labelled(labels: Mapping[str, str], what: str, values: Sequence[str] | None = None) -> Schema:
    """An enum of codes, with the Chinese label of each in the description and in `x-enum-labels`."""
    codes = list(values if values is not None else labels)
    listed = ", ".join(f"`{code}` {labels[code]}" for code in codes)
    return {
        "type": "string",
        "enum": codes,
        "description": f"{what}: {listed}.",
        "x-enum-labels": {code: labels[code] for code in codes},
    }


def label_of(labels: Mapping[str, str], code_field: str, values: Sequence[str] | None = None) -> Schema:
    codes = list(values if values is not None else labels)
    return text(f"The Chinese label of `{code_field}`.", enum=[labels[c] for c in codes])


# ----------------------------------------------------------------------------------------- error vocabulary


@dataclass(frozen=True)
class Failure:
    """One error an operation can answer: the catalogue's entry (status, code, Chinese message), and when."""

    error: ErrorKind
    when: str
    generic: bool = False  # shared by many operations: explained once (info.description), listed by code only

    @property
    def status(self) -> int:
        return self.error.status

    @property
    def code(self) -> str:
        return self.error.code

    @property
    def message(self) -> str:
        return self.error.message

    def line(self) -> str:
        return f"- `{self.code}` {self.message}" + ("" if self.generic else f": {self.when}")


UNAUTHENTICATED = Failure(
    errors.UNAUTHENTICATED,
    "no `Authorization: Bearer` token, or one that is malformed, expired, not yet valid, from another "
    "issuer or audience, or carries invalid claims (e.g. an unknown `region`). Answered with "
    '`WWW-Authenticate: Bearer realm="v1"`',
    generic=True,
)
FORBIDDEN_ROLE = Failure(
    errors.FORBIDDEN_ROLE,
    "the token lacks the staff role this route needs (a staff role without a `region` claim counts as absent)",
    generic=True,
)
REAL_NAME_REQUIRED = Failure(
    errors.REAL_NAME_REQUIRED,
    "the token carries no `id_number` claim (e.g. a staff-only account): applicants act as a real-name person",
    generic=True,
)
NOT_TRAINEE = Failure(errors.NOT_TRAINEE, "")
MALFORMED_QUERY = Failure(
    errors.MALFORMED_QUERY,
    "an unknown query parameter (`details[].code` `UNKNOWN_PARAMETER`) or a value outside the parameter's "
    "vocabulary or format (`INVALID_VALUE`); `details[].field` names the parameter",
    generic=True,
)
MALFORMED_BODY = Failure(
    errors.MALFORMED_REQUEST,
    "an unknown body field (`details[].code` `UNKNOWN_FIELD`), a value of the wrong JSON type "
    "(`WRONG_TYPE`), or a string longer than any valid value (`TOO_LONG`)",
    generic=True,
)
MALFORMED_JSON = Failure(
    errors.MALFORMED_JSON,
    f"the body is not JSON (or {errors.JSON_NOT_AN_OBJECT.message}: not a JSON object; "
    f"{errors.JSON_TOO_DEEP.message}: nested deeper than the parser's stack; "
    f"{errors.JSON_BAD_UNICODE.message}: a string holds half a UTF-16 surrogate pair)",
    generic=True,
)
MALFORMED_IDEMPOTENCY_KEY = Failure(
    errors.MALFORMED_HEADER,
    f"`Idempotency-Key` is not 1–{MAX_IDEMPOTENCY_KEY} characters "
    "(`details`: field `Idempotency-Key`, code `INVALID_VALUE`)",
    generic=True,
)
INVALID_CURSOR = Failure(
    errors.INVALID_CURSOR,
    "`cursor` was altered, or was issued for another query (other filters, another caller or locality)",
    generic=True,
)
PAYLOAD_TOO_LARGE = Failure(
    errors.PAYLOAD_TOO_LARGE,
    f"the body is larger than {MAX_BODY_BYTES // 1024} KiB",
    generic=True,
)
UNSUPPORTED_MEDIA_TYPE = Failure(
    errors.UNSUPPORTED_MEDIA_TYPE,
    "the body's `Content-Type` is not `application/json` (a missing Content-Type counts as JSON)",
    generic=True,
)
IDEMPOTENCY_KEY_REUSED = Failure(
    errors.IDEMPOTENCY_KEY_REUSED,
    "this `Idempotency-Key` was used by the same caller on the same operation with another body",
    generic=True,
)
REQUEST_IN_PROGRESS = Failure(
    errors.REQUEST_IN_PROGRESS,
    "a request with the same `Idempotency-Key` is still running; retry after `Retry-After` seconds (1)",
    generic=True,
)
SERVICE_BUSY = Failure(
    errors.SERVICE_BUSY,
    "a backend is throttled or temporarily failing, or the function timed out; nothing was half-written. "
    "Retry after `Retry-After` seconds",
    generic=True,
)
INTERNAL_ERROR = Failure(errors.INTERNAL_ERROR, "an unexpected fault (details only in the log)", generic=True)
TOO_MANY_REQUESTS = Failure(
    errors.TOO_MANY_REQUESTS,
    "API Gateway throttled the client; retry after `Retry-After` seconds (1)",
    generic=True,
)
POSITION_NOT_FOUND = Failure(errors.POSITION_NOT_FOUND, "no position has this id")
APPLICATION_NOT_FOUND = Failure(
    errors.APPLICATION_NOT_FOUND, "no application has this id, or it is not the caller's own"
)
ATTACHMENT_NOT_FOUND = Failure(errors.ATTACHMENT_NOT_FOUND, "no attachment has this id, or it is not the caller's own")
STAFF_POSITION_NOT_FOUND = Failure(errors.POSITION_NOT_FOUND, "no position has this id in the caller's region")
POSITION_CHANGED = Failure(
    errors.POSITION_CHANGED,
    "another change to the position was saved meanwhile (optimistic lock); read it again and retry",
)


def validation_failed(rules: str) -> Failure:
    return Failure(errors.VALIDATION_FAILED, f"field rules; `details` per problem: {rules}")


def invalid_region_counts() -> Failure:
    return Failure(errors.INVALID_CITY, "`city` is not one of the 11 city codes")


def invalid_region_search() -> Failure:
    return Failure(
        errors.INVALID_COUNTY,
        f"`county` is not one of the 128 county-level codes (or {errors.INVALID_CITY.message}: `city` is not one "
        f"of the 11 city codes; or {errors.COUNTY_NOT_IN_CITY.message}: `county` does not lie in `city`)",
    )


RESPONSE_NAMES: Final = {
    400: ("BadRequest", "Malformed request (see the operation's codes)."),
    401: ("Unauthenticated", "Missing or invalid bearer token."),
    403: ("Forbidden", "Signed in, but not allowed to do this."),
    404: ("NotFound", "Not found — also when it exists but is not the caller's, or lies outside a staff region."),
    405: ("MethodNotAllowed", "The path exists but not with this method (`Allow` lists the methods)."),
    409: ("Conflict", "The resource's state does not allow this now."),
    413: ("PayloadTooLarge", "The request (or the declared file) is too large."),
    415: ("UnsupportedMediaType", "The body's (or the declared file's) media type is not accepted."),
    422: ("Unprocessable", "Well-formed, but breaks a field or business rule."),
    429: ("TooManyRequests", "Throttled by API Gateway."),
    500: ("InternalError", "Unexpected fault."),
    503: ("ServiceBusy", "A backend is busy or failing; retry later."),
}

# ------------------------------------------------------------------------------------------------ auth


@dataclass(frozen=True)
class Access:
    """Who may call an operation, as it is written into the document."""

    failures: tuple[Failure, ...]
    security: list[dict[str, list[str]]]
    summary: str


PUBLIC = Access((), [], "Public: no sign-in.")
SIGNED_IN = Access((UNAUTHENTICATED,), [{"bearer": []}], "Any signed-in person.")
APPLICANT = Access(
    (UNAUTHENTICATED, REAL_NAME_REQUIRED),
    [{"bearer": []}],
    "A signed-in real-name person (token with `id_number`), acting on their own data.",
)


def staff(role: str) -> Access:
    return Access(
        (UNAUTHENTICATED, FORBIDDEN_ROLE),
        [{"bearer": []}],
        f"Staff with role `{role}`, inside the `region` claim (outside it a resource answers 404).",
    )


# -------------------------------------------------------------------------------------------- components


def _locality_codes() -> list[str]:
    return [loc.code for city in shanxi().cities for loc in city.localities]


def _city_codes() -> list[str]:
    return [city.code for city in shanxi().cities]


def value_schemas() -> dict[str, Schema]:
    """Scalars and vocabularies used everywhere."""
    return {
        "Timestamp": text(
            "RFC 3339 date-time in China Standard Time (UTC+8, offset `+08:00`), to the second.",
            format="date-time",
            pattern=CHINA_TIME_PATTERN,
            examples=["2026-05-06T09:30:00+08:00"],
        ),
        "Date": text("A calendar date, `YYYY-MM-DD`.", format="date", examples=["2026-06-30"]),
        "Month": text(
            "申办月份: a calendar month `YYYY-MM` in China Standard Time "
            "(submitted at `2026-11-30T17:30:00Z` → `2026-12`).",
            pattern="^[0-9]{4}-(0[1-9]|1[0-2])$",
            examples=["2026-12"],
        ),
        "HexId": text("A server-made identifier (32 lowercase hex digits).", pattern=HEX_ID_PATTERN),
        "CityCode": text(
            "A city (地级市) of Shanxi: 6-digit GB/T 2260 code ending `00`. Names: `GET /v1/regions`.",
            enum=_city_codes(),
        ),
        "LocalityCode": text(
            "A county-level entry (业务办理属地), one of 128: a county's GB/T 2260 code, or a city's code for "
            f"that city's {CITY_OWN_LEVEL_NAME} (the city's own agency). Names: `GET /v1/regions`.",
            enum=_locality_codes(),
        ),
        "RegionCode": text(
            f"A staff scope: `{PROVINCE_CODE}` (省本级, the whole province), a city code (its {CITY_OWN_LEVEL_NAME} "
            "and all its counties) or a county code (that county).",
            enum=[PROVINCE_CODE, *_locality_codes()],
        ),
        "ApplicationStatus": labelled(STATUS_LABELS, "Application status"),
        "StatusLabel": label_of(STATUS_LABELS, "status"),
        "Education": labelled(
            EDUCATION_LABELS, "Education (a position's minimum requirement; `any` only for positions)"
        ),
        "ApplicantEducation": labelled(EDUCATION_LABELS, "An applicant's education", APPLICANT_EDUCATION),
        "Industry": labelled(INDUSTRY_LABELS, "Industry section (GB/T 4754-2017 门类)"),
        "SortOrder": {
            **labelled({name: order.label for name, order in SORT_ORDERS.items()}, "The order of a search"),
            "default": DEFAULT_SORT,
        },
        "PersonCategory": labelled(PERSON_CATEGORY_LABELS, "Person category (人员类别)"),
        "Gender": labelled(GENDER_LABELS, "Gender, read from the ID number's 17th digit"),
        "AttachmentKind": labelled(ATTACHMENT_KIND_LABELS, "Attachment kind"),
        "AttachmentContentType": text(
            "Accepted file types (checked against the file's own signature on confirmation).",
            enum=list(SIGNATURES),
        ),
        "PositionStatus": text(
            "`open`, or `closed` (closed by staff, or its deadline has passed in China time).",
            enum=["open", "closed"],
        ),
        "IdNumber": text("An 18-character resident ID number (GB 11643), unmasked.", pattern="^[0-9]{17}[0-9X]$"),
        "MaskedIdNumber": text(
            "A resident ID number showing its first 6 and last 4 characters.",
            pattern=r"^[0-9]{6}\*{8}[0-9]{3}[0-9X]$",
            examples=["140105********123X"],
        ),
        "MobilePhone": text("A mainland mobile number, unmasked.", pattern=MOBILE_PATTERN),
        "MaskedPhone": text(
            "A mobile number showing its first 3 and last 4 digits.",
            pattern=r"^1[3-9][0-9]\*{4}[0-9]{4}$",
            examples=["138****5678"],
        ),
    }


def error_schemas() -> dict[str, Schema]:
    return {
        "Error": obj(
            {
                "error": obj(
                    {
                        "code": text("Machine-readable code, English UPPER_SNAKE.", pattern="^[A-Z][A-Z0-9_]*$"),
                        "message": text("What happened, in Simplified Chinese, fit to show to a person."),
                        "request_id": text("The request's id, the same as the `X-Request-Id` header."),
                        "details": array(
                            ref("FieldProblem"),
                            "Present for field-level problems only, one entry per problem.",
                            minItems=1,
                        ),
                    },
                    ["code", "message", "request_id"],
                )
            },
            description="The error envelope: the body of every error, whatever the status.",
        ),
        "FieldProblem": obj(
            {
                "field": text("The body field, query parameter or header concerned."),
                "code": text(
                    "Machine-readable reason, e.g. `REQUIRED`, `INVALID_CHECKSUM`.", pattern="^[A-Z][A-Z0-9_]*$"
                ),
                "message": text("The reason in Simplified Chinese."),
            }
        ),
    }


def region_schemas() -> dict[str, Schema]:
    named = {"code": ref("LocalityCode"), "name": text(f"County name, or {CITY_OWN_LEVEL_NAME}.")}
    return {
        "Regions": obj(
            {
                "province": obj({"code": text(enum=[PROVINCE_CODE]), "name": text(examples=[shanxi().province_name])}),
                "cities": array(ref("RegionCity"), "The 11 cities, in code order.", minItems=1),
            },
            description="Shanxi's divisions. The county level has 128 entries: 117 counties and the 11 "
            f"{CITY_OWN_LEVEL_NAME}s.",
        ),
        "RegionCity": obj(
            {
                "code": ref("CityCode"),
                "name": text(),
                "counties": array(
                    obj(named),
                    f"The city's county-level entries: first its {CITY_OWN_LEVEL_NAME} "
                    f'(`{{"code": "<city code>", "name": "{CITY_OWN_LEVEL_NAME}"}}`), then its counties in code order.',
                    minItems=1,
                ),
            }
        ),
        "RegionCount": obj(
            {
                "code": text(
                    f"`{PROVINCE_CODE}` (the province), a city code or a county-level code.",
                    enum=[PROVINCE_CODE, *_locality_codes()],
                ),
                "name": text(examples=["太原市", CITY_OWN_LEVEL_NAME, "小店区"]),
                "count": integer(0, description="Open positions."),
            }
        ),
        "ProvinceCounts": obj(
            {
                "province": ref("RegionCount"),
                "cities": array(ref("RegionCount"), "The 11 cities, in code order.", minItems=1),
            },
            description="Open positions of the province and of each city.",
        ),
        "CityCounts": obj(
            {
                "city": ref("RegionCount"),
                "counties": array(
                    ref("RegionCount"),
                    f"Every county-level entry of the city: first its {CITY_OWN_LEVEL_NAME}, then its counties "
                    "in code order.",
                    minItems=1,
                ),
            },
            description="Open positions of a city and of each of its county-level entries.",
        ),
        "Locality": obj(
            {
                "code": ref("LocalityCode"),
                "name": text(f"The full name: city and county, e.g. 太原市小店区 or 太原市{CITY_OWN_LEVEL_NAME}."),
            },
            description="A 业务办理属地.",
        ),
    }


def _position_fields() -> dict[str, Schema]:
    """Every field of a position in an answer, in API.md's order (labels right after their codes)."""
    limits = position_rules.TEXT_LIMITS
    return {
        "position_id": ref("HexId"),
        "title": text(maxLength=limits["title"]),
        "employer_name": text(maxLength=limits["employer_name"]),
        "employer_credit_code": text("统一社会信用代码 (GB 32100).", pattern=CREDIT_CODE_PATTERN),
        "industry": ref("Industry"),
        "industry_name": label_of(INDUSTRY_LABELS, "industry"),
        "city_code": ref("CityCode"),
        "city_name": text(),
        "county_code": ref("LocalityCode"),
        "county_name": text(f"The county's name, or {CITY_OWN_LEVEL_NAME} when `county_code` is the city's code."),
        "address": text(maxLength=limits["address"]),
        "headcount": integer(1, position_rules.MAX_HEADCOUNT),
        "education": ref("Education"),
        "education_label": label_of(EDUCATION_LABELS, "education"),
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
        "kind_label": label_of(ATTACHMENT_KIND_LABELS, "kind"),
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
        "person_category_label": label_of(PERSON_CATEGORY_LABELS, "person_category"),
        "locality": ref("LocalityCode"),
        "locality_name": text("The locality's full name, e.g. 太原市小店区."),
    }


def _detail_fields(*, unmasked: bool) -> dict[str, Schema]:
    return {
        **_summary_fields(),
        "id_number": ref("IdNumber" if unmasked else "MaskedIdNumber"),
        "phone": ref("MobilePhone" if unmasked else "MaskedPhone"),
        "gender": ref("Gender"),
        "gender_label": label_of(GENDER_LABELS, "gender"),
        "birth_date": {**ref("Date"), "description": "Read from the ID number."},
        "education": ref("ApplicantEducation"),
        "education_label": label_of(EDUCATION_LABELS, "education", APPLICANT_EDUCATION),
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
                "status_label": text(enum=[STATUS_LABELS["pending"]]),
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


def page_schema(item: str, description: str) -> Schema:
    return obj(
        {
            "items": array(ref(item)),
            "next_cursor": nullable(
                text("Pass as `cursor` to read the next page; `null` on the last page.", minLength=1)
            ),
        },
        description=description,
    )


def page_schemas() -> dict[str, Schema]:
    return {
        "PositionPage": page_schema("PositionSummary", "A page of open positions in the order asked (`sort`)."),
        "ApplicationPage": page_schema("ApplicationSummary", "A page of applications, newest first."),
        "FavouriteList": obj(
            {
                "items": array(
                    ref("Favourite"),
                    f"At most {MAX_FAVOURITES}, the most recent favourite first.",
                    maxItems=MAX_FAVOURITES,
                ),
                "next_cursor": {"type": "null", "description": "Always `null`: the list is never paged."},
            },
            description="My favourite positions.",
        ),
    }


def schemas() -> dict[str, Schema]:
    return {
        **error_schemas(),
        **value_schemas(),
        **region_schemas(),
        "Me": me_schema(),
        **position_schemas(),
        **attachment_schemas(),
        **application_schemas(),
        **page_schemas(),
        **body_schemas(),
        "Health": obj({"status": text(enum=["ok"])}),
        "Verification": verification_schema(),
        **_messages().message_schemas(),
    }


def query_parameter(name: str, schema: Schema, description: str) -> Schema:
    return {"name": name, "in": "query", "required": False, "schema": schema, "description": description}


def path_parameter(name: str, description: str) -> Schema:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "schema": {"type": "string", "minLength": 1},
        "description": description,
    }


def parameters() -> dict[str, Schema]:
    return {
        "Limit": query_parameter(
            "limit",
            {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT},
            f"Items per page, 1–{MAX_LIMIT} (default {DEFAULT_LIMIT}); otherwise 400 `MALFORMED_REQUEST`.",
        ),
        "Cursor": query_parameter(
            "cursor",
            {"type": "string", "minLength": 1, "maxLength": CURSOR_MAX},
            "Opaque: the `next_cursor` of the previous page of the same query. Altered, or from another query: "
            "400 `INVALID_CURSOR`.",
        ),
        "Keyword": query_parameter(
            "keyword",
            {"type": "string", "minLength": 1, "maxLength": KEYWORD_MAX},
            f"1–{KEYWORD_MAX} characters after trimming (else 400 `MALFORMED_REQUEST`): a substring of the "
            "title, the employer's name or one of the majors, never across two of them; compared after Unicode "
            "NFKC normalisation and case folding (full-width ＪＡＶＡ finds Java). See 'Keyword search'.",
        ),
        "Sort": query_parameter(
            "sort",
            ref("SortOrder"),
            "The order: "
            + "; ".join(f"`{name}` {order.label}" for name, order in SORT_ORDERS.items())
            + ". Ties go newest first. Another value: 400 `MALFORMED_REQUEST`. A cursor is bound to its sort.",
        ),
        "CountsCity": query_parameter(
            "city",
            ref("CityCode"),
            "Count this city's county-level entries (its 市本级 first); without it, the province's cities. Not a "
            "city code: 400 `INVALID_REGION`.",
        ),
        "Education": query_parameter(
            "education", ref("Education"), "Positions requiring exactly this education (`any`: those that say 不限)."
        ),
        "Industry": query_parameter("industry", ref("Industry"), "Positions of this industry section."),
        "City": query_parameter(
            "city",
            ref("CityCode"),
            "The city's positions, its 市本级 included. Not a city code: 400 `INVALID_REGION`.",
        ),
        "County": query_parameter(
            "county",
            ref("LocalityCode"),
            "One county-level entry: a county code, or a city code for that city's 市本级 alone. Unknown: 400 "
            "`INVALID_REGION`; with `city`, it must lie in that city (else 400 `INVALID_REGION`).",
        ),
        "TraineeCounty": query_parameter(
            "county",
            {"type": "string"},
            "Accepted for symmetry with the public search: the caller's locality gives the same page as no filter; "
            "any other value gives an empty page (never an error).",
        ),
        "StatusFilter": query_parameter("status", ref("ApplicationStatus"), "Only applications in this status."),
        "MonthFilter": query_parameter(
            "month", ref("Month"), "Only applications submitted in this 申办月份 (China time); format `YYYY-MM`."
        ),
        "QueueCounty": query_parameter(
            "county",
            ref("LocalityCode"),
            "Only applications of this county-level entry. Unknown code: 400 `INVALID_REGION`; outside the "
            "reviewer's region: 403 `OUTSIDE_REGION`.",
        ),
        "PositionId": path_parameter("position_id", "A position's id."),
        "ApplicationId": path_parameter("application_id", "An application's id."),
        "AttachmentId": path_parameter("attachment_id", "An attachment's id."),
        **_messages().message_parameters(),
        "IdempotencyKey": {
            "name": "Idempotency-Key",
            "in": "header",
            "required": False,
            "schema": {"type": "string", "minLength": 1, "maxLength": MAX_IDEMPOTENCY_KEY},
            "description": f"1–{MAX_IDEMPOTENCY_KEY} characters, chosen by the client (a UUID, say). A repeat with "
            "the same key and body answers the first success again and changes nothing; see 'Idempotency-Key'.",
        },
    }


def _messages() -> Any:
    """The 消息中心 routes' part of the document (chalicelib/openapi_messages.py imports this module's helpers)."""
    from chalicelib import openapi_messages

    return openapi_messages


def headers() -> dict[str, Schema]:
    def header(description: str, schema: Schema, *, required: bool = True) -> Schema:
        return {"description": description, "required": required, "schema": schema}

    return {
        "RequestId": header("The request's id; errors carry it as `error.request_id`.", {"type": "string"}),
        "PublicCache": header(
            "Public answers may be cached for a minute.", {"type": "string", "enum": [PUBLIC_CACHE_CONTROL]}
        ),
        "NoStore": header(
            "Personal or changing data: never cached.", {"type": "string", "enum": [PRIVATE_CACHE_CONTROL]}
        ),
        "RetryAfter": header("Seconds to wait before retrying.", {"type": "string", "pattern": "^[0-9]+$"}),
        "RetryAfterOptional": header(
            "Seconds to wait before retrying (with `REQUEST_IN_PROGRESS` only).",
            {"type": "string", "pattern": "^[0-9]+$"},
            required=False,
        ),
        "WwwAuthenticate": header("The scheme to use.", {"type": "string", "enum": ['Bearer realm="v1"']}),
        "Allow": header("The methods this path supports.", {"type": "string"}),
        "ContentDisposition": header(
            "Download as a file named after the application.",
            {"type": "string", "pattern": '^attachment; filename="application-[^"]+\\.pdf"$'},
        ),
    }


def _hdr(name: str) -> Schema:
    return {"$ref": f"#/components/headers/{name}"}


def error_responses() -> dict[str, Schema]:
    result: dict[str, Schema] = {}
    for status, (name, description) in RESPONSE_NAMES.items():
        response_headers: dict[str, Schema] = {"X-Request-Id": _hdr("RequestId"), "Cache-Control": _hdr("NoStore")}
        if status in (429, 503):
            response_headers["Retry-After"] = _hdr("RetryAfter")
        if status == 409:
            response_headers["Retry-After"] = _hdr("RetryAfterOptional")
        if status == 401:
            response_headers["WWW-Authenticate"] = _hdr("WwwAuthenticate")
        if status == 405:
            response_headers["Allow"] = _hdr("Allow")
        result[name] = {
            "description": description,
            "headers": response_headers,
            "content": {"application/json": {"schema": ref("Error")}},
        }
    return result


# ------------------------------------------------------------------------------------------------ operations


@dataclass(frozen=True)
class Op:
    operation_id: str
    summary: str
    description: str
    tag: str
    access: Access
    success: dict[str, Schema]
    failures: tuple[Failure, ...] = ()
    parameters: tuple[str, ...] = ()
    query: bool = False  # parses its query string: unknown parameters are 400
    body: str | None = None  # the request body's schema name
    body_required: bool = True
    idempotent: bool = False


def json_answer(
    schema: Schema | str, description: str, *, public: bool = False, status: int = 200
) -> dict[str, Schema]:
    return {
        str(status): {
            "description": description,
            "headers": {
                "X-Request-Id": _hdr("RequestId"),
                "Cache-Control": _hdr("PublicCache" if public else "NoStore"),
            },
            "content": {"application/json": {"schema": ref(schema) if isinstance(schema, str) else schema}},
        }
    }


def no_content(description: str) -> dict[str, Schema]:
    return {
        "204": {
            "description": description,
            "headers": {"X-Request-Id": _hdr("RequestId"), "Cache-Control": _hdr("NoStore")},
        }
    }


def pdf_answer(description: str) -> dict[str, Schema]:
    return {
        "200": {
            "description": description,
            "headers": {
                "X-Request-Id": _hdr("RequestId"),
                "Cache-Control": _hdr("NoStore"),
                "Content-Disposition": _hdr("ContentDisposition"),
            },
            "content": {"application/pdf": {"schema": {"type": "string", "contentMediaType": "application/pdf"}}},
        }
    }


def all_failures(op: Op) -> list[Failure]:
    failures: list[Failure] = list(op.access.failures)
    if op.query:
        failures.append(MALFORMED_QUERY)
    if op.body:
        failures += [MALFORMED_JSON, MALFORMED_BODY, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE]
    if op.idempotent:
        failures += [MALFORMED_IDEMPOTENCY_KEY, REQUEST_IN_PROGRESS]
        if op.body:  # without a body every repeat carries the same (empty) payload
            failures.append(IDEMPOTENCY_KEY_REUSED)
    failures += list(op.failures)
    failures += [TOO_MANY_REQUESTS, INTERNAL_ERROR, SERVICE_BUSY]
    return failures


def build_operation(op: Op) -> Schema:
    failures = all_failures(op)
    by_status: dict[int, list[Failure]] = {}
    for failure in failures:
        by_status.setdefault(failure.status, []).append(failure)
    responses: dict[str, Schema] = dict(op.success)
    for status in sorted(by_status):
        lines = "\n".join(f.line() for f in by_status[status])
        responses[str(status)] = {
            "$ref": f"#/components/responses/{RESPONSE_NAMES[status][0]}",
            "description": f"{RESPONSE_NAMES[status][1]}\n\n{lines}",
        }
    params = [{"$ref": f"#/components/parameters/{name}"} for name in op.parameters]
    if op.idempotent:
        params.append({"$ref": "#/components/parameters/IdempotencyKey"})
    operation: Schema = {
        "operationId": op.operation_id,
        "tags": [op.tag],
        "summary": op.summary,
        "description": f"{op.description}\n\n**Access.** {op.access.summary}",
        "security": op.access.security,
    }
    if params:
        operation["parameters"] = params
    if op.body:
        operation["requestBody"] = {
            "required": op.body_required,
            "content": {"application/json": {"schema": ref(op.body)}},
        }
    operation["responses"] = responses
    operation["x-error-codes"] = {
        str(status): sorted({f.code for f in group}) for status, group in sorted(by_status.items())
    }
    return operation


SEARCH_FILTERS: Final = ("Keyword", "Education", "Industry", "Sort", "Limit", "Cursor")


def public_operations() -> dict[tuple[str, str], Op]:
    return {
        ("/v1/health", "get"): Op(
            "getHealth",
            "Health check",
            'Answers `{"status": "ok"}` while the function runs; reads no backend. Like every public answer '
            "it carries `Cache-Control: public, max-age=60` (API.md); monitors should bypass caches.",
            "public",
            PUBLIC,
            json_answer("Health", "Alive.", public=True),
        ),
        ("/v1/openapi.json", "get"): Op(
            "getOpenApi",
            "This OpenAPI document",
            "The OpenAPI 3.1 document of the whole API.",
            "public",
            PUBLIC,
            json_answer({"type": "object"}, "This document.", public=True),
        ),
        ("/v1/regions", "get"): Op(
            "listRegions",
            "Shanxi's cities and county-level entries",
            "The province, its 11 cities, and each city's county-level entries, its 市本级 first.",
            "public",
            PUBLIC,
            json_answer("Regions", "The divisions.", public=True),
        ),
        ("/v1/positions", "get"): Op(
            "searchPositions",
            "Search open positions (见习岗位查询)",
            "Open positions (status `open`, deadline today or later in China time), newest first unless `sort` "
            "says otherwise. Filters combine with AND. Without `city` and `county`: the whole province.",
            "public",
            PUBLIC,
            json_answer("PositionPage", "A page of position summaries.", public=True),
            (invalid_region_search(), INVALID_CURSOR),
            ("City", "County", *SEARCH_FILTERS),
            query=True,
        ),
        ("/v1/positions/counts", "get"): Op(
            "countPositions",
            "Open positions per city or county (区县岗位数)",
            "How many open positions each county-level entry of `city` has (the region picker's counties, 市本级 "
            "first, every entry listed, 0 included), or without `city` each city of the province; the parent's "
            "count is the sum. Exact: equal to how many `GET /v1/positions` finds with the same region and "
            "filters, so a position past its deadline stops counting at midnight China time, as it leaves search.",
            "public",
            PUBLIC,
            json_answer(
                {"oneOf": [ref("ProvinceCounts"), ref("CityCounts")]},
                "The counts: `province` and `cities` without `city`, `city` and `counties` with it.",
                public=True,
            ),
            (invalid_region_counts(),),
            ("CountsCity", "Education", "Industry"),
            query=True,
        ),
        ("/v1/positions/{position_id}", "get"): Op(
            "getPosition",
            "A position's detail",
            "Any position by id, open or closed (a closed one answers with `status: closed`).",
            "public",
            PUBLIC,
            json_answer("Position", "The position.", public=True),
            (POSITION_NOT_FOUND,),
            ("PositionId",),
        ),
    }


# ------------------------------------------------------------------------------- 扫码验真 (the QR code)

VERIFY_NOT_FOUND = Failure(
    errors.APPLICATION_NOT_FOUND, "no application has this id: the form is not one this service printed"
)


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


def verification_operations() -> dict[tuple[str, str], Op]:
    return {
        ("/v1/verify/{application_id}", "get"): Op(
            "verifyApplication",
            "Verify a printed form (扫码验真)",
            "The page a printed form's QR code opens (`<web client>/verify/<application_id>`) reads this: whether "
            "the form is genuine and the case's current status, with the name and ID number masked. No other "
            "personal data. Cached and throttled like search.",
            "public",
            PUBLIC,
            json_answer("Verification", "The case exists.", public=True),
            (VERIFY_NOT_FOUND,),
            ("ApplicationId",),
        ),
    }


def person_operations() -> dict[tuple[str, str], Op]:
    return {
        ("/v1/me", "get"): Op(
            "getMe",
            "Who am I",
            "The caller's identity from the token, and their trainee status from their applications.",
            "me",
            SIGNED_IN,
            json_answer("Me", "The caller."),
        ),
        ("/v1/attachments", "post"): Op(
            "requestUpload",
            "Declare an attachment and get its upload form",
            "Step 1 of an upload: declare the file. Step 2: POST it to `upload.url` as `multipart/form-data` with "
            "every `upload.fields` entry and then `file`, before `expires_at`. Step 3: "
            "`POST /v1/attachments/{attachment_id}/confirm`. Checks in order: `kind` (422), `content_type` (415), "
            "`size` above 5 MiB (413), then `size` below 1 and an empty `filename` (422).",
            "attachments",
            APPLICANT,
            json_answer("AttachmentUploadForm", "Declared; upload before `expires_at`.", status=201),
            (
                validation_failed(
                    "`kind` `UNKNOWN_VALUE`; `size` `OUT_OF_RANGE`; `filename` `REQUIRED`; any missing field `REQUIRED`"
                ),
                Failure(errors.UNSUPPORTED_FILE_TYPE, "`content_type` is not accepted"),
                Failure(errors.FILE_TOO_LARGE, "`size` is above 5 MiB"),
            ),
            body="AttachmentUploadRequest",
            idempotent=True,
        ),
        ("/v1/attachments/{attachment_id}/confirm", "post"): Op(
            "confirmUpload",
            "Confirm an upload",
            "Checks that the file really is stored, with a size of 1 byte–5 MiB and the declared type, judged by "
            "the file's own signature. A bad file is deleted (422 `UPLOAD_REJECTED`); the client may upload again "
            "with the same form while it is valid, then confirm again. Confirming a confirmed attachment answers "
            "the same again (also two confirms at once); one deleted meanwhile is 404. What is checked is a copy "
            "the upload form cannot change. No body.",
            "attachments",
            APPLICANT,
            json_answer("AttachmentConfirmed", "Stored and checked."),
            (
                ATTACHMENT_NOT_FOUND,
                Failure(errors.UPLOAD_MISSING, "nothing has been uploaded yet"),
                Failure(
                    errors.UPLOAD_WRONG_TYPE,
                    "the file's signature or stored type is not the declared type "
                    f"(or {errors.UPLOAD_WRONG_SIZE.message}: its size is out of range); the stored object was deleted",
                ),
            ),
            ("AttachmentId",),
            idempotent=True,
        ),
        ("/v1/attachments/{attachment_id}", "get"): Op(
            "getAttachment",
            "An attachment's metadata and download link",
            "The caller's own attachment, with a short-lived `download_url` once uploaded.",
            "attachments",
            APPLICANT,
            json_answer("AttachmentDetail", "The attachment."),
            (ATTACHMENT_NOT_FOUND,),
            ("AttachmentId",),
        ),
        ("/v1/attachments/{attachment_id}", "delete"): Op(
            "deleteAttachment",
            "Delete an attachment",
            "Deletes the record and the stored file. After a 503 the attachment is already gone to its owner; a "
            "retried DELETE finishes and answers 204.",
            "attachments",
            APPLICANT,
            no_content("Deleted."),
            (
                ATTACHMENT_NOT_FOUND,
                Failure(
                    errors.ATTACHMENT_IN_USE,
                    "a pending or approved application uses it",
                ),
            ),
            ("AttachmentId",),
            idempotent=True,
        ),
    }


APPLICATION_EXISTS = Failure(
    errors.APPLICATION_EXISTS,
    "the caller already has a pending or approved application (checked before any field rule)",
)


def application_operations() -> dict[tuple[str, str], Op]:
    form_rules = (
        "`name` `NOT_YOURS`/`TOO_LONG`; `id_number` `INVALID_FORMAT`/`INVALID_BIRTH_DATE`/`INVALID_CHECKSUM`/"
        "`NOT_YOURS`; `phone` `INVALID_PHONE`; `education` `UNKNOWN_VALUE`; `locality` `INVALID_REGION`; "
        "`person_category` `UNKNOWN_VALUE`/`NOT_ELIGIBLE`; `school`, `major`, `graduation_date` `REQUIRED` "
        "(graduates)/`TOO_LONG`; `graduation_date` `INVALID_DATE`/`IN_THE_FUTURE`/`NOT_ELIGIBLE`; `address` "
        "`TOO_LONG`; `attachments` as described in `ApplicationForm` (also `ATTACHMENT_IN_USE` when another "
        "application took one meanwhile); any required field `REQUIRED`"
    )
    return {
        ("/v1/applications", "post"): Op(
            "submitApplication",
            "Submit the trainee application (就业见习人员申请)",
            "One pending or approved application per person; after a withdrawal or a rejection the person may "
            "apply again, reusing the same attachments. On success the attachments are bound to the application "
            "until it is withdrawn or rejected, and `GET /v1/me` shows `trainee_status: pending`.",
            "applications",
            APPLICANT,
            json_answer("ApplicationSubmitted", "申报成功.", status=201),
            (APPLICATION_EXISTS, validation_failed(form_rules)),
            body="ApplicationForm",
            idempotent=True,
        ),
        ("/v1/applications", "get"): Op(
            "listMyApplications",
            "My cases (我的办件)",
            "The caller's applications, newest first. `status` and `month` combine.",
            "applications",
            APPLICANT,
            json_answer("ApplicationPage", "A page of my cases."),
            (INVALID_CURSOR,),
            ("StatusFilter", "MonthFilter", "Limit", "Cursor"),
            query=True,
        ),
        ("/v1/applications/{application_id}", "get"): Op(
            "getMyApplication",
            "My case in full",
            "The form (ID number and phone masked), `gender` and `birth_date`, the attachments' metadata (download "
            "links: `GET /v1/attachments/{attachment_id}`) and the history.",
            "applications",
            APPLICANT,
            json_answer("ApplicationDetail", "The case."),
            (APPLICATION_NOT_FOUND,),
            ("ApplicationId",),
        ),
        ("/v1/applications/{application_id}/form.pdf", "get"): Op(
            "getMyApplicationPdf",
            "My printable application form (打印报表)",
            "The 就业见习人员申请表 as an A4 PDF, masked as in `GET /v1/applications/{application_id}`, in any "
            "status. Send `Accept: application/pdf` (or `*/*`): without it the answer is 400 `MALFORMED_REQUEST`, "
            "as API Gateway returns binary bodies only to clients that accept them. Errors are JSON.",
            "applications",
            APPLICANT,
            pdf_answer('The PDF, `Content-Disposition: attachment; filename="application-<application_id>.pdf"`.'),
            (
                APPLICATION_NOT_FOUND,
                Failure(errors.MALFORMED_REQUEST, "the request does not accept `application/pdf`"),
            ),
            ("ApplicationId",),
        ),
        ("/v1/applications/{application_id}/withdraw", "post"): Op(
            "withdrawApplication",
            "Withdraw my application (撤回)",
            "Only from `pending`. Races with a review: exactly one wins; the other gets 409. Frees the "
            "attachments and lets the person apply again. No body.",
            "applications",
            APPLICANT,
            json_answer("ApplicationMoved", "Withdrawn (`status: withdrawn`)."),
            (
                APPLICATION_NOT_FOUND,
                Failure(
                    errors.NOT_WITHDRAWABLE,
                    "the application is not `pending` (also when a review won the race)",
                ),
            ),
            ("ApplicationId",),
            idempotent=True,
        ),
    }


def trainee_operations() -> dict[tuple[str, str], Op]:
    not_trainee_any = Failure(errors.NOT_TRAINEE, "the caller has no pending or approved application")
    not_trainee_approved = Failure(errors.NOT_TRAINEE, "the caller has no approved application (pending is not enough)")
    return {
        ("/v1/trainee/positions", "get"): Op(
            "searchLocalityPositions",
            "Positions of my locality",
            "Open positions whose `county_code` is the caller's locality (the 业务办理属地 of their pending or "
            "approved application) and no others, newest first. Filters as the public search, without `city`: "
            "`city` is an unknown parameter here (400). The cursor is bound to the locality too.",
            "trainee",
            APPLICANT,
            json_answer("PositionPage", "A page of position summaries."),
            (not_trainee_any, INVALID_CURSOR),
            ("TraineeCounty", *SEARCH_FILTERS),
            query=True,
        ),
        ("/v1/favourites", "get"): Op(
            "listFavourites",
            "My favourite positions",
            f"At most {MAX_FAVOURITES}, the most recent favourite first; a closed position stays listed with "
            "`status: closed`. Never paged (`next_cursor` is always `null`), and takes no query parameters (any "
            "is 400). No trainee check: a person who is no longer a trainee still sees the list.",
            "trainee",
            APPLICANT,
            json_answer("FavouriteList", "My favourites."),
            query=True,
        ),
        ("/v1/favourites/{position_id}", "put"): Op(
            "addFavourite",
            "Favourite a position",
            "For an approved trainee, a position open and in their locality. Checks in order: trainee (403), "
            "position exists (404), already a favourite (200, whatever the position's state now), open (409 "
            f"`POSITION_CLOSED`), in the locality (422), fewer than {MAX_FAVOURITES} favourites (409; a hard "
            "limit under concurrent requests too). No body.",
            "trainee",
            APPLICANT,
            {
                **json_answer("Favourite", "Added.", status=201),
                **json_answer("Favourite", "Already a favourite: nothing changed."),
            },
            (
                not_trainee_approved,
                POSITION_NOT_FOUND,
                Failure(errors.POSITION_CLOSED, "the position is closed or past its deadline"),
                Failure(errors.FAVOURITE_LIMIT_REACHED, f"{MAX_FAVOURITES} favourites already"),
                Failure(
                    errors.POSITION_OUTSIDE_LOCALITY,
                    "the position's `county_code` is not the caller's locality",
                ),
            ),
            ("PositionId",),
            idempotent=True,
        ),
        ("/v1/favourites/{position_id}", "delete"): Op(
            "removeFavourite",
            "Remove a favourite",
            "204 also when it was not a favourite, or the position does not exist. No trainee check.",
            "trainee",
            APPLICANT,
            no_content("Not a favourite (any more)."),
            parameters=("PositionId",),
            idempotent=True,
        ),
    }


def staff_operations() -> dict[tuple[str, str], Op]:
    manager = staff("position_manager")
    reviewer = staff("reviewer")
    outside = Failure(
        errors.LOCALITY_OUTSIDE_REGION,
        "`county_code` lies outside the caller's region",
    )
    position_rules_text = (
        "`title`, `employer_name`, `address`, `description`, `contact_name` `REQUIRED`/`TOO_LONG`; "
        "`employer_credit_code` `INVALID_CREDIT_CODE`; `industry`, `education` `UNKNOWN_VALUE`; `county_code` "
        "`INVALID_REGION`; `headcount`, `stipend_yuan_per_month`, `duration_months` `OUT_OF_RANGE`; `majors` "
        "`TOO_MANY`/`INVALID_ITEM`; `deadline` `INVALID_DATE`/`IN_THE_PAST`; `contact_phone` `INVALID_PHONE`"
    )
    not_pending = Failure(
        errors.NOT_PENDING,
        "the application is not `pending` (also when a withdrawal or another decision won the race)",
    )
    own_case = Failure(
        errors.OWN_APPLICATION,
        "the reviewer is the applicant (same `sub` or same `id_number`); the refusal is audited",
    )
    return {
        ("/v1/admin/positions", "post"): Op(
            "createPosition",
            "Publish a position (见习岗位录入)",
            "Creates an `open` position; it is searchable at once. Field rules (422) are checked before the "
            "region (403).",
            "staff-positions",
            manager,
            json_answer("Position", "Published.", status=201),
            (validation_failed(position_rules_text + "; any missing field `REQUIRED`"), outside),
            body="PositionWrite",
            idempotent=True,
        ),
        ("/v1/admin/positions/{position_id}", "patch"): Op(
            "updatePosition",
            "Change a position",
            "Changes the given writable fields; the search reflects them at once. A closed position stays closed. "
            "Moving it to a `county_code` outside the caller's region is 403.",
            "staff-positions",
            manager,
            json_answer("Position", "The changed position."),
            (STAFF_POSITION_NOT_FOUND, validation_failed(position_rules_text), outside, POSITION_CHANGED),
            ("PositionId",),
            body="PositionPatch",
            body_required=False,
            idempotent=True,
        ),
        ("/v1/admin/positions/{position_id}/close", "post"): Op(
            "closePosition",
            "Close a position",
            "Sets `status: closed`; it leaves search at once. Closing a closed position answers it again. No body. "
            "Positions past their deadline are also closed by a nightly sweep (00:05 China time).",
            "staff-positions",
            manager,
            json_answer("Position", "Closed."),
            (STAFF_POSITION_NOT_FOUND, POSITION_CHANGED),
            ("PositionId",),
            idempotent=True,
        ),
        ("/v1/admin/applications", "get"): Op(
            "reviewQueue",
            "Applications of my region (审核)",
            "Applications whose locality lies in the reviewer's region, newest first. `status`, `month` and "
            "`county` combine.",
            "review",
            reviewer,
            json_answer("ApplicationPage", "A page of applications."),
            (
                INVALID_CURSOR,
                Failure(errors.INVALID_COUNTY, "unknown `county`"),
                Failure(errors.COUNTY_OUTSIDE_REGION, "`county` lies outside the caller's region"),
            ),
            ("StatusFilter", "MonthFilter", "QueueCounty", "Limit", "Cursor"),
            query=True,
        ),
        ("/v1/admin/applications/{application_id}", "get"): Op(
            "reviewApplication",
            "An application in full, unmasked",
            "ID number and phone unmasked, a short-lived `download_url` per attachment. Each read is written to "
            "the audit log before it is answered: if the audit write fails, the case is not shown.",
            "review",
            reviewer,
            json_answer("ApplicationReviewDetail", "The case."),
            (Failure(errors.APPLICATION_NOT_FOUND, "no such application in the caller's region"),),
            ("ApplicationId",),
        ),
        ("/v1/admin/applications/{application_id}/form.pdf", "get"): Op(
            "reviewApplicationPdf",
            "The printable application form, unmasked",
            "The 就业见习人员申请表 as an A4 PDF with the ID number and phone unmasked; each read is written to "
            "the audit log. Send `Accept: application/pdf` (or `*/*`), as for the applicant's PDF.",
            "review",
            reviewer,
            pdf_answer('The PDF, `Content-Disposition: attachment; filename="application-<application_id>.pdf"`.'),
            (
                Failure(errors.APPLICATION_NOT_FOUND, "no such application in the caller's region"),
                Failure(errors.MALFORMED_REQUEST, "the request does not accept `application/pdf`"),
            ),
            ("ApplicationId",),
        ),
        ("/v1/admin/applications/{application_id}/approve", "post"): Op(
            "approveApplication",
            "Approve (审核通过)",
            "Only from `pending`; audited. The person becomes an approved trainee (favourites allowed). The body "
            "is optional.",
            "review",
            reviewer,
            json_answer("ApplicationMoved", "Approved (`status: approved`)."),
            (
                Failure(errors.APPLICATION_NOT_FOUND, "no such application in the caller's region"),
                own_case,
                not_pending,
            ),
            ("ApplicationId",),
            body="ApproveRequest",
            body_required=False,
            idempotent=True,
        ),
        ("/v1/admin/applications/{application_id}/reject", "post"): Op(
            "rejectApplication",
            "Reject (审核不通过)",
            "Only from `pending`; audited. Frees the attachments; the person may apply again.",
            "review",
            reviewer,
            json_answer("ApplicationMoved", "Rejected (`status: rejected`)."),
            (
                Failure(errors.APPLICATION_NOT_FOUND, "no such application in the caller's region"),
                own_case,
                not_pending,
                validation_failed("`reason` `REQUIRED`"),
            ),
            ("ApplicationId",),
            body="RejectRequest",
            idempotent=True,
        ),
    }


def operations() -> dict[tuple[str, str], Op]:
    return {
        **public_operations(),
        **verification_operations(),
        **person_operations(),
        **application_operations(),
        **trainee_operations(),
        **staff_operations(),
        **_messages().message_operations(),
    }


def paths() -> dict[str, Schema]:
    result: dict[str, Schema] = {}
    for (path, method), op in operations().items():
        result.setdefault(path, {})[method] = build_operation(op)
    return dict(sorted(result.items()))


# ------------------------------------------------------------------------------------------------ document

TAGS: Final = [
    {
        "name": "public",
        "description": "No sign-in: health, this document, regions, position search (见习岗位查询), 扫码验真.",
    },
    {"name": "me", "description": "The signed-in person."},
    {"name": "attachments", "description": "Attachment upload (presigned POST), confirmation, download, delete."},
    {"name": "applications", "description": "The applicant's trainee application (就业见习人员申请) and cases."},
    {"name": "trainee", "description": "The trainee's positions of their locality and favourites (at most three)."},
    {"name": "staff-positions", "description": "Staff (`position_manager`): publishing positions (见习岗位录入)."},
    {"name": "review", "description": "Staff (`reviewer`): the review queue and decisions."},
]


COMMON_FAILURES: Final = (
    MALFORMED_JSON,
    MALFORMED_BODY,
    MALFORMED_QUERY,
    MALFORMED_IDEMPOTENCY_KEY,
    INVALID_CURSOR,
    UNAUTHENTICATED,
    FORBIDDEN_ROLE,
    REAL_NAME_REQUIRED,
    REQUEST_IN_PROGRESS,
    PAYLOAD_TOO_LARGE,
    UNSUPPORTED_MEDIA_TYPE,
    IDEMPOTENCY_KEY_REUSED,
    TOO_MANY_REQUESTS,
    INTERNAL_ERROR,
    SERVICE_BUSY,
)


def common_errors() -> str:
    """The errors many operations share, explained once; operations list them by code and message only."""
    return "\n".join(f"- {f.status} `{f.code}` {f.message}: {f.when}." for f in COMMON_FAILURES)


def description() -> str:
    ttl_hours = IDEMPOTENCY_TTL_SECONDS // 3600
    localities = len(_locality_codes())
    cities = len(_city_codes())
    return f"""\
The HTTP API of 就业见习 (employment internships) on 山西省人社公共服务平台, used by the web and mobile clients.

Every path starts with `/v1`. Behind API Gateway the stage prefix comes before it (`/<stage>/v1/…`), so the
server URL is relative to where this document was fetched.

## Conventions

**Format.** JSON in UTF-8 with `snake_case` names. Messages for people are Simplified Chinese; codes for
programs are English `UPPER_SNAKE`. Codes come with their Chinese labels (`status_label`, `education_label`,
`industry_name`, `kind_label`, `gender_label`, `person_category_label`). Answers may gain fields within v1:
clients ignore fields they do not know. Every answer carries `X-Request-Id`.

**Errors.** Whatever the status, an error's body is the `Error` envelope:
`{{"error": {{"code", "message", "request_id", "details"?}}}}`. `details` is present for field-level problems
only, one `{{"field", "code", "message"}}` per problem. No stack trace, exception text or AWS error ever reaches a
client. Each operation lists its codes and messages under its responses, and in `x-error-codes`
(status → codes) for programs. Errors are never cached (`Cache-Control: no-store`).

**400 or 422.** 400 is a malformed request: a body that is not JSON or not an object (`MALFORMED_JSON`); an
unknown body field, a value of the wrong JSON type, or a string longer than any valid value could be
(`MALFORMED_REQUEST`, `details` codes `UNKNOWN_FIELD`, `WRONG_TYPE`, `TOO_LONG`); an unknown query parameter or
a query value outside its vocabulary or format (`MALFORMED_REQUEST`, `details` codes `UNKNOWN_PARAMETER`,
`INVALID_VALUE`); a bad cursor (`INVALID_CURSOR`); an unknown region code in the public search
(`INVALID_REGION`). 422 is a well-formed request that breaks a field or business rule: `VALIDATION_FAILED`
with every problem in `details` at once (`REQUIRED`, `TOO_LONG`, `OUT_OF_RANGE`, `UNKNOWN_VALUE`,
`INVALID_DATE`, …), or a specific code (`UPLOAD_REJECTED`, `POSITION_OUTSIDE_LOCALITY`,
`IDEMPOTENCY_KEY_REUSED`). So against the request schemas here: a wrong field name or JSON type is 400; a
broken length, range, pattern or enum is 422, except where a field says otherwise (an attachment's type is 415
and its size 413; an over-long review `comment` or `reason` is 400). In a body, `null` is the same as leaving
the field out; strings are trimmed before they are checked, and a required string that is empty after
trimming is `REQUIRED`. Integers must be JSON integers (not `3.0`, not `true`). A body is at most
{MAX_BODY_BYTES // 1024} KiB (413 `PAYLOAD_TOO_LARGE`); a request whose `Content-Type` is not
`application/json` is 415 `UNSUPPORTED_MEDIA_TYPE` on every route (no `Content-Type` counts as JSON). Routes
that declare no query parameters ignore a query string, except `GET /v1/favourites`, which refuses any.
404 also answers "exists but is not yours" and "outside your region". A path the API does not have is 404
`NOT_FOUND`; a method a path does not have is 405 `METHOD_NOT_ALLOWED` with `Allow`; API Gateway throttling is
429 `TOO_MANY_REQUESTS` with `Retry-After`; an unexpected fault is 500 `INTERNAL_ERROR`.

**Lists and cursors.** Lists answer `{{"items": [...], "next_cursor": "…" | null}}`, `limit` 1–{MAX_LIMIT}
(default {DEFAULT_LIMIT}). `next_cursor` is opaque and signed, bound to the query that issued it (route, filters,
caller, trainee locality): pass it unchanged as `cursor` with the same filters. One that was altered or belongs to
another query is 400 `INVALID_CURSOR`; start again from the first page. `null` means there is no next page.

**Keyword search.** Every page of a position search, with or without `keyword`, holds `limit` items, except the
last, which has `next_cursor: null`; a page with a cursor is never short and never empty. A keyword is found in
the title, the employer's name or one of the majors (never across two of them), after NFKC normalisation and
case folding. A position created or edited is found by its new words within seconds; one closed or past its
deadline is never shown.

**Idempotency-Key.** Operations that list the `Idempotency-Key` header (submitting an application, declaring an
attachment, withdrawing, approving, rejecting, adding a favourite) accept a client-chosen key of 1–
{MAX_IDEMPOTENCY_KEY} characters (other lengths: 400 `MALFORMED_REQUEST`). A key belongs to the caller and the
operation (the path's id included) and is kept {ttl_hours} hours. A repeat with the same key and body
answers the first success again, status and body, and changes nothing. The same key with another body is 422
`IDEMPOTENCY_KEY_REUSED`. A repeat that arrives while the first is still running is 409 `REQUEST_IN_PROGRESS`
with `Retry-After`. Errors are not stored: after an error the same key runs the request again. Without the header
a request simply runs.

**Busy backends.** A throttled or failing backend, or a timed-out function, is 503 `SERVICE_BUSY` with
`Retry-After` (seconds); nothing is half-written, so the request can be retried as it was.

**Times.** Timestamps are RFC 3339 in China Standard Time (UTC+8, `+08:00`), to the second. Dates are
`YYYY-MM-DD`; "today" (deadlines, graduation, age) is the date in China. Months (`YYYY-MM`, 申办月份) are calendar
months in China time: an application submitted at `2026-11-30T17:30:00Z` belongs to `2026-12`.

**Regions.** 6-digit GB/T 2260 codes of Shanxi, listed by `GET /v1/regions`: {cities} cities (ending `00`) and
{localities} county-level entries (业务办理属地): the 117 counties and each city's 市本级, written with the city's own
code. `{PROVINCE_CODE}` (省本级) is the whole province, used only as a staff scope.

**Sign-in.** `Authorization: Bearer <JWT>`, RS256, verified against the issuer's JWKS (`iss`, `aud`, `exp`,
`nbf`). Claims: `sub`; `name`; `id_number` (18-character resident ID, real-name verified by the unified login);
`roles` (a list; `applicant` is implied for everyone); `region` (a region code scoping the staff roles
`reviewer` and `position_manager`; without it staff roles count as absent; an unknown code makes the token
invalid). Missing or bad token on a protected route: 401 `UNAUTHENTICATED`. Staff role missing: 403 `FORBIDDEN`.
Applicant routes need the `id_number` claim: without it 403 `REAL_NAME_REQUIRED`.

**Staff scope.** Staff act only inside their `region`: a county code is that county; a city code is its 市本级
and all its counties; `{PROVINCE_CODE}` is the whole province. Outside it a resource answers 404 as if it did not
exist; writing a position outside it, or filtering the queue by a county outside it, is 403 `OUTSIDE_REGION`.

**Masking.** An ID number shows its first 6 and last 4 characters (`140105********123X`), a phone its first 3 and
last 4 digits (`138****5678`). Applicants see their own data masked; lists show ID numbers masked to everyone;
only a reviewer's case detail and PDF are unmasked, and each such read is audited. Public answers show no
personal data.

**Caching.** Successful public answers carry `Cache-Control: {PUBLIC_CACHE_CONTROL}` (`/v1/health`,
`/v1/openapi.json`, `/v1/regions`, `/v1/positions`, `/v1/positions/counts`,
`/v1/positions/{{position_id}}`,
`/v1/verify/{{application_id}}`); so a position change (or a case's new status) can take up to a minute to
show there. Everything else, every error included, is `Cache-Control: {PRIVATE_CACHE_CONTROL}`.

**Browsers (CORS).** Answers to an origin listed in the stage's `ALLOWED_ORIGINS` carry
`Access-Control-Allow-Origin` (that origin) and expose `X-Request-Id`, `Retry-After` and `Content-Disposition`.
Every path answers `OPTIONS` preflight with 204, its methods, and the allowed request headers `Authorization`,
`Content-Type`, `Accept` and `Idempotency-Key` (max age 600 s). Other origins get no CORS headers.

**Answered by API Gateway before the function runs** (deployed stages only), in the same envelope with the
gateway's request id: 404 `NOT_FOUND` 请求的资源不存在 (an unknown path, or a known path with a method it does
not have: the gateway answers 404 where the function would say 405), 429 `TOO_MANY_REQUESTS`
{errors.TOO_MANY_REQUESTS.message} (stage throttling, with `Retry-After`), 413 `PAYLOAD_TOO_LARGE` 请求内容过大,
503 `SERVICE_BUSY` (the function timed out or failed to start), 403 `FORBIDDEN` 请求被拒绝, and 4xx
`REQUEST_REJECTED` 请求无法处理 for anything else the gateway refuses.

## Common errors

Operations list these by code and message only:

{common_errors()}
"""


@cache
def document() -> dict[str, Any]:
    """The OpenAPI 3.1 document (built once per container)."""
    return {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": "山西省人社公共服务平台 · 就业见习 API",
            "version": API_VERSION,
            "summary": "Trainee applications, position search, favourites, and the agencies' publishing and review.",
            "description": description(),
        },
        "servers": [{"url": "/", "description": "Relative: the API Gateway stage prefix, if any, comes before `/v1`."}],
        "security": [{"bearer": []}],
        "tags": TAGS,
        "paths": paths(),
        "components": {
            "schemas": schemas(),
            "parameters": parameters(),
            "headers": headers(),
            "responses": error_responses(),
            "securitySchemes": {
                "bearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "bearerFormat": "JWT",
                    "description": "RS256 JWT from the unified login, verified against the issuer's JWKS. Claims: "
                    "`sub`, `name`, `id_number`, `roles`, `region` (see 'Sign-in').",
                }
            },
        },
    }
