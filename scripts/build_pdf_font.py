# mypy: disable-error-code="import-untyped"
"""Build the font subsets under chalicelib/forms/fonts/ used by the application-form PDF.

Source: Noto Serif CJK SC 2.001 (SIL OFL 1.1) from Debian bookworm's ``fonts-noto-cjk``
(1:20220127+repack1-1): ``apt-get install fonts-noto-cjk``, then
``python scripts/build_pdf_font.py`` (needs fonttools). Takes ~1 min; output is
deterministic. Re-run after changing ``BOLD_TEXTS`` in application_pdf.py.

Why subsets: the full SC face is ~26 MB (in a 5-face collection); the three files
written here total ~14 MB, of which a render normally parses only ~2.9 MB.
"""

from __future__ import annotations

import contextlib
import hashlib
import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from chalicelib.forms.application_pdf import (  # noqa: E402
    BOLD_FONT,
    BOLD_TEXTS,
    EXTENDED_FONT,
    REGULAR_FONT,
)

SOURCE_DIR = Path("/usr/share/fonts/opentype/noto")
SOURCES = {  # file -> sha256 of the Debian 1:20220127+repack1-1 file
    "NotoSerifCJK-Regular.ttc": "a04178ec485dffdff7cc0c0c20e1fce9202d7e2160d805e8e44a4c8841c58481",
    "NotoSerifCJK-Bold.ttc": "a5d4b046c127da3d7c72f98b46c41489cd29bf52abfdf18aba920903e920d4ac",
}
SC_FACE = 2  # face order in the collections: JP, KR, SC, TC, HK
LICENSE_SOURCE = Path("/usr/share/doc/fonts-noto-cjk/copyright")

BASIC = {*range(0x20, 0x7F), *range(0xA0, 0x100)}
PUNCTUATION = {*range(0x2010, 0x2060), *range(0x3000, 0x3040), *range(0xFF01, 0xFFEF)}
HAN = {  # every block of CJK ideographs (incl. radicals/strokes) Unicode has so far
    *range(0x2E80, 0x2FE0), *range(0x31C0, 0x31F0), *range(0x3400, 0x4DC0),
    *range(0x4E00, 0xA000), *range(0xF900, 0xFB00), *range(0x20000, 0x323B0),
}  # fmt: skip


def double_byte_chars(codec: str) -> set[int]:
    """Every character a two-byte code of ``codec`` (gb2312/gbk) decodes to."""
    chars: set[int] = set()
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                chars.add(ord(bytes((lead, trail)).decode(codec)))
    return chars


def load(name: str) -> TTFont:
    path = SOURCE_DIR / name
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != SOURCES[name]:
        sys.exit(f"{path}: unexpected sha256 {digest}; install fonts-noto-cjk 1:20220127+repack1-1")
    # recalcTimestamp=False keeps the output byte-identical between runs.
    return TTFont(path, fontNumber=SC_FACE, recalcTimestamp=False)


def write_subset(source: str, unicodes: set[int], target: Path, suffix: str = "") -> set[int]:
    font = load(source)
    unicodes &= set(font.getBestCmap())
    options = subset.Options()
    options.layout_features = []  # fpdf2 does no shaping: GSUB/GPOS are dead weight
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "VORG", "vhea", "vmtx"]
    options.name_IDs = ["*"]  # keep the copyright / OFL licence records
    options.notdef_outline = True  # unknown characters show a box, not nothing
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    if suffix:
        # fpdf2 names every embedded subset "MPDFAA+<full name>": two files sharing a full
        # name would give two different fonts one PDF name, which printer drivers may mix up.
        names = font["name"]
        for name_id in (1, 4):  # family, full name
            names.setName(f"{names.getDebugName(name_id)} {suffix}", name_id, 3, 1, 0x409)
        postscript = f"{names.getDebugName(6)}-{suffix}"
        names.setName(postscript, 6, 3, 1, 0x409)
    to_truetype(font)
    font.save(target)
    print(f"{target.name}: {len(unicodes)} characters, {target.stat().st_size / 1e6:.2f} MB")
    return unicodes


def to_truetype(font: TTFont) -> None:
    """Replace the CFF outlines by TrueType ones (cubic → quadratic, within 1/1000 em).

    fpdf2 embeds CID-keyed CFF with a custom code→CID CMap that pypdf and some lesser viewers
    misread; TrueType goes the common Identity-H way every viewer and extractor handles. It costs
    ~9 % in size and zips ~20 % smaller.
    """
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    del font["CFF "]
    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for field in (
        "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
        "maxStackElements", "maxSizeOfInstructions", "maxComponentElements",
    ):  # fmt: skip
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 3.0  # no glyph names: they would only add size
    font.sfntVersion = "\x00\x01\x00\x00"


def main() -> None:
    REGULAR_FONT.parent.mkdir(parents=True, exist_ok=True)
    regular = write_subset(
        "NotoSerifCJK-Regular.ttc",
        BASIC | PUNCTUATION | double_byte_chars("gb2312"),
        REGULAR_FONT,
    )
    write_subset(
        "NotoSerifCJK-Regular.ttc",
        (HAN | double_byte_chars("gbk")) - regular,
        EXTENDED_FONT,
        suffix="Ext",
    )
    write_subset("NotoSerifCJK-Bold.ttc", BASIC | {ord(c) for t in BOLD_TEXTS for c in t}, BOLD_FONT)
    # OFL 1.1 §2: the licence must travel with the font files.
    text = LICENSE_SOURCE.read_text(encoding="utf-8")
    ofl = text.split("License: SIL-1.1\n", 2)[2].split("\nLicense: ", 1)[0]
    body = "\n".join("" if line.strip() == "." else line[1:] for line in ofl.splitlines())
    notice = TTFont(REGULAR_FONT)["name"].getDebugName(0)  # the font's own copyright record
    (REGULAR_FONT.parent / "OFL.txt").write_text(
        f"Noto Serif CJK SC {notice}\n"
        "Subsets of Debian fonts-noto-cjk 1:20220127+repack1-1, made by\n"
        "scripts/build_pdf_font.py. No Reserved Font Name is used; the extended subset's\n"
        "family name has the suffix ' Ext'.\n\n" + body.strip() + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
