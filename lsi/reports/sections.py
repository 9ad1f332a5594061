"""Sections that apps above the reports add to the stuurgroep-overzicht (screen and PDF alike).

An app registers a function in its ``AppConfig.ready``; the function takes the report's year
and project type and returns the context of its section, with ``template`` naming the template
that shows it (included by ``reports/_steering_body.html``). The reports app so shows the
programme's figures without importing the apps above it.
"""
from collections.abc import Callable

STEERING_SECTIONS: list[Callable[[int, str], dict]] = []


def register_steering_section(section: Callable[[int, str], dict]) -> None:
    if section not in STEERING_SECTIONS:
        STEERING_SECTIONS.append(section)


def steering_sections(year: int, project_type: str = "") -> list[dict]:
    return [section(year, project_type) for section in STEERING_SECTIONS]
