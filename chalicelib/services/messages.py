"""The 消息中心 of the signed-in person: the list, reading one, reading all, the unread count."""

from __future__ import annotations

from datetime import datetime

from msgspec import structs

from chalicelib.answers import messages as answers
from chalicelib.domain.clock import china_time
from chalicelib.domain.principal import Principal
from chalicelib.errors import MESSAGE_NOT_FOUND
from chalicelib.ports import Ports
from chalicelib.ports.stores import RawKey


def mine(
    principal: Principal, *, unread_only: bool, limit: int, start_key: RawKey | None, ports: Ports
) -> tuple[list[answers.Message], RawKey | None]:
    items, next_key = ports.messages.page(principal.account, unread_only=unread_only, limit=limit, start_key=start_key)
    return [answers.message(m) for m in items], next_key


def read(principal: Principal, message_id: str, now: datetime, *, ports: Ports) -> answers.Message:
    """Idempotent: reading a read message answers it as it is. Another person's message is 404."""
    messages = ports.messages
    message = messages.get(principal.account, message_id)
    if message is None:
        raise MESSAGE_NOT_FOUND()
    if message.read_at is None:
        read_at = china_time(now)
        if messages.mark_read(principal.account, message_id, read_at):
            # Answered from what the transaction wrote: a read after it could only fail a change already made.
            return structs.replace(answers.message(message), read_at=read_at)
        message = messages.get(principal.account, message_id) or message  # read meanwhile: its first read_at
    return answers.message(message)


def read_all(principal: Principal, now: datetime, *, ports: Ports) -> answers.ReadAll:
    marked = ports.messages.mark_all_read(principal.account, china_time(now))
    return answers.ReadAll(marked_read=marked, unread_messages=ports.messages.unread_left(principal.account))


def unread(subject: str, *, ports: Ports) -> int:
    return ports.messages.unread_count(subject)
