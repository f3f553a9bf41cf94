"""岗位订阅's answers: a saved search, its filters, the list of mine."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import msgspec
from msgspec import Meta, Struct

from chalicelib.answers.fields import CityCode, HexId, LocalityCode, Timestamp, ref
from chalicelib.domain.limits import KEYWORD_MAX, MAX_SAVED_SEARCHES

if TYPE_CHECKING:
    from chalicelib.adapters.models import SavedSearch as SavedSearchRecord


class SavedSearchFilters(Struct, kw_only=True, omit_defaults=True, forbid_unknown_fields=True):
    """The public search's filters (`GET /v1/positions`), as strings, with the same rules and the same 400s;
    paging (`limit`, `cursor`) is not a filter."""

    # Only the filters the person chose are written: an absent one is no filter, never `null`.
    city: CityCode | None = None
    county: LocalityCode | None = None
    keyword: Annotated[str, Meta(min_length=1, max_length=KEYWORD_MAX)] | None = None
    education: Annotated[str, ref("Education")] | None = None
    industry: Annotated[str, ref("Industry")] | None = None


class SavedSearch(Struct, kw_only=True):
    """A 岗位订阅. Each morning (08:00 China time) one message lists the positions published since the last digest
    that the search would show."""

    search_id: HexId
    filters: SavedSearchFilters
    sms: bool
    created_at: Timestamp


class SavedSearchList(Struct, kw_only=True):
    """My saved searches."""

    items: Annotated[list[SavedSearch], Meta(max_length=MAX_SAVED_SEARCHES, description="Oldest first.")]
    next_cursor: Annotated[None, Meta(description="Always `null`: the list is never paged.")]


def saved_search(record: SavedSearchRecord) -> SavedSearch:
    return SavedSearch(
        search_id=record.search_id,
        filters=msgspec.json.decode(record.filters, type=SavedSearchFilters),
        sms=bool(record.sms),
        created_at=record.created_at,
    )
