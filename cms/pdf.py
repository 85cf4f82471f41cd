"""PDF documents the platform hands out (certificates, the progress report), made with fpdf2.

fpdf2 is pure Python and installs from PyPI without system packages. The text font is DejaVu
Sans, shipped in ``cms/fonts`` (licence beside it) and embedded as a subset, so Swedish
letters, dashes and "×" come out right whatever the reader's machine has. Every document says
its language and title in its metadata and has bookmarks for its sections.
"""

from __future__ import annotations

import logging
from pathlib import Path

from fpdf import FPDF

# fontTools logs every table it subsets at INFO.
logging.getLogger("fontTools").setLevel(logging.WARNING)

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVu"
TEXT_COLOUR = (27, 27, 27)
MUTED_COLOUR = (90, 90, 90)


class Document(FPDF):
    """An A4 page in DejaVu Sans with the document's title in its metadata and a page footer."""

    def __init__(self, *, title: str, language: str = "sv", footer: str = ""):
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.set_title(title)
        self.set_lang(language)
        self.set_creator("Samtalsrum")
        self.set_display_mode("fullwidth")
        self.footer_text = footer
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(18, 18, 18)
        self.set_text_color(*TEXT_COLOUR)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.set_text_color(*MUTED_COLOUR)
        self.cell(0, 5, f"{self.footer_text}  ·  {self.page_no()}/{{nb}}", align="C")
        self.set_text_color(*TEXT_COLOUR)

    def heading(self, text: str, level: int = 1) -> None:
        sizes = {0: 18, 1: 14, 2: 12}
        self.start_section(text, level=level)
        self.set_font(FONT, "B", sizes.get(level, 11))
        self.multi_cell(0, 8 if level < 2 else 6, text, new_x="LMARGIN", new_y="NEXT")
        self.ln(1)
        self.set_font(FONT, "", 10)

    def paragraph(self, text: str, size: int = 10) -> None:
        self.set_font(FONT, "", size)
        self.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def data_table(self, header: list[str], rows: list[list[str]], *, widths: tuple[int, ...] | None = None,
                   numeric_from: int = 1) -> None:
        """A table with its header row repeated on each page, a line under each row, numbers
        right-aligned. Widths are proportions of the text width.

        Drawn cell by cell rather than with fpdf2's ``table()``, which lays every cell out twice
        and took over 20 s for the 4 000 workplaces of a large programme; text that does not fit
        its column still wraps, so no name is cut.
        """
        self.set_font(FONT, "", 9)
        proportions = widths or (1,) * len(header)
        col = [self.epw * w / sum(proportions) for w in proportions]
        align = ["L" if i < numeric_from else "R" for i in range(len(header))]
        line_h = 5.5
        room = [w - 2 * self.c_margin for w in col]

        def line_count(text: str, i: int) -> int:
            if self.get_string_width(text) <= room[i]:
                return 1
            return len(self.multi_cell(col[i], line_h, text, dry_run=True, output="LINES"))

        def draw(texts: list[str], *, head: bool) -> None:
            counts = [line_count(t, i) for i, t in enumerate(texts)]
            height = max(counts) * line_h
            if not head and self.will_page_break(height):
                self.add_page()
                draw_head()
            x, y = self.l_margin, self.get_y()
            if head:
                self.set_fill_color(234, 238, 243)
                self.rect(x, y, self.epw, height, style="F")
            for i, text in enumerate(texts):
                self.set_xy(x, y)
                if counts[i] == 1:
                    self.cell(col[i], height, text, align=align[i])
                else:
                    self.multi_cell(col[i], line_h, text, align=align[i], new_x="RIGHT", new_y="TOP")
                x += col[i]
            self.set_xy(self.l_margin, y + height)
            self.set_draw_color(180, 186, 194)
            self.line(self.l_margin, y + height, self.l_margin + self.epw, y + height)

        def draw_head() -> None:
            self.set_font(FONT, "B", 9)
            draw([str(h) for h in header], head=True)
            self.set_font(FONT, "", 9)

        if self.will_page_break(3 * line_h):
            self.add_page()
        draw_head()
        for values in rows:
            draw([str(v) for v in values], head=False)
        self.set_font(FONT, "", 10)
        self.ln(3)

    def bars(self, rows: list[tuple[str, float | None, float, str]], *, label_width: float = 55) -> None:
        """A bar chart drawn in the page: value (dark) against target (light), with its text."""
        width = self.epw - label_width - 2
        scale = max([1.0] + [max(v or 0, t) for _l, v, t, _x in rows])
        for label, value, target, text in rows:
            if self.will_page_break(12):
                self.add_page()
            y = self.get_y()
            self.set_font(FONT, "", 9)
            self.set_xy(self.l_margin, y)
            self.cell(label_width, 6, label[:34])
            x = self.l_margin + label_width + 2
            self.set_fill_color(223, 230, 238)
            self.rect(x, y + 0.5, width * target / scale, 5, style="F")
            if value is not None:
                self.set_fill_color(11, 79, 138)
                self.rect(x, y + 0.5, max(width * value / scale, 0.3), 5, style="F")
            self.set_xy(x, y + 6)
            self.set_font(FONT, "", 8)
            self.cell(width, 4, text)
            self.set_y(y + 11)
        self.ln(2)

    def signature_line(self, label: str) -> None:
        self.ln(8)
        y = self.get_y()
        self.set_font(FONT, "", 10)
        self.cell(60, 6, label)
        self.line(self.l_margin + 62, y + 5, self.l_margin + self.epw, y + 5)
        self.ln(8)

    def output_bytes(self) -> bytes:
        return bytes(self.output())
