"""The nightly reconciliation of attachment files: remove every confirmed copy that no record names.

A confirm copies before it marks the record, and a DELETE marks the record before it removes the files, so a
failure between two steps can leave a copy in `attachments/` that nothing references; the bucket's lifecycle
rule covers only `incoming/`. This job lists the bucket (a scheduled job, never a request) and, for each copy,
reads its record by GetItem. A copy younger than ORPHAN_AGE is left alone: a confirm in flight may be just about
to record it (a request lasts at most 25 s, so an hour is a wide margin).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from msgspec import Struct

from chalicelib.observability import logger
from chalicelib.ports import Ports

ORPHAN_AGE = timedelta(hours=1)


class Reconciled(Struct, frozen=True):
    examined: int
    removed: int


def is_referenced(key: str, *, ports: Ports) -> bool:
    """Whether an uploaded attachment record names this very copy (a `deleting` one no longer counts)."""
    attachment_id = ports.files.attachment_id_of(key)
    attachment = ports.attachments.get(attachment_id) if attachment_id else None
    return attachment is not None and attachment.status == "uploaded" and ports.files.object_key(attachment) == key


def reconcile_files(now: datetime, *, ports: Ports) -> Reconciled:
    examined = removed = 0
    for key, modified in ports.files.stored_objects():
        examined += 1
        if now - modified < ORPHAN_AGE or is_referenced(key, ports=ports):
            continue
        ports.files.delete(key)
        removed += 1
    logger.info("attachment files reconciled", extra={"examined": examined, "removed": removed})
    return Reconciled(examined, removed)
