"""Small builders of the OpenAPI document's JSON Schemas and answers (`obj`, `text`, `json_answer`, ...).

Pure: the blueprints' operation declarations use them, and so do the document's components."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

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


def text(description: str | None = None, **constraints: Any) -> Schema:
    schema: Schema = {"type": "string", **constraints}
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


def response(
    description: str, content: Schema | None = None, *, public: bool = False, headers: Mapping[str, str] | None = None
) -> Schema:
    """An answer's response: the request id, `Cache-Control`, any other header (by component), the content."""
    named = {"X-Request-Id": "RequestId", "Cache-Control": "PublicCache" if public else "NoStore", **(headers or {})}
    found: Schema = {
        "description": description,
        "headers": {header: {"$ref": f"#/components/headers/{component}"} for header, component in named.items()},
    }
    return found if content is None else {**found, "content": content}
