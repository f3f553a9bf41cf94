"""schemathesis against the live stack: the routes' answers must be what GET /v1/openapi.json says they are.

The stack is `scripts/devstack.py` (moto_server + `chalice local`, demo positions), the document is the one it
serves, and every request goes over HTTP. Each operation is fuzzed with schema-valid and schema-invalid inputs
(path ids are random or ids that exist), as the caller its access needs; every answer must be no 5xx, a
documented status with a documented content type, a body matching the documented schema and the documented
response headers. The module stays bounded for CI (~25 examples an operation, no deadline).
"""

from __future__ import annotations

import importlib
import subprocess
import threading
import uuid
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import Case, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from scripts.demo_data import demo_trainees
from scripts.walkthrough import Walk

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]
TIMEOUT = 10
EXAMPLES = 25
PDF = {"Accept": "application/pdf"}


@dataclass(frozen=True)
class Target:
    """One operation, fuzzed as one caller (a key of `World.callers`)."""

    method: str
    path: str
    who: str
    examples: int = EXAMPLES
    headers: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.method} {self.path} as {self.who}"


TARGETS = [
    # Public.
    Target("GET", "/v1/health", "anonymous"),
    Target("GET", "/v1/openapi.json", "anonymous"),
    Target("GET", "/v1/regions", "anonymous"),
    Target("GET", "/v1/positions", "anonymous", examples=50),
    Target("GET", "/v1/positions/{position_id}", "anonymous"),
    # Signed in, reading.
    Target("GET", "/v1/me", "trainee"),
    Target("GET", "/v1/me", "newcomer"),
    Target("GET", "/v1/me", "reviewer"),
    Target("GET", "/v1/me", "anonymous", examples=10),
    Target("GET", "/v1/applications", "trainee", examples=40),
    Target("GET", "/v1/applications", "reviewer", examples=10),
    Target("GET", "/v1/applications/{application_id}", "trainee"),
    Target("GET", "/v1/applications/{application_id}/form.pdf", "trainee", examples=10, headers=PDF),
    Target("GET", "/v1/attachments/{attachment_id}", "trainee"),
    Target("GET", "/v1/trainee/positions", "trainee", examples=40),
    Target("GET", "/v1/trainee/positions", "newcomer", examples=10),
    Target("GET", "/v1/favourites", "trainee"),
    Target("GET", "/v1/admin/applications", "reviewer", examples=40),
    Target("GET", "/v1/admin/applications", "county_reviewer"),
    Target("GET", "/v1/admin/applications", "trainee", examples=10),
    Target("GET", "/v1/admin/applications/{application_id}", "reviewer"),
    Target("GET", "/v1/admin/applications/{application_id}/form.pdf", "reviewer", examples=10, headers=PDF),
    # Signed in, writing: last, so that the reads above see the state the fixture made.
    Target("POST", "/v1/admin/positions", "manager", examples=40),
    Target("POST", "/v1/admin/positions", "county_manager"),
    Target("PATCH", "/v1/admin/positions/{position_id}", "manager"),
    Target("POST", "/v1/admin/positions/{position_id}/close", "manager"),
    Target("POST", "/v1/attachments", "newcomer"),
    Target("POST", "/v1/attachments/{attachment_id}/confirm", "trainee"),
    Target("DELETE", "/v1/attachments/{attachment_id}", "trainee"),
    Target("POST", "/v1/applications", "newcomer"),
    Target("POST", "/v1/applications", "trainee"),
    Target("POST", "/v1/applications/{application_id}/withdraw", "trainee"),
    Target("POST", "/v1/admin/applications/{application_id}/approve", "reviewer"),
    Target("POST", "/v1/admin/applications/{application_id}/reject", "reviewer"),
    Target("PUT", "/v1/favourites/{position_id}", "trainee"),
    Target("PUT", "/v1/favourites/{position_id}", "newcomer", examples=10),
    Target("DELETE", "/v1/favourites/{position_id}", "trainee"),
]

