"""The agency reviews units (role `reviewer`, inside its region): the queue, the audited detail, and decisions on
a unit's 认定申请: approve (认定), reject, and revoke a recognised unit (its positions close with it)."""

from __future__ import annotations

from datetime import datetime

from chalicelib.answers import units as answers
from chalicelib.domain import notices
from chalicelib.domain.clock import china_time
from chalicelib.domain.principal import Principal, unit_account
from chalicelib.domain.records import RecognitionRecord, UnitRecord
from chalicelib.domain.units import position_quota
from chalicelib.errors import (
    COUNTY_OUTSIDE_REGION,
    OWN_UNIT,
    UNIT_NOT_FOUND,
    UNIT_NOT_PENDING,
    UNIT_NOT_RECOGNISED_YET,
)
from chalicelib.observability import count, logger
from chalicelib.ports import Ports
from chalicelib.ports.conditions import ConditionFailed
from chalicelib.ports.stores import RawKey, Staged
from chalicelib.ports.units import Move
from chalicelib.services.attachments import with_download_url
from chalicelib.services.positions import close
from chalicelib.services.unit_facts import acts_for

DECIDED = {"approve": "recognised", "reject": "rejected", "revoke": "revoked"}
KINDS = {"recognised": "unit_recognised", "rejected": "unit_rejected", "revoked": "unit_revoked"}


def in_region(principal: Principal, credit_code: str, *, ports: Ports) -> tuple[UnitRecord, RecognitionRecord]:
    """The unit and its latest 认定申请. Outside the reviewer's region (or never applied) it answers 404."""
    unit = ports.units.get(credit_code)
    if unit is None or unit.county_code is None or not principal.covers(unit.county_code):
        raise UNIT_NOT_FOUND()
    recognition_id = unit.live_recognition_id or unit.latest_recognition_id
    recognition = ports.units.get_recognition(recognition_id) if recognition_id else None
    if recognition is None:
        raise UNIT_NOT_FOUND()
    return unit, recognition


def queue(
    principal: Principal,
    *,
    status: str | None,
    month: str | None,
    county: str | None,
    limit: int,
    start_key: RawKey | None,
    ports: Ports,
) -> tuple[list[answers.RecognitionSummary], RawKey | None]:
    assert principal.region is not None
    if county is not None and not principal.covers(county):
        raise COUNTY_OUTSIDE_REGION()
    items, next_key = ports.units.queue(
        principal.region, county=county, status=status, month=month, limit=limit, start_key=start_key
    )
    return [answers.recognition_summary(r) for r in items], next_key


def detail(principal: Principal, credit_code: str, now: datetime, *, ports: Ports) -> answers.UnitReviewDetail:
    """The unit's application unmasked (its contact's phone), with download links. The read is audited first."""
    unit, recognition = in_region(principal, credit_code, ports=ports)
    outcome = "shown_own" if acts_for(principal, credit_code, ports=ports) else "shown"
    ports.audit.record(ports.audit.event(principal, recognition.recognition_id, "read_unit", outcome, now))
    found = ports.attachments.batch_get(recognition.attachment_ids)
    files = [with_download_url(found[i], ports=ports) for i in recognition.attachment_ids if i in found]
    return answers.for_reviewer(unit, recognition, files)


def _notice(recognition: RecognitionRecord, status: str, comment: str | None, now: datetime, ports: Ports) -> Staged:
    """The decision in the unit's 消息中心, and a text to the contact phone under the SMS rules (quiet hours do
    not hold a decision back; the daily cap counts per unit)."""
    kind = KINDS[status]
    account = unit_account(recognition.credit_code)
    message = ports.messages.new_message(account, notices.unit_decision(kind, comment), now)
    text = notices.unit_text(kind, recognition.contact_phone, recognition.org_name)
    return Staged(message, ports.messages.new_outbox_entry(message, text, now))


def decide(
    principal: Principal, credit_code: str, decision: str, comment: str | None, now: datetime, *, ports: Ports
) -> answers.RecognitionSummary:
    unit, recognition = in_region(principal, credit_code, ports=ports)
    if acts_for(principal, credit_code, ports=ports):
        # Separation of duties: refused whatever the status, and the attempt is on the record.
        ports.audit.record(ports.audit.event(principal, recognition.recognition_id, decision, "refused_own", now))
        raise OWN_UNIT()
    status = DECIDED[decision]
    if decision == "revoke" and unit.status == "revoked":
        return _finish_revocation(principal, recognition, now, ports=ports)  # a retry closes what is left
    from_status = "recognised" if decision == "revoke" else "pending"
    if recognition.status != from_status:
        raise UNIT_NOT_RECOGNISED_YET() if decision == "revoke" else UNIT_NOT_PENDING()
    stamp = china_time(now)
    move = Move(
        from_status=from_status,
        status=status,
        entry=ports.units.history_entry(status, stamp, "reviewer", comment),
        unit_status=status,
        quota=position_quota(int(recognition.insured_staff)) if status == "recognised" else 0,
        recognised_at=stamp if status == "recognised" else None,
        release=status != "recognised",
        audit=ports.audit.event(principal, recognition.recognition_id, decision, status, now),
        notice=_notice(recognition, status, comment, now, ports),
    )
    try:
        moved = ports.units.move(recognition, move, at=stamp)
    except ConditionFailed:
        # Decided, withdrawn or revoked in the meantime: that one won.
        raise UNIT_NOT_RECOGNISED_YET() if decision == "revoke" else UNIT_NOT_PENDING() from None
    assert move.audit is not None
    ports.audit.logged(move.audit)
    count({"recognised": "UnitRecognised", "rejected": "UnitRejected", "revoked": "UnitRevoked"}[status])
    if status == "revoked":
        return _finish_revocation(principal, moved, now, ports=ports)
    return answers.recognition_summary(moved)


def _finish_revocation(
    principal: Principal, recognition: RecognitionRecord, now: datetime, *, ports: Ports
) -> answers.RecognitionSummary:
    """Close the revoked unit's open and pending positions, each in its own transaction as staff closing does
    (the favouriters are told by the positions stream). A failure part way leaves the unit revoked and some
    positions open; revoking again (the same request retried) closes the rest."""
    start: RawKey | None = None
    while True:
        page, start = ports.positions.of_employer(recognition.credit_code, status=None, limit=50, start_key=start)
        for position in page:
            if position.status in ("open", "pending_review"):
                close(None, position.position_id, now, ports=ports)
        if start is None:
            break
    logger.info("unit revoked", extra={"recognition_id": recognition.recognition_id})
    return answers.recognition_summary(recognition)
