"""GET /v1/verify/{application_id}: the public page behind the printed form's QR code (扫码验真)."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from chalicelib import errors, wiring
from chalicelib.api.http import PUBLIC_CACHE, endpoint, json_response
from chalicelib.openapi_ops import PUBLIC, Failure, Op, documented
from chalicelib.openapi_schema import json_answer
from chalicelib.services import verification

bp = Blueprint(__name__)

VERIFY_NOT_FOUND = Failure(
    errors.APPLICATION_NOT_FOUND, "no application has this id: the form is not one this service printed"
)


@bp.route("/verify/{application_id}", methods=["GET"])
@endpoint
@documented(
    Op(
        "verifyApplication",
        "Verify a printed form (扫码验真)",
        "The page a printed form's QR code opens (`<web client>/verify/<application_id>`) reads this: whether "
        "the form is genuine and the case's current status, with the name and ID number masked. No other "
        "personal data. Cached and throttled like search.",
        "public",
        PUBLIC,
        json_answer("Verification", "The case exists.", public=True),
        (VERIFY_NOT_FOUND,),
        ("ApplicationId",),
    )
)
def verify_application(application_id: str) -> Response:
    # Public and cacheable like search (a status change shows within the cache's minute); throttled like it too.
    return json_response(verification.verify(application_id, ports=wiring.ports()), headers=PUBLIC_CACHE)
