"""The capacity section of the stuurgroep report (registered in ``apps.py``): per partner the
hours committed in the report's year, pledged, free and over-committed per quarter, the frozen
hours of projects on hold, and the partner-wide suspensions with the projects they touch."""
from django.utils.translation import gettext as _

from lsi.reports.figures import bar_chart

from . import figures, suspensions
from .quarters import of_year

TEMPLATE = "capacity/_steering_section.html"


def steering_figures(year: int, project_type: str = "", project_ids=None) -> dict:
    committed = figures.committed_in_year(year, project_ids=project_ids)
    return {
        "capacity_chart": bar_chart(
            _("Capaciteit per partner in %(year)s: ingezet in projecten (uren)") % {"year": year},
            [(row["partner"], row["hours"]) for row in committed], _("Partner"), _("Uren")),
        "capacity_grid": figures.grid(of_year(year), project_ids=project_ids),
        "capacity_suspensions": suspensions.current_with_projects(),
    }
