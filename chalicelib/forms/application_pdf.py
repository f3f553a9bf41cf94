"""Printable 就业见习人员申请表 (A4 PDF) rendered from an application's detail view.

fpdf2 and segno are imported inside the functions that draw: importing this module (and so
``import app``) must not pay their ~0.2 s and ~45 MB at cold start.

Glyphs come from subsets of Noto Serif CJK SC (SIL OFL 1.1) committed under ``fonts/`` (built by
``scripts/build_pdf_font.py``) and are embedded, subset again to the glyphs used, so the PDF
prints on machines without any Chinese font.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fpdf import FPDF
    from fpdf.fonts import FontFace

__all__ = ["render_application_form"]

CHINA_TZ = timezone(timedelta(hours=8))  # China has no DST: a fixed offset needs no tzdata

FONT_DIR = Path(__file__).resolve().parent / "fonts"
# GB 2312 (all 6763 hanzi) + ASCII, Latin-1 and CJK punctuation: what nearly every form needs.
REGULAR_FONT = FONT_DIR / "NotoSerifCJKsc-Regular-GB2312.ttf"
# Every other hanzi of Noto Serif CJK SC (rest of GBK, Ext. A, part of Ext. B): parsed only when
# the data needs it, since it costs ~0.15 s and ~30 MB more.
EXTENDED_FONT = FONT_DIR / "NotoSerifCJKsc-Regular-Ext.ttf"
# The bold cut holds only the characters of BOLD_TEXTS; anything else falls back to regular.
BOLD_FONT = FONT_DIR / "NotoSerifCJKsc-Bold-Labels.ttf"

TITLE = "就业见习人员申请表"
COPY_CAPTIONS = {True: "（内部审核件）", False: "（个人留存件）"}
SECTION_BASIC = "申请人基本信息"
SECTION_ATTACHMENTS = "附件材料"
SECTION_REVIEW = "审核情况"
ATTACHMENT_HEADINGS = ("序号", "材料类型", "文件名")
HISTORY_HEADINGS = ("时间", "状态", "办理人", "意见")
LABEL_STATUS = "当前状态"
# Rows of (label, view key) pairs in 4 columns; a row with one pair lets its value span 3 cells.
BASIC_ROWS: tuple[tuple[tuple[str, str], ...], ...] = (
    (("姓名", "name"), ("性别", "gender_label")),
    (("出生日期", "birth_date"), ("联系电话", "phone")),
    (("公民身份号码", "id_number"),),
    (("学历", "education_label"), ("毕业时间", "graduation_date")),
    (("毕业院校", "school"),),
    (("所学专业", "major"),),
    (("人员类别", "person_category_label"),),
    (("业务办理属地", "locality_name"),),
    (("联系地址", "address"),),
    (("申请月份", "month"), ("提交时间", "submitted_at")),
)
# A *_label missing from the view falls back to the raw value rather than an empty cell.
RAW_FALLBACK = {
    "gender_label": "gender",
    "education_label": "education",
    "person_category_label": "person_category",
    "locality_name": "locality",
}
ACTOR_LABELS = {"applicant": "申请人", "reviewer": "审核人员", "system": "系统"}
# Everything drawn in bold: BOLD_FONT is subset to these characters (a test checks it).
BOLD_TEXTS: tuple[str, ...] = (
    TITLE,
    *COPY_CAPTIONS.values(),
    SECTION_BASIC,
    SECTION_ATTACHMENTS,
    SECTION_REVIEW,
    *ATTACHMENT_HEADINGS,
    *HISTORY_HEADINGS,
    LABEL_STATUS,
    *(label for row in BASIC_ROWS for label, _ in row),
)

QR_SIZE = 26.0  # mm incl. the quiet zone: ~0.5 mm modules for a ~100-character URL, fine for phones
_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")


# fontTools' subsetter logs at INFO every glyph it keeps: the applicant's name, character by character. fpdf2
# logs at DEBUG what it embeds. Neither line is masked by our logger (they are not ours), so neither is written.
_NOISY_LOGGERS = ("fontTools", "fpdf")


def quiet_font_libraries() -> None:
    for name in _NOISY_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)


def render_application_form(
    view: Mapping[str, Any],
    *,
    verification_url: str,
    generated_at: datetime,
    unmasked: bool,
) -> bytes:
    """Return the A4 PDF of the application form for ``view`` (the API's detail body).

    ``id_number`` and ``phone`` are printed as given, masked or not; ``unmasked`` only picks the
    caption. ``generated_at`` is printed in China time (a naive value is taken as UTC).
    """
    from fpdf.fonts import FontFace

    from chalicelib.forms._document import CONTENT_WIDTH, MARGIN

    application_id = _text(view.get("application_id"))
    pdf = start_form(
        f"{TITLE} {application_id}".strip(),
        running_header=f"{TITLE}（续）  申请编号：{application_id}",
        verification_url=verification_url,
        generated_at=generated_at,
        texts=_strings(view),
        bold=True,
    )
    generated = _china_time(generated_at)
    pdf.set_font("serif", "B", 20)
    pdf.set_xy(MARGIN, 17.0)
    pdf.cell(CONTENT_WIDTH, 11, TITLE, align="C")
    pdf.set_font("serif", "B", 11)
    pdf.set_xy(MARGIN, 29.0)
    pdf.cell(CONTENT_WIDTH, 6, COPY_CAPTIONS[unmasked], align="C")
    pdf.set_font("serif", size=9.5)
    pdf.set_xy(MARGIN, 41.0)
    pdf.cell(CONTENT_WIDTH / 2, 6, f"申请编号：{application_id}")
    pdf.cell(CONTENT_WIDTH / 2, 6, f"生成时间：{generated:%Y-%m-%d %H:%M:%S}（北京时间）", align="R")
    pdf.set_y(48.0)

    pdf.set_font("serif", size=10.5)
    label = FontFace(family="serif", emphasis="BOLD")
    section = FontFace(family="serif", emphasis="BOLD", fill_color=(230, 230, 230))
    _basic_table(pdf, view, label, section)
    _attachment_table(pdf, view, label, section)
    _review_table(pdf, view, label, section)
    return bytes(pdf.output())


def start_form(
    pdf_title: str,
    *,
    running_header: str,
    verification_url: str,
    generated_at: datetime,
    texts: Iterable[str],
    bold: bool = False,
) -> FPDF:
    """A printable's first page up to its title: the fonts (the extended cut only when a text needs it; the
    bold cut when asked), the document's metadata (same input, same bytes) and the QR code of its public
    verification in the top right corner with its caption."""
    from chalicelib.forms._document import CONTENT_WIDTH, MARGIN, FormDocument

    quiet_font_libraries()
    pdf = FormDocument(running_header=running_header, footer=f"核验地址：{_text(verification_url)}")
    pdf.add_font("serif", "", REGULAR_FONT)
    if bold:
        pdf.add_font("serif", "B", BOLD_FONT)
    fallbacks = ["serif"]  # bold text with a character outside BOLD_TEXTS uses the regular cut
    regular_cmap: Mapping[int, Any] = getattr(pdf.fonts["serif"], "cmap", {})
    if any(ord(char) not in regular_cmap and not char.isspace() for text in texts for char in text):
        pdf.add_font("serifext", "", EXTENDED_FONT)
        fallbacks.append("serifext")
    pdf.set_fallback_fonts(fallbacks, exact_match=False)
    pdf.set_title(pdf_title)
    pdf.set_lang("zh-CN")
    pdf.set_creation_date(_china_time(generated_at))  # same input, same bytes
    pdf.set_line_width(0.3)
    pdf.add_page()
    qr_x = MARGIN + CONTENT_WIDTH - QR_SIZE
    _draw_qr(pdf, verification_url, qr_x, 10.0, QR_SIZE)
    pdf.set_font("serif", size=7.5)
    pdf.set_xy(qr_x, 10.0 + QR_SIZE)
    pdf.cell(QR_SIZE, 3.5, "扫码核验真伪", align="C")
    return pdf


def _table(pdf: FPDF, col_widths: tuple[float, ...], label: FontFace, heading_rows: int) -> Any:
    from fpdf.enums import WrapMode

    return pdf.table(
        col_widths=col_widths,
        num_heading_rows=heading_rows,  # heading rows are repeated after a page break
        headings_style=label,
        text_align="LEFT",
        v_align="MIDDLE",
        wrapmode=WrapMode.CHAR,  # Chinese has no spaces to break lines at
        line_height=5.2,
        padding=(1.6, 2.0),
        min_row_height=9.0,
    )


def _section(table: Any, title: str, columns: int, style: FontFace, headings: tuple[str, ...] = ()) -> None:
    table.row().cell(title, colspan=columns, align="C", style=style)
    if headings:
        row = table.row()
        for heading in headings:
            row.cell(heading, align="C")


def _basic_table(pdf: FPDF, view: Mapping[str, Any], label: FontFace, section: FontFace) -> None:
    with _table(pdf, (30, 57, 30, 57), label, heading_rows=1) as table:
        _section(table, SECTION_BASIC, 4, section)
        for pairs in BASIC_ROWS:
            row = table.row()
            for text, key in pairs:
                row.cell(text, align="C", style=label)
                row.cell(_field(view, key), colspan=1 if len(pairs) > 1 else 3)


def _attachment_table(pdf: FPDF, view: Mapping[str, Any], label: FontFace, section: FontFace) -> None:
    attachments = _items(view.get("attachments"))
    with _table(pdf, (30, 57, 87), label, heading_rows=2) as table:
        _section(table, SECTION_ATTACHMENTS, 3, section, ATTACHMENT_HEADINGS)
        for number, item in enumerate(attachments, start=1):
            row = table.row()
            row.cell(str(number), align="C")
            row.cell(_text(item.get("kind_label") or item.get("kind")), align="C")
            row.cell(_text(item.get("filename")))
        if not attachments:
            table.row().cell("无", colspan=3, align="C")


def _review_table(pdf: FPDF, view: Mapping[str, Any], label: FontFace, section: FontFace) -> None:
    with _table(pdf, (38, 24, 25, 87), label, heading_rows=2) as table:
        _section(table, SECTION_REVIEW, 4, section, HISTORY_HEADINGS)
        for entry in _items(view.get("history")):
            actor = _text(entry.get("actor_label") or entry.get("actor"))
            row = table.row()
            row.cell(_timestamp(entry.get("at")), align="C")
            row.cell(_text(entry.get("status_label") or entry.get("status")), align="C")
            row.cell(ACTOR_LABELS.get(actor, actor), align="C")
            row.cell(_text(entry.get("comment")))
        # The history leads up to the current status, so it closes the table.
        row = table.row()
        row.cell(LABEL_STATUS, align="C", style=label)
        row.cell(_text(view.get("status_label") or view.get("status")), colspan=3)


def _draw_qr(pdf: FPDF, payload: str, x: float, y: float, size: float) -> None:
    """Draw the QR code as vector squares: crisp at any zoom and no raster image to encode."""
    import segno
    from fpdf.enums import PathPaintRule

    # Level M (15 %) survives a smudged print; boost_error raises it when it fits in the same size.
    matrix = segno.make_qr(payload, error="m", boost_error=True).matrix
    quiet = 4  # modules of blank margin, required by the QR spec around the symbol
    module = size / (len(matrix) + 2 * quiet)
    # A single filled path for all modules: viewers draw no hairline seams between adjacent squares.
    with pdf.new_path(paint_rule=PathPaintRule.FILL_NONZERO) as path:
        path.style.fill_color = "#000000"
        for r, line in enumerate(matrix):
            c = 0
            while c < len(line):
                start = c
                while c < len(line) and line[c]:
                    c += 1
                if c > start:  # one rectangle per horizontal run of dark modules
                    path.rectangle(x + (quiet + start) * module, y + (quiet + r) * module, (c - start) * module, module)
                else:
                    c += 1


def _strings(view: Mapping[str, Any]) -> Iterator[str]:
    """Every character of ``view`` the form may print (decides whether to load the big font)."""
    for value in view.values():
        if isinstance(value, str):
            yield from value
        for item in _items(value):
            for inner in item.values():
                if isinstance(inner, str):
                    yield from inner


def _items(value: Any) -> list[Mapping[str, Any]]:
    if not isinstance(value, list | tuple):
        return []
    return [item for item in value if isinstance(item, Mapping)]


def _field(view: Mapping[str, Any], key: str) -> str:
    if key == "submitted_at":
        return _timestamp(view.get(key))
    value = view.get(key)
    if not value and key in RAW_FALLBACK:
        value = view.get(RAW_FALLBACK[key])
    return _text(value)


def _text(value: Any) -> str:
    """``str`` without control/bidi characters, which could garble or hide text in the PDF."""
    return "" if value is None else _INVISIBLE.sub("", str(value).replace("\t", " ")).strip()


def _timestamp(value: Any) -> str:
    """ISO 8601 → ``YYYY-MM-DD HH:MM`` in China time; anything unparsable is printed as is."""
    text = _text(value)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    return f"{_china_time(moment):%Y-%m-%d %H:%M}"


def _china_time(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(CHINA_TZ)
