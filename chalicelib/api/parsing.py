"""Turning a request into typed values: 400 for what is malformed, 422 for what breaks a field rule."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from enum import Enum
from typing import Any

import msgspec
from msgspec import Struct

from chalicelib.api.conventions import MAX_BODY_BYTES
from chalicelib.errors import (
    JSON_BAD_UNICODE,
    JSON_NOT_AN_OBJECT,
    JSON_TOO_DEEP,
    MALFORMED_JSON,
    MALFORMED_REQUEST,
    PAYLOAD_TOO_LARGE,
    UNSUPPORTED_MEDIA_TYPE,
    VALIDATION_FAILED,
    FieldProblem,
)


class Kind(Enum):
    TEXT = "string"
    INTEGER = "integer"
    BOOLEAN = "boolean"
    DATE = "date"
    TEXT_LIST = "list of strings"
    TEXT_MAP = "object of strings"
    OBJECT = "object"  # a nested Struct (issue 21's `bank`): its fields are the service's to check (422)
    OBJECT_LIST = "list of objects"  # a list of nested Structs (issue 21's `insurance`)


class Field(Struct, frozen=True):
    kind: Kind
    required: bool = True
    max_length: int | None = None  # for TEXT: longer is malformed, not a rule (protects the table's item size)
    nullable: bool = True  # JSON null means "absent"; where not, null is the wrong type


_TYPE_MESSAGES = {
    Kind.TEXT: "应为字符串",
    Kind.INTEGER: "应为整数",
    Kind.BOOLEAN: "应为true或false",
    Kind.DATE: "应为YYYY-MM-DD格式的日期字符串",
    Kind.TEXT_LIST: "应为字符串列表",
    Kind.TEXT_MAP: "应为查询条件对象，各值为字符串",
    Kind.OBJECT: "应为对象",
    Kind.OBJECT_LIST: "应为对象列表",
}

_KINDS: dict[type[msgspec.inspect.Type], Kind] = {
    msgspec.inspect.StrType: Kind.TEXT,
    msgspec.inspect.IntType: Kind.INTEGER,
    msgspec.inspect.BoolType: Kind.BOOLEAN,
    msgspec.inspect.DateType: Kind.DATE,
    msgspec.inspect.ListType: Kind.TEXT_LIST,
    msgspec.inspect.DictType: Kind.TEXT_MAP,
}


_SPECS: dict[type[msgspec.Struct], dict[str, Field]] = {}


def spec_of(body: type[msgspec.Struct]) -> dict[str, Field]:
    """What the parser checks of each field of a body declared in chalicelib.api.bodies (read once)."""
    if body not in _SPECS:
        _SPECS[body] = _read_spec(body)
    return _SPECS[body]


def _read_spec(body: type[msgspec.Struct]) -> dict[str, Field]:
    info = msgspec.inspect.type_info(body)
    assert isinstance(info, msgspec.inspect.StructType)
    spec: dict[str, Field] = {}
    for declared in info.fields:
        kind: msgspec.inspect.Type = declared.type
        optional = False
        if isinstance(kind, msgspec.inspect.UnionType):  # `X | None`: null is as good as absent
            optional = True
            kind = next(t for t in kind.types if not isinstance(t, msgspec.inspect.NoneType))
        cap = kind.extra.get("cap") if isinstance(kind, msgspec.inspect.Metadata) and kind.extra else None
        if isinstance(kind, msgspec.inspect.Metadata):
            kind = kind.type
        spec[declared.name] = Field(_kind_of(kind), declared.required, cap, optional or declared.required)
    return spec


def _kind_of(kind: msgspec.inspect.Type) -> Kind:
    if isinstance(kind, msgspec.inspect.StructType):
        return Kind.OBJECT
    if isinstance(kind, msgspec.inspect.ListType) and isinstance(kind.item_type, msgspec.inspect.StructType):
        return Kind.OBJECT_LIST
    return _KINDS[type(kind)]


def json_object(request: Any) -> dict[str, Any]:
    """The request body as a JSON object, or the error a client developer can act on."""
    content_type = (request.headers.get("content-type") or "application/json").split(";")[0].strip().lower()
    if content_type != "application/json":
        raise UNSUPPORTED_MEDIA_TYPE()
    raw: bytes = request.raw_body or b""
    if len(raw) > MAX_BODY_BYTES:
        raise PAYLOAD_TOO_LARGE()
    if not raw.strip():
        return {}
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise MALFORMED_JSON() from None
    except RecursionError:  # nested deeper than the parser's stack: no body of ours is more than 3 deep
        raise JSON_TOO_DEEP() from None
    if not isinstance(body, dict):
        raise JSON_NOT_AN_OBJECT()
    _refuse_lone_surrogates(body)
    return body


def _refuse_lone_surrogates(body: dict[str, Any]) -> None:
    """JSON may spell half a UTF-16 pair (`"\\ud800"`); Python accepts it, but it cannot be stored or answered
    in UTF-8, so it would fail deep inside a write. Every key and string is checked, without recursion."""
    pending: list[Any] = [body]
    while pending:
        value = pending.pop()
        if isinstance(value, dict):
            pending.extend(value.keys())
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
        elif isinstance(value, str) and not _is_utf8(value):
            raise JSON_BAD_UNICODE()


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _convert(kind: Kind, value: Any) -> Any:
    """The typed value, or None when the JSON type is wrong. Dates that are strings but not dates are rules."""
    if kind is Kind.TEXT:
        return value.strip() if isinstance(value, str) else None
    if kind is Kind.INTEGER:
        return value if isinstance(value, int) and not isinstance(value, bool) else None
    if kind is Kind.BOOLEAN:
        return value if isinstance(value, bool) else None
    if kind is Kind.DATE:
        return value if isinstance(value, str) else None
    if kind is Kind.OBJECT:
        return value if isinstance(value, dict) else None
    if kind is Kind.OBJECT_LIST:
        return value if isinstance(value, list) and all(isinstance(v, dict) for v in value) else None
    if kind is Kind.TEXT_MAP:
        return value if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()) else None
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [v.strip() for v in value]
    return None


def fields(body: Mapping[str, Any], declared: type[msgspec.Struct], *, partial: bool = False) -> dict[str, Any]:
    """Check a body against its declaration (chalicelib.api.bodies): names, JSON types and hard caps (400), then
    presence and date syntax (422), every problem at once. Returns the typed values of the fields given."""
    spec = spec_of(declared)
    unknown = [FieldProblem(name, "UNKNOWN_FIELD", "不支持该字段") for name in body if name not in spec]
    typed: dict[str, Any] = {}
    wrong: list[FieldProblem] = []
    for name, field in spec.items():
        if name not in body or (body[name] is None and (field.nullable or partial)):
            continue
        value = None if body[name] is None else _convert(field.kind, body[name])
        if value is None:
            wrong.append(FieldProblem(name, "WRONG_TYPE", _TYPE_MESSAGES[field.kind]))
        elif field.max_length is not None and len(value) > field.max_length:
            wrong.append(FieldProblem(name, "TOO_LONG", f"不能超过{field.max_length}个字符"))
        else:
            typed[name] = value
    if unknown or wrong:
        raise MALFORMED_REQUEST([*unknown, *wrong])
    problems: list[FieldProblem] = []
    if not partial:
        problems += [
            FieldProblem(name, "REQUIRED", "必填")
            for name, field in spec.items()
            if field.required and (name not in typed or typed[name] == "")
        ]
    for name, field in spec.items():
        if field.kind is Kind.DATE and name in typed:
            try:
                typed[name] = date.fromisoformat(typed[name])
            except ValueError:
                problems.append(FieldProblem(name, "INVALID_DATE", "日期格式应为YYYY-MM-DD"))
    if problems:
        raise VALIDATION_FAILED(problems)
    return typed
