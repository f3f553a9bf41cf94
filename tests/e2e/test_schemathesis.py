"""schemathesis against the live stack: every answer of the routes must be what GET /v1/openapi.json says."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass

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
TIMEOUT = 30


@dataclass(frozen=True)
class Target:
    method: str
    path: str
    who: str  # a key of the `people` fixture; "anonymous" sends no token
    examples: int = 30

    def __str__(self) -> str:
        return f"{self.method} {self.path} as {self.who}"


TARGETS = [
    Target("GET", "/v1/health", "anonymous"),
    Target("GET", "/v1/openapi.json", "anonymous"),
    Target("GET", "/v1/regions", "anonymous"),
    Target("GET", "/v1/positions", "anonymous"),
    Target("GET", "/v1/positions/{position_id}", "anonymous"),
    Target("GET", "/v1/me", "trainee"),
    Target("GET", "/v1/applications", "trainee"),
    Target("GET", "/v1/trainee/positions", "trainee"),
    Target("GET", "/v1/favourites", "trainee"),
    Target("GET", "/v1/admin/applications", "reviewer"),
    Target("POST", "/v1/admin/positions", "manager"),
]


@pytest.fixture(scope="module")
def api_schema(stack: str) -> schemathesis.BaseSchema:
    config = schemathesis.Config.from_dict({"base-url": stack.removesuffix("/v1"), "request-timeout": TIMEOUT})
    return schemathesis.openapi.from_url(f"{stack}/openapi.json", config=config, timeout=TIMEOUT)


@pytest.fixture(scope="module")
def session() -> Iterator[requests.Session]:
    with requests.Session() as s:
        yield s


@pytest.fixture(scope="module")
def people(stack: str) -> dict[str, dict[str, str]]:
    walk = Walk(stack, say=lambda _line: None)
    person = demo_trainees()[1]  # 李浩然, an unemployed youth of 平城区
    subject = f"st-{uuid.uuid4().hex[:8]}"
    trainee = walk.token(sub=subject, name=person["name"], id_number=person["id_number"])
    reviewer = walk.token(sub="st-reviewer", roles=["reviewer"], region="140000")
    manager = walk.token(sub="st-manager", roles=["position_manager"], region="140000")
    form = {
        "name": person["name"],
        "id_number": person["id_number"],
        "phone": person["phone"],
        "education": "bachelor",
        "person_category": "unemployed_youth",
        "locality": person["locality"],
        "address": "大同市平城区",
        "attachments": [walk.upload(trainee, "id_card"), walk.upload(trainee, "unemployment_registration")],
    }
    submitted = walk.call("POST", "/applications", 201, trainee, json=form)
    walk.call("POST", f"/admin/applications/{submitted['application_id']}/approve", 200, reviewer, json={})
    mine = walk.call("GET", "/trainee/positions", 200, trainee)
    for position in mine["items"][:2]:
        walk.call("PUT", f"/favourites/{position['position_id']}", 201, trainee)
    return {"anonymous": {}, "trainee": trainee, "reviewer": reviewer, "manager": manager}


@pytest.mark.parametrize("target", TARGETS, ids=str)
def test_the_route_answers_as_documented(
    target: Target,
    api_schema: schemathesis.BaseSchema,
    session: requests.Session,
    people: dict[str, dict[str, str]],
) -> None:
    operation = api_schema[target.path][target.method]
    strategies = [operation.as_strategy(GenerationMode.POSITIVE)]
    if operation.body or any(True for _ in operation.iter_parameters()):
        strategies.append(operation.as_strategy(GenerationMode.NEGATIVE))
    headers = people[target.who]

    @settings(max_examples=target.examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(case=st.one_of(strategies))
    def fuzz(case: Case) -> None:
        case.call_and_validate(session=session, headers=headers, checks=CHECKS)

    fuzz()
