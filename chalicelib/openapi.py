"""The OpenAPI 3.1 document of API v1 (`GET /v1/openapi.json`): the assembler of what the code declares.

The paths are the app's routes (passed in), each with the operation its `@operation` keeps on the view
(chalicelib/api/operation.py): access, query Struct (its `Param`s are the parameters), body, answer, status,
failures. Request bodies' components come from their one declaration (openapi_bodies.py); every error's status,
code and Chinese message from the catalogue (chalicelib/errors.py), the operation adding only when each happens;
the conventions' prose (openapi_description.md) takes its numbers from the modules the enforcing code imports.

Built on the first request for it (the route imports this module lazily) and kept for the container's life.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from chalicelib import errors
from chalicelib import openapi_ops as known
from chalicelib.api import conventions
from chalicelib.api.bodies import ref
from chalicelib.api.contract import PDF, Op, operation_of
from chalicelib.api.queries import params_of
from chalicelib.domain.limits import IDEMPOTENCY_TTL_SECONDS
from chalicelib.domain.regions import PROVINCE_CODE
from chalicelib.openapi_bodies import answer_schemas, body_schemas, component_name
from chalicelib.openapi_components import _city_codes, _locality_codes, error_schemas, value_schemas
from chalicelib.openapi_ops import RESPONSE_NAMES, Failure
from chalicelib.openapi_schema import _hdr, json_answer, no_content, path_parameter, pdf_answer

if TYPE_CHECKING:
    from chalice.app import Chalice

Schema = dict[str, Any]
Operations = dict[tuple[str, str], Op]

OPENAPI_VERSION: Final = "3.1.0"
API_VERSION: Final = "1.0.0"
PATH_IDS: Final = {
    "position_id": "A position's id.",
    "application_id": "An application's id.",
    "attachment_id": "An attachment's id.",
    "message_id": "A message's id.",
    "search_id": "A saved search's id.",
    "placement_id": "A placement's id.",  # issue 20
}


def operations(routes: Mapping[str, Mapping[str, Any]]) -> Operations:
    """Every route the app serves, with the operation its `@operation` keeps on the view."""
    found: Operations = {}
    for path, entries in routes.items():
        for method, entry in entries.items():
            if method == "OPTIONS":  # CORS preflight on every path, described once in the conventions
                continue
            op = operation_of(entry.view_function)
            if op is None:
                raise LookupError(f"{method} {path} is not an @operation")
            found[(path, method.lower())] = op
    return found


def schemas(ops: Operations) -> dict[str, Schema]:
    from chalicelib.answers import (
        applications,
        attachments,
        messages,
        people,
        positions,
        regions,
        system,
        units,  # issue 19
    )
    from chalicelib.answers import placements as placements_answers
    from chalicelib.answers import saved_searches as searches

    return {
        **error_schemas(),
        **value_schemas(),
        **answer_schemas(regions, people, positions, attachments, applications, messages, searches, system),
        **answer_schemas(units),
        **answer_schemas(placements_answers),  # issue 20
        **body_schemas(ops.values()),
    }


def all_failures(op: Op) -> list[Failure]:
    failures: list[Failure] = list(op.access.failures)
    if op.query is not None:
        failures.append(known.MALFORMED_QUERY)
    if op.body:
        failures += [known.MALFORMED_JSON, known.MALFORMED_BODY, known.PAYLOAD_TOO_LARGE]
        failures.append(known.UNSUPPORTED_MEDIA_TYPE)
    if op.idempotent:
        failures += [known.MALFORMED_IDEMPOTENCY_KEY, known.REQUEST_IN_PROGRESS]
        if op.body:  # without a body every repeat carries the same (empty) payload
            failures.append(known.IDEMPOTENCY_KEY_REUSED)
    return [*failures, *op.failures, known.TOO_MANY_REQUESTS, known.INTERNAL_ERROR, known.SERVICE_BUSY]


def successes(op: Op) -> dict[str, Schema]:
    if op.answer == PDF:
        return pdf_answer(op.answer_description)
    if op.status == 204:
        return no_content(op.answer_description)
    schema = op.answer if isinstance(op.answer, str | dict) else op.answer.__name__  # a Struct: its component
    answers = json_answer(schema, op.answer_description, public=op.cached, status=op.status)
    for status, description in op.also:
        answers.update(json_answer(schema, description, public=op.cached, status=status))
    return answers


def parameter_names(path: str, op: Op) -> list[str]:
    """The operation's parameters, as components: the path's ids, the query Struct's fields, the header."""
    names = [_camel(part[1:-1]) for part in path.split("/") if part.startswith("{")]
    names += [param.component for param in params_of(op.query).values()] if op.query else []
    return names + (["IdempotencyKey"] if op.idempotent else [])


def _camel(name: str) -> str:
    return "".join(word.capitalize() for word in name.split("_"))


