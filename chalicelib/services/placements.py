"""The trainee's side of a placement (见习岗位申请): apply, answer an invitation, withdraw, accept or reject the
offer, and read them. The rules (three at once, once per position, once placed never again, the headcount) are
conditions of the store's one transaction; the reads before it only give the clearer answer."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import datetime

from chalicelib.answers import placements as answers
from chalicelib.answers import positions as position_answers
from chalicelib.domain.clock import china_date
from chalicelib.domain.placements import (
    ACCEPTED_ELSEWHERE,
    AGREED,
    AGREEMENT_SHOWN,
    APPLIED,
    INVITATION_DECLINED,
    INVITED,
    MAX_ACTIVE,
    OFFER_DECLINED,
    OFFERED,
    OPEN,
    WITHDRAWN,
    PlacementRecord,
    moved,
)
from chalicelib.domain.positions import effective_status
from chalicelib.domain.principal import Principal
from chalicelib.domain.records import PositionRecord
from chalicelib.errors import (
    ALREADY_APPLIED,
    ALREADY_PLACED,
    APPLY_OUTSIDE_LOCALITY,
    NOT_TRAINEE,
    PLACEMENT_LIMIT_REACHED,
    PLACEMENT_NOT_FOUND,
    PLACEMENT_WRONG_STATUS,
    POSITION_CLOSED,
    POSITION_NOT_FOUND,
    AppError,
)
from chalicelib.observability import count
from chalicelib.ports import Ports
from chalicelib.ports.conditions import ConditionFailed
from chalicelib.ports.placements import PERSON, POSITION, TRAINEE, Entry, Move
from chalicelib.ports.stores import RawKey
from chalicelib.services import placement_notices as notify
from chalicelib.services import ratings
from chalicelib.services.favourites import live_person


def owned(principal: Principal, placement_id: str, *, ports: Ports) -> PlacementRecord:
    """Someone else's placement answers exactly like one that does not exist."""
    record = ports.placements.get(placement_id)
    if record is None or record.subject != principal.subject:
        raise PLACEMENT_NOT_FOUND()
    return record


def broken_rule(subject: str, position_id: str, *, ports: Ports) -> AppError | None:
    """Which of the trainee's rules a new application breaks: placed once, this position already open to
    them, three active; None when none does."""
    slots = ports.placements.slots(subject)
    if slots.placed_id is not None:
        return ALREADY_PLACED()
    if position_id in slots.open_positions:
        return ALREADY_APPLIED()
    if slots.active >= MAX_ACTIVE:
        return PLACEMENT_LIMIT_REACHED()
    return None


def trainee_refusal(subject: str, position_id: str, *, ports: Ports) -> AppError:
    """After the trainee's counter refused: the rule, or (the counters changed again since) a status conflict."""
    return broken_rule(subject, position_id, ports=ports) or PLACEMENT_WRONG_STATUS()


def open_position(position_id: str, now: datetime, *, ports: Ports) -> PositionRecord:
    position = ports.positions.get(position_id)
    if position is None:
        raise POSITION_NOT_FOUND()
    if effective_status(position.status, position.deadline, china_date(now)) != "open":
        raise POSITION_CLOSED()
    return position


def new_record(
    subject: str, application_id: str, position: PositionRecord, status: str, now: datetime, *, ports: Ports
) -> PlacementRecord:
    """A new placement of the trainee at the position: the trainee's facts from their approved application, the
    unit's from the position, as they are now; its first step in the history (by the trainee, or the unit's
    invitation)."""
    application = ports.applications.get(application_id)
    if application is None:
        raise NOT_TRAINEE()
    record = PlacementRecord(
        placement_id=uuid.uuid4().hex,
        subject=subject,
        trainee_name=application.name,
        trainee_id_number=application.id_number,
        trainee_phone=application.phone,
        trainee_education=application.education,
        trainee_school=application.school,
        trainee_major=application.major,
        trainee_graduation_date=application.graduation_date,
        credit_code=position.employer_credit_code,
        org_name=position.employer_name,
        position_id=position.position_id,
        position_title=position.title,
        county_code=position.county_code,
        city_code=position.city_code,
        status=status,
        invited=status == INVITED,
        created_at=now,
        updated_at=now,
    )
    return moved(record, status, "unit" if status == INVITED else "trainee", now)


def apply(principal: Principal, position_id: str, now: datetime, *, ports: Ports) -> answers.PlacementCreated:
    person = live_person(principal, approved_only=True, ports=ports)
    position = open_position(position_id, now, ports=ports)
    if position.county_code != person.locality:
        raise APPLY_OUTSIDE_LOCALITY()
    refusal = broken_rule(principal.subject, position_id, ports=ports)
    if refusal is not None:
        raise refusal  # said without a write; the transaction below is the guard
    record = new_record(principal.subject, str(person.live_application_id), position, APPLIED, now, ports=ports)
    notice = notify.to_unit(record, "placement_applied", now, ports=ports)
    try:
        ports.placements.commit([Move(None, record)], entry=Entry(person.locality, position_id), notices=[notice])
    except ConditionFailed as failed:
        raise _apply_refusal(principal, position_id, failed.failed, ports) from None
    count("PlacementApplied")
    return answers.created(record, position_answers.summary(position, china_date(now)))


