"""补贴申领: the unit's claim, and the agency's review, 公示 and 拨付 of it."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from msgspec import Struct, structs

from chalicelib.domain import subsidies as rules
from chalicelib.domain import subsidy_notices as told
from chalicelib.domain import wages
from chalicelib.domain.clock import china_date, china_time
from chalicelib.domain.notices import TEXTED_KINDS, Notice, Text
from chalicelib.domain.placements import PlacementRecord
from chalicelib.domain.principal import Principal
from chalicelib.domain.regions import scope_contains
from chalicelib.domain.subsidies import Bank, ClaimEvent, ClaimLine, ClaimRecord
from chalicelib.errors import (
    ALREADY_CLAIMED,
    ALREADY_PAID,
    ATTENDANCE_CHANGED,
    CLAIM_CHANGED,
    CLAIM_NOT_FOUND,
    CLAIM_NOT_SUBMITTED,
    OWN_SUBSIDY_CLAIM,
    OWN_UNIT_SUBSIDY_CLAIM,
    PUBLICITY_NOT_OVER,
    VALIDATION_FAILED,
    FieldProblem,
)
from chalicelib.ports import Ports
from chalicelib.ports.conditions import ConditionFailed
from chalicelib.ports.stores import Staged
from chalicelib.ports.subsidies import ATTENDANCE, CLAIM, LINE
from chalicelib.services.attendance import month_problems, unit_placement
from chalicelib.services.unit_facts import acts_for


class Claimant(Struct, frozen=True):
    """The unit as the caller's token names it: credit code, name, the account's `sub`, a phone for texts."""

    credit_code: str
    org_name: str
    subject: str
    phone: str | None = None


def _staged(subject: str, notice: Notice, text: Text | None, now: datetime, *, ports: Ports) -> Staged:
    message = ports.messages.new_message(subject, notice, now)
    outbox = None if text is None else ports.messages.new_outbox_entry(message, text, now)
    return Staged(message, outbox)


def claimant(principal: Principal, *, ports: Ports) -> Claimant:
    """The unit a 法人登录 caller acts for; texts go to the contact phone of its recognition (none: messages only)."""
    credit_code = str(principal.credit_code)
    unit = ports.units.get(credit_code)
    org_name = principal.org_name or (unit.org_name if unit is not None else "")
    return Claimant(credit_code, org_name, principal.account, unit.contact_phone if unit is not None else None)


def notice_for(claim: ClaimRecord, notice: Notice, now: datetime, *, ports: Ports) -> Staged:
    """The unit's message, and its text when the step is texted and the unit gave a phone."""
    phone = claim.contact_phone
    texted = phone is not None and notice.kind in TEXTED_KINDS
    text = told.text(notice.kind, phone, claim.org_name) if texted and phone else None
    return _staged(claim.submitter, notice, text, now, ports=ports)


PREMIUM_MAX = Decimal(100_000)  # no premium is near this; beyond it a value is a typing error


def _premium(item: Any, index: int, placement_ids: list[str]) -> tuple[str, Decimal, str] | FieldProblem:
    where = f"insurance[{index}]"
    if not isinstance(item, dict):
        return FieldProblem(where, "WRONG_TYPE", "应为对象：placement_id、premium_yuan、policy_no")
    placement_id, policy_no, paid = item.get("placement_id"), item.get("policy_no"), item.get("premium_yuan")
    unknown = sorted(set(item) - {"placement_id", "premium_yuan", "policy_no"})
    if unknown:
        return FieldProblem(f"{where}.{unknown[0]}", "UNKNOWN_FIELD", "不支持该字段")
    try:
        if isinstance(paid, bool) or not isinstance(paid, (int, float, str)):
            raise InvalidOperation
        premium = Decimal(str(paid))
    except InvalidOperation:
        return FieldProblem(f"{where}.premium_yuan", "INVALID_AMOUNT", "保险费应为金额（元，最多两位小数）")
    if placement_id not in placement_ids:
        return FieldProblem(f"{where}.placement_id", "NOT_IN_CLAIM", "保险费的见习人员应在本次申领的人员中")
    # Bounded before quantize: a huge exponent would make quantize itself fail.
    if not premium.is_finite() or not 0 < premium <= PREMIUM_MAX or premium != premium.quantize(wages.FEN):
        return FieldProblem(f"{where}.premium_yuan", "INVALID_AMOUNT", "保险费应为大于0的金额（元，最多两位小数）")
    if not isinstance(policy_no, str) or not 1 <= len(policy_no.strip()) <= rules.POLICY_NO_MAX:
        return FieldProblem(f"{where}.policy_no", "REQUIRED", f"保单号必填，不超过{rules.POLICY_NO_MAX}个字符")
    return str(placement_id), premium, policy_no.strip()


def _text(raw: dict[str, Any], name: str) -> str:
    value = raw.get(name)
    return value.strip() if isinstance(value, str) else ""


