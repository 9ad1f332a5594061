"""Signing in through the own organisation, and the coördinator's pages for the providers."""
from urllib.parse import urlencode

from django import forms
from django.contrib import auth, messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from mozilla_django_oidc import views as oidc

from projects.history import save_with

from .backend import SESSION_OUTCOME, SESSION_PROVIDER
from .discovery import DiscoveryError, discover
from .middleware import SESSION_MFA
from .models import AccessRequest, IdentityProvider, may_manage


class _Start(oidc.OIDCAuthenticationRequestView):
    """The library's request view, with the chosen provider instead of one in the settings."""

    provider = None

    def __init__(self, **kwargs):
        super(oidc.OIDCAuthenticationRequestView, self).__init__(**kwargs)  # sets self.provider
        self.OIDC_OP_AUTH_ENDPOINT = self.provider.authorization_endpoint
        self.OIDC_RP_CLIENT_ID = self.provider.client_id

    def get_settings(self, attr, *args):
        if attr == "OIDC_AUTHENTICATION_CALLBACK_URL":
            return "sso:callback"
        if attr == "OIDC_USE_PKCE":
            return True
        return super().get_settings(attr, *args)


def start(request, code):
    """Off to the partner's provider; back at ``callback``."""
    provider = get_object_or_404(IdentityProvider.objects.for_login(), partner__code=code)
    request.session[SESSION_PROVIDER] = provider.pk
    request.session.pop(SESSION_OUTCOME, None)
    return _Start.as_view(provider=provider)(request)


class Callback(oidc.OIDCAuthenticationCallbackView):
    def get_settings(self, attr, *args):
        if attr == "LOGIN_REDIRECT_URL_FAILURE":
            return reverse("sso:refused")
        return super().get_settings(attr, *args)

    def login_success(self):
        outcome = self.request.session.get(SESSION_OUTCOME) or {}
        response = super().login_success()
        self.request.session.pop(SESSION_OUTCOME, None)
        if outcome.get("mfa"):
            # The organisation's provider asked a second factor: the portal does not ask again.
            self.request.session[SESSION_MFA] = self.user.pk
        return response


def refused(request):
    outcome = (request.session.get(SESSION_OUTCOME) or {}).get("failure", "refused")
    return render(request, "sso/refused.html", {"unknown": outcome == "unknown"}, status=403)


@require_POST
def logout(request):
    """Sign out of the portal and, after a sign-in through a provider, of that provider too."""
    provider = IdentityProvider.objects.filter(pk=request.session.get(SESSION_PROVIDER)).first()
    signed_in_through_it = provider is not None and request.user.is_authenticated \
        and getattr(request.user, "partner_id", None) == provider.partner_id
    hint = request.session.get("oidc_id_token", "")
    auth.logout(request)
    if signed_in_through_it and provider.end_session_endpoint:
        query = urlencode({"client_id": provider.client_id, "id_token_hint": hint,
                           "post_logout_redirect_uri": request.build_absolute_uri(reverse("login"))})
        # A page that goes on to the provider at once (and links there): a redirect answering
        # the sign-out form would go to another site, which the policy's form-action forbids.
        return render(request, "sso/signed_out.html", {
            "provider": provider, "end_session": f"{provider.end_session_endpoint}?{query}"})
    return redirect("login")


# --- the coördinator ------------------------------------------------------------------------

def _coordinator(request):
    if not may_manage(request.user):
        raise Http404


class ProviderForm(forms.ModelForm):
    issuer = forms.URLField(label=IdentityProvider._meta.get_field("issuer").verbose_name, max_length=300,
                            assume_scheme="https")
    reason = forms.CharField(label=gettext_lazy("Reden van de wijziging"), max_length=2000,
                             error_messages={"required": gettext_lazy("Geef de reden van de wijziging.")})

    class Meta:
        model = IdentityProvider
        fields = ["partner", "issuer", "client_id", "secret_variable", "identity_claim", "match_on",
                  "mfa_values", "active"]

    def clean(self):
        data = super().clean()
        if not self.errors and data.get("issuer"):
            try:
                self.endpoints = discover(data["issuer"])
            except DiscoveryError as error:
                self.add_error("issuer", str(error))
        return data


@login_required
def providers(request):
    _coordinator(request)
    return render(request, "sso/providers.html", {
        "providers": IdentityProvider.objects.visible_to(request.user).select_related("partner"),
        "requests": AccessRequest.objects.visible_to(request.user).open().select_related("provider__partner"),
    })


@login_required
def provider_edit(request, provider_pk=None):
    _coordinator(request)
    provider = get_object_or_404(IdentityProvider.objects.visible_to(request.user), pk=provider_pk) \
        if provider_pk else None
    form = ProviderForm(request.POST if request.method == "POST" else None, instance=provider)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        for key, value in form.endpoints.items():
            setattr(saved, key, value)
        save_with(saved, request.user, form.cleaned_data["reason"])
        messages.success(request, _("De identity provider van %(partner)s is opgeslagen.")
                         % {"partner": saved.partner})
        return redirect("sso:providers")
    return render(request, "sso/provider_edit.html", {
        "provider": provider, "form": form, "page_has_errors": bool(form.errors),
        "history": provider.history.select_related("history_user")[:20] if provider else []})


@login_required
@require_POST
def request_handled(request, request_pk):
    _coordinator(request)
    with transaction.atomic():
        access = get_object_or_404(AccessRequest.objects.visible_to(request.user).open()
                                   .select_for_update(), pk=request_pk)
        access.handled_at, access.handled_by = timezone.now(), request.user
        save_with(access, request.user, "Afgehandeld")
    messages.success(request, _("Het verzoek is afgehandeld."))
    return redirect("sso:providers")
