"""`make reindex` on moto: a table indexed in the old posting layout gets the new one beside it while search
keeps answering, then the old one is dropped; listing summaries of an older shape are rewritten; a position
closed or edited while it runs is never resurrected or rolled back."""

from __future__ import annotations

import json
from typing import Any

import pytest

from chalicelib import wiring
from chalicelib.adapters.models import Listing, Position, Posting
from chalicelib.adapters.search_layout import POSTING_LAYOUT, is_posting
from chalicelib.domain.areas import Area
from scripts import index_rebuild, reindex
from tests.integration.test_keyword_index import NOW, STAFF, create, found_ids
from tests.search_index import IndexStream

pytestmark = pytest.mark.usefixtures("aws")


def _as_old_layout() -> int:
    """Rewrite every posting as the 12-scope layout of before (`<listing scope>#<term>`), as a table indexed
    by the code before this layout would hold them; returns how many were written."""
    written = 0
    for posting in list(Posting.scan()):
        if not posting.scope.startswith(POSTING_LAYOUT):
            continue
        old = posting.serialize()
        old["scope"] = {"S": posting.scope[len(POSTING_LAYOUT) :]}
        Posting.from_raw_data(old).save()
        posting.delete()
        written += 1
    return written


def _postings() -> tuple[int, int]:
    scopes = [p.scope for p in Posting.scan() if is_posting(p.scope)]
    new = sum(1 for s in scopes if s.startswith(POSTING_LAYOUT))
    return new, len(scopes) - new


def test_the_new_layout_is_built_beside_the_old_then_the_old_is_dropped() -> None:
    from chalicelib.services import positions

    ids = [create(i, title=f"软件测试{i}", county_code="140105") for i in range(3)]
    IndexStream().drain()
    assert _as_old_layout() > 0
    assert found_ids("软件", limit=5) == [], "the new code reads only its own layout"

    figures = reindex.rebuild()

    assert figures["positions"] == 3 and figures["unsettled"] == 0
    assert found_ids("软件", limit=2) == list(reversed(ids))
    assert found_ids("测", limit=2, area=Area.locality("140105")) == list(reversed(ids))
    new, old = _postings()
    assert new > 0 and old > 0, "beside, not instead"
    assert reindex.rebuild()["postings"] == figures["postings"], "running it again writes the same"

    dropped = index_rebuild.drop_other_layouts(page_size=7)

    assert (dropped, _postings()) == (old, (new, 0))
    assert found_ids("软件", limit=2) == list(reversed(ids))
    positions.close(STAFF, ids[0], NOW, ports=wiring.ports())
    IndexStream().drain()
    assert found_ids("软件", limit=5) == list(reversed(ids[1:]))


def _summary(position_id: str) -> dict[str, Any]:
    (found,) = [e for e in Listing.query("P") if e.position_id == position_id]
    return json.loads(found.summary)  # type: ignore[no-any-return]


def test_listing_summaries_of_an_older_shape_are_rewritten_and_a_racing_close_wins() -> None:
    from chalicelib.services import positions

    kept, closed = create(0, title="会计助理"), create(1, title="出纳")
    current = _summary(kept)
    for entry in Listing.scan(Listing.position_id.exists()):
        entry.summary = json.dumps({"position_id": entry.position_id, "title": "old shape"}, ensure_ascii=False)
        entry.save()
    stale = Position.get(closed)
    positions.close(STAFF, closed, NOW, ports=wiring.ports())

    assert index_rebuild.refresh_listings(stale, {"title": "from before the close"}) is False
    reindex.rebuild("postings")
    assert _summary(kept)["title"] == "old shape", "--only postings leaves the listings alone"
    reindex.rebuild()

    assert _summary(kept) == current
    listed = {e.position_id for e in Listing.scan(Listing.position_id.exists())}
    assert closed not in listed, "a closed position is never listed again"
    assert found_ids(None, limit=5) == [kept]
