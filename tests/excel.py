"""Reading an exported CSV the way Excel does, so a test sees what the user will see.

Excel opens a double-clicked CSV with the list separator of the computer's region (``;`` where
the decimal separator is a comma, as in Sweden; ``,`` in English regions), and reads it as UTF-8
only when the file starts with a byte-order mark – otherwise as Windows-1252, which turns "å"
into "Ã¥". Numbers are read with the region's decimal separator.
"""

from __future__ import annotations

import codecs
import csv
import io
from decimal import Decimal


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _text(content: bytes) -> str:
    if content.startswith(codecs.BOM_UTF8):
        return content[len(codecs.BOM_UTF8):].decode("utf-8")
    return content.decode("cp1252", errors="replace")


def read_as_swedish_excel(content: bytes) -> list[list[str]]:
    """The cells Swedish Excel shows: columns split on ``;``, UTF-8 only with a BOM."""
    return list(csv.reader(io.StringIO(_text(content), newline=""), delimiter=";"))


def read_as_english_excel(content: bytes) -> list[list[str]]:
    """The cells English Excel shows: columns split on ``,``, UTF-8 only with a BOM."""
    return list(csv.reader(io.StringIO(_text(content), newline=""), delimiter=","))


def swedish_number(cell: str) -> Decimal:
    """A cell as Swedish Excel reads a number: a decimal comma, never a point (a point would
    make it text, or a date)."""
    assert "." not in cell, f"{cell!r} has a decimal point: Swedish Excel reads it as text or a date"
    return Decimal(cell.replace(",", "."))


def fetch_export(client, url: str, capture_on_commit):
    """GET an export as its requester: the file, or, when the export became a background job
    (a redirect to its page), the job run (on commit, eagerly) and its file downloaded.
    ``capture_on_commit`` is pytest-django's ``django_capture_on_commit_callbacks``."""
    with capture_on_commit(execute=True):
        response = client.get(url)
    if response.status_code == 302 and "/admin/exporter/" in response["Location"]:
        page = client.get(response["Location"])
        assert page.status_code == 200
        return client.get(response["Location"] + "fil/")
    return response
