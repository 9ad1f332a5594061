from django.urls import path

from . import purpose_views, views

app_name = "reports"

urlpatterns = [
    path("projecten/<int:pk>/rapportage/", views.project_report, name="project"),
    path("projecten/<int:pk>/rapportage/bijlage/", views.project_annex, name="annex"),
    path("rapportages/stuurgroep/", views.steering_report, name="steering"),
    path("rapportages/aanvragen/", views.request_report, name="request"),
    path("rapportages/opdrachten/<int:job_pk>/status/", views.job_status, name="job_status"),
    path("rapportages/opdrachten/<int:job_pk>/pdf/", views.job_download, name="job_download"),
    path("inzage/", views.subject_access, name="subject_access"),
    path("projecten/<int:pk>/verwerkingsregister/", views.register, name="register"),
    # The purposes and their legal bases (the privacy officer maintains them).
    path("verwerkingsregister/doelen/", purpose_views.purposes, name="purposes"),
    path("verwerkingsregister/doelen/<int:purpose_pk>/", purpose_views.purpose_edit, name="purpose_edit"),
]
