"""What each function calls, by table and bucket prefix: the one table every role is written from.

Read from the code each function runs (named in each row); tests/infra/test_iam.py compares every role in the
synthesized template with this table, so a grant nobody calls, or a call nobody granted, is seen in review here.
DynamoDB actions are those PynamoDB sends: a TransactWriteItems needs the per-item action of each of its parts
(PutItem, UpdateItem, DeleteItem, ConditionCheckItem), a TransactGetItems needs GetItem.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

# Every item action a request path may use; no Scan (no request path scans), no table management.
ITEMS = (
    "GetItem",
    "BatchGetItem",
    "Query",
    "PutItem",
    "UpdateItem",
    "DeleteItem",
    "BatchWriteItem",
    "ConditionCheckItem",
)


@dataclass(frozen=True)
class Access:
    tables: Mapping[str, tuple[str, ...]]  # Tables field -> DynamoDB actions (without "dynamodb:")
    objects: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # bucket prefix -> S3 actions
    list_bucket: bool = False
    secrets: tuple[str, ...] = ()  # infra/sms.py's secrets, by name


_EVERY_TABLE = (
    "positions",
    "listings",
    "applications",
    "people",
    "favourites",
    "attachments",
    "idempotency",
    "messages",
    "outbox",
    "saved_searches",
    "keywords",
    "subsidies",  # issue 21
    "units",
    "recognitions",
    "placements",  # issue 20
)
# Every write transaction puts a marker item in the idempotency table, read back once if its answer is lost
# (chalicelib/adapters/applied.py): each function that runs one needs these two.
_MARKER: dict[str, tuple[str, ...]] = {"idempotency": ("PutItem", "GetItem")}
ACCESS: dict[str, Access] = {
    # app.app: every route (chalicelib/api/*). The audit trail is append-only: audit_store.record and the review
    # transaction put each event once, on condition that it does not exist; nothing reads, updates or deletes it.
    "api": Access(
        tables={**dict.fromkeys(_EVERY_TABLE, ITEMS), "audit": ("PutItem",)},
        # files.py: presigned POST (PutObject, signed by this role), head/get, copy_object, delete_object.
        objects={"incoming/": ("GetObject", "PutObject", "DeleteObject")}
        | {"attachments/": ("GetObject", "PutObject", "DeleteObject")}
        | {"exports/": ("GetObject",)},  # issue 21: the 花名册's presigned GET, signed by this role
        # Without ListBucket S3 answers a missing object 403, and 409 UPLOAD_MISSING would look like an error.
        list_bucket=True,
    ),
    # services/positions.sweep_expired: the deadline index, then each close as one transaction.
    "sweep_expired_positions": Access(tables={"positions": ITEMS, "listings": ITEMS, **_MARKER}),
    # services/reconciliation.reconcile_files: lists attachments/, one GetItem per copy, deletes the orphans.
    "reconcile_attachment_files": Access(
        tables={"attachments": ("GetItem",)}, objects={"attachments/": ("DeleteObject",)}, list_bucket=True
    ),
    # services/notifications.morning: deadline index, favourites, people, the digest; writes messages and texts.
    "morning_notices": Access(
        tables=dict.fromkeys(
            (
                "positions",
                "favourites",
                "people",
                "applications",
                "messages",
                "outbox",
                "saved_searches",
                "listings",
                "placements",  # issue 20: services/placement_agency.complete_due in the 08:00 run
            ),
            ITEMS,
        )
        | _MARKER,
        secrets=("sms",),  # it sends the texts the quiet hours held back
    ),
    # services/sms.on_outbox_records: outbox_store.get (GetItem), claim and release (a transaction of two
    # updates), finish and defer (conditional updates). Nothing else.
    "send_texts": Access(tables={"outbox": ("GetItem", "UpdateItem"), **_MARKER}, secrets=("sms",)),
    # services/notifications.on_position_records: favourites of the closed position, their people, a message
    # and a text each.
    "notify_favourite_closed": Access(
        tables=dict.fromkeys(("favourites", "people", "applications", "messages", "outbox"), ITEMS) | _MARKER
    ),
    # services/search.index_position_records: postings, term counts and markers of the keyword index.
    "index_positions": Access(tables={"keywords": ITEMS}),
    # services/outbox_recovery.recover: the stranded index (Query), then each entry as send_texts does it.
    "recover_texts": Access(tables={"outbox": ("GetItem", "Query", "UpdateItem"), **_MARKER}, secrets=("sms",)),
    # issue 21, services/exports.on_subsidy_records: the export item (GetItem, then PutItem when written), the
    # region's placements page by page (Query), the file uploaded in parts (PutObject covers the multipart calls).
    "write_exports": Access(
        tables={"subsidies": ("GetItem", "PutItem"), "placements": ("Query",)}, objects={"exports/": ("PutObject",)}
    ),
}


def of(function: str) -> Access:
    if function not in ACCESS:
        raise LookupError(f"function {function}: say what it calls in infra/access.py ACCESS")
    return ACCESS[function]
