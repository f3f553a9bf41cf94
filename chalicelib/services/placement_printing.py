"""The placement's printables: the agreement (就业见习协议书) for its two parties, with the trainee's ID number
unmasked (only they may print it), and the certificate (见习证明) for the trainee after the assessment; each with
the QR code of the public verification."""

from __future__ import annotations

from datetime import datetime

from chalicelib.config import settings
from chalicelib.domain.masks import mask_id_number
from chalicelib.domain.placements import (
    AGREEMENT_SHOWN,
    ASSESSMENT_RESULTS,
    PlacementRecord,
)
from chalicelib.domain.principal import Principal
from chalicelib.domain.vocabulary import EDUCATION_LABELS
from chalicelib.errors import PLACEMENT_WRONG_STATUS
from chalicelib.ports import Ports
from chalicelib.services.placement_units import owned as owned_by_unit
from chalicelib.services.placements import owned
from chalicelib.services.unit_facts import recognition_of


def verification_url(placement_id: str) -> str:
    """What the QR code carries: the portal's 扫码验真 page, which reads GET /v1/verify/placements/{id}."""
    return f"{settings().public_base_url}/verify/placements/{placement_id}"


def agreement_filename(placement_id: str) -> str:
    return f"agreement-{placement_id}.pdf"


def certificate_filename(placement_id: str) -> str:
    return f"certificate-{placement_id}.pdf"


def _period(record: PlacementRecord) -> str:
    return f"{record.start_date} 至 {record.end_date}，共{record.months}个月"


def agreement(record: PlacementRecord, now: datetime, *, ports: Ports) -> bytes:
    """From the offer on; the unit's address and contact are those of its recognition (认定申请), or its
    position's when it has none (a position staff entered for a unit never recognised here)."""
    from chalicelib.forms.placement_pdf import render_agreement

    if record.status not in AGREEMENT_SHOWN:
        raise PLACEMENT_WRONG_STATUS()
    party = recognition_of(record.credit_code, ports=ports) or ports.positions.get(record.position_id)
    address = party.address if party else ""
    contact = f"{party.contact_name} {party.contact_phone}" if party else ""
    signed = (
        f"乙方已于{record.agreed_at:%Y-%m-%d}在山西省人社公共服务平台确认签订本协议。"
        if record.agreed_at
        else "甲方已录用，待乙方在山西省人社公共服务平台确认签订。"
    )
    return render_agreement(
        placement_id=record.placement_id,
        unit=[
            ("单位名称", record.org_name),
            ("统一社会信用代码", record.credit_code),
            ("地址", address),
            ("联系人及电话", contact),
        ],
        trainee=[
            ("姓名", record.trainee_name),
            ("公民身份号码", record.trainee_id_number),
            ("联系电话", record.trainee_phone),
            ("学历", EDUCATION_LABELS.get(record.trainee_education, record.trainee_education)),
            ("毕业院校及专业", f"{record.trainee_school} {record.trainee_major}".strip()),
        ],
        terms=[
            ("见习岗位", record.position_title),
            ("见习期限", _period(record)),
            ("见习期间生活补助", f"每月{record.allowance_yuan_per_month}元，由甲方按月支付"),
            ("人身意外伤害保险", "由甲方为乙方购买，保险期间覆盖见习期限"),
            ("带教人", record.mentor_name or ""),
        ],
        signed=signed,
        verification_url=verification_url(record.placement_id),
        generated_at=now,
    )


def agreement_for_trainee(principal: Principal, placement_id: str, now: datetime, *, ports: Ports) -> bytes:
    return agreement(owned(principal, placement_id, ports=ports), now, ports=ports)


def agreement_for_unit(credit_code: str, placement_id: str, now: datetime, *, ports: Ports) -> bytes:
    return agreement(owned_by_unit(credit_code, placement_id, ports=ports), now, ports=ports)


def certificate(principal: Principal, placement_id: str, now: datetime, *, ports: Ports) -> bytes:
    """After the assessment of a completed or ended placement."""
    from chalicelib.forms.placement_pdf import render_certificate

    record = owned(principal, placement_id, ports=ports)
    if record.assessment_result is None:
        raise PLACEMENT_WRONG_STATUS()
    last_day = record.ended_on or record.end_date
    statement = (
        f"兹证明{record.trainee_name}（公民身份号码{mask_id_number(record.trainee_id_number)}）于{record.start_date}"
        f"至{last_day}在{record.org_name}“{record.position_title}”岗位参加就业见习。"
    )
    return render_certificate(
        placement_id=record.placement_id,
        statement=statement,
        rows=[
            ("见习单位", record.org_name),
            ("统一社会信用代码", record.credit_code),
            ("见习岗位", record.position_title),
            ("见习期间", f"{record.start_date} 至 {last_day}"),
            ("期满考核结果", ASSESSMENT_RESULTS[record.assessment_result]),
            ("考核评语", record.assessment_comment or ""),
        ],
        verification_url=verification_url(record.placement_id),
        generated_at=now,
    )
