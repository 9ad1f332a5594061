"""docker-compose.yml, checked structurally: there is no container engine on the build machines,
so `docker compose config` cannot run here. This test does what it would check for this file
(valid YAML, the anchors merged, every reference to a service or volume defined, conditions
compose knows, variables in compose's syntax) and what the portal needs of it: every
application role started by its scripts/start-*.sh (the commands the production smoke test
runs), never as root, the web healthcheck on the readiness URL, no private-file volume."""
import os
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
APP_ROLES = {"migrate", "web", "worker", "beat"}
CONDITIONS = {"service_started", "service_healthy", "service_completed_successfully"}
SERVICE_KEYS = {"build", "image", "command", "environment", "volumes", "depends_on", "healthcheck",
                "restart", "ports", "expose", "user", "read_only", "tmpfs", "deploy"}


def test_the_file_has_only_keys_compose_knows_and_every_reference_is_defined():
    assert set(COMPOSE) <= {"services", "volumes", "x-app"}
    volumes = set(COMPOSE.get("volumes") or {})
    for name, service in SERVICES.items():
        assert set(service) <= SERVICE_KEYS, (name, set(service) - SERVICE_KEYS)
        assert "build" in service or "image" in service, name
        for dependency, condition in (service.get("depends_on") or {}).items():
            assert dependency in SERVICES, (name, dependency)
            assert condition["condition"] in CONDITIONS, (name, condition)
        for volume in service.get("volumes") or []:
            source = volume.split(":")[0]
            assert source.startswith((".", "/")) or source in volumes, (name, volume)
        if check := service.get("healthcheck"):
            assert check["test"][0] in {"CMD", "CMD-SHELL"}, name
            for key in ("interval", "timeout", "start_period"):
                assert key not in check or re.fullmatch(r"\d+(ms|s|m)", check[key]), (name, key)


def test_variables_use_compose_syntax_and_the_secrets_are_required():
    text = (ROOT / "docker-compose.yml").read_text()
    for variable in re.findall(r"\$\{([^}]*)\}", text):
        assert re.fullmatch(r"[A-Z_][A-Z0-9_]*(:?[-?][^}]*)?", variable), variable
    for secret in ("SECRET_KEY", "ALLOWED_HOSTS", "POSTGRES_PASSWORD"):
        assert f"${{{secret}:?" in text


def test_every_application_role_starts_with_its_script_as_a_non_root_user():
    smoke = (ROOT / "scripts/prod_smoke.py").read_text()
    for role in APP_ROLES:
        service = SERVICES[role]
        (script,) = service["command"]
        assert script == f"scripts/start-{role}.sh", role
        path = ROOT / script
        assert path.exists() and os.access(path, os.X_OK), script
        assert script in smoke, f"the smoke test does not start {role} the way compose does"
        uid = service["user"].split(":")[0]
        assert uid.isdigit() and int(uid) != 0, role
        assert service["environment"]["DJANGO_SETTINGS_MODULE"] == "lsi.settings.production"
        assert "PRIVATE_FILES_ROOT" not in service["environment"]  # files are in the database
    assert "USER lsi" in (ROOT / "Dockerfile").read_text()


def test_web_waits_for_the_migrations_and_is_healthy_only_when_ready():
    web = SERVICES["web"]
    assert web["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert "http://localhost:8000/health/ready/" in web["healthcheck"]["test"]
    assert SERVICES["proxy"]["depends_on"]["web"]["condition"] == "service_healthy"
    assert SERVICES["worker"]["deploy"]["replicas"] >= 2


def test_no_node_keeps_files_of_its_own():
    assert "private-files" not in (COMPOSE.get("volumes") or {})
    for name in APP_ROLES:
        assert not SERVICES[name].get("volumes"), name
