"""Settings: configuration only from the environment, safe defaults, a production that refuses
unsafe values, and a clean ``manage.py check``.

Each settings module is imported in a fresh Python process with exactly the environment under
test, so nothing of this test run (DATABASE_URL, CELERY_BROKER_URL, …) leaks into it.
"""
import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from lsi.settings.base import DEV_SECRET_KEY

PROJECT_DIR = Path(__file__).resolve().parent.parent
VENV_PYTHON = PROJECT_DIR / ".venv" / "bin" / "python"
PYTHON = str(VENV_PYTHON if VENV_PYTHON.exists() else Path(sys.executable))
CONFIG_VARS = ("DATABASE_URL", "CELERY_BROKER_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS",
               "DJANGO_SETTINGS_MODULE")
CONFIG_PREFIXES = ("LSI_", "CELERY_", "AXES_")
PRODUCTION_SECRET = "p" * 20 + "-een-lange-willekeurige-sleutel-voor-productie-0123456789"


def run(code: str = "", *, args=(), argv=(), **env) -> subprocess.CompletedProcess:
    """Run Python (``-c code argv…``, or ``args``) in the project folder with only ``env`` as
    configuration."""
    environment = {k: v for k, v in os.environ.items()
                   if k not in CONFIG_VARS and not k.startswith(CONFIG_PREFIXES)}
    environment.update(env)
    command = [PYTHON, *args] if args else [PYTHON, "-c", textwrap.dedent(code), *argv]
    return subprocess.run(command, cwd=PROJECT_DIR, env=environment, capture_output=True,
                          text=True, timeout=120)


