"""The OpenAPI 3.1 document of API v1 (`GET /v1/openapi.json`), assembled from what the code declares: the app's
routes with the `Op` each `@operation` keeps (chalicelib/api/contract.py); the components their answers and bodies
reach (openapi_bodies.py); each error's status, code and message from the catalogue (chalicelib/errors.py), the
operation adding when (openapi_ops.py); the fixed parts as data (openapi_static.toml) and the conventions' prose
(openapi_description.md), both with the numbers the enforcing code reads. Built on its first request, then kept.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from string import Template
from types import UnionType
from typing import TYPE_CHECKING, Any, Final

from chalicelib import errors
from chalicelib import openapi_ops as known
from chalicelib.answers.errors import Error
from chalicelib.api import conventions
from chalicelib.api.bodies import ref
from chalicelib.api.contract import PDF, XLSX, Op, operation_of
from chalicelib.api.queries import params_of
from chalicelib.domain.limits import IDEMPOTENCY_TTL_SECONDS
from chalicelib.domain.regions import PROVINCE_CODE
from chalicelib.openapi_bodies import answer_kinds, answer_schemas, body_schemas, component_name
from chalicelib.openapi_components import _city_codes, _locality_codes, value_schemas
from chalicelib.openapi_ops import Failure
from chalicelib.openapi_schema import response

if TYPE_CHECKING:
    from chalice.app import Chalice

Schema = dict[str, Any]
Operations = dict[tuple[str, str], Op]

OPENAPI_VERSION: Final = "3.1.0"
API_VERSION: Final = "1.0.0"


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
    """The error envelope and the vocabularies, then every component the operations' answers and bodies reach."""
    answers = (op.answer for op in ops.values() if isinstance(op.answer, type | UnionType))
    fixed = {**answer_schemas(Error), **static()["schemas"], **value_schemas()}
    return {**fixed, **answer_schemas(*answers), **body_schemas(ops.values())}


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
        pdf = {PDF: {"schema": {"type": "string", "contentMediaType": PDF}}}
        return {"200": response(op.answer_description, pdf, headers={"Content-Disposition": "ContentDisposition"})}
    if op.answer == XLSX:  # issue 21: the 补贴表
        return {
            "200": response(op.answer_description, {XLSX: {"schema": {"type": "string", "contentMediaType": XLSX}}})
        }
    if op.status == 204:
        return {"204": response(op.answer_description)}
    if isinstance(op.answer, str | dict):  # a component's name, or a schema
        schema = ref(op.answer) if isinstance(op.answer, str) else op.answer
    else:
        kinds = [ref(kind.__name__) for kind in answer_kinds(op.answer)]
        schema = kinds[0] if len(kinds) == 1 else {"oneOf": kinds}
    json = {"application/json": {"schema": schema}}
    described = [(op.status, op.answer_description), *op.also]
    return {str(status): response(text, json, public=op.cached) for status, text in described}


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
        response = static()["responses"][str(status)]
        responses[str(status)] = {
            "$ref": f"#/components/responses/{response['name']}",
            "description": f"{response['description']}\n\n{lines}",
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
    path = {"in": "path", "required": True, "schema": {"type": "string", "minLength": 1}}
    found.update(
        {_camel(name): {"name": name, **path, "description": text} for name, text in static()["path_ids"].items()}
    )
    return {**found, **static()["parameters"]}


def error_responses() -> dict[str, Schema]:
    """Each error status's response: the envelope, with the request id, `no-store` and the status's headers."""
    envelope = {"application/json": {"schema": ref("Error")}}
    return {
        found["name"]: response(found["description"], envelope, headers=found.get("headers"))
        for found in static()["responses"].values()
    }


def _conventions() -> dict[str, Any]:
    return {name: value for name, value in vars(conventions).items() if name.isupper()}


@cache
def static() -> dict[str, Any]:
    """The document's fixed parts (openapi_static.toml), each `$NAME` in them the convention's value."""
    named = _conventions()

    def fill(value: Any) -> Any:
        if isinstance(value, dict):
            return {key: fill(each) for key, each in value.items()}
        if isinstance(value, list):
            return [fill(each) for each in value]
        if isinstance(value, str) and value.startswith("$") and value[1:] in named:
            return named[value[1:]]  # the value itself: a number stays a number
        return Template(value).safe_substitute(named) if isinstance(value, str) else value

    with (Path(__file__).parent / "openapi_static.toml").open("rb") as source:
        return dict(fill(tomllib.load(source)))


# ------------------------------------------------------------------------------------------------ document


def description() -> str:
    """The conventions (openapi_description.md), with the numbers the code enforces (named as it names them)."""
    template = (Path(__file__).parent / "openapi_description.md").read_text(encoding="utf-8")
    return template.format(
        **_conventions(),
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
    fixed = static()
    return {
        "openapi": OPENAPI_VERSION,
        "info": {**fixed["info"], "version": API_VERSION, "description": description()},
        "servers": fixed["servers"],
        "security": [{"bearer": []}],
        "tags": fixed["tags"],
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": schemas(ops),
            "parameters": parameters(ops),
            "headers": fixed["headers"],
            "responses": error_responses(),
            "securitySchemes": fixed["securitySchemes"],
        },
    }
