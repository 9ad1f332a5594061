"""Deliver a signal file from the command line, through the same code path as the browser."""
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from projects.models import Partner, Project
from signals.importer import IntakeClosed, import_file
from signals.models import Upload


class Command(BaseCommand):
    help = "Levert een CSV- of XLSX-bestand met signalen aan voor een project."

    def add_arguments(self, parser):
        parser.add_argument("--project", type=int, required=True, help="id van het project")
        parser.add_argument("--partner", required=True, help="code van de partner, bijv. UWV")
        parser.add_argument("--user", required=True, help="gebruikersnaam van de aanleverende medewerker")
        parser.add_argument("file", type=Path)

    def handle(self, *args, project, partner, user, file, **options):
        try:
            project_obj = Project.objects.get(pk=project)
            partner_obj = Partner.objects.get(code=partner)
            user_obj = get_user_model().objects.get(username=user, is_active=True)
        except (Project.DoesNotExist, Partner.DoesNotExist, get_user_model().DoesNotExist) as error:
            raise CommandError(f"Niet gevonden: {error}") from error
        if not file.is_file():
            raise CommandError(f"Bestand {file} bestaat niet.")
        try:
            upload = import_file(project_obj, partner_obj, user_obj, file.read_bytes(), file.name)
        except IntakeClosed as error:
            raise CommandError(error.message) from error
        for error in upload.errors:
            where = f"regel {error['row']}" if error["row"] else "bestand"
            column = f", kolom {error['column']}" if error["column"] else ""
            value = f" ('{error['value']}')" if error["value"] else ""
            self.stdout.write(f"{where}{column}{value}: {error['message']}")
        for group in upload.error_counts:
            if group["count"] > group["kept"]:
                column = f"kolom {group['column']}: " if group["column"] else ""
                self.stdout.write(f"{column}en nog {group['count'] - group['kept']} van deze soort "
                                  f"({group['message']})")
        self.stdout.write(
            f"{upload.file_name}: {upload.get_status_display()}; {upload.rows_total} regels, "
            f"{upload.rows_accepted} signalen opgeslagen, {upload.rows_review} ter beoordeling, "
            f"{upload.rows_already_delivered} al eerder aangeleverd, {upload.errors_total} meldingen."
        )
        if upload.status != Upload.Status.ACCEPTED or upload.rows_accepted == 0:
            raise CommandError("Er is niets opgeslagen.")
