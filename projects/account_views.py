"""Account pages: the second factor (verify, set up, recovery codes), password change and the
coördinator's list of locked accounts."""
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token

from . import account, lockout, notifications
from .forms import EnrolmentCodeForm, IssueCodeForm, NotificationSettingsForm, TokenForm, UnlockForm
from .history import save_with


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse_lazy("home")


@login_required
def verify(request):
    """Second step of the login: a code from the authenticator app, or a recovery code."""
    if request.user.is_verified():
        return redirect(_next(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error("token", _("Deze code klopt niet of is al gebruikt. Probeer de volgende code."))
    return render(request, "account/verify.html", {"form": form, "next": _next(request)})


@login_required
def setup(request):
    """Set up the authenticator app; afterwards show the recovery codes once."""
    if account.has_device(request.user) and not request.user.is_verified():
        return redirect("account:verify")
    if account.enrolment_code_required(request.user) and not request.session.get(ENROLMENT_OK):
        return _enrolment_code(request)
    device = account.pending_totp(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = account.confirm_totp(request.user, form.cleaned_data["token"])
        if codes is not None:
            otp_login(request, request.user.totpdevice_set.get(confirmed=True))
            return render(request, "account/recovery_codes.html",
                          {"codes": codes, "next": _next(request)})
        form.add_error(
            "token", _("Deze code klopt niet. Controleer de tijd op uw telefoon en probeer opnieuw."))
    return render(request, "account/setup.html", {
        "form": form, "qr": account.qr_svg(device), "secret": account.manual_key(device),
        "next": _next(request),
    })


ENROLMENT_OK = "lsi_enrolment_code_ok"


def _enrolment_code(request):
    """First enrolment in production: the coördinator's activation code before the key is shown."""
    form = EnrolmentCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if account.redeem_enrolment_code(request.user, form.cleaned_data["code"]):
            request.session[ENROLMENT_OK] = True
            return redirect(f"{reverse('account:setup')}?next={_next(request)}")
        form.add_error("code", _("Deze activatiecode klopt niet, is al gebruikt of is verlopen. Vraag "
                                 "de coördinator (het LSI-secretariaat) om een nieuwe."))
    return render(request, "account/enrolment_code.html", {"form": form, "next": _next(request)})


@login_required
@require_POST
def recovery_codes(request):
    """New recovery codes (the old ones stop working); only with a verified second factor."""
    if not request.user.is_verified():
        raise Http404
    return render(request, "account/recovery_codes.html",
                  {"codes": account.new_recovery_codes(request.user), "next": reverse_lazy("home")})


@login_required
@require_POST
def recovery_codes_file(request):
    """The recovery codes just shown, as a text file to keep; only the user's own unused codes
    (the page sends back what it showed; nothing else is written into the file)."""
    codes = account.unused_recovery_codes(request.user, request.POST.getlist("code"))
    if not request.user.is_verified() or not codes:
        raise Http404
    lines = [_("Herstelcodes voor het LSI-portaal, gebruiker %(user)s.") % {"user": request.user.username},
             _("Elke code werkt één keer. Bewaar dit bestand op een veilige plek."), "", *codes, ""]
    response = HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="lsi-herstelcodes.txt"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def my_account(request):
    """Mijn account: the second factor, recovery codes, password, language and which e-mails."""
    user = request.user
    initial = {"language": user.language,
               **{f"kind_{kind}": notifications.mode_for(user, kind) for kind in notifications.KINDS}}
    form = NotificationSettingsForm(request.POST if request.method == "POST" else None,
                                    kinds=notifications.KINDS, initial=initial)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            for kind in notifications.KINDS:
                if form.cleaned_data[f"kind_{kind}"] != initial[f"kind_{kind}"]:
                    notifications.set_preference(user, kind, form.cleaned_data[f"kind_{kind}"])
            if form.cleaned_data["language"] != user.language:
                user.language = form.cleaned_data["language"]
                save_with(user, user, "Taal van e-mails gewijzigd")
        messages.success(request, _("Uw berichtinstellingen zijn opgeslagen."))
        return redirect("account:mine")
    return render(request, "account/my_account.html", {
        "has_device": account.has_device(user),
        "recovery_left": account.unused_recovery_codes_count(user),
        "notification_form": form, "page_has_errors": bool(form.errors),
    })


class PasswordChange(auth_views.PasswordChangeView):
    """Changing the password ends every other session of the user (Django's session hash)."""

    template_name = "account/password_change.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        messages.success(self.request, _("Uw wachtwoord is gewijzigd. Op andere apparaten bent u uitgelogd."))
        return super().form_valid(form)


@login_required
def locked(request):
    """The coördinator sees locked accounts and addresses and can lift each lock."""
    if not request.user.is_coordinator:
        raise Http404
    if request.method == "POST" and "issue_code_for" in request.POST:
        return _issue_code(request)
    form = UnlockForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            if username := form.cleaned_data["username"]:
                lockout.unlock_account(request, username)
                messages.success(request, _("Account %(name)s is ontgrendeld.") % {"name": username})
            else:
                address = form.cleaned_data["ip_address"]
                lockout.unlock_address(request, address)
                messages.success(request, _("Netwerkadres %(address)s is ontgrendeld.")
                                 % {"address": address})
            return redirect("account:locked")
        messages.error(request, _("Dit kon niet worden ontgrendeld: %(reason)s") % {
            "reason": " ".join(e for errors in form.errors.values() for e in errors)})
        return redirect("account:locked")
    return _locked_page(request)


def _locked_page(request, **extra):
    return render(request, "account/locked.html", {
        "attempts": lockout.locked_accounts(), "addresses": lockout.locked_addresses(),
        "address_limit": settings.LSI_ADDRESS_FAILURE_LIMIT,
        "issue_form": extra.pop("issue_form", None) or IssueCodeForm(), **extra})


def _issue_code(request):
    """The coördinator issues an activation code; it is shown on this response only."""
    form = IssueCodeForm(request.POST)
    if not form.is_valid():
        return _locked_page(request, issue_form=form)
    user = form.cleaned_data["issue_code_for"]
    code = account.issue_enrolment_code(request, user)
    return _locked_page(request, issued={"user": user, "code": code,
                                         "hours": account.ENROLMENT_CODE_HOURS})
