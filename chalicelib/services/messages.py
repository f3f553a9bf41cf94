"""The 消息中心 of the signed-in person: the list, reading one, reading all, the unread count."""

from __future__ import annotations

from datetime import datetime

from chalicelib.adapters import message_store
from chalicelib.adapters.dynamo import RawKey, is_transient
from chalicelib.answers import messages as answers
from chalicelib.domain.clock import china_time
from chalicelib.domain.principal import Principal
from chalicelib.errors import MESSAGE_NOT_FOUND, AppError
from chalicelib.observability import logger


def message_not_found() -> AppError:
    return MESSAGE_NOT_FOUND()


def mine(
    principal: Principal, *, unread_only: bool, limit: int, start_key: RawKey | None
) -> tuple[list[answers.Message], RawKey | None]:
    items, next_key = message_store.page(principal.subject, unread_only=unread_only, limit=limit, start_key=start_key)
    return [answers.message(m) for m in items], next_key


def read(principal: Principal, message_id: str, now: datetime) -> answers.Message:
    """Idempotent: reading a read message answers it as it is. Another person's message is 404."""
    message = message_store.get(principal.subject, message_id)
    if message is None:
        raise message_not_found()
    if message.read_at is None:
        read_at = china_time(now)
        if message_store.mark_read(principal.subject, message_id, read_at):
            # Answered from what the transaction wrote: a read after it could only fail a change already made.
            message.read_at, message.unread_of = read_at, None
        else:  # read meanwhile by another request: answer its first read_at; nothing was changed here
            message = message_store.get(principal.subject, message_id) or message
    return answers.message(message)


def read_all(principal: Principal, now: datetime) -> answers.ReadAll:
    marked = message_store.mark_all_read(principal.subject, china_time(now))
    try:
        unread_left = message_store.unread_count(principal.subject)
    except Exception as error:
        if not is_transient(error):
            raise
        # The messages are read: a 503 now would tell the user nothing happened. The pass read every message
        # unread when it started, so what is left is what arrived meanwhile; GET /v1/me shows those.
        logger.warning("unread count not read after read-all", extra={"error": type(error).__name__})
        unread_left = 0
    return answers.ReadAll(marked_read=marked, unread_messages=unread_left)


def unread(subject: str) -> int:
    return message_store.unread_count(subject)
