from django.urls import path

from . import views

app_name = "sso"
urlpatterns = [
    path("inloggen/organisatie/<slug:code>/", views.start, name="start"),
    path("inloggen/organisatie-terug/", views.Callback.as_view(), name="callback"),
    path("inloggen/organisatie-mislukt/", views.refused, name="refused"),
    path("beheer-inloggen/", views.providers, name="providers"),
    path("beheer-inloggen/nieuw/", views.provider_edit, name="provider_create"),
    path("beheer-inloggen/<int:provider_pk>/", views.provider_edit, name="provider_edit"),
    path("beheer-inloggen/verzoeken/<int:request_pk>/afgehandeld/", views.request_handled,
         name="request_handled"),
]
