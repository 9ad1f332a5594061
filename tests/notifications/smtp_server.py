"""A real SMTP server for the delivery tests: ``python -m aiosmtpd`` in its own process, storing
what it receives in a Maildir. ``StallingMailbox`` (``SmtpServer(stalling=True)``) stores each
message and then, while the control file ``stall`` exists, holds its answer to DATA: the sender
is caught in the middle of sending."""
import asyncio
import mailbox
import socket
import subprocess
import sys
import time
from pathlib import Path

from aiosmtpd.handlers import Mailbox
from django.conf import settings


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class StallingMailbox(Mailbox):
    """A Maildir handler that stores the message, then waits while ``<control>/stall`` exists
    (and meanwhile shows ``<control>/stalled``), before it answers 250."""

    def __init__(self, mail_dir, control_dir):
        super().__init__(mail_dir)
        self.control = Path(control_dir)

    async def handle_DATA(self, server, session, envelope):
        self.handle_message(self.prepare_message(session, envelope))
        if (self.control / "stall").exists():
            (self.control / "stalled").touch()
            while (self.control / "stall").exists():
                await asyncio.sleep(0.05)
        return "250 OK"

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 2:
            parser.error("StallingMailbox needs the maildir and the control directory")
        return cls(*args)


class SmtpServer:
    """``python -m aiosmtpd`` in its own process on a free port."""

    def __init__(self, tmp_path: Path, stalling: bool = False):
        self.port, self.maildir = free_port(), tmp_path / "maildir"
        self.control = tmp_path / "smtp-control"
        self.stalling = stalling
        self.process = None

    def start(self):
        handler = ["-c", "aiosmtpd.handlers.Mailbox", str(self.maildir)]
        if self.stalling:
            self.control.mkdir(exist_ok=True)
            handler = ["-c", f"{__name__}.StallingMailbox", str(self.maildir), str(self.control)]
        self.process = subprocess.Popen(
            [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{self.port}", *handler],
            cwd=settings.BASE_DIR, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("the SMTP server did not start")

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(10)
            self.process = None

    def messages(self):
        if not self.maildir.exists():
            return []
        return list(mailbox.Maildir(self.maildir, create=False))

    def stall(self):
        """Hold the answer to DATA from now on (``release`` ends it)."""
        (self.control / "stalled").unlink(missing_ok=True)
        (self.control / "stall").touch()

    def is_stalled(self) -> bool:
        return (self.control / "stalled").exists()

    def release(self):
        (self.control / "stall").unlink(missing_ok=True)

    def environment(self) -> dict:
        """The settings' environment of a worker process that sends to this server."""
        return {"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(self.port), "EMAIL_USE_TLS": "0",
                "EMAIL_USE_SSL": "0", "EMAIL_TIMEOUT": "60"}
