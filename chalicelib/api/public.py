"""Health, the OpenAPI document, regions, and who am I."""

from __future__ import annotations

from functools import cache

from chalice.app import Blueprint, Response

from chalicelib import wiring
from chalicelib.answers import people
from chalicelib.answers import regions as answers
from chalicelib.answers.system import HEALTHY
from chalicelib.api.http import PUBLIC_CACHE, endpoint, json_response, signed_in
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
    return json_response(HEALTHY, headers=PUBLIC_CACHE)


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


regions_body = cache(answers.regions)


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
    return json_response(people.me(principal, wiring.ports().people.get(principal.subject)))
