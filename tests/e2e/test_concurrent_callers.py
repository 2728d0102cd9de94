"""Concurrent callers with different roles each get their own answer (the local gateway must
not let one request read another's caller)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.e2e.conftest import Api

pytestmark = pytest.mark.e2e


def test_concurrent_callers_keep_their_roles(api: Api) -> None:
    def call(n: int) -> tuple[str, int]:
        if n % 3 == 0:
            return "portal", api.create_dossier().status
        if n % 3 == 1:
            return "reviewer", api.request("GET", "/dossiers?state=TO_REVIEW", token="dev-reviewer").status
        return "insurer", api.request("GET", "/closures", token="dev-insurer").status

    with ThreadPoolExecutor(16) as pool:
        results = list(pool.map(call, range(150)))
    expected = {"portal": 201, "reviewer": 200, "insurer": 200}
    assert [(role, status) for role, status in results if status != expected[role]] == []
