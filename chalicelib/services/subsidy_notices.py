"""公示: the public notices of approved claims, the objections anyone may raise, and the agency's ruling on them."""

from __future__ import annotations

import re
import uuid
from datetime import datetime

from msgspec import structs

from chalicelib.domain import subsidies as rules
from chalicelib.domain import subsidy_notices as told
from chalicelib.domain.clock import china_date, china_time, sortable_utc
from chalicelib.domain.identity import MOBILE_PATTERN
from chalicelib.domain.subsidies import ClaimEvent, ClaimRecord, ObjectionRecord
from chalicelib.errors import (
    CLAIM_CHANGED,
    CLAIM_NOT_PUBLICISED,
    NOTICE_NOT_FOUND,
    OBJECTION_NOT_FOUND,
    OBJECTION_RESOLVED,
    OBJECTIONS_LIMIT,
    VALIDATION_FAILED,
    FieldProblem,
)
from chalicelib.ports import Ports
from chalicelib.ports.conditions import ConditionFailed
from chalicelib.ports.subsidies import CLAIM, OBJECTION, RATE
from chalicelib.services.subsidy_claims import notice_for

_NOTICED = (rules.PUBLICISED, rules.PAID)


def notice(claim_id: str, *, ports: Ports) -> ClaimRecord:
    """A claim that went to 公示; anything else (submitted, rejected, back in review) is no notice."""
    claim = ports.subsidies.get_claim(claim_id)
    if claim is None or claim.status not in _NOTICED or claim.publicity_start is None:
        raise NOTICE_NOT_FOUND()
    return claim


def _objection_problems(fields: dict[str, str]) -> list[FieldProblem]:
    problems = []
    name, phone, text = fields.get("name", ""), fields.get("phone", ""), fields.get("text", "")
    if not 1 <= len(name) <= rules.OBJECTION_NAME_MAX:
        problems.append(FieldProblem("name", "REQUIRED", f"姓名必填，不超过{rules.OBJECTION_NAME_MAX}个字符"))
    if not re.fullmatch(MOBILE_PATTERN, phone):
        problems.append(FieldProblem("phone", "INVALID_PHONE", "请填写11位手机号码"))
    if not 5 <= len(text) <= rules.OBJECTION_TEXT_MAX:
        problems.append(FieldProblem("text", "OUT_OF_RANGE", f"反映内容应为5至{rules.OBJECTION_TEXT_MAX}个字符"))
    return problems


def object_to(claim_id: str, fields: dict[str, str], now: datetime, *, ports: Ports) -> ObjectionRecord:
    """我要反映: only while the claim is in 公示; at most a few per phone per China day (429 beyond)."""
    claim = notice(claim_id, ports=ports)
    problems = _objection_problems(fields)
    if problems:
        raise VALIDATION_FAILED(problems)
    if claim.status != rules.PUBLICISED:
        raise CLAIM_NOT_PUBLICISED()
    objection = ObjectionRecord(
        objection_id=f"{sortable_utc(now)}-{uuid.uuid4().hex[:8]}".replace(":", "").replace(".", ""),
        claim_id=claim_id,
        name=fields["name"],
        phone=fields["phone"],
        text=fields["text"],
        created_at=now,
    )
    try:
        ports.subsidies.add_objection(
            objection, claim, day=china_date(now).isoformat(), limit=rules.OBJECTIONS_PER_PHONE_PER_DAY
        )
    except ConditionFailed as refused:
        if RATE in refused.failed:
            raise OBJECTIONS_LIMIT() from refused
        if CLAIM in refused.failed:
            raise CLAIM_NOT_PUBLICISED() from refused
        raise
    return objection


def resolve(
    claim: ClaimRecord, objection_id: str, ruling: tuple[bool, str], actor: str, now: datetime, *, ports: Ports
) -> ObjectionRecord:
    """Dismissed: the 公示 runs on. Upheld: the claim goes back to review (待审核) and leaves the notices."""
    upheld, note = ruling
    objection = ports.subsidies.get_objection(claim.claim_id, objection_id)
    if objection is None:
        raise OBJECTION_NOT_FOUND()
    if objection.status != rules.OPEN:
        raise OBJECTION_RESOLVED()
    if claim.status != rules.PUBLICISED:
        raise CLAIM_NOT_PUBLICISED()
    ruled = structs.replace(
        objection,
        status=rules.UPHELD if upheld else rules.DISMISSED,
        note=note or None,
        resolved_at=now,
        resolved_by=actor,
    )
    left = claim.open_objections - 1
    if upheld:
        event = ClaimEvent(
            rules.SUBMITTED, china_time(now), "reviewer", f"公示异议成立：{note}" if note else "公示异议成立"
        )
        after = structs.replace(
            claim,
            status=rules.SUBMITTED,
            publicity_start=None,
            publicity_end=None,
            open_objections=left,
            upheld_objections=claim.upheld_objections + 1,
            history=(*claim.history, event),
            updated_at=now,
            version=claim.version + 1,
        )
        staged = notice_for(after, told.returned(after), now, ports=ports)
    else:
        after = structs.replace(claim, open_objections=left, updated_at=now, version=claim.version + 1)
        staged = None
    try:
        ports.subsidies.resolve_objection(ruled, claim, after, staged)
    except ConditionFailed as refused:
        if OBJECTION in refused.failed:
            raise OBJECTION_RESOLVED() from refused
        raise CLAIM_CHANGED() from refused
    return ruled
