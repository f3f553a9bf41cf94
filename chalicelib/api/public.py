"""Health, the OpenAPI document, regions, and who am I."""

from __future__ import annotations

from functools import cache
from typing import Any

from chalicelib.answers import people
from chalicelib.answers import regions as answers
from chalicelib.answers.people import Me
from chalicelib.answers.regions import Regions
from chalicelib.answers.system import HEALTHY, Health
from chalicelib.api.contract import PUBLIC, SIGNED_IN
from chalicelib.api.operation import operations
from chalicelib.api.routes import Routes
from chalicelib.domain.principal import Principal
from chalicelib.ports import Ports

routes = Routes(__name__)
operation = operations(routes)


@operation(
    method="GET",
    path="/health",
    operation_id="getHealth",
    summary="Health check",
    description='Answers `{"status": "ok"}` while the function runs; reads no backend. Like every public answer '
    "it carries `Cache-Control: public, max-age=60` (API.md); monitors should bypass caches.",
    tag="public",
    access=PUBLIC,
    answer=Health,
    answer_description="Alive.",
    cached=True,
)
def health() -> Health:
    return HEALTHY


@operation(
    method="GET",
    path="/openapi.json",
    operation_id="getOpenApi",
    summary="This OpenAPI document",
    description="The OpenAPI 3.1 document of the whole API.",
    tag="public",
    access=PUBLIC,
    answer={"type": "object"},
    answer_description="This document.",
    cached=True,
)
def openapi_document() -> Any:
    from chalicelib.openapi import document  # built on the first request for it, from the app's routes

    return document(routes.current_app)


regions_body = cache(answers.regions)


@operation(
    method="GET",
    path="/regions",
    operation_id="listRegions",
    summary="Shanxi's cities and county-level entries",
    description="The province, its 11 cities, and each city's county-level entries, its 市本级 first.",
    tag="public",
    access=PUBLIC,
    answer=Regions,
    answer_description="The divisions.",
    cached=True,
)
def regions() -> Regions:
    return regions_body()


@operation(
    method="GET",
    path="/me",
    operation_id="getMe",
    summary="Who am I",
    description="The caller's identity from the token, and their trainee status from their applications.",
    tag="me",
    access=SIGNED_IN,
    answer=Me,
    answer_description="The caller.",
)
def me(caller: Principal, ports: Ports) -> Me:
    return people.me(caller, ports.people.get(caller.account))
