"""Local-stage only: the texts the local SMS sink "sent", so a developer sees what a person would receive."""

from __future__ import annotations

from typing import Any

import msgspec

from chalicelib import errors
from chalicelib.answers.subsidies import LocalClock
from chalicelib.answers.system import SentTextList
from chalicelib.api.contract import PUBLIC
from chalicelib.api.operation import operations
from chalicelib.api.queries import NoQuery
from chalicelib.api.routes import Routes
from chalicelib.api.subsidy_bodies import ClockAdvance
from chalicelib.config import settings
from chalicelib.errors import LOCAL_ONLY
from chalicelib.openapi_ops import Failure, validation_failed

routes = Routes(__name__)
operation = operations(routes)


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


# -- the local clock (issue 21): move "today" for the API, the jobs and the stream handlers of `make dev` --------

CLOCK_MAX_DAYS = 400


def _local_clock() -> None:
    from chalicelib.domain.clock import clock_file

    if settings().stage != "local" or clock_file() is None:
        raise LOCAL_ONLY()


def clock_body() -> LocalClock:
    from chalicelib.answers.subsidies import local_clock
    from chalicelib.domain.clock import offset_days, utc_now

    _local_clock()
    return local_clock(offset_days(), utc_now())


def advance_clock(days: int) -> LocalClock:
    from chalicelib.domain.clock import offset_days, set_offset_days

    _local_clock()
    if not 1 <= days <= CLOCK_MAX_DAYS:
        message = f"应为1至{CLOCK_MAX_DAYS}的整数"
        raise errors.VALIDATION_FAILED([errors.FieldProblem("advance_days", "OUT_OF_RANGE", message)])
    set_offset_days(offset_days() + days)
    return clock_body()


@operation(
    method="GET",
    path="/local/clock",
    operation_id="getLocalClock",
    summary="The local clock",
    description="Only when `STAGE=local` with `LOCAL_CLOCK_FILE` set (`make dev`): how many days the service's "
    "today was moved, and that today (China time). Elsewhere 404.",
    tag="me",
    access=PUBLIC,
    query=NoQuery,
    answer=LocalClock,
    answer_description="The clock.",
    failures=(Failure(errors.LOCAL_ONLY, "not the local stack"),),
)
def get_clock() -> LocalClock:
    return clock_body()


@operation(
    method="POST",
    path="/local/clock",
    operation_id="advanceLocalClock",
    summary="Move the local clock forward",
    description=f"`advance_days` 1–{CLOCK_MAX_DAYS}: the API, the jobs and the stream handlers of the local stack "
    "all see the new today (a shared file), so a 公示 can be walked to its end. Elsewhere 404.",
    tag="me",
    access=PUBLIC,
    body=ClockAdvance,
    answer=LocalClock,
    answer_description="The clock after the move.",
    failures=(
        Failure(errors.LOCAL_ONLY, "not the local stack"),
        validation_failed("`advance_days` `OUT_OF_RANGE`"),
    ),
)
def move_clock(move: dict[str, Any]) -> LocalClock:
    return advance_clock(move["advance_days"])