def _bank(raw: dict[str, Any]) -> Bank | list[FieldProblem]:
    names = ("account_name", "bank_name", "account_no")
    problems = [
        FieldProblem(f"bank.{name}", "REQUIRED", f"必填（文字），不超过{rules.BANK_FIELD_MAX}个字符")
        for name in names
        if not 1 <= len(_text(raw, name)) <= rules.BANK_FIELD_MAX
    ]
    problems += [FieldProblem(f"bank.{name}", "UNKNOWN_FIELD", "不支持该字段") for name in raw if name not in names]
    if problems:
        return problems
    return Bank(**{name: _text(raw, name) for name in names})


def _lines(
    months: list[str], placements: list[PlacementRecord], premium_ids: set[str], today: date, *, ports: Ports
) -> tuple[list[ClaimLine], list[FieldProblem]]:
    """Each trainee's months (one Query per trainee); a month or premium claimed before is 409 at once."""
    lines: list[ClaimLine] = []
    problems: list[FieldProblem] = []
    for placement in placements:
        stored = ports.subsidies.months(placement.placement_id)
        held, claimed = stored.attendance, stored.claimed
        if "premium" in claimed and placement.placement_id in premium_ids:
            raise ALREADY_CLAIMED(
                [FieldProblem(f"{placement.placement_id}/premium", "ALREADY_CLAIMED", "保险费已申领")]
            )
        for month in months:
            where = f"{placement.placement_id}/{month}"
            wrong = month_problems(placement, month, today)
            attendance = next((a for a in held if a.month == month), None)
            if wrong:
                problems += [FieldProblem(where, p.code, f"{placement.trainee_name}：{p.message}") for p in wrong]
            elif month in claimed:
                raise ALREADY_CLAIMED([FieldProblem(where, "ALREADY_CLAIMED", "该月已申领")])
            elif attendance is None:
                problems.append(FieldProblem(where, "NO_ATTENDANCE", f"{placement.trainee_name}{month}未填报考勤"))
            else:
                name, number = placement.trainee_name, placement.trainee_id_number
                lines.append(rules.month_line(placement.placement_id, name, number, placement.county_code, attendance))
    return lines, problems


def submit(unit: Claimant, fields: dict[str, Any], now: datetime, *, ports: Ports) -> ClaimRecord:
    months = sorted(set(fields["months"]))
    placement_ids = list(dict.fromkeys(fields["placement_ids"]))
    problems = [FieldProblem("months", "INVALID_MONTH", f"{m}格式应为YYYY-MM") for m in months if not rules.is_month(m)]
    if not months or not placement_ids:
        problems.append(FieldProblem("months" if not months else "placement_ids", "REQUIRED", "至少选择一项"))
    bank = _bank(fields["bank"])
    if isinstance(bank, list):
        problems += bank
    premiums = [_premium(item, i, placement_ids) for i, item in enumerate(fields.get("insurance") or [])]
    problems += [p for p in premiums if isinstance(p, FieldProblem)]
    if problems or isinstance(bank, list):
        raise VALIDATION_FAILED(problems)
    placements = [unit_placement(unit.credit_code, pid, ports=ports) for pid in placement_ids]
    counties = {p.county_code for p in placements}
    if len(counties) > 1:
        raise VALIDATION_FAILED(
            [FieldProblem("placement_ids", "MIXED_COUNTIES", "一次申领只能包含同一县区岗位的见习人员")]
        )
    premium_ids = {p[0] for p in premiums if not isinstance(p, FieldProblem)}
    lines, problems = _lines(months, placements, premium_ids, china_date(now), ports=ports)
    by_id = {p.placement_id: p for p in placements}
    for premium in premiums:
        assert not isinstance(premium, FieldProblem)
        placement_id, amount, policy_no = premium
        placement = by_id[placement_id]
        name, number = placement.trainee_name, placement.trainee_id_number
        lines.append(rules.premium_line(placement_id, name, number, amount, policy_no))
    if len(lines) > rules.MAX_CLAIM_LINES:
        problems.append(
            FieldProblem("placement_ids", "TOO_MANY", f"一次申领最多{rules.MAX_CLAIM_LINES}条明细，请分批申领")
        )
    if problems:
        raise VALIDATION_FAILED(problems)
    first = placements[0]
    claim = ClaimRecord(
        claim_id=uuid.uuid4().hex,
        credit_code=unit.credit_code,
        org_name=unit.org_name or first.org_name,
        submitter=unit.subject,
        contact_phone=unit.phone,
        county_code=first.county_code,
        city_code=first.city_code,
        status=rules.SUBMITTED,
        months=tuple(months),
        lines=tuple(lines),
        total_yuan=rules.total(tuple(lines)),
        bank=bank,
        submitted_at=now,
        history=(ClaimEvent(rules.SUBMITTED, china_time(now), "unit"),),
        updated_at=now,
    )
    try:
        ports.subsidies.submit_claim(claim, notice_for(claim, told.submitted(claim), now, ports=ports))
    except ConditionFailed as refused:
        if LINE in refused.failed or CLAIM in refused.failed:
            raise ALREADY_CLAIMED() from refused
        if ATTENDANCE in refused.failed:
            raise ATTENDANCE_CHANGED() from refused
        raise
    return claim


