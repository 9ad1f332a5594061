"""Response headers that Django's own settings do not cover."""

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)


class SecurityHeadersMiddleware:
    """Adds a strict Content-Security-Policy: no inline scripts or styles, no other origins."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


class RequireTwoFactorMiddleware:
    """With LSI_2FA_REQUIRED, a logged-in user without a verified second factor can reach only
    the pages to verify or set one up (and log out); everything else redirects there."""

    OPEN_PREFIXES = ("/static/", "/i18n/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.shortcuts import redirect
        from django.urls import reverse

        user = request.user
        if settings.LSI_2FA_REQUIRED and user.is_authenticated and not user.is_verified():
            allowed = {reverse("account:verify"), reverse("account:setup"), reverse("logout")}
            if request.path not in allowed and not request.path.startswith(self.OPEN_PREFIXES):
                from projects.account import has_device

                target = "account:verify" if has_device(user) else "account:setup"
                return redirect(f"{reverse(target)}?next={request.get_full_path()}")
        return self.get_response(request)


class RequestIdMiddleware:
    """Every request gets an id (from a trusted proxy's X-Request-ID, else a new one); it is in
    the access log and in the response, so a log entry can be traced to one request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        import re
        import uuid

        incoming = request.headers.get("X-Request-ID", "")
        request.request_id = incoming[:64] if re.fullmatch(r"[\w.-]{8,64}", incoming) else uuid.uuid4().hex
        response = self.get_response(request)
        response["X-Request-ID"] = request.request_id
        return response
