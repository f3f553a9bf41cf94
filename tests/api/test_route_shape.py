"""Every route is one `@operation` whose handler is at most 3 lines: the decorator is the route's whole contract."""

from __future__ import annotations

import ast
import inspect
import json
import sys
import textwrap
from types import SimpleNamespace
from typing import Any

import pytest
from chalice.app import Chalice
from chalice.test import Client
from msgspec import Struct

from app import app
from chalicelib.api.contract import PUBLIC, operation_of
from chalicelib.api.operation import operations
from chalicelib.api.queries import MessageList

MAX_BODY_LINES = 3


def body_lines(handler: Any) -> int:
    """Lines of the handler's body, its docstring left out."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(handler)))
    function = tree.body[0]
    assert isinstance(function, ast.FunctionDef)
    body = function.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    return (body[-1].end_lineno or 0) - body[0].lineno + 1 if body else 0


def offenders(routes: dict[str, Any]) -> list[str]:
    found = []
    for path, entries in routes.items():
        for method, entry in entries.items():
            if operation_of(entry.view_function) is None:
                found.append(f"{method} {path}: not an @operation")
            elif (lines := body_lines(inspect.unwrap(entry.view_function))) > MAX_BODY_LINES:
                found.append(f"{method} {path}: a body of {lines} lines")
    return found


def test_every_route_is_one_operation_of_at_most_three_lines() -> None:
    assert len(app.routes) > 20
    assert offenders(app.routes) == []


def test_the_walk_names_a_plain_route_and_a_long_handler() -> None:
    """The check above can fail: a bare Chalice route and a four-line handler are both named."""
    other = Chalice("shape")

    @other.route("/plain")
    def plain() -> dict[str, str]:
        return {}

    @operations(other)(
        method="GET", path="/long", operation_id="long", summary="", description="", tag="t", access=PUBLIC
    )
    def long() -> int:
        a = 1
        b = 2
        c = 3
        return a + b + c

    assert offenders(other.routes) == ["GET /plain: not an @operation", "GET /long: a body of 4 lines"]


def test_a_handler_gets_what_its_parameters_name(monkeypatch: pytest.MonkeyPatch) -> None:
    """Path ids by name, the parsed query, and `ports` from the composition root (chalicelib.wiring)."""
    import chalicelib

    ports = SimpleNamespace(clock="fake")
    wiring = SimpleNamespace(ports=lambda: ports)
    monkeypatch.setitem(sys.modules, "chalicelib.wiring", wiring)
    monkeypatch.setattr(chalicelib, "wiring", wiring, raising=False)
    other = Chalice("injection")

    @operations(other)(
        method="GET",
        path="/things/{thing_id}",
        operation_id="getThing",
        summary="",
        description="",
        tag="t",
        access=PUBLIC,
        query=MessageList,
    )
    def thing(thing_id: str, query: MessageList, ports: Any) -> Any:
        return {"thing": thing_id, "unread": query.unread, "limit": query.limit, "clock": ports.clock}

    with Client(other) as client:
        answer = client.http.get("/things/t1?unread=true&limit=5")
        refused = client.http.get("/things/t1?colour=red")
    assert answer.status_code == 200
    assert json.loads(answer.body) == {"thing": "t1", "unread": True, "limit": 5, "clock": "fake"}
    assert refused.status_code == 400
    assert json.loads(refused.body)["error"]["details"][0]["code"] == "UNKNOWN_PARAMETER"


class Thing(Struct, frozen=True):
    name: str
    count: int


def test_an_answer_declared_as_a_struct_is_encoded_and_documented_as_its_component() -> None:
    from chalicelib.openapi import successes

    other = Chalice("answers")
    declared = {"summary": "", "description": "", "tag": "t", "access": PUBLIC, "answer": Thing}

    @operations(other)(method="POST", path="/things", operation_id="makeThing", status=201, **declared)
    def make() -> Thing:
        return Thing("见习", 2)

    with Client(other) as client:
        answer = client.http.post("/things")
    assert (answer.status_code, answer.body) == (201, '{"name":"见习","count":2}'.encode())
    op = operation_of(other.routes["/things"]["POST"].view_function)
    assert op is not None
    assert successes(op)["201"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Thing"}


def test_a_handler_asking_for_what_its_operation_cannot_give_fails_at_import() -> None:
    declared = {"summary": "", "description": "", "tag": "t", "access": PUBLIC}
    with pytest.raises(TypeError, match="getThing: nothing to give the handler's thing"):

        @operations(Chalice("typo"))(method="GET", path="/things/{thing_id}", operation_id="getThing", **declared)
        def thing(thing: str) -> str:
            return thing
