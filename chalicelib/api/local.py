"""Local-stage only: the texts the local SMS sink "sent", so a developer sees what a person would receive."""

from __future__ import annotations

import msgspec
from chalice.app import Blueprint

from chalicelib import errors
from chalicelib.answers.system import SentTextList
from chalicelib.api.contract import PUBLIC
from chalicelib.api.operation import operations
from chalicelib.api.queries import NoQuery
from chalicelib.config import settings
from chalicelib.errors import LOCAL_ONLY
from chalicelib.openapi_ops import Failure

bp = Blueprint(__name__)
operation = operations(bp)


def sent_texts_body() -> SentTextList:
    """Newest first. Anywhere but STAGE=local this route does not exist (404)."""
    if settings().stage != "local":
        raise LOCAL_ONLY()
    from chalicelib.adapters.sms_gateway import LocalSink, local_log_path

    return msgspec.convert({"items": list(reversed(LocalSink(local_log_path()).sent()))}, SentTextList)


@operation(
    method="GET",
    path="/local/sms",
    operation_id="listLocalTexts",
    summary="Texts sent by the local SMS sink",
    description="Only when `STAGE=local` (`make dev`): what the SMS sender wrote to `.local/sms.log`. Elsewhere "
    "404. Takes no query parameters.",
    tag="me",
    access=PUBLIC,
    query=NoQuery,
    answer=SentTextList,
    answer_description="The texts sent.",
    failures=(Failure(errors.LOCAL_ONLY, "the stage is not `local`"),),
)
def sent_texts() -> SentTextList:
    return sent_texts_body()
