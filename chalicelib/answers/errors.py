"""The error envelope: the body of every error answer, declared once for the document (the catalogue,
chalicelib/errors.py, says which codes and messages fill it)."""

from __future__ import annotations

from typing import Annotated

from msgspec import Meta, Struct

_CODE = "^[A-Z][A-Z0-9_]*$"


class FieldProblem(Struct, kw_only=True):
    field: Annotated[str, Meta(description="The body field, query parameter or header concerned.")]
    code: Annotated[
        str, Meta(pattern=_CODE, description="Machine-readable reason, e.g. `REQUIRED`, `INVALID_CHECKSUM`.")
    ]
    message: Annotated[str, Meta(description="The reason in Simplified Chinese.")]


class _Envelope(Struct, kw_only=True, omit_defaults=True):
    code: Annotated[str, Meta(pattern=_CODE, description="Machine-readable code, English UPPER_SNAKE.")]
    message: Annotated[str, Meta(description="What happened, in Simplified Chinese, fit to show to a person.")]
    request_id: Annotated[str, Meta(description="The request's id, the same as the `X-Request-Id` header.")]
    details: (
        Annotated[
            list[FieldProblem],
            Meta(min_length=1, description="Present for field-level problems only, one entry per problem."),
        ]
        | None
    ) = None


class Error(Struct, kw_only=True):
    """The error envelope: the body of every error, whatever the status."""

    error: _Envelope
