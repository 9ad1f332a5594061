"""Sections that other apps add to the stuurgroep report (on screen and in its PDF).

An app above the reports registers a section when Django starts (its AppConfig.ready): a
template that the report includes, and a function ``(year, project_type, project_ids)`` that
returns the section's figures (``project_ids`` None: every project; else only those of the
report's type filter). The report itself knows none of them.
"""
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    name: str
    template: str
    figures: Callable


STEERING: dict[str, Section] = {}


def register_steering(section: Section) -> None:
    STEERING[section.name] = section


def steering(year: int, project_type: str, project_ids) -> dict:
    """The registered sections' figures, and their templates in order (``steering_sections``)."""
    context = {"steering_sections": [section.template for section in STEERING.values()]}
    for section in STEERING.values():
        context.update(section.figures(year, project_type, project_ids))
    return context
