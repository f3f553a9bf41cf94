"""消息中心: my messages, newest first; reading one; reading all."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from chalicelib.api import cursor, parsing
from chalicelib.api.conventions import DEFAULT_LIMIT
from chalicelib.api.http import change, endpoint, page, signed_in
from chalicelib.domain.clock import utc_now
from chalicelib.services import messages

bp = Blueprint(__name__)

LIST_RULES: dict[str, parsing.QueryRule] = {
    "unread": parsing.one_of("unread", ("true", "false"), "unread应为true或false"),
    "limit": parsing.limit_rule,
    "cursor": parsing.cursor_rule,
}


@bp.route("/messages", methods=["GET"])
@endpoint
def my_messages() -> Response:
    principal = signed_in(bp.current_request)
    params = parsing.query(bp.current_request.query_params, LIST_RULES)
    unread_only = params.get("unread") == "true"
    query = cursor.query_identity("messages", subject=principal.subject, unread=unread_only)
    limit = params.get("limit", DEFAULT_LIMIT)
    return page(
        query,
        params.get("cursor"),
        lambda start: messages.mine(principal, unread_only=unread_only, limit=limit, start_key=start),
    )


@bp.route("/messages/{message_id}/read", methods=["POST"])
@endpoint
def read_message(message_id: str) -> Response:
    principal = signed_in(bp.current_request)
    return change(
        bp.current_request,
        principal,
        f"messages:read:{message_id}",
        lambda _: messages.read(principal, message_id, utc_now()),
    )


@bp.route("/messages/read-all", methods=["POST"])
@endpoint
def read_all_messages() -> Response:
    principal = signed_in(bp.current_request)
    return change(bp.current_request, principal, "messages:read-all", lambda _: messages.read_all(principal, utc_now()))
