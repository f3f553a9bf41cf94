"""消息中心: my messages, newest first; reading one; reading all."""

from __future__ import annotations

from chalicelib import errors
from chalicelib.answers.messages import Message, MessagePage, ReadAll
from chalicelib.api import listings
from chalicelib.api.contract import SIGNED_IN
from chalicelib.api.operation import operations
from chalicelib.api.queries import MessageList
from chalicelib.api.routes import Routes
from chalicelib.domain.clock import utc_now
from chalicelib.domain.principal import Principal
from chalicelib.openapi_ops import INVALID_CURSOR, Failure
from chalicelib.ports import Ports
from chalicelib.services import messages

routes = Routes(__name__)
operation = operations(routes)

MESSAGE_NOT_FOUND = Failure(errors.MESSAGE_NOT_FOUND, "no message has this id, or it is not the caller's own")


@operation(
    method="GET",
    path="/messages",
    operation_id="listMessages",
    summary="My messages (消息中心)",
    description="Newest first, paged with the signed cursor like every list; `unread=true` for the unread only. "
    "`GET /v1/me` says how many are unread (`unread_messages`).",
    tag="me",
    access=SIGNED_IN,
    query=MessageList,
    answer=MessagePage,
    answer_description="A page of messages.",
    failures=(INVALID_CURSOR,),
)
def my_messages(caller: Principal, query: MessageList, ports: Ports) -> MessagePage:
    return listings.my_messages(caller, query, ports)


@operation(
    method="POST",
    path="/messages/{message_id}/read",
    operation_id="readMessage",
    summary="Mark a message read",
    description="Idempotent: a message read before answers as it is (its first `read_at`). No body.",
    tag="me",
    access=SIGNED_IN,
    answer=Message,
    answer_description="The message, read.",
    failures=(MESSAGE_NOT_FOUND,),
    idempotent=True,
)
def read_message(caller: Principal, message_id: str, ports: Ports) -> Message:
    return messages.read(caller, message_id, utc_now(), ports=ports)


@operation(
    method="POST",
    path="/messages/read-all",
    operation_id="readAllMessages",
    summary="Mark all my messages read",
    description="Every unread message is marked read; the unread count drops by exactly those. No body.",
    tag="me",
    access=SIGNED_IN,
    answer=ReadAll,
    answer_description="Done.",
    idempotent=True,
)
def read_all_messages(caller: Principal, ports: Ports) -> ReadAll:
    return messages.read_all(caller, utc_now(), ports=ports)
