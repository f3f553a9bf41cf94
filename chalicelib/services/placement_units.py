"""The unit's side of a placement (应聘管理, 意向人员, 在岗见习人员): its applicants, the offer, the refusal, the
invitation, the end, the assessment (期满考核) and retention (留用). A unit owns a placement when the position's
`employer_credit_code` is the caller's `credit_code`; another unit's placement answers 404."""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import date, datetime, timedelta
from typing import Any

from chalicelib.answers import placements as answers
from chalicelib.config import settings
from chalicelib.domain.applications import add_months
from chalicelib.domain.clock import china_date
from chalicelib.domain.masks import mask_name
from chalicelib.domain.placements import (
    AGREED,
    APPLIED,
    ASSESSMENT_RESULTS,
    DECLINED,
    END_REASONS,
    ENDED,
    FINISHED,
    IN_PROGRESS,
    INVITED,
    OFFERED,
    TEXT_MAX,
    PlacementRecord,
    moved,
    offer_problems,
    retention_problems,
    text_problems,
)
from chalicelib.domain.records import PositionRecord
from chalicelib.domain.vocabulary import EDUCATION_LABELS
from chalicelib.domain.wages import NoMinimumWage, monthly_minimum_wage
from chalicelib.errors import (
    ALLOWANCE_BELOW_MINIMUM_WAGE,
    ALREADY_INVITED,
    ALREADY_PLACED,
    NOT_TRAINEE,
    PLACEMENT_NOT_FOUND,
    PLACEMENT_WRONG_STATUS,
    POSITION_CLOSED,
    POSITION_FULL,
    POSITION_NOT_FOUND,
    VALIDATION_FAILED,
    FieldProblem,
)
from chalicelib.observability import count, logger
from chalicelib.ports import Ports
from chalicelib.ports.conditions import ConditionFailed
from chalicelib.ports.placements import PERSON, POSITION, SEAT, TRAINEE, Entry, Move
from chalicelib.ports.stores import RawKey, Staged
from chalicelib.services import placement_notices as notify
from chalicelib.services import ratings
from chalicelib.services.notifications import live_application
from chalicelib.services.placements import new_record, open_position


def owned(credit_code: str, placement_id: str, *, ports: Ports) -> PlacementRecord:
    record = ports.placements.get(placement_id)
    if record is None or record.credit_code != credit_code:
        raise PLACEMENT_NOT_FOUND()
    return record


def view(record: PlacementRecord) -> answers.Placement:
    """The unit sees the trainee's phone once the offer is accepted (the agreement names it anyway)."""
    return answers.placement(record, phone_shown=record.agreed_at is not None)


def applicants(
    credit_code: str, *, status: str | None, position_id: str | None, limit: int, start_key: RawKey | None, ports: Ports
) -> tuple[list[answers.Placement], RawKey | None]:
    items, next_key = ports.placements.of_unit(
        credit_code, status=status, position_id=position_id, limit=limit, start_key=start_key
    )
    return [view(record) for record in items], next_key


def detail(credit_code: str, placement_id: str, *, ports: Ports) -> answers.PlacementDetail:
    """The unit's placement with the unit's own rating of it (issue 23): one GetItem more."""
    shown = view(owned(credit_code, placement_id, ports=ports))
    return answers.detail(shown, ratings.of_case("placement", placement_id, "unit", ports=ports))


def _problem(field: str, code: str, message: str) -> Exception:
    return VALIDATION_FAILED([FieldProblem(field, code, message)])


def _commit_step(record: PlacementRecord, after: PlacementRecord, notice: Staged, *, ports: Ports) -> None:
    try:
        ports.placements.commit([Move(record, after)], notices=[notice])
    except ConditionFailed:
        raise PLACEMENT_WRONG_STATUS() from None


def check_allowance(county_code: str, start: date, allowance: int) -> None:
    """At least the county's monthly minimum wage in force on the first day (the data file names its source)."""
    try:
        minimum = monthly_minimum_wage(county_code, start)
    except NoMinimumWage:
        logger.warning("no minimum wage recorded", extra={"county": county_code, "on": start.isoformat()})
        return
    if allowance < minimum:
        message = f"见习期间每月生活补助不得低于当地最低工资标准{minimum}元"
        raise ALLOWANCE_BELOW_MINIMUM_WAGE([FieldProblem("allowance_yuan_per_month", "BELOW_MINIMUM_WAGE", message)])


