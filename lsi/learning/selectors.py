"""Reads of the lessons register: the lessons a search finds, and one page of them."""
from django.core.paginator import Page, Paginator
from django.db.models import Count, Window

from .models import Lesson

PER_PAGE = 25


def lessons_found(user, criteria: dict | None):
    """The lessons ``user`` sees that meet the search form's ``criteria`` (None: all), best
    first when words are searched, else newest first."""
    found = Lesson.objects.visible_to(user).select_related("project")
    if not criteria:
        return found
    for field in ("project_type", "format", "status"):
        if criteria.get(field):
            found = found.filter(**{field: criteria[field]})
    if criteria.get("theme"):
        found = found.filter(theme__icontains=criteria["theme"])
    if criteria.get("tag"):
        found = found.filter(tags__icontains=f",{criteria['tag'].strip().lower()},")
    if criteria.get("year"):
        found = found.filter(created_at__year=criteria["year"])
    return found.search(criteria.get("q", ""))


class _Counted:
    """What a Paginator counts when the total came with the page's rows."""

    def __init__(self, total: int):
        self.total = total

    def count(self) -> int:
        return self.total


def page_of(found, number, per_page: int = PER_PAGE) -> Page:
    """Page ``number`` of ``found`` and the number found, in one query (``COUNT(*) OVER ()``)
    instead of a count and a page: a search is then run once. As ``Paginator.get_page``: a
    page that is not a number is the first, a page past the end the last."""
    try:
        number = max(1, int(number))
    except (TypeError, ValueError):
        number = 1
    start = (number - 1) * per_page
    rows = list(found.annotate(found_total=Window(Count("*")))[start:start + per_page])
    if rows:
        total = rows[0].found_total
    elif number > 1:  # past the end (rare): count, then read the last page
        total = found.count()
        number = max(1, -(-total // per_page))
        rows = list(found[(number - 1) * per_page:number * per_page])
    else:
        total = 0
    return Page(rows, number, Paginator(_Counted(total), per_page))
