from django.urls import path

from . import views

app_name = "capacity"

urlpatterns = [
    path("capaciteit/", views.overview, name="overview"),
    path("capaciteit/toezeggingen/", views.pledge_list, name="pledges"),
    path("capaciteit/toezeggingen/<int:pk>/", views.pledge_detail, name="pledge"),
    path("capaciteit/toezeggingen/<int:pk>/verwijderen/", views.pledge_delete, name="pledge_delete"),
    path("capaciteit/projecten/<int:pk>/", views.plan, name="plan"),
    path("capaciteit/opschortingen/", views.suspension_list, name="suspensions"),
    path("capaciteit/opschortingen/<int:pk>/", views.suspension_detail, name="suspension"),
]
