"""What the flows wrote, read past the app (scans are fine in a test): a snapshot to compare, and the
invariants that tie the tables and the bucket together."""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache
from typing import Any

import boto3
from boto3.dynamodb.types import TypeDeserializer

from chalicelib import wiring
from chalicelib.adapters import files
from chalicelib.config import settings
from chalicelib.services.reconciliation import is_referenced

LIVE = ("pending", "approved")
LIVE_RECOGNITION = ("pending", "recognised")
# The tables a user observes; not the idempotency store (bookkeeping) nor the keyword index (the stream's).
OBSERVED = (
    "positions",
    "listings",
    "applications",
    "people",
    "favourites",
    "attachments",
    "audit",
    "messages",
    "outbox",
    "saved_searches",
    "units",  # issue 19
    "recognitions",
    "placements",  # issue 20
    "subsidies",  # issue 21: 考勤, claims, objections, exports
)


@lru_cache(maxsize=1)
def _s3(marker: object) -> Any:
    return boto3.client("s3")


@lru_cache(maxsize=1)
def _region(marker: object) -> str:
    """Building a boto3 Session to learn the region costs some 30 ms: once per environment is enough."""
    return boto3.session.Session().region_name or "us-east-1"


def _tables() -> dict[str, Any]:
    from moto.core.models import DEFAULT_ACCOUNT_ID
    from moto.dynamodb.models import dynamodb_backends

    tables: dict[str, Any] = dynamodb_backends[DEFAULT_ACCOUNT_ID][_region(settings())].tables
    return tables


def _items(table: str) -> list[dict[str, Any]]:
    """Every item, read in moto's backend as a consistent Scan would give it: a Scan through the API costs about
    35 ms a table here, and each case reads a few dozen tables."""
    deserialize = TypeDeserializer().deserialize
    return [
        {name: deserialize(value.to_regular_json()) for name, value in item.attrs.items()}
        for item in _tables()[table].all_items()
    ]


def _keys(prefix: str) -> list[str]:
    """The bucket's keys under `prefix`, read in moto's backend (a listing through the API costs ~20 ms)."""
    from moto.core.models import DEFAULT_ACCOUNT_ID
    from moto.s3.models import s3_backends

    bucket = s3_backends[DEFAULT_ACCOUNT_ID]["global"].get_bucket(settings().attachments_bucket)
    return sorted(key for key in bucket.keys if key.startswith(prefix))


def snapshot() -> dict[str, Any]:
    """Everything a user can observe, now. Not `incoming/` (the lifecycle rule's), nor copies no record names
    (the reconciliation job's)."""
    tables = settings().tables
    shot: dict[str, Any] = {name: sorted(json_key(item) for item in _items(getattr(tables, name))) for name in OBSERVED}
    shot["files"] = _named_files()
    return shot


def _named_files() -> list[str]:
    return [key for key in _keys(files.STORED_PREFIX) if is_referenced(key, ports=wiring.ports())]


def counts() -> dict[str, int]:
    """How many items each observed table holds and how many files records name: a change applied twice shows
    here as one more (a second case, message, outbox entry, position, favourite)."""
    tables = settings().tables
    found = {name: len(_items(getattr(tables, name))) for name in OBSERVED}
    found["files"] = len(_named_files())
    return found


def json_key(item: dict[str, Any]) -> str:
    return repr(sorted(item.items()))


def inconsistencies() -> list[str]:
    """Every way the stored state breaks the invariants of API.md; empty when all hold."""
    tables = settings().tables
    problems: list[str] = []
    applications = {a["application_id"]: a for a in _items(tables.applications)}
    people = {p["subject"]: p for p in _items(tables.people)}
    attachments = {a["attachment_id"]: a for a in _items(tables.attachments)}
    recognitions = {r["recognition_id"]: r for r in _items(tables.recognitions)}
    for subject, person in people.items():
        live = person.get("live_application_id")
        if live is not None:
            case = applications.get(live)
            if case is None or case["status"] not in LIVE or case["status"] != person.get("live_status"):
                problems.append(f"person {subject} locks {live}, which is {case and case['status']}")
    for application_id, case in applications.items():
        if case["status"] in LIVE:
            if people.get(case["applicant"], {}).get("live_application_id") != application_id:
                problems.append(f"live case {application_id} without its person's lock")
            for attachment_id in case["attachment_ids"]:
                if attachments.get(attachment_id, {}).get("in_use_by") != application_id:
                    problems.append(f"live case {application_id}: attachment {attachment_id} not claimed")
    for attachment_id, attachment in attachments.items():
        user = attachment.get("in_use_by")
        if user is not None and user in recognitions:  # issue 19: a unit's 认定申请 claims its licence
            if recognitions[user]["status"] not in LIVE_RECOGNITION:
                problems.append(f"attachment {attachment_id} claimed by a recognition that is not live")
        elif user is not None and applications.get(user, {}).get("status") not in LIVE:
            problems.append(f"attachment {attachment_id} claimed by a case that is not live")
        if attachment["status"] == "deleting":
            problems.append(f"attachment {attachment_id} half deleted")
        if attachment["status"] == "uploaded":
            key = attachment.get("object_key") or files.stored_key(attachment["owner"], attachment_id)
            if key not in _keys(key):
                problems.append(f"attachment {attachment_id} names a file that is not there")
    counted = Counter(f["subject"] for f in _items(tables.favourites))
    for subject, person in people.items():
        if int(person.get("favourite_count", 0)) != counted.get(subject, 0):
            problems.append(
                f"person {subject} counts {person.get('favourite_count')} favourites, has {counted[subject]}"
            )
    unread = Counter(m["subject"] for m in _items(tables.messages) if m.get("read_at") is None)
    saved = Counter(s["subject"] for s in _items(tables.saved_searches))
    for subject, person in people.items():
        if int(person.get("unread_messages") or 0) != unread.get(subject, 0):
            problems.append(f"person {subject} counts {person.get('unread_messages')} unread, has {unread[subject]}")
        if int(person.get("saved_search_count") or 0) != saved.get(subject, 0):
            problems.append(f"person {subject} counts {person.get('saved_search_count')} saved, has {saved[subject]}")
    positions = {p["position_id"]: p for p in _items(tables.positions)}
    # The listings table also holds the region counts (no position_id): only the entries are counted here.
    listed = Counter(entry["position_id"] for entry in _items(tables.listings) if "position_id" in entry)
    for position_id, position in positions.items():
        if (position["status"] == "open") != (listed.get(position_id, 0) > 0):
            problems.append(f"position {position_id} is {position['status']} with {listed[position_id]} entries")
    problems += [f"entry of a position that does not exist: {p}" for p in listed if p not in positions]
    return (
        problems
        + unit_inconsistencies(positions, recognitions, attachments)
        + _placement_inconsistencies(_items(tables.placements))
    )


