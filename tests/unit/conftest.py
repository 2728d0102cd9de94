"""Fixtures the unit tests share."""

from __future__ import annotations

import pytest

from billma_core.bareme import load_bareme
from billma_core.evaluation.matching import Matcher, matcher_for


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    """The matcher of the shipped barème, as the judge builds it (once per test file)."""
    return matcher_for(load_bareme())
