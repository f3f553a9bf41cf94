"""The 消息中心's answers: a message, a page of them, what read-all did."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

from msgspec import Meta, Struct

from chalicelib.answers.fields import HexId, Page, Timestamp, one_of, ref
from chalicelib.domain.notices import KIND_TITLES

if TYPE_CHECKING:
    from chalicelib.adapters.models import Message as MessageRecord

_KINDS = ", ".join(f"`{kind}` {title}" for kind, title in KIND_TITLES.items())


class Message(Struct, kw_only=True):
    """A 站内消息. Written in the same transaction as its event (a decision and its message exist together or not
    at all); favourite notices follow the position's change within seconds."""

    message_id: HexId
    kind: Annotated[str, one_of(list(KIND_TITLES), f"What it is about: {_KINDS}.")]
    title: Annotated[str, one_of(list(KIND_TITLES.values()), "The Chinese title (the kind's, e.g. 审核通过).")]
    text: Annotated[
        str, Meta(description="The Chinese text: with the reviewer's comment or the reason for a decision.")
    ]
    link: Annotated[
        str, Meta(pattern="^/v1/", description="The API path of what it is about: an application or a position.")
    ]
    created_at: Timestamp
    read_at: Annotated[str, ref("Timestamp", "`null` until read.")] | None


class MessagePage(Page, kw_only=True):
    """A page of my messages, newest first."""

    items: Sequence[Message]


class ReadAll(Struct, kw_only=True):
    """What read-all did."""

    marked_read: Annotated[int, Meta(ge=0, description="Messages this call marked read.")]
    unread_messages: Annotated[int, Meta(ge=0, description="Unread after this call.")]


def message(record: MessageRecord) -> Message:
    return Message(
        message_id=record.message_id,
        kind=record.kind,
        title=record.title,
        text=record.text,
        link=record.link,
        created_at=record.created_at,
        read_at=record.read_at,
    )
