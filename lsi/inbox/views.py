"""The start page: the project start page with "Mijn taken" at the top."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from projects import selectors

from .selectors import my_tasks


@login_required
def home(request):
    context = selectors.start_page(request.user)
    context["tasks"] = my_tasks(request.user, stalled_projects=context["stalled"])
    return render(request, "projects/home.html", context)
