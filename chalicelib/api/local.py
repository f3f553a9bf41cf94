"""Local-stage only: the texts the local SMS sink "sent", so a developer sees what a person would receive."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from chalicelib import errors
from chalicelib.api import parsing
from chalicelib.api.http import endpoint, json_response
from chalicelib.config import settings
from chalicelib.errors import LOCAL_ONLY
from chalicelib.openapi_ops import PUBLIC, Failure, Op, documented
from chalicelib.openapi_schema import json_answer

bp = Blueprint(__name__)


@bp.route("/local/sms", methods=["GET"])
@endpoint
@documented(
    Op(
        "listLocalTexts",
        "Texts sent by the local SMS sink",
        "Only when `STAGE=local` (`make dev`): what the SMS sender wrote to `.local/sms.log`. Elsewhere 404. "
        "Takes no query parameters.",
        "me",
        PUBLIC,
        json_answer("SentTextList", "The texts sent."),
        (Failure(errors.LOCAL_ONLY, "the stage is not `local`"),),
        query=True,
    )
)
def sent_texts() -> Response:
    """Newest first. Anywhere but STAGE=local this route does not exist (404)."""
    if settings().stage != "local":
        raise LOCAL_ONLY()
    parsing.query(bp.current_request.query_params, {})
    from chalicelib.adapters.sms_gateway import LocalSink, local_log_path

    return json_response({"items": list(reversed(LocalSink(local_log_path()).sent()))})
