"""Answers about the service itself: health, and the local stage's sent texts."""

from __future__ import annotations

from typing import Annotated

from msgspec import Meta, Struct

from chalicelib.answers.fields import Timestamp, one_of


class Health(Struct, kw_only=True):
    status: Annotated[str, one_of(["ok"])]


class _SentText(Struct, kw_only=True):
    at: Timestamp
    event_id: str
    phone: Annotated[str, Meta(description="The real-name phone of the case.")]
    kind: str
    text: Annotated[str, Meta(description="As the provider renders the template: the name masked (王*雨).")]


class SentTextList(Struct, kw_only=True):
    """Local stage only: the texts the local SMS sink wrote to `.local/sms.log`."""

    items: Annotated[list[_SentText], Meta(description="Newest first.")]


HEALTHY = Health(status="ok")
