"""Run `cleanup serve` as a child process on a free loopback port, for tests and benchmarks.

Both need the real server, started the way a user starts it, not an app object in
the same process; this waits until it answers and stops it however the caller exits.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# A first request loads what the answer needs (a score loads the readability data), which
# took more than httpx's default five seconds on a machine busy with other work.
CLIENT_TIMEOUT = 60.0


class ServeProcess:
    """`with ServeProcess() as server:` … `server.url` is the base URL, ending in '/';
    `server.client` is an httpx client that waits as long as a busy machine needs."""

    def __init__(self, *args: str, startup: float = 30.0) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self._command = [sys.executable, "-m", "cleanup", "serve", "--port", str(self.port), *args]
        self._startup = startup
        self._process: subprocess.Popen | None = None

    def __enter__(self) -> ServeProcess:
        # A file, not a pipe: a server that logs a lot must never block on a full pipe.
        self._log = tempfile.TemporaryFile("w+")
        self._process = subprocess.Popen(self._command, stdout=self._log, stderr=subprocess.STDOUT, text=True)
        deadline = time.monotonic() + self._startup
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"cleanup serve exited with {self._process.returncode}: {self.log()}")
            try:
                with urllib.request.urlopen(self.url + "v2/languages", timeout=2):
                    import httpx  # a test dependency, as this class is test and benchmark support
                    self.client = httpx.Client(timeout=CLIENT_TIMEOUT)
                    return self
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        self.__exit__(None, None, None)
        raise RuntimeError(f"cleanup serve did not answer on {self.url} within {self._startup:g} s")

    def log(self) -> str:
        """What the server printed so far."""
        self._log.seek(0)
        return self._log.read()

    def alive(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def __exit__(self, *exc) -> None:
        if self._process is None:
            return
        if hasattr(self, "client"):
            self.client.close()
        self._process.terminate()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._log.close()
