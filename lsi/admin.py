"""The admin site: staff with a verified second factor only; everyone else gets a 404."""
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.http import Http404


class LsiAdminSite(admin.AdminSite):
    site_header = "LSI-portaal beheer"
    site_title = "LSI-portaal beheer"

    def has_permission(self, request):
        verified = not settings.LSI_2FA_REQUIRED or request.user.is_verified()
        return super().has_permission(request) and verified

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def guarded(request, *args, **kwargs):
            # A logged-in user who is not staff learns nothing about the admin: 404.
            if request.user.is_authenticated and not request.user.is_staff:
                raise Http404
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            return inner(request, *args, **kwargs)

        guarded.__dict__.update(inner.__dict__)
        return guarded

    def login(self, request, extra_context=None):
        # Nobody signs in here: staff sign in on the portal's own login page (with the lockout
        # and the second factor), so the admin's login page is a 404 for everyone.
        raise Http404
