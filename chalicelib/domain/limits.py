"""The numbers the rules enforce, declared once: the code that enforces each imports it from here, and so does
the OpenAPI document that states it (chalicelib/openapi.py). Pure: nothing here may import more than `typing`."""

from __future__ import annotations

from typing import Final

MAX_FAVOURITES: Final = 3  # a trainee keeps at most three favourite positions (a condition on the person's count)
MAX_SAVED_SEARCHES: Final = 5  # 岗位订阅 per person (likewise a condition)
KEYWORD_MAX: Final = 50  # a search keyword, after trimming (the public search, the trainee's, saved searches)
IDEMPOTENCY_TTL_SECONDS: Final = 24 * 3600  # how long an Idempotency-Key's first answer is kept
