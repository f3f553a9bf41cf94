"""The request bodies of 好差评 (issue 23), declared once each as in chalicelib/api/bodies.py: the parser's checks
(names, JSON types, hard caps: 400) and the document's schemas come from these; the rules (422) from
chalicelib/domain/ratings.py."""

from __future__ import annotations

from typing import Annotated

from msgspec import Meta, Struct

from chalicelib.api.bodies import CAP_FACTOR
from chalicelib.domain.ratings import (
    CASE_TYPES,
    COMMENT_MAX,
    FOLLOW_UP_ACTIONS,
    FOLLOW_UP_NOTE_MAX,
    LEVEL_LABELS,
    TAGS,
)


class RatingRequest(Struct, forbid_unknown_fields=True, kw_only=True):
    case_type: Annotated[
        str,
        Meta(
            description="The kind of case (422 `INVALID_VALUE` otherwise).",
            extra_json_schema={"enum": list(CASE_TYPES)},
            extra={"cap": 32},
        ),
    ]
    case_id: Annotated[str, Meta(description="The case's id: one's own, finished.", extra={"cap": 64})]
    level: Annotated[
        int,
        Meta(
            description="; ".join(f"{level} {label}" for level, label in LEVEL_LABELS.items())
            + " (422 `OUT_OF_RANGE` otherwise). 1 and 2 are 差评.",
            extra_json_schema={"minimum": 1, "maximum": 5},
        ),
    ]
    tags: (
        Annotated[
            list[str],
            Meta(
                description="Any of the fixed tags, each once (422 `INVALID_ITEM` otherwise).",
                extra_json_schema={"items": {"enum": list(TAGS)}, "maxItems": len(TAGS)},
            ),
        ]
        | None
    ) = None
    comment: (
        Annotated[
            str,
            Meta(
                description=f"评价内容, optional, at most {COMMENT_MAX} characters (422 `TOO_LONG`; 400 above "
                f"{COMMENT_MAX * CAP_FACTOR}). Never written to the logs.",
                extra={"cap": COMMENT_MAX * CAP_FACTOR},
            ),
        ]
        | None
    ) = None


class FollowUpRequest(Struct, forbid_unknown_fields=True, kw_only=True):
    action: Annotated[
        str,
        Meta(
            description="回访, 整改 or 申诉复核 (422 `INVALID_VALUE` otherwise).",
            extra_json_schema={"enum": list(FOLLOW_UP_ACTIONS)},
            extra={"cap": 16},
        ),
    ]
    note: Annotated[
        str,
        Meta(
            description=f"What was done, 1–{FOLLOW_UP_NOTE_MAX} characters after trimming (422 otherwise).",
            extra={"cap": FOLLOW_UP_NOTE_MAX * CAP_FACTOR},
        ),
    ]
