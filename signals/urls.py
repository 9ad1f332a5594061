from django.urls import path, register_converter

from . import views
from .converters import ExportFormat

register_converter(ExportFormat, "fmt")

app_name = "signals"

urlpatterns = [
    path("projecten/<int:pk>/signalen/", views.signal_list, name="list"),
    path("projecten/<int:pk>/signalen/export.<fmt:fmt>", views.signal_export, name="export"),
    path("projecten/<int:pk>/signalen/aanleveren/", views.deliver, name="deliver"),
    path("projecten/<int:pk>/signalen/nieuw/", views.enter, name="enter"),
    path("projecten/<int:pk>/informatieverzoeken/", views.request_list, name="requests"),
    path("signalen/<int:signal_pk>/", views.signal_detail, name="detail"),
    path("signalen/<int:signal_pk>/intrekken/", views.signal_withdraw, name="withdraw"),
    path("aanleveringen/<int:upload_pk>/", views.upload_detail, name="upload_detail"),
    path("aanleveringen/<int:upload_pk>/status/", views.upload_status, name="upload_status"),
    path("informatieverzoeken/<int:request_pk>/", views.request_detail, name="request_detail"),
    path("informatieverzoeken/adres/<int:item_pk>/antwoord/", views.request_answer,
         name="request_answer"),
    path("sjabloon-signalen.<fmt:fmt>", views.template_file, name="template"),
]
