"""The 补贴表 (one claim) and the 花名册 (a region's trainees) as real XLSX, with the headers the agencies use.

Both are written with openpyxl's write_only mode: rows go to the file as they come, so a 花名册 of 10,000 trainees
holds one page of placements in memory, never the whole sheet. openpyxl is imported here only, on the routes and
the job that need it, never at cold start.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any, Final

from chalicelib.domain import subsidies as rules
from chalicelib.domain.masks import mask_id_number
from chalicelib.domain.placements import PlacementRecord
from chalicelib.domain.subsidies import ClaimRecord
from chalicelib.domain.vocabulary import EDUCATION_LABELS

XLSX: Final = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TABLE_HEADERS: Final = (
    "序号",
    "姓名",
    "身份证号",
    "补贴类别",
    "月份",
    "补贴标准（元/月）",
    "应出勤天数",
    "实际出勤天数",
    "保单号",
    "补贴金额（元）",
)
ROSTER_HEADERS: Final = (
    "序号",
    "姓名",
    "性别",
    "身份证号",
    "学历",
    "毕业院校",
    "专业",
    "见习单位",
    "见习岗位",
    "见习起止时间",
    "联系电话",
)
_KIND_LABELS: Final = {rules.MONTH_LINE: "见习补贴", rules.PREMIUM_LINE: "人身意外伤害保险费补贴"}


def _workbook() -> Any:
    from openpyxl import Workbook

    return Workbook(write_only=True)


def claim_table(claim: ClaimRecord) -> bytes:
    """补贴表: a line per trainee and month and per premium, then the total; ID numbers masked (it is published)."""
    book = _workbook()
    sheet = book.create_sheet("补贴表")
    sheet.append([f"{claim.org_name}就业见习补贴表"])
    sheet.append([f"统一社会信用代码：{claim.credit_code}", f"申领月份：{'、'.join(claim.months)}"])
    sheet.append(list(TABLE_HEADERS))
    for number, line in enumerate(claim.lines, start=1):
        sheet.append(
            [
                number,
                line.trainee_name,
                mask_id_number(line.trainee_id_number),
                _KIND_LABELS[line.kind],
                line.month or "",
                float(line.rate_yuan) if line.rate_yuan is not None else None,
                line.days_due,
                line.days_present,
                line.policy_no or "",
                float(line.amount_yuan),
            ]
        )
    sheet.append(["合计", "", "", "", "", None, None, None, "", float(claim.total_yuan)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def gender(id_number: str) -> str:
    """GB 11643: the 17th character is odd for a man, even for a woman."""
    digit = id_number[16:17]
    return ("男" if int(digit) % 2 else "女") if digit.isdigit() else ""


def _period(placement: PlacementRecord) -> str:
    last = placement.ended_on or placement.end_date
    start = placement.start_date.isoformat() if placement.start_date else ""
    return f"{start}至{last.isoformat() if last else ''}"


def roster_row(number: int, placement: PlacementRecord) -> list[Any]:
    """A trainee as the 花名册 lists them: the ID number and phone unmasked (this file is the audited export)."""
    return [
        number,
        placement.trainee_name,
        gender(placement.trainee_id_number),
        placement.trainee_id_number,
        EDUCATION_LABELS.get(placement.trainee_education, placement.trainee_education),
        placement.trainee_school,
        placement.trainee_major,
        placement.org_name,
        placement.position_title,
        _period(placement),
        placement.trainee_phone,
    ]


def write_roster(placements: Iterable[PlacementRecord], target: Path | IO[bytes], title: str) -> int:
    """Stream the 花名册 to `target` (a file: the job writes a temporary file, then uploads it); the rows written."""
    book = _workbook()
    sheet = book.create_sheet("花名册")
    sheet.append([title])
    sheet.append(list(ROSTER_HEADERS))
    written = 0
    for placement in placements:
        written += 1
        sheet.append(roster_row(written, placement))
    book.save(target)
    return written
