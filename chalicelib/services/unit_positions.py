"""Positions a unit publishes (岗位发布, 我的岗位): under the agency's review and within the unit's quota; and the
agency's review of them (岗位审核).

A unit's position is `pending_review` until a reviewer of its region approves it (`open`: listed, counted and
indexed from then on) or rejects it (`rejected`). While pending or open it holds its headcount against the
unit's quota (⌊insured staff × 30%⌋, at least 1), taken and given back in the same transaction as the position,
on condition that enough is left: so parallel posts never exceed it. An open position whose reviewed text
changes (REVIEWED_FIELDS) goes back to review and leaves search until approved again.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Final

from chalicelib.answers import positions as answers
from chalicelib.domain import notices
from chalicelib.domain.clock import china_date, china_time
from chalicelib.domain.positions import WRITABLE_FIELDS, check_position_fields
from chalicelib.domain.principal import Principal, unit_account
from chalicelib.domain.records import PositionRecord, UnitRecord
from chalicelib.domain.regions import shanxi
from chalicelib.domain.units import Hold
from chalicelib.errors import (
    COUNTY_OUTSIDE_REGION,
    OWN_UNIT,
    POSITION_CHANGED,
    POSITION_CLOSED,
    POSITION_NOT_FOUND,
    POSITION_NOT_PENDING_REVIEW,
    POSITION_QUOTA_EXCEEDED,
    UNIT_NOT_RECOGNISED,
    VALIDATION_FAILED,
    FieldProblem,
)
from chalicelib.observability import count
from chalicelib.ports import Ports
from chalicelib.ports.conditions import UNIT, ConditionFailed
from chalicelib.ports.stores import RawKey, Staged
from chalicelib.services import positions
from chalicelib.services.unit_facts import acts_for
from chalicelib.services.units import code_of

# What the agency approved and a trainee decides by: changing any of these on an open position reopens review.
REVIEWED_FIELDS: Final = frozenset({"title", "description", "stipend_yuan_per_month", "majors", "education"})
EDITABLE: Final = frozenset({"pending_review", "open"})


def _recognised(principal: Principal, ports: Ports) -> UnitRecord:
    unit = ports.units.get(code_of(principal))
    if unit is None or unit.status != "recognised":
        raise UNIT_NOT_RECOGNISED()
    return unit


def _check(fields: dict[str, Any], unit: UnitRecord, today: date) -> None:
    problems = check_position_fields(fields, today=today)
    county = fields.get("county_code")
    found = shanxi().locality(county) if county else None
    if found is not None and found.city_code != unit.city_code:
        problems.append(FieldProblem("county_code", "OUTSIDE_CITY", "岗位的业务办理属地应在本单位所在地市之内"))
    if problems:
        raise VALIDATION_FAILED(problems)


def _refused(failed: ConditionFailed, principal: Principal, ports: Ports) -> Exception:
    """Why the unit's quota refused: it is no longer recognised, or there is not enough left."""
    if UNIT not in failed.failed:
        return POSITION_CHANGED()
    unit = ports.units.get(code_of(principal))
    return UNIT_NOT_RECOGNISED() if unit is None or unit.status != "recognised" else POSITION_QUOTA_EXCEEDED()


def publish(principal: Principal, fields: dict[str, Any], now: datetime, *, ports: Ports) -> answers.Position:
    today = china_date(now)
    unit = _recognised(principal, ports)
    _check(fields, unit, today)
    headcount = int(fields["headcount"])
    if (unit.quota_left or 0) < headcount:
        raise POSITION_QUOTA_EXCEEDED()  # the common case, said without a write; the condition is the guard
    locality = shanxi().locality(fields["county_code"])
    assert locality is not None
    stamp = china_time(now)
    values: dict[str, Any] = {name: fields.get(name, [] if name == "majors" else None) for name in WRITABLE_FIELDS}
    values |= {"employer_name": unit.org_name, "employer_credit_code": unit.credit_code}
    values["deadline"] = fields["deadline"].isoformat()
    position = ports.positions.new(
        uuid.uuid4().hex,
        **values,
        city_code=locality.city_code,
        status="pending_review",
        published_at=stamp,
        updated_at=stamp,
        held_headcount=headcount,
    )
    try:
        ports.positions.create(position, None, Hold(unit.credit_code, headcount))
    except ConditionFailed as failed:
        raise _refused(failed, principal, ports) from None
    count("UnitPositionSubmitted")
    return answers.detail(position, today)


def own_position(principal: Principal, position_id: str, *, ports: Ports) -> PositionRecord:
    """Another unit's position answers as one that does not exist."""
    position = ports.positions.get(position_id)
    if position is None or position.employer_credit_code != code_of(principal):
        raise POSITION_NOT_FOUND()
    return position


