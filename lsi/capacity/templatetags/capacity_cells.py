"""The rows of the capacity grid as HTML, written in Python: the capacity page has up to
60 × 12 cells, and a template tag per cell costs most of the page's time. Text is escaped here
(partner names); the figures are integers."""
from django import template
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()


def _cell(cell, words) -> str:
    if cell.empty:
        return '<td class="utrecht-table__cell">–</td>'
    over = cell.over
    pledged = cell.pledged
    parts = [f'<td class="utrecht-table__cell{" lsi-over" if over else ""}">',
             f'<span class="lsi-cell-line">{words["pledged"]}: '
             f'{words["none"] if pledged is None else round(pledged)}</span>',
             f'<span class="lsi-cell-line">{words["committed"]}: {round(cell.committed)}</span>']
    if cell.frozen:
        parts.append(f'<span class="lsi-cell-line">{words["frozen"]}: {round(cell.frozen)}</span>')
    if cell.realised:
        parts.append(f'<span class="lsi-cell-line">{words["realised"]}: {round(cell.realised)}</span>')
    if pledged is not None:
        parts.append(f'<span class="lsi-cell-line">{words["free"]}: {round(pledged - cell.committed)}</span>')
    if over:
        word = words["unpledged"] if pledged is None else words["over"]
        parts.append(f'<strong class="lsi-cell-line">{word}</strong>')
    parts.append("</td>")
    return "".join(parts)


@register.simple_tag
def capacity_rows(grid):
    words = {key: escape(text) for key, text in {
        "pledged": _("toegezegd"), "none": _("geen"), "committed": _("ingezet"), "frozen": _("bevroren"),
        "realised": _("gerealiseerd"), "free": _("vrij"), "over": _("overbelast"),
        "unpledged": _("ingezet zonder toezegging")}.items()}
    html = []
    for row in grid["rows"]:
        badge = ""
        if row["suspension"]:
            since = date_format(row["suspension"].starts_on, "DATE_FORMAT")
            badge = (' <span class="lsi-badge lsi-badge--warning">'
                     + escape(_("opgeschort sinds %(date)s") % {"date": since}) + "</span>")
        html.append(f'<tr><th scope="row" class="utrecht-table__header-cell">{escape(row["partner"].name)}'
                    f'{badge}</th>{"".join(_cell(cell, words) for cell in row["cells"])}</tr>')
    return mark_safe("".join(html))
