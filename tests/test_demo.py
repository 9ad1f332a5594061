"""``make demo``: the port can be chosen, and a visitor sees the portal's own pages.

The commands are read from ``make -n demo`` (printed, not run) and the settings they name are
loaded in a fresh Python process with exactly the environment those commands give it.
"""
import json
import os
import shlex
import subprocess
import sys
import textwrap
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
VENV_PYTHON = PROJECT_DIR / ".venv" / "bin" / "python"
PYTHON = str(VENV_PYTHON if VENV_PYTHON.exists() else Path(sys.executable))


def demo_commands(*make_args: str) -> list[list[str]]:
    """The ``manage.py`` commands of ``make demo``, split into words."""
    printed = subprocess.run(["make", "-n", "demo", *make_args], cwd=PROJECT_DIR, check=True,
                             capture_output=True, text=True, timeout=60).stdout
    return [shlex.split(line) for line in printed.splitlines() if "manage.py" in line]


def environment_of(command: list[str]) -> dict[str, str]:
    """The environment a command runs in: ours, changed by its ``env -u NAME`` and ``NAME=value``."""
    environment = dict(os.environ)
    environment.pop("DJANGO_SETTINGS_MODULE", None)  # pytest's own, not the demo's
    words = iter(command[1:] if command[0] == "env" else [])
    for word in words:
        if word == "-u":
            environment.pop(next(words), None)
        elif "=" in word:
            name, value = word.split("=", 1)
            environment[name] = value
        else:
            break
    return environment


def test_make_demo_runs_the_server_on_the_port_asked_for():
    runserver = [c for c in demo_commands("PORT=8123") if "runserver" in c]

    assert len(runserver) == 1
    assert runserver[0][-1] == "127.0.0.1:8123"
    assert [c for c in demo_commands() if "runserver" in c][0][-1] == "127.0.0.1:8000"


PROBE = """
    import django, json
    django.setup()
    from django.conf import settings
    from django.test import Client
    browser = Client(HTTP_HOST="127.0.0.1")
    missing = browser.get("/bestaat-niet/")
    style = browser.get("/static/css/lsi.css")
    print(json.dumps({"debug": settings.DEBUG, "status": missing.status_code,
                      "page": missing.content.decode(), "style": style.status_code}))
"""


def test_the_demo_shows_the_portals_own_404_page_and_still_serves_its_style(tmp_path):
    commands = demo_commands()
    runserver = next(c for c in commands if "runserver" in c)
    environment = environment_of(runserver)
    environment["DATABASE_URL"] = f"sqlite:///{tmp_path / 'demo.sqlite3'}"  # not the demo's own

    result = subprocess.run([PYTHON, "-c", textwrap.dedent(PROBE)], cwd=PROJECT_DIR,
                            env=environment, capture_output=True, text=True, timeout=120)

    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    assert seen["debug"] is False
    assert seen["status"] == 404
    assert "Pagina niet gevonden" in seen["page"]  # templates/404.html, in Dutch
    assert "URLconf" not in seen["page"] and "urlpatterns" not in seen["page"]
    assert seen["style"] == 200
    # Migrating and seeding use the same settings (and so the same database) as the server.
    steps = [c for c in commands if {"migrate", "seed_demo"} & set(c)]
    assert len(steps) == 2
    assert {environment_of(c).get("DJANGO_SETTINGS_MODULE") for c in steps} == {
        environment.get("DJANGO_SETTINGS_MODULE")}
