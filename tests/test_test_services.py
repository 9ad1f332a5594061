"""scripts/test_services.py, the script `make test` runs pytest in: it uses the PostgreSQL and
Redis at the configured addresses, or starts throwaway ones there and leaves nothing running."""
import importlib.util
import os
import re
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "test_services.py"
spec = importlib.util.spec_from_file_location("scripts_test_services", SCRIPT)
test_services = sys.modules[spec.name] = importlib.util.module_from_spec(spec)
spec.loader.exec_module(test_services)


def test_urls_give_the_address_to_check_or_start():
    address = test_services.parse_url("postgres://postgres:geheim@127.0.0.1:55432/lsi")
    assert (address.kind, address.host, address.port) == ("postgres", "127.0.0.1", 55432)
    assert (address.user, address.password, address.database) == ("postgres", "geheim", "lsi")
    assert test_services.parse_url("postgresql://db.example.nl/lsi").port == 5432
    broker = test_services.parse_url("redis://localhost/4")
    assert (broker.kind, broker.host, broker.port) == ("redis", "localhost", 6379)
    assert test_services.parse_url("redis://[::1]:6380/0").host == "::1"


def test_sqlite_an_empty_url_and_unix_sockets_are_left_alone():
    assert test_services.parse_url("sqlite:///tmp/demo.sqlite3") is None
    assert test_services.parse_url("") is None
    assert test_services.parse_url(None) is None
    assert test_services.parse_url("postgres:///lsi") is None
    assert test_services.parse_url("postgres://%2Fvar%2Frun%2Fpostgresql/lsi") is None


def test_only_this_machine_counts_as_loopback():
    for host in ("127.0.0.1", "127.0.0.2", "::1", "localhost"):
        assert test_services.is_loopback(host), host
    for host in ("10.0.0.5", "db", "db.example.nl", "0.0.0.0"):
        assert not test_services.is_loopback(host), host


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_script(env, command):
    return subprocess.run([sys.executable, str(SCRIPT), sys.executable, "-c", command],
                          env=env, capture_output=True, text=True, timeout=120)


def test_nothing_answers_away_from_this_machine_is_an_error_not_a_server():
    env = dict(os.environ, DATABASE_URL="sqlite:///:memory:",
               CELERY_BROKER_URL="redis://192.0.2.1:6379/0")  # TEST-NET-1: never answers
    result = run_script(env, "print('ran')")
    assert result.returncode == 1
    assert "ran" not in result.stdout
    assert "192.0.2.1:6379" in result.stderr


@pytest.mark.skipif(test_services.postgres_bindir() is None or test_services.redis_server() is None,
                    reason="PostgreSQL and Redis programs not installed (make test installs them)")
def test_throwaway_servers_answer_during_the_run_and_are_gone_afterwards():
    db_port, redis_port = free_port(), free_port()
    env = dict(os.environ,
               DATABASE_URL=f"postgres://postgres@127.0.0.1:{db_port}/lsi_throwaway",
               CELERY_BROKER_URL=f"redis://127.0.0.1:{redis_port}/0")
    check = textwrap.dedent(f"""
        import psycopg, redis, sys
        with psycopg.connect("{env['DATABASE_URL']}") as connection:
            print(connection.execute("SELECT current_database()").fetchone()[0])
        print(redis.Redis.from_url("{env['CELERY_BROKER_URL']}").ping())
        sys.exit(3)
    """)
    result = run_script(env, check)
    # The command's own exit status comes back, after it ran against both servers.
    assert result.returncode == 3, result.stderr
    assert result.stdout.split() == ["lsi_throwaway", "True"]
    # Afterwards nothing listens there and the temporary directories are gone.
    assert not test_services.answers("127.0.0.1", db_port)
    assert not test_services.answers("127.0.0.1", redis_port)
    directories = re.findall(r"started a throwaway \w+ at \S+ \((\S+)\)", result.stderr)
    assert len(directories) == 2, result.stderr
    assert not any(Path(d).exists() for d in directories)
