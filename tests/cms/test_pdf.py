"""The PDF table: every row and every word on the page, the header on every page."""

import io

from pypdf import PdfReader

from cms.pdf import Document


def _pages(doc: Document) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(doc.output_bytes())).pages]


def test_long_table_repeats_its_header_and_keeps_every_row():
    doc = Document(title="Test")
    doc.add_page()
    rows = [[f"Arbetsplats {i}", str(i)] for i in range(300)]
    doc.data_table(["Arbetsplats", "Antal"], rows, widths=(120, 40))
    pages = _pages(doc)
    assert len(pages) >= 5
    assert all(text.lstrip().startswith("Arbetsplats Antal") for text in pages)
    text = "\n".join(pages)
    assert all(f"Arbetsplats {i} {i}" in text for i in (0, 1, 150, 299))


def test_text_longer_than_its_column_wraps_instead_of_being_cut():
    name = "Förvaltningen för vård och omsorg, hemtjänstgruppen i norra distriktet med nattpatrullen"
    doc = Document(title="Test")
    doc.add_page()
    doc.data_table(["Arbetsplats", "Antal"], [[name, "12"], ["Kort", "3"]], widths=(60, 40))
    raw = _pages(doc)[0]
    text = " ".join(raw.split())
    assert name in text
    assert name not in raw  # on more than one line: wrapped within its column, not run over the next
    assert "Kort 3" in text
