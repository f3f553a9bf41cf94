"""Health, the OpenAPI document, regions, and who am I."""

from __future__ import annotations

from functools import cache
from typing import Any

from chalice.app import Blueprint, Response

from chalicelib import wiring
from chalicelib.api.http import PUBLIC_CACHE, endpoint, json_response, signed_in
from chalicelib.domain.masks import mask_id_number
from chalicelib.domain.regions import PROVINCE_CODE, shanxi
from chalicelib.openapi_ops import PUBLIC, SIGNED_IN, Op, documented
from chalicelib.openapi_schema import json_answer

bp = Blueprint(__name__)


@bp.route("/health", methods=["GET"])
@endpoint
@documented(
    Op(
        "getHealth",
        "Health check",
        'Answers `{"status": "ok"}` while the function runs; reads no backend. Like every public answer '
        "it carries `Cache-Control: public, max-age=60` (API.md); monitors should bypass caches.",
        "public",
        PUBLIC,
        json_answer("Health", "Alive.", public=True),
    )
)
def health() -> Response:
    return json_response({"status": "ok"}, headers=PUBLIC_CACHE)


@bp.route("/openapi.json", methods=["GET"])
@endpoint
@documented(
    Op(
        "getOpenApi",
        "This OpenAPI document",
        "The OpenAPI 3.1 document of the whole API.",
        "public",
        PUBLIC,
        json_answer({"type": "object"}, "This document.", public=True),
    )
)
def openapi_document() -> Response:
    from chalicelib.openapi import document

    return json_response(document(), headers=PUBLIC_CACHE)


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


@bp.route("/regions", methods=["GET"])
@endpoint
@documented(
    Op(
        "listRegions",
        "Shanxi's cities and county-level entries",
        "The province, its 11 cities, and each city's county-level entries, its 市本级 first.",
        "public",
        PUBLIC,
        json_answer("Regions", "The divisions.", public=True),
    )
)
def regions() -> Response:
    return json_response(regions_body(), headers=PUBLIC_CACHE)


def locality_body(code: str | None) -> dict[str, str] | None:
    locality = shanxi().locality(code) if code else None
    return {"code": locality.code, "name": locality.full_name} if locality else None


@bp.route("/me", methods=["GET"])
@endpoint
@documented(
    Op(
        "getMe",
        "Who am I",
        "The caller's identity from the token, and their trainee status from their applications.",
        "me",
        SIGNED_IN,
        json_answer("Me", "The caller."),
    )
)
def me() -> Response:
    principal = signed_in(bp.current_request)
    person = wiring.ports().people.get(principal.subject)
    live = person is not None and person.live_application_id is not None
    return json_response(
        {
            "subject": principal.subject,
            "name": principal.name,
            "id_number_masked": mask_id_number(principal.id_number) if principal.id_number else None,
            "roles": sorted(principal.roles),
            "region": principal.region,
            "trainee_status": person.live_status if live and person and person.live_status else "none",
            "locality": locality_body(person.locality) if live and person else None,
            "unread_messages": int(person.unread_messages or 0) if person else 0,
        }
    )
