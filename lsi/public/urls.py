from django.urls import path

from . import manage_views, views

app_name = "public"

urlpatterns = [
    # Public, no login.
    path("register/", views.overview, name="overview"),
    path("register/over-de-lsi/", views.about, name="about"),
    path("register/projecten/<int:project_id>/", views.detail, name="detail"),
    path("register/open-data/v1/projecten.json", views.open_data_json, name="open_data_json"),
    path("register/open-data/v1/projecten.csv", views.open_data_csv, name="open_data_csv"),
    path("register/open-data/v1/schema.json", views.schema, name="schema"),
    path("register/taal/<str:code>/", views.language, name="language"),
    # Publishing, in the portal.
    path("projecten/<int:pk>/publicatie/", manage_views.publication, name="manage"),
    path("projecten/<int:pk>/publicatie/intrekken/", manage_views.withdraw, name="withdraw"),
]
