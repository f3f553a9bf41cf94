"""`@operation`: one decorator is the whole contract of a route.

    operation = operations(bp)

    @operation(method="POST", path="/applications", operation_id="submitApplication", ..., access=APPLICANT,
               body=ApplicationForm, answer=ApplicationSubmitted, status=201, idempotent=True)
    def submit(caller: Principal, form: dict[str, Any]) -> Any:
        return applications.submit(caller, form, utc_now())

It registers the route with Chalice (so `chalice.test.Client`, `chalice local` and the packager see a plain
route), turns errors into the envelope (`http.endpoint`), resolves the caller from `access`, parses the query into
its Struct and the body against its declaration, runs the handler once per `Idempotency-Key` (scoped to the
caller, the operationId and the path's ids), encodes what the handler returns with msgspec and sets the status.
The same `Op` stays on the view for the OpenAPI document (chalicelib/openapi.py).

A handler receives what its parameters name: a path parameter by its name; `caller` (the resolved `Principal`);
`query` (the query Struct); `ports` (the composition root's `chalicelib.wiring.ports()`, imported on first use);
any other parameter is the parsed body: its Struct if the parameter is annotated with the body's class, else a
dict of the typed values given. It returns the answer (a Struct,
dicts and lists; None for 204), a `Reply` to choose among the declared statuses, or a ready `Response` (a PDF).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple, Protocol

import msgspec
from chalice.app import Request, Response

from chalicelib.api import parsing, queries
from chalicelib.api.contract import OPERATION_ATTRIBUTE, Op
from chalicelib.api.conventions import MAX_IDEMPOTENCY_KEY
from chalicelib.api.http import JSON_TYPE, PRIVATE_CACHE, PUBLIC_CACHE, endpoint
from chalicelib.errors import MALFORMED_HEADER, FieldProblem

Handler = Callable[..., Any]
_INJECTED = frozenset({"caller", "query", "ports"})


class Reply(NamedTuple):
    """An answer with a status other than the operation's own (one of its declared `also` statuses)."""

    status: int
    body: Any


class Router(Protocol):
    """A Chalice app or blueprint: where a route is registered and its request read."""

    @property
    def current_request(self) -> Request | None: ...

    def route(self, path: str, **kwargs: Any) -> Callable[..., Any]: ...


def operations(router: Router) -> Callable[..., Callable[[Handler], Handler]]:
    """The `@operation` decorator of one blueprint (or app): its keyword arguments are `Op`'s fields."""

    def operation(**declared: Any) -> Callable[[Handler], Handler]:
        op = Op(**declared)

        def register(handler: Handler) -> Handler:
            _check(op, handler)
            view = _view(router, op, handler)
            router.route(op.path, methods=[op.method])(view)
            return view

        return register

    return operation


def _view(router: Router, op: Op, handler: Handler) -> Handler:
    @functools.wraps(handler)
    def view(**path: str) -> Response:
        request = router.current_request
        assert request is not None, "Chalice sets the request before it calls a view"
        return _answer(request, op, handler, path)

    wrapped = endpoint(view)
    setattr(wrapped, OPERATION_ATTRIBUTE, op)
    return wrapped


@functools.cache
def _wants(handler: Handler) -> tuple[str, ...]:
    code = handler.__code__
    return code.co_varnames[: code.co_argcount + code.co_kwonlyargcount]


def _check(op: Op, handler: Handler) -> None:
    """At import, not on the first request: every parameter of the handler is one the operation can give."""
    path_ids = {part[1:-1] for part in op.path.split("/") if part.startswith("{")}
    unknown = [name for name in _wants(handler) if name not in path_ids | _INJECTED]
    if len(unknown) > (1 if op.body is not None else 0):  # the one left over is the body
        raise TypeError(f"{op.operation_id}: nothing to give the handler's {', '.join(unknown)}")


def _answer(request: Request, op: Op, handler: Handler, path: Mapping[str, str]) -> Response:
    caller = op.access.resolve(request)
    # A malformed key is refused before the body is read, so the answer does not depend on what else is wrong.
    key = request.headers.get("idempotency-key") if op.idempotent and caller is not None else None
    if key is not None and not 1 <= len(key) <= MAX_IDEMPOTENCY_KEY:
        message = f"幂等键长度应为1至{MAX_IDEMPOTENCY_KEY}个字符"
        raise MALFORMED_HEADER([FieldProblem("Idempotency-Key", "INVALID_VALUE", message)])
    query = queries.parse(op.query, request.query_params) if op.query is not None else None
    payload = parsing.json_object(request) if op.body is not None else {}
    body = parsing.fields(payload, op.body, partial=op.partial) if op.body is not None else {}
    arguments: dict[str, Any] = {}
    for name in _wants(handler):
        if name in path:
            arguments[name] = path[name]
        elif name == "caller":
            arguments[name] = caller
        elif name == "query":
            arguments[name] = query
        elif name == "ports":
            from chalicelib import wiring  # the composition root, imported on first use

            arguments[name] = wiring.ports()
        else:
            arguments[name] = _as_declared(op, handler, name, body)
    # A key belongs to a caller: a public route has none to scope it to, so it simply runs.
    if key is None or caller is None:
        return _response(op, handler(**arguments))
    from chalicelib.adapters.idempotency import run_once

    def once() -> dict[str, Any]:
        status, answer = _status_and_body(op, handler(**arguments))
        return {"status": status, "body": msgspec.to_builtins(answer)}  # stored as JSON by the idempotency table

    scope = ":".join([op.operation_id, *path.values()])
    stored = run_once(subject=caller.subject, operation=scope, key=key, payload=payload, action=once)
    return _json(stored["status"], stored["body"], cached=False)


def _as_declared(op: Op, handler: Handler, name: str, body: dict[str, Any]) -> Any:
    """The body as its Struct when the handler's parameter names the declaration, else the dict of the fields
    given (a PATCH's: absent and null differ). The parser has checked presence and types; the rules are the
    service's (422 with every problem), so the Struct is built without msgspec's own checks."""
    wanted = handler.__annotations__.get(name)
    declared = op.body is not None and not op.partial and wanted in (op.body, op.body.__name__)
    return op.body(**body) if declared and op.body is not None else body


def _status_and_body(op: Op, answer: Any) -> tuple[int, Any]:
    return (answer.status, answer.body) if isinstance(answer, Reply) else (op.status, answer)


def _response(op: Op, answer: Any) -> Response:
    if isinstance(answer, Response):
        return answer
    return _json(*_status_and_body(op, answer), cached=op.cached)


def _json(status: int, body: Any, *, cached: bool) -> Response:
    return Response(
        body="" if status == 204 else msgspec.json.encode(body).decode(),
        status_code=status,
        headers={"Content-Type": JSON_TYPE, **(PUBLIC_CACHE if cached else PRIVATE_CACHE)},
    )
