"""SVG charts of the dashboards and the progress report, drawn like the survey charts
(``surveys/charts.py``): ``role="img"`` named by its own title and description, and the same
figures in a table beside it. A hidden figure (below the anonymity threshold) has no bar."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString

from surveys.charts import AFTER_COLOUR, AXIS_COLOUR, BEFORE_COLOUR, TEXT_COLOUR, _svg


def _label(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def progress_chart(
    *, chart_id: str, title: str, desc: str, rows: list[tuple[str, float | None, float, str]]
) -> SafeString:
    """Horizontal bars: per row, the value (dark) against its target (light), with a text label."""
    label_w, bar_w, row_h, top = 200, 340, 40, 8
    width = label_w + bar_w + 20
    height = top + row_h * len(rows) + 24
    scale = max([1.0] + [max(v or 0, t) for _l, v, t, _x in rows])
    body = []
    for i, (label, value, target, text) in enumerate(rows):
        y = top + i * row_h
        body.append(f'<text x="{label_w - 8}" y="{y + 17}" font-size="12" text-anchor="end" fill="{TEXT_COLOUR}">{escape(_label(label))}</text>')
        body.append(f'<rect x="{label_w}" y="{y + 4}" width="{bar_w * target / scale:.1f}" height="18" fill="#dfe6ee"/>')
        if value is not None:
            body.append(f'<rect x="{label_w}" y="{y + 4}" width="{max(bar_w * value / scale, 1):.1f}" height="18" fill="{AFTER_COLOUR}"/>')
        body.append(f'<text x="{label_w + 4}" y="{y + 36}" font-size="12" fill="{TEXT_COLOUR}">{escape(text)}</text>')
    body.append(f'<line x1="{label_w}" y1="{top}" x2="{label_w}" y2="{height - 20}" stroke="{AXIS_COLOUR}"/>')
    return _svg(chart_id, title, desc, width, height, body)


def monthly_chart(*, chart_id: str, title: str, desc: str, rows: list[tuple[str, float | None]]) -> SafeString:
    """Vertical bars per month; a hidden month shows an empty slot."""
    left, plot_h, top, slot = 40, 160, 16, 34
    width = left + slot * max(len(rows), 1) + 10
    height = top + plot_h + 44
    scale = max([1.0] + [v or 0 for _l, v in rows])
    body = [f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 6}" y2="{top + plot_h}" stroke="{AXIS_COLOUR}"/>']
    for i, (label, value) in enumerate(rows):
        x = left + i * slot + 6
        if value is not None:
            h = max(plot_h * value / scale, 1)
            body.append(f'<rect x="{x}" y="{top + plot_h - h:.1f}" width="{slot - 12}" height="{h:.1f}" fill="{BEFORE_COLOUR if i % 2 else AFTER_COLOUR}"/>')
            body.append(f'<text x="{x + (slot - 12) / 2:.1f}" y="{top + plot_h - h - 3:.1f}" font-size="10" text-anchor="middle" fill="{TEXT_COLOUR}">{value:.0f}</text>')
        body.append(
            f'<text x="{x + (slot - 12) / 2:.1f}" y="{top + plot_h + 14}" font-size="10" text-anchor="end" '
            f'transform="rotate(-45 {x + (slot - 12) / 2:.1f} {top + plot_h + 14})" fill="{TEXT_COLOUR}">{escape(label)}</text>'
        )
    return _svg(chart_id, title, desc, width, height, body)
