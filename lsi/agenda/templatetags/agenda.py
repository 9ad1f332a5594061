"""The programme's corner of the project page: the project's agenda theme and, while the plan is
made, the interesseverkenning. The project page loads this tag; the projects app itself knows
nothing of the agenda."""
from django import template

from .. import rules
from ..models import InterestQuestion, ProjectTheme

register = template.Library()


@register.inclusion_tag("agenda/_project_corner.html")
def agenda_corner(project, user):
    theme = ProjectTheme.objects.filter(project=project).select_related("theme__agenda").first()
    surveys = rules.survey_problem(user, project) is None
    return {
        "project": project,
        "theme": theme.theme if theme else None,
        "may_choose_theme": rules.theme_problem(user, project) is None,
        "shows_interest": surveys and (project.is_area_based),
        "interest_count": InterestQuestion.objects.visible_to(user).filter(project=project).count()
        if surveys else 0,
    }
