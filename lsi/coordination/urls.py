from django.urls import path

from . import views

app_name = "coordination"

urlpatterns = [
    path("knelpunten/", views.register, name="register"),
    path("knelpunten/<int:pk>/", views.detail, name="detail"),
]
