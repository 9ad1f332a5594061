from django.urls import path

from . import account_views

app_name = "account"

urlpatterns = [
    path("", account_views.my_account, name="mine"),
    path("herstelcodes/bestand/", account_views.recovery_codes_file, name="recovery_codes_file"),
    path("code/", account_views.verify, name="verify"),
    path("tweestapsverificatie/", account_views.setup, name="setup"),
    path("herstelcodes/", account_views.recovery_codes, name="recovery_codes"),
    path("wachtwoord/", account_views.PasswordChange.as_view(), name="password_change"),
    path("geblokkeerd/", account_views.locked, name="locked"),
]
