"""PDF tables: a row is never split over two pages, and the header row repeats on every page."""
import re
import subprocess

import pytest
from django.template import Context, Template

from projects.pdf import render_html

TABLE = Template("""{% extends "pdf/base.html" %}{% block content %}
<table><thead><tr><th>Projectnaam</th><th>Toelichting</th></tr></thead><tbody>
{% for n in rows %}<tr><td>Project {{ n }}</td>
<td>{% for line in lines %}regel {{ line }} van project {{ n }}<br>{% endfor %}
einde {{ n }}</td></tr>{% endfor %}
</tbody></table>{% endblock %}""")


def _pages(pdf: bytes) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()
    return [page for page in text.split("\f") if page.strip()]


@pytest.mark.skipif(subprocess.run(["which", "pdftotext"], capture_output=True).returncode != 0,
                    reason="pdftotext (poppler-utils) is not installed")
def test_rows_stay_whole_and_the_header_repeats_on_every_page():
    pdf = render_html(TABLE.render(Context({"rows": range(1, 16), "lines": range(1, 9)})))
    pages = _pages(pdf)
    assert len(pages) >= 3
    for page in pages:
        assert "Projectnaam" in page
    for n in range(1, 16):
        row = re.compile(rf"\b(Project|van project|einde) {n}\b")
        holding = [page for page in pages if row.search(page)]
        assert len(holding) == 1, f"row {n} is split over {len(holding)} pages"


OUTCOMES = Template("""{% extends "pdf/base.html" %}{% block content %}
{% include "reports/_outcome_figures.html" %}{% endblock %}""")


@pytest.mark.skipif(subprocess.run(["which", "pdftotext"], capture_output=True).returncode != 0,
                    reason="pdftotext (poppler-utils) is not installed")
def test_the_outcome_table_of_many_partners_keeps_its_labels_readable():
    """Eight partner columns: the category labels still get a third of the width, so a word
    such as "onrechtmatigheid" is never cut into pieces of a few letters."""
    partners = [f"Partner {n}" for n in range(8)]
    outcomes = {"partners": partners, "open": 12, "hit_rate": [], "table": [
        {"category": label, "cells": [5, 6, 7, 8, 9, 10, None, 0], "total": None, "amount": None}
        for label in ("Geen onrechtmatigheid", "Strafrechtelijk traject",
                      "Beëindiging of stopzetting van een uitkering of toeslag")]}
    text = "\n".join(_pages(render_html(OUTCOMES.render(Context({"casetable": {"outcomes": outcomes}})))))
    for word in ("onrechtmatigheid", "Strafrechtelijk", "stopzetting", "uitkering"):
        assert re.search(rf"\b{word}\b", text), f"{word!r} is broken over lines"
