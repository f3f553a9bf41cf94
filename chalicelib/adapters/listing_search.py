"""A page of a search: one Query on the listings scope of the area and filters, or, with a keyword, the
n-gram index.

A keyword page: normalise the keyword, read the province-wide postings count of each of its terms (one
BatchGet), then read the rarest term's postings in the asked order; DynamoDB checks the whole
keyword and the deadline on each posting; the survivors are checked against the live listing entries (one
BatchGet), which the close transaction removes, so a closed or edited-away position never shows even while
the stream is behind. It reads until the page is full (`limit` hits and one more to know a next page exists)
or the term's postings run out, so a page is never short and an empty page never carries a cursor.
"""

from __future__ import annotations

from datetime import date

import msgspec

from chalicelib.adapters import keyword_store, position_store
from chalicelib.adapters.dynamo import RawItem, RawKey
from chalicelib.adapters.search_layout import query_scope
from chalicelib.answers.positions import PositionSummary
from chalicelib.domain.keywords import matches, normalise, query_terms
from chalicelib.domain.search_order import SortOrder
from chalicelib.domain.search_query import SearchQuery
from chalicelib.ports.stores import SearchPage


def page(query: SearchQuery) -> SearchPage:
    """Open positions of the area under the filters, in the order asked; `start_key` is the page's `next_key`."""
    scope = query_scope(query.area, query.education, query.industry)
    order, today, limit, start_key = query.order, query.today, query.limit, query.start_key
    if query.keyword:
        return keyword_search(scope, query.keyword, order=order, today=today, limit=limit, start_key=start_key)
    items, next_key, read = position_store.search(scope, today=today, order=order, limit=limit, start_key=start_key)
    return SearchPage(items, next_key, read)


# The first read of the rarest term asks for the page and a few more: a typical term's postings hold the
# keyword most of the time, so this one read usually fills the page.
_FIRST_READ_EXTRA = 4
_MAX_READ = 200


def keyword_search(
    scope: str, keyword: str, *, order: SortOrder, today: date, limit: int, start_key: RawKey | None
) -> SearchPage:
    wanted = normalise(keyword)
    terms = query_terms(wanted)
    counts, read = keyword_store.term_counts(terms) if len(terms) > 1 else ({terms[0]: 0}, 0)
    term = min(terms, key=lambda t: counts[t])
    if start_key is not None:  # a cursor continues the term it was issued for, whatever the counts say now
        term = _term_of(start_key, scope) or term
    hits: list[tuple[RawItem, PositionSummary]] = []  # (posting, summary)
    unchecked: list[RawItem] = []  # postings read that hold the keyword, not yet checked live
    key_names: tuple[str, ...] = ()
    examined = kept = 0
    exhausted = False
    while len(hits) <= limit:
        needed = limit + 1 - len(hits)
        if not unchecked:
            if exhausted:
                break
            # Read more than needed in proportion to how few postings held the keyword so far.
            ratio = examined / kept if kept else (1 if not examined else _MAX_READ)
            size = min(_MAX_READ, max(needed + _FIRST_READ_EXTRA, round(needed * ratio)))
            page = keyword_store.read_postings(
                scope, term, wanted, order=order, today=today, start_key=start_key, limit=size
            )
            key_names, unchecked = page.key_names, page.items
            examined, kept, read = examined + page.scanned, kept + len(page.items), read + page.scanned
            start_key, exhausted = page.next_key, page.next_key is None
            continue
        batch, unchecked = unchecked[:needed], unchecked[needed:]
        live = position_store.live_entries(scope, [keyword_store.rank_of(p) for p in batch])
        read += len(batch)
        for posting in batch:
            entry = live.get(keyword_store.rank_of(posting))
            if entry and entry["deadline"] >= today.isoformat() and matches(entry["search_text"], wanted):
                hits.append((posting, msgspec.json.decode(entry["summary"], type=PositionSummary)))
    shown = hits[:limit]
    more = len(hits) > limit
    next_key = keyword_store.resume_key(shown[-1][0], key_names) if more and shown else None
    return SearchPage([summary for _, summary in shown], next_key, read)


def _term_of(start_key: RawKey, scope: str) -> str | None:
    value = start_key.get("scope", {}).get("S", "")
    prefix = scope + "#"
    return value[len(prefix) :] if isinstance(value, str) and value.startswith(prefix) else None
