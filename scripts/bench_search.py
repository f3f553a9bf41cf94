"""`make bench`, keyword search: requests and items read to fill a page, as the table and the keyword's share vary;
and the write amplification of the keyword index (items and write units per position created and closed).

The corpus: N positions over all 11 cities; for each share s in SHARES a three-character keyword ABC appears in
the titles of s·N positions, "ABx" (sharing its first bigram) in another 2·s·N and "yBC" (its second) in 0.5·s·N,
so its rarest bigram, BC, has half as many postings again as the keyword has matches: the check on the posting
does real work. Listings (12 per position) are written for every position. Postings are written only for the
partitions a measured query can read, the keywords' bigrams under the province and 太原市: a Query reads only
its own partition, so the other postings of a position would change no figure here but take long to load
into moto. `load` checks each position those partitions should hold against `postings_of`, the
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
    from chalicelib.adapters.search_layout import posting_partition, term_of_partition
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
    partitions = {posting_partition(region, term) for region in ("P", "C140100") for term in measured}
    province = posting_partition("P", "")
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
                if posting.scope.startswith(province):
                    term = term_of_partition(posting.scope)
                    counts[term] = counts.get(term, 0) + 1
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
    """Items written per position, created then closed, for demo positions with realistic text: the index as
    the stream handler writes it now, and as the 12-scope layout before issue 22 wrote it (every unigram and
    bigram under each of the 12 listing scopes, worked out from the same text)."""
    from moto import mock_aws

    from chalicelib.adapters import keyword_store
    from chalicelib.adapters.models import Position
    from chalicelib.adapters.search_layout import listing_scopes
    from chalicelib.domain.keywords import index_terms, search_text
    from chalicelib.domain.principal import Principal
    from chalicelib.services import positions
    from scripts.bench import NOW, _fresh_containers
    from scripts.demo_data import demo_positions
    from scripts.local_aws import create_tables

    staff = Principal("bench", None, None, frozenset({"position_manager"}), "140000")
    rows: list[tuple[int, int, int, int, float, int, int]] = []  # per position, see the table's columns
    with mock_aws():
        _fresh_containers()
        create_tables()
        for fields in demo_positions(40, seed=7, today=NOW.date()):
            fields["deadline"] = date.fromisoformat(fields["deadline"])
            made = positions.create(staff, fields, NOW)
            position = Position.get(made.position_id)
            postings = keyword_store.postings_of(keyword_store.indexed_fields(position))
            wru = sum(_write_units(p.serialize()) for p in postings.values())
            terms = index_terms(search_text(position.title, position.employer_name, list(position.majors)))
            scopes = listing_scopes(position.city_code, position.county_code, position.education, position.industry)
            created = keyword_store.apply(position.position_id, "1", position)
            positions.close(staff, position.position_id, NOW)
            closed = keyword_store.apply(position.position_id, "2", Position.get(position.position_id))
            before = len(scopes) * len(terms)
            rows.append(
                (before, len(terms), created.added, created.items_written, wru, closed.removed, closed.items_written)
            )
    n = len(rows)

    def mean(i: int) -> float:
        return sum(row[i] for row in rows) / n

    old, term_count = mean(0), mean(1)
    return [
        "| per position (mean of 40 demo positions) | created | closed |",
        "|---|---|---|",
        "| the request's transaction: position, 12 listings, 8 region counts | 21 items (≈ 42 WRU transactional, "
        "+ 24 for the listings' sort indexes: an estimate) | 21 items (the same) |",
        f"| keyword postings, before: 12 scopes × {term_count:.0f} terms | {old:.0f} | {old:.0f} deletes |",
        f"| keyword postings, now: 3 region levels, single characters at 2 | **{mean(2):.0f}** ({mean(4):.0f} WRU, "
        f"{3 * mean(4):.0f} with the two sort indexes) | **{mean(5):.0f}** deletes |",
        "| term counts (one per term, before) and the index marker, now (one record alone; a batch sums the "
        f"counts) "
        f"| {mean(3) - mean(2):.0f} | {mean(6) - mean(5):.0f} |",
        f"| items written from the stream, before → now | {old + term_count + 1:.0f} → **{mean(3):.0f}** "
        f"| {old + term_count + 1:.0f} → **{mean(6):.0f}** |",
    ]


# ----------------------------------------------------------------------------------------------- the stack

BURST = 216  # a job fair's positions, published in a row
QUIET_RUNS = 3


def _found_after(api: str, word: str, position_id: str, timeout: float) -> float:
    """Seconds until a keyword search of `word` answers with exactly this position (polling every 0.1 s)."""
    import time

    import requests

    started = time.monotonic()
    while time.monotonic() - started < timeout:
        answer = requests.get(f"{api}/positions", params={"keyword": word}, timeout=30)
        if answer.status_code == 200 and [p["position_id"] for p in answer.json()["items"]] == [position_id]:
            return time.monotonic() - started
        time.sleep(0.1)
    return math.inf


def stack_rows(log: Any) -> list[str]:
    """On `make dev` (scripts/devstack.py on free ports): seconds to ready, how soon a position published on a
    quiet stack is found by keyword, and how soon the last of BURST positions published in a row is."""
    import statistics
    import time
    import uuid

    from scripts.demo_data import demo_positions
    from scripts.loopback import devstack_on_free_ports
    from scripts.walkthrough import Walk

    started = time.monotonic()
    with devstack_on_free_ports(log) as ports:
        ready = time.monotonic() - started
        walk = Walk(ports.api_url, say=lambda _line: None, issuer=ports.issuer_url)
        manager = {**walk.token(sub="bench-pm", roles=["position_manager"], region="140000")}

        def publish(fields: dict[str, Any]) -> str:
            return str(walk.call("POST", "/admin/positions", 201, headers=manager, json=fields)["position_id"])

        today = date.today() + timedelta(days=1)
        quiet = []
        for fields in demo_positions(QUIET_RUNS, seed=11, today=today):
            word = "测绘" + uuid.uuid4().hex[:6]
            made = publish({**fields, "title": f"{word}见习岗"})
            quiet.append(_found_after(ports.api_url, word, made, 60))
        burst = demo_positions(BURST, seed=12, today=today)
        word = "勘探" + uuid.uuid4().hex[:6]
        burst[-1]["title"] = f"{word}见习岗"
        posting = time.monotonic()
        last = [publish(fields) for fields in burst][-1]
        posted = time.monotonic() - posting
        caught_up = _found_after(ports.api_url, word, last, 600)
    return [
        "| `make dev` figure | value | goal |",
        "|---|---|---|",
        f"| time to ready (demo data loaded and keyword-indexed, stream handlers running) | {ready:.0f} s | |",
        f"| a position published on a quiet stack, found by keyword (median of {QUIET_RUNS}) "
        f"| {statistics.median(quiet):.1f} s (max {max(quiet):.1f}) | ≤ 2 s |",
        f"| {BURST} positions published in a row (POSTs one after another) | {posted:.0f} s | |",
        f"| … then the last of them found by keyword | {caught_up:.1f} s after its POST answered | ≤ 20 s |",
    ]


if __name__ == "__main__":
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    print("\n".join(stack_rows(root / ".local" / "bench-burst-stack.log")))