def detail(principal: Principal, position_id: str, now: datetime, *, ports: Ports) -> answers.Position:
    return answers.detail(own_position(principal, position_id, ports=ports), china_date(now))


def mine(
    principal: Principal, status: str | None, now: datetime, *, limit: int, start_key: RawKey | None, ports: Ports
) -> tuple[list[answers.PositionSummary], RawKey | None]:
    items, next_key = ports.positions.of_employer(code_of(principal), status=status, limit=limit, start_key=start_key)
    today = china_date(now)
    return [answers.summary(p, today) for p in items], next_key


def update(
    principal: Principal, position_id: str, fields: dict[str, Any], now: datetime, *, ports: Ports
) -> answers.Position:
    today = china_date(now)
    old = own_position(principal, position_id, ports=ports)
    if old.status not in EDITABLE:
        raise POSITION_CLOSED()
    unit = _recognised(principal, ports)
    _check(fields, unit, today)
    changes = {name: value.isoformat() if isinstance(value, date) else value for name, value in fields.items()}
    if "county_code" in fields:
        locality = shanxi().locality(fields["county_code"])
        assert locality is not None
        changes["city_code"] = locality.city_code
    reviewed_again = old.status == "open" and any(
        name in REVIEWED_FIELDS and changes[name] != getattr(old, name) for name in changes
    )
    status = "pending_review" if reviewed_again else old.status
    changes |= {"status": status, "updated_at": china_time(now)}
    changes["open_deadline"] = changes.get("deadline", old.deadline) if status == "open" else None
    held = int(old.held_headcount or 0)
    if old.held_headcount is not None and "headcount" in fields:
        changes["held_headcount"] = int(fields["headcount"])
    delta = int(changes.get("held_headcount", held)) - held
    new = ports.positions.changed(old, changes)
    summary = positions.listed(new, today) if status == "open" else None
    try:
        ports.positions.replace(old, new, summary, Hold(unit.credit_code, delta) if delta else None)
    except ConditionFailed as failed:
        raise _refused(failed, principal, ports) from None
    return answers.detail(new, today)


def close(principal: Principal, position_id: str, now: datetime, *, ports: Ports) -> answers.Position:
    """停止招聘: it leaves search at once and gives its headcount back. Closing twice is not an error."""
    own_position(principal, position_id, ports=ports)
    return positions.close(None, position_id, now, ports=ports)


# ----------------------------------------------------------------------------------------------- 岗位审核


def review_queue(
    principal: Principal, county: str | None, now: datetime, *, limit: int, start_key: RawKey | None, ports: Ports
) -> tuple[list[answers.Position], RawKey | None]:
    """Positions awaiting review in the reviewer's region (or one county of it), oldest first, in full: the
    reviewer reads the text they approve."""
    assert principal.region is not None
    if county is not None and not principal.covers(county):
        raise COUNTY_OUTSIDE_REGION()
    items, next_key = ports.positions.awaiting_review(county or principal.region, limit=limit, start_key=start_key)
    today = china_date(now)
    return [answers.detail(p, today) for p in items], next_key


def decide(
    principal: Principal, position_id: str, approve: bool, reason: str | None, now: datetime, *, ports: Ports
) -> answers.Position:
    position = ports.positions.get(position_id)
    if position is None or not principal.covers(position.county_code):
        raise POSITION_NOT_FOUND()  # outside the region: as if it did not exist
    if acts_for(principal, position.employer_credit_code, ports=ports):
        # Separation of duties, as for the unit's own recognition; the attempt is on the record.
        action = "approve_position" if approve else "reject_position"
        ports.audit.record(ports.audit.event(principal, f"position:{position_id}", action, "refused_own", now))
        raise OWN_UNIT()
    if position.status != "pending_review":
        raise POSITION_NOT_PENDING_REVIEW()
    today, stamp = china_date(now), china_time(now)
    if approve:
        changes: dict[str, Any] = {"status": "open", "open_deadline": position.deadline, "updated_at": stamp}
        changes["first_opened_at"] = position.first_opened_at or stamp  # approved again: it opened before
    else:
        changes = {"status": "rejected", "held_headcount": None, "updated_at": stamp}
    new = ports.positions.changed(position, changes)
    notice = notices.position_decision(approve, position_id, position.title, reason)
    staged = Staged(ports.messages.new_message(unit_account(position.employer_credit_code), notice, now))
    hold = None if approve else positions.released(position)
    try:
        ports.positions.replace(position, new, positions.listed(new, today) if approve else None, hold, staged)
    except ConditionFailed:
        raise POSITION_NOT_PENDING_REVIEW() from None  # decided (or edited) meanwhile: that one won
    count("UnitPositionApproved" if approve else "UnitPositionRejected")
    return answers.detail(new, today)