def offer(
    credit_code: str, placement_id: str, terms: dict[str, Any], now: datetime, *, ports: Ports
) -> answers.Placement:
    """录用: the terms of the agreement; offers, agreements and placements in progress never exceed the headcount
    (a condition on the position's seats). The trainee is texted."""
    record = owned(credit_code, placement_id, ports=ports)
    if record.status != APPLIED:
        raise PLACEMENT_WRONG_STATUS()
    problems = offer_problems(terms, china_date(now))
    if problems:
        raise VALIDATION_FAILED(problems)
    start: date = terms["start_date"]
    check_allowance(record.county_code, start, terms["allowance_yuan_per_month"])
    position = ports.positions.get(record.position_id)
    if position is None:
        raise POSITION_NOT_FOUND()
    months: int = terms["months"]
    after = moved(
        record,
        OFFERED,
        "unit",
        now,
        start_date=start,
        months=months,
        end_date=add_months(start, months) - timedelta(days=1),
        allowance_yuan_per_month=terms["allowance_yuan_per_month"],
        mentor_name=terms["mentor_name"].strip(),
    )
    notice = notify.to_trainee(after, "placement_offered", now, ports=ports)
    try:
        ports.placements.commit([Move(record, after)], headcount=int(position.headcount), notices=[notice])
    except ConditionFailed as failed:
        raise (POSITION_FULL() if SEAT in failed.failed else PLACEMENT_WRONG_STATUS()) from None
    count("PlacementOffered")
    return view(after)


def decline(credit_code: str, placement_id: str, reason: str, now: datetime, *, ports: Ports) -> answers.Placement:
    record = owned(credit_code, placement_id, ports=ports)
    if record.status != APPLIED:
        raise PLACEMENT_WRONG_STATUS()
    if problems := text_problems({"reason": reason}, {"reason": TEXT_MAX}):
        raise VALIDATION_FAILED(problems)
    after = moved(record, DECLINED, "unit", now, reason.strip())
    _commit_step(record, after, notify.to_trainee(after, "placement_declined", now, ports=ports), ports=ports)
    return view(after)


def end(credit_code: str, placement_id: str, form: dict[str, Any], now: datetime, *, ports: Ports) -> answers.Placement:
    """提前结束, from the agreement on: the seat is freed and the person may train again. The trainee is texted."""
    record = owned(credit_code, placement_id, ports=ports)
    if record.status not in {AGREED, IN_PROGRESS}:
        raise PLACEMENT_WRONG_STATUS()
    if form["reason"] not in END_REASONS:
        raise _problem("reason", "UNKNOWN_VALUE", "结束原因不在可选范围内")
    if problems := text_problems(form, {"note": TEXT_MAX}):
        raise VALIDATION_FAILED(problems)
    last: date = form["end_date"]
    if record.start_date is None or record.end_date is None or not record.start_date <= last <= record.end_date:
        raise _problem("end_date", "OUT_OF_RANGE", "结束日期应在见习期限之内")
    note = (form.get("note") or "").strip() or None
    comment = f"{END_REASONS[form['reason']]}{'：' + note if note else ''}"
    after = moved(record, ENDED, "unit", now, comment, ended_on=last, end_reason=form["reason"], end_note=note)
    _commit_step(record, after, notify.to_trainee(after, "placement_ended", now, ports=ports), ports=ports)
    count("PlacementEnded")
    return view(after)


def assess(
    credit_code: str, placement_id: str, form: dict[str, Any], now: datetime, *, ports: Ports
) -> answers.Placement:
    """期满考核 of a completed or ended placement; after it the trainee may print the certificate."""
    record = owned(credit_code, placement_id, ports=ports)
    if record.status not in FINISHED or record.assessment_result is not None:
        raise PLACEMENT_WRONG_STATUS()  # assessed once: the certificate prints what the trainee was told
    if form["result"] not in ASSESSMENT_RESULTS:
        raise _problem("result", "UNKNOWN_VALUE", "考核结果不在可选范围内")
    if problems := text_problems(form, {"comment": TEXT_MAX}):
        raise VALIDATION_FAILED(problems)
    comment = (form.get("comment") or "").strip() or None
    after = moved(
        record,
        record.status,
        "unit",
        now,
        f"期满考核：{ASSESSMENT_RESULTS[form['result']]}",
        assessment_result=form["result"],
        assessment_comment=comment,
        assessed_at=now,
    )
    _commit_step(record, after, notify.to_trainee(after, "placement_assessed", now, ports=ports), ports=ports)
    return view(after)


