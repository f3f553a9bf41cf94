"""好差评: a case's owner rates it once, reviewers of its region follow up a 差评, and the overdue are reminded."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from chalicelib.answers import messages as message_answers
from chalicelib.answers import ratings as answers
from chalicelib.domain import ratings as rules
from chalicelib.domain.clock import china_date, china_month, china_time, morning_of
from chalicelib.domain.principal import Principal
from chalicelib.domain.ratings import RatingRecord
from chalicelib.domain.statistics import region_name, region_of
from chalicelib.errors import (
    ALREADY_RATED,
    CASE_NOT_FINISHED,
    CASE_NOT_FOUND,
    COUNTY_OUTSIDE_REGION,
    OWN_RATING,
    RATING_NOT_FOUND,
    VALIDATION_FAILED,
    FieldProblem,
)
from chalicelib.observability import count, logger
from chalicelib.ports import Ports
from chalicelib.ports.conditions import ConditionFailed
from chalicelib.ports.stores import RawKey, Staged
from chalicelib.services import rating_cases
from chalicelib.services.statistics import month_counts


def _problems(body: dict[str, Any]) -> list[FieldProblem]:
    problems = []
    if body["case_type"] not in rules.CASE_TYPES:
        problems.append(FieldProblem("case_type", "INVALID_VALUE", "办件类型不在可选范围内"))
    if body["level"] not in rules.LEVELS:
        problems.append(FieldProblem("level", "OUT_OF_RANGE", "评价等级应为1至5"))
    tags: Sequence[str] = body.get("tags") or []
    if any(tag not in rules.TAGS for tag in tags) or len(set(tags)) != len(tags):
        problems.append(FieldProblem("tags", "INVALID_ITEM", "评价标签不在可选范围内或重复"))
    if len(body.get("comment") or "") > rules.COMMENT_MAX:
        problems.append(FieldProblem("comment", "TOO_LONG", f"评价内容不能超过{rules.COMMENT_MAX}个字符"))
    return problems


def rate(principal: Principal, body: dict[str, Any], now: datetime, *, ports: Ports) -> answers.Rating:
    """Rate one's own finished case, once: 404 another's, 409 not finished, 409 already rated."""
    problems = _problems(body)
    if problems:
        raise VALIDATION_FAILED(problems)
    case = rating_cases.find(principal, body["case_type"], body["case_id"], ports=ports)
    if case is None:
        raise CASE_NOT_FOUND()
    if not case.finished:
        raise CASE_NOT_FINISHED()
    rating_id = rules.rating_id(case.case_type, case.case_id, case.party)
    if ports.ratings.get(rating_id) is not None:
        raise ALREADY_RATED()  # said without a write; the condition below is the guard
    level = int(body["level"])
    rated_at = china_time(now)
    due = rules.follow_up_due(china_date(now)).isoformat() if rules.is_bad(level) else None
    rating = ports.ratings.new(
        rating_id,
        case_type=case.case_type,
        case_id=case.case_id,
        party=case.party,
        rater=principal.account,  # a unit's ratings are the unit's, whichever agent gave them
        level=level,
        tags=list(body.get("tags") or []),
        comment=(body.get("comment") or "").strip(),
        rated_at=rated_at,
        month=china_month(now),
        county_code=case.county_code,
        city_code=rating_cases.city_of(case.county_code),
        follow_up_due=f"{due}#{rating_id}" if due else None,
    )
    try:
        ports.ratings.add(rating)
    except ConditionFailed:
        raise ALREADY_RATED() from None  # a second request at the same time: the first one won
    count("CaseRated")
    logger.info("case rated", extra={"case_type": case.case_type, "rating_level": level, "at": rated_at})
    return answers.for_owner(rating)


def of_case(case_type: str, case_id: str, party: str, *, ports: Ports) -> answers.Rating | None:
    """The case's rating by that party, for the case's detail (None before it is rated)."""
    rating = ports.ratings.get(rules.rating_id(case_type, case_id, party))
    return answers.for_owner(rating) if rating is not None else None


# ----------------------------------------------------------------------------------------------- staff


def in_region(principal: Principal, rating_id: str, *, ports: Ports) -> RatingRecord:
    """Outside the reviewer's region a rating answers 404, as if it did not exist."""
    rating = ports.ratings.get(rating_id)
    if rating is None or not principal.covers(rating.county_code):
        raise RATING_NOT_FOUND()
    return rating


def detail(principal: Principal, rating_id: str, *, ports: Ports) -> answers.RatingForStaff:
    return answers.for_staff(in_region(principal, rating_id, ports=ports))


