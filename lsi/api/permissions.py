from rest_framework.permissions import BasePermission

from .models import ApiClient


class IsApiClient(BasePermission):
    """Every API call but the schema and its documentation needs a usable client token."""

    def has_permission(self, request, view):
        return isinstance(request.auth, ApiClient)
