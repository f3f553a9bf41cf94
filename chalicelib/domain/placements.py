"""The placement (见习岗位申请 → 见习协议 → 上岗 → 期满): its statuses, which of them hold what, and the record.

Pure rules: no I/O. A placement is one trainee at one unit's position, from the application (or the unit's
invitation) to the end of the period. What each status holds is written once here, and the store turns a
change of status into the counters it moves (`Effects`), so a rule such as "at most three at once" or "never
more than the headcount" is a condition on a counter, never a read-then-write.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Final

from msgspec import Struct

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

MAX_ACTIVE: Final = 3
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
