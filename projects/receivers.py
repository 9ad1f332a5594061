"""Receivers for events of libraries we do not call ourselves (django-axes lockouts)."""
from axes.signals import user_locked_out
from django.dispatch import receiver

from . import accesslog


@receiver(user_locked_out)
def log_lockout(sender, request, username, ip_address, **kwargs):
    """A lockout is a security event: it goes in the access log."""
    accesslog.record(request, "inloggen.geblokkeerd", object_type="user", query=username or "",
                     allowed=False)


def install_append_only_guards(sender, using="default", **kwargs):
    """After migrate: every history table and the access log refuse UPDATE and DELETE."""
    from . import dbguard

    dbguard.install()
