"""The placements' stories of the reconciliation of 统计分析 (statistics_stories.py has the others): a trainee at a
position of the agency's, as far as the story goes, with the unit's claim for a month of it, 留用 and the ratings
of both parties after the end."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, NamedTuple

from hypothesis import strategies as st

from chalicelib.answers import positions as answers
from chalicelib.domain.principal import Principal
from chalicelib.services import (
    attendance,
    placement_agency,
    placement_units,
    placements,
    positions,
    subsidy_claims,
    subsidy_notices,
)
from chalicelib.services.subsidy_claims import Claimant
from tests.services.builders import MANAGER, applicant, approved, position_fields
from tests.services.statistics_stories import JAN, JUL, JUN, LEVEL, LOCALITIES, MAR, MOMENTS, STAFF, History

# How far a placement goes: 0 applied, 1 withdrawn, 2 declined by the unit, 3 offered, 4 the offer declined,
# 5 agreed, 6 上岗 (a year's period, still running at the end), 7 ended early, 8 completed (a six months' period).
FARTHEST = st.integers(0, 8)
# What becomes of the unit's claim for December 2026, once 上岗 was reported.
CLAIM_FATES = st.sampled_from([None, "submitted", "rejected", "publicised", "paid", "objected"])


class Claim(NamedTuple):
    fate: str | None  # submitted | rejected | publicised | paid | objected (upheld, approved again, paid)
    at: datetime  # submitted and decided then (January or March, China); paid in March or June
    level: int | None  # the unit's rating once paid


class PlacementStory(NamedTuple):
    """A trainee's placement at a position of the agency's in `locality`, as far as `farthest` goes."""

    locality: str
    at: int  # applied in November, or on 1 December (China)
    invited: bool  # the unit invited the trainee, who answered by applying (farthest 1: declined the invitation)
    elsewhere: bool  # also applied to another position: withdrawn by the system when this one is accepted
    farthest: int
    confirm_at: int  # 上岗 reported then, or in December or January
    ended_at: datetime  # ended early in January or March (China)
    retain: bool  # 留用 after the end (an early end: for 留用, which is not yet the contract recorded)
    levels: tuple[int | None, int | None]  # the trainee's and the unit's ratings after the end
    claim: Claim

    def play(self, history: History) -> None:
        fake, applied_at, farthest = history.fake, MOMENTS[self.at], self.farthest
        who = applicant(next(history.serials))
        approved(fake, who, self.locality)
        position = _position(history, self.locality)
        code = position.employer_credit_code
        if self.elsewhere:
            placements.apply(who, _position(history, self.locality).position_id, applied_at, ports=fake.ports)
        placement_id = self._applied(history, who, code, position.position_id)
        if placement_id is None or farthest in (1, 2):
            return
        placement_units.offer(code, placement_id, _terms(12 if farthest == 6 else 6), applied_at, ports=fake.ports)
        if farthest == 4:
            placements.reject_offer(who, placement_id, applied_at, ports=fake.ports)
        if farthest in (3, 4):
            return
        placements.accept(who, placement_id, applied_at, ports=fake.ports)
        if farthest == 5:
            return
        placement_agency.confirm(STAFF, placement_id, max(applied_at, MOMENTS[self.confirm_at]), ports=fake.ports)
        _claim(history, code, placement_id, self.claim)
        if farthest == 7:
            reason, note = ("retained", "已签订劳动合同") if self.retain else ("trainee_left", None)
            end = {"end_date": date(2027, 1, 31), "reason": reason, "note": note}
            placement_units.end(code, placement_id, end, self.ended_at, ports=fake.ports)
        if farthest >= 7:
            history.late.append(lambda: self._after_the_end(history, who, code, placement_id))

    def _applied(self, history: History, who: Principal, code: str, position_id: str) -> str | None:
        """The placement applied for (or the unit's invitation answered), withdrawn or declined if it goes no
        further; None when the invitation was declined."""
        fake, at = history.fake, MOMENTS[self.at]
        if self.invited:
            ref = placement_units.trainee_ref(who.subject, position_id)
            placement_id = placement_units.invite(code, position_id, ref, at, ports=fake.ports).placement_id
            if self.farthest == 1:
                placements.decline_invitation(who, placement_id, at, ports=fake.ports)
                return None
            placements.apply_invited(who, placement_id, at, ports=fake.ports)
        else:
            placement_id = placements.apply(who, position_id, at, ports=fake.ports).placement_id
        if self.farthest == 1:
            placements.withdraw(who, placement_id, at, ports=fake.ports)
        elif self.farthest == 2:
            placement_units.decline(code, placement_id, "岗位要求不符", at, ports=fake.ports)
        return placement_id

    def _after_the_end(self, history: History, who: Principal, code: str, placement_id: str) -> None:
        """In July, after the completions (complete_due, in June): 留用, and both parties' ratings."""
        if self.retain:
            contract = {"contract_start": date(2027, 7, 1), "contract_months": 12}
            placement_units.retain(code, placement_id, contract, JUL, ports=history.fake.ports)
        unit = Principal(f"agent-{code}", "李明", None, frozenset(), None, credit_code=code)
        history.rate(who, "placement", placement_id, self.levels[0], JUL)
        history.rate(unit, "placement", placement_id, self.levels[1], JUL)


placements_ = st.builds(
    PlacementStory,
    st.sampled_from(LOCALITIES),
    st.integers(0, 1),
    st.booleans(),
    st.booleans(),
    FARTHEST,
    st.integers(0, 2),
    st.sampled_from([JAN, MAR]),
    st.booleans(),
    st.tuples(LEVEL, LEVEL),
    st.builds(Claim, CLAIM_FATES, st.sampled_from([JAN, MAR]), LEVEL),
)


def _terms(months: int) -> dict[str, Any]:
    return {"start_date": date(2026, 12, 1), "months": months, "allowance_yuan_per_month": 2200, "mentor_name": "导师"}


def _position(history: History, locality: str) -> answers.Position:
    fields = position_fields(county_code=locality, headcount=3)
    position = positions.create(MANAGER, fields, MOMENTS[0], ports=history.fake.ports)
    history.opened(locality, MOMENTS[0], 3)
    return position


def _claim(history: History, code: str, placement_id: str, claim: Claim) -> None:
    """The unit's claim for December 2026: submitted, rejected, in 公示, or paid after it (and rated)."""
    fate, at, level = claim
    if fate is None:
        return
    fake = history.fake
    days = {"days_due": 20, "days_present": 17, "note": ""}
    attendance.record(code, placement_id, "2026-12", days, JAN, ports=fake.ports)
    unit = Claimant(code, "山西测试见习单位", f"unit:{code}", None)
    bank = {"account_name": "山西测试见习单位", "bank_name": "中国银行太原分行", "account_no": "6217000011112222333"}
    body = {"months": ["2026-12"], "placement_ids": [placement_id], "insurance": [], "bank": bank}
    submitted = subsidy_claims.submit(unit, body, at, ports=fake.ports)
    if fate == "rejected":
        subsidy_claims.reject(submitted, "材料不全", at, ports=fake.ports)
    if fate in ("publicised", "paid", "objected"):
        publicised = subsidy_claims.approve(submitted, "材料齐全", at, ports=fake.ports)
        if fate == "objected":  # an objection upheld sends it back to review; approved again, then paid
            objection = {"name": "张三", "phone": "13912340000", "text": "该见习人员当月未在岗"}
            objection_id = subsidy_notices.object_to(publicised.claim_id, objection, at, ports=fake.ports).objection_id
            in_review = subsidy_claims.staff_claim(
                STAFF, publicised.claim_id, "resolve_objection", at, ports=fake.ports
            )
            subsidy_notices.resolve(in_review, objection_id, (True, "属实"), STAFF.subject, at, ports=fake.ports)
            again = subsidy_claims.staff_claim(
                STAFF, publicised.claim_id, "approve_subsidy_claim", at, ports=fake.ports
            )
            publicised = subsidy_claims.approve(again, "已核实更正", at, ports=fake.ports)
        if fate in ("paid", "objected"):
            paid_at = MAR if at == JAN else JUN
            subsidy_claims.disburse(publicised, "PZ-1", paid_at.date(), paid_at, ports=fake.ports)
            agent = Principal(f"agent-{code}", "李明", None, frozenset(), None, credit_code=code)
            history.rate(agent, "subsidy_claim", submitted.claim_id, level, paid_at)