# Every scenario: (settings module, environment). One fresh process imports each in turn,
# with exactly that environment and with the settings modules dropped from sys.modules first.
SCENARIOS = {
    "dev": ("lsi.settings.dev", {}),
    "test": ("lsi.settings.test", {}),
    "production": ("lsi.settings.production", {
        "SECRET_KEY": PRODUCTION_SECRET, "ALLOWED_HOSTS": "lsi.example.nl, www.lsi.example.nl",
        "DATABASE_URL": "postgres://lsi:geheim@db:5432/lsi", "CELERY_BROKER_URL": "redis://redis:6379/0",
        "EMAIL_HOST": "smtp.lsi.example",
    }),
    "production-debug-true": ("lsi.settings.production",
                              {"SECRET_KEY": PRODUCTION_SECRET, "DEBUG": "true"}),
    "production-debug-1": ("lsi.settings.production",
                           {"SECRET_KEY": PRODUCTION_SECRET, "DEBUG": "1"}),
    "production-debug-ja": ("lsi.settings.production",
                            {"SECRET_KEY": PRODUCTION_SECRET, "DEBUG": "ja"}),
    "production-dev-key": ("lsi.settings.production", {"SECRET_KEY": DEV_SECRET_KEY}),
    "production-no-key": ("lsi.settings.production", {}),
    "production-short-key": ("lsi.settings.production", {"SECRET_KEY": "kort"}),
    "misspelled-boolean": ("lsi.settings.base", {"DEBUG": "misschien"}),
    "no-database-url": ("lsi.settings.base", {}),
    "database-url": ("lsi.settings.base",
                     {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/lsi"}),
    "no-broker": ("lsi.settings.base", {}),
    "broker": ("lsi.settings.base", {"CELERY_BROKER_URL": "redis://127.0.0.1:6399/0"}),
}
NAMES = ["DEBUG", "ALLOWED_HOSTS", "DATABASES", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE",
         "CELERY_TASK_ALWAYS_EAGER", "CELERY_BROKER_URL", "TIME_ZONE", "LANGUAGE_CODE",
         "INSTALLED_APPS", "CACHES", "SESSION_ENGINE", "MIDDLEWARE", "LOGGING"]
PROBE = """
    import importlib, json, os, sys
    scenarios, names = json.loads(sys.argv[1])
    baseline = dict(os.environ)
    results = {}
    for key, (module, env) in scenarios.items():
        os.environ.clear()  # dev.py sets defaults in os.environ: start each scenario afresh
        os.environ.update(baseline)
        os.environ.update(env)
        for loaded in [m for m in sys.modules if m.startswith("lsi.settings")]:
            del sys.modules[loaded]
        try:
            loaded = importlib.import_module(module)
        except Exception as error:
            results[key] = {"error": f"{type(error).__module__}.{type(error).__name__}",
                            "message": str(error)}
        else:
            results[key] = {name: getattr(loaded, name, None) for name in names}
    print(json.dumps(results, default=str))
"""


@pytest.fixture(scope="module")
def imported():
    """scenario → the settings it produced, or the error that refused it."""
    result = run(PROBE, argv=[json.dumps([SCENARIOS, NAMES])])
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# --- every settings module imports --------------------------------------------------------

def test_development_settings_import_with_debug_on_by_default(imported):
    assert imported["dev"]["DEBUG"] is True
    assert imported["dev"]["CELERY_TASK_ALWAYS_EAGER"] is True


def test_test_settings_import(imported):
    assert imported["test"]["DEBUG"] is False


def test_production_settings_import_with_a_valid_environment(imported):
    values = imported["production"]

    assert "error" not in values, values
    assert values["DEBUG"] is False
    assert values["ALLOWED_HOSTS"] == ["lsi.example.nl", "www.lsi.example.nl"]
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert values["DATABASES"]["default"]["HOST"] == "db"


def test_production_shares_state_between_processes_and_logs_json(imported):
    values = imported["production"]
    # Every web process and worker sees the same sessions, cache and database connections
    # that check themselves after a database restart.
    assert values["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"
    assert values["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert values["CACHES"]["default"]["LOCATION"] == "redis://redis:6379/0"
    assert values["DATABASES"]["default"]["CONN_HEALTH_CHECKS"] is True
    assert values["MIDDLEWARE"][0] == "lsi.health.HealthMiddleware"
    assert "lsi.logs.RequestLogMiddleware" in values["MIDDLEWARE"]
    assert values["LOGGING"]["handlers"]["console"]["formatter"] == "json"
    assert "lsi.logs.RequestLogMiddleware" not in imported["dev"]["MIDDLEWARE"]


def test_the_demo_data_and_benchmarks_are_installed_in_development_and_tests_only(imported):
    assert "lsi.devtools" in imported["dev"]["INSTALLED_APPS"]
    assert "lsi.devtools" in imported["test"]["INSTALLED_APPS"]
    assert "lsi.devtools" not in imported["production"]["INSTALLED_APPS"]


# --- production refuses unsafe values -----------------------------------------------------

def refusal(imported, scenario) -> str:
    outcome = imported[scenario]
    assert outcome.get("error") == "django.core.exceptions.ImproperlyConfigured", (
        f"{scenario}: the settings loaded instead of refusing: {outcome}"
    )
    return outcome["message"]


@pytest.mark.parametrize("debug", ["true", "1", "ja"])
def test_production_refuses_to_start_with_debug_on(imported, debug):
    assert "DEBUG" in refusal(imported, f"production-debug-{debug}")


@pytest.mark.parametrize("scenario", ["production-dev-key", "production-no-key",
                                      "production-short-key"])
def test_production_refuses_the_development_or_a_weak_secret_key(imported, scenario):
    assert "SECRET_KEY" in refusal(imported, scenario)


def test_a_misspelled_boolean_is_refused_not_guessed(imported):
    assert "DEBUG" in refusal(imported, "misspelled-boolean")


def test_production_refuses_debug_in_a_process_of_its_own():
    """The same refusal, seen as an operator sees it: the process stops."""
    result = run("import lsi.settings.production", SECRET_KEY=PRODUCTION_SECRET, DEBUG="true")

    assert result.returncode != 0
    assert "django.core.exceptions.ImproperlyConfigured" in result.stderr


# --- safe development defaults -----------------------------------------------------------

def test_database_defaults_to_sqlite_in_the_project_folder(imported):
    database = imported["no-database-url"]["DATABASES"]["default"]

    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert Path(database["NAME"]) == PROJECT_DIR / "db.sqlite3"


def test_database_url_from_the_environment_is_used(imported):
    database = imported["database-url"]["DATABASES"]["default"]

    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["NAME"]) == ("127.0.0.1", "lsi")


def test_tasks_are_eager_only_without_a_broker(imported):
    assert imported["no-broker"]["CELERY_TASK_ALWAYS_EAGER"] is True
    assert imported["broker"]["CELERY_TASK_ALWAYS_EAGER"] is False


CELERY_PROBE = """
    import django, json
    django.setup()
    from lsi.celery import app

    @app.task
    def add(x, y):
        return x + y

    print(json.dumps({"eager": app.conf.task_always_eager, "result": add.delay(2, 3).get()}))
"""


def test_without_a_broker_tasks_run_in_process(tmp_path):
    result = run(CELERY_PROBE, DJANGO_SETTINGS_MODULE="lsi.settings.test",
                 DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"eager": True, "result": 5}


def test_time_zone_is_amsterdam_and_language_is_dutch():
    assert settings.TIME_ZONE == "Europe/Amsterdam"
    assert settings.USE_TZ is True
    assert timezone.get_current_timezone_name() == "Europe/Amsterdam"
    assert settings.LANGUAGE_CODE == "nl"


# --- the login page ------------------------------------------------------------------------

def test_login_page_is_dutch_and_has_a_strict_content_security_policy(client, db):
    response = client.get(reverse("login"))

    assert response.status_code == 200
    policy = response.headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    page = response.content.decode()
    assert re.search(r'<html[^>]*\slang="nl"', page) and "Inloggen" in page
    # Nothing inline that the policy would block.
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)
    assert not re.search(r"\sstyle=", page) and "<style" not in page
    assert not re.search(r"\son[a-z]+=", page)


# --- manage.py ----------------------------------------------------------------------------

def test_manage_py_check_is_clean(tmp_path):
    result = run(args=["manage.py", "check", "--fail-level", "WARNING"],
                 DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_models_and_migrations_agree(tmp_path):
    result = run(args=["manage.py", "makemigrations", "--check", "--dry-run"],
                 DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "No changes detected" in result.stdout
