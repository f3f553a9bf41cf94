"""Use cases of the applicant: submit (申报), my cases (我的办件), detail, withdraw (撤回)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from chalicelib.answers import applications as answers
from chalicelib.answers.attachments import info
from chalicelib.domain.applications import AttachmentFacts, check_attachments, check_form
from chalicelib.domain.clock import china_date, china_month, china_time
from chalicelib.domain.identity import parse_id_number
from chalicelib.domain.principal import Principal
from chalicelib.domain.records import ApplicationRecord, AttachmentRecord
from chalicelib.domain.regions import PROVINCE_CODE, shanxi
from chalicelib.errors import (
    APPLICATION_EXISTS,
    APPLICATION_NOT_FOUND,
    NOT_WITHDRAWABLE,
    VALIDATION_FAILED,
    AppError,
    FieldProblem,
)
from chalicelib.observability import count
from chalicelib.ports import Ports
from chalicelib.ports.conditions import PERSON, ConditionFailed
from chalicelib.ports.stores import RawKey
from chalicelib.services import notifications, ratings


def attachments_of(application: ApplicationRecord, *, ports: Ports) -> list[AttachmentRecord]:
    """The attachments in the order the form named them, read in one BatchGet."""
    found = ports.attachments.batch_get(application.attachment_ids)
    return [found[i] for i in application.attachment_ids if i in found]


def detail_for_owner(principal: Principal, application_id: str, *, ports: Ports) -> answers.ApplicationDetail:
    application = owned(principal, application_id, ports=ports)
    rating = ratings.of_case("application", application_id, "person", ports=ports)  # issue 23
    return answers.for_owner(application, [info(a) for a in attachments_of(application, ports=ports)], rating)


# ----------------------------------------------------------------------------------------------- submit


def _attachment_facts(principal: Principal, found: Mapping[str, AttachmentRecord]) -> dict[str, AttachmentFacts]:
    return {
        a.attachment_id: AttachmentFacts(
            attachment_id=a.attachment_id,
            owned=a.owner == principal.subject,
            uploaded=a.status == "uploaded",
            kind=a.kind,
            in_use_elsewhere=a.in_use_by is not None,
        )
        for a in found.values()
    }


def application_exists(live_application_id: str | None) -> AppError:
    """Names the live case, so the person (or a client whose submit lost its answer) can open it."""
    if live_application_id is None:
        return APPLICATION_EXISTS()
    message = f"您已有申请，编号{live_application_id}"
    return APPLICATION_EXISTS([FieldProblem("application_id", "LIVE_APPLICATION", message)])


def submit(principal: Principal, form: dict[str, Any], now: datetime, *, ports: Ports) -> answers.ApplicationSubmitted:
    today = china_date(now)
    # Said first, before any field: the person's attachments are naturally "in use" by that live case.
    # The transaction below is what enforces it; this read (one snapshot) only gives the clearer answer.
    person, found = ports.applications.snapshot(principal.subject, form["attachments"])
    if person is not None and person.live_application_id is not None:
        raise application_exists(person.live_application_id)
    form["id_number"] = form["id_number"].upper()
    problems = check_form(form, principal, today)
    problems += check_attachments(form["attachments"], _attachment_facts(principal, found), form["person_category"])
    if problems:
        raise VALIDATION_FAILED(problems)
    birth, gender = parse_id_number(form["id_number"])
    locality = shanxi().locality(form["locality"])
    assert locality is not None
    application_id = uuid.uuid4().hex
    submitted_at = china_time(now)
    graduation: date | None = form.get("graduation_date")
    application = ports.applications.new(
        application_id,
        applicant=principal.subject,
        name=form["name"],
        id_number=form["id_number"],
        gender=gender,
        birth_date=birth.isoformat(),
        phone=form["phone"],
        education=form["education"],
        school=form.get("school") or "",
        major=form.get("major") or "",
        graduation_date=graduation.isoformat() if graduation else "",
        person_category=form["person_category"],
        locality=locality.code,
        city_code=locality.city_code,
        province=PROVINCE_CODE,
        address=form["address"],
        attachment_ids=form["attachments"],
        status="pending",
        submitted_at=submitted_at,
        month=china_month(now),
        history=[ports.applications.history_entry("pending", submitted_at, "applicant", None)],
    )
    try:
        notice = notifications.for_submission(application, now, ports=ports)
        ports.applications.submit(application, form["attachments"], notice, at=now)
    except ConditionFailed as failed:
        # DynamoDB names every condition that failed; a lock taken meanwhile explains the attachments too.
        if PERSON in failed.failed:
            raise application_exists(_live_case(principal, ports)) from None
        raise VALIDATION_FAILED(
            [FieldProblem("attachments", "ATTACHMENT_IN_USE", "附件已被其他有效申请使用或状态已变化，请刷新后重试")]
        ) from None
    count("ApplicationSubmitted")
    return answers.submitted(application)


def _live_case(principal: Principal, ports: Ports) -> str | None:
    """The case a concurrent submit locked: named when it can be read, the refusal stands either way."""
    try:
        person, _ = ports.applications.snapshot(principal.subject, [])
    except Exception:  # a failed read must not turn the refusal into a 503
        return None
    return person.live_application_id if person is not None else None


# ----------------------------------------------------------------------------------------------- my cases


def owned(principal: Principal, application_id: str, *, ports: Ports) -> ApplicationRecord:
    """Someone else's case answers exactly like one that does not exist."""
    application = ports.applications.get(application_id)
    if application is None or application.applicant != principal.subject:
        raise APPLICATION_NOT_FOUND()
    return application


def my_cases(
    principal: Principal,
    *,
    status: str | None,
    month: str | None,
    limit: int,
    start_key: RawKey | None,
    ports: Ports,
) -> tuple[list[answers.ApplicationSummary], RawKey | None]:
    items, next_key = ports.applications.cases_of(
        principal.subject, status=status, month=month, limit=limit, start_key=start_key
    )
    return [answers.summary(a) for a in items], next_key


def withdraw(principal: Principal, application_id: str, now: datetime, *, ports: Ports) -> answers.ApplicationMoved:
    application = owned(principal, application_id, ports=ports)
    if application.status != "pending":
        raise NOT_WITHDRAWABLE()
    entry = ports.applications.history_entry("withdrawn", china_time(now), "applicant", None)
    try:
        notice = notifications.for_withdrawal(application, now, ports=ports)
        moved = ports.applications.move(application, "withdrawn", entry, release=True, notice=notice)
    except ConditionFailed:
        raise NOT_WITHDRAWABLE() from None  # reviewed in the meantime: the review won
    count("ApplicationWithdrawn")
    return answers.moved(moved)
