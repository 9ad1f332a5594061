"""Access-log events of accounts and the access log: each named once, here (``accesslog.event``)."""

from . import accesslog

ACCOUNT_UNLOCKED = accesslog.event("account.ontgrendeld", "Account ontgrendeld")
LOGIN_BLOCKED = accesslog.event("inloggen.geblokkeerd", "Inloggen geblokkeerd")
ACCESS_LOG_VIEW = accesslog.event("toegangslog.bekijken", "Toegangslog bekeken")
ACCESS_LOG_EXPORT = accesslog.event("toegangslog.export", "Toegangslog geëxporteerd")
