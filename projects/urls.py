from django.urls import path

from . import views

app_name = "projects"

urlpatterns = [
    path("", views.project_list, name="list"),
    path("nieuw/", views.project_create, name="create"),
    path("stuurgroep/", views.steering_overview, name="steering"),
    path("<int:pk>/", views.project_detail, name="detail"),
    path("<int:pk>/wijzigen/", views.project_edit, name="edit"),
    path("<int:pk>/partners/", views.participation_set, name="participation_set"),
    path("<int:pk>/partners/<int:participation_pk>/verwijderen/", views.participation_remove,
         name="participation_remove"),
    path("<int:pk>/partners/<int:participation_pk>/gerealiseerd/", views.realised_hours,
         name="realised_hours"),
    path("<int:pk>/akkoord/", views.agreement_answer, name="agreement"),
    path("<int:pk>/indienen/", views.submit, name="submit"),
    path("<int:pk>/besluit/", views.decide, name="decide"),
    path("<int:pk>/gereed/", views.confirm_ready, name="confirm_ready"),
    path("<int:pk>/toetsmoment/", views.checkpoint, name="checkpoint"),
    path("<int:pk>/fase/<slug:action>/", views.transition, name="transition"),
]
