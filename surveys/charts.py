"""Server-rendered SVG charts: readable at a glance, named for screen readers.

Every chart is ``role="img"`` with ``aria-labelledby`` pointing at its own ``<title>`` and
``<desc>``; the page shows the same figures in a table next to it.
"""

from __future__ import annotations

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

BEFORE_COLOUR = "#6b8cae"  # 3.5:1 on white
AFTER_COLOUR = "#0b4f8a"  # 8.6:1 on white
TEXT_COLOUR = "#1b1b1b"
AXIS_COLOUR = "#767676"


def _shorten(label: str, limit: int) -> str:
    """Cut long question texts for the axis, keeping a trailing "(0–10)" scale note."""
    if len(label) <= limit:
        return label
    suffix = " (0–10)" if label.endswith(" (0–10)") else ""
    return label[: limit - 1 - len(suffix)] + "…" + suffix


def _svg(chart_id: str, title: str, desc: str, width: int, height: int, body: list[str]) -> SafeString:
    head = format_html(
        '<svg class="chart" id="{id}" role="img" aria-labelledby="{id}-title {id}-desc" '
        'viewBox="0 0 {w} {h}" width="{w}" height="{h}" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>',
        id=chart_id, w=width, h=height, title=title, desc=desc,
    )
    return mark_safe(head + "".join(body) + "</svg>")  # noqa: S308 - every part escaped above/below


def distribution_chart(
    *, chart_id: str, title: str, desc: str, rows: list[tuple[str, float | None, float | None]],
    before_label: str, after_label: str,
) -> SafeString:
    """Horizontal bars: per option, the share before (light) and after (dark), in percent."""
    label_w, bar_w, row_h, top = 210, 330, 44, 34
    width = label_w + bar_w + 60
    height = top + row_h * len(rows) + 8
    body = [
        f'<rect x="{label_w}" y="6" width="14" height="14" fill="{BEFORE_COLOUR}"/>',
        f'<text x="{label_w + 20}" y="18" font-size="13" fill="{TEXT_COLOUR}">{escape(before_label)}</text>',
        f'<rect x="{label_w + 120}" y="6" width="14" height="14" fill="{AFTER_COLOUR}"/>',
        f'<text x="{label_w + 140}" y="18" font-size="13" fill="{TEXT_COLOUR}">{escape(after_label)}</text>',
    ]
    for i, (label, before, after) in enumerate(rows):
        y = top + i * row_h
        short = label if len(label) <= 28 else label[:27] + "…"
        body.append(f'<text x="{label_w - 8}" y="{y + 22}" font-size="12" text-anchor="end" fill="{TEXT_COLOUR}">{escape(short)}</text>')
        for j, (value, colour) in enumerate(((before, BEFORE_COLOUR), (after, AFTER_COLOUR))):
            if value is None:
                continue
            by = y + 4 + j * 18
            w = max(bar_w * value / 100.0, 1)
            body.append(f'<rect x="{label_w}" y="{by}" width="{w:.1f}" height="15" fill="{colour}"/>')
            body.append(f'<text x="{label_w + w + 4:.1f}" y="{by + 12}" font-size="12" fill="{TEXT_COLOUR}">{value:.0f} %</text>')
    body.append(f'<line x1="{label_w}" y1="{top - 2}" x2="{label_w}" y2="{height - 6}" stroke="{AXIS_COLOUR}"/>')
    return _svg(chart_id, title, desc, width, height, body)


def change_chart(
    *, chart_id: str, title: str, desc: str, rows: list[tuple[str, float, float | None, float | None]],
    limit: float = 2.0,
) -> SafeString:
    """Mean change per theme as a dot with its 95 % confidence interval, around zero."""
    label_w, plot_w, row_h, top = 270, 330, 32, 30
    width = label_w + plot_w + 20
    height = top + row_h * len(rows) + 24
    limit = max([limit] + [abs(v) for r in rows for v in r[1:] if v is not None]) * 1.1

    def x(value: float) -> float:
        return label_w + plot_w / 2 + (value / limit) * (plot_w / 2)

    zero = x(0)
    body = [
        f'<line x1="{zero:.1f}" y1="{top - 8}" x2="{zero:.1f}" y2="{height - 20}" stroke="{AXIS_COLOUR}" stroke-dasharray="4 3"/>',
        f'<text x="{zero:.1f}" y="{top - 12}" font-size="12" text-anchor="middle" fill="{TEXT_COLOUR}">0</text>',
        f'<text x="{label_w + 4}" y="{height - 4}" font-size="12" fill="{TEXT_COLOUR}">← {escape(_("sämre"))}</text>',
        f'<text x="{label_w + plot_w - 4}" y="{height - 4}" font-size="12" text-anchor="end" fill="{TEXT_COLOUR}">{escape(_("bättre"))} →</text>',
    ]
    for i, (label, mean, low, high) in enumerate(rows):
        y = top + i * row_h + 12
        short = _shorten(label, 36)
        body.append(f'<text x="{label_w - 8}" y="{y + 4}" font-size="12" text-anchor="end" fill="{TEXT_COLOUR}">{escape(short)}</text>')
        if low is not None and high is not None:
            body.append(f'<line x1="{x(low):.1f}" y1="{y}" x2="{x(high):.1f}" y2="{y}" stroke="{AFTER_COLOUR}" stroke-width="3"/>')
        body.append(f'<circle cx="{x(mean):.1f}" cy="{y}" r="6" fill="{AFTER_COLOUR}"/>')
        body.append(f'<text x="{x(mean):.1f}" y="{y - 9}" font-size="12" text-anchor="middle" fill="{TEXT_COLOUR}">{mean:+.2f}</text>')
    return _svg(chart_id, title, desc, width, height, body)
