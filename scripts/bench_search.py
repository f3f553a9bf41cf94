"""`make bench`, keyword search: requests and items read to fill a page, as the table and the keyword's share vary;
and the write amplification of the keyword index (items and write units per position created and closed).

The corpus: N positions over all 11 cities; for each share s in SHARES a three-character keyword ABC appears in
the titles of s·N positions, "ABx" (sharing its first bigram) in another 2·s·N and "yBC" (its second) in 0.5·s·N,
so its rarest bigram, BC, has half as many postings again as the keyword has matches: the check on the posting
does real work. Listings (12 per position) are written for every position. Postings are written only for the
partitions a measured query can read, the keywords' bigrams under the province and 太原市: a Query reads only
its own partition, so the other ~500 postings per position would change no figure here but take hours to
load into moto. `load` checks each position those partitions should hold against `postings_of`, the
function the stream handler writes with.
"""

from __future__ import annotations

import json
import math
import os
from datetime import date, timedelta
from typing import Any

SHARES = (0.5, 0.05, 0.005, 0.0005)
KEYWORDS = {0.5: "软件测", 0.05: "会计核", 0.005: "焊工证", 0.0005: "测绘师"}
CITIES = ("140100", "140200", "140300", "140400", "140500", "140600", "140700", "140800", "140900", "141000", "141100")
LIMIT = 20


def _title(i: int) -> str:
    words = ["见习岗"]
    for share, keyword in KEYWORDS.items():
        a, b, c = keyword[0], keyword[1], keyword[2]
        every = round(1 / share)
        if i % every == 0:
            words.append(a + b + c)
        elif i % every == 1 or (every > 2 and i % every == 2):
            words.append(a + b + "员")  # shares the first bigram only
        elif every >= 4 and i % (every * 2) == 3:
            words.append("新" + b + c)  # shares the second bigram only
    return "".join(words)[:60]


