"""A real OpenID Connect provider (django-oauth-toolkit) in a second process on loopback, as a
fixture for the sign-in tests (tests/sso) and the browser journey (tests/e2e)."""
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from .prepare import CLIENT_SECRET

ROOT = Path(__file__).resolve().parents[3]
SECRET_VARIABLE = "LSI_OIDC_TEST_PROVIDER"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def provider(live_server, tmp_path_factory):
    """The provider's issuer URL; the portal (the live server) is registered as its client."""
    data = tmp_path_factory.mktemp("oidc-provider")
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_"))}
    env.update(OIDC_PROVIDER_DIR=str(data), DJANGO_SETTINGS_MODULE="tests.sso.provider.settings")
    subprocess.run([sys.executable, "-m", "tests.sso.provider.prepare", live_server.url], cwd=ROOT,
                   env=env, check=True, timeout=120)
    port = _free_port()
    log = open(data / "provider.log", "wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "tests.sso.provider.wsgi:application", "--bind",
         f"127.0.0.1:{port}", "--workers", "1", "--threads", "4", "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    issuer = f"http://127.0.0.1:{port}/o"
    deadline = time.monotonic() + 30
    while True:
        try:
            if requests.get(f"{issuer}/.well-known/openid-configuration", timeout=2).ok:
                break
        except requests.ConnectionError:
            pass
        if time.monotonic() > deadline or process.poll() is not None:
            process.kill()
            raise RuntimeError((data / "provider.log").read_text())
        time.sleep(0.2)
    os.environ[SECRET_VARIABLE] = CLIENT_SECRET
    yield issuer
    os.environ.pop(SECRET_VARIABLE, None)
    process.terminate()
    process.wait(timeout=10)
