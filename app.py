"""山西省人社公共服务平台 · 就业见习: the HTTP API. This file is the table of contents: the routes live in the route
modules of chalicelib/api (listed in `routes.MODULES`), served from the route table; the stream and schedule
functions are below."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chalice.app import Chalice, Cron, DynamoDBEvent

from chalicelib.api import cors, middleware, route_table, routes
from chalicelib.domain.clock import utc_now
from chalicelib.streams import stream_arn

if TYPE_CHECKING:
    from chalicelib.ports import Ports

app = Chalice(app_name="shanxi-internship", configure_logs=False)
app.api.binary_types.append("application/pdf")
app.api.binary_types.append("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")  # issue 21: 补贴表

app.register_middleware(middleware.handle_request, "http")
# Every route, registered from the route table; its module (use cases, answers, stores) is imported on the first
# request for it (chalicelib/api/routes.py). The route modules are listed in `routes.MODULES`.
routes.serve(app, route_table.ROUTES)
cors.register_preflight(app)  # after every route, so every path answers a browser's preflight


def ports() -> Ports:
    """The stores, for the stream and schedule functions below (the composition root, imported on first use)."""
    from chalicelib import wiring

    return wiring.ports()


# 00:05 China time (16:05 UTC): close positions whose deadline passed yesterday or earlier.
@app.schedule(Cron(5, 16, "*", "*", "?", "*"), name="sweep_expired_positions")
def sweep_expired_positions(event: object) -> dict[str, int]:
    from chalicelib.services.positions import sweep_expired

    return {"closed": sweep_expired(utc_now(), ports=ports())}


# 消息中心 and SMS (services/notifications.py, services/sms.py). One text per invocation: a send with all its
# retries fits the function's timeout, and a failing text never makes another's batch fail.
@app.on_dynamodb_record(
    stream_arn=stream_arn("outbox"), name="send_texts", batch_size=1, starting_position="TRIM_HORIZON"
)
def send_texts(event: DynamoDBEvent) -> dict[str, int]:
    from chalicelib.services.sms import on_outbox_records

    return on_outbox_records(event.to_dict()["Records"], ports=ports())


@app.on_dynamodb_record(
    stream_arn=stream_arn("positions"), name="notify_favourite_closed", batch_size=100, starting_position="TRIM_HORIZON"
)
def notify_favourite_closed(event: DynamoDBEvent) -> dict[str, int]:
    from chalicelib.services.notifications import on_position_records

    return {"written": on_position_records(event.to_dict()["Records"], ports=ports())}


# 08:00 China time (00:00 UTC): deadline-in-3-days reminders, then the texts the quiet hours held back.
@app.schedule(Cron(0, 0, "*", "*", "?", "*"), name="morning_notices")
def morning_notices(event: object) -> dict[str, int]:
    from chalicelib.services.jobs import morning

    return morning(utc_now(), ports=ports())


# 03:20 China time (19:20 UTC): remove attachment copies that no record names (left by a failure between steps).
@app.schedule(Cron(20, 19, "*", "*", "?", "*"), name="reconcile_attachment_files")
def reconcile_attachment_files(event: object) -> dict[str, int]:
    from chalicelib.services.reconciliation import reconcile_files

    result = reconcile_files(utc_now(), ports=ports())
    return {"examined": result.examined, "removed": result.removed}


# Every hour at :40: the texts the stream did not finish (its 24 h window, a dead-lettered batch) are sent or given
# up with a reason (services/outbox_recovery.py). Found by Query on the outbox's open_by_day index.
@app.schedule(Cron(40, "*", "*", "*", "?", "*"), name="recover_texts")
def recover_texts(event: object) -> dict[str, int]:
    from chalicelib.services.outbox_recovery import recover

    return recover(utc_now(), ports=ports())


# The keyword index follows the positions table (services/search.py): idempotent, so a retried batch is safe.
@app.on_dynamodb_record(
    stream_arn=stream_arn("positions"), name="index_positions", batch_size=100, starting_position="TRIM_HORIZON"
)
def index_positions(event: DynamoDBEvent) -> dict[str, int]:
    from chalicelib.services.search import index_position_records

    return {"written": index_position_records(event.to_dict()["Records"], ports=ports())}


# issue 21: the 花名册 export job. A new export item in the subsidies table starts it (services/exports.py): the
# file is streamed to the bucket a page of placements at a time; a retried record finds the export done.
@app.on_dynamodb_record(
    stream_arn=stream_arn("subsidies"), name="write_exports", batch_size=1, starting_position="TRIM_HORIZON"
)
def write_exports(event: DynamoDBEvent) -> dict[str, int]:
    from chalicelib.services.exports import on_subsidy_records

    return {"written": on_subsidy_records(event.to_dict()["Records"], utc_now(), ports=ports())}
