#!/usr/bin/env python3
"""Run a command with PostgreSQL and Redis at the addresses of DATABASE_URL and CELERY_BROKER_URL.

    python scripts/test_services.py COMMAND [ARG ...]

For each of the two URLs: when something answers at its host and port, that service is used
as it is (the database of DATABASE_URL is created when it is missing). When nothing answers
and the host is this machine, a throwaway server is started there for the run: a fresh
PostgreSQL cluster (trust authentication, the user of the URL as superuser) or a Redis server
that keeps nothing on disk, each in its own temporary directory. The Debian packages
(postgresql, redis-server) are installed with apt-get only when their programs are missing,
without starting or enabling their system services. Whatever was started is stopped and its
directory removed when the command ends, fails or is interrupted.

Standard library only (psycopg, when installed, to create a missing database), so that
`make test` and CI share this one script.
"""
from __future__ import annotations

import contextlib
import glob
import ipaddress
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

POSTGRES_SCHEMES = {"postgres", "postgresql", "pgsql", "postgis"}
REDIS_SCHEMES = {"redis", "rediss"}
START_TIMEOUT = 30  # seconds


def say(message: str) -> None:
    print(f"test services: {message}", file=sys.stderr, flush=True)


@dataclass(frozen=True)
class Address:
    """Where a service of a URL lives."""

    kind: str  # "postgres" or "redis"
    host: str
    port: int
    user: str = ""
    password: str = ""
    database: str = ""

    @property
    def is_loopback(self) -> bool:
        return is_loopback(self.host)

    def __str__(self) -> str:
        return f"{self.kind} at {self.host}:{self.port}"


def parse_url(url: str | None) -> Address | None:
    """The PostgreSQL or Redis address of a URL; None for anything else (SQLite, empty, a
    Unix socket), which this script leaves alone."""
    if not url:
        return None
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in POSTGRES_SCHEMES:
        kind, default_port = "postgres", 5432
    elif scheme in REDIS_SCHEMES:
        kind, default_port = "redis", 6379
    else:
        return None
    host = parts.hostname  # lower-cased, without the brackets of an IPv6 address
    if not host or host.startswith("/") or "%2f" in (parts.netloc.lower()):
        return None
    return Address(
        kind=kind,
        host=host,
        port=parts.port or default_port,
        user=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
        database=unquote(parts.path.lstrip("/")) if kind == "postgres" else "",
    )


def is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def answers(host: str, port: int, timeout: float = 1.0) -> bool:
    """Whether something accepts a TCP connection at host:port."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        return False
    for family, kind, proto, _, address in infos:
        with socket.socket(family, kind, proto) as sock:
            sock.settimeout(timeout)
            if sock.connect_ex(address) == 0:
                return True
    return False


# --- finding and installing the programs -----------------------------------------------------

def postgres_bindir() -> Path | None:
    """The directory with initdb and postgres: the newest Debian version, else the PATH."""
    def version(path: str) -> tuple[int, ...]:
        return tuple(int(n) for n in re.findall(r"\d+", path))

    debian = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=version)
    if debian:
        return Path(debian[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def redis_server() -> str | None:
    return shutil.which("redis-server")


def install_packages(packages: list[str]) -> None:
    """apt-get install, without starting (or, under systemd, enabling) the packages' own
    services: the run starts its own servers and leaves nothing running afterwards."""
    if not shutil.which("apt-get"):
        sys.exit(f"test services: install {' and '.join(packages)} (no apt-get on this machine)")
    prefix: list[str] = []
    if os.geteuid() != 0:
        if not shutil.which("sudo"):
            sys.exit(f"test services: install {' and '.join(packages)}, "
                     f"e.g. apt-get install {' '.join(packages)} as root")
        prefix = ["sudo"]
    say(f"installing {' '.join(packages)} (apt-get), without starting their services")
    policy = Path("/usr/sbin/policy-rc.d")
    # policy-rc.d exit code 101: "action forbidden", the Debian way to install services
    # without starting them (invoke-rc.d and deb-systemd-invoke both ask it).
    own_policy = not policy.exists()
    if own_policy:
        subprocess.run([*prefix, "sh", "-c", f"printf '#!/bin/sh\\nexit 101\\n' > {policy} "
                        f"&& chmod 755 {policy}"], check=True)
    try:
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        apt = [*prefix, "env", "DEBIAN_FRONTEND=noninteractive", "apt-get"]
        subprocess.run([*apt, "update", "-qq"], check=True, env=env)
        subprocess.run([*apt, "install", "-y", "-qq", *packages], check=True, env=env)
    finally:
        if own_policy:
            subprocess.run([*prefix, "rm", "-f", str(policy)], check=False)
    if Path("/run/systemd/system").is_dir():
        units = {"postgresql": "postgresql.service", "redis-server": "redis-server.service"}
        subprocess.run([*prefix, "systemctl", "disable", "--now", "--quiet",
                        *(units[p] for p in packages)], check=False)


def ensure_programs(need_postgres: bool, need_redis: bool) -> None:
    missing = []
    if need_postgres and postgres_bindir() is None:
        missing.append("postgresql")
    if need_redis and redis_server() is None:
        missing.append("redis-server")
    if missing:
        install_packages(missing)


# --- throwaway servers -------------------------------------------------------------------------

def service_user() -> pwd.struct_passwd | None:
    """The unprivileged user the servers run as when we are root (initdb refuses root)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            return pwd.getpwnam(name)
    sys.exit("test services: running as root, but there is no 'postgres' or 'nobody' user "
             "to run the servers as")


