"""``billma local`` started as a subprocess, exactly as a developer runs it: the one launcher of the
end-to-end tests (``tests/e2e/conftest.py``) and of the scripts of ``bench/``.

The stack runs in its own process group (a ``kill -9`` of the group takes its worker processes
with it, and the group's CPU is the stack's), on a free port, with the environment of the caller
minus what could point it elsewhere (``AWS_*``) or configure it (``BILLMA_*``, given explicitly
as ``settings``, as a deployment would). Only the standard library: importing this module starts
nothing heavy.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

__all__ = ["LaunchError", "LocalStackProcess", "free_port", "launch", "running"]

REPOSITORY_ROOT = Path(__file__).resolve().parents[3]
START_TIMEOUT_SECONDS = 120.0


class LaunchError(RuntimeError):
    """``billma local`` stopped or did not become ready; the message ends with its log's tail."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class LocalStackProcess:
    url: str
    process: subprocess.Popen[bytes]
    log_path: Path
    started_seconds: float = 0.0

    def log_tail(self, lines: int = 60) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def interrupt(self, timeout: float = 60.0) -> int:
        """Ctrl-C (SIGINT), as a developer stops it; killed if it has not stopped in ``timeout``."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                return self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.kill_group()
        return int(self.process.returncode)

    def kill_group(self) -> int:
        """``kill -9`` of the whole process group (the stack and its worker processes)."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        return self.process.wait(timeout=60)


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/health", timeout=2) as response:  # noqa: S310 - our http:// URL
            return bool(response.status == 200)
    except (OSError, urllib.error.HTTPError):
        return False


def launch(
    log_path: Path,
    data_dir: Path,
    settings: Mapping[str, str] | None = None,
    workers: int | None = None,
    timeout: float = START_TIMEOUT_SECONDS,
) -> LocalStackProcess:
    """``billma local --port <free> --data-dir <data_dir>``, ready (``/health`` 200); its output is
    appended to ``log_path``. ``settings``: ``BILLMA_*`` variables it starts with."""
    port = free_port()
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("AWS_", "BILLMA_"))}
    environment["PYTHONUNBUFFERED"] = "1"
    environment.update(settings or {})
    command = [str(Path(sys.executable).parent / "billma"), "local", "--port", str(port), "--data-dir", str(data_dir)]
    if workers:
        command += ["--workers", str(workers)]
    started = time.monotonic()
    with log_path.open("ab") as log:
        process = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
            command, cwd=REPOSITORY_ROOT, stdout=log, stderr=subprocess.STDOUT, env=environment, start_new_session=True
        )
    stack = LocalStackProcess(f"http://127.0.0.1:{port}", process, log_path)
    while not _healthy(stack.url):
        if process.poll() is not None:
            raise LaunchError(f"billma local s'est arrêté (code {process.returncode}) :\n{stack.log_tail()}")
        if time.monotonic() - started > timeout:
            stack.kill_group()
            raise LaunchError(f"billma local n'est pas prêt après {timeout:.0f} s :\n{stack.log_tail()}")
        time.sleep(0.1)
    stack.started_seconds = time.monotonic() - started
    return stack


@contextmanager
def running(
    log_path: Path, data_dir: Path, settings: Mapping[str, str] | None = None, workers: int | None = None
) -> Iterator[LocalStackProcess]:
    """:func:`launch`, and Ctrl-C at the end unless the caller stopped or killed it."""
    stack = launch(log_path, data_dir, settings, workers)
    try:
        yield stack
    finally:
        stack.interrupt(timeout=30)
