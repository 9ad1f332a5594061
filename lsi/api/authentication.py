"""The API's one way in: ``Authorization: Bearer <token>`` of a usable API client.

The request then acts as the client's service user (a user of its partner), and
``request.auth`` is the client. A missing, wrong, revoked or expired token is a 401.
"""
from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions

from . import clients
from .rules import client_problem


def bearer_token(request) -> str | None:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    scheme, _sep, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def token_client(request):
    """The client whose token the request carries (usable or not), or None; looked up once
    per request."""
    http = getattr(request, "_request", request)
    if not hasattr(http, "_lsi_api_client"):
        token = bearer_token(http)
        client = clients.authenticate(token) if token else None
        http._lsi_api_client = (client, token is not None)
    return http._lsi_api_client[0]


class ClientTokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        token = bearer_token(request._request)
        if token is None:
            return None
        client = token_client(request)
        if client is None:
            raise exceptions.AuthenticationFailed(_("Deze API-sleutel is onbekend."))
        if problem := client_problem(client):
            raise exceptions.AuthenticationFailed(problem)
        if not client.user.is_active:
            raise exceptions.AuthenticationFailed(_("Deze API-sleutel is ingetrokken."))
        return client.user, client

    def authenticate_header(self, request):
        return 'Bearer realm="lsi"'


def usable_client(request):
    """The client of the request's token if that token is accepted now, else None."""
    client = token_client(request)
    if client is None or client_problem(client) or not client.user.is_active:
        return None
    return client
