"""山西省人社公共服务平台 · 就业见习: the HTTP API. This file is the table of contents; routes live in blueprints."""

from __future__ import annotations

from chalice.app import Chalice, Cron, DynamoDBEvent

from chalicelib import wiring
from chalicelib.api import (  # issue 21: subsidies
    applications,
    attachments,
    attendance,
    cors,
    exports,
    favourites,
    local,
    messages,
    middleware,
    notices,
    placement_agency,  # issue 20
    placement_units,  # issue 20
    positions,
    public,
    review,
    saved_searches,
    subsidy_claims,
    subsidy_review,
    unit_review,  # issue 19: 单位审核, 岗位审核
    units,  # issue 19: 见习单位
)
from chalicelib.api import placements as placements_api  # issue 20
from chalicelib.api import verify as verify_api
from chalicelib.domain.clock import utc_now
from chalicelib.streams import stream_arn

app = Chalice(app_name="shanxi-internship", configure_logs=False)
app.api.binary_types.append("application/pdf")
app.api.binary_types.append("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")  # issue 21: 补贴表

app.register_middleware(middleware.handle_request, "http")
app.register_blueprint(public.bp, url_prefix="/v1")
app.register_blueprint(positions.bp, url_prefix="/v1")
app.register_blueprint(attachments.bp, url_prefix="/v1")
app.register_blueprint(applications.bp, url_prefix="/v1")
app.register_blueprint(review.bp, url_prefix="/v1")
app.register_blueprint(favourites.bp, url_prefix="/v1")
app.register_blueprint(verify_api.bp, url_prefix="/v1")
app.register_blueprint(messages.bp, url_prefix="/v1")
app.register_blueprint(local.bp, url_prefix="/v1")
app.register_blueprint(saved_searches.bp, url_prefix="/v1")
# issue 21: 考勤, 补贴申领, 公示 and objections, 拨付, exports
app.register_blueprint(attendance.bp, url_prefix="/v1")
app.register_blueprint(subsidy_claims.bp, url_prefix="/v1")
app.register_blueprint(subsidy_review.bp, url_prefix="/v1")
app.register_blueprint(notices.bp, url_prefix="/v1")
app.register_blueprint(exports.bp, url_prefix="/v1")
app.register_blueprint(units.bp, url_prefix="/v1")  # issue 19: 见习单位
app.register_blueprint(unit_review.bp, url_prefix="/v1")  # issue 19: 单位审核, 岗位审核
app.register_blueprint(placements_api.bp, url_prefix="/v1")  # issue 20: placements
app.register_blueprint(placement_agency.bp, url_prefix="/v1")  # issue 20
app.register_blueprint(placement_units.bp, url_prefix="/v1")  # issue 20
cors.register_preflight(app)  # after every route, so every path answers a browser's preflight


# 00:05 China time (16:05 UTC): close positions whose deadline passed yesterday or earlier.
@app.schedule(Cron(5, 16, "*", "*", "?", "*"), name="sweep_expired_positions")
def sweep_expired_positions(event: object) -> dict[str, int]:
    from chalicelib.services.positions import sweep_expired

    return {"closed": sweep_expired(utc_now(), ports=wiring.ports())}


# 消息中心 and SMS (services/notifications.py, services/sms.py). One text per invocation: a send with all its
# retries fits the function's timeout, and a failing text never makes another's batch fail.
@app.on_dynamodb_record(
    stream_arn=stream_arn("outbox"), name="send_texts", batch_size=1, starting_position="TRIM_HORIZON"
)
def send_texts(event: DynamoDBEvent) -> dict[str, int]:
    from chalicelib.services.sms import on_outbox_records

    return on_outbox_records(event.to_dict()["Records"], ports=wiring.ports())


@app.on_dynamodb_record(
    stream_arn=stream_arn("positions"), name="notify_favourite_closed", batch_size=100, starting_position="TRIM_HORIZON"
)
def notify_favourite_closed(event: DynamoDBEvent) -> dict[str, int]:
    from chalicelib.services.notifications import on_position_records

    return {"written": on_position_records(event.to_dict()["Records"], ports=wiring.ports())}


# 08:00 China time (00:00 UTC): deadline-in-3-days reminders, then the texts the quiet hours held back.
@app.schedule(Cron(0, 0, "*", "*", "?", "*"), name="morning_notices")
def morning_notices(event: object) -> dict[str, int]:
    from chalicelib.services.jobs import morning

    return morning(utc_now(), ports=wiring.ports())


# 03:20 China time (19:20 UTC): remove attachment copies that no record names (left by a failure between steps).
@app.schedule(Cron(20, 19, "*", "*", "?", "*"), name="reconcile_attachment_files")
def reconcile_attachment_files(event: object) -> dict[str, int]:
    from chalicelib.services.reconciliation import reconcile_files

    result = reconcile_files(utc_now(), ports=wiring.ports())
    return {"examined": result.examined, "removed": result.removed}


# Every hour at :40: the texts the stream did not finish (its 24 h window, a dead-lettered batch) are sent or given
# up with a reason (services/outbox_recovery.py). Found by Query on the outbox's open_by_day index.
@app.schedule(Cron(40, "*", "*", "*", "?", "*"), name="recover_texts")
def recover_texts(event: object) -> dict[str, int]:
    from chalicelib.services.outbox_recovery import recover

    return recover(utc_now(), ports=wiring.ports())


# The keyword index follows the positions table (services/search.py): idempotent, so a retried batch is safe.
@app.on_dynamodb_record(
    stream_arn=stream_arn("positions"), name="index_positions", batch_size=100, starting_position="TRIM_HORIZON"
)
def index_positions(event: DynamoDBEvent) -> dict[str, int]:
    from chalicelib.services.search import index_position_records

    return {"written": index_position_records(event.to_dict()["Records"], ports=wiring.ports())}


# issue 21: the 花名册 export job. A new export item in the subsidies table starts it (services/exports.py): the
# file is streamed to the bucket a page of placements at a time; a retried record finds the export done.
@app.on_dynamodb_record(
    stream_arn=stream_arn("subsidies"), name="write_exports", batch_size=1, starting_position="TRIM_HORIZON"
)
def write_exports(event: DynamoDBEvent) -> dict[str, int]:
    from chalicelib.services.exports import on_subsidy_records

    return {"written": on_subsidy_records(event.to_dict()["Records"], utc_now(), ports=wiring.ports())}
