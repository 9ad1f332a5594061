#!/usr/bin/env python3
"""Seed the database of the production smoke test (scripts/prod_smoke.py); not for real use.

Runs with the test settings (the factories and the Zwolle world of the browser tests), before
the production processes start on the same database. Prints JSON for the load test: the
accounts (password and a TOTP key, so the load test logs in with two factors as production
demands), the projects and the agendapunt, and per partner the reference prefix its signals
carry, so that a response holding another partner's signals can be recognised.

    DATABASE_URL=postgres://… python scripts/prod_seed.py > seed.json
"""
import json
import os
import secrets
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "lsi.settings.test"

import django  # noqa: E402

django.setup()

from django.contrib.auth.hashers import PBKDF2PasswordHasher  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from projects.models import User  # noqa: E402
from signals.models import Upload  # noqa: E402
from tests.casetable.conftest import committed_item  # noqa: E402
from tests.e2e.world import zwolle  # noqa: E402
from tests.signals.conftest import csv_bytes, signal_row  # noqa: E402

PASSWORD = "Lasttest-" + secrets.token_hex(12)
MARKER = "LAST{code}-"  # every signal's referentie starts with its partner's marker


def rows(code: str, numbers) -> list[dict]:
    return [signal_row(huisnummer=str(n), referentie=f"{MARKER.format(code=code)}{n:05d}")
            for n in numbers]


def main() -> None:
    world = zwolle()
    from signals import importer

    for user, numbers in ((world.uwv_user, range(1, 41)), (world.svb_user, range(30, 61))):
        upload = importer.import_file(world.project, user.partner, user,
                                      csv_bytes(rows(user.partner.code, numbers)), "start.csv")
        assert upload.status == Upload.Status.ACCEPTED, upload.errors
    item = committed_item("pl-last")
    accounts = {}
    for username in ("uwv", "svb", "gemeente", "projectleider", "pl-last", "stuurgroep"):
        user = User.objects.get(username=username)
        # Hashed as production hashes (the test settings' fast hasher is not accepted there).
        user.password = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt())
        user.save()
        key = secrets.token_hex(20)
        TOTPDevice.objects.create(user=user, name="lasttest", key=key, confirmed=True)
        accounts[username] = {"key": key, "partner": user.partner.code}
    print(json.dumps({
        "password": PASSWORD, "accounts": accounts, "project": world.project.pk,
        "case_project": item.session.project_id, "item": item.pk,
        "markers": {code: MARKER.format(code=code) for code in ("UWV", "SVB")},
    }))


if __name__ == "__main__":
    main()
