"""山西省人社公共服务平台 · 就业见习: the HTTP API. This file is the table of contents; routes live in blueprints."""

from __future__ import annotations

from chalice.app import Chalice, Cron, DynamoDBEvent

from chalicelib.api import applications, attachments, cors, favourites, middleware, positions, public, review
from chalicelib.domain.clock import utc_now
from chalicelib.streams import stream_arn

app = Chalice(app_name="shanxi-internship", configure_logs=False)
app.api.binary_types.append("application/pdf")

app.register_middleware(middleware.handle_request, "http")
app.register_blueprint(public.bp, url_prefix="/v1")
app.register_blueprint(positions.bp, url_prefix="/v1")
app.register_blueprint(attachments.bp, url_prefix="/v1")
app.register_blueprint(applications.bp, url_prefix="/v1")
app.register_blueprint(review.bp, url_prefix="/v1")
app.register_blueprint(favourites.bp, url_prefix="/v1")
cors.register_preflight(app)  # after every route, so every path answers a browser's preflight


# 00:05 China time (16:05 UTC): close positions whose deadline passed yesterday or earlier.
@app.schedule(Cron(5, 16, "*", "*", "?", "*"), name="sweep_expired_positions")
def sweep_expired_positions(event: object) -> dict[str, int]:
    from chalicelib.services.positions import sweep_expired

    return {"closed": sweep_expired(utc_now())}


# The keyword index follows the positions table (services/search.py): idempotent, so a retried batch is safe.
@app.on_dynamodb_record(
    stream_arn=stream_arn("positions"), name="index_positions", batch_size=100, starting_position="TRIM_HORIZON"
)
def index_positions(event: DynamoDBEvent) -> dict[str, int]:
    from chalicelib.services.search import index_position_records

    return {"written": index_position_records(event.to_dict()["Records"])}
