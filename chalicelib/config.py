"""Settings read from the environment, once per container, through a cached function.

Nothing here runs at import time: a missing variable fails the first request that needs it, naming the variable,
instead of failing every import (and every test) with a silent empty default.
"""

from __future__ import annotations

import os
from functools import cache

from msgspec import Struct


class MissingSetting(RuntimeError):
    def __init__(self, name: str) -> None:
        super().__init__(f"environment variable {name} is not set")
        self.name = name


def _required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise MissingSetting(name)
    return value


class Tables(Struct, frozen=True):
    positions: str
    listings: str
    applications: str
    people: str
    favourites: str
    attachments: str
    idempotency: str
    audit: str
    messages: str
    outbox: str
    saved_searches: str
    keywords: str
    subsidies: str  # issue 21: 考勤, claims, objections, export jobs
    units: str
    recognitions: str
    placements: str


class Settings(Struct, frozen=True):
    stage: str
    tables: Tables
    attachments_bucket: str
    token_issuer: str
    token_audience: str
    # https://… in the cloud; file://… for the local stack. The verification code is the same for both.
    jwks_url: str
    # HMAC key for list cursors, so a cursor cannot be forged or replayed on another query.
    cursor_secret: bytes
    # Where a printed form's QR code points; the case's id is appended.
    public_base_url: str
    # Web origins allowed to call the API from a browser (CORS); empty: no browser origin is allowed.
    allowed_origins: frozenset[str] = frozenset()


TABLE_VARIABLES = {
    "positions": "POSITIONS_TABLE",
    "listings": "LISTINGS_TABLE",
    "applications": "APPLICATIONS_TABLE",
    "people": "PEOPLE_TABLE",
    "favourites": "FAVOURITES_TABLE",
    "attachments": "ATTACHMENTS_TABLE",
    "idempotency": "IDEMPOTENCY_TABLE",
    "audit": "AUDIT_TABLE",
    "messages": "MESSAGES_TABLE",
    "outbox": "OUTBOX_TABLE",
    "saved_searches": "SAVED_SEARCHES_TABLE",
    "keywords": "KEYWORDS_TABLE",
    "subsidies": "SUBSIDIES_TABLE",
    "units": "UNITS_TABLE",
    "recognitions": "RECOGNITIONS_TABLE",
    "placements": "PLACEMENTS_TABLE",
}

# Every variable the app reads; infra tests assert the deployed functions set each one.
REQUIRED_VARIABLES = (
    *TABLE_VARIABLES.values(),
    "ATTACHMENTS_BUCKET",
    "TOKEN_ISSUER",
    "TOKEN_AUDIENCE",
    "JWKS_URL",
    "CURSOR_SECRET",
    "PUBLIC_BASE_URL",
)
# Read when set; the deployment sets it for every stage.
OPTIONAL_VARIABLES = ("ALLOWED_ORIGINS",)


@cache
def settings() -> Settings:
    return Settings(
        stage=os.environ.get("STAGE", "local"),
        tables=Tables(**{field: _required(var) for field, var in TABLE_VARIABLES.items()}),
        attachments_bucket=_required("ATTACHMENTS_BUCKET"),
        token_issuer=_required("TOKEN_ISSUER"),
        token_audience=_required("TOKEN_AUDIENCE"),
        jwks_url=_required("JWKS_URL"),
        cursor_secret=_required("CURSOR_SECRET").encode(),
        public_base_url=_required("PUBLIC_BASE_URL").rstrip("/"),
        allowed_origins=frozenset(
            o.strip().rstrip("/") for o in os.environ.get("ALLOWED_ORIGINS", "").split(",") if o.strip()
        ),
    )
