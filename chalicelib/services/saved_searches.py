"""岗位订阅: up to five saved public searches per person, and the 08:00 digest of new positions matching them.

A saved search is the public search's filters, validated by the same rules (the route reuses the search's
parser), stored with the listings scope that answers them. The digest reads, for each search, the listings of
that scope ranked after the rank its last digest reached: the same entries and the same filters the public
search uses, so a digest lists exactly what the search would show as new. Every saved search is found by
Query on a sharded index, never by Scan. One message per person per day (its id derived from the day, so a
rerun writes nothing twice); a text only when one of the matching searches asked for it.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable
from datetime import datetime
from itertools import groupby
from typing import Any

from msgspec import structs

from chalicelib.answers import saved_searches as answers
from chalicelib.domain import notices
from chalicelib.domain.areas import Area
from chalicelib.domain.clock import china_date, china_time, morning_of
from chalicelib.domain.principal import Principal
from chalicelib.domain.records import SavedSearchRecord
from chalicelib.errors import SAVED_SEARCH_LIMIT_REACHED
from chalicelib.observability import logger
from chalicelib.ports import Ports
from chalicelib.ports.conditions import ConditionFailed
from chalicelib.ports.stores import Staged
from chalicelib.services.notifications import live_application
from chalicelib.services.positions import SearchFilters

DIGEST_LISTED = 10
PhoneOf = Callable[
    [str], tuple[str | None, str | None]
]  # titles named in one digest message; the count says how many in all


def create(
    principal: Principal, area: Area, filters: SearchFilters, sms: bool, now: datetime, *, ports: Ports
) -> answers.SavedSearch:
    """`area` and `filters` come from the public search's parser: the same values, the same 400s."""
    stamp = china_time(now)
    search_id = notices.message_id(now, uuid.uuid4().hex)  # time-ordered: "oldest first" is id order
    search = ports.saved_searches.new(
        principal.subject,
        search_id,
        # What the person chose: a digest has its own order (newest first), so `sort` is not part of a saved search.
        filters=json.dumps(
            {k: v for k, v in structs.asdict(filters).items() if v is not None and k != "sort"}, ensure_ascii=False
        ),
        keyword=filters.keyword,
        sms=sms,
        created_at=stamp,
        seen_rank=stamp,  # positions published from now on are new
    )
    try:
        ports.saved_searches.add(search, area, education=filters.education, industry=filters.industry)
    except ConditionFailed:
        raise SAVED_SEARCH_LIMIT_REACHED() from None
    return answers.saved_search(search)


def mine(principal: Principal, *, ports: Ports) -> list[answers.SavedSearch]:
    # The Query's order: oldest first.
    return [answers.saved_search(s) for s in ports.saved_searches.mine(principal.subject)]


def remove(principal: Principal, search_id: str, *, ports: Ports) -> None:
    try:
        ports.saved_searches.remove(principal.subject, search_id)
    except ConditionFailed:
        return  # not one of mine (any more): the answer is the same


# ----------------------------------------------------------------------------------------------- digest


def _digest_text(summaries: list[dict[str, Any]]) -> str:
    named = "、".join(f"“{s['title']}”（{s['employer_name']}）" for s in summaries[:DIGEST_LISTED])
    more = f"等{len(summaries)}个" if len(summaries) > DIGEST_LISTED else f"{len(summaries)}个"
    return f"您订阅的见习岗位有{more}新岗位：{named}。"


def matches(search: SavedSearchRecord, now: datetime, *, ports: Ports) -> list[dict[str, Any]]:
    """The listings new since the search's last digest: [{rank, position_id, summary}], newest first."""
    return ports.saved_searches.new_listings(search, china_date(now))


def digest_for(
    subject: str,
    searches: Iterable[SavedSearchRecord],
    now: datetime,
    phone_of: PhoneOf | None = None,
    *,
    ports: Ports,
) -> list[str]:
    """One person's digest: one message listing every new matching position once; returns their ids."""
    found: dict[str, dict[str, Any]] = {}
    texted = False
    reached: list[tuple[SavedSearchRecord, str]] = []
    for search in searches:
        hits = matches(search, now, ports=ports)
        if hits:
            reached.append((search, hits[0]["rank"]))
            texted = texted or bool(search.sms)
        for hit in hits:
            found.setdefault(hit["position_id"], json.loads(hit["summary"]))
    if found:
        summaries = list(found.values())
        day = china_date(now)
        at = morning_of(day)  # a rerun that day derives the same id
        notice = notices.Notice("saved_search_digest", _digest_text(summaries), "/v1/saved-searches")
        message = ports.messages.new_message(subject, notice, at, seed=f"digest#{day.isoformat()}#{subject}")
        phone, name = phone_of(subject) if texted and phone_of else (None, None)
        outbox = None
        if phone and name:
            outbox = ports.messages.new_outbox_entry(message, notices.digest_text(phone, name, len(summaries)), at)
        ports.messages.deliver(Staged(message, outbox))
    for search, rank in reached:  # after the message: a failure before here repeats the digest, never loses it
        ports.saved_searches.advance(search, rank)
    return list(found)


def daily_digest(now: datetime, *, ports: Ports) -> int:
    """Every person with saved searches: one digest when something new matches. Returns digests written."""

    def phone_and_name(subject: str) -> tuple[str | None, str | None]:
        application = live_application(subject, ports=ports)
        return (application.phone, application.name) if application else (None, None)

    written = 0
    for subject, searches in groupby(ports.saved_searches.everyone(), key=lambda s: s.subject):
        if digest_for(subject, list(searches), now, phone_and_name, ports=ports):
            written += 1
    logger.info("saved-search digests", extra={"written": written})
    return written
