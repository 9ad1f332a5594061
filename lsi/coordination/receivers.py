"""A stalled-phase flag (``projects.escalation``) opens a knelpunt; its resolution resolves it."""
from django.db.models.signals import post_save
from django.dispatch import receiver

from projects.models import EscalationFlag


@receiver(post_save, sender=EscalationFlag)
def knelpunt_for_stall(sender, instance, created, **kwargs):
    from . import knelpunten

    if created:
        knelpunten.open_for_flag(instance)
    elif instance.resolved_at is not None:
        knelpunten.resolve_for_flag(instance)
