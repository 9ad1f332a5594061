from django.apps import apps
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import TemplateView

from lsi import csp
from lsi.inbox import views as inbox_views
from lsi.sso import views as sso_views
from projects import accesslog_views, notification_views

urlpatterns = [
    path("", inbox_views.home, name="home"),
    path("", include("lsi.public.urls")),  # early: the public register is asked most, by anyone
    path("inloggen/", auth_views.LoginView.as_view(), name="login"),
    path("uitloggen/", sso_views.logout, name="logout"),
    path("", include("lsi.sso.urls")),
    path("account/", include("projects.account_urls")),
    path("toegangslog/", accesslog_views.access_log, name="access_log"),
    path("toegangslog/export.csv", accesslog_views.access_log_export, name="access_log_export"),
    path("berichten/mislukt/", notification_views.failed_notifications, name="failed_notifications"),
    path("projecten/", include("projects.urls")),
    path("", include("signals.urls")),
    path("", include("casetable.urls")),
    path("", include("lsi.reports.urls")),
    path("", include("lsi.retention.urls")),
    path("", include("lsi.learning.urls")),
    path("", include("lsi.coordination.urls")),
    path("", include("lsi.capacity.urls")),
    path("", include("lsi.agenda.urls")),
    path("api/", include("lsi.api.urls")),
    path("api-clients/", include("lsi.api.client_urls")),
    path("toegankelijkheid/", TemplateView.as_view(template_name="accessibility.html"),
         name="accessibility"),
    path("csp-rapport/", csp.report, name="csp_report"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
]
# An unknown address under /api/ answers as the API does (problem details), elsewhere as a page.
handler404 = "lsi.api.problems.page_not_found"
if apps.is_installed("lsi.devtools"):  # development and the demo: example delivery files
    urlpatterns.append(path("demo/", include("lsi.devtools.urls")))
