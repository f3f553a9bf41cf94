"""The components of the request and answer bodies, read from their one declaration (chalicelib/api/bodies.py,
chalicelib/answers/).

msgspec's own `schema_components` writes `X | None` as `anyOf` and names no vocabulary component; this walker
writes the document's conventions instead (`"type": [..., "null"]`, `$ref` to `Industry`, `Date`, …), from the
same `msgspec.inspect` information the parser and the encoder read, so a field added to a body or an answer
shows here. A public Struct is a component named after its class; one named `_…` is written inline.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from types import UnionType
from typing import Any, get_args

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
    msgspec.inspect.FloatType: "number",  # issue 21: amounts in yuan (a premium paid)
    msgspec.inspect.BoolType: "boolean",
    msgspec.inspect.NoneType: "null",
}


def _constraints(kind: msgspec.inspect.Type, *, items: bool = False) -> Schema:
    names = {"min_length": "minItems", "max_length": "maxItems"} if items else _CONSTRAINTS
    return {key: getattr(kind, name) for name, key in names.items() if getattr(kind, name, None) is not None}


def _documented(kind: msgspec.inspect.Metadata, partial: bool) -> Schema:
    """What a field's `Meta` says: its JSON Schema keys, those read from data at build time (`later`), and a
    PATCH's own description."""
    documented = dict(kind.extra_json_schema or {})
    extra = kind.extra or {}
    if "later" in extra:
        documented.update(extra["later"]())
    if partial and "partial_description" in extra:
        documented["description"] = extra["partial_description"]
    return documented


def field_schema(kind: msgspec.inspect.Type, *, partial: bool = False) -> Schema:
    """One field: its type and constraints, then what its `Meta` says (description, a `$ref`, extra keys)."""
    if isinstance(kind, msgspec.inspect.UnionType):
        (present,) = [t for t in kind.types if not isinstance(t, msgspec.inspect.NoneType)]
        return nullable(field_schema(present, partial=partial))
    if isinstance(kind, msgspec.inspect.Metadata):
        documented = _documented(kind, partial)
        return documented if "$ref" in documented else {**field_schema(kind.type), **documented}
    if isinstance(kind, msgspec.inspect.StructType):
        return struct_schema(kind.cls) if kind.cls.__name__.startswith("_") else ref(kind.cls.__name__)
    if isinstance(kind, msgspec.inspect.DateType):
        return ref("Date")
    if isinstance(kind, msgspec.inspect.ListType):
        return {"type": "array", "items": field_schema(kind.item_type), **_constraints(kind, items=True)}
    if isinstance(kind, msgspec.inspect.DictType):
        return {"type": "object", "additionalProperties": field_schema(kind.value_type)}
    return {"type": _SCALARS[type(kind)], **_constraints(kind)}


def _property(field: msgspec.inspect.Field, *, partial: bool, omitted_when_null: bool) -> Schema:
    kind = field.type
    if isinstance(kind, msgspec.inspect.UnionType) and omitted_when_null and field.default is None:
        (kind,) = [t for t in kind.types if not isinstance(t, msgspec.inspect.NoneType)]  # never written as null
    elif partial and not isinstance(kind, msgspec.inspect.UnionType):
        return nullable(field_schema(kind, partial=True))
    return field_schema(kind, partial=partial)


def struct_schema(body: type[msgspec.Struct], *, partial: bool = False, description: str | None = None) -> Schema:
    """A body's or an answer's object: every field without a default required (an answer writes every field,
    `null` or not); with `partial`, every field optional and nullable (a PATCH)."""
    info = msgspec.inspect.type_info(body)
    assert isinstance(info, msgspec.inspect.StructType)
    schema: Schema = {"type": "object"}
    text = description or (" ".join(inspect.cleandoc(body.__doc__).split()) if body.__doc__ else None)
    if text:
        schema["description"] = text
    omitted = body.__struct_config__.omit_defaults
    schema["properties"] = {f.name: _property(f, partial=partial, omitted_when_null=omitted) for f in info.fields}
    required = [f.name for f in info.fields if f.required and not partial]
    if required:
        schema["required"] = required
    if info.forbid_unknown_fields:
        schema["additionalProperties"] = False
    return {**schema, **getattr(body, "json_schema_extra", {})}


def component_name(body: type[msgspec.Struct], *, partial: bool = False) -> str:
    """A body's component is named after its declaration; a PATCH's after the body's `partial_component`."""
    return str(vars(body)["partial_component"]) if partial else body.__name__


def body_schemas(operations: Iterable[Op]) -> dict[str, Schema]:
    """The component of every body an operation takes, named after its declaration."""
    found: dict[str, Schema] = {}
    for op in operations:
        if op.body is not None:
            description = getattr(op.body, "partial_description", None) if op.partial else None
            found[component_name(op.body, partial=op.partial)] = struct_schema(
                op.body, partial=op.partial, description=description
            )
    return found


def answer_kinds(answer: Any) -> tuple[type, ...]:
    """An answer's Struct, or each of a union's (an answer of several kinds, e.g. `ProvinceCounts | CityCounts`)."""
    return get_args(answer) if isinstance(answer, UnionType) else (answer,)


def answer_schemas(*answers: Any) -> dict[str, Schema]:
    """The components the answers (Structs, or unions of them) reach: each public Struct (an answer, a field's
    type, an item's), and each named non-object type a field names (`named`, e.g. `History`), in the order first
    reached."""
    found: dict[str, Schema] = {}

    def reach(kind: msgspec.inspect.Type) -> None:
        if isinstance(kind, msgspec.inspect.StructType):
            name = kind.cls.__name__
            if name in found:
                return
            if not name.startswith("_"):
                found[name] = struct_schema(kind.cls)
            for field in kind.fields:
                reach(field.type)
        elif isinstance(kind, msgspec.inspect.Metadata):
            if kind.extra and "component" in kind.extra and kind.extra_json_schema:
                alias = msgspec.inspect.type_info(kind.extra["component"])
                found.setdefault(kind.extra_json_schema["$ref"].rsplit("/", 1)[1], field_schema(alias))
                reach(alias)
            reach(kind.type)
        elif isinstance(kind, msgspec.inspect.UnionType):
            for each in kind.types:
                reach(each)
        elif (inner := getattr(kind, "item_type", None) or getattr(kind, "value_type", None)) is not None:
            reach(inner)

    for kind in msgspec.inspect.multi_type_info([each for answer in answers for each in answer_kinds(answer)]):
        reach(kind)
    return found
