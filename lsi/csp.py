"""The endpoint to which browsers report what the Content-Security-Policy blocked.

A report names the page and the blocked address; both can carry personal data in their query
string or path (``/signalen/?q=Dorpsstraat``), so only the directive, the blocked address's
scheme and host, and the page's URL name are logged. A body that is not a report is refused.
"""
import json
import logging
from urllib.parse import urlsplit

from django.http import HttpResponse, HttpResponseBadRequest
from django.urls import Resolver404, resolve
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

logger = logging.getLogger("lsi.csp")
MAX_REPORT_BYTES = 16 * 1024


def _reports(body: bytes) -> list[dict]:
    """The violations in a body: the old ``{"csp-report": {…}}`` or the Reporting API's list."""
    data = json.loads(body)
    if isinstance(data, dict) and isinstance(data.get("csp-report"), dict):
        return [data["csp-report"]]
    if isinstance(data, list):
        return [item["body"] for item in data
                if isinstance(item, dict) and item.get("type") == "csp-violation"
                and isinstance(item.get("body"), dict)]
    raise ValueError("geen CSP-rapport")


def _origin(address: str) -> str:
    """Of a blocked address only where it came from: ``inline``, ``eval`` or scheme://host."""
    if not address or "://" not in address:
        return str(address)[:20]  # the keywords browsers send: inline, eval, data, self
    parts = urlsplit(address)
    return f"{parts.scheme}://{parts.hostname or ''}"


def _page(address: str) -> str:
    """The page as the name of its URL pattern, never its path or query."""
    try:
        return resolve(urlsplit(address).path).view_name or "?"
    except Resolver404:
        return "?"


@csrf_exempt  # browsers send reports without a CSRF token; nothing is changed by one
@require_POST
def report(request):
    if len(request.body) > MAX_REPORT_BYTES:
        return HttpResponseBadRequest()
    try:
        entries = [_entry(violation) for violation in _reports(request.body)[:10]]
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return HttpResponseBadRequest()  # not a report (or a malformed address in one)
    for entry in entries:
        logger.warning("csp violation", extra=entry)
    return HttpResponse(status=204)


def _entry(violation: dict) -> dict:
    directive = violation.get("effective-directive") or violation.get("effectiveDirective") \
        or violation.get("violated-directive") or ""
    blocked = violation.get("blocked-uri") or violation.get("blockedURL") or ""
    page = violation.get("document-uri") or violation.get("documentURL") or ""
    if not all(isinstance(value, str) for value in (directive, blocked, page)):
        raise TypeError("a report's fields are text")
    return {"directive": str(directive).split(" ")[0][:40], "blocked": _origin(str(blocked)),
            "page": _page(str(page))}
