"""One local stack per test session: ``billma local`` started as a subprocess on a free port,
exactly as a developer runs it (:mod:`billma_cli.local.launcher`), and a small HTTP client to talk to it.

Later end-to-end tests (review flow, Playwright) reuse ``local_stack`` and ``api``.
"""

from __future__ import annotations

import json
import re
import signal
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

from billma_cli.local.launcher import LaunchError, LocalStackProcess, launch
from tests.sample_dossier import BEFORE_JUDGEMENT, PORTAL_FORM

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"

VALID_FORM: dict[str, Any] = {"claim_reference": "SIN-2025-000123", **PORTAL_FORM}


@dataclass
class Response:
    status: int
    headers: Mapping[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


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
        self, dossier_id: str, leave: tuple[str, ...] = BEFORE_JUDGEMENT, timeout: float = 30
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


def moto_endpoint(stack: LocalStackProcess) -> str:
    """moto's URL, from the local stack's banner (printed just after ``/health`` turns 200)."""
    deadline = time.monotonic() + 10
    while not (found := re.search(r"AWS simulé\s*:\s*(http://\S+)", stack.log_path.read_text())):
        assert time.monotonic() < deadline, stack.log_tail()
        time.sleep(0.1)
    return found.group(1)


def dossier_state(payload: Mapping[str, Any]) -> str:
    """The state of a GET /dossiers/{id} answer (the dossier at the top or under "dossier")."""
    dossier = payload.get("dossier", payload)
    return str(dossier["state"])


@contextmanager
def running_local_stack(
    log_dir: Path, settings: Mapping[str, str] | None = None, data_dir: Path | None = None
) -> Iterator[LocalStackProcess]:
    """``billma local --port <free> --data-dir <data_dir>`` in a subprocess (the launcher of
    :mod:`billma_cli.local.launcher`, shared with ``bench/``), stopped with Ctrl-C unless the test
    killed it; a stop that is not clean fails the test. ``settings``: ``BILLMA_*`` variables the
    stack starts with (as a deployment would set them)."""
    try:
        stack = launch(log_dir / "billma-local.log", data_dir or log_dir / "data", settings)
    except LaunchError as error:
        pytest.fail(str(error))
    try:
        yield stack
    finally:
        code = stack.interrupt(timeout=20)
    if code == -signal.SIGKILL:
        return  # killed by the test itself
    assert code == 0, f"arrêt par Ctrl-C non propre (code {code}) :\n{stack.log_tail()}"


@pytest.fixture(scope="session")
def local_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalStackProcess]:
    """One local stack shared by the e2e tests of the session."""
    with running_local_stack(tmp_path_factory.mktemp("local-stack")) as stack:
        yield stack


@pytest.fixture(scope="session")
def api(local_stack: LocalStackProcess) -> Api:
    return Api(local_stack.url)
