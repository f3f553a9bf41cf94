"""Route tests search by keyword right after writing: here the index's stream handler has always caught up
just before a keyword search (how far behind it may be is tested over HTTP in tests/e2e/test_search_e2e.py)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.search_index import IndexStream


@pytest.fixture(autouse=True)
def keyword_index_caught_up(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if "aws" not in request.fixturenames:
        return
    from chalicelib.adapters import listing_search

    stream = IndexStream()
    keyword_search = listing_search.keyword_search

    def caught_up(*args: Any, **kwargs: Any) -> Any:
        stream.drain()
        return keyword_search(*args, **kwargs)

    monkeypatch.setattr(listing_search, "keyword_search", caught_up)