def _apply_refusal(principal: Principal, position_id: str, failed: frozenset[str], ports: Ports) -> AppError:
    if POSITION in failed:
        return POSITION_CLOSED()
    if PERSON in failed:
        return NOT_TRAINEE()
    if TRAINEE in failed:
        return trainee_refusal(principal.subject, position_id, ports=ports)
    return PLACEMENT_WRONG_STATUS()


def _step(
    principal: Principal, placement_id: str, move: tuple[str, str], now: datetime, kind: str, *, ports: Ports
) -> answers.Placement:
    """A step the trainee takes (from the first status to the second), the unit told (`kind`)."""
    expected, status = move
    record = owned(principal, placement_id, ports=ports)
    if record.status != expected:
        raise PLACEMENT_WRONG_STATUS()
    after = moved(record, status, "trainee", now)
    try:
        ports.placements.commit([Move(record, after)], notices=[notify.to_unit(after, kind, now, ports=ports)])
    except ConditionFailed as failed:
        if TRAINEE in failed.failed:
            raise trainee_refusal(principal.subject, record.position_id, ports=ports) from None
        raise PLACEMENT_WRONG_STATUS() from None
    count(f"Placement_{status}")
    return answers.placement(after)


def withdraw(principal: Principal, placement_id: str, now: datetime, *, ports: Ports) -> answers.Placement:
    return _step(principal, placement_id, (APPLIED, WITHDRAWN), now, "placement_withdrawn", ports=ports)


def apply_invited(principal: Principal, placement_id: str, now: datetime, *, ports: Ports) -> answers.Placement:
    """Answer an invitation by applying: counted in the three from now on."""
    return _step(principal, placement_id, (INVITED, APPLIED), now, "placement_invitation_answered", ports=ports)


def decline_invitation(principal: Principal, placement_id: str, now: datetime, *, ports: Ports) -> answers.Placement:
    return _step(
        principal, placement_id, (INVITED, INVITATION_DECLINED), now, "placement_invitation_answered", ports=ports
    )


def reject_offer(principal: Principal, placement_id: str, now: datetime, *, ports: Ports) -> answers.Placement:
    return _step(principal, placement_id, (OFFERED, OFFER_DECLINED), now, "placement_offer_declined", ports=ports)


def all_of(subject: str, *, ports: Ports) -> Iterator[PlacementRecord]:
    """Every placement of the trainee (a handful: three open at most, one placed), page after page."""
    start: RawKey | None = None
    while True:
        items, start = ports.placements.of_trainee(subject, limit=50, start_key=start)
        yield from items
        if start is None:
            return


def accept(principal: Principal, placement_id: str, now: datetime, *, ports: Ports) -> answers.Placement:
    """Sign the agreement (协议已签订): in the same transaction every other open application is withdrawn, and
    each of their units told. Two accepts at once: the trainee's counter lets one place them."""
    record = owned(principal, placement_id, ports=ports)
    if record.status != OFFERED:
        raise PLACEMENT_WRONG_STATUS()
    agreed = moved(record, AGREED, "trainee", now, agreed_at=now)
    moves = [Move(record, agreed)]
    notices = [notify.to_unit(agreed, "placement_agreed", now, ports=ports)]
    for other in all_of(principal.subject, ports=ports):
        if other.placement_id != placement_id and other.status in OPEN:
            gone = moved(other, WITHDRAWN, "system", now, ACCEPTED_ELSEWHERE)
            moves.append(Move(other, gone))
            notices.append(notify.to_unit(gone, "placement_withdrawn", now, ports=ports))
    try:
        ports.placements.commit(moves, notices=notices)
    except ConditionFailed as failed:
        if TRAINEE in failed.failed and ports.placements.slots(principal.subject).placed_id is not None:
            raise ALREADY_PLACED() from None
        raise PLACEMENT_WRONG_STATUS() from None
    count("PlacementAgreed")
    return answers.placement(agreed)


def detail(principal: Principal, placement_id: str, *, ports: Ports) -> answers.PlacementDetail:
    """The trainee's placement with their own rating of it (issue 23): one GetItem more."""
    shown = answers.placement(owned(principal, placement_id, ports=ports))
    return answers.detail(shown, ratings.of_case("placement", placement_id, "person", ports=ports))


def mine(
    principal: Principal, *, limit: int, start_key: RawKey | None, ports: Ports
) -> tuple[list[answers.Placement], RawKey | None]:
    items, next_key = ports.placements.of_trainee(principal.subject, limit=limit, start_key=start_key)
    return [answers.placement(record) for record in items], next_key


def verification(placement_id: str, *, ports: Ports) -> answers.PlacementVerification:
    """扫码验真: public, masked. An invitation never answered prints nothing, so it verifies nothing either."""
    record = ports.placements.get(placement_id)
    if record is None or record.status not in AGREEMENT_SHOWN:
        raise PLACEMENT_NOT_FOUND()
    return answers.verification(record)
