"""Things public documents name with another item's words are priced apart, by the barème's data
(its ``excludes``, each sourced): a porte-fenêtre is a window, a differential switch a protection
device, a glazing's joints the glazier's, a roller shutter's control electrical fitting. Each case
also shows the exclusion is what decides: without it, the line falls to the wrong item."""

from __future__ import annotations

import json
from typing import Any

import pytest

from billma_core.bareme import packaged_bareme_bytes, parse_bareme
from billma_core.evaluation.matching import Matcher, matcher_for
from billma_core.models import Unit

GLAZING = ("vitrage", "vitrerie", "vitre", "fenêtre")
CASES = [
    ("MEN-001", ("porte-fenêtre",), "Fourniture et pose d'une porte-fenêtre isolante alu", Unit.U),
    ("ELE-002", ("différentiel",), "Fourniture et pose d'un interrupteur différentiel 30 mA", Unit.U),
    ("PLO-007", GLAZING, "Réfection des joints d'étanchéité du vitrage", Unit.ML),
    ("PLO-007", GLAZING, "Joints d'étanchéité de la vitre à refaire", Unit.ML),
    ("PLO-007", GLAZING, "Joints d'étanchéité de fenêtre, remplacement", Unit.ML),
]
# A roller shutter's control: the switch's own names say it now (ELE-002 knows « commandes
# d'éclairage », a control is a switch), so the shutter's exclusion is a second guard, not the decider.
SHUTTER_CONTROLS = ["Pose d'une commande de volet roulant", "Commande du volet roulant, remplacement"]


def _priced(matcher: Matcher, wording: str, unit: Unit) -> set[str]:
    """Every item the line could be priced at: its parts, its match and its plausible close seconds."""
    match = matcher.match(wording, unit)
    codes = {item.code for item in match.parts}
    if match.item is not None:
        codes |= {candidate.item.code for candidate in match.candidates[: max(match.plausible, 1)]}
    return codes


def _without(code: str, excluded: tuple[str, ...]) -> Matcher:
    raw: dict[str, Any] = json.loads(packaged_bareme_bytes())
    for item in raw["items"]:
        if item["code"] == code:
            item["excludes"] = [word for word in item["excludes"] if word not in excluded]
    return matcher_for(parse_bareme(json.dumps(raw)))


@pytest.mark.parametrize(("code", "excluded", "wording", "unit"), CASES)
def test_the_excluded_thing_is_never_priced_at_the_item(
    matcher: Matcher, code: str, excluded: tuple[str, ...], wording: str, unit: Unit
) -> None:
    assert code not in _priced(matcher, wording, unit)
    assert code in _priced(_without(code, excluded), wording, unit)


@pytest.mark.parametrize(
    ("wording", "unit", "code"),
    [
        ("Fourniture et pose d'une porte-fenêtre isolante alu", Unit.U, "MEN-003"),
        ("Fourniture et pose d'un interrupteur différentiel 30 mA", Unit.U, "ELE-005"),
        ("Volet roulant : remplacement du tablier", Unit.U, "MEN-006"),
        ("Joint silicone de la baignoire à refaire", Unit.ML, "PLO-007"),
    ],
)
def test_the_thing_itself_keeps_its_item(matcher: Matcher, wording: str, unit: Unit, code: str) -> None:
    match = matcher.match(wording, unit)
    assert match.item is not None and match.item.code == code


@pytest.mark.parametrize("wording", SHUTTER_CONTROLS)
def test_a_shutter_control_is_a_switch(matcher: Matcher, wording: str) -> None:
    assert _priced(matcher, wording, Unit.U) == {"ELE-002"}