def region_list(
    principal: Principal,
    *,
    level_max: int,
    county: str | None,
    month: str | None,
    limit: int,
    start_key: RawKey | None,
    ports: Ports,
) -> tuple[list[answers.RatingForStaff], RawKey | None]:
    assert principal.region is not None
    if county is not None and not principal.covers(county):
        raise COUNTY_OUTSIDE_REGION()
    items, next_key = ports.ratings.region_page(
        principal.region, county=county, level_max=level_max, month=month, limit=limit, start_key=start_key
    )
    return [answers.for_staff(r) for r in items], next_key


def follow_up(
    principal: Principal, rating_id: str, body: dict[str, Any], now: datetime, *, ports: Ports
) -> answers.RatingForStaff:
    """回访, 整改 or 申诉复核 on a rating of the reviewer's region; never on a rating they gave themselves."""
    rating = in_region(principal, rating_id, ports=ports)
    if rating.rater == principal.subject:
        raise OWN_RATING()
    problems = []
    if body["action"] not in rules.FOLLOW_UP_ACTIONS:
        problems.append(FieldProblem("action", "INVALID_VALUE", "处理方式应为回访、整改或申诉复核"))
    note = body["note"].strip()
    if not note or len(note) > rules.FOLLOW_UP_NOTE_MAX:
        problems.append(FieldProblem("note", "TOO_LONG", f"处理说明应为1至{rules.FOLLOW_UP_NOTE_MAX}个字符"))
    if problems:
        raise VALIDATION_FAILED(problems)
    assert principal.region is not None
    entry = ports.ratings.follow_up_entry(body["action"], note, china_time(now), principal.region)
    try:
        followed = ports.ratings.follow_up(rating, entry)
    except ConditionFailed:
        raise RATING_NOT_FOUND() from None
    count("RatingFollowedUp")
    return answers.for_staff(followed)


def summary(
    principal: Principal, *, county: str | None, month: str | None, now: datetime, ports: Ports
) -> answers.RatingSummary:
    """Counts per level and the satisfaction rate of the reviewer's region (or one county in it), for one month
    or the current year, from the statistics counters: one Query."""
    assert principal.region is not None
    if county is not None and not principal.covers(county):
        raise COUNTY_OUTSIDE_REGION()
    region = region_of(county or principal.region)
    assert region is not None
    if county is not None:
        region = region._replace(level="county")  # a city's code given as `county` is its 市本级
    first, last = (month, month) if month else (f"{china_date(now).year:04d}-01", f"{china_date(now).year:04d}-12")
    figures = month_counts(region, first, last, ports=ports)
    per_level = {level: int(figures.get(f"ratings.level_{level}") or 0) for level in rules.LEVELS}
    rate = rules.satisfaction_rate(per_level)
    return answers.summary(region.code, region_name(region), month, per_level, rate)


# ----------------------------------------------------------------------------------------------- reminders


def reminders(
    principal: Principal, *, county: str | None, limit: int, start_key: RawKey | None, ports: Ports
) -> tuple[list[message_answers.Message], RawKey | None]:
    """The reviewers' 消息中心: the chosen county-level entry's reminders, else the caller's whole region's, newest
    first; one Query of one inbox, as remind_overdue writes each reminder to every level's."""
    assert principal.region is not None
    if county is not None and not principal.covers(county):
        raise COUNTY_OUTSIDE_REGION()
    inbox = rules.inbox_read_by(principal.region, county)
    items, next_key = ports.messages.page(inbox, unread_only=False, limit=limit, start_key=start_key)
    return [message_answers.message(m) for m in items], next_key


def remind_overdue(now: datetime, *, ports: Ports) -> int:
    """Every 差评 without a follow-up on its due day (five working days on): one message to the reviewers of its
    county, of its city and of the province (each level's inbox), once. The message's id is derived from the rating,
    so a rerun of a failed night writes it once in each; the rating leaves the due index only after all three."""
    today = china_date(now).isoformat()
    reminded = 0
    for rating_id in ports.ratings.due(today):
        rating = ports.ratings.get(rating_id)
        if rating is None or rating.follow_up_due is None or rating.follow_ups:
            continue
        due = rating.follow_up_due.split("#")[0]
        notice = rules.follow_up_due_notice(
            rating_id, rules.CASE_TYPE_LABELS[rating.case_type], rules.LEVEL_LABELS[int(rating.level)], due
        )
        # Dated the due day's morning, not the run: a rerun derives the same message id and writes nothing twice.
        at = morning_of(date.fromisoformat(due))
        for inbox in rules.reviewers_inboxes(rating.county_code):  # the county's, its city's, the province's
            ports.messages.deliver(Staged(ports.messages.new_message(inbox, notice, at, seed=f"overdue#{rating_id}")))
        if ports.ratings.reminded(rating, today):
            reminded += 1
    logger.info("overdue 差评 reminders", extra={"day": today, "written": reminded})
    return reminded
