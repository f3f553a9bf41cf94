"""What a person is told, and when: the 站内消息 and SMS texts of each event, the quiet hours, the daily cap.

Pure rules, no I/O. A notice's SMS carries the masked name only (王*雨), never an ID number, and no
free text from staff (a reviewer's comment stays in the 消息中心, behind the sign-in).
"""

from __future__ import annotations

import hashlib
from datetime import datetime, time, timedelta
from typing import Final

from msgspec import Struct

from chalicelib.domain.clock import CHINA
from chalicelib.domain.masks import mask_name
from chalicelib.domain.placements import NOTICE_SMS_TEMPLATES, NOTICE_TITLES, NOTICE_URGENT
from chalicelib.domain.subsidies import SUBSIDY_SMS_TEMPLATES, SUBSIDY_TITLES

SMS_DAILY_CAP: Final = 5
QUIET_FROM: Final = time(21, 0)  # China time
QUIET_UNTIL: Final = time(8, 0)
DEADLINE_NOTICE_DAYS: Final = 3
PORTAL: Final = "山西省人社公共服务平台"

# Every kind of message, with whether it is texted and whether the text may wake someone at night.
# Decisions on a person's own case are transactional (the person waits for them): sent at once. Notices about
# positions are informational: held back by the quiet hours.
KIND_TITLES: Final = {
    "application_submitted": "申报成功，等待审核",
    "application_withdrawn": "申请已撤回",
    "application_approved": "审核通过",
    "application_rejected": "审核不通过",
    "favourite_closed": "收藏的岗位已停止招聘",
    "favourite_deadline": "收藏的岗位即将截止报名",
    "saved_search_digest": "岗位订阅：有新的见习岗位",
    # Issue 19: what a unit is told (its 消息中心 is shared by every agent acting for it).
    "unit_recognised": "见习单位认定审核通过",
    "unit_rejected": "见习单位认定审核不通过",
    "unit_revoked": "见习单位资格已撤销",
    "position_approved": "岗位审核通过",
    "position_rejected": "岗位审核不通过",
    **NOTICE_TITLES,  # issue 20: placements
    **SUBSIDY_TITLES,  # issue 21: a unit's 补贴申领
}
UNIT_DECISION_KINDS: Final = frozenset({"unit_recognised", "unit_rejected", "unit_revoked"})
TEXTED_KINDS: Final = (
    frozenset({"application_approved", "application_rejected", "favourite_closed", *NOTICE_SMS_TEMPLATES})
    | UNIT_DECISION_KINDS
    | frozenset(SUBSIDY_SMS_TEMPLATES)  # issue 21
)
URGENT_KINDS: Final = frozenset({"application_approved", "application_rejected", *NOTICE_URGENT}) | UNIT_DECISION_KINDS
# The registered templates' wording ({1}, {2} are the parameters); the local sink renders the same text.
SMS_TEMPLATES: Final = {
    "application_approved": "{1}您好，您的就业见习人员申请{2}，详情请登录" + PORTAL + "查看。",
    "application_rejected": "{1}您好，您的就业见习人员申请{2}，原因请登录" + PORTAL + "查看。",
    "favourite_closed": "{1}您好，您收藏的见习岗位“{2}”已停止招聘，详情请登录" + PORTAL + "查看。",
    "saved_search_digest": "{1}您好，您订阅的见习岗位有{2}个新岗位，详情请登录" + PORTAL + "查看。",
    "unit_recognised": "{1}：贵单位的见习单位认定申请{2}，详情请登录" + PORTAL + "查看。",
    "unit_rejected": "{1}：贵单位的见习单位认定申请{2}，原因请登录" + PORTAL + "查看。",
    "unit_revoked": "{1}：贵单位的{2}，原因请登录" + PORTAL + "查看。",
    **NOTICE_SMS_TEMPLATES,  # issue 20: placements
    **SUBSIDY_SMS_TEMPLATES,  # issue 21
}
SMS_PARAM_MAX: Final = 20  # providers limit a template variable's length; longer titles are cut


class Notice(Struct, frozen=True):
    kind: str
    text: str
    link: str

    @property
    def title(self) -> str:
        return KIND_TITLES[self.kind]


class Text(Struct, frozen=True):
    """An SMS: the template kind and its parameters, rendered the same way the provider renders them."""

    kind: str
    phone: str
    params: tuple[str, ...]

    @property
    def urgent(self) -> bool:
        return self.kind in URGENT_KINDS

    def render(self) -> str:
        body = SMS_TEMPLATES[self.kind]
        for number, value in enumerate(self.params, start=1):
            body = body.replace(f"{{{number}}}", value)
        return body


