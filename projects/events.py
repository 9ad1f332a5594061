"""Access-log events of accounts and the access log: each named once, here (``accesslog.event``)."""
from django.utils.translation import gettext_lazy as _

from . import accesslog

ACCOUNT_UNLOCKED = accesslog.event("account.ontgrendeld", _("Account ontgrendeld"))
LOGIN_BLOCKED = accesslog.event("inloggen.geblokkeerd", _("Inloggen geblokkeerd"))
ACCESS_LOG_VIEW = accesslog.event("toegangslog.bekijken", _("Toegangslog bekeken"))
ACCESS_LOG_EXPORT = accesslog.event("toegangslog.export", _("Toegangslog geëxporteerd"))
ADDRESS_UNLOCKED = accesslog.event("adres.ontgrendeld", _("Netwerkadres ontgrendeld"))
ENROLMENT_CODE_ISSUED = accesslog.event("account.activatiecode", _("Activatiecode uitgegeven"))
