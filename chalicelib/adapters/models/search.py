"""The search tables: listing entries and region counts (`listings`), keyword postings, term counts and
index markers (`keywords`). Their partition keys are laid out in adapters/search_layout.py."""

from __future__ import annotations

from typing import Any

from pynamodb.attributes import (
    NumberAttribute,
    TTLAttribute,
    UnicodeAttribute,
)
from pynamodb.indexes import AllProjection, LocalSecondaryIndex
from pynamodb.models import Model

from chalicelib.adapters.models.base import TableMeta


def _sort_index(name: str, attribute: str, model: str) -> type[LocalSecondaryIndex[Any]]:
    attrs: dict[str, Any] = {
        "Meta": type("Meta", (), {"index_name": name, "projection": AllProjection()}),
        "scope": UnicodeAttribute(hash_key=True),
        attribute: UnicodeAttribute(range_key=True),
    }
    return type(f"{model}_{name}", (LocalSecondaryIndex,), attrs)


class Listing(Model):
    """A search entry: one per (scope, position) for every filter combination that can ask for it.

    The summary is stored here so a search page is one Query and reads only the entries it returns (+1).
    The same table holds the region counts (`RegionCount`), whose partition keys never equal a scope
    (see adapters/search_layout.py).
    """

    class Meta(TableMeta):
        pass

    scope = UnicodeAttribute(hash_key=True)
    rank = UnicodeAttribute(range_key=True)  # "<published_at UTC>#<position_id>": newest first when reversed
    stipend_rank = UnicodeAttribute(null=True)  # the other sort orders (domain/search_order), local indexes
    deadline_rank = UnicodeAttribute(null=True)
    position_id = UnicodeAttribute()
    summary = UnicodeAttribute()  # the public summary as JSON, ready to answer
    search_text = UnicodeAttribute()  # title, employer and majors, case-folded, for the keyword filter
    deadline = UnicodeAttribute()
    # A backstop for the daily sweep: DynamoDB removes entries some time after the deadline has passed.
    expires_at = TTLAttribute(null=True)

    by_stipend = _sort_index("by_stipend", "stipend_rank", "Listing")()
    by_deadline = _sort_index("by_deadline", "deadline_rank", "Listing")()


class Posting(Model):
    """A keyword posting: the position under one index term and one region level (table `keywords`).

    `scope` is "<layout><region>#<term>"; it carries the normalised searchable text so the whole keyword is
    checked on the posting itself, the filters a search may add (education, industry, county), and the sort
    keys so every order has its own local index. The same table holds the term counts and each position's
    index marker (see adapters/search_layout.py).
    """

    class Meta(TableMeta):
        pass

    scope = UnicodeAttribute(hash_key=True)
    rank = UnicodeAttribute(range_key=True)
    search_text = UnicodeAttribute(null=True)
    deadline = UnicodeAttribute(null=True)
    stipend_rank = UnicodeAttribute(null=True)
    deadline_rank = UnicodeAttribute(null=True)
    education = UnicodeAttribute(null=True)
    industry = UnicodeAttribute(null=True)
    county = UnicodeAttribute(null=True)

    by_stipend = _sort_index("by_stipend", "stipend_rank", "Posting")()
    by_deadline = _sort_index("by_deadline", "deadline_rank", "Posting")()


class TermCount(Model):
    """About how many postings a term has under a region scope: the query reads the rarest term's postings.

    A planning figure only (it never decides what is found): kept from the stream without transactions, a
    batch retried in the middle of a record may count that record's part twice."""

    class Meta(TableMeta):
        pass

    scope = UnicodeAttribute(hash_key=True)  # "#<region scope>#<term>"
    rank = UnicodeAttribute(range_key=True)  # always "#"
    postings = NumberAttribute(default=0)


class IndexMarker(Model):
    """What the keyword index holds for a position: the stream sequence number last applied and the fields
    its postings were made from, so a replayed or older record is skipped and the next change is worked out
    from what is really indexed (not from the record's old image, which a dead-lettered record would break)."""

    class Meta(TableMeta):
        pass

    scope = UnicodeAttribute(hash_key=True)  # "@<position_id>"
    rank = UnicodeAttribute(range_key=True)  # always "#"
    sequence = UnicodeAttribute()  # zero-padded to 40 digits: compares as a number
    indexed = UnicodeAttribute(null=True)  # the indexed fields as JSON; absent when nothing is indexed


class RegionCount(Model):
    """Open positions of one child region under one filter, per deadline day (attributes `d<yyyymmdd>`,
    read and written by name: see adapters/search_layout.py)."""

    class Meta(TableMeta):
        pass

    scope = UnicodeAttribute(hash_key=True)  # "@<parent scope>"
    rank = UnicodeAttribute(range_key=True)  # the child region's code
