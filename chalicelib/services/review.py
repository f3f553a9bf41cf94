"""Use cases of the agency's reviewers: the queue of their region, the unmasked case (audited), decisions."""

from __future__ import annotations

from datetime import datetime

from chalicelib.answers import applications as answers
from chalicelib.domain.clock import china_time
from chalicelib.domain.principal import Principal
from chalicelib.domain.records import ApplicationRecord
from chalicelib.errors import APPLICATION_NOT_FOUND, COUNTY_OUTSIDE_REGION, NOT_PENDING, OWN_APPLICATION
from chalicelib.observability import count
from chalicelib.ports import Ports
from chalicelib.ports.conditions import ConditionFailed
from chalicelib.ports.stores import RawKey
from chalicelib.services import notifications
from chalicelib.services.applications import attachments_of
from chalicelib.services.attachments import with_download_url


def in_region(principal: Principal, application_id: str, *, ports: Ports) -> ApplicationRecord:
    """Outside the reviewer's region a case answers 404, as if it did not exist."""
    application = ports.applications.get(application_id)
    if application is None or not principal.covers(application.locality):
        raise APPLICATION_NOT_FOUND()
    return application


def is_own(principal: Principal, application: ApplicationRecord) -> bool:
    """The reviewer is the applicant: the same login, or another account of the same real-name person."""
    return principal.is_person(application.applicant, application.id_number)


def queue(
    principal: Principal,
    *,
    status: str | None,
    month: str | None,
    county: str | None,
    limit: int,
    start_key: RawKey | None,
    ports: Ports,
) -> tuple[list[answers.ApplicationSummary], RawKey | None]:
    assert principal.region is not None
    if county is not None and not principal.covers(county):
        raise COUNTY_OUTSIDE_REGION()
    items, next_key = ports.applications.queue(
        principal.region, county=county, status=status, month=month, limit=limit, start_key=start_key
    )
    return [answers.summary(a) for a in items], next_key


def detail(
    principal: Principal,
    application_id: str,
    now: datetime,
    *,
    action: str = "read_detail",
    ports: Ports,
) -> answers.ApplicationReviewDetail:
    """The unmasked case with download links. The read is audited before anything is answered."""
    application = in_region(principal, application_id, ports=ports)
    # Reading one's own case through the staff route is allowed (the applicant may read it anyway), but the
    # audit says so, so a supervisor can see who looked at their own file unmasked.
    outcome = "shown_own" if is_own(principal, application) else "shown"
    ports.audit.record(ports.audit.event(principal, application_id, action, outcome, now))
    attachments = [with_download_url(a, ports=ports) for a in attachments_of(application, ports=ports)]
    return answers.for_reviewer(application, attachments)


def decide(
    principal: Principal,
    application_id: str,
    decision: str,
    comment: str | None,
    now: datetime,
    *,
    ports: Ports,
) -> answers.ApplicationMoved:
    application = in_region(principal, application_id, ports=ports)
    if is_own(principal, application):
        # Separation of duties: refused whatever the case's status, and the attempt is on the record.
        ports.audit.record(ports.audit.event(principal, application_id, decision, "refused_own", now))
        raise OWN_APPLICATION()
    if application.status != "pending":
        raise NOT_PENDING()
    status = "approved" if decision == "approve" else "rejected"
    entry = ports.applications.history_entry(status, china_time(now), "reviewer", comment)
    audit = ports.audit.event(principal, application_id, decision, status, now)
    try:
        notice = notifications.for_decision(application, status, comment, now, ports=ports)
        release = status == "rejected"
        moved = ports.applications.move(application, status, entry, release=release, audit=audit, notice=notice)
    except ConditionFailed:
        raise NOT_PENDING() from None  # withdrawn or decided in the meantime: that one won
    ports.audit.logged(audit)
    count("ApplicationApproved" if status == "approved" else "ApplicationRejected")
    return answers.moved(moved)
