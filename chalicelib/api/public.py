"""Health, the OpenAPI document, regions, and who am I."""

from __future__ import annotations

from functools import cache
from typing import Any

from chalice.app import Blueprint

from chalicelib.adapters import person_store
from chalicelib.api.contract import PUBLIC, SIGNED_IN
from chalicelib.api.operation import operations
from chalicelib.domain.masks import mask_id_number
from chalicelib.domain.principal import Principal
from chalicelib.domain.regions import PROVINCE_CODE, shanxi

bp = Blueprint(__name__)
operation = operations(bp)


@operation(
    method="GET",
    path="/health",
    operation_id="getHealth",
    summary="Health check",
    description='Answers `{"status": "ok"}` while the function runs; reads no backend. Like every public answer '
    "it carries `Cache-Control: public, max-age=60` (API.md); monitors should bypass caches.",
    tag="public",
    access=PUBLIC,
    answer="Health",
    answer_description="Alive.",
    cached=True,
)
def health() -> Any:
    return {"status": "ok"}


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

    return document(bp.current_app)


@cache
def regions_body() -> dict[str, Any]:
    regions = shanxi()
    return {
        "province": {"code": PROVINCE_CODE, "name": regions.province_name},
        "cities": [
            {
                "code": city.code,
                "name": city.name,
                "counties": [{"code": loc.code, "name": loc.name} for loc in city.localities],
            }
            for city in regions.cities
        ],
    }


@operation(
    method="GET",
    path="/regions",
    operation_id="listRegions",
    summary="Shanxi's cities and county-level entries",
    description="The province, its 11 cities, and each city's county-level entries, its 市本级 first.",
    tag="public",
    access=PUBLIC,
    answer="Regions",
    answer_description="The divisions.",
    cached=True,
)
def regions() -> Any:
    return regions_body()


def locality_body(code: str | None) -> dict[str, str] | None:
    locality = shanxi().locality(code) if code else None
    return {"code": locality.code, "name": locality.full_name} if locality else None


def me_body(principal: Principal) -> dict[str, Any]:
    """The caller as the token says, and as a trainee as their applications say."""
    person = person_store.get(principal.subject)
    live = person is not None and person.live_application_id is not None
    return {
        "subject": principal.subject,
        "name": principal.name,
        "id_number_masked": mask_id_number(principal.id_number) if principal.id_number else None,
        "roles": sorted(principal.roles),
        "region": principal.region,
        "trainee_status": person.live_status if live and person and person.live_status else "none",
        "locality": locality_body(person.locality) if live and person else None,
        "unread_messages": int(person.unread_messages or 0) if person else 0,
    }


@operation(
    method="GET",
    path="/me",
    operation_id="getMe",
    summary="Who am I",
    description="The caller's identity from the token, and their trainee status from their applications.",
    tag="me",
    access=SIGNED_IN,
    answer="Me",
    answer_description="The caller.",
)
def me(caller: Principal) -> Any:
    return me_body(caller)
