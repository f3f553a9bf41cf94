"""Printing a form writes nothing personal to the log: fontTools' subsetter lists every glyph it keeps."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

import pytest

from chalicelib.forms.application_pdf import render_application_form

NAME = "欧阳娜娜"  # characters no label of the form uses, so a glyph list would give them away
VIEW: dict[str, Any] = {
    "application_id": "0123456789abcdef0123456789abcdef",
    "name": NAME,
    "id_number": "140105********0266",
    "phone": "139****2046",
    "history": [],
    "attachments": [],
}


def glyph_spellings(text: str) -> list[str]:
    """How a glyph list may name each character: itself, uniXXXX, or its code point in hex."""
    found: list[str] = []
    for char in text:
        found += [char, f"uni{ord(char):04X}", f"{ord(char):04x}", f"{ord(char):04X}"]
    return found


def test_printing_a_form_logs_no_glyph_names_and_nothing_of_the_name(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        for _ in range(2):
            render_application_form(
                VIEW,
                verification_url="https://example.invalid/verify/x",
                generated_at=datetime(2026, 11, 27, 2, 0, tzinfo=UTC),
                unmasked=False,
            )

    font_records = [r for r in caplog.records if r.name.startswith("fontTools")]
    assert font_records == [], f"{len(font_records)} fontTools lines, e.g. {font_records[0].getMessage()[:200]}"
    for spelling in glyph_spellings(NAME):
        assert spelling not in caplog.text, spelling
