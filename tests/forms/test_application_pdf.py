# mypy: disable-error-code="import-untyped"
"""The printable application form: real text extraction, embedded fonts, a decodable QR code, pixels.

Needs poppler-utils (pdftotext, pdffonts, pdftoppm) and zbar-tools (zbarimg) from Debian; only
the tests that need poppler skip when it is missing.
"""

from __future__ import annotations

import copy
import io
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from chalicelib.forms.application_pdf import (
    BOLD_FONT,
    BOLD_TEXTS,
    EXTENDED_FONT,
    REGULAR_FONT,
    render_application_form,
)
from scripts.factories import MASKED_ID
from scripts.factories import PRINTED_FORM_VIEW as VIEW

ROOT = Path(__file__).resolve().parents[2]
URL = "https://ggfw.rst.shanxi.gov.cn/internship/v/01JD2Z3K8Q4W5E6R7T8Y9U0I1O?sig=Zm9vYmFyYmF6"
GENERATED_AT = datetime(2026, 11, 27, 2, 0, 5, tzinfo=UTC)  # 10:00:05 in Beijing
FULL_ID = "14010520030517123X"
LABELS = (
    "就业见习人员申请表",
    "姓名",
    "性别",
    "出生日期",
    "公民身份号码",
    "联系电话",
    "学历",
    "毕业院校",
    "所学专业",
    "毕业时间",
    "人员类别",
    "业务办理属地",
    "联系地址",
    "附件材料",
    "审核情况",
    "当前状态",
    "生成时间",
)
DATA = (
    "张三",
    "男",
    "2003-05-17",
    "138****5678",
    "本科",
    "山西大学",
    "计算机科学与技术",
    "2026-06-30",
    "离校2年内未就业高校毕业生",
    "太原市小店区",
    "太原市小店区坞城路92号",
    "身份证.pdf",
    "毕业证书",
    "毕业证扫描件.jpg",
    "审核通过",
    "未审核",
    "材料齐全",
    "01JD2Z3K8Q4W5E6R7T8Y9U0I1O",
    "2026-11-26 22:17",  # history times in China time,
    "2026-11-27 09:01",  # including one given in UTC
    "2026-11-27 10:00:05",  # generation time in China time
    "个人留存件",
)


def render(view: dict[str, Any] | None = None, *, unmasked: bool = False) -> bytes:
    return render_application_form(
        VIEW if view is None else view, verification_url=URL, generated_at=GENERATED_AT, unmasked=unmasked
    )


@pytest.fixture(scope="module")
def pdf_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("form") / "form.pdf"
    path.write_bytes(render())
    return path


@pytest.fixture(scope="module")
def poppler() -> None:
    missing = [tool for tool in ("pdftotext", "pdffonts", "pdftoppm") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"poppler-utils not installed (missing {', '.join(missing)}): apt-get install poppler-utils")


def run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True, timeout=60).stdout


def pypdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def squeeze(text: str) -> str:
    """Extractors may put spaces between CJK glyphs or split cells; compare without whitespace."""
    return "".join(text.split())


def test_is_an_a4_portrait_pdf() -> None:
    reader = PdfReader(io.BytesIO(render()))
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)
    assert reader.metadata is not None and "就业见习人员申请表" in str(reader.metadata.title)


def test_pypdf_extracts_labels_and_data() -> None:
    text = squeeze(pypdf_text(render()))
    for expected in LABELS + DATA:
        assert squeeze(expected) in text, expected
    assert MASKED_ID in text


def test_pdftotext_extracts_labels_and_data(poppler: None, pdf_path: Path) -> None:
    text = squeeze(run("pdftotext", "-enc", "UTF-8", str(pdf_path), "-"))
    for expected in LABELS + DATA:
        assert squeeze(expected) in text, expected


def test_masked_view_shows_only_the_masked_numbers(poppler: None, pdf_path: Path) -> None:
    text = run("pdftotext", "-enc", "UTF-8", str(pdf_path), "-")
    assert MASKED_ID in text
    assert FULL_ID not in squeeze(text)
    assert "138****5678" in text
    assert "内部审核件" not in text


def test_unmasked_view_prints_the_full_numbers_and_the_internal_caption() -> None:
    view = {**VIEW, "id_number": FULL_ID, "phone": "13812345678"}
    text = squeeze(pypdf_text(render(view, unmasked=True)))
    assert FULL_ID in text
    assert "13812345678" in text
    assert "内部审核件" in text
    assert "个人留存件" not in text


def test_fonts_are_embedded_subsets(poppler: None, pdf_path: Path) -> None:
    rows = run("pdffonts", str(pdf_path)).splitlines()[2:]
    assert rows, "no fonts listed"
    for row in rows:
        name, *_, emb, sub, uni, _obj, _gen = row.split()
        assert "NotoSerifCJKSC" in name, row  # no fallback to a viewer-supplied font
        assert (emb, sub, uni) == ("yes", "yes", "yes"), row
    # Subset on output: the whole PDF is far smaller than the 2.6 MB font file.
    assert pdf_path.stat().st_size < 150_000


