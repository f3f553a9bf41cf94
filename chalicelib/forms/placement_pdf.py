"""The placement's printables (A4 PDF): the two-party 就业见习协议书 and the 见习证明, each with the QR code of
its public verification. Drawn with the application form's fonts, QR code and page (forms/application_pdf.py);
fpdf2 and segno are imported only when one is drawn, never at cold start."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Final

from chalicelib.forms.application_pdf import _china_time, start_form

if TYPE_CHECKING:
    from fpdf import FPDF

AGREEMENT_TITLE: Final = "就业见习协议书"
CERTIFICATE_TITLE: Final = "就业见习证明"
# The two parties' duties, in the words of the agreements the issue found (无锡, 北京): what the unit and the
# trainee each undertake, and the basis. The allowance and the insurance are the unit's, the subsidy the state's.
UNIT_DUTIES: Final = (
    "按本协议约定的岗位、期限安排乙方参加见习，指定带教人进行指导，不得安排乙方从事与见习岗位无关或有危险的工作；",
    "按月足额向乙方支付见习期间基本生活补助，标准不低于当地最低工资标准；",
    "为乙方办理见习期间的人身意外伤害保险，保险费用由甲方承担；",
    "做好见习管理和考核，见习期满后出具考核鉴定意见，对考核合格的见习人员优先留用。",
)
TRAINEE_DUTIES: Final = (
    "遵守国家法律法规和甲方的规章制度，服从甲方的见习安排和带教人的指导；",
    "按时参加见习，爱护甲方财物，保守甲方的商业秘密；",
    "提前结束见习的，应提前告知甲方并办理离岗手续。",
)
BASIS: Final = (
    "本协议依据国家和山西省关于就业见习工作的有关规定签订。见习期限为3至12个月，见习期间甲乙双方不建立劳动关系。"
    "本协议一式两份，甲乙双方各执一份，乙方在山西省人社公共服务平台确认后生效，可扫描二维码核验。"
)

SIGNATURES: Final = "甲方（盖章）：                    乙方（签字）：                    日期："

Row = tuple[str, str]


def _document(
    title: str, placement_id: str, verification_url: str, generated_at: datetime, texts: Sequence[str]
) -> FPDF:
    from chalicelib.forms._document import CONTENT_WIDTH, MARGIN

    pdf = start_form(
        f"{title} {placement_id}",
        running_header=f"{title}（续）  编号：{placement_id}",
        verification_url=verification_url,
        generated_at=generated_at,
        texts=texts,
    )
    generated = _china_time(generated_at)
    pdf.set_font("serif", size=20)
    pdf.set_xy(MARGIN, 17.0)
    pdf.cell(CONTENT_WIDTH, 11, title, align="C")
    pdf.set_font("serif", size=9.5)
    pdf.set_xy(MARGIN, 41.0)
    pdf.cell(CONTENT_WIDTH / 2, 6, f"编号：{placement_id}")
    pdf.cell(CONTENT_WIDTH / 2, 6, f"生成时间：{generated:%Y-%m-%d %H:%M:%S}（北京时间）", align="R")
    pdf.set_y(50.0)
    return pdf


def _rows(pdf: FPDF, rows: Sequence[Row]) -> None:
    from chalicelib.forms._document import CONTENT_WIDTH

    pdf.set_font("serif", size=10.5)
    with pdf.table(col_widths=(0.28 * CONTENT_WIDTH, 0.72 * CONTENT_WIDTH), first_row_as_headings=False) as table:
        for label, value in rows:
            row = table.row()
            row.cell(label)
            row.cell(value or "—")
    pdf.ln(3)


def _paragraphs(pdf: FPDF, heading: str, items: Sequence[str]) -> None:
    from chalicelib.forms._document import CONTENT_WIDTH

    pdf.set_font("serif", size=11.5)
    pdf.multi_cell(CONTENT_WIDTH, 7, heading, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("serif", size=10.5)
    for number, item in enumerate(items, start=1):
        pdf.multi_cell(CONTENT_WIDTH, 6, f"{number}．{item}" if len(items) > 1 else item, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def render_agreement(
    *,
    placement_id: str,
    unit: Sequence[Row],
    trainee: Sequence[Row],
    terms: Sequence[Row],
    signed: str,
    verification_url: str,
    generated_at: datetime,
) -> bytes:
    """The two-party agreement: 甲方 (the unit) and 乙方 (the trainee) as given, the terms, both sides' duties,
    the basis, and `signed` (whether and when the trainee confirmed it)."""
    texts = [value for rows in (unit, trainee, terms) for _, value in rows] + [signed]
    pdf = _document(AGREEMENT_TITLE, placement_id, verification_url, generated_at, texts)
    _paragraphs(pdf, "甲方（见习单位）", ())
    _rows(pdf, unit)
    _paragraphs(pdf, "乙方（见习人员）", ())
    _rows(pdf, trainee)
    _paragraphs(pdf, "见习岗位、期限与待遇", ())
    _rows(pdf, terms)
    _paragraphs(pdf, "甲方的责任", UNIT_DUTIES)
    _paragraphs(pdf, "乙方的责任", TRAINEE_DUTIES)
    _paragraphs(pdf, "其他", (BASIS,))
    _paragraphs(pdf, "签订情况", (signed,))
    _paragraphs(pdf, SIGNATURES, ())
    return bytes(pdf.output())


def render_certificate(
    *, placement_id: str, statement: str, rows: Sequence[Row], verification_url: str, generated_at: datetime
) -> bytes:
    pdf = _document(CERTIFICATE_TITLE, placement_id, verification_url, generated_at, [statement, *(v for _, v in rows)])
    _paragraphs(pdf, statement, ())
    _rows(pdf, rows)
    _paragraphs(pdf, "特此证明。", ())
    return bytes(pdf.output())
