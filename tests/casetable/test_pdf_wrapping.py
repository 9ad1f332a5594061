"""Long unbroken text (a reference number, a pasted link) wraps inside the selection dossier's
PDF and the reports' PDFs instead of running off the page edge."""
import subprocess

import pytest
from django.template import Context, Template

from projects.pdf import render_html

LONG = "KENMERK" + "".join(f"{n:04d}" for n in range(90))  # 367 characters, no break point
DOSSIER = Template("""<html lang="nl"><head><style>{% include "casetable/pdf.css" %}</style></head>
<body><dl><dt>Toelichting</dt><dd>{{ text }}</dd></dl>
<table><tr><th>Bevinding</th><td>{{ text }}</td></tr></table></body></html>""")
REPORT = Template("""{% extends "pdf/base.html" %}{% block content %}<p>{{ text }}</p>
<table><tr><th>Bevinding</th><td>{{ text }}</td></tr></table>{% endblock %}""")


def _text(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-raw", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()


@pytest.mark.skipif(subprocess.run(["which", "pdftotext"], capture_output=True).returncode != 0,
                    reason="pdftotext (poppler-utils) is not installed")
@pytest.mark.parametrize("template", [DOSSIER, REPORT], ids=["dossier", "report"])
def test_a_long_unbroken_string_wraps_and_is_printed_whole(template):
    text = _text(render_html(template.render(Context({"text": LONG}))))
    # Both copies are on the page whole (before, each was cut off at the page edge after about
    # 95 characters) ...
    assert "".join(text.split()).count(LONG) == 2
    # ... on several lines each.
    assert max(len(line) for line in text.splitlines()) < len(LONG)
