# mypy: disable-error-code="import-untyped"
"""The placement's printables read back: the agreement names both parties, the period, the allowance and the
duties, its QR code decodes to the public verification; a rare name character still prints; the certificate."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from chalicelib.forms.placement_pdf import render_agreement, render_certificate

URL = "https://ggfw.rst.shanxi.gov.cn/internship/verify/placements/0123456789abcdef0123456789abcdef"
AT = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
UNIT = [
    ("单位名称", "山西晋阳科技有限公司"),
    ("统一社会信用代码", "91140100MA0K012345"),
    ("地址", "太原市小店区长治路1号"),
]
TRAINEE = [("姓名", "王晓雨"), ("公民身份号码", "140105200404120266"), ("联系电话", "13912345678")]
TERMS = [("见习期限", "2026-12-08 至 2027-06-07，共6个月"), ("见习期间生活补助", "每月2300元，由甲方按月支付")]


def agreement(trainee: list[tuple[str, str]] = TRAINEE) -> bytes:
    return render_agreement(
        placement_id="0123456789abcdef0123456789abcdef",
        unit=UNIT,
        trainee=trainee,
        terms=TERMS,
        signed="甲方已录用，待乙方在山西省人社公共服务平台确认签订。",
        verification_url=URL,
        generated_at=AT,
    )


def text_of(pdf: bytes) -> str:
    return "".join("".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())


def test_the_agreement_names_both_parties_the_terms_and_the_duties() -> None:
    text = text_of(agreement())
    for expected in ("就业见习协议书", "甲方（见习单位）", "山西晋阳科技有限公司", "乙方（见习人员）", "王晓雨"):
        assert expected in text, expected
    assert "140105200404120266" in text and "每月2300元" in text and "共6个月" in text
    assert "人身意外伤害保险" in text and "不低于当地最低工资标准" in text


def test_a_name_outside_gb2312_prints_with_the_extended_font() -> None:
    pdf = agreement([("姓名", "刘䶮"), *TRAINEE[1:]])
    assert "刘䶮" in text_of(pdf) and b"NotoSerifCJKSCExt" in pdf


def test_the_certificate() -> None:
    pdf = render_certificate(
        placement_id="0123456789abcdef0123456789abcdef",
        statement="兹证明王晓雨于2026-12-08至2027-03-31在山西晋阳科技有限公司参加就业见习。",
        rows=[("期满考核结果", "优秀")],
        verification_url=URL,
        generated_at=AT,
    )
    text = text_of(pdf)
    assert "就业见习证明" in text and "优秀" in text and "特此证明" in text


def test_the_agreements_text_and_qr_code_read_back_with_poppler_and_zbar(tmp_path: Path) -> None:
    tools = {name: shutil.which(name) for name in ("pdftotext", "pdftoppm", "zbarimg")}
    if not all(tools.values()):
        pytest.skip("poppler-utils and zbar-tools are needed: apt-get install poppler-utils zbar-tools")
    path = tmp_path / "agreement.pdf"
    path.write_bytes(agreement())

    def run(*args: str) -> str:
        return subprocess.run(args, check=True, capture_output=True, text=True, timeout=60).stdout

    text = "".join(run(str(tools["pdftotext"]), "-enc", "UTF-8", str(path), "-").split())
    run(
        str(tools["pdftoppm"]), "-r", "150", "-f", "1", "-l", "1", "-singlefile", "-png", str(path), str(tmp_path / "p")
    )
    decoded = run(str(tools["zbarimg"]), "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(tmp_path / "p.png"))

    assert "山西晋阳科技有限公司" in text and "王晓雨" in text and "2026-12-08至2027-06-07" in text
    assert decoded.strip().splitlines() == [URL]
