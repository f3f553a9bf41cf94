"""What a unit is told of its 补贴申领 at each step (消息中心, and SMS on approval, rejection and payment)."""

from __future__ import annotations

from chalicelib.domain.notices import KIND_TITLES, SMS_PARAM_MAX, Notice, Text
from chalicelib.domain.subsidies import ClaimRecord


def _link(claim: ClaimRecord) -> str:
    return f"/v1/unit/subsidy-claims/{claim.claim_id}"


def submitted(claim: ClaimRecord) -> Notice:
    months = "、".join(claim.months)
    return Notice(
        "subsidy_submitted",
        f"贵单位{months}的就业见习补贴申领已提交，申领金额{claim.total_yuan}元，请等待审核。",
        _link(claim),
    )


def approved(claim: ClaimRecord) -> Notice:
    return Notice(
        "subsidy_approved",
        f"贵单位的就业见习补贴申领已审核通过，公示期{claim.publicity_start}至{claim.publicity_end}，"
        "公示期满无异议后拨付。",
        _link(claim),
    )


def rejected(claim: ClaimRecord, reason: str) -> Notice:
    return Notice(
        "subsidy_rejected",
        f"贵单位的就业见习补贴申领审核不通过。原因：{reason}。相关月份可修改考勤后重新申领。",
        _link(claim),
    )


def returned(claim: ClaimRecord) -> Notice:
    return Notice(
        "subsidy_returned", "贵单位的就业见习补贴申领在公示期间收到的异议经核实成立，已退回重新审核。", _link(claim)
    )


def paid(claim: ClaimRecord) -> Notice:
    return Notice(
        "subsidy_paid",
        f"贵单位的就业见习补贴{claim.total_yuan}元已于{claim.paid_on}拨付，凭证号{claim.voucher_no}。",
        _link(claim),
    )


def text(kind: str, phone: str, org_name: str) -> Text:
    """Names the unit (not a person: nothing to mask) and the step, never amounts or staff's words."""
    step = "补贴已拨付" if kind == "subsidy_paid" else KIND_TITLES[kind]
    return Text(kind, phone, (org_name[:SMS_PARAM_MAX], step))
