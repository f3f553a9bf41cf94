"""Who is told what at each step of a placement: the other side's 消息中心, and for the offer, 上岗 and the end a
text to the trainee's real-name phone under the existing rules (masked name, quiet hours, daily cap, once per
event: the outbox entry's id is the message's, and the message's id is derived from the step)."""

from __future__ import annotations

from datetime import datetime

from chalicelib.domain.masks import mask_name
from chalicelib.domain.notices import SMS_PARAM_MAX, TEXTED_KINDS, Notice, Text
from chalicelib.domain.placements import ASSESSMENT_RESULTS, END_REASONS, STATUS_LABELS, PlacementRecord
from chalicelib.domain.principal import unit_account
from chalicelib.ports import Ports
from chalicelib.ports.stores import Staged


def _period(record: PlacementRecord) -> str:
    if record.start_date is None or record.end_date is None:
        return ""
    return f"见习期限{record.start_date.isoformat()}至{record.end_date.isoformat()}（{record.months}个月），"


def _text_for(record: PlacementRecord, kind: str) -> str:
    """The message's words: what happened, to which position, and what to do next."""
    position = f"“{record.position_title}”（{record.org_name}）"
    last = record.history[-1] if record.history else None
    reason = f"说明：{last.comment}。" if last is not None and last.comment else ""
    texts = {
        "placement_applied": f"{record.trainee_name}申请了见习岗位{position}，请在应聘管理中处理。",
        "placement_withdrawn": f"{record.trainee_name}对见习岗位{position}的申请已撤回。{reason}",
        "placement_invited": f"见习单位邀请您申请见习岗位{position}，请在我的见习中答复。",
        "placement_invitation_answered": f"{record.trainee_name}已答复见习岗位{position}的邀请："
        f"{STATUS_LABELS[record.status]}。",
        "placement_offered": f"您申请的见习岗位{position}已录用您，{_period(record)}"
        f"每月生活补助{record.allowance_yuan_per_month}元。请在我的见习中阅读见习协议并确认签订。",
        "placement_declined": f"您申请的见习岗位{position}未被录用。{reason}",
        "placement_agreed": f"{record.trainee_name}已签订见习岗位{position}的见习协议，{_period(record)}"
        "请按时安排上岗，上岗后由人社部门办理上岗报备。",
        "placement_offer_declined": f"{record.trainee_name}已拒绝见习岗位{position}的录用。",
        "placement_confirmed": f"见习岗位{position}已完成上岗报备，{_period(record)}在岗见习。",
        "placement_ended": f"见习岗位{position}的见习已于{record.ended_on}提前结束"
        f"（{END_REASONS.get(record.end_reason or '', '')}）。",
        "placement_completed": f"见习岗位{position}的见习已于{record.end_date}期满。",
        "placement_ending": f"{record.trainee_name}在见习岗位{position}的见习期将于{record.end_date}届满。"
        "期满后请办理期满考核；拟留用的，请在见习详情中登记留用。",
        "placement_assessed": f"见习岗位{position}的期满考核结果："
        f"{ASSESSMENT_RESULTS.get(record.assessment_result or '', '')}。可在我的见习中下载见习证明。",
        "placement_retained": f"见习单位{record.org_name}将与您签订劳动合同（留用），"
        f"合同起始日期{record.retained_contract_start}，期限{record.retained_contract_months}个月。",
    }
    return texts[kind]


def _staged(
    recipient: str, link: str, record: PlacementRecord, kind: str, now: datetime, *, ports: Ports, seed: str = ""
) -> Staged:
    """`seed` names the event the message's id derives from; by default the step (the placement's version)."""
    notice = Notice(kind, _text_for(record, kind), link)
    seed = seed or f"{kind}#{record.placement_id}#{record.version}#{recipient}"
    return Staged(ports.messages.new_message(recipient, notice, now, seed=seed))


def to_unit(record: PlacementRecord, kind: str, now: datetime, *, ports: Ports, seed: str = "") -> Staged:
    link = f"/v1/unit/placements/{record.placement_id}"
    return _staged(unit_account(record.credit_code), link, record, kind, now, ports=ports, seed=seed)


def ending_reminder(record: PlacementRecord, at: datetime, *, ports: Ports) -> Staged:
    """The unit's reminder that the period ends soon: one per placement, whatever changed on it since (its id is
    derived from the placement and `at`, which the caller fixes per placement), so a rerun writes nothing new."""
    return to_unit(record, "placement_ending", at, ports=ports, seed=f"placement_ending#{record.placement_id}")


def to_trainee(record: PlacementRecord, kind: str, now: datetime, *, ports: Ports) -> Staged:
    """The trainee's message; texted too for the kinds that are (the offer, 上岗, the end)."""
    staged = _staged(record.subject, f"/v1/placements/{record.placement_id}", record, kind, now, ports=ports)
    if kind not in TEXTED_KINDS:
        return staged
    text = Text(kind, record.trainee_phone, (mask_name(record.trainee_name), record.org_name[:SMS_PARAM_MAX]))
    return Staged(staged.message, ports.messages.new_outbox_entry(staged.message, text, now))
