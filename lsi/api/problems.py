"""Errors as RFC 9457 problem details (``application/problem+json``).

Every error of the API has ``type`` (a URN per kind of problem, stable for machines),
``title``, ``status`` and ``detail`` (in the language of ``Accept-Language``); a validation
error adds ``errors`` ([{"field", "message"}]), a rate limit ``retry_after`` (seconds), a
size limit ``limit``.
"""
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from projects.refusals import Refused

CONTENT_TYPE = "application/problem+json"
URN = "urn:lsi:problem:"


class Problem(exceptions.APIException):
    """A problem with its own code and extra members."""

    def __init__(self, status_code: int, code: str, detail: str, **extra):
        super().__init__(detail, code)
        self.status_code, self.problem_code, self.extra = status_code, code, extra


def too_large(detail: str, limit: int, unit: str) -> Problem:
    return Problem(status.HTTP_413_REQUEST_ENTITY_TOO_LARGE, "too_large", detail, limit=limit, unit=unit)


CODES = {
    400: "invalid", 401: "not_authenticated", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 406: "not_acceptable", 409: "refused", 413: "too_large",
    415: "unsupported_media_type", 422: "unprocessable", 429: "throttled",
}


def _titles() -> dict[int, str]:
    return {
        400: _("Ongeldige aanvraag"), 401: _("Niet aangemeld"), 403: _("Geen toegang"),
        404: _("Niet gevonden"), 405: _("Methode niet toegestaan"), 406: _("Niet aanvaardbaar"),
        409: _("Geweigerd"), 413: _("Te groot"), 415: _("Mediatype niet ondersteund"),
        422: _("Niet te verwerken"), 429: _("Te veel aanvragen"),
    }


def body(status_code: int, detail: str, code: str | None = None, **extra) -> dict:
    return {"type": URN + (code or CODES.get(status_code, "error")),
            "title": str(_titles().get(status_code, _("Fout"))), "status": status_code,
            "detail": str(detail), **extra}


def _flatten(detail, prefix="") -> list[dict]:
    if isinstance(detail, dict):
        return [e for key, value in detail.items()
                for e in _flatten(value, f"{prefix}.{key}" if prefix else str(key))]
    if isinstance(detail, list):
        if all(not isinstance(item, (dict, list)) for item in detail):
            return [{"field": prefix or "", "message": str(item)} for item in detail]
        return [e for i, item in enumerate(detail) for e in _flatten(item, f"{prefix}[{i}]")]
    return [{"field": prefix or "", "message": str(detail)}]


def handle(exc, context):
    """DRF's exception handler, answering in problem details."""
    if isinstance(exc, Refused):
        exc = Problem(status.HTTP_409_CONFLICT, "refused", exc.message)
    response = exception_handler(exc, context)
    if response is None:
        return None
    code_status = response.status_code
    extra = {}
    if isinstance(exc, Problem):
        detail, code, extra = exc.detail, exc.problem_code, exc.extra
    elif isinstance(exc, exceptions.ValidationError):
        detail, code = _("De aanvraag bevat fouten; zie errors."), "invalid"
        extra = {"errors": _flatten(exc.detail)}
    elif isinstance(exc, exceptions.Throttled):
        detail, code = _("Te veel aanvragen; probeer het over %(s)s seconden opnieuw.") % {
            "s": int(exc.wait or 1)}, "throttled"
        extra = {"retry_after": int(exc.wait or 1)}
    elif isinstance(exc, (Http404, exceptions.NotFound)):
        detail, code = _("Niet gevonden."), "not_found"
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        code = CODES.get(code_status, "error")
    if isinstance(detail, (list, dict)):
        detail = " ".join(e["message"] for e in _flatten(detail))
    problem = Response(body(code_status, detail, code, **extra), status=code_status,
                       headers={k: v for k, v in response.items()}, content_type=CONTENT_TYPE)
    return problem


def json_problem(status_code: int, detail: str, code: str | None = None, **extra) -> JsonResponse:
    """A problem answered outside DRF (the body limit, before any view)."""
    return JsonResponse(body(status_code, detail, code, **extra), status=status_code,
                        content_type=CONTENT_TYPE)


def page_not_found(request, exception):
    """The project's 404 handler: under /api/ a problem (an id the URL cannot hold, such as a
    negative one, is as unknown as any other), elsewhere the portal's own page."""
    if request.path.startswith("/api/"):
        return json_problem(404, _("Niet gevonden."), "not_found")
    from django.views.defaults import page_not_found as portal_page

    return portal_page(request, exception)
