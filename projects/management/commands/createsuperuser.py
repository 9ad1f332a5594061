"""``createsuperuser`` that takes the partner by its code (``--partner SZW``, or at the prompt),
as a person setting up the portal knows it, instead of a database id."""
from django.contrib.auth.management.commands import createsuperuser
from django.core.management import CommandError

from projects.models import Partner


def partner_pk(value) -> str:
    value = str(value or "").strip()
    if not value:
        return value
    partner = Partner.objects.filter(code__iexact=value).first()
    if partner is None and value.isdigit():
        partner = Partner.objects.filter(pk=int(value)).first()
    if partner is None:
        codes = ", ".join(Partner.objects.order_by("code").values_list("code", flat=True)) or "—"
        raise CommandError(f"Unknown partner {value!r}. Known partner codes: {codes}.")
    return str(partner.pk)


class Command(createsuperuser.Command):
    def handle(self, *args, **options):
        import os

        if options.get("partner"):
            options["partner"] = partner_pk(options["partner"])
        elif os.environ.get("DJANGO_SUPERUSER_PARTNER"):
            os.environ["DJANGO_SUPERUSER_PARTNER"] = partner_pk(os.environ["DJANGO_SUPERUSER_PARTNER"])
        return super().handle(*args, **options)

    def _get_input_message(self, field, default=None):
        if field.name == "partner":
            return "Partner (code, e.g. SZW): "
        return super()._get_input_message(field, default)

    def get_input_data(self, field, message, default=None):
        if field.name != "partner":
            return super().get_input_data(field, message, default)
        try:
            return field.clean(partner_pk(input(message) or default), None)
        except CommandError as error:
            self.stderr.write(f"Error: {error}")
            return None
