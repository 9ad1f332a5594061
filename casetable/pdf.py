"""Rendering the selection dossier as a PDF with WeasyPrint, locked down completely.

The URL fetcher refuses *every* URL (``file:``, ``http(s):``, ``data:``, relative, anything):
the dossier template carries its own styles inline and loads nothing, so a URL can only come
from user input, and user input reaches the HTML through Django's auto-escaping templates
(``<img src="file:///etc/passwd">`` typed in a note is printed, not fetched). Each refused URL
is remembered on the fetcher, for tests and logging. Run in a Celery task, never in a request.
"""
import logging

from weasyprint import HTML
from weasyprint.urls import URLFetcher

logger = logging.getLogger(__name__)


class FetchRefused(ValueError):
    """The PDF renderer asked for a URL; it gets nothing."""


class RefuseAllFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that fetches nothing."""

    def __init__(self):
        super().__init__(allowed_protocols=[], allow_redirects=False, timeout=1)
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        self.refused.append(url)
        logger.warning("PDF: URL geweigerd: %.100r", url)
        raise FetchRefused(f"Refused to fetch {url[:100]!r}: the dossier PDF loads no resources.")


def render(html: str, *, fetcher: RefuseAllFetcher | None = None) -> bytes:
    """A tagged PDF (PDF/UA-1) of ``html``; nothing outside the string is ever read."""
    return HTML(string=html, base_url=None, url_fetcher=fetcher or RefuseAllFetcher()).write_pdf(
        pdf_variant="pdf/ua-1"
    )
