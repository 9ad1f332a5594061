from django.urls import path

from . import views

app_name = "agenda"

urlpatterns = [
    path("programma/agenda/", views.agenda_list, name="list"),
    path("programma/agenda/<int:agenda_pk>/", views.agenda_detail, name="detail"),
    path("programma/agenda/<int:agenda_pk>/wijzigen/", views.agenda_edit, name="edit"),
    path("programma/agenda/<int:agenda_pk>/vaststellen/", views.agenda_adopt, name="adopt"),
    path("programma/agenda/<int:agenda_pk>/thema/", views.theme_add, name="theme_add"),
    path("programma/agenda/<int:agenda_pk>/doel/", views.target_add, name="target_add"),
    path("programma/agenda/<int:agenda_pk>/risico/", views.risk_add, name="risk_add"),
    path("programma/agenda/<int:agenda_pk>/<str:part>/<int:part_pk>/verwijderen/", views.part_remove,
         name="part_remove"),
    path("programma/gebiedsgerichte-plannen/", views.area_plans, name="area_plans"),
    path("projecten/<int:pk>/thema/", views.project_theme, name="project_theme"),
    path("projecten/<int:pk>/interesseverkenning/", views.interest_survey, name="interest"),
    path("interesseverkenning/", views.interest_inbox, name="interest_inbox"),
    path("interesseverkenning/<int:question_pk>/", views.interest_answer, name="interest_answer"),
]
