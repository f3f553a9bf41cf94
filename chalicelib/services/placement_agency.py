"""The agency's side of a placement (上岗报备): the placements at positions of the reviewer's region, and the
confirmation that the trainee started, without which the subsidy issue pays nothing. And the nightly step that
completes the periods that ended (见习期满)."""

from __future__ import annotations

from datetime import datetime, timedelta

from chalicelib.answers import placements as answers
from chalicelib.domain.clock import china_date, morning_of
from chalicelib.domain.placements import AGREED, COMPLETED, ENDING_NOTICE_DAYS, IN_PROGRESS, PlacementRecord, moved
from chalicelib.domain.principal import Principal
from chalicelib.errors import COUNTY_OUTSIDE_REGION, OWN_PLACEMENT, PLACEMENT_NOT_FOUND, PLACEMENT_WRONG_STATUS
from chalicelib.observability import count, logger
from chalicelib.ports import Ports
from chalicelib.ports.conditions import ConditionFailed
from chalicelib.ports.placements import Move
from chalicelib.ports.stores import RawKey
from chalicelib.services import placement_notices as notify
from chalicelib.services.unit_facts import is_agent_of


def in_region(principal: Principal, placement_id: str, *, ports: Ports) -> PlacementRecord:
    """Outside the reviewer's region a placement answers 404, as if it did not exist."""
    record = ports.placements.get(placement_id)
    if record is None or not principal.covers(record.county_code):
        raise PLACEMENT_NOT_FOUND()
    return record


def is_own(principal: Principal, record: PlacementRecord) -> bool:
    """The reviewer is the trainee: the same login, or another account of the same real-name person."""
    return principal.is_person(record.subject, record.trainee_id_number)


def placements_of_region(
    principal: Principal, *, status: str | None, county: str | None, limit: int, start_key: RawKey | None, ports: Ports
) -> tuple[list[answers.Placement], RawKey | None]:
    assert principal.region is not None
    if county is not None and not principal.covers(county):
        raise COUNTY_OUTSIDE_REGION()
    items, next_key = ports.placements.of_region(
        principal.region, county=county, status=status, limit=limit, start_key=start_key
    )
    return [answers.placement(record) for record in items], next_key


def confirm(principal: Principal, placement_id: str, now: datetime, *, ports: Ports) -> answers.Placement:
    """上岗报备: from the agreement on, once. The trainee is texted, the unit told. Never by the trainee, nor by an
    agent who applied for the unit's recognition: either would be confirming their own placement."""
    record = in_region(principal, placement_id, ports=ports)
    if is_own(principal, record) or is_agent_of(principal, record.credit_code, ports=ports):
        refused = ports.audit.event(principal, f"placement:{placement_id}", "confirm_placement", "refused_own", now)
        ports.audit.record(refused)  # the attempt is on the record, as a refused review of one's own case is
        raise OWN_PLACEMENT()
    if record.status != AGREED:
        raise PLACEMENT_WRONG_STATUS()
    after = moved(record, IN_PROGRESS, "reviewer", now, confirmed_at=now, confirmed_by=principal.subject)
    notices = [
        notify.to_trainee(after, "placement_confirmed", now, ports=ports),
        notify.to_unit(after, "placement_confirmed", now, ports=ports),
    ]
    try:
        ports.placements.commit([Move(record, after)], notices=notices)
    except ConditionFailed:
        raise PLACEMENT_WRONG_STATUS() from None
    count("PlacementConfirmed")
    return answers.placement(after)


def complete_due(now: datetime, *, ports: Ports) -> int:
    """见习期满: every placement in progress whose last day is before today (China time) is completed, its seat
    freed; the trainee is texted, the unit told. A rerun finds only what is left (the index is sparse)."""
    completed = 0
    for record in ports.placements.due(china_date(now)):
        after = moved(record, COMPLETED, "system", now)
        notices = [
            notify.to_trainee(after, "placement_completed", now, ports=ports),
            notify.to_unit(after, "placement_completed", now, ports=ports),
        ]
        try:
            ports.placements.commit([Move(record, after)], notices=notices)
        except ConditionFailed:
            continue  # the unit ended it meanwhile: nothing left to complete
        completed += 1
    logger.info("placements completed", extra={"completed": completed})
    return completed


def remind_ending(now: datetime, *, ports: Ports) -> int:
    """见习期即将届满: the units of placements whose last day is within `ENDING_NOTICE_DAYS` are told, once each.
    The message's time is fixed per placement (08:00, `ENDING_NOTICE_DAYS` before its last day), so the runs of
    the following mornings derive the same message and write nothing new."""
    today = china_date(now)
    written = 0
    for record in ports.placements.ending(today, today + timedelta(days=ENDING_NOTICE_DAYS)):
        assert record.end_date is not None  # in progress: the agreement set the period
        at = morning_of(record.end_date - timedelta(days=ENDING_NOTICE_DAYS))
        if ports.messages.deliver(notify.ending_reminder(record, at, ports=ports)):
            written += 1
    logger.info("placements ending", extra={"reminded": written})
    return written