def test_page_renders_with_dark_pixels_and_the_qr_decodes(poppler: None, pdf_path: Path) -> None:
    from PIL import Image

    png = pdf_path.with_name("page-1.png")
    run("pdftoppm", "-r", "150", "-f", "1", "-l", "1", "-singlefile", "-png", str(pdf_path), str(png)[:-4])
    with Image.open(png) as image:
        assert image.size in {(1240, 1754), (1241, 1754)}  # A4 at 150 dpi, rounded either way
        histogram = image.convert("L").histogram()
    dark = sum(histogram[:128]) / sum(histogram)
    assert 0.02 < dark < 0.5, f"page 1 looks blank or black: {dark:.1%} dark pixels"

    zbarimg = shutil.which("zbarimg")
    assert zbarimg, "zbarimg not installed: apt-get install zbar-tools"
    decoded = subprocess.run(
        [zbarimg, "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(png)],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    assert decoded.strip().splitlines() == [URL]


def test_rare_name_characters_use_the_extended_font(caplog: pytest.LogCaptureFixture) -> None:
    # 䶮 (CJK Ext. A) and 喆/堃/赟 (GBK, not GB 2312) are real given names.
    view = {**VIEW, "name": "刘䶮", "address": "太原市迎泽区喆堃赟路1号"}
    with caplog.at_level("WARNING"):
        data = render(view)
    assert not [r for r in caplog.records if "missing" in r.getMessage()], caplog.text
    text = squeeze(pypdf_text(data))
    assert "刘䶮" in text
    assert "喆堃赟" in text
    assert b"NotoSerifCJKSCExt" in data


def test_common_text_does_not_load_the_extended_font(caplog: pytest.LogCaptureFixture) -> None:
    view = copy.deepcopy(VIEW)
    view["history"][1]["comment"] = "材料齐全，\n请于12月1日前\t报到。"  # line breaks are not glyphs
    with caplog.at_level("WARNING"):
        data = render(view)
    assert b"NotoSerifCJKSCExt" not in data
    assert "请于12月1日前报到" in squeeze(pypdf_text(data))
    assert not [r for r in caplog.records if "missing" in r.getMessage()], caplog.text


def test_long_history_flows_onto_further_pages_with_repeated_headings() -> None:
    view = copy.deepcopy(VIEW)
    view["history"] = [
        {**VIEW["history"][1], "comment": f"第{number}次补正：身份证照片模糊，请重新上传清晰的正反面扫描件。"}
        for number in range(1, 41)
    ]
    reader = PdfReader(io.BytesIO(render(view)))
    assert len(reader.pages) >= 2
    second = squeeze(reader.pages[1].extract_text())
    assert "就业见习人员申请表（续）" in second
    assert "意见" in second  # the history headings repeat
    assert "第40次补正" in squeeze(reader.pages[-1].extract_text())
    assert f"第1页/共{len(reader.pages)}页" in squeeze(reader.pages[0].extract_text())


def test_sparse_or_odd_view_does_not_crash() -> None:
    view: dict[str, Any] = {
        "application_id": "01JD2Z3K8Q4W5E6R7T8Y9U0I1O",
        "status": "pending",
        "name": "王\x00五\u202e",  # control and bidi characters are dropped
        "gender": "female",
        "history": [{"status": "pending", "at": "not a date", "actor": "applicant", "comment": None}],
        "attachments": None,
        "address": None,
    }
    text = squeeze(pypdf_text(render(view)))
    assert "王五" in text
    assert "female" in text  # raw value when no *_label
    assert "notadate" in text
    assert "无" in text  # no attachments


def test_output_is_deterministic() -> None:
    assert render() == render()


def test_bold_font_covers_every_bold_text() -> None:
    from fontTools.ttLib import TTFont

    cmap = TTFont(BOLD_FONT, lazy=True).getBestCmap()
    missing = sorted({char for text in BOLD_TEXTS for char in text if ord(char) not in cmap})
    assert not missing, f"run scripts/build_pdf_font.py to add {missing} to the bold subset"


def test_fonts_cover_gb2312_and_gbk_hanzi() -> None:
    from fontTools.ttLib import TTFont

    regular = set(TTFont(REGULAR_FONT, lazy=True).getBestCmap())
    extended = set(TTFont(EXTENDED_FONT, lazy=True).getBestCmap())

    def hanzi(codec: str) -> set[int]:
        chars = set()
        for lead in range(0x81, 0xFF):
            for trail in range(0x40, 0xFF):
                try:
                    char = bytes((lead, trail)).decode(codec)
                except UnicodeDecodeError:
                    continue
                if "\u4e00" <= char <= "\u9fff":
                    chars.add(ord(char))
        return chars

    assert len(hanzi("gb2312")) == 6763
    assert hanzi("gb2312") <= regular
    assert hanzi("gbk") <= regular | extended
    # CJK Ext. A as in GB 18030-2000 (Unicode 3.0); the 10 added by Unicode 13 are not in Noto 2.001.
    assert set(range(0x3400, 0x4DB6)) <= regular | extended


def test_importing_the_module_does_not_import_pdf_libraries() -> None:
    code = (
        "import sys, chalicelib.forms.application_pdf\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'fpdf', 'fontTools', 'PIL', 'segno'})\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, timeout=60)
