"""The fpdf2 document class; imported lazily by application_pdf, as importing fpdf2 is costly."""

from __future__ import annotations

from fpdf import FPDF

MARGIN = 18.0  # mm, all four sides
CONTENT_WIDTH = 210.0 - 2 * MARGIN  # A4 portrait


class FormDocument(FPDF):
    """A4 portrait page with a running header from page 2 on and a footer on every page."""

    def __init__(self, running_header: str, footer: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.running_header = running_header
        self.footer_text = footer
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(auto=True, margin=MARGIN)

    def header(self) -> None:
        if self.page_no() > 1:
            self.set_font("serif", size=7.5)
            self.set_xy(MARGIN, 10.0)
            self.cell(CONTENT_WIDTH, 5, self.running_header)
            self.set_y(MARGIN)

    def footer(self) -> None:
        self.set_font("serif", size=7.5)
        self.set_xy(MARGIN, -15.0)
        self.multi_cell(CONTENT_WIDTH * 0.8, 3.4, self.footer_text, align="L")
        self.set_xy(MARGIN + CONTENT_WIDTH * 0.8, -15.0)
        # fpdf2 replaces {nb} with the page count when the document is closed.
        self.cell(CONTENT_WIDTH * 0.2, 3.4, f"第 {self.page_no()} 页 / 共 {{nb}} 页", align="R")