def load(count: int, now: Any) -> None:
    from moto.core.models import DEFAULT_ACCOUNT_ID
    from moto.dynamodb.models import dynamodb_backends

    from chalicelib.adapters import keyword_store
    from chalicelib.adapters.position_store import _listing_entries
    from chalicelib.config import settings
    from chalicelib.domain.keywords import index_terms, search_text
    from chalicelib.domain.principal import Principal
    from chalicelib.domain.regions import shanxi
    from chalicelib.services.positions import _new_position, listed
    from tests.factories import position_body

    backend = dynamodb_backends[DEFAULT_ACCOUNT_ID][os.environ["AWS_DEFAULT_REGION"]]
    listings = backend.get_table(settings().tables.listings)
    keywords = backend.get_table(settings().tables.keywords)
    loader = Principal("bench", None, None, frozenset({"position_manager"}), "140000")
    measured = {kw[i : i + 2] for kw in KEYWORDS.values() for i in range(2)}
    partitions = {f"{scope}#{term}" for scope in ("P", "C140100") for term in measured}
    counts: dict[str, int] = {}
    for i in range(count):
        city = shanxi().city(CITIES[i % len(CITIES)])
        assert city is not None
        county = city.localities[(i // len(CITIES)) % len(city.localities)].code
        fields = position_body(
            title=_title(i), majors=["机械工程"], county_code=county, employer_name="山西示例有限公司"
        )
        fields["deadline"] = date.fromisoformat(fields["deadline"])
        fields["stipend_yuan_per_month"] = 1500 + (i * 37) % 2000
        position = _new_position(loader, fields, now - timedelta(minutes=i))
        for entry in _listing_entries(position, listed(position, now.date())):
            listings.put_item(entry.serialize())
        text = search_text(position.title, position.employer_name, list(position.majors))
        if not measured & index_terms(text):
            continue
        for posting in keyword_store.postings_of(keyword_store.indexed_fields(position)).values():
            if posting.scope in partitions:
                keywords.put_item(posting.serialize())
                if posting.scope.startswith("P#"):
                    counts[posting.scope[2:]] = counts.get(posting.scope[2:], 0) + 1
    for term, postings in counts.items():
        keywords.put_item({"scope": {"S": f"#P#{term}"}, "rank": {"S": "#"}, "postings": {"N": str(postings)}})


def page_rows(sizes: list[int], now: Any, tally: Any, calls: Any) -> list[str]:
    from urllib.parse import quote

    from scripts.bench import loaded_app

    rows = [
        "| positions | keyword share | region | requests to fill page 1 | items returned | items read "
        "| goal ≤ 2×returned+25 | DynamoDB calls |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for size in sizes:
        with loaded_app(size, lambda n: load(n, now), "positions for the keyword bench") as client:
            for share, keyword in KEYWORDS.items():
                for region, query in (("province", ""), ("太原市", "&city=140100")):
                    requests = returned = 0
                    cursor = ""
                    with tally() as t:
                        while True:  # until 20 are shown, or nothing is left
                            requests += 1
                            response = client.http.get(
                                f"/v1/positions?keyword={quote(keyword)}&limit={LIMIT}{query}{cursor}"
                            )
                            page = json.loads(response.body)
                            returned += len(page["items"])
                            if returned >= LIMIT or not page["next_cursor"]:
                                break
                            cursor = f"&cursor={page['next_cursor']}"
                    goal = 2 * returned + 25
                    rows.append(
                        f"| {size:,} | {share:.2%} | {region} | {requests} | {returned} | {t.items_read} "
                        f"| {goal} {'✓' if t.items_read <= goal else '✗'} | {calls(t)} |"
                    )
    return rows


def _write_units(item: dict[str, Any]) -> int:
    """Write units of a put: 1 per KB of the item (names and values), at least 1 (an estimate from JSON)."""
    return max(1, math.ceil(len(json.dumps(item, ensure_ascii=False).encode()) / 1024))


def write_rows() -> list[str]:
    """Items and write units per position, created then closed, for demo positions with realistic text."""
    from moto import mock_aws

    from chalicelib.adapters import keyword_store
    from chalicelib.adapters.models import Position
    from chalicelib.domain.principal import Principal
    from chalicelib.services import positions
    from scripts.bench import NOW, _fresh_containers
    from scripts.demo_data import demo_positions
    from scripts.local_aws import create_tables

    staff = Principal("bench", None, None, frozenset({"position_manager"}), "140000")
    created: list[tuple[int, int, float]] = []  # (items, postings, posting WRU)
    closed: list[tuple[int, int]] = []
    with mock_aws():
        _fresh_containers()
        create_tables()
        for fields in demo_positions(40, seed=7, today=NOW.date()):
            fields["deadline"] = date.fromisoformat(fields["deadline"])
            made = positions.create(staff, fields, NOW)
            position = Position.get(made.position_id)
            postings = keyword_store.postings_of(keyword_store.indexed_fields(position))
            wru = sum(
                math.ceil(len(json.dumps(p.serialize(), ensure_ascii=False).encode()) / 1024) for p in postings.values()
            )
            change = keyword_store.apply(position.position_id, "1", position)
            created.append((change.items_written, len(postings), wru))
            positions.close(staff, position.position_id, NOW)
            gone = keyword_store.apply(position.position_id, "2", Position.get(position.position_id))
            closed.append((gone.items_written, gone.removed))
    n = len(created)
    items_in = sum(c[0] for c in created) / n
    postings_in = sum(c[1] for c in created) / n
    wru_in = sum(c[2] for c in created) / n
    items_out = sum(c[0] for c in closed) / n
    counters_in = items_in - postings_in
    return [
        "| per position (mean of 40 demo positions) | created | closed |",
        "|---|---|---|",
        "| the request's transaction: position, 12 listings, 8 region counts | 21 items (≈ 42 WRU transactional, "
        "+ 24 for the listings' sort indexes: an estimate) | 21 items (the same) |",
        f"| keyword postings (12 scopes × unigrams and bigrams) | {postings_in:.0f} items ({wru_in:.0f} WRU, "
        f"{3 * wru_in:.0f} with the two sort indexes) | {postings_in:.0f} deletes (the same units) |",
        f"| term counts and the index marker | {counters_in:.0f} updates | {items_out - postings_in:.0f} updates |",
        f"| **total items written** | **{21 + items_in:.0f}** | **{21 + items_out:.0f}** |",
    ]
