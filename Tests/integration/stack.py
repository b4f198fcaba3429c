"""The real parts of a Nyumba deployment, started in a temporary folder for tests:
a private MariaDB, the `nyumba serve` responder, nginx in front of it, an SMTP sink
(aiosmtpd writing every message it receives into a Maildir), and the Daraja and Africa's
Talking SMS simulators."""

import email
import email.policy
import os
import secrets
import signal
import socket
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from pathlib import Path

from dataclasses import dataclass

import requests

REPO = Path(__file__).resolve().parents[2]
NAIROBI = timezone(timedelta(hours=3))
SANDBOX_PASSKEY = "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def nairobi_today(fmt: str = "%Y-%m-%d") -> str:
    """Today in Nairobi (the day the app uses), formatted; never the machine's own time zone."""
    return datetime.now(NAIROBI).strftime(fmt)


def wait_for(check, timeout=20.0, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    raise TimeoutError(f"timed out waiting for {what}")


def at_once(calls) -> list:
    """Runs every call of `calls` on its own thread, all started together (a double click, a flood);
    returns their results in order, or raises the first call's exception."""
    calls = list(calls)
    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        futures = [pool.submit(call) for call in calls]
        return [future.result() for future in futures]


@dataclass
class Email:
    """One message the SMTP sink received."""
    to: str
    subject: str
    body: str
    reply_to: str | None
    sender: str
    file: str


class Stack:
    """Starts and stops the parts; every process is stopped by its own PID."""

    def __init__(self, root: Path):
        self.root = root
        self.binary = os.environ.get("NYUMBA_BIN") or str(REPO / ".build/debug/nyumba")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.db_dir = root / "db"
        self.socket = root / "nyumba.sock"
        # Daraja's callbacks on a socket of their own, as `make run` and production.conf.example have them.
        self.daraja_socket = root / "nyumba-daraja.sock"
        self.responder = None
        self.responder_log = root / "responder.log"
        self.env = dict(
            os.environ,
            NYUMBA_FCGI_SOCKET=str(self.socket),
            NYUMBA_WORKERS="4",
            NYUMBA_DARAJA_FCGI_SOCKET=str(self.daraja_socket),
            NYUMBA_DARAJA_WORKERS="4",
            NYUMBA_PUBLIC_URL=self.base,
            NYUMBA_SECRET_KEY=secrets.token_hex(32),
            NYUMBA_ENCRYPTION_KEY=secrets.token_hex(32),
            NYUMBA_TEMPLATES_DIR=str(REPO / "templates"),
            NYUMBA_MIGRATIONS_DIR=str(REPO / "db/migrations"),
            NYUMBA_MAIL_DIR=str(root / "mail"),
            NYUMBA_HTTP_PORT=str(self.port),
            NYUMBA_STATIC_DIR=str(REPO / "static"),
            NYUMBA_MAIL_FROM="Nyumba <no-reply@nyumba.test>",
            NYUMBA_MAIL_RETRY_SECONDS="1",
            NYUMBA_LOGIN_LOCKOUT_SECONDS="3",
        )
        self.smtp_port = free_port()
        self.maildir = root / "smtp"
        self.smtp = None
        self.smtp_log = root / "smtp.log"
        self._parsed = {}
        self.env["NYUMBA_SMTP_URL"] = f"smtp://127.0.0.1:{self.smtp_port}"
        # The Daraja simulator, and the responder pointed at it (quick reconciler for tests).
        self.sim_port = free_port()
        self.sim = None
        self.sim_log = root / "daraja-sim.log"
        # Hex: never spells a word Daraja refuses in URLs (exe, sql, cmd…).
        self.callback_token = secrets.token_hex(24)
        self.env.update(
            NYUMBA_DARAJA_SIM_PORT=str(self.sim_port),
            NYUMBA_DARAJA_SIM_DELAY_MS="300",
            NYUMBA_DARAJA_BASE_URL=f"http://127.0.0.1:{self.sim_port}",
            NYUMBA_DARAJA_CONSUMER_KEY="sim-key",
            NYUMBA_DARAJA_CONSUMER_SECRET="sim-secret",
            NYUMBA_DARAJA_SHORTCODE="174379",
            NYUMBA_DARAJA_PASSKEY=SANDBOX_PASSKEY,
            NYUMBA_DARAJA_CALLBACK_TOKEN=self.callback_token,
            NYUMBA_RECONCILE_SECONDS="1",
            NYUMBA_PAYMENT_TIMEOUT_SECONDS="20",
            # A push answered after the client gave up (simulator outcomes 9995, 9994).
            NYUMBA_DARAJA_TIMEOUT_SECONDS="2",
            NYUMBA_DARAJA_SIM_LATE_ANSWER_MS="4000",
        )
        # The Africa's Talking SMS simulator, and the responder's SMS sender pointed at it.
        self.sms_sim_port = free_port()
        self.sms_sim = None
        self.sms_sim_log = root / "sms-sim.log"
        self.sms_token = secrets.token_hex(24)
        self.env.update(
            NYUMBA_SMS_SIM_PORT=str(self.sms_sim_port),
            NYUMBA_AT_BASE_URL=f"http://127.0.0.1:{self.sms_sim_port}",
            NYUMBA_AT_USERNAME="sandbox",
            NYUMBA_AT_API_KEY="sim-api-key",
            NYUMBA_SMS_DIR=str(root / "sms"),
            NYUMBA_SMS_RETRY_SECONDS="1",
            NYUMBA_SMS_REPORT_TOKEN=self.sms_token,
            # The simulator posts its delivery reports through nginx, as Africa's Talking would.
            NYUMBA_SMS_SIM_REPORT_URL=f"{self.base}/sms/reports/{self.sms_token}",
        )

    # MariaDB

    def start_database(self):
        out = subprocess.run(
            ["bash", str(REPO / "scripts/mariadb.sh"), "start", str(self.db_dir)],
            check=True, capture_output=True, text=True,
        ).stdout
        self.env["NYUMBA_DATABASE_URL"] = out.strip().splitlines()[-1]

    def stop_database(self):
        subprocess.run(["bash", str(REPO / "scripts/mariadb.sh"), "stop", str(self.db_dir)], check=True,
                       capture_output=True)

    def sql(self, statement: str) -> str:
        """Runs SQL as root over the private socket; returns tab-separated rows."""
        return subprocess.run(
            ["mariadb", f"--socket={self.db_dir / 'mysqld.sock'}", "-uroot", "-N", "-B", "nyumba",
             "-e", statement],
            check=True, capture_output=True, text=True,
        ).stdout

    # The SMTP sink

    def start_smtp(self):
        for sub in ("tmp", "new", "cur"):
            (self.maildir / sub).mkdir(parents=True, exist_ok=True)
        log = open(self.smtp_log, "ab")
        self.smtp = subprocess.Popen(
            ["python3", "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{self.smtp_port}",
             "-c", "aiosmtpd.handlers.Mailbox", str(self.maildir)],
            stdout=log, stderr=log)
        wait_for(lambda: self._smtp_listening() or self.smtp.poll() is not None, what="SMTP sink")
        if self.smtp.poll() is not None:
            raise RuntimeError(f"SMTP sink exited: {self.smtp_log.read_text()[-2000:]}")

    def _smtp_listening(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.smtp_port), timeout=0.5):
                return True
        except OSError:
            return False

    def stop_smtp(self):
        process, self.smtp = self.smtp, None
        if process is not None and process.poll() is None:
            process.terminate()
            process.wait(timeout=10)

    def emails(self) -> list[Email]:
        """Every message delivered so far, oldest first."""
        files = []
        for sub in ("new", "cur"):
            folder = self.maildir / sub
            if folder.exists():
                files.extend(p for p in folder.iterdir() if p.is_file())
        messages = []
        for path in files:
            if path.name not in self._parsed:
                message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
                body = message.get_body(preferencelist=("plain",))
                self._parsed[path.name] = (path.stat().st_mtime, Email(
                    to=str(message["To"].addresses[0].addr_spec),
                    subject=str(message["Subject"]),
                    body=body.get_content() if body is not None else "",
                    reply_to=message["Reply-To"].addresses[0].addr_spec if message["Reply-To"] else None,
                    sender=str(message["From"].addresses[0].addr_spec),
                    file=path.name))
            messages.append(self._parsed[path.name])
        return [m for _, m in sorted(messages, key=lambda pair: (pair[0], pair[1].file))]

    def wait_for_email(self, to: str, subject_contains: str = "", timeout: float = 20.0,
                       count: int = 1) -> Email:
        """The newest message to `to` whose subject contains the text, once `count` have arrived."""
        found = []

        def arrived():
            found[:] = [m for m in self.emails()
                        if m.to.lower() == to.lower() and subject_contains in m.subject]
            return len(found) >= count

        wait_for(arrived, timeout=timeout, what=f"email to {to} about {subject_contains!r}")
        return found[-1]

    # The Daraja simulator

    def _start_listener(self, command: str, port: int, log_path: Path) -> subprocess.Popen:
        """Starts `nyumba <command>` and waits until it listens on `port`."""
        log = open(log_path, "ab")
        process = subprocess.Popen([self.binary, command], env=self.env, cwd=REPO, stdout=log, stderr=log)
        wait_for(lambda: self._listening(port) or process.poll() is not None, what=command)
        if process.poll() is not None:
            text = log_path.read_text()
            shown = text if len(text) <= 3000 else f"{text[:1000]}\n[…]\n{text[-2000:]}"
            raise RuntimeError(f"{command} exited with status {process.returncode}: {shown}")
        return process

    @staticmethod
    def _stop(process):
        if process is not None and process.poll() is None:
            process.terminate()
            process.wait(timeout=10)

    def start_simulator(self):
        self.sim = self._start_listener("daraja-sim", self.sim_port, self.sim_log)

    def stop_simulator(self):
        process, self.sim = self.sim, None
        self._stop(process)

    # The SMS simulator

    def start_sms_simulator(self):
        self.sms_sim = self._start_listener("sms-sim", self.sms_sim_port, self.sms_sim_log)

    def stop_sms_simulator(self):
        process, self.sms_sim = self.sms_sim, None
        self._stop(process)

    @property
    def sms_sim_url(self) -> str:
        return f"http://127.0.0.1:{self.sms_sim_port}"

    def sms_messages(self, to: str | None = None) -> list[dict]:
        """The SMS the simulator accepted (those to `to`, an international number, when given), oldest first."""
        messages = requests.get(self.sms_sim_url + "/sim/messages", timeout=5).json()
        return [m for m in messages if to is None or to in m["to"]]

    @property
    def sim_url(self) -> str:
        return f"http://127.0.0.1:{self.sim_port}"

    @staticmethod
    def _listening(port: int) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            return False

    # The responder

    def nyumba(self, *args, env=None, **kwargs):
        """Runs a `nyumba` subcommand to completion with the stack's settings (or `env`)."""
        return subprocess.run([self.binary, *args], env=env or self.env, cwd=REPO, capture_output=True,
                              text=True, **kwargs)

    def start_responder(self, *args):
        """Starts `nyumba serve` with extra `args` (e.g. "--no-mailer")."""
        log = open(self.responder_log, "ab")
        self.responder = subprocess.Popen([self.binary, "serve", *args], env=self.env, cwd=REPO, stdout=log,
                                          stderr=log)
        wait_for(lambda: (self.socket.exists() and self.daraja_socket.exists()) or self.responder.poll() is not None,
                 what="responder sockets")
        if self.responder.poll() is not None:
            raise RuntimeError(f"responder exited: {self.responder_log.read_text()[-2000:]}")

    def stop_responder(self, sig=signal.SIGTERM, timeout=20) -> int:
        process, self.responder = self.responder, None
        if process is None or process.poll() is not None:
            return process.returncode if process else 0
        process.send_signal(sig)
        return process.wait(timeout=timeout)

    # nginx

    def start_nginx(self):
        subprocess.run(["bash", str(REPO / "scripts/nginx.sh"), "start", str(self.root / "nginx")],
                       env=self.env, check=True, capture_output=True)

    def stop_nginx(self):
        subprocess.run(["bash", str(REPO / "scripts/nginx.sh"), "stop", str(self.root / "nginx")],
                       env=self.env, capture_output=True)

    @property
    def nginx_error_log(self) -> str:
        path = self.root / "nginx" / "error.log"
        return path.read_text() if path.exists() else ""

    # All of it

    def start(self):
        self.root.mkdir(parents=True, exist_ok=True)
        self.start_database()
        self.start_smtp()
        self.start_simulator()
        self.start_sms_simulator()
        migrated = self.nyumba("migrate")
        assert migrated.returncode == 0, migrated.stderr
        self.start_responder()
        self.start_nginx()
        wait_for(lambda: self.healthy(), what="/healthz through nginx")

    def restart_responder(self):
        """Starts the responder again after it was stopped or killed, and waits until it answers."""
        self.stop_responder()
        for socket_file in (self.socket, self.daraja_socket):
            socket_file.unlink(missing_ok=True)  # SIGKILL leaves the socket files behind
        self.start_responder()
        wait_for(self.healthy, what="responder restarted")

    def healthy(self) -> bool:
        try:
            return requests.get(self.base + "/healthz", timeout=2).status_code == 200
        except requests.RequestException:
            return False

    def stop(self):
        self.stop_nginx()
        self.stop_responder()
        self.stop_simulator()
        self.stop_sms_simulator()
        self.stop_smtp()
        self.stop_database()

    def url(self, path: str) -> str:
        return self.base + path
