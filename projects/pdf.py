"""Rendering PDFs with WeasyPrint, locked down: the one way PDFs are made in this application.

The URL fetcher serves only the application's own static files (``lsi-static:`` URLs, e.g.
``lsi-static:css/pdf.css``) and refuses ``file:``, ``http(s):``, ``data:`` and everything
else; it never follows redirects. User-entered text reaches the PDF through Django's
auto-escaping templates, so ``<img src="file:///etc/passwd">`` is printed, not fetched.
PDFs are tagged for accessibility (PDF/UA-1). Render in a Celery task, never in a request.
"""
import mimetypes
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

SCHEME = "lsi-static:"


class StaticOnlyFetcher(URLFetcher):
    """Fetches ``lsi-static:`` files from the static folders; refuses every other URL."""

    def __init__(self):
        super().__init__(allowed_protocols=[SCHEME.rstrip(":")], allow_redirects=False)
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        if not url.startswith(SCHEME):
            self.refused.append(url)
            raise ValueError(f"Refused to fetch {url[:100]!r}: only application static files.")
        relative = url.removeprefix(SCHEME).lstrip("/")
        found = finders.find(relative) if ".." not in relative else None
        if not found:
            self.refused.append(url)
            raise ValueError(f"Static file {relative!r} not found.")
        content_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
        return URLFetcherResponse(url, Path(found).read_bytes(), {"Content-Type": content_type})


def render_html(html: str, *, fetcher: StaticOnlyFetcher | None = None) -> bytes:
    """A tagged PDF (PDF/UA-1) of ``html``, with the locked-down fetcher."""
    return HTML(string=html, base_url=SCHEME + "/", url_fetcher=fetcher or StaticOnlyFetcher()).write_pdf(
        pdf_variant="pdf/ua-1"
    )


def render_pdf(template_name: str, context: dict, *, fetcher: StaticOnlyFetcher | None = None) -> bytes:
    """Render a Django template to a tagged PDF with the locked-down fetcher."""
    return render_html(render_to_string(template_name, context), fetcher=fetcher)
