"""Demo only: included by ``lsi.urls`` when ``lsi.devtools`` is installed (never in production)."""
from django.urls import path, re_path

from . import views

app_name = "demo"

urlpatterns = [
    re_path(r"^projecten/(?P<pk>[0-9]+)/signalen/voorbeeld\.(?P<kind>csv|xlsx)$",
            views.example_file, name="example"),
    path("projecten/<int:pk>/signalen/voorbeeld-met-fouten.csv", views.example_file,
         {"kind": "fouten"}, name="example_errors"),
]
