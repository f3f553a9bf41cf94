"""The request bodies of issue 21's routes (考勤, 补贴申领, 公示 objections, 拨付, exports, the local clock).

Declared as in chalicelib/api/bodies.py: the parser checks names, JSON types and hard caps (400), the services
the rules (422 naming the field). Nested objects (`bank`, `insurance`) are checked field by field by the service.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Final

from msgspec import Meta, Struct

from chalicelib.api.bodies import COMMENT_MAX, day, limited_text
from chalicelib.domain import subsidies as rules

MONTHS_MAX: Final = 12
PLACEMENTS_MAX: Final = rules.MAX_CLAIM_LINES


class AttendanceWrite(Struct, forbid_unknown_fields=True, kw_only=True):
    """A month's 考勤 of one trainee (the month is in the path)."""

    days_due: Annotated[int, Meta(description="应出勤天数: 1 to the month's working days (422 `OUT_OF_RANGE`).")]
    days_present: Annotated[int, Meta(description="实际出勤天数: 0 to `days_due` (422 `OUT_OF_RANGE`).")]
    note: Annotated[str, limited_text(rules.NOTE_MAX, "备注, optional.", minimum=0)] | None = None


class _InsuranceItem(Struct, forbid_unknown_fields=True, kw_only=True):
    placement_id: Annotated[str, Meta(description="One of `placement_ids`.")]
    premium_yuan: Annotated[float, Meta(description="保险费 paid, yuan to the fen; paid up to the policy's cap.")]
    policy_no: Annotated[str, Meta(max_length=rules.POLICY_NO_MAX, description="保单号.")]


class _BankAccount(Struct, forbid_unknown_fields=True, kw_only=True):
    account_name: Annotated[str, Meta(max_length=rules.BANK_FIELD_MAX, description="户名.")]
    bank_name: Annotated[str, Meta(max_length=rules.BANK_FIELD_MAX, description="开户行.")]
    account_no: Annotated[
        str,
        Meta(
            max_length=rules.BANK_FIELD_MAX,
            description="账号 (masked in every answer but the agency's audited detail).",
        ),
    ]


class ClaimRequest(Struct, forbid_unknown_fields=True, kw_only=True):
    """补贴申领: the months and trainees to claim, the premiums paid, and the unit's bank account."""

    months: Annotated[list[str], Meta(max_length=MONTHS_MAX, description="Months `YYYY-MM`, each with 考勤.")]
    placement_ids: Annotated[list[str], Meta(max_length=PLACEMENTS_MAX, description="The trainees' placements.")]
    insurance: (
        Annotated[list[_InsuranceItem], Meta(max_length=PLACEMENTS_MAX, description="Premiums, optional.")] | None
    ) = None
    bank: _BankAccount


class ClaimApproval(Struct, forbid_unknown_fields=True, kw_only=True):
    comment: (
        Annotated[str, Meta(max_length=COMMENT_MAX, description="审核意见, optional.", extra={"cap": COMMENT_MAX})]
        | None
    ) = None


class ClaimRejection(Struct, forbid_unknown_fields=True, kw_only=True):
    reason: Annotated[
        str,
        Meta(
            min_length=1,
            max_length=COMMENT_MAX,
            description="审核不通过的原因 (422 `REQUIRED`).",
            extra={"cap": COMMENT_MAX},
        ),
    ]


class ObjectionRequest(Struct, forbid_unknown_fields=True, kw_only=True):
    """我要反映: who objects and why (no sign-in; at most five a day per phone)."""

    name: Annotated[
        str, Meta(max_length=rules.OBJECTION_NAME_MAX, description="姓名.", extra={"cap": rules.OBJECTION_NAME_MAX * 4})
    ]
    phone: Annotated[
        str, Meta(max_length=11, description="手机号码, 11 digits (422 `INVALID_PHONE`).", extra={"cap": 20})
    ]
    text: Annotated[
        str,
        Meta(
            min_length=5,
            max_length=rules.OBJECTION_TEXT_MAX,
            description="反映内容, 5–500 characters.",
            extra={"cap": rules.OBJECTION_TEXT_MAX * 4},
        ),
    ]


class ObjectionRuling(Struct, forbid_unknown_fields=True, kw_only=True):
    upheld: Annotated[bool, Meta(description="`true`: the objection holds, the claim goes back to review.")]
    note: (
        Annotated[str, Meta(max_length=COMMENT_MAX, description="处理意见, optional.", extra={"cap": COMMENT_MAX})]
        | None
    ) = None


class Disbursement(Struct, forbid_unknown_fields=True, kw_only=True):
    voucher_no: Annotated[str, Meta(min_length=1, max_length=40, description="拨付凭证号.", extra={"cap": 160})]
    paid_on: Annotated[datetime.date, day("拨付日期 (not after today, China time).")]


class ExportRequest(Struct, forbid_unknown_fields=True, kw_only=True):
    """花名册 export: placements of the caller's region (or one county in it) starting between two dates."""

    kind: Annotated[str, Meta(extra_json_schema={"enum": ["roster"]}, description="Only `roster` (花名册).")]
    county: Annotated[str, Meta(description="A county-level entry inside the caller's region; optional.")] | None = None
    date_from: Annotated[datetime.date, day("From this start date (inclusive).")]
    date_to: Annotated[datetime.date, day("To this start date (inclusive).")]


class ClockAdvance(Struct, forbid_unknown_fields=True, kw_only=True):
    advance_days: Annotated[int, Meta(description="Days to move the local clock forward (1–400; 422 beyond).")]
