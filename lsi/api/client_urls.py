from django.urls import path

from . import client_views

app_name = "api_clients"

urlpatterns = [
    path("", client_views.client_list, name="list"),
    path("nieuw/", client_views.client_create, name="create"),
    path("<int:pk>/", client_views.client_detail, name="detail"),
    path("<int:pk>/nieuwe-sleutel/", client_views.client_rotate, name="rotate"),
    path("<int:pk>/intrekken/", client_views.client_revoke, name="revoke"),
]
