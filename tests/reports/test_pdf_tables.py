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
