"""GET /v1/verify/{application_id}: the public page behind the printed form's QR code (扫码验真)."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from chalicelib.api.http import PUBLIC_CACHE, endpoint, json_response
from chalicelib.services import verification

bp = Blueprint(__name__)


@bp.route("/verify/{application_id}", methods=["GET"])
@endpoint
def verify_application(application_id: str) -> Response:
    # Public and cacheable like search (a status change shows within the cache's minute); throttled like it too.
    return json_response(verification.verify(application_id), headers=PUBLIC_CACHE)
