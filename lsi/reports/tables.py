"""Tables as HTML, built in Python, for the pages that show many of them (the agenda's five
years of progress beside their charts): the markup the templates write (a caption, column
headers, a header cell per row, the table in its scrolling frame), every text escaped here.

A table is one join of strings instead of a template loop per cell: with a few hundred cells
a page, the template engine's lookups and per-cell number formatting are most of its time.
Numbers are written as the templates write them (no thousands separator: the portal does not
set USE_THOUSAND_SEPARATOR).
"""
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

HEADER = '<th scope="{scope}" class="utrecht-table__header-cell">{text}</th>'
CELL = '<td class="utrecht-table__cell">{text}</td>'


def _text(value) -> str:
    if value is None:
        return "–"
    if type(value) is int:  # a count, most of the cells: nothing to escape
        return str(value)
    return str(conditional_escape(value))


def table(caption, headers, rows, *, empty) -> SafeString:
    """``rows``: (row header, [cells]) pairs; a cell or header may be a SafeString (kept as is),
    anything else is escaped. ``empty``: the one cell shown when there are no rows."""
    parts = ['<div class="lsi-table-scroll"><table class="utrecht-table">',
             f'<caption class="utrecht-table__caption">{_text(caption)}</caption><thead><tr>']
    parts += [HEADER.format(scope="col", text=_text(header)) for header in headers]
    parts.append("</tr></thead><tbody>")
    for header, cells in rows:
        parts.append("<tr>" + HEADER.format(scope="row", text=_text(header)))
        parts += [CELL.format(text=_text(cell)) for cell in cells]
        parts.append("</tr>")
    if not rows:
        parts.append(f'<tr><td class="utrecht-table__cell" colspan="{len(headers)}">{_text(empty)}</td></tr>')
    parts.append("</tbody></table></div>")
    return mark_safe("".join(parts))  # every text above went through conditional_escape
