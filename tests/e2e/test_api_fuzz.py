"""API fuzzing: schemathesis generates requests from the OpenAPI document the local stack serves
(``GET /openapi.json``), valid ones and invalid ones, and sends them over HTTP with each
development token. Whatever it sends, the API never answers 5xx, and every answer is one the
document declares for its operation (status documented, body conforming to its schema).

A few dossiers exist before the fuzzing (in review, closed by the robot, document rejected,
awaiting its document), and half the generated dossier ids are replaced by one of them, so the
routes answer more than 404.

schemathesis' own pytest integration (``schema.parametrize`` / ``from_fixture``) does not run
under pytest 9 (it reads ``request.node._nodeid``): the operations are driven here with their
hypothesis strategies, every operation of the document in one test per token, and every
failure is reported at the end rather than the first one only.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from tests.e2e.conftest import CORPUS, VALID_FORM, Api, LocalStackProcess, http_request

pytestmark = pytest.mark.e2e

TOKENS = ["dev-portal", "dev-reviewer", "dev-insurer"]
MAX_EXAMPLES = 15  # per operation, per generation mode (valid, invalid), per token
SEEDS = ["04_Devis_LEFEVRE_2025_745.pdf", "01_DEV-2025-0736.pdf", "15_Devis_MOREAU_2025_164.pdf"]
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]


@pytest.fixture(scope="module")
def known_dossiers(api: Api) -> list[str]:
    """Dossiers in the states the robot leads to (review, closed, rejected document) and one
    still awaiting its document."""
    ids: list[str] = []
    for name in [*SEEDS, None]:
        created = api.create_dossier({**VALID_FORM, "claim_reference": f"SIN-FUZZ-{len(ids)}"})
        assert created.status == 201, created.body
        ticket = created.json()
        if name is not None:
            assert api.upload(ticket["upload"], CORPUS / name).status in (200, 201, 204)
        ids.append(str(ticket["dossier_id"]))
    for dossier_id in ids[: len(SEEDS)]:
        api.wait_for_state(dossier_id)
    return ids


@pytest.fixture(scope="module")
def api_schema(local_stack: LocalStackProcess) -> Any:
    return schemathesis.openapi.from_url(f"{local_stack.url}/openapi.json")


@pytest.fixture(scope="module")
def http_session() -> Iterator[requests.Session]:
    with requests.Session() as session:
        yield session


def fuzz_operation(
    operation: Any, token: str, base_url: str, session: requests.Session, known_dossiers: list[str]
) -> str | None:
    """Run the generated cases of one operation; the first failure, described, or None."""
    strategy = st.one_of(
        operation.as_strategy(generation_mode=GenerationMode.POSITIVE),
        operation.as_strategy(generation_mode=GenerationMode.NEGATIVE),
    )
    failure: list[str] = []

    @given(case=strategy, data=st.data())
    @settings(
        max_examples=2 * MAX_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],  # the first failure as found: no shrinking
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any, data: st.DataObject) -> None:
        if failure:
            return
        if case.path_parameters and "dossier_id" in case.path_parameters and data.draw(st.booleans()):
            case.path_parameters["dossier_id"] = data.draw(st.sampled_from(known_dossiers))
        try:
            case.call_and_validate(
                base_url=base_url,
                session=session,
                headers={"Authorization": f"Bearer {token}"},
                checks=CHECKS,
                timeout=30,
            )
        except (Exception, FailureGroup) as error:  # FailureGroup: a BaseExceptionGroup of check failures
            failure.append(f"{operation.method.upper()} {operation.path} as {token}: {error}")

    run()
    return failure[0] if failure else None


@pytest.mark.parametrize("token", TOKENS)
def test_api_answers_only_what_it_documents(
    token: str,
    api_schema: Any,
    local_stack: LocalStackProcess,
    http_session: requests.Session,
    known_dossiers: list[str],
) -> None:
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 13, [f"{op.method} {op.path}" for op in operations]
    failures = [
        failure
        for operation in operations
        if (failure := fuzz_operation(operation, token, local_stack.url, http_session, known_dossiers))
    ]
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize(
    ("token", "method", "path"),
    [("dev-portal", "POST", "/dossiers"), ("dev-reviewer", "POST", "/dossiers/{id}/assign")],
)
def test_a_body_that_is_not_utf8_is_refused_not_a_crash(
    token: str, method: str, path: str, api: Api, known_dossiers: list[str]
) -> None:
    """The gateway hands a non-UTF-8 body over base64-encoded (as API Gateway does for binary);
    decoding it must give a 4xx, not crash the function (502)."""
    response = http_request(
        method,
        api.base_url + path.format(id=known_dossiers[0]),
        b"\xff\xfe{",
        {"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
    )
    assert 400 <= response.status < 500, (response.status, response.body)


@pytest.mark.parametrize("token", TOKENS)
def test_every_schemathesis_phase_finds_no_server_error(
    token: str, local_stack: LocalStackProcess, known_dossiers: list[str], tmp_path: Path
) -> None:
    """schemathesis as a user runs it, every phase: the schema's examples, the coverage phase
    (boundary values, every invalid type, missing and extra parameters, methods the document does
    not declare), fuzzing and stateful sequences (links between operations). No 5xx, whatever
    the token, and what the API does not declare gets API Gateway's 4xx, not a crash."""
    command = [
        str(Path(sys.executable).parent / "schemathesis"),
        "run",
        f"{local_stack.url}/openapi.json",
        "--url",
        local_stack.url,
        "--phases",
        "examples,coverage,fuzzing,stateful",
        "--checks",
        "not_a_server_error",
        "--max-examples",
        "8",
        "--seed",
        "16",
        "--generation-deterministic",
        "--request-timeout",
        "30",
        "--suppress-health-check",
        "all",
        "--header",
        f"Authorization: Bearer {token}",
        "--report",
        "junit",
        "--report-dir",
        str(tmp_path),
    ]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=900, check=False, cwd=tmp_path)
    assert completed.returncode == 0, completed.stdout[-6000:] + completed.stderr[-2000:]
