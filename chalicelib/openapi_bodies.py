"""The request bodies' OpenAPI components, read from their one declaration (chalicelib/api/bodies.py).

msgspec's own `schema_components` writes `X | None` as `anyOf` and names no vocabulary component; this walker
writes the document's conventions instead (`"type": [..., "null"]`, `$ref` to `Industry`, `Date`, …), from the
same `msgspec.inspect` information the parser reads, so a field added to a body shows here and is checked there.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from typing import Any

import msgspec

from chalicelib.api.bodies import ref
from chalicelib.api.contract import Op
from chalicelib.openapi_schema import nullable

Schema = dict[str, Any]
_CONSTRAINTS = {
    "min_length": "minLength",
    "max_length": "maxLength",
    "pattern": "pattern",
    "ge": "minimum",
    "le": "maximum",
}
_SCALARS = {
    msgspec.inspect.StrType: "string",
    msgspec.inspect.IntType: "integer",
    msgspec.inspect.BoolType: "boolean",
}


def _constraints(kind: msgspec.inspect.Type, *, items: bool = False) -> Schema:
    names = {"min_length": "minItems", "max_length": "maxItems"} if items else _CONSTRAINTS
    return {key: getattr(kind, name) for name, key in names.items() if getattr(kind, name, None) is not None}


def field_schema(kind: msgspec.inspect.Type, *, partial: bool = False) -> Schema:
    """One field: its type and constraints, then what its `Meta` says (description, a `$ref`, extra keys)."""
    if isinstance(kind, msgspec.inspect.UnionType):
        (present,) = [t for t in kind.types if not isinstance(t, msgspec.inspect.NoneType)]
        return nullable(field_schema(present, partial=partial))
    if isinstance(kind, msgspec.inspect.Metadata):
        documented = dict(kind.extra_json_schema or {})
        if partial and kind.extra and "partial_description" in kind.extra:
            documented["description"] = kind.extra["partial_description"]
        return documented if "$ref" in documented else {**field_schema(kind.type), **documented}
    if isinstance(kind, msgspec.inspect.DateType):
        return ref("Date")
    if isinstance(kind, msgspec.inspect.ListType):
        return {"type": "array", "items": field_schema(kind.item_type), **_constraints(kind, items=True)}
    return {"type": _SCALARS[type(kind)], **_constraints(kind)}


def body_schema(body: type[msgspec.Struct], *, partial: bool = False, description: str | None = None) -> Schema:
    """A body's component: a closed object; with `partial`, every field optional and nullable (a PATCH)."""
    info = msgspec.inspect.type_info(body)
    assert isinstance(info, msgspec.inspect.StructType)
    schema: Schema = {"type": "object"}
    text = description or (" ".join(inspect.cleandoc(body.__doc__).split()) if body.__doc__ else None)
    if text:
        schema["description"] = text
    schema["properties"] = {
        f.name: nullable(field_schema(f.type, partial=True))
        if partial and not isinstance(f.type, msgspec.inspect.UnionType)
        else field_schema(f.type, partial=partial)
        for f in info.fields
    }
    required = [f.name for f in info.fields if f.required and not partial]
    if required:
        schema["required"] = required
    if info.forbid_unknown_fields:
        schema["additionalProperties"] = False
    return {**schema, **getattr(body, "json_schema_extra", {})}


def component_name(body: type[msgspec.Struct], *, partial: bool = False) -> str:
    """A body's component is named after its declaration; a PATCH's after the body's `partial_component`."""
    if not partial:
        return body.__name__
    name = getattr(body, "partial_component", None)
    if not isinstance(name, str):
        raise TypeError(f"{body.__name__} declares no partial_component for a PATCH")
    return name


def body_schemas(operations: Iterable[Op]) -> dict[str, Schema]:
    """The component of every body an operation takes, named after its declaration."""
    found: dict[str, Schema] = {}
    for op in operations:
        if op.body is not None:
            description = getattr(op.body, "partial_description", None) if op.partial else None
            found[component_name(op.body, partial=op.partial)] = body_schema(
                op.body, partial=op.partial, description=description
            )
    return found
