"""Charts as SVG, drawn on the server so they look the same on screen and in the PDF.

Pure functions without Django: labels are escaped here; colours are presentation attributes
(no inline style, so the strict Content-Security-Policy holds). Each chart has a title and a
text alternative for screen readers; the numbers are also in a table next to it.

Legibility: every label is written in full on its own line above its bar (wrapped, never cut
off), and the drawing is narrow enough that on a 360 px phone, where it is scaled down to the
width of the page, no text becomes smaller than about 12 px. All bars have one colour: the
length is the only thing they say.
"""
import textwrap
from datetime import date
from html import escape

TEXT = "#1a1a1a"
GRID = "#767676"
BAR = "#154273"
WIDTH = 400
TITLE_SIZE = 16
FONT_SIZE = 15
LINE = 19
# The average width of a character, as a share of the font size (a generous estimate, so that
# a wrapped line always fits).
CHAR_WIDTH = 0.6


def _lines(label: str, width: int) -> list[str]:
    return textwrap.wrap(str(label), max(int(width / (FONT_SIZE * CHAR_WIDTH)), 8),
                         break_long_words=True) or [""]


def _text(x: int, y: int, text: str, *, size: int = FONT_SIZE, anchor: str = "start",
          bold: bool = False) -> str:
    weight = ' font-weight="bold"' if bold else ""
    end = ' text-anchor="end"' if anchor == "end" else ""
    return (f'<text x="{x}" y="{y}" font-size="{size}"{weight}{end} fill="{TEXT}">'
            f"{escape(text)}</text>")


def _open(title: str, summary: str, height: int, width: int) -> list[str]:
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="{escape(title)}: {escape(summary)}">',
        f"<title>{escape(title)}</title>",
    ]
    y = TITLE_SIZE
    for line in _lines(title, width * FONT_SIZE // TITLE_SIZE):
        parts.append(_text(0, y, line, size=TITLE_SIZE, bold=True))
        y += LINE + 1
    return parts


def _title_height(title: str, width: int) -> int:
    return len(_lines(title, width * FONT_SIZE // TITLE_SIZE)) * (LINE + 1) + 8


def bar_chart(title: str, items: list[tuple[str, int]], *, width: int = WIDTH,
              empty: str = "Geen gegevens") -> str:
    """A horizontal bar chart of labelled counts; ``empty`` is shown (translated by the caller)
    when there are none. Each label stands in full above its bar, the count after the bar."""
    wrapped = [(_lines(label, width), value) for label, value in items]
    bar = 14
    top = _title_height(title, width)
    height = top + sum(len(lines) * LINE + bar + 10 for lines, _v in wrapped) + (LINE if not items else 0) + 4
    peak = max((value for _label, value in items), default=0) or 1
    span = width - 8 * CHAR_WIDTH * FONT_SIZE  # room for the count after the longest bar
    summary = "; ".join(f"{label}: {value}" for label, value in items) or empty
    parts = _open(title, summary, height, width)
    y = top
    for lines, value in wrapped:
        for line in lines:
            y += LINE
            parts.append(_text(0, y - 4, line))
        length = max(round(span * value / peak), 1)
        parts += [
            f'<rect x="0" y="{y}" width="{length}" height="{bar}" fill="{BAR}"/>',
            _text(length + 6, y + bar - 2, str(value)),
        ]
        y += bar + 10
    if not items:
        parts.append(_text(0, top + LINE - 4, empty))
    parts.append("</svg>")
    return "".join(parts)


def timeline(title: str, spans: list[tuple[str, date, date]], *, width: int = WIDTH,
             empty: str = "Geen gegevens") -> str:
    """A Gantt-like timeline: one bar per span (e.g. a phase from start to end), its label in
    full above it, the first and last date on the axis."""
    wrapped = [(_lines(label, width), start, end) for label, start, end in spans]
    bar = 12
    top = _title_height(title, width)
    body = sum(len(lines) * LINE + bar + 8 for lines, _s, _e in wrapped) or LINE
    height = top + body + LINE + 12
    if spans:
        first = min(start for _l, start, _e in spans)
        last = max(end for _l, _s, end in spans)
    else:
        first = last = date.today()
    total = max((last - first).days, 1)
    scale = (width - 2) / total
    summary = "; ".join(f"{label}: {start:%d-%m-%Y} – {end:%d-%m-%Y}" for label, start, end in spans)
    parts = _open(title, summary or empty, height, width)
    y = top
    for lines, start, end in wrapped:
        for line in lines:
            y += LINE
            parts.append(_text(0, y - 4, line))
        x = round((start - first).days * scale)
        length = max(round((end - start).days * scale), 2)
        parts.append(f'<rect x="{min(x, width - 2)}" y="{y}" width="{length}" height="{bar}" fill="{BAR}"/>')
        y += bar + 8
    if not spans:
        parts.append(_text(0, top + LINE - 4, empty))
        y = top + LINE
    axis_y = y + 4
    parts += [
        f'<line x1="0" y1="{axis_y}" x2="{width}" y2="{axis_y}" stroke="{GRID}"/>',
        _text(0, axis_y + LINE, f"{first:%d-%m-%Y}"),
        _text(width, axis_y + LINE, f"{last:%d-%m-%Y}", anchor="end"),
        "</svg>",
    ]
    return "".join(parts)
