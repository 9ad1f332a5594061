from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from . import docs, views

app_name = "api"

urlpatterns = [
    path("v1/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("v1/docs/", docs.documentation, name="docs"),
    path("v1/projects/", views.ProjectList.as_view(), name="projects"),
    path("v1/projects/<int:pk>/", views.ProjectDetail.as_view(), name="project"),
    path("v1/projects/<int:pk>/batches/", views.BatchCreate.as_view(), name="deliver"),
    path("v1/projects/<int:pk>/signals/", views.SignalList.as_view(), name="signals"),
    path("v1/batches/<int:upload_pk>/", views.BatchDetail.as_view(), name="batch"),
    path("v1/signals/<int:signal_pk>/", views.SignalDetail.as_view(), name="signal"),
    path("v1/signals/<int:signal_pk>/withdraw/", views.SignalWithdraw.as_view(), name="withdraw"),
    path("v1/information-requests/", views.RequestList.as_view(), name="requests"),
    path("v1/information-requests/<int:request_pk>/", views.RequestDetail.as_view(), name="request"),
    path("v1/information-requests/<int:request_pk>/addresses/<int:item_pk>/answer/",
         views.RequestAnswer.as_view(), name="request_answer"),
]
