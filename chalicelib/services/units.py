"""见习单位: the unit's own view (单位中心), its 认定申请 (submit, withdraw) and their history (办件记录)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from chalicelib.answers import units as answers
from chalicelib.domain.applications import AttachmentFacts
from chalicelib.domain.clock import china_month, china_time
from chalicelib.domain.principal import Principal
from chalicelib.domain.records import AttachmentRecord, UnitRecord
from chalicelib.domain.regions import PROVINCE_CODE, shanxi
from chalicelib.domain.units import check_licence, check_recognition_form, position_quota
from chalicelib.errors import (
    CASE_NOT_FOUND,
    RECOGNITION_EXISTS,
    UNIT_NOT_PENDING,
    VALIDATION_FAILED,
    FieldProblem,
)
from chalicelib.observability import count
from chalicelib.ports import Ports
from chalicelib.ports.conditions import UNIT, ConditionFailed
from chalicelib.ports.stores import RawKey
from chalicelib.ports.units import Move
from chalicelib.services import ratings


def code_of(principal: Principal) -> str:
    assert principal.credit_code is not None  # the UNIT access resolves only a unit's token
    return principal.credit_code


def mine(principal: Principal, *, ports: Ports) -> answers.Unit:
    return answers.unit(principal, ports.units.get(code_of(principal)))


def _licence_facts(principal: Principal, found: Mapping[str, AttachmentRecord]) -> dict[str, AttachmentFacts]:
    account = principal.account
    return {
        a.attachment_id: AttachmentFacts(
            attachment_id=a.attachment_id,
            owned=a.owner == account,
            uploaded=a.status == "uploaded",
            kind=a.kind,
            in_use_elsewhere=a.in_use_by is not None,
        )
        for a in found.values()
    }


def _is_live(unit: UnitRecord | None) -> bool:
    return unit is not None and unit.live_recognition_id is not None


def submit(principal: Principal, form: dict[str, Any], now: datetime, *, ports: Ports) -> answers.RecognitionSubmitted:
    """见习单位认定申请: one live application per unit (pending, or recognised), held by the store's condition."""
    code = code_of(principal)
    unit = ports.units.get(code)
    if _is_live(unit):
        raise RECOGNITION_EXISTS()
    requested: list[str] = form["attachments"]
    found = ports.attachments.batch_get(requested)
    problems = check_recognition_form(form) + check_licence(requested, _licence_facts(principal, found))
    if problems:
        raise VALIDATION_FAILED(problems)
    locality = shanxi().locality(form["county_code"])
    assert locality is not None
    submitted_at = china_time(now)
    recognition = ports.units.new_recognition(
        uuid.uuid4().hex,
        credit_code=code,
        org_name=form["org_name"].strip(),
        agent=principal.subject,
        agent_id_number=principal.id_number.upper() if principal.id_number else None,
        county_code=locality.code,
        city_code=locality.city_code,
        province=PROVINCE_CODE,
        address=form["address"].strip(),
        industry=form["industry"],
        insured_staff=form["insured_staff"],
        contact_name=form["contact_name"].strip(),
        contact_phone=form["contact_phone"],
        description=form["description"].strip(),
        attachment_ids=requested,
        status="pending",
        submitted_at=submitted_at,
        month=china_month(now),
        history=[ports.units.history_entry("pending", submitted_at, "unit", None)],
    )
    status_before = unit.status if unit is not None else None
    try:
        ports.units.submit(recognition, status_before, at=now)
    except ConditionFailed as failed:
        if UNIT in failed.failed:
            raise RECOGNITION_EXISTS() from None  # a parallel submit won
        raise VALIDATION_FAILED(
            [FieldProblem("attachments", "ATTACHMENT_IN_USE", "附件已被其他有效申请使用或状态已变化，请刷新后重试")]
        ) from None
    count("UnitRecognitionSubmitted")
    return answers.submitted(recognition)


def withdraw(principal: Principal, now: datetime, *, ports: Ports) -> answers.RecognitionSummary:
    """撤回 the pending application: the unit goes back to what it was before it applied."""
    unit = ports.units.get(code_of(principal))
    if unit is None or unit.status != "pending" or unit.live_recognition_id is None:
        raise UNIT_NOT_PENDING()
    recognition = ports.units.get_recognition(unit.live_recognition_id)
    if recognition is None:
        raise UNIT_NOT_PENDING()
    stamp = china_time(now)
    move = Move(
        from_status="pending",
        status="withdrawn",
        entry=ports.units.history_entry("withdrawn", stamp, "unit", None),
        unit_status=unit.status_before or "unregistered",
        release=True,
    )
    try:
        moved = ports.units.move(recognition, move, at=stamp)
    except ConditionFailed:
        raise UNIT_NOT_PENDING() from None  # decided meanwhile: the decision won
    return answers.recognition_summary(moved)


def history(
    principal: Principal, *, limit: int, start_key: RawKey | None, ports: Ports
) -> tuple[list[answers.RecognitionSummary], RawKey | None]:
    items, next_key = ports.units.history(code_of(principal), limit=limit, start_key=start_key)
    return [answers.recognition_summary(r) for r in items], next_key


def recognition(principal: Principal, recognition_id: str, *, ports: Ports) -> answers.RecognitionDetail:
    """One 认定申请 of the unit (办件详情) with the unit's rating of it (issue 23): two GetItems. Another unit's
    is as one that does not exist."""
    record = ports.units.get_recognition(recognition_id)
    if record is None or record.credit_code != code_of(principal):
        raise CASE_NOT_FOUND()
    return answers.recognition_detail(record, ratings.of_case("recognition", recognition_id, "unit", ports=ports))


def load(many: list[dict[str, Any]], now: datetime, *, ports: Ports) -> int:
    """Seed units in bulk (demo data): each with one 认定申请 in its status (`recognised`, `pending` or
    `rejected`), as the review would have left it. Batch-written: never a request path."""
    stamp = china_time(now)
    pairs = []
    for spec in many:
        locality = shanxi().locality(spec["county_code"])
        assert locality is not None
        status, recognition_id = spec["status"], uuid.uuid4().hex
        history = [ports.units.history_entry("pending", stamp, "unit", None)]
        if status != "pending":
            history.append(ports.units.history_entry(status, stamp, "reviewer", spec.get("reason")))
        recognition = ports.units.new_recognition(
            recognition_id,
            **{k: spec[k] for k in ("credit_code", "org_name", "county_code", "industry", "insured_staff")},
            **{k: spec[k] for k in ("address", "contact_name", "contact_phone", "description")},
            agent="demo-loader",
            city_code=locality.city_code,
            province=PROVINCE_CODE,
            status=status,
            submitted_at=stamp,
            month=china_month(now),
            history=history,
        )
        quota = position_quota(int(spec["insured_staff"])) if status == "recognised" else 0
        unit = ports.units.new_unit(
            spec["credit_code"],
            org_name=spec["org_name"],
            status=status,
            county_code=locality.code,
            city_code=locality.city_code,
            insured_staff=spec["insured_staff"],
            position_quota=quota or None,
            quota_used=0,
            quota_left=quota,
            contact_phone=spec["contact_phone"],
            recognised_at=stamp if status == "recognised" else None,
            live_recognition_id=recognition_id if status in ("pending", "recognised") else None,
            latest_recognition_id=recognition_id,
            updated_at=stamp,
        )
        pairs.append((unit, recognition))
    return ports.units.bulk_load(pairs)