# Every operation that changes something: API.md lets each take an `Idempotency-Key` (1–64 characters).
MUTATIONS = list(dict.fromkeys((t.method, t.path) for t in TARGETS if t.method != "GET"))


@dataclass(frozen=True)
class World:
    """Who calls (headers by caller) and the ids that exist, by path parameter name."""

    callers: dict[str, dict[str, str]]
    ids: dict[str, list[str]]


# ---------------------------------------------------------------------------------------------- the stack


class _Tail:
    """Stands in for the stack's stdout pipe: a thread keeps reading it, `read()` gives the last lines."""

    def __init__(self, pipe: Any) -> None:
        self._lines: deque[bytes] = deque(maxlen=64)
        self._thread = threading.Thread(target=self._drain, args=(pipe,), daemon=True)
        self._thread.start()

    def _drain(self, pipe: Any) -> None:
        for line in iter(pipe.readline, b""):
            self._lines.append(line)

    def read(self) -> bytes:
        self._thread.join(timeout=5)
        return b"".join(self._lines)


class _DrainingSubprocess:
    """`subprocess` as tests/e2e/conftest.py sees it, except that a stdout PIPE is read as the stack writes.

    The `stack` fixture gives the servers a pipe that nobody reads while they run: `chalice local` writes two
    log lines a request, and after 64 KiB (some 160 requests) it blocks on the write and every later request
    times out. Remove this once the fixture reads or redirects the output itself.
    """

    PIPE = subprocess.PIPE
    STDOUT = subprocess.STDOUT

    @staticmethod
    def Popen(*args: Any, **kwargs: Any) -> subprocess.Popen[bytes]:  # noqa: N802 - subprocess's own name
        process: subprocess.Popen[bytes] = subprocess.Popen(*args, **kwargs)
        if kwargs.get("stdout") == subprocess.PIPE and process.stdout is not None:
            process.stdout = _Tail(process.stdout)  # type: ignore[assignment]
        return process


@pytest.fixture(scope="module", autouse=True)
def _drained_stack_output() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(importlib.import_module("tests.e2e.conftest"), "subprocess", _DrainingSubprocess)
        yield


@pytest.fixture(scope="module")
def api_schema(_drained_stack_output: None, stack: str) -> schemathesis.BaseSchema:
    """The document the stack serves; requests go to its origin (the paths carry `/v1`, the server is `/`)."""
    config = schemathesis.Config.from_dict({"base-url": stack.removesuffix("/v1"), "request-timeout": TIMEOUT})
    return schemathesis.openapi.from_url(f"{stack}/openapi.json", config=config, timeout=TIMEOUT)


@pytest.fixture(scope="module")
def session() -> Iterator[requests.Session]:
    with requests.Session() as s:
        yield s


@pytest.fixture(scope="module")
def world(_drained_stack_output: None, stack: str) -> World:
    """An approved trainee with two favourites, a real-name newcomer, and staff; and the ids that exist."""
    walk = Walk(stack, say=lambda _line: None)
    youth, graduate = demo_trainees()[1], demo_trainees()[0]  # 李浩然 of 平城区, 王晓雨 of 小店区
    run = uuid.uuid4().hex[:8]
    trainee = walk.token(sub=f"st-trainee-{run}", name=youth["name"], id_number=youth["id_number"])
    callers = {
        "anonymous": {},
        "trainee": trainee,
        "newcomer": walk.token(sub=f"st-newcomer-{run}", name=graduate["name"], id_number=graduate["id_number"]),
        "reviewer": walk.token(sub="st-reviewer", name="审核员", roles=["reviewer"], region="140000"),
        "county_reviewer": walk.token(sub="st-reviewer-140105", roles=["reviewer"], region="140105"),
        "manager": walk.token(sub="st-manager", roles=["position_manager"], region="140000"),
        "county_manager": walk.token(sub="st-manager-140105", roles=["position_manager"], region="140105"),
    }
    attachments = [walk.upload(trainee, "id_card"), walk.upload(trainee, "unemployment_registration")]
    form = {
        "name": youth["name"],
        "id_number": youth["id_number"],
        "phone": youth["phone"],
        "education": "bachelor",
        "person_category": "unemployed_youth",
        "locality": youth["locality"],
        "address": "大同市平城区",
        "attachments": attachments,
    }
    withdrawn = walk.call("POST", "/applications", 201, trainee, json=form)["application_id"]
    walk.call("POST", f"/applications/{withdrawn}/withdraw", 200, trainee)
    approved = walk.call("POST", "/applications", 201, trainee, json=form)["application_id"]
    walk.call("POST", f"/admin/applications/{approved}/approve", 200, callers["reviewer"], json={"comment": "齐全"})
    local = [p["position_id"] for p in walk.call("GET", "/trainee/positions", 200, trainee)["items"]]
    for position_id in local[:2]:
        walk.call("PUT", f"/favourites/{position_id}", 201, trainee)
    elsewhere = [p["position_id"] for p in walk.call("GET", "/positions", 200, params={"limit": 5})["items"]]
    return World(
        callers=callers,
        ids={"position_id": local[:4] + elsewhere, "application_id": [approved, withdrawn], "attachment_id": attachments},
    )


