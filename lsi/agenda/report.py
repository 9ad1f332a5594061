"""The agenda's section of the stuurgroep-overzicht: progress against the agenda that covers the
report's year, and the lead times from concept to signalering per project type."""
from .progress import agenda_progress, current_agenda, lead_times

TEMPLATE = "agenda/_steering_section.html"


def steering_figures(year: int, project_type: str = "", project_ids=None) -> dict:
    return {"agenda_section": steering_section(year, project_type)}


def steering_section(year: int, project_type: str = "") -> dict:
    agenda = current_agenda(year)
    progress = agenda_progress(agenda, only_year=year) if agenda is not None else None
    return {
        "year": year,
        "agenda": agenda,
        "progress_year": next((y for y in progress["years"] if y["year"] == year), None)
        if progress else None,
        "lead_times": lead_times(year, project_type),
    }
