"""好差评: the rules of rating a finished case, once per case and party, and of following up a 差评.

Pure, no I/O. 国办发〔2019〕51号 asks for "一事一评" on every finished case; Shanxi uses five levels, the bottom two
counting as 差评, which are handled in a closed loop (回访, 整改, 申诉复核) and raise a reminder to the region's
reviewers when no follow-up came within five working days.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Final, Protocol

from chalicelib.domain.notices import Notice
from chalicelib.domain.regions import PROVINCE_CODE, shanxi

# Every kind of case that can be rated, and who rates it: a person, a unit, or (a placement) each of them once.
CASE_TYPES: Final = ("application", "recognition", "placement", "subsidy_claim")
CASE_TYPE_LABELS: Final = {
    "application": "就业见习人员申请",
    "recognition": "见习单位认定",
    "placement": "见习",
    "subsidy_claim": "见习补贴申领",
}
PARTIES: Final = ("person", "unit")
LEVEL_LABELS: Final = {1: "非常不满意", 2: "不满意", 3: "基本满意", 4: "满意", 5: "非常满意"}
LEVELS: Final = tuple(LEVEL_LABELS)
BAD_LEVEL_MAX: Final = 2  # 非常不满意 and 不满意 are 差评
GOOD_TAGS: Final = ("指引清晰", "流程便捷", "材料精简", "界面友好")
BAD_TAGS: Final = ("指引不清", "流程繁琐", "材料繁多", "界面不友好")
TAGS: Final = GOOD_TAGS + BAD_TAGS
COMMENT_MAX: Final = 300
FOLLOW_UP_ACTIONS: Final = ("回访", "整改", "申诉复核")
FOLLOW_UP_NOTE_MAX: Final = 500
FOLLOW_UP_WORKING_DAYS: Final = 5

# The rating's id is derived from what it rates, so "once per case and party" is the condition that its item does
# not exist yet: two requests at once write the same key and DynamoDB lets one of them in.
_RATING_NAMESPACE: Final = uuid.UUID("6f0e9c1a-2b1d-4e53-9a57-23c1d1b0a7e4")


class FollowUpRecord(Protocol):
    @property
    def action(self) -> str: ...
    @property
    def note(self) -> str: ...
    @property
    def at(self) -> str: ...
    @property
    def actor_region(self) -> str: ...


class RatingRecord(Protocol):
    """A rating as the store keeps it (made by chalicelib/adapters/rating_store.py)."""

    @property
    def rating_id(self) -> str: ...
    @property
    def case_type(self) -> str: ...
    @property
    def case_id(self) -> str: ...
    @property
    def party(self) -> str: ...
    @property
    def rater(self) -> str: ...
    @property
    def level(self) -> float: ...
    @property
    def tags(self) -> Sequence[str]: ...
    @property
    def comment(self) -> str: ...
    @property
    def rated_at(self) -> str: ...
    @property
    def month(self) -> str: ...
    @property
    def county_code(self) -> str: ...
    @property
    def city_code(self) -> str: ...
    @property
    def follow_up_due(self) -> str | None: ...
    @property
    def reminded_on(self) -> str | None: ...
    @property
    def follow_ups(self) -> Sequence[FollowUpRecord]: ...


def rating_id(case_type: str, case_id: str, party: str) -> str:
    """The one id a rating of this case by this party can have (32 hex digits, like every resource id)."""
    return uuid.uuid5(_RATING_NAMESPACE, f"{case_type}#{case_id}#{party}").hex


def is_bad(level: int) -> bool:
    return level <= BAD_LEVEL_MAX


def satisfaction_rate(per_level: Mapping[int, int]) -> float | None:
    """The share of ratings that are not 差评 (基本满意 or better), 0–1 to four places; None before any rating."""
    total = sum(per_level.values())
    if total == 0:
        return None
    satisfied = sum(n for level, n in per_level.items() if not is_bad(level))
    return round(satisfied / total, 4)


def follow_up_due(rated_on: date) -> date:
    """The day a 差评 without a follow-up is overdue: five working days after it was given (holidays skipped)."""
    from chalicelib.domain.wages import add_working_days  # the working calendar, one copy for every rule

    due: date = add_working_days(rated_on, FOLLOW_UP_WORKING_DAYS)
    return due


def reviewers_inbox(county_code: str) -> str:
    """The 消息中心 of the reviewers of a county-level entry: staff are not people with cases, so the reminder goes
    to their region's inbox rather than to a person."""
    return f"reviewers@{county_code}"


def _whole_region_inbox(code: str) -> str:
    """A city's or the province's inbox: apart from the 市本级's, which has the city's code."""
    return f"reviewers@all#{code}"


def reviewers_inboxes(county_code: str) -> tuple[str, ...]:
    """Where a reminder about a case of a county-level entry is written: the entry's inbox, and the whole-region
    inboxes of its city and of the province, so that a reviewer of any level reads their region in one Query."""
    locality = shanxi().locality(county_code)
    wider = () if locality is None else (_whole_region_inbox(locality.city_code), _whole_region_inbox(PROVINCE_CODE))
    return (reviewers_inbox(county_code), *wider)


def inbox_read_by(region: str, county: str | None) -> str:
    """The one inbox a reviewer of `region` reads: the chosen county-level entry's, else their region's own (a
    county's, or the whole city's or province's)."""
    if county is not None:
        return reviewers_inbox(county)
    if region == PROVINCE_CODE or shanxi().city(region) is not None:
        return _whole_region_inbox(region)
    return reviewers_inbox(region)


def follow_up_due_notice(rating_id: str, case_label: str, level_label: str, due: str) -> Notice:
    return Notice(
        "rating_follow_up_due",
        f"一条{case_label}的差评（{level_label}）已超过{FOLLOW_UP_WORKING_DAYS}个工作日（{due}）未回访，请及时回访、整改或申诉复核。",
        f"/v1/admin/ratings/{rating_id}",
    )