def _application_link(application_id: str) -> str:
    return f"/v1/applications/{application_id}"


def submitted(application_id: str, locality_name: str) -> Notice:
    return Notice(
        "application_submitted",
        f"您的就业见习人员申请已提交，业务办理属地：{locality_name}。请耐心等待审核，结果将通过消息和短信通知您。",
        _application_link(application_id),
    )


def withdrawn(application_id: str) -> Notice:
    return Notice(
        "application_withdrawn", "您已撤回就业见习人员申请。如需办理，可重新申报。", _application_link(application_id)
    )


def approved(application_id: str, comment: str | None) -> Notice:
    opinion = f"审核意见：{comment}" if comment else "请登录查看您所在属地的见习岗位。"
    return Notice(
        "application_approved", f"您的就业见习人员申请已审核通过。{opinion}", _application_link(application_id)
    )


def rejected(application_id: str, reason: str) -> Notice:
    return Notice(
        "application_rejected",
        f"您的就业见习人员申请审核不通过。原因：{reason}。您可按要求修改后重新申报。",
        _application_link(application_id),
    )


def favourite_closed(position_id: str, title: str, employer: str) -> Notice:
    return Notice(
        "favourite_closed", f"您收藏的岗位“{title}”（{employer}）已停止招聘。", f"/v1/positions/{position_id}"
    )


def favourite_deadline(position_id: str, title: str, employer: str, deadline: str) -> Notice:
    return Notice(
        "favourite_deadline",
        f"您收藏的岗位“{title}”（{employer}）将于{deadline}截止报名，请及时关注。",
        f"/v1/positions/{position_id}",
    )


def decision_text(kind: str, phone: str, name: str) -> Text:
    return Text(kind, phone, (mask_name(name), KIND_TITLES[kind]))


def closed_text(phone: str, name: str, title: str) -> Text:
    return Text("favourite_closed", phone, (mask_name(name), title[:SMS_PARAM_MAX]))


def digest_text(phone: str, name: str, count: int) -> Text:
    return Text("saved_search_digest", phone, (mask_name(name), str(count)))


# ----------------------------------------------------------------------------------------------- units


def unit_decision(kind: str, comment: str | None) -> Notice:
    """A decision on the unit's 认定申请: recognised, rejected (with the reason), revoked (with the reason)."""
    said = {
        "unit_recognised": "贵单位已认定为见习单位，可以发布见习岗位。",
        "unit_rejected": "贵单位的见习单位认定申请审核不通过，可按要求修改后重新申报。",
        "unit_revoked": "贵单位的见习单位资格已撤销，招聘中的见习岗位已停止招聘。",
    }[kind]
    why = f"{'审核意见' if kind == 'unit_recognised' else '原因'}：{comment}" if comment else ""
    return Notice(kind, said + why, "/v1/unit")


def position_decision(approved: bool, position_id: str, title: str, reason: str | None) -> Notice:
    if approved:
        return Notice("position_approved", f"岗位“{title}”已审核通过，正在招聘。", f"/v1/unit/positions/{position_id}")
    return Notice(
        "position_rejected", f"岗位“{title}”审核不通过。原因：{reason}。", f"/v1/unit/positions/{position_id}"
    )


def unit_text(kind: str, phone: str, org_name: str) -> Text:
    """A unit's name is no personal data; it is cut to the provider's parameter length."""
    return Text(kind, phone, (org_name[:SMS_PARAM_MAX], KIND_TITLES[kind]))


# ----------------------------------------------------------------------------------------------- ids and time


def message_id(moment: datetime, seed: str) -> str:
    """32 hex characters: microseconds since the epoch (14), then 18 of a hash of `seed`.

    Id order is time order (newest first is a reversed Query). A seed naming the event (position closed,
    deadline of a day) gives the same id on a redelivery, so a retried notice is written once.
    """
    micros = int(moment.timestamp() * 1_000_000)
    return f"{micros:014x}{hashlib.sha256(seed.encode()).hexdigest()[:18]}"


def in_quiet_hours(moment: datetime) -> bool:
    local = moment.astimezone(CHINA).time()
    return local >= QUIET_FROM or local < QUIET_UNTIL


def quiet_hours_end(moment: datetime) -> datetime:
    """The next 08:00 China time at or after `moment`."""
    local = moment.astimezone(CHINA)
    end = local.replace(hour=QUIET_UNTIL.hour, minute=0, second=0, microsecond=0)
    return end if end >= local else end + timedelta(days=1)
