"""Reports that span all apps: the project report, its annex and the stuurgroep-overzicht.

On screen they render at once; the PDF is made by a Celery task and downloaded through a
view that checks the same permission as the report itself.
"""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from projects import accesslog, filejobs
from projects.models import Project
from projects.roles import is_lead
from signals.addresses import KEY_RE

from . import events, figures, jobs
from .forms import ReportRequestForm, SteeringFilterForm, SubjectAccessForm
from .models import ReportJob
from .querysets import report_problem, with_plan_warnings


def _latest(user, **key):
    return ReportJob.objects.visible_to(user).filter(**key).first()


@login_required
def project_report(request, pk):
    project = get_object_or_404(Project.objects.visible_to(request.user), pk=pk)
    if report_problem(request.user, ReportJob.Kind.PROJECT, project):
        raise Http404
    whole_plan = with_plan_warnings(request.user, project)
    return render(request, "reports/project_report.html", {
        **figures.project_report(project, with_warnings=whole_plan),
        "job": _latest(request.user, kind=ReportJob.Kind.PROJECT, project=project, whole_plan=whole_plan),
        "kind": ReportJob.Kind.PROJECT, "is_lead": is_lead(request.user, project),
    })


@login_required
@transaction.atomic
def project_annex(request, pk):
    project = get_object_or_404(Project.objects.led_by(request.user), pk=pk)
    context = figures.project_annex(project)
    accesslog.record(request, events.ANNEX_VIEW, object_type="project_annex",
                     ids=[project.pk], project=project, rows=len(context["items"]))
    return render(request, "reports/project_annex.html", {
        **context, "job": _latest(request.user, kind=ReportJob.Kind.ANNEX, project=project),
        "kind": ReportJob.Kind.ANNEX,
    })


@login_required
def steering_report(request):
    if report_problem(request.user, ReportJob.Kind.STEERING):
        raise Http404
    form = SteeringFilterForm(request.GET or None, years=figures.years())
    year, project_type = None, ""
    if form.is_valid():
        year, project_type = form.cleaned_data["year"], form.cleaned_data["project_type"]
    context = figures.steering_report(year, project_type)
    return render(request, "reports/steering_report.html", {
        **context, "form": form, "kind": ReportJob.Kind.STEERING,
        "job": _latest(request.user, kind=ReportJob.Kind.STEERING, year=context["year"],
                       project_type=project_type),
    })


@login_required
@require_POST
def request_report(request):
    form = ReportRequestForm(request.POST)
    if not form.is_valid():
        raise Http404
    data = form.cleaned_data
    kind, project = data["kind"], None
    if kind not in (ReportJob.Kind.STEERING, ReportJob.Kind.SUBJECT_ACCESS):
        project = get_object_or_404(Project.objects.visible_to(request.user), pk=data["project"])
    if report_problem(request.user, kind, project):
        raise Http404
    if kind == ReportJob.Kind.SUBJECT_ACCESS and not data["subject"]:
        raise Http404
    job, created = jobs.request_report(
        request.user, kind, project=project,
        year=data["year"] if kind == ReportJob.Kind.STEERING else None,
        project_type=data["project_type"] if kind == ReportJob.Kind.STEERING else "",
        subject=data["subject"] if kind == ReportJob.Kind.SUBJECT_ACCESS else "",
    )
    if created:
        messages.success(request, _("De PDF wordt gemaakt. Deze pagina toont de voortgang."))
    else:
        messages.info(request, _("Deze rapportage wordt al gemaakt; er is geen tweede opdracht gestart."))
    return redirect(_page_of(job))


def _page_of(job: ReportJob) -> str:
    if job.kind == ReportJob.Kind.SUBJECT_ACCESS:
        return reverse("reports:subject_access") + f"?key={job.subject}"
    if job.kind == ReportJob.Kind.REGISTER:
        return reverse("reports:register", args=[job.project_id])
    if job.kind == ReportJob.Kind.STEERING:
        query = f"?year={job.year}" + (f"&project_type={job.project_type}" if job.project_type else "")
        return reverse("reports:steering") + query
    name = "reports:annex" if job.kind == ReportJob.Kind.ANNEX else "reports:project"
    return reverse(name, args=[job.project_id])


@login_required
def job_status(request, job_pk):
    job = get_object_or_404(ReportJob.objects.visible_to(request.user), pk=job_pk)
    return render(request, "reports/_job_region.html", {
        "job": job, "kind": job.kind, "project": job.project, "year": job.year,
        "project_type": job.project_type, "subject": job.subject})


@login_required
@transaction.atomic
def job_download(request, job_pk):
    job = get_object_or_404(ReportJob.objects.visible_to(request.user), pk=job_pk,
                            status=ReportJob.Status.DONE)
    if not job.has_file():
        raise Http404
    if job.kind == ReportJob.Kind.ANNEX:
        accesslog.record(request, events.ANNEX_DOWNLOAD, object_type="project_annex",
                         ids=[job.project_id], project=job.project, rows=1)
    if job.kind == ReportJob.Kind.SUBJECT_ACCESS:
        accesslog.record(request, events.SUBJECT_ACCESS_DOWNLOAD, object_type="address", rows=1,
                         addresses=[job.subject])
    return filejobs.download(job, job.download_name)


ACCESSES_PER_PAGE = 100


@login_required
@transaction.atomic
def subject_access(request):
    """Inzage (art. 15 AVG): everything held about one address, for the privacy officer."""
    if not request.user.is_privacy_officer:
        raise Http404
    key = request.GET.get("key", "")
    form = SubjectAccessForm(request.GET if "postcode" in request.GET else None)
    if form.is_valid():
        key = form.cleaned_data["address_key"]
    context = {"form": form, "key": key, "kind": ReportJob.Kind.SUBJECT_ACCESS}
    if key and KEY_RE.fullmatch(key):
        context.update(figures.subject_access(key))
        # On the page, the access history a hundred entries at a time; the PDF holds all of it.
        context["accesses"] = Paginator(context["accesses"], ACCESSES_PER_PAGE).get_page(
            request.GET.get("page"))
        context["job"] = _latest(request.user, kind=ReportJob.Kind.SUBJECT_ACCESS, subject=key)
        accesslog.record(request, events.SUBJECT_ACCESS_VIEW, object_type="address", addresses=[key],
                         rows=len(context["signals"]) + len(context["items"]))
    return render(request, "reports/subject_access.html", context)


@login_required
def register(request, pk):
    """Verwerkingsregister (art. 30 AVG) of one project: no personal data."""
    project = get_object_or_404(Project.objects.visible_to(request.user), pk=pk)
    return render(request, "reports/register.html", {
        **figures.processing_register(project), "kind": ReportJob.Kind.REGISTER,
        "job": _latest(request.user, kind=ReportJob.Kind.REGISTER, project=project),
    })