class Servers:
    """The servers this run started; stop() stops them and removes their directories."""

    def __init__(self):
        self.processes: list[tuple[str, subprocess.Popen]] = []
        self.directories: list[Path] = []
        self.user = service_user()

    def _directory(self, kind: str) -> Path:
        path = Path(tempfile.mkdtemp(prefix=f"lsi-test-{kind}-"))
        self.directories.append(path)
        if self.user:
            os.chown(path, self.user.pw_uid, self.user.pw_gid)
        return path

    def _run_as(self, directory: Path) -> dict:
        if not self.user:
            return {}
        return {"user": self.user.pw_uid, "group": self.user.pw_gid, "extra_groups": [],
                "env": dict(os.environ, HOME=str(directory),
                            USER=self.user.pw_name, LOGNAME=self.user.pw_name)}

    def _spawn(self, name: str, command: list[str], directory: Path, log: Path):
        with open(log, "ab") as out:
            if self.user:
                os.chown(log, self.user.pw_uid, self.user.pw_gid)
            # Its own session: a Ctrl-C in the terminal reaches the test command, not the
            # servers, which are stopped in order afterwards.
            process = subprocess.Popen(command, cwd=directory, stdout=out, stderr=out,
                                       stdin=subprocess.DEVNULL, start_new_session=True,
                                       **self._run_as(directory))
        self.processes.append((name, process))
        return process

    def _wait(self, name: str, process: subprocess.Popen, ready, log: Path) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if process.poll() is not None:
                break
            if ready():
                return
            time.sleep(0.2)
        tail = log.read_text(errors="replace")[-3000:] if log.exists() else ""
        raise RuntimeError(f"{name} did not start:\n{tail}")

    def start_postgres(self, address: Address) -> None:
        bindir = postgres_bindir()
        directory = self._directory("postgres")
        data, log = directory / "data", directory / "server.log"
        superuser = address.user or "postgres"
        initdb = [str(bindir / "initdb"), "-D", str(data), "-U", superuser, "--auth=trust",
                  "-E", "UTF8", "--no-sync"]
        for locale in (["--locale=C.UTF-8"], ["--no-locale"]):
            result = subprocess.run([*initdb, *locale], cwd=directory, capture_output=True,
                                    text=True, **self._run_as(directory))
            if result.returncode == 0:
                break
            shutil.rmtree(data, ignore_errors=True)
        else:
            raise RuntimeError(f"initdb failed:\n{result.stdout}{result.stderr}")
        listen = "localhost" if address.host == "localhost" else address.host
        process = self._spawn("PostgreSQL", [
            str(bindir / "postgres"), "-D", str(data), "-p", str(address.port),
            "-k", str(directory), "-c", f"listen_addresses={listen}",
            # A throwaway cluster: durability buys nothing.
            "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
        ], directory, log)
        pg_isready = bindir / "pg_isready"

        def ready():
            if pg_isready.exists():
                return subprocess.run(
                    [str(pg_isready), "-q", "-h", address.host, "-p", str(address.port)],
                    check=False).returncode == 0
            return answers(address.host, address.port)

        self._wait("PostgreSQL", process, ready, log)
        say(f"started a throwaway PostgreSQL at {address.host}:{address.port} ({directory})")

    def start_redis(self, address: Address) -> None:
        directory = self._directory("redis")
        log = directory / "server.log"
        bind = "127.0.0.1" if address.host == "localhost" else address.host
        process = self._spawn("Redis", [
            redis_server(), "--port", str(address.port), "--bind", bind, "--save", "",
            "--appendonly", "no", "--dir", str(directory), "--daemonize", "no",
        ], directory, log)
        self._wait("Redis", process, lambda: redis_ping(address), log)
        say(f"started a throwaway Redis at {address.host}:{address.port} ({directory})")

    def stop(self) -> None:
        for name, process in reversed(self.processes):
            if process.poll() is None:
                # SIGINT is PostgreSQL's fast shutdown; Redis stops on it too.
                process.send_signal(signal.SIGINT)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
            say(f"stopped the throwaway {name}")
        self.processes.clear()
        for directory in self.directories:
            shutil.rmtree(directory, ignore_errors=True)
        self.directories.clear()