def unit_claim(credit_code: str, claim_id: str, *, ports: Ports) -> ClaimRecord:
    claim = ports.subsidies.get_claim(claim_id)
    if claim is None or claim.credit_code != credit_code:
        raise CLAIM_NOT_FOUND()
    return claim


def staff_claim(principal: Principal, claim_id: str, action: str, now: datetime, *, ports: Ports) -> ClaimRecord:
    """Another region's claim is 404, as if it did not exist. Staff never act on their own case (403): a claim
    naming them as a trainee, nor one of a unit whose recognition they applied for as its agent (法人经办人: a
    staff token carries no credit code, so the unit's 办件 tell, one Query, as for the unit's own review). The
    refused attempt is on the record, with the `action` it was (as a refused review of one's own application is)."""
    claim = ports.subsidies.get_claim(claim_id)
    if claim is None or principal.region is None or not scope_contains(principal.region, claim.county_code):
        raise CLAIM_NOT_FOUND()
    refusal = None
    if principal.id_number is not None and any(
        line.trainee_id_number.upper() == principal.id_number for line in claim.lines
    ):
        refusal = OWN_SUBSIDY_CLAIM()
    elif acts_for(principal, claim.credit_code, ports=ports):
        refusal = OWN_UNIT_SUBSIDY_CLAIM()
    if refusal is not None:
        ports.audit.record(ports.audit.event(principal, f"subsidy:{claim_id}", action, "refused_own", now))
        raise refusal
    return claim


def audited_detail(principal: Principal, claim_id: str, now: datetime, *, ports: Ports) -> ClaimRecord:
    """The agency's detail (bank account unmasked): the read is audited before it is answered."""
    claim = staff_claim(principal, claim_id, "read_subsidy_claim", now, ports=ports)
    ports.audit.record(ports.audit.event(principal, f"subsidy:{claim_id}", "read_subsidy_claim", "shown", now))
    return claim


def _move(before: ClaimRecord, after: ClaimRecord, notice: Staged | None, *, release: bool, ports: Ports) -> None:
    try:
        ports.subsidies.move_claim(before, after, release=release, notice=notice)
    except ConditionFailed as refused:
        raise CLAIM_CHANGED() from refused


def _step(
    claim: ClaimRecord, status: str, now: datetime, actor: str, comment: str | None, **changes: Any
) -> ClaimRecord:
    event = ClaimEvent(status, china_time(now), actor, comment)
    return structs.replace(
        claim, status=status, history=(*claim.history, event), updated_at=now, version=claim.version + 1, **changes
    )


def approve(claim: ClaimRecord, comment: str | None, now: datetime, *, ports: Ports) -> ClaimRecord:
    if claim.status != rules.SUBMITTED:
        raise CLAIM_NOT_SUBMITTED()
    start, end = wages.publicity_period(china_date(now))
    after = _step(
        claim,
        rules.PUBLICISED,
        now,
        "reviewer",
        comment or None,
        publicity_start=start,
        publicity_end=end,
        upheld_objections=0,
    )
    _move(
        claim,
        after,
        notice_for(after, told.approved(after), now, ports=ports),
        release=False,
        ports=ports,
    )
    return after


def reject(claim: ClaimRecord, reason: str, now: datetime, *, ports: Ports) -> ClaimRecord:
    """Rejected: the line locks go with it, so the months (and premiums) may be claimed again."""
    if claim.status != rules.SUBMITTED:
        raise CLAIM_NOT_SUBMITTED()
    after = _step(claim, rules.REJECTED, now, "reviewer", reason)
    _move(
        claim,
        after,
        notice_for(after, told.rejected(after, reason), now, ports=ports),
        release=True,
        ports=ports,
    )
    return after


def disburse(claim: ClaimRecord, voucher_no: str, paid_on: date, now: datetime, *, ports: Ports) -> ClaimRecord:
    if claim.status == rules.PAID:
        raise ALREADY_PAID()
    if paid_on > china_date(now):
        raise VALIDATION_FAILED([FieldProblem("paid_on", "IN_THE_FUTURE", "拨付日期不能晚于今天")])
    if not rules.disbursable(claim, china_date(now)):
        raise PUBLICITY_NOT_OVER()
    after = _step(claim, rules.PAID, now, "reviewer", None, voucher_no=voucher_no, paid_on=paid_on)
    _move(
        claim,
        after,
        notice_for(after, told.paid(after), now, ports=ports),
        release=False,
        ports=ports,
    )
    return after
