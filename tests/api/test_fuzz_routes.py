"""Fuzz every route of the served OpenAPI document: hostile query values and bodies never give a 500.

Each route gets generated query parameters (the names its operation declares, plus unknown ones) and JSON
bodies (its schema's property names with values of any JSON type, plus the inputs that once crashed: digits
that are not ASCII, JSON nested 10,000 deep, lone surrogates). Whatever the input, the answer is below 500, and
every error answer is the envelope.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import app
from scripts.factories import id_number
from tests.conftest import body

CHINESE = re.compile(r"[\u4e00-\u9fff]")
IDS = ("0123456789abcdef0123456789abcdef", "x", "²", "..", "a" * 200)
HOSTILE_TEXT = ("²", "³", "①", "١٢", "-1", "0", "51", "1e3", " ", "\ud800", "%", "null", "[]", "x" * 3000)
DEEP = 10_000
HOSTILE_BODIES = (
    "[" * DEEP + "]" * DEEP,
    '{"a":' * DEEP + "1" + "}" * DEEP,
    '"\\ud800"',
    "{",
    "[]",
    "null",
    '{"a": NaN}',
    '{"a": 1e999}',
)
OPERATIONS = sorted(
    (method.lower(), path) for path, methods in app.routes.items() for method in methods if method != "OPTIONS"
)


@cache
def served_document() -> dict[str, Any]:
    from chalice.test import Client

    with Client(app) as client:
        document: dict[str, Any] = body(client.http.get("/v1/openapi.json"))
    return document


def _resolve(document: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = document
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def declared(method: str, path: str) -> tuple[list[str], list[str]]:
    """(query parameter names, body property names) of an operation, as the served document gives them."""
    document = served_document()
    operation = document["paths"][path][method]
    parameters = [_resolve(document, p) for p in operation.get("parameters", [])]
    query = [p["name"] for p in parameters if p["in"] == "query"]
    properties: list[str] = []
    content = operation.get("requestBody", {}).get("content", {}).get("application/json")
    if content:
        schema = _resolve(
            document, _resolve(document, operation["requestBody"])["content"]["application/json"]["schema"]
        )
        properties = list(schema.get("properties", {}))
    return query, properties


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
texts = st.sampled_from(HOSTILE_TEXT) | st.text(max_size=20)


@st.composite
def requests(draw: st.DrawFn, method: str, path: str) -> tuple[str, str | None]:
    query_names, properties = declared(method, path)
    filled = re.sub(r"\{[a-z_]+\}", lambda _: quote(draw(st.sampled_from(IDS)), safe=""), path)
    names = draw(st.lists(st.sampled_from([*query_names, "unknown"]), max_size=3, unique=True))
    query = "&".join(f"{name}={quote(draw(texts), safe='', errors='surrogatepass')}" for name in names)
    url = f"{filled}?{query}" if query else filled
    if method in ("get", "delete") and not properties:
        return url, None
    shaped: bool = draw(st.booleans())
    if properties and shaped:
        chosen = draw(st.lists(st.sampled_from(properties), max_size=len(properties), unique=True))
        payload = {name: draw(json_values | texts) for name in chosen}
        return url, json.dumps(payload)  # ASCII escapes: a lone surrogate travels as "\ud800"
    return url, draw(st.sampled_from(HOSTILE_BODIES) | json_values.map(json.dumps))


@pytest.fixture
def everyone(token: Any) -> str:
    return str(
        token(sub="fuzz-1", name="张三", id_number=id_number(), roles=["reviewer", "position_manager"], region="140000")
    )


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m.upper()} {p}" for m, p in OPERATIONS])
def test_no_input_gives_a_500_and_every_error_is_the_envelope(
    client: Any, everyone: str, method: str, path: str
) -> None:
    assert method in served_document()["paths"][path], "every route is in the served document"

    @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(request=requests(method, path))
    def check(request: tuple[str, str | None]) -> None:
        url, raw = request
        headers = {"Authorization": f"Bearer {everyone}", "Content-Type": "application/json"}
        answer = client.http.request(method.upper(), url, headers=headers, body=(raw or "").encode())
        assert answer.status_code < 500, (url, raw and raw[:200], answer.body[:300])
        if answer.status_code >= 400:
            error = body(answer)["error"]
            assert {"code", "message", "request_id"} <= set(error), answer.body
            assert CHINESE.search(error["message"]), error

    check()
