"""The API's documentation page: Swagger UI from the drf-spectacular-sidecar package, started
by a static script (no inline script or style, so the strict Content-Security-Policy holds)."""
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def documentation(request):
    return render(request, "api/docs.html")
