"""Small builders of the OpenAPI document's JSON Schemas and answers (`obj`, `text`, `json_answer`, ...).

Pure: the blueprints' operation declarations use them, and so do the document's components."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from chalicelib.api.bodies import ref

Schema = dict[str, Any]


def nullable(schema: Schema) -> Schema:
    """The schema or JSON null (OpenAPI 3.1: plain JSON Schema)."""
    if "$ref" in schema:
        return {"anyOf": [schema, {"type": "null"}]}
    result = dict(schema)
    kind = result.get("type")
    result["type"] = [*kind, "null"] if isinstance(kind, list) else [kind, "null"]
    if "enum" in result:
        result["enum"] = [*result["enum"], None]
    return result


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


def _hdr(name: str) -> Schema:
    return {"$ref": f"#/components/headers/{name}"}


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
