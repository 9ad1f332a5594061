"""Response headers that Django's own settings do not cover."""

class SecurityHeadersMiddleware:
    """Adds the opener and permissions policies, and ``Cache-Control: no-store`` on every page of a
    signed-in user. (The Content-Security-Policy is django-csp's, configured in the settings.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        # A signed-in user's pages can hold personal data: never kept by a browser or proxy cache.
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response.headers["Cache-Control"] = "no-store"
        return response


class RequireTwoFactorMiddleware:
    """With LSI_2FA_REQUIRED, a logged-in user without a verified second factor can reach only
    the pages to verify or set one up (and log out); everything else redirects there."""

    OPEN_PREFIXES = ("/static/", "/i18n/", "/csp-rapport/")

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
        from projects import network

        request.request_id = network.request_id(request)
        response = self.get_response(request)
        response["X-Request-ID"] = request.request_id
        return response


class BodyLimitMiddleware:
    """Refuses a request body over its limit before anything reads it (413): for signed-in
    users and API clients the upload limit plus a margin for the form, for anonymous clients a
    few kilobytes (the login form); the API answers in problem details. The proxy limits
    bodies too; this holds when it does not."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.shortcuts import render

        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        api = request.path.startswith("/api/")
        if api:
            from lsi.api.authentication import usable_client

            signed_in = usable_client(request) is not None
        else:
            signed_in = request.user.is_authenticated
        if signed_in:
            limit = settings.LSI_UPLOAD_MAX_BYTES + settings.LSI_BODY_MARGIN_BYTES
        else:
            limit = settings.LSI_ANONYMOUS_BODY_MAX_BYTES
        if length > limit and api:
            from django.utils.translation import gettext as _

            from lsi.api.problems import json_problem

            response = json_problem(413, _("De aanvraag is groter dan %(n)s bytes.") % {"n": limit},
                                    "too_large", limit=limit, unit="bytes")
            response["Connection"] = "close"
            return response
        if length > limit:
            response = render(request, "413.html", {"limit": limit}, status=413)
            response["Connection"] = "close"
            return response
        return self.get_response(request)


class SessionLifetimeMiddleware:
    """However active, a session ends LSI_SESSION_MAX_SECONDS after login (the idle limit is
    SESSION_COOKIE_AGE). The login time is set by ``projects.receivers.note_login_time``.

    The idle limit moves on with activity: the session (and its expiry) is saved again once
    LSI_SESSION_TOUCH_SECONDS have passed since it was last saved, not on every request (a
    write and a commit per page view). So an idle session ends between SESSION_COOKIE_AGE
    minus that interval and SESSION_COOKIE_AGE after the last request, never later."""

    KEY = "lsi_login_at"
    TOUCHED = "lsi_touched_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        import time

        from django.conf import settings
        from django.contrib import messages
        from django.contrib.auth import logout
        from django.contrib.auth.views import redirect_to_login
        from django.utils.translation import gettext as _

        if request.user.is_authenticated:
            started = request.session.setdefault(self.KEY, int(time.time()))
            if time.time() - started > settings.LSI_SESSION_MAX_SECONDS:
                logout(request)
                messages.info(request, _("U bent automatisch uitgelogd: een sessie duurt hoogstens "
                                         "%(hours)s uur. Log opnieuw in.")
                              % {"hours": settings.LSI_SESSION_MAX_SECONDS // 3600})
                return redirect_to_login(request.get_full_path())
            now = int(time.time())
            if now - request.session.get(self.TOUCHED, 0) >= settings.LSI_SESSION_TOUCH_SECONDS:
                request.session[self.TOUCHED] = now  # modified: saved, with a new expiry
        return self.get_response(request)
