"""Extra responder nodes next to the stack's own: each a `nyumba serve` process with its
own socket and its own nginx, sharing the stack's MariaDB (and a Redis server if given)."""

import os
import subprocess
import time
from pathlib import Path

import requests

from stack import REPO, free_port, wait_for


def real_clock_env() -> dict:
    """The environment without libfaketime (`make test-calendar`): Redis keeps no dates, and neither
    redis-server nor redis-cli runs under a faked clock (they wait forever)."""
    return {name: value for name, value in os.environ.items() if name not in ("LD_PRELOAD", "FAKETIME")}

class RedisServer:
    """A private redis-server on a unix socket, stopped by its PID."""

    def __init__(self, root: Path):
        self.root = root
        self.socket = root / "redis.sock"
        self.process = None

    def start(self):
        self.root.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            ["redis-server", "--port", "0", "--unixsocket", str(self.socket), "--unixsocketperm", "700",
             "--save", "", "--appendonly", "no", "--dir", str(self.root)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=real_clock_env())
        wait_for(self.socket.exists, what="redis socket")

    @property
    def url(self) -> str:
        return f"unix://{self.socket}"

    def cli(self, *args) -> str:
        return subprocess.run(["redis-cli", "-s", str(self.socket), *args], capture_output=True, text=True,
                              check=True, env=real_clock_env()).stdout.strip()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


class Node:
    """One more responder behind one more nginx."""

    def __init__(self, stack, name: str, **env):
        self.root = stack.root / f"node-{name}"
        self.root.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.socket = self.root / "nyumba.sock"
        self.daraja_socket = self.root / "nyumba-daraja.sock"
        self.env = dict(stack.env, NYUMBA_FCGI_SOCKET=str(self.socket), NYUMBA_DARAJA_FCGI_SOCKET=str(self.daraja_socket),
                        NYUMBA_HTTP_PORT=str(self.port), **env)
        self.binary = stack.binary
        self.process = None

    # `nyumba serve`'s arguments: these nodes leave the email to the stack's responder.
    serve_args = ("--no-mailer",)

    def start(self):
        log = open(self.root / "responder.log", "ab")
        self.process = subprocess.Popen([self.binary, "serve", *self.serve_args], env=self.env, cwd=REPO,
                                        stdout=log, stderr=log)
        wait_for(lambda: (self.socket.exists() and self.daraja_socket.exists()) or self.process.poll() is not None,
                 what="node sockets")
        assert self.process.poll() is None, (self.root / "responder.log").read_text()[-2000:]
        subprocess.run(["bash", str(REPO / "scripts/nginx.sh"), "start", str(self.root / "nginx")],
                       env=self.env, check=True, capture_output=True)
        wait_for(lambda: requests.get(self.base + "/healthz", timeout=2).status_code == 200, what="node health")
        return self

    def url(self, path: str) -> str:
        return self.base + path

    def stop(self):
        subprocess.run(["bash", str(REPO / "scripts/nginx.sh"), "stop", str(self.root / "nginx")],
                       env=self.env, capture_output=True)
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)
