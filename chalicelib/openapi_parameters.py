"""The document's shared parameters, response headers and error responses."""

from __future__ import annotations

from typing import Any

from chalicelib.api.bodies import ref
from chalicelib.api.conventions import (
    CURSOR_MAX,
    DEFAULT_LIMIT,
    MAX_IDEMPOTENCY_KEY,
    MAX_LIMIT,
    PRIVATE_CACHE_CONTROL,
    PUBLIC_CACHE_CONTROL,
)
from chalicelib.domain.limits import KEYWORD_MAX
from chalicelib.domain.search_order import SORT_ORDERS
from chalicelib.openapi_messages import message_parameters
from chalicelib.openapi_ops import RESPONSE_NAMES
from chalicelib.openapi_schema import _hdr, path_parameter, query_parameter

Schema = dict[str, Any]


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
        **message_parameters(),
        "IdempotencyKey": {
            "name": "Idempotency-Key",
            "in": "header",
            "required": False,
            "schema": {"type": "string", "minLength": 1, "maxLength": MAX_IDEMPOTENCY_KEY},
            "description": f"1–{MAX_IDEMPOTENCY_KEY} characters, chosen by the client (a UUID, say). A repeat with "
            "the same key and body answers the first success again and changes nothing; see 'Idempotency-Key'.",
        },
    }


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
