"""The personal data of the reports: the bijlage met adressen (annex) and its file. The other
reports hold no personal data, or (inzage) are removed after LSI_REPORT_KEEP_DAYS anyway."""
from collections import Counter

from projects.dbguard import delete_with_history

from .models import ReportJob


def purge_all(project, counts: Counter) -> None:
    annexes = ReportJob.objects.filter(project=project, kind=ReportJob.Kind.ANNEX)
    for job in annexes:
        job.remove_file()
    delete_with_history(annexes, counts, "bijlagen met adressen")