def build_operation(path: str, op: Op) -> Schema:
    by_status: dict[int, list[Failure]] = {}
    for failure in all_failures(op):
        by_status.setdefault(failure.status, []).append(failure)
    responses: dict[str, Schema] = successes(op)
    for status in sorted(by_status):
        lines = "\n".join(f.line() for f in by_status[status])
        responses[str(status)] = {
            "$ref": f"#/components/responses/{RESPONSE_NAMES[status][0]}",
            "description": f"{RESPONSE_NAMES[status][1]}\n\n{lines}",
        }
    operation: Schema = {
        "operationId": op.operation_id,
        "tags": [op.tag],
        "summary": op.summary,
        "description": f"{op.description}\n\n**Access.** {op.access.summary}",
        "security": op.access.security,
    }
    if params := parameter_names(path, op):
        operation["parameters"] = [{"$ref": f"#/components/parameters/{name}"} for name in params]
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


def parameters(ops: Operations) -> dict[str, Schema]:
    """Every parameter an operation names, once: query parameters from their `Param`, path ids, the header."""
    found: dict[str, Schema] = {}
    for op in ops.values():
        for name, param in (params_of(op.query) if op.query else {}).items():
            schema = {"name": name, "in": "query", "required": False, "schema": param.schema}
            found[param.component] = {**schema, "description": param.description}
    found.update({_camel(name): path_parameter(name, description) for name, description in PATH_IDS.items()})
    found["IdempotencyKey"] = {
        "name": "Idempotency-Key",
        "in": "header",
        "required": False,
        "schema": {"type": "string", "minLength": 1, "maxLength": conventions.MAX_IDEMPOTENCY_KEY},
        "description": f"1–{conventions.MAX_IDEMPOTENCY_KEY} characters, chosen by the client (a UUID, say). A "
        "repeat with the same key and body answers the first success again and changes nothing; see "
        "'Idempotency-Key'.",
    }
    return found


def headers() -> dict[str, Schema]:
    retry: Schema = {"type": "string", "pattern": "^[0-9]+$"}
    described: dict[str, tuple[str, Schema]] = {
        "RequestId": ("The request's id; errors carry it as `error.request_id`.", {"type": "string"}),
        "PublicCache": (
            "Public answers may be cached for a minute.",
            {"type": "string", "enum": [conventions.PUBLIC_CACHE_CONTROL]},
        ),
        "NoStore": (
            "Personal or changing data: never cached.",
            {"type": "string", "enum": [conventions.PRIVATE_CACHE_CONTROL]},
        ),
        "RetryAfter": ("Seconds to wait before retrying.", retry),
        "RetryAfterOptional": ("Seconds to wait before retrying (with `REQUEST_IN_PROGRESS` only).", retry),
        "WwwAuthenticate": ("The scheme to use.", {"type": "string", "enum": ['Bearer realm="v1"']}),
        "Allow": ("The methods this path supports.", {"type": "string"}),
        "ContentDisposition": (
            "Download as a file named after the application.",
            {"type": "string", "pattern": '^attachment; filename="application-[^"]+\\.pdf"$'},
        ),
    }
    return {
        name: {"description": text, "required": name != "RetryAfterOptional", "schema": schema}
        for name, (text, schema) in described.items()
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
    # Issue 19: units.
    {"name": "unit", "description": "A unit (法人登录): 单位中心, 见习单位认定申请, the positions it publishes."},
    {"name": "placements", "description": "见习岗位申请 → 见习协议 → 上岗 → 期满: the trainee's side (issue 20)."},
    {
        "name": "placement-units",
        "description": "A unit (法人登录): 应聘管理, 意向人员 and 邀请, 在岗见习人员 (issue 20).",
    },
    {"name": "placement-agency", "description": "Staff (`reviewer`): 上岗报备 of the placements of their region."},
]


def description() -> str:
    """The conventions (openapi_description.md), with the numbers the code enforces (named as it names them)."""
    template = (Path(__file__).parent / "openapi_description.md").read_text(encoding="utf-8")
    return template.format(
        **{name: value for name, value in vars(conventions).items() if name.isupper()},
        max_body_kib=conventions.MAX_BODY_BYTES // 1024,
        ttl_hours=IDEMPOTENCY_TTL_SECONDS // 3600,
        cities=len(_city_codes()),
        localities=len(_locality_codes()),
        province_code=PROVINCE_CODE,
        too_many_requests=errors.TOO_MANY_REQUESTS.message,
        # The errors many operations share, explained once; operations list them by code and message only.
        common_errors="\n".join(f"- {f.status} `{f.code}` {f.message}: {f.when}." for f in known.common_failures()),
    )


@cache
def document(app: Chalice) -> dict[str, Any]:
    """The OpenAPI 3.1 document of `app`'s routes (built once per container)."""
    ops = operations(app.routes)
    paths: dict[str, Schema] = {}
    for (path, method), op in ops.items():
        paths.setdefault(path, {})[method] = build_operation(path, op)
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
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": schemas(ops),
            "parameters": parameters(ops),
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
