"""A roofer's, zinc worker's or carpenter's line after a storm read by its structure (helper j48,
session 21): what caused the loss, named after « par », says the state it left the thing in, never
what the line does, and names no work; a further step done to the same thing keeps the act the line
does to it; a part of a long thing (« tronçon ») is the part of the thing named after it; the work
platform by its public name. Wordings written for this test, none from a wording set;
each case marked « new » fails on the code and barème before j48 (checked), the others guard what
must stay."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from billma_core.evaluation.matching import Matcher
from billma_core.models import Unit


@pytest.mark.parametrize(
    ("text", "unit", "code"),
    [
        # new: « descellées » is a removal by its prefix, said by the storm: the line reseals.
        ("Tuiles faîtières descellées par les rafales, rescellées", Unit.ML, "TOI-004"),
        # guard: a participle whose agent is no cause stays the line's act.
        ("Parquet déposé par l'entreprise", Unit.M2, "SOL-001"),
        ("Closoir arraché par la tempête, faîtage refait à sec", Unit.ML, "TOI-004"),
    ],
)
def test_a_participle_said_by_a_cause_is_a_state(
    priced: Callable[[str, Unit], str | None], text: str, unit: Unit, code: str
) -> None:
    assert priced(text, unit) == code


def test_a_cause_names_no_work(matcher: Matcher) -> None:
    # new: « tronc » is no « tronçon » of pipe: the battens have no item.
    match = matcher.match("Remplacement des liteaux fendus par le tronc", Unit.ML)
    assert match.item is None
    assert all(c.item.code != "PLO-003" or c.score < 0.1 for c in match.candidates)


@pytest.mark.parametrize(
    ("text", "unit", "code"),
    [
        # new: the bagging is a step of the removal, not the insulation fitted again.
        ("Isolant des rampants : retrait et ensachage", Unit.M2, "PLA-012"),
        ("Laine de verre enlevée et ensachée", Unit.M2, "PLA-012"),
        # guard: a step that refits keeps its own act.
        ("Moquette déposée et évacuée", Unit.M2, "SOL-001"),
    ],
)
def test_a_further_step_keeps_the_lines_act(
    priced: Callable[[str, Unit], str | None], text: str, unit: Unit, code: str
) -> None:
    assert priced(text, unit) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # new: a length of downpipe is the gutter work, not a pipe's.
        ("Tronçon de descente pluviale écrasé, remplacé", "TOI-003"),
        # guard: a length of pipe stays the plumber's.
        ("Remplacement d'un tronçon de tuyau cuivre", "PLO-003"),
    ],
)
def test_a_length_is_the_part_of_the_thing_named_after_it(
    priced: Callable[[str, Unit], str | None], text: str, code: str
) -> None:
    assert priced(text, Unit.ML) == code


@pytest.mark.parametrize(
    ("text", "unit", "code"),
    [
        # new: the work platform by its public name.
        ("Nacelle articulée pour l'accès au toit", Unit.FORFAIT, "INS-007"),
    ],
)
def test_the_platform_by_its_public_name(
    priced: Callable[[str, Unit], str | None], text: str, unit: Unit, code: str
) -> None:
    assert priced(text, unit) == code
