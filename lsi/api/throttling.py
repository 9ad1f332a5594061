"""Rate limits per API client (DRF throttling), read from the settings on every call."""
from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from .models import ApiClient


class ClientRateThrottle(SimpleRateThrottle):
    """LSI_API_RATE calls per client (for example "120/min"); deliveries have their own,
    lower limit (LSI_API_DELIVERY_RATE). Counted in Django's cache (``CACHES``): one shared
    cache (Redis) for a limit over all web processes."""

    scope = "api"
    setting = "LSI_API_RATE"

    def get_rate(self):
        return getattr(settings, self.setting)

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, ApiClient):
            return None
        return f"lsi-api-throttle-{self.scope}-{request.auth.pk}"


class DeliveryRateThrottle(ClientRateThrottle):
    scope = "delivery"
    setting = "LSI_API_DELIVERY_RATE"

    def allow_request(self, request, view):
        if request.method != "POST":
            return True
        return super().allow_request(request, view)
