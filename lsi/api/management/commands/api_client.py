"""Create, rotate or revoke an API client as a coördinator; prints the token once.

    manage.py api_client create --by <coördinator> --partner UWV --name "UWV Signalen"
        --contact "Team Koppelingen, koppelingen@uwv.example" [--project 3 ...] [--days 365]
    manage.py api_client rotate --by <coördinator> --client 7
    manage.py api_client revoke --by <coördinator> --client 7
"""
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from projects.models import Partner, Project
from projects.refusals import Refused

from ... import clients
from ...models import ApiClient


class Command(BaseCommand):
    help = "Create, rotate or revoke an API client for a partner system (the token is shown once)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["create", "rotate", "revoke"])
        parser.add_argument("--by", required=True, help="username of the coördinator")
        parser.add_argument("--partner", help="partner code")
        parser.add_argument("--name")
        parser.add_argument("--contact", default="")
        parser.add_argument("--project", type=int, action="append", default=[],
                            help="a project it may deliver to (default: all the partner takes part in)")
        parser.add_argument("--days", type=int, default=365, help="valid for this many days")
        parser.add_argument("--client", type=int, help="id of the API client")

    def handle(self, *args, action, by, **options):
        coordinator = get_user_model().objects.filter(username=by).first()
        if coordinator is None:
            raise CommandError(f"no user {by!r}")
        try:
            if action == "create":
                if not options["partner"] or not options["name"]:
                    raise CommandError("create needs --partner and --name")
                partner = Partner.objects.filter(code=options["partner"]).first()
                if partner is None:
                    raise CommandError(f"no partner {options['partner']!r}")
                client, token = clients.create(
                    coordinator, partner=partner, name=options["name"], contact=options["contact"],
                    projects=list(Project.objects.filter(pk__in=options["project"])),
                    expires_at=timezone.now() + timedelta(days=options["days"]))
                self.stdout.write(f"client {client.pk} ({client.user.username})\n{token}")
                return
            client = ApiClient.objects.filter(pk=options["client"]).first()
            if client is None:
                raise CommandError("--client: no such API client")
            if action == "rotate":
                self.stdout.write(clients.rotate(client, coordinator))
            else:
                clients.revoke(client, coordinator)
                self.stdout.write(f"client {client.pk} revoked")
        except Refused as refused:
            raise CommandError(refused.message) from refused
