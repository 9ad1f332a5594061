from django.urls import path

from . import views

app_name = "learning"

urlpatterns = [
    path("projecten/<int:pk>/evaluatie/", views.evaluation_page, name="evaluation"),
    path("projecten/<int:pk>/evaluatie/tevredenheid/", views.satisfaction, name="satisfaction"),
    path("projecten/<int:pk>/evaluatie/sluiten/", views.close, name="close"),
    path("lessen/", views.lesson_list, name="lessons"),
    path("lessen/<int:lesson_pk>/verbergen/", views.lesson_hide, name="lesson_hide"),
]