def redis_ping(address: Address) -> bool:
    try:
        with socket.create_connection((address.host, address.port), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(64).startswith((b"+PONG", b"-NOAUTH"))
    except OSError:
        return False


def ensure_database(address: Address) -> None:
    """Create the database of DATABASE_URL when it is missing (pytest-django makes its own
    test_ database beside it; `make bench` and the README commands use this one)."""
    if not address.database:
        return
    try:
        import psycopg
        from psycopg import sql
    except ImportError:
        return
    try:
        with psycopg.connect(host=address.host, port=address.port, dbname="postgres",
                             user=address.user or None, password=address.password or None,
                             autocommit=True, connect_timeout=10) as connection:
            exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                                        [address.database]).fetchone()
            if not exists:
                connection.execute(sql.SQL("CREATE DATABASE {}").format(
                    sql.Identifier(address.database)))
                say(f"created the database {address.database}")
    except psycopg.Error as error:
        say(f"could not check or create the database {address.database}: {error}".strip())


# --- the run ---------------------------------------------------------------------------------

class Interrupted(Exception):
    def __init__(self, signum: int):
        self.signum = signum


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    database = parse_url(os.environ.get("DATABASE_URL"))
    broker = parse_url(os.environ.get("CELERY_BROKER_URL"))
    wanted = [a for a in (database, broker) if a is not None]
    to_start = [a for a in wanted if not answers(a.host, a.port)]
    for address in to_start:
        if not address.is_loopback:
            say(f"nothing answers at {address.host}:{address.port}, and that is not this "
                f"machine: start {address.kind} there, or point the URL elsewhere")
            return 1
    for address in wanted:
        if address not in to_start:
            say(f"using the {address} that is running")

    def interrupt(signum, frame):
        raise Interrupted(signum)

    handlers = {s: signal.signal(s, interrupt) for s in (signal.SIGTERM, signal.SIGHUP)}
    servers = Servers()
    try:
        ensure_programs(any(a.kind == "postgres" for a in to_start),
                        any(a.kind == "redis" for a in to_start))
        for address in to_start:
            if address.kind == "postgres":
                servers.start_postgres(address)
            else:
                servers.start_redis(address)
        if database is not None:
            ensure_database(database)
        command = subprocess.Popen(argv)
        while True:
            try:
                code = command.wait()
                return 128 - code if code < 0 else code  # killed by a signal: as a shell says
            except KeyboardInterrupt:
                # Ctrl-C reached the command too (same process group): let it finish.
                continue
            except Interrupted as stop:
                command.send_signal(stop.signum)
                command.wait()
                return 128 + stop.signum
    except (RuntimeError, subprocess.CalledProcessError) as error:
        say(str(error))
        return 1
    except (Interrupted, KeyboardInterrupt):
        return 130
    finally:
        # Nothing may interrupt the clean-up itself.
        for s in handlers:
            signal.signal(s, signal.SIG_IGN)
        previous_int = signal.signal(signal.SIGINT, signal.SIG_IGN)
        servers.stop()
        signal.signal(signal.SIGINT, previous_int)
        for s, handler in handlers.items():
            signal.signal(s, handler)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