def retain(
    credit_code: str, placement_id: str, form: dict[str, Any], now: datetime, *, ports: Ports
) -> answers.Placement:
    """留用: the labour contract that follows a completed or ended placement."""
    record = owned(credit_code, placement_id, ports=ports)
    if record.status not in FINISHED or record.retained_contract_start is not None:
        raise PLACEMENT_WRONG_STATUS()  # once: the trainee was told of this contract
    if problems := retention_problems(form, record.start_date):
        raise VALIDATION_FAILED(problems)
    start: date = form["contract_start"]
    months: int = form["contract_months"]
    after = moved(
        record,
        record.status,
        "unit",
        now,
        f"留用：劳动合同自{start.isoformat()}起{months}个月",
        retained_contract_start=start,
        retained_contract_months=months,
    )
    _commit_step(record, after, notify.to_trainee(after, "placement_retained", now, ports=ports), ports=ports)
    return view(after)


# ----------------------------------------------------------------------------------------------- invitations


def trainee_ref(subject: str, position_id: str) -> str:
    """Opaque to the unit, good for this position only: the subject and its signature."""
    mac = hmac.new(settings().cursor_secret, f"{position_id}\n{subject}".encode(), hashlib.sha256).digest()[:12]
    encoded = base64.urlsafe_b64encode(subject.encode()).decode().rstrip("=")
    return f"{encoded}.{base64.urlsafe_b64encode(mac).decode()}"


def subject_of(ref: str, position_id: str) -> str | None:
    encoded, _, _ = ref.partition(".")
    try:
        subject = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)).decode()
    except ValueError:
        return None
    return subject if hmac.compare_digest(trainee_ref(subject, position_id), ref) else None


def unit_position(credit_code: str, position_id: str, *, ports: Ports) -> PositionRecord:
    position = ports.positions.get(position_id)
    if position is None or position.employer_credit_code != credit_code:
        raise POSITION_NOT_FOUND()
    return position


def interested(credit_code: str, position_id: str, *, ports: Ports) -> list[answers.InterestedTrainee]:
    """Who favourited the position and is an approved trainee of its county: masked, to be invited."""
    position = unit_position(credit_code, position_id, ports=ports)
    found = []
    for subject in ports.favourites.subjects_of(position_id):
        application = live_application(subject, ports=ports)
        if application is None or application.status != "approved" or application.locality != position.county_code:
            continue
        found.append(
            answers.InterestedTrainee(
                trainee_ref=trainee_ref(subject, position_id),
                name=mask_name(application.name),
                education=application.education,
                education_label=EDUCATION_LABELS.get(application.education, application.education),
                major=application.major or None,
            )
        )
    return found


def invite(credit_code: str, position_id: str, ref: str, now: datetime, *, ports: Ports) -> answers.Placement:
    """邀请: a placement `invited` for an approved trainee of the position's county who favourited it; it counts
    in their three only once they apply."""
    unit_position(credit_code, position_id, ports=ports)
    position = open_position(position_id, now, ports=ports)
    subject = subject_of(ref, position_id)
    application = live_application(subject, ports=ports) if subject else None
    if subject is None or application is None:
        raise _problem("trainee_ref", "INVALID_VALUE", "意向人员标识无效，请刷新意向人员列表")
    record = new_record(subject, application.application_id, position, INVITED, now, ports=ports)
    notice = notify.to_trainee(record, "placement_invited", now, ports=ports)
    try:
        ports.placements.commit([Move(None, record)], entry=Entry(position.county_code, position_id), notices=[notice])
    except ConditionFailed as failed:
        if POSITION in failed.failed:
            raise POSITION_CLOSED() from None
        if PERSON in failed.failed:
            raise NOT_TRAINEE() from None
        placed = TRAINEE in failed.failed and ports.placements.slots(subject).placed_id is not None
        raise (ALREADY_PLACED() if placed else ALREADY_INVITED()) from None
    count("PlacementInvited")
    return view(record)
