"""The OpenAPI 3.1 document of API v1 (`GET /v1/openapi.json`): the assembler of what the code declares.

The paths are the app's routes, each with the operation its blueprint documents beside it (`@documented`,
chalicelib/openapi_ops.py); the request bodies' components come from their one declaration
(chalicelib/api/bodies.py via openapi_bodies.py); every error's status, code and Chinese message from the
catalogue (chalicelib/errors.py), the operation adding only when each happens; vocabularies, region codes, rule
limits and the HTTP conventions from the pure modules the enforcing code imports too (chalicelib.domain,
chalicelib.api.conventions). It describes docs/api.md and, where that is silent, the decisions the code made.

Built on the first request for it (the route imports this module lazily) and kept for the container's life.
"""

from __future__ import annotations

from functools import cache
from typing import Any, Final

from chalicelib import errors
from chalicelib.api.bodies import ref
from chalicelib.api.conventions import (
    DEFAULT_LIMIT,
    IDEMPOTENCY_TTL_SECONDS,
    MAX_BODY_BYTES,
    MAX_IDEMPOTENCY_KEY,
    MAX_LIMIT,
    PRIVATE_CACHE_CONTROL,
    PUBLIC_CACHE_CONTROL,
)
from chalicelib.domain.regions import PROVINCE_CODE
from chalicelib.openapi_bodies import answer_schemas, body_schemas, component_name
from chalicelib.openapi_components import _city_codes, _locality_codes, error_schemas, value_schemas
from chalicelib.openapi_ops import (
    FORBIDDEN_ROLE,
    IDEMPOTENCY_KEY_REUSED,
    INTERNAL_ERROR,
    INVALID_CURSOR,
    MALFORMED_BODY,
    MALFORMED_IDEMPOTENCY_KEY,
    MALFORMED_JSON,
    MALFORMED_QUERY,
    PAYLOAD_TOO_LARGE,
    REAL_NAME_REQUIRED,
    REQUEST_IN_PROGRESS,
    RESPONSE_NAMES,
    SERVICE_BUSY,
    TOO_MANY_REQUESTS,
    UNAUTHENTICATED,
    UNSUPPORTED_MEDIA_TYPE,
    Failure,
    Op,
    operation_of,
)
from chalicelib.openapi_parameters import error_responses, headers, parameters

Schema = dict[str, Any]

OPENAPI_VERSION: Final = "3.1.0"
API_VERSION: Final = "1.0.0"


def schemas() -> dict[str, Schema]:
    from chalicelib.answers import applications, attachments, messages, people, positions, regions, system
    from chalicelib.answers import saved_searches as searches

    return {
        **error_schemas(),
        **value_schemas(),
        **answer_schemas(regions, people, positions, attachments, applications, messages, searches, system),
        **body_schemas(operations().values()),
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
            "content": {"application/json": {"schema": ref(component_name(op.body, partial=op.partial))}},
        }
    operation["responses"] = responses
    operation["x-error-codes"] = {
        str(status): sorted({f.code for f in group}) for status, group in sorted(by_status.items())
    }
    return operation


def operations() -> dict[tuple[str, str], Op]:
    """Every route the app serves, with the operation its blueprint documents beside it (`@documented`)."""
    from app import app  # registered blueprints: the path and method come from the routes themselves

    found: dict[tuple[str, str], Op] = {}
    for path, entries in app.routes.items():
        for method, entry in entries.items():
            if method == "OPTIONS":  # CORS preflight on every path, described once in the conventions
                continue
            op = operation_of(entry.view_function)
            if op is None:
                raise LookupError(f"{method} {path} has no @documented operation beside its route")
            found[(path, method.lower())] = op
    return found


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
a request simply runs: a create retried without a key is a new request, so clients send a key on every create
(an application, an attachment, a position, a saved search).

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
