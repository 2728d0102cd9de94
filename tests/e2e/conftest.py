"""One local stack per test session: ``billma local`` started as a subprocess on a free port,
exactly as a developer runs it, and a small HTTP client to talk to it.

Later end-to-end tests (review flow, Playwright) reuse ``local_stack`` and ``api``.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"
START_TIMEOUT_SECONDS = 90

VALID_FORM: dict[str, Any] = {
    "claim_reference": "SIN-2025-000123",
    "date_of_loss": "2025-03-16",
    "deductible": 150,
    "cover": "DEGATS_DES_EAUX",
    "policyholder_phone": "0612345678",
    "policyholder_email": "inconnu",
    "site_postal_code": "33400",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Response:
    status: int
    headers: Mapping[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class LocalStackProcess:
    url: str
    process: subprocess.Popen[bytes]
    log_path: Path
    started_seconds: float

    def log_tail(self, lines: int = 60) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


def http_request(
    method: str, url: str, body: bytes | None = None, headers: Mapping[str, str] | None = None, timeout: float = 30
) -> Response:
    request = urllib.request.Request(url, data=body, method=method, headers=dict(headers or {}))
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return Response(response.status, dict(response.headers), response.read())
    except urllib.error.HTTPError as error:
        return Response(error.code, dict(error.headers), error.read())


def multipart(
    fields: Mapping[str, str], file_field: str, filename: str, content: bytes, content_type: str
) -> tuple[bytes, str]:
    """A multipart/form-data body, file last (S3's POST Object requires it)."""
    boundary = f"billma-{uuid.uuid4().hex}"
    parts: list[bytes] = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; filename="{filename}"\r\n'
        f"Content-Type: {content_type}\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


@dataclass
class Api:
    """The local stack's HTTP API, with the development tokens."""

    base_url: str
    timings: dict[str, float] = field(default_factory=dict)

    def request(
        self,
        method: str,
        path: str,
        token: str | None = None,
        json_body: Any = None,
        headers: Mapping[str, str] | None = None,
    ) -> Response:
        all_headers = {"Accept": "application/json", **(headers or {})}
        body = None
        if json_body is not None:
            body = json.dumps(json_body).encode()
            all_headers["Content-Type"] = "application/json"
        if token is not None:
            all_headers["Authorization"] = f"Bearer {token}"
        return http_request(method, self.base_url + path, body, all_headers)

    def create_dossier(self, form: Mapping[str, Any] | None = None, token: str = "dev-portal") -> Response:
        return self.request("POST", "/dossiers", token=token, json_body=dict(form or VALID_FORM))

    def upload(self, upload: Mapping[str, Any], document: Path, content_type: str = "application/pdf") -> Response:
        """POST the document to the presigned POST as a browser or ``curl -F`` would."""
        fields = {**upload["fields"], "Content-Type": content_type}
        body, multipart_type = multipart(fields, "file", document.name, document.read_bytes(), content_type)
        return http_request("POST", upload["url"], body, {"Content-Type": multipart_type})

    def dossier(self, dossier_id: str, token: str = "dev-reviewer") -> Response:
        return self.request("GET", f"/dossiers/{dossier_id}", token=token)

    def wait_for_state(
        self, dossier_id: str, leave: tuple[str, ...] = ("AWAITING_DOCUMENT", "ANALYSING"), timeout: float = 30
    ) -> tuple[str, Any]:
        """Poll the dossier until its state is not in ``leave``; ``(state, last payload)``."""
        deadline = time.monotonic() + timeout
        state, payload = "", None
        while time.monotonic() < deadline:
            response = self.dossier(dossier_id)
            assert response.status == 200, response.body
            payload = response.json()
            state = dossier_state(payload)
            if state not in leave:
                return state, payload
            time.sleep(0.5)
        raise AssertionError(f"dossier {dossier_id} still {state} after {timeout} s: {payload}")


def dossier_state(payload: Mapping[str, Any]) -> str:
    """The state of a GET /dossiers/{id} answer (the dossier at the top or under "dossier")."""
    dossier = payload.get("dossier", payload)
    return str(dossier["state"])


@contextmanager
def running_local_stack(
    log_dir: Path, settings: Mapping[str, str] | None = None, data_dir: Path | None = None
) -> Iterator[LocalStackProcess]:
    """``billma local --port <free> --data-dir <data_dir>`` in a subprocess (its own process
    group), ready (``/health`` 200), stopped with SIGINT unless the test killed it.
    ``settings``: ``BILLMA_*`` variables the stack starts with (as a deployment would set them)."""
    port = free_port()
    log_path = log_dir / "billma-local.log"
    data_dir = data_dir or log_dir / "data"
    billma = Path(sys.executable).parent / "billma"
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("AWS_", "BILLMA_"))}
    environment["PYTHONUNBUFFERED"] = "1"
    environment.update(settings or {})
    started = time.monotonic()
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [str(billma), "local", "--port", str(port), "--data-dir", str(data_dir)],
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=environment,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    stack = LocalStackProcess(url, process, log_path, 0.0)
    try:
        while True:
            if process.poll() is not None:
                pytest.fail(f"billma local s'est arrêté (code {process.returncode}) :\n{stack.log_tail()}")
            if time.monotonic() - started > START_TIMEOUT_SECONDS:
                pytest.fail(f"billma local n'est pas prêt après {START_TIMEOUT_SECONDS} s :\n{stack.log_tail()}")
            try:
                if http_request("GET", url + "/health", timeout=2).status == 200:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        stack.started_seconds = time.monotonic() - started
        yield stack
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    if process.returncode == -signal.SIGKILL:
        return  # killed by the test itself
    assert process.returncode == 0, f"arrêt par Ctrl-C non propre (code {process.returncode}) :\n{stack.log_tail()}"


@pytest.fixture(scope="session")
def local_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalStackProcess]:
    """One local stack shared by the e2e tests of the session."""
    with running_local_stack(tmp_path_factory.mktemp("local-stack")) as stack:
        yield stack


@pytest.fixture(scope="session")
def api(local_stack: LocalStackProcess) -> Api:
    return Api(local_stack.url)
