"""Use cases of the agency's reviewers: the queue of their region, the unmasked case (audited), decisions."""

from __future__ import annotations

from datetime import datetime

from chalicelib.adapters import audit_store
from chalicelib.adapters.dynamo import ConditionFailed, RawKey
from chalicelib.adapters.models import Application, history_entry
from chalicelib.answers import applications as answers
from chalicelib.domain.clock import china_time
from chalicelib.domain.principal import Principal
from chalicelib.errors import COUNTY_OUTSIDE_REGION, NOT_PENDING, OWN_APPLICATION, AppError
from chalicelib.observability import count
from chalicelib.services import notifications
from chalicelib.services.applications import application_not_found, attachments_of
from chalicelib.services.attachments import with_download_url
from chalicelib.services.stores import DYNAMODB, Stores


def in_region(principal: Principal, application_id: str, *, stores: Stores = DYNAMODB) -> Application:
    """Outside the reviewer's region a case answers 404, as if it did not exist."""
    application = stores.applications.get(application_id)
    if application is None or not principal.covers(application.locality):
        raise application_not_found()
    return application


def own_application() -> AppError:
    return OWN_APPLICATION()


def is_own(principal: Principal, application: Application) -> bool:
    """The reviewer is the applicant: the same login, or another account of the same real-name person."""
    same_person = principal.id_number is not None and principal.id_number == application.id_number.upper()
    return principal.subject == application.applicant or same_person


def queue(
    principal: Principal,
    *,
    status: str | None,
    month: str | None,
    county: str | None,
    limit: int,
    start_key: RawKey | None,
    stores: Stores = DYNAMODB,
) -> tuple[list[answers.ApplicationSummary], RawKey | None]:
    assert principal.region is not None
    if county is not None and not principal.covers(county):
        raise COUNTY_OUTSIDE_REGION()
    items, next_key = stores.applications.queue(
        principal.region, county=county, status=status, month=month, limit=limit, start_key=start_key
    )
    return [answers.summary(a) for a in items], next_key


def detail(
    principal: Principal,
    application_id: str,
    now: datetime,
    *,
    action: str = "read_detail",
    stores: Stores = DYNAMODB,
) -> answers.ApplicationReviewDetail:
    """The unmasked case with download links. The read is audited before anything is answered."""
    application = in_region(principal, application_id, stores=stores)
    # Reading one's own case through the staff route is allowed (the applicant may read it anyway), but the
    # audit says so, so a supervisor can see who looked at their own file unmasked.
    outcome = "shown_own" if is_own(principal, application) else "shown"
    stores.audit.record(audit_store.event(principal, application_id, action, outcome, now))
    attachments = [with_download_url(a) for a in attachments_of(application, stores=stores)]
    return answers.for_reviewer(application, attachments)


def decide(
    principal: Principal,
    application_id: str,
    decision: str,
    comment: str | None,
    now: datetime,
    *,
    stores: Stores = DYNAMODB,
) -> answers.ApplicationMoved:
    application = in_region(principal, application_id, stores=stores)
    if is_own(principal, application):
        # Separation of duties: refused whatever the case's status, and the attempt is on the record.
        stores.audit.record(audit_store.event(principal, application_id, decision, "refused_own", now))
        raise own_application()
    not_pending = NOT_PENDING()
    if application.status != "pending":
        raise not_pending
    status = "approved" if decision == "approve" else "rejected"
    entry = history_entry(status, china_time(now), "reviewer", comment)
    audit = audit_store.event(principal, application_id, decision, status, now)
    try:
        notice = notifications.for_decision(application, status, comment, now)
        release = status == "rejected"
        stores.applications.move(application, status, entry, release=release, audit=audit, notice=notice)
    except ConditionFailed:
        raise not_pending from None  # withdrawn or decided in the meantime: that one won
    stores.audit.logged(audit)
    count("ApplicationApproved" if status == "approved" else "ApplicationRejected")
    application.status = status
    application.history = [*application.history, entry]
    return answers.moved(application)
