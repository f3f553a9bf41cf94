"""The placement (见习岗位申请 → 见习协议 → 上岗 → 期满): its statuses, which of them hold what, and the record.

Pure rules: no I/O. A placement is one trainee at one unit's position, from the application (or the unit's
invitation) to the end of the period. What each status holds is written once here, and the store turns a
change of status into the counters it moves (`Effects`), so a rule such as "at most three at once" or "never
more than the headcount" is a condition on a counter, never a read-then-write.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Final

from msgspec import Struct, structs

from chalicelib.domain.clock import china_time
from chalicelib.errors import FieldProblem

INVITED: Final = "invited"
APPLIED: Final = "applied"
WITHDRAWN: Final = "withdrawn"
DECLINED: Final = "declined"
OFFERED: Final = "offered"
OFFER_DECLINED: Final = "offer_declined"
AGREED: Final = "agreed"
IN_PROGRESS: Final = "in_progress"
COMPLETED: Final = "completed"
ENDED: Final = "ended"
INVITATION_DECLINED: Final = "invitation_declined"

STATUS_LABELS: Final = {
    INVITED: "已邀请",
    APPLIED: "已申请",
    WITHDRAWN: "已撤回",
    DECLINED: "未录用",
    OFFERED: "已录用待签约",
    OFFER_DECLINED: "已拒绝录用",
    AGREED: "协议已签订",
    IN_PROGRESS: "在岗见习",
    COMPLETED: "见习期满",
    ENDED: "提前结束",
    INVITATION_DECLINED: "已拒绝邀请",
}
STATUSES: Final = tuple(STATUS_LABELS)

# Counted in the three a trainee may have at once (an invitation counts from the moment it is answered).
ACTIVE: Final = frozenset({APPLIED, OFFERED})
# The same position cannot be applied to twice while one of these is open, nor the trainee invited again.
OPEN: Final = frozenset({INVITED, APPLIED, OFFERED})
# 已参加过就业见习: a person trains once; an early end (ended) lets them start again.
PLACED: Final = frozenset({AGREED, IN_PROGRESS, COMPLETED})
# Seats of the position's headcount: offers, agreements and placements in progress.
SEATED: Final = frozenset({OFFERED, AGREED, IN_PROGRESS})
# What the subsidy issue pays for: 上岗 reported by the agency (confirmed_at set), and what followed it.
CONFIRMED: Final = frozenset({IN_PROGRESS, COMPLETED, ENDED})
FINISHED: Final = frozenset({COMPLETED, ENDED})
# The agreement can be read from the offer on, and stays readable after it was signed.
AGREEMENT_SHOWN: Final = frozenset({OFFERED, AGREED, IN_PROGRESS, COMPLETED, ENDED})

MAX_ACTIVE: Final = 3
ACCEPTED_ELSEWHERE: Final = "已与其他见习单位签订见习协议，系统自动撤回"
MONTHS_RANGE: Final = (3, 12)
END_REASONS: Final = {"retained": "留用", "trainee_left": "见习人员离岗", "dismissed": "单位解除", "other": "其他"}
ASSESSMENT_RESULTS: Final = {"excellent": "优秀", "good": "良好", "pass": "合格", "fail": "不合格"}


class PlacementEvent(Struct, frozen=True):
    """One step of the history: the status reached, when (RFC 3339, China time), by whom (a role), and why."""

    status: str
    at: str
    actor: str
    comment: str | None = None


class PlacementRecord(Struct, frozen=True, kw_only=True):
    """One placement as stored; the store owns keys and counters, this is every field it keeps.

    - placement_id: opaque id; subject: the trainee's `sub`; trainee_name, trainee_id_number, trainee_phone:
      the trainee's real-name facts, copied from their approved application when they applied (unmasked here:
      answers mask them); trainee_education, trainee_school, trainee_major, trainee_graduation_date: what the unit
      reads of the applicant (graduation_date "" for a non-graduate);
    - credit_code, org_name: the unit (统一社会信用代码, name) that owns the position, as `employer_credit_code`
      and `employer_name` said when the placement began; position_id, position_title; county_code, city_code:
      the position's (the agency of that region confirms 上岗 and pays the subsidy);
    - status: one of STATUSES; invited: True when the unit invited the trainee (it began as `invited`);
    - start_date, months, end_date (the period's last day), allowance_yuan_per_month (yuan per month),
      mentor_name: the offer's terms (None before the offer);
    - agreed_at: when the trainee accepted (the agreement's date); confirmed_at, confirmed_by: 上岗报备 by the
      agency (the reviewer's `sub`), None until then; the subsidy is paid only for confirmed placements;
    - ended_on, end_reason (END_REASONS), end_note: an early end by the unit; completed placements keep
      ended_on None and end on end_date;
    - assessment_result (ASSESSMENT_RESULTS), assessment_comment, assessed_at: 期满考核;
    - retained_contract_start, retained_contract_months: 留用 (a labour contract after the placement);
    - history: every step, oldest first; created_at, updated_at: datetimes (UTC); version: bumped on each
      write, the optimistic lock every change is conditioned on.
    """

    placement_id: str
    subject: str
    trainee_name: str
    trainee_id_number: str
    trainee_phone: str
    trainee_education: str = ""
    trainee_school: str = ""
    trainee_major: str = ""
    trainee_graduation_date: str = ""
    credit_code: str
    org_name: str
    position_id: str
    position_title: str
    county_code: str
    city_code: str
    status: str
    invited: bool = False
    start_date: date | None = None
    months: int | None = None
    end_date: date | None = None
    allowance_yuan_per_month: int | None = None
    mentor_name: str | None = None
    agreed_at: datetime | None = None
    confirmed_at: datetime | None = None
    confirmed_by: str | None = None
    ended_on: date | None = None
    end_reason: str | None = None
    end_note: str | None = None
    assessment_result: str | None = None
    assessment_comment: str | None = None
    assessed_at: datetime | None = None
    retained_contract_start: date | None = None
    retained_contract_months: int | None = None
    history: tuple[PlacementEvent, ...] = ()
    created_at: datetime
    updated_at: datetime
    version: int = 0


class Effects(Struct, frozen=True):
    """What a change of status moves: the trainee's active count, the position's seats, the trainee's lock on
    the position, and whether the person is now placed (+1), no longer (-1), or as before (0)."""

    active: int
    seat: int
    lock: int
    placed: int


def _delta(group: frozenset[str], before: str | None, after: str) -> int:
    return int(after in group) - int(before in group)


def effects(before: str | None, after: str) -> Effects:
    """The counters a move from `before` (None: a new placement) to `after` changes."""
    return Effects(
        active=_delta(ACTIVE, before, after),
        seat=_delta(SEATED, before, after),
        lock=_delta(OPEN, before, after),
        placed=_delta(PLACED, before, after),
    )


def status_label(status: str) -> str:
    return STATUS_LABELS[status]


def moved(
    record: PlacementRecord, status: str, actor: str, now: datetime, comment: str | None = None, **changes: object
) -> PlacementRecord:
    """The record after a step: the new status (or the same, for an assessment), the step in its history, the
    next version; `changes` are the step's own fields (the offer's terms, the end)."""
    event = PlacementEvent(status, china_time(now), actor, comment)
    return structs.replace(
        record,
        status=status,
        history=(*record.history, event),
        updated_at=now,
        version=record.version + 1,
        **changes,
    )


# The 消息中心 kinds of the placement's steps, and the three the trainee is also texted (domain/notices.py takes
# them in): the offer, 上岗, and the end. The offer is waited for, so it may wake no one but is sent at once.
NOTICE_TITLES: Final = {
    "placement_applied": "收到见习岗位申请",
    "placement_withdrawn": "见习岗位申请已撤回",
    "placement_invited": "见习单位邀请您申请岗位",
    "placement_invitation_answered": "见习邀请已答复",
    "placement_offered": "见习单位已录用您",
    "placement_declined": "见习岗位申请未被录用",
    "placement_agreed": "见习协议已签订",
    "placement_offer_declined": "见习人员已拒绝录用",
    "placement_confirmed": "上岗报备已确认",
    "placement_ended": "见习已提前结束",
    "placement_completed": "见习期满",
    "placement_ending": "见习期即将届满",
    "placement_assessed": "见习期满考核结果",
    "placement_retained": "见习单位已留用",
}
NOTICE_SMS_TEMPLATES: Final = {
    "placement_offered": "{1}您好，{2}已录用您为就业见习人员，请登录山西省人社公共服务平台查看并签订见习协议。",
    "placement_confirmed": "{1}您好，您在{2}的就业见习已完成上岗报备，详情请登录山西省人社公共服务平台查看。",
    "placement_ended": "{1}您好，您在{2}的就业见习已结束，详情请登录山西省人社公共服务平台查看。",
    "placement_completed": "{1}您好，您在{2}的就业见习已期满，详情请登录山西省人社公共服务平台查看。",
}
NOTICE_URGENT: Final = frozenset({"placement_offered"})
# The unit is reminded this many days before a placement's last day, so that 结束见习, the assessment and 留用 are
# recorded on time (the morning run; once per placement).
ENDING_NOTICE_DAYS: Final = 7


# ----------------------------------------------------------------------------------------------- field rules
# The parser (api/parsing.py) checks types, presence and hard caps; these are the rules (422, every one at once).

MENTOR_MAX: Final = 50
TEXT_MAX: Final = 500  # a reason, a note, a comment
ALLOWANCE_MAX: Final = 100_000
RETENTION_MONTHS: Final = (1, 120)


def _out_of_range(field: str, value: int, low: int, high: int) -> list[FieldProblem]:
    return [] if low <= value <= high else [FieldProblem(field, "OUT_OF_RANGE", f"应为{low}至{high}")]


def text_problems(form: Mapping[str, object], limits: Mapping[str, int]) -> list[FieldProblem]:
    """Each text no longer than its limit once trimmed."""
    return [
        FieldProblem(field, "TOO_LONG", f"不能超过{limit}个字")
        for field, limit in limits.items()
        if isinstance(form.get(field), str) and len(str(form[field]).strip()) > limit
    ]


def offer_problems(terms: Mapping[str, object], today: date) -> list[FieldProblem]:
    """The offer's terms: a start from today (China time), 3–12 months, an allowance in range, a mentor named."""
    problems = text_problems(terms, {"mentor_name": MENTOR_MAX})
    start, months, allowance = terms["start_date"], terms["months"], terms["allowance_yuan_per_month"]
    assert isinstance(start, date) and isinstance(months, int) and isinstance(allowance, int)
    if start < today:
        problems.append(FieldProblem("start_date", "IN_THE_PAST", "见习开始日期不能早于今天"))
    problems += _out_of_range("months", months, *MONTHS_RANGE)
    problems += _out_of_range("allowance_yuan_per_month", allowance, 0, ALLOWANCE_MAX)
    if not str(terms["mentor_name"]).strip():
        problems.append(FieldProblem("mentor_name", "REQUIRED", "必填"))
    return problems


def retention_problems(form: Mapping[str, object], started: date | None) -> list[FieldProblem]:
    months, start = form["contract_months"], form["contract_start"]
    assert isinstance(months, int) and isinstance(start, date)
    problems = _out_of_range("contract_months", months, *RETENTION_MONTHS)
    if started is not None and start < started:
        problems.append(FieldProblem("contract_start", "OUT_OF_RANGE", "劳动合同起始日期不能早于见习开始日期"))
    return problems
