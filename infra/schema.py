"""The DynamoDB tables, read from the PynamoDB models, so the deployed keys and indexes cannot drift from code.

`TABLE_VARIABLES` (chalicelib.config) names every table the app reads; `MODELS_BY_TABLE` (models) gives each
one's model, and the idempotency table is Powertools' own (key `id`, TTL `expiration`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pynamodb.attributes import TTLAttribute
from pynamodb.models import Model

from chalicelib.adapters.models import IDEMPOTENCY_KEY, IDEMPOTENCY_TTL_ATTRIBUTE, MODELS_BY_TABLE
from chalicelib.config import TABLE_VARIABLES

IDEMPOTENCY_TABLE = "idempotency"


@dataclass(frozen=True)
class Key:
    name: str
    type: str  # "S" | "N" | "B"


@dataclass(frozen=True)
class Index:
    name: str
    hash_key: Key
    range_key: Key | None
    projection: str  # "ALL" | "KEYS_ONLY" | "INCLUDE"
    non_key_attributes: tuple[str, ...] = ()


@dataclass(frozen=True)
class TableSpec:
    name: str  # the Tables field: "positions", "listings", ...
    variable: str  # the environment variable the app reads its name from
    hash_key: Key
    range_key: Key | None
    global_indexes: tuple[Index, ...]
    local_indexes: tuple[Index, ...]
    ttl_attribute: str | None
    stream_view_type: str | None = None  # "NEW_AND_OLD_IMAGES" when a stream handler reads the table


def table_specs() -> tuple[TableSpec, ...]:
    """Every table the app is configured with, in the order of `TABLE_VARIABLES`."""
    missing = set(TABLE_VARIABLES) - set(MODELS_BY_TABLE) - {IDEMPOTENCY_TABLE}
    if missing:
        raise LookupError(f"tables without a model: {', '.join(sorted(missing))}")
    return tuple(
        _idempotency_spec(variable) if name == IDEMPOTENCY_TABLE else _model_spec(name, variable)
        for name, variable in TABLE_VARIABLES.items()
    )


def _idempotency_spec(variable: str) -> TableSpec:
    return TableSpec(
        name=IDEMPOTENCY_TABLE,
        variable=variable,
        hash_key=Key(IDEMPOTENCY_KEY, "S"),
        range_key=None,
        global_indexes=(),
        local_indexes=(),
        ttl_attribute=IDEMPOTENCY_TTL_ATTRIBUTE,
    )


def _model_spec(name: str, variable: str) -> TableSpec:
    model = MODELS_BY_TABLE[name]
    schema = model._get_schema()
    types = {d["AttributeName"]: d["AttributeType"] for d in schema["attribute_definitions"]}
    hash_key, range_key = _keys(schema["key_schema"], types)
    return TableSpec(
        name=name,
        variable=variable,
        hash_key=hash_key,
        range_key=range_key,
        global_indexes=tuple(_index(i, types) for i in schema["global_secondary_indexes"]),
        local_indexes=tuple(_index(i, types) for i in schema["local_secondary_indexes"]),
        ttl_attribute=_ttl_attribute(model),
        stream_view_type=getattr(model.Meta, "stream_view_type", None),
    )


def _keys(key_schema: Iterable[Mapping[str, Any]], types: Mapping[str, str]) -> tuple[Key, Key | None]:
    by_type = {k["KeyType"]: Key(k["AttributeName"], types[k["AttributeName"]]) for k in key_schema}
    return by_type["HASH"], by_type.get("RANGE")


def _index(index: Mapping[str, Any], types: Mapping[str, str]) -> Index:  # a pynamodb IndexSchema
    hash_key, range_key = _keys(index["key_schema"], types)
    projection = index["projection"]
    return Index(
        name=index["index_name"],
        hash_key=hash_key,
        range_key=range_key,
        projection=projection["ProjectionType"],
        non_key_attributes=tuple(projection.get("NonKeyAttributes", ())),
    )


def _ttl_attribute(model: type[Model]) -> str | None:
    names = [attr.attr_name for attr in model.get_attributes().values() if isinstance(attr, TTLAttribute)]
    if len(names) > 1:
        raise ValueError(f"{model.__name__} declares more than one TTL attribute")
    return names[0] if names else None
