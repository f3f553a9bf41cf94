"""The audit trail of staff reads and decisions on personal data."""

from __future__ import annotations

import uuid
from datetime import datetime

from chalicelib.adapters.dynamo import connection
from chalicelib.adapters.models import AuditEvent
from chalicelib.domain.clock import sortable_utc
from chalicelib.domain.principal import Principal
from chalicelib.observability import logger

# The trail is append-only: each event is put once, never over another (the API's role may only PutItem here).
APPEND_ONLY = AuditEvent.at_event.does_not_exist()


def event(principal: Principal, application_id: str, action: str, outcome: str, now: datetime) -> AuditEvent:
    return AuditEvent(
        application_id,
        f"{sortable_utc(now)}#{uuid.uuid4().hex[:8]}",
        actor=principal.subject,
        actor_region=principal.region or "",
        action=action,
        outcome=outcome,
    )


def record(audit: AuditEvent) -> None:
    """Write the event, and say it in the log too (ids and codes only: nothing personal)."""
    connection()
    audit.save(condition=APPEND_ONLY)
    logged(audit)


def logged(audit: AuditEvent) -> None:
    logger.info(
        "audit",
        extra={
            "audit_actor": audit.actor,
            "audit_region": audit.actor_region,
            "audit_action": audit.action,
            "audit_application": audit.application_id,
            "audit_outcome": audit.outcome,
        },
    )
