"""Charts as SVG, drawn on the server so they look the same on screen and in the PDF.

Pure functions without Django: labels are escaped here; colours are presentation attributes
(no inline style, so the strict Content-Security-Policy holds). Each chart has a title and a
text alternative for screen readers; the numbers are also in a table next to it.
"""
from datetime import date
from html import escape

TEXT = "#1a1a1a"
GRID = "#c8c8c8"
PALETTE = ["#154273", "#39870c", "#ca005d", "#e17000", "#007bc7", "#673327", "#8fcae7", "#ffb612"]


def bar_chart(title: str, items: list[tuple[str, int]], *, width: int = 640,
              empty: str = "Geen gegevens") -> str:
    """A horizontal bar chart of labelled counts; ``empty`` is shown (translated by the caller)
    when there are none."""
    row, label_width, top = 22, 190, 30
    height = top + row * max(len(items), 1) + 10
    peak = max((value for _label, value in items), default=0) or 1
    span = width - label_width - 60
    summary = "; ".join(f"{label}: {value}" for label, value in items) or empty
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="{escape(title)}: {escape(summary)}">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="18" font-size="14" font-weight="bold" fill="{TEXT}">{escape(title)}</text>',
    ]
    for index, (label, value) in enumerate(items):
        y = top + index * row
        length = round(span * value / peak)
        parts += [
            f'<text x="{label_width - 8}" y="{y + 15}" font-size="12" text-anchor="end" '
            f'fill="{TEXT}">{escape(str(label))[:30]}</text>',
            f'<rect x="{label_width}" y="{y + 3}" width="{max(length, 1)}" height="{row - 8}" '
            f'fill="{PALETTE[index % len(PALETTE)]}"/>',
            f'<text x="{label_width + length + 6}" y="{y + 15}" font-size="12" fill="{TEXT}">'
            f"{value}</text>",
        ]
    if not items:
        parts.append(f'<text x="0" y="{top + 15}" font-size="12" fill="{TEXT}">{escape(empty)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def timeline(title: str, spans: list[tuple[str, date, date]], *, width: int = 640,
             empty: str = "Geen gegevens") -> str:
    """A Gantt-like timeline: one labelled bar per span (e.g. a phase from start to end)."""
    row, label_width, top = 22, 190, 30
    height = top + row * max(len(spans), 1) + 28
    if spans:
        first = min(start for _l, start, _e in spans)
        last = max(end for _l, _s, end in spans)
    else:
        first = last = date.today()
    total = max((last - first).days, 1)
    scale = (width - label_width - 20) / total
    summary = "; ".join(f"{label}: {start:%d-%m-%Y} tot {end:%d-%m-%Y}" for label, start, end in spans)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="{escape(title)}: {escape(summary or empty)}">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="18" font-size="14" font-weight="bold" fill="{TEXT}">{escape(title)}</text>',
    ]
    for index, (label, start, end) in enumerate(spans):
        y = top + index * row
        x = label_width + round((start - first).days * scale)
        length = max(round((end - start).days * scale), 2)
        parts += [
            f'<text x="{label_width - 8}" y="{y + 15}" font-size="12" text-anchor="end" '
            f'fill="{TEXT}">{escape(str(label))[:30]}</text>',
            f'<rect x="{x}" y="{y + 3}" width="{length}" height="{row - 8}" '
            f'fill="{PALETTE[index % len(PALETTE)]}"/>',
        ]
    axis_y = top + row * max(len(spans), 1) + 16
    parts += [
        f'<line x1="{label_width}" y1="{axis_y - 12}" x2="{width - 20}" y2="{axis_y - 12}" '
        f'stroke="{GRID}"/>',
        f'<text x="{label_width}" y="{axis_y}" font-size="11" fill="{TEXT}">{first:%d-%m-%Y}</text>',
        f'<text x="{width - 20}" y="{axis_y}" font-size="11" text-anchor="end" fill="{TEXT}">'
        f"{last:%d-%m-%Y}</text>",
        "</svg>",
    ]
    return "".join(parts)
