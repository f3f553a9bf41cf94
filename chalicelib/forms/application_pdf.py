"""Printable 就业见习人员申请表 (A4 PDF) rendered from an application's detail view.

fpdf2 and segno are imported inside :func:`render_application_form` only: importing
this module (and so ``import app``) must not pay their ~0.2 s / ~20 MB at cold start.

Glyphs come from subsets of Noto Serif CJK SC (OFL-1.1) committed under ``fonts/``
(built by ``scripts/build_pdf_font.py``) and are embedded, subset again to the glyphs
actually used, so the PDF prints on machines without any Chinese font.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fpdf import FPDF

__all__ = ["render_application_form"]

CHINA_TZ = timezone(timedelta(hours=8))  # China has no DST: a fixed offset needs no tzdata

FONT_DIR = Path(__file__).resolve().parent / "fonts"
# GB 2312 (6763 hanzi) + ASCII/Latin-1/CJK punctuation: enough for nearly every form.
REGULAR_FONT = FONT_DIR / "NotoSerifCJKsc-Regular-GB2312.otf"
# Every other hanzi Noto Serif CJK SC has (rest of GBK, CJK Ext. A, part of Ext. B...):
# loaded only when the data needs it, as it costs ~0.4 s and ~30 MB to parse.
EXTENDED_FONT = FONT_DIR / "NotoSerifCJKsc-Regular-Ext.otf"
# Bold cut restricted to the fixed texts below (BOLD_TEXTS); anything else falls back.
BOLD_FONT = FONT_DIR / "NotoSerifCJKsc-Bold-Labels.otf"

TITLE = "就业见习人员申请表"
COPY_CAPTIONS = {True: "（内部审核件）", False: "（个人留存件）"}
SECTION_BASIC = "申请人基本信息"
SECTION_ATTACHMENTS = "附件材料"
SECTION_REVIEW = "审核情况"
ATTACHMENT_HEADINGS = ("序号", "材料类型", "文件名")
HISTORY_HEADINGS = ("时间", "状态", "办理人", "意见")
LABEL_STATUS = "当前状态"
# (label, view key) laid out as 4 columns; ``None`` as the second pair = value spans 3 cells.
BASIC_ROWS: tuple[tuple[tuple[str, str], tuple[str, str] | None], ...] = (
    (("姓名", "name"), ("性别", "gender_label")),
    (("出生日期", "birth_date"), ("联系电话", "phone")),
    (("公民身份号码", "id_number"), None),
    (("学历", "education_label"), ("毕业时间", "graduation_date")),
    (("毕业院校", "school"), None),
    (("所学专业", "major"), None),
    (("人员类别", "person_category_label"), None),
    (("业务办理属地", "locality_name"), None),
    (("联系地址", "address"), None),
    (("申请月份", "month"), ("提交时间", "submitted_at")),
)
ACTOR_LABELS = {"applicant": "申请人", "reviewer": "审核人员", "system": "系统"}
# Every text drawn in bold: the bold font file is subset to exactly these characters.
BOLD_TEXTS: tuple[str, ...] = (
    TITLE,
    *COPY_CAPTIONS.values(),
    SECTION_BASIC,
    SECTION_ATTACHMENTS,
    SECTION_REVIEW,
    *ATTACHMENT_HEADINGS,
    *HISTORY_HEADINGS,
    LABEL_STATUS,
    *(label for row in BASIC_ROWS for pair in row if pair for label in pair[:1]),
)

PAGE_MARGIN = 18.0  # mm
CONTENT_WIDTH = 210.0 - 2 * PAGE_MARGIN
QR_SIZE = 26.0  # mm, incl. the 4-module quiet zone; ~0.7 mm modules scan fine from paper
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")


def render_application_form(
    view: Mapping[str, Any],
    *,
    verification_url: str,
    generated_at: datetime,
    unmasked: bool,
) -> bytes:
    """Return the A4 PDF of the application form for ``view`` (the API detail body).

    ``id_number``/``phone`` are printed as given (masked or not); ``unmasked`` only picks
    the caption. A naive ``generated_at`` is taken as UTC; it is printed in China time.
    """
    from fpdf import FPDF
    from fpdf.enums import WrapMode

    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_margins(PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN)
    pdf.set_auto_page_break(auto=True, margin=PAGE_MARGIN)
    pdf.add_font("serif", "", REGULAR_FONT)
    pdf.add_font("serif", "B", BOLD_FONT)
    fallbacks = ["serif"]  # bold text missing a glyph falls back to the regular cut
    if any(ord(ch) not in pdf.fonts["serif"].cmap for ch in _all_text(view)):
        pdf.add_font("serifext", "", EXTENDED_FONT)
        fallbacks.append("serifext")
    pdf.set_fallback_fonts(fallbacks, exact_match=False)

    generated = _china_time(generated_at)
    application_id = _text(view.get("application_id"))
    pdf.set_title(f"{TITLE} {application_id}".strip())
    pdf.set_creator("山西就业见习服务")
    pdf.set_lang("zh-CN")
    pdf.set_creation_date(generated)  # deterministic output for identical input
    pdf.set_draw_color(0)
    pdf.set_line_width(0.3)

    footer_text = f"核验地址：{_text(verification_url)}"
    pdf.footer = lambda: _footer(pdf, footer_text)  # type: ignore[method-assign]
    pdf.alias_nb_pages()
    pdf.add_page()

    # Header: QR top right, title centred on the page, then id / generation time.
    qr_x = 210.0 - PAGE_MARGIN - QR_SIZE
    _draw_qr(pdf, verification_url, qr_x, 10.0, QR_SIZE)
    pdf.set_font("serif", size=7.5)
    pdf.set_xy(qr_x, 10.0 + QR_SIZE)
    pdf.cell(QR_SIZE, 3.5, "扫码核验真伪", align="C")
    pdf.set_font("serif", "B", 20)
    pdf.set_xy(PAGE_MARGIN, 17.0)
    pdf.cell(CONTENT_WIDTH, 11, TITLE, align="C")
    pdf.set_font("serif", "B", 11)
    pdf.set_xy(PAGE_MARGIN, 29.0)
    pdf.cell(CONTENT_WIDTH, 6, COPY_CAPTIONS[unmasked], align="C")
    pdf.set_font("serif", size=9.5)
    pdf.set_xy(PAGE_MARGIN, 41.0)
    pdf.cell(CONTENT_WIDTH / 2, 6, f"申请编号：{application_id}")
    pdf.cell(CONTENT_WIDTH / 2, 6, f"生成时间：{generated:%Y-%m-%d %H:%M:%S}（北京时间）", align="R")
    pdf.set_y(48.0)

    table_options: dict[str, Any] = {
        "width": CONTENT_WIDTH,
        "first_row_as_headings": False,
        "text_align": "LEFT",
        "v_align": "MIDDLE",
        "wrapmode": WrapMode.CHAR,  # Chinese has no spaces to break at
        "line_height": 5.2,
        "padding": (1.6, 2.0),
        "min_row_height": 9.0,
    }
    _basic_section(pdf, view, table_options)
    _attachments_section(pdf, view, table_options)
    _review_section(pdf, view, table_options)
    return bytes(pdf.output())


def _basic_section(pdf: FPDF, view: Mapping[str, Any], options: dict[str, Any]) -> None:
    label_style, _ = _styles()
    pdf.set_font("serif", size=10.5)
    with pdf.table(col_widths=(30, 57, 30, 57), **options) as table:
        _section_row(table, SECTION_BASIC, colspan=4)
        for (label, key), second in BASIC_ROWS:
            row = table.row()
            row.cell(label, align="C", style=label_style)
            row.cell(_field(view, key), colspan=1 if second else 3)
            if second:
                row.cell(second[0], align="C", style=label_style)
                row.cell(_field(view, second[1]))


def _attachments_section(pdf: FPDF, view: Mapping[str, Any], options: dict[str, Any]) -> None:
    label_style, _ = _styles()
    attachments = [a for a in _items(view.get("attachments"))]
    with pdf.table(col_widths=(30, 57, 87), **options) as table:
        _section_row(table, SECTION_ATTACHMENTS, colspan=3)
        row = table.row()
        for heading in ATTACHMENT_HEADINGS:
            row.cell(heading, align="C", style=label_style)
        for number, item in enumerate(attachments, start=1):
            row = table.row()
            row.cell(str(number), align="C")
            row.cell(_text(item.get("kind_label") or item.get("kind")), align="C")
            row.cell(_text(item.get("filename")))
        if not attachments:
            table.row().cell("无", colspan=3, align="C")


def _review_section(pdf: FPDF, view: Mapping[str, Any], options: dict[str, Any]) -> None:
    label_style, _ = _styles()
    history = _items(view.get("history"))
    with pdf.table(col_widths=(38, 24, 25, 87), **options) as table:
        _section_row(table, SECTION_REVIEW, colspan=4)
        row = table.row()
        row.cell(LABEL_STATUS, align="C", style=label_style)
        row.cell(_text(view.get("status_label") or view.get("status")), colspan=3)
        row = table.row()
        for heading in HISTORY_HEADINGS:
            row.cell(heading, align="C", style=label_style)
        for entry in history:
            actor = _text(entry.get("actor_label") or entry.get("actor"))
            row = table.row()
            row.cell(_timestamp(entry.get("at")), align="C")
            row.cell(_text(entry.get("status_label") or entry.get("status")), align="C")
            row.cell(ACTOR_LABELS.get(actor, actor), align="C")
            row.cell(_text(entry.get("comment")))
        if not history:
            table.row().cell("无", colspan=4, align="C")


def _styles() -> tuple[Any, Any]:
    from fpdf.fonts import FontFace

    label = FontFace(family="serif", emphasis="BOLD")
    section = FontFace(family="serif", emphasis="BOLD", fill_color=(230, 230, 230))
    return label, section


def _section_row(table: Any, title: str, *, colspan: int) -> None:
    _, section_style = _styles()
    table.row().cell(title, colspan=colspan, align="C", style=section_style)


def _footer(pdf: FPDF, text: str) -> None:
    pdf.set_y(-12.0)
    pdf.set_font("serif", size=7.5)
    pdf.cell(CONTENT_WIDTH * 0.8, 5, text[:160])
    pdf.cell(CONTENT_WIDTH * 0.2, 5, f"第 {pdf.page_no()} 页 / 共 {{nb}} 页", align="R")


def _draw_qr(pdf: FPDF, payload: str, x: float, y: float, size: float) -> None:
    """Draw the QR code as vector squares (crisp at any zoom, no raster image needed)."""
    import segno
    from fpdf.drawing import DeviceGray
    from fpdf.enums import PathPaintRule

    # "M" (15 % recovery) survives smudged prints; boost_error raises it when free.
    matrix = segno.make_qr(payload, error="m", boost_error=True).matrix
    quiet = 4  # the quiet zone the QR spec requires around the symbol
    module = size / (len(matrix) + 2 * quiet)
    # One filled path for all modules, so viewers show no hairline seams between them.
    with pdf.new_path(paint_rule=PathPaintRule.FILL_NONZERO) as path:
        path.style.fill_color = DeviceGray(0)
        path.style.stroke_color = None
        for r, line in enumerate(matrix):
            c = 0
            while c < len(line):
                if not line[c]:
                    c += 1
                    continue
                start = c
                while c < len(line) and line[c]:
                    c += 1
                path.rectangle(
                    x + (quiet + start) * module,
                    y + (quiet + r) * module,
                    (c - start) * module,
                    module,
                )


def _all_text(view: Mapping[str, Any]) -> Iterable[str]:
    """Every character the form may print from ``view`` (to decide on the extended font)."""
    for value in view.values():
        if isinstance(value, str):
            yield from value
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, Mapping):
                    for inner in item.values():
                        if isinstance(inner, str):
                            yield from inner


def _items(value: Any) -> list[Mapping[str, Any]]:
    if not isinstance(value, Sequence) or isinstance(value, str):
        return []
    return [item for item in value if isinstance(item, Mapping)]


def _field(view: Mapping[str, Any], key: str) -> str:
    if key == "submitted_at":
        return _timestamp(view.get(key))
    if key == "gender_label":
        return _text(view.get(key) or view.get("gender"))
    if key == "education_label":
        return _text(view.get(key) or view.get("education"))
    if key == "person_category_label":
        return _text(view.get(key) or view.get("person_category"))
    if key == "locality_name":
        return _text(view.get(key) or view.get("locality"))
    return _text(view.get(key))


def _text(value: Any) -> str:
    if value is None:
        return ""
    return _CONTROL_CHARS.sub("", str(value)).strip()


def _timestamp(value: Any) -> str:
    """ISO 8601 → ``YYYY-MM-DD HH:MM`` China time; anything unparsable is shown as is."""
    text = _text(value)
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return text
    return f"{_china_time(parsed):%Y-%m-%d %H:%M}"


def _china_time(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(CHINA_TZ)
