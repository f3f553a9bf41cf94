"""消息中心: my messages, newest first; reading one; reading all."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from chalicelib import errors, wiring
from chalicelib.api import cursor, parsing
from chalicelib.api.conventions import DEFAULT_LIMIT
from chalicelib.api.http import change, endpoint, page, signed_in
from chalicelib.domain.clock import utc_now
from chalicelib.openapi_ops import INVALID_CURSOR, SIGNED_IN, Failure, Op, documented
from chalicelib.openapi_schema import json_answer
from chalicelib.services import messages

bp = Blueprint(__name__)

MESSAGE_NOT_FOUND = Failure(errors.MESSAGE_NOT_FOUND, "no message has this id, or it is not the caller's own")

LIST_RULES: dict[str, parsing.QueryRule] = {
    "unread": parsing.one_of("unread", ("true", "false"), "unread应为true或false"),
    "limit": parsing.limit_rule,
    "cursor": parsing.cursor_rule,
}


@bp.route("/messages", methods=["GET"])
@endpoint
@documented(
    Op(
        "listMessages",
        "My messages (消息中心)",
        "Newest first, paged with the signed cursor like every list; `unread=true` for the unread only. "
        "`GET /v1/me` says how many are unread (`unread_messages`).",
        "me",
        SIGNED_IN,
        json_answer("MessagePage", "A page of messages."),
        (INVALID_CURSOR,),
        ("UnreadFilter", "Limit", "Cursor"),
        query=True,
    )
)
def my_messages() -> Response:
    principal = signed_in(bp.current_request)
    params = parsing.query(bp.current_request.query_params, LIST_RULES)
    unread_only = params.get("unread") == "true"
    query = cursor.query_identity("messages", subject=principal.subject, unread=unread_only)
    limit = params.get("limit", DEFAULT_LIMIT)
    return page(
        query,
        params.get("cursor"),
        lambda start: messages.mine(
            principal, unread_only=unread_only, limit=limit, start_key=start, ports=wiring.ports()
        ),
    )


@bp.route("/messages/{message_id}/read", methods=["POST"])
@endpoint
@documented(
    Op(
        "readMessage",
        "Mark a message read",
        "Idempotent: a message read before answers as it is (its first `read_at`). No body.",
        "me",
        SIGNED_IN,
        json_answer("Message", "The message, read."),
        (MESSAGE_NOT_FOUND,),
        ("MessageId",),
        idempotent=True,
    )
)
def read_message(message_id: str) -> Response:
    principal = signed_in(bp.current_request)
    return change(
        bp.current_request,
        principal,
        f"messages:read:{message_id}",
        lambda _: messages.read(principal, message_id, utc_now(), ports=wiring.ports()),
    )


@bp.route("/messages/read-all", methods=["POST"])
@endpoint
@documented(
    Op(
        "readAllMessages",
        "Mark all my messages read",
        "Every unread message is marked read; the unread count drops by exactly those. No body.",
        "me",
        SIGNED_IN,
        json_answer("ReadAll", "Done."),
        idempotent=True,
    )
)
def read_all_messages() -> Response:
    principal = signed_in(bp.current_request)
    return change(
        bp.current_request,
        principal,
        "messages:read-all",
        lambda _: messages.read_all(principal, utc_now(), ports=wiring.ports()),
    )
