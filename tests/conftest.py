"""How the quick suite shares its test workers (pytest-xdist, ``--dist loadfile``): a test file stays on
one worker (its module fixtures are built once), and the files of one group below go to one worker
together, so what they all compute is computed once, in that process.

(xdist's own ``xdist_group`` mark renames a test's id, which pytest 9 ignores: the groups are named
here, by file.)"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from _pytest.mark.expression import Expression
from hypothesis import settings
from xdist.remote import Producer
from xdist.scheduler import LoadFileScheduling

ROOT = Path(__file__).resolve().parents[1]
E2E = ROOT / "tests" / "e2e"

# `make test` (CI, the check before a stop) draws the same examples every run
# (`--hypothesis-profile=repeatable`): a property's counterexample is found by a developer's plain
# `pytest`, which draws at random, and kept as an explicit example, never met by CI at random.
settings.register_profile("repeatable", derandomize=True)

# The files that match many wordings of the barème and the development sets: together, they fill the
# matcher's caches once. (Their checks over whole development sets are slow, run in one process.)
SHARED_WORKER = {
    "matcher": (
        "tests/unit/bareme/test_bareme_data.py",
        "tests/unit/bareme/test_synonym_sources.py",
        "tests/unit/evaluation/test_evidence.py",
        "tests/unit/evaluation/test_matching_variants.py",
        "tests/unit/evaluation/test_wording_set.py",
    ),
}
_GROUP_OF = {path: group for group, paths in SHARED_WORKER.items() for path in paths}
# A renamed file would silently leave its group.
assert all((ROOT / path).is_file() for path in _GROUP_OF), [p for p in _GROUP_OF if not (ROOT / p).is_file()]


class _FilesAndGroups(LoadFileScheduling):
    def _split_scope(self, nodeid: str) -> str:
        path = super()._split_scope(nodeid)
        return _GROUP_OF.get(path, path)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Producer) -> LoadFileScheduling | None:
    return _FilesAndGroups(config, log) if config.getvalue("dist") == "loadfile" else None


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """The end-to-end files are not even imported (Playwright, schemathesis: a second of each
    worker's collection) when the mark expression selects no test marked ``e2e``, whatever other
    marks such a test may carry: the expression is tried with ``e2e`` and every subset of the
    other names it mentions."""
    expression = config.option.markexpr
    if collection_path != E2E or not expression:
        return None
    compiled = Expression.compile(expression)
    names = sorted(set(re.findall(r"[A-Za-z_][\w.]*", expression)) - {"and", "or", "not", "e2e"})
    subsets = (others for size in range(len(names) + 1) for others in itertools.combinations(names, size))
    return None if any(_selects(compiled, {"e2e", *others}) for others in subsets) else True


def _selects(expression: Expression, marks: set[str]) -> bool:
    return expression.evaluate(lambda name, /, **_: name in marks)
