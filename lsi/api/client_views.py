"""The coördinator's pages for API clients: the list, a new client (its token shown once), the
projects it may deliver to, a new token and revoking. Nobody else sees any of it (404)."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from projects.refusals import Refused, show_on

from . import clients
from .forms import ClientForm, ProjectsForm
from .models import ApiClient
from .querysets import client_participations
from .rules import manage_problem


def _managed(request, pk=None):
    """The clients this user manages (404 for everybody but the coördinator), or one of them."""
    if manage_problem(request.user):
        raise Http404
    found = ApiClient.objects.visible_to(request.user).select_related("partner", "user")
    return found if pk is None else get_object_or_404(found, pk=pk)


def _token_page(request, client, token):
    """The one time the token is shown: never cached, never stored."""
    response = render(request, "api/client_token.html", {"client": client, "token": token})
    add_never_cache_headers(response)
    return response


@login_required
def client_list(request):
    return render(request, "api/client_list.html", {"clients": _managed(request)})


@login_required
def client_create(request):
    _managed(request)
    form = ClientForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            client, token = clients.create(request.user, **form.service_data())
        except Refused as error:
            show_on(form, error)
        else:
            return _token_page(request, client, token)
    return render(request, "api/client_form.html", {"form": form, "page_has_errors": bool(form.errors)},
                  status=400 if form.errors else 200)


@login_required
def client_detail(request, pk):
    client = _managed(request, pk)
    form = ProjectsForm(request.POST if request.method == "POST" else None, partner=client.partner,
                        initial={"projects": client.projects.all()})
    if request.method == "POST" and form.is_valid():
        try:
            clients.set_projects(client, request.user, form.cleaned_data["projects"])
        except Refused as error:
            show_on(form, error)
        else:
            messages.success(request, _("De projecten van de API-client zijn opgeslagen."))
            return redirect("api_clients:detail", pk=client.pk)
    return render(request, "api/client_detail.html", {
        "client": client, "form": form, "participations": client_participations(client),
        "chosen": client.projects.exists(), "page_has_errors": bool(form.errors),
        "history": client.history.select_related("history_user")[:30]},
        status=400 if form.errors else 200)


def _confirmed_action(request, client, *, title, consequences, confirm_label, act):
    """Consequential steps ask first (the app's confirmation page), then act."""
    if client.revoked_at is not None:
        messages.error(request, _("Deze API-client is ingetrokken; maak een nieuwe aan."))
        return redirect("api_clients:detail", pk=client.pk)
    if request.method != "POST" or not request.POST.get("confirmed"):
        return render(request, "confirm.html", {
            "title": title, "consequences": consequences, "confirm_label": confirm_label,
            "action": request.path, "back": reverse("api_clients:detail", args=[client.pk])})
    try:
        return act()
    except Refused as error:
        messages.error(request, error.message)
        return redirect("api_clients:detail", pk=client.pk)


@login_required
def client_rotate(request, pk):
    client = _managed(request, pk)
    return _confirmed_action(
        request, client, title=_("Nieuwe sleutel voor %(name)s") % {"name": client.name},
        consequences=[_("De huidige sleutel werkt direct niet meer."),
                      _("De nieuwe sleutel ziet u één keer; geef hem veilig door aan de partner.")],
        confirm_label=_("Nieuwe sleutel uitgeven"),
        act=lambda: _token_page(request, client, clients.rotate(client, request.user)))


@login_required
def client_revoke(request, pk):
    client = _managed(request, pk)

    def revoke():
        clients.revoke(client, request.user)
        messages.success(request, _("De API-client is ingetrokken."))
        return redirect("api_clients:detail", pk=client.pk)

    return _confirmed_action(
        request, client, title=_("%(name)s intrekken") % {"name": client.name},
        consequences=[_("De sleutel werkt direct niet meer; elke aanroep krijgt 401."),
                      _("Dit is definitief: voor een nieuwe koppeling maakt u een nieuwe client.")],
        confirm_label=_("Definitief intrekken"), act=revoke)
