"""The HTTP conventions every route shares (docs/api.md, 'Conventions'), declared once for the code that applies
them and for the OpenAPI document that states them. Pure: importing this module loads nothing else."""

from __future__ import annotations

from typing import Final

MAX_BODY_BYTES: Final = 64 * 1024
DEFAULT_LIMIT: Final = 20
MAX_LIMIT: Final = 50
CURSOR_MAX: Final = 2048
MAX_IDEMPOTENCY_KEY: Final = 64
PUBLIC_CACHE_CONTROL: Final = "public, max-age=60"
PRIVATE_CACHE_CONTROL: Final = "no-store"