def unit_inconsistencies(
    positions: dict[str, Any], recognitions: dict[str, Any], attachments: dict[str, Any]
) -> list[str]:
    """Issue 19: a unit's lock names its live recognition and no other, a live recognition claims its files, and
    the quota's counters are what its positions hold (left = quota less used while recognised, -used otherwise)."""
    problems: list[str] = []
    units = {u["credit_code"]: u for u in _items(settings().tables.units)}
    for code, unit in units.items():
        live = unit.get("live_recognition_id")
        found = recognitions.get(live) if live else None
        if live is not None and (found is None or found["status"] not in LIVE_RECOGNITION):
            problems.append(f"unit {code} locks {live}, which is {found and found['status']}")
        held = sum(int(p.get("held_headcount") or 0) for p in positions.values() if p["employer_credit_code"] == code)
        quota = int(unit.get("position_quota") or 0) if unit["status"] == "recognised" else 0
        used, left = int(unit.get("quota_used") or 0), int(unit.get("quota_left") or 0)
        if (used, left) != (held, quota - held):
            problems.append(f"unit {code} counts {used} used and {left} left; its positions hold {held}")
    for recognition_id, recognition in recognitions.items():
        if recognition["status"] in LIVE_RECOGNITION:
            if units.get(recognition["credit_code"], {}).get("live_recognition_id") != recognition_id:
                problems.append(f"live recognition {recognition_id} without its unit's lock")
            for attachment_id in recognition["attachment_ids"]:
                if attachments.get(attachment_id, {}).get("in_use_by") != recognition_id:
                    problems.append(f"live recognition {recognition_id}: attachment {attachment_id} not claimed")
    return problems


def _placement_inconsistencies(items: list[dict[str, Any]]) -> list[str]:
    """Issue 20: the counters equal what they count (active, open positions, placed; seats per position)."""
    from chalicelib.domain.placements import ACTIVE, OPEN, PLACED, SEATED

    records = [i for i in items if not i["placement_id"].startswith("@")]
    counters = {i["placement_id"]: i for i in items if i["placement_id"].startswith("@")}
    problems = []
    for subject in {r["subject"] for r in records}:
        mine = [r for r in records if r["subject"] == subject]
        counter = counters.get(f"@T{subject}", {})
        if int(counter.get("active") or 0) != sum(r["status"] in ACTIVE for r in mine):
            problems.append(f"trainee {subject} counts {counter.get('active')} active placements")
        if set(counter.get("open_positions") or ()) != {r["position_id"] for r in mine if r["status"] in OPEN}:
            problems.append(f"trainee {subject} holds open positions {counter.get('open_positions')}")
        placed = [r["placement_id"] for r in mine if r["status"] in PLACED]
        if counter.get("placed_id") not in (placed or [None]):
            problems.append(f"trainee {subject} placed by {counter.get('placed_id')}, placements {placed}")
    for position_id in {r["position_id"] for r in records}:
        taken = int(counters.get(f"@S{position_id}", {}).get("taken") or 0)
        if taken != sum(r["status"] in SEATED for r in records if r["position_id"] == position_id):
            problems.append(f"position {position_id} counts {taken} seats taken")
    return problems


def empty_everything() -> None:
    """Empty every table and the bucket: the next case starts from nothing. The tables are emptied in moto's
    backend (its indexes are computed from the items on each query), which is ten times faster than deleting
    item by item through the API; the bucket holds a few objects, deleted through the API."""
    for table in _tables().values():
        table.items = defaultdict(dict)
    for key in _keys(""):
        _s3(settings()).delete_object(Bucket=settings().attachments_bucket, Key=key)
