"""Where a request comes from: the client's address and the request id, resolved once.

Behind the TLS proxy every connection comes from the proxy, so ``REMOTE_ADDR`` is the proxy's
address. The client's own address is in the forwarded header the proxy sets; that header is
trusted only when ``LSI_TRUSTED_PROXIES`` says how many proxies stand in front of the
application (0: none, the header is ignored and anyone's claim in it is worthless). The lockout
(django-axes) and the access log read the same address, from here.
"""
import ipaddress
import re
import uuid

from django.conf import settings

REQUEST_ID = re.compile(r"[\w.-]{8,64}")


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def behind_trusted_proxy() -> bool:
    return settings.LSI_TRUSTED_PROXIES > 0


def client_ip(request) -> str | None:
    """The client's address: with N trusted proxies, the N-th address from the right of the
    forwarded header (each proxy appends the address it was connected from); else the
    connection's own address. A missing or malformed header falls back to the connection."""
    cached = getattr(request, "_lsi_client_ip", False)
    if cached is not False:
        return cached
    address = _valid(request.META.get("REMOTE_ADDR") or "")
    count = settings.LSI_TRUSTED_PROXIES
    if count > 0:
        key = "HTTP_" + settings.LSI_FORWARDED_FOR_HEADER.upper().replace("-", "_")
        hops = [hop for hop in request.META.get(key, "").split(",") if hop.strip()]
        if len(hops) >= count:
            address = _valid(hops[-count]) or address
    request._lsi_client_ip = address
    return address


def request_id(request) -> str:
    """The proxy's X-Request-ID when a trusted proxy is in front, else a new one: an id a client
    makes up itself never reaches the access log."""
    incoming = request.headers.get("X-Request-ID", "") if behind_trusted_proxy() else ""
    return incoming if REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
