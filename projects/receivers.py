"""Receivers for events of libraries we do not call ourselves (django-axes lockouts,
django-guardian grant rows, group memberships)."""
from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from . import accesslog, events, querysets


@receiver(user_locked_out)
def log_lockout(sender, request, username, ip_address, **kwargs):
    """A lockout is a security event: it goes in the access log."""
    accesslog.record(request, events.LOGIN_BLOCKED, object_type="user", query=username or "",
                     allowed=False)


@receiver(post_save, sender="guardian.UserObjectPermission")
@receiver(post_delete, sender="guardian.UserObjectPermission")
@receiver(post_save, sender="guardian.GroupObjectPermission")
@receiver(post_delete, sender="guardian.GroupObjectPermission")
@receiver(m2m_changed, sender="projects.User_groups")
def forget_remembered_grants(**kwargs):
    """Grants remembered on user objects (``querysets.project_grants``) are stale now."""
    querysets.grants_changed()


def install_append_only_guards(sender, using="default", **kwargs):
    """After migrate: every history table and the access log refuse UPDATE and DELETE."""
    from . import dbguard

    dbguard.install()


@receiver(user_logged_in)
def note_login_time(sender, request, user, **kwargs):
    """The start of the session's absolute lifetime (lsi.middleware.SessionLifetimeMiddleware)."""
    import time

    if request is not None and hasattr(request, "session"):
        request.session["lsi_login_at"] = int(time.time())