# ------------------------------------------------------------------------------------------------ the tests


def cases(operation: schemathesis.APIOperation, ids: dict[str, list[str]]) -> st.SearchStrategy[Case]:
    """Schema-valid inputs, the same with ids that exist, and schema-invalid inputs where there are any."""
    strategies = [operation.as_strategy(GenerationMode.POSITIVE)]
    names = [p.name for p in operation.iter_parameters() if p.location == "path"]
    if names:
        existing = st.fixed_dictionaries({name: st.sampled_from(ids[name]) for name in names})
        strategies.append(existing.flatmap(lambda known: operation.as_strategy(path_parameters=known)))
    if operation.body or any(True for _ in operation.iter_parameters()):
        strategies.append(operation.as_strategy(GenerationMode.NEGATIVE))
    return st.one_of(strategies)


@pytest.mark.parametrize("target", TARGETS, ids=str)
def test_the_route_answers_as_documented(
    target: Target, api_schema: schemathesis.BaseSchema, session: requests.Session, world: World
) -> None:
    operation = api_schema[target.path][target.method]
    headers = {**target.headers, **world.callers[target.who]}

    @settings(max_examples=target.examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(case=cases(operation, world.ids))
    def fuzz(case: Case) -> None:
        case.call_and_validate(session=session, headers=headers, checks=CHECKS, timeout=TIMEOUT)

    fuzz()


def test_every_operation_of_the_document_is_fuzzed(api_schema: schemathesis.BaseSchema) -> None:
    documented = {(op.method.upper(), op.path) for op in (r.ok() for r in api_schema.get_all_operations())}
    assert documented == {(t.method, t.path) for t in TARGETS}


@pytest.mark.parametrize(("method", "path"), MUTATIONS, ids=" ".join)
def test_a_mutation_declares_the_idempotency_key_it_checks(
    method: str, path: str, api_schema: schemathesis.BaseSchema, session: requests.Session, world: World
) -> None:
    """A key of 65 characters is 400 on every mutation: the operation must declare the header and the 400."""
    operation = api_schema[path][method]
    headers = {**world.callers[next(t.who for t in TARGETS if (t.method, t.path) == (method, path))]}
    headers["Idempotency-Key"] = "k" * 65
    known = st.fixed_dictionaries(
        {p.name: st.sampled_from(world.ids[p.name]) for p in operation.iter_parameters() if p.location == "path"}
    )

    @settings(max_examples=3, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(case=known.flatmap(lambda ids: operation.as_strategy(path_parameters=ids)))
    def send(case: Case) -> None:
        response = case.call(session=session, headers=headers, timeout=TIMEOUT)
        assert response.status_code == 400, response.text
        assert response.json()["error"]["details"][0]["field"] == "Idempotency-Key"
        declared = {p.name for p in operation.iter_parameters() if p.location == "header"}
        assert "Idempotency-Key" in declared, f"{method} {path} checks Idempotency-Key but does not declare it"
        case.validate_response(response, checks=CHECKS, headers=headers)

    send()
