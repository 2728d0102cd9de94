"""A work a line says it does not include ("… non compris", "hors …", "sauf …", "… à la charge du
client", "(non inclus)") is no work of the line: it is never added to its price. The barème's
vocabulary holds the words (``exclusion_words``). Also: a line measured in m² or ml is never an hour
of labour; a rainwater downpipe (« tuyau de descente », « EP ») is
the gutter item, not a plumbing pipe; what the water touched says why, not what; « assainissement »
is the disinfection and « frais d'approche » the travel cost. Wordings written for this test."""

from __future__ import annotations

import pytest

from billma_core.evaluation.matching import Matcher
from billma_core.models import Unit


def _reading(matcher: Matcher, text: str, unit: Unit) -> tuple[object, ...]:
    match = matcher.match(text, unit)
    return (match.item, match.parts, match.removal, match.plausible)


@pytest.mark.parametrize(
    ("text", "without", "unit"),
    [
        # After the work, back to the joining word when the statement starts the line.
        ("Dépose moquette et ragréage non compris", "Dépose moquette", Unit.M2),
        ("Dépose carrelage sol et ragréage (non inclus)", "Dépose carrelage sol", Unit.M2),
        # After a listing, back to the comma: every work listed there.
        ("Dépose carrelage sol, ragréage et évacuation à la charge du client", "Dépose carrelage sol", Unit.M2),
        # Before the work, to the end of the line or of the parenthesis.
        ("Dépose carrelage sol hors ragréage", "Dépose carrelage sol", Unit.M2),
        ("Dépose moquette (sauf ragréage) et évacuation", "Dépose moquette et évacuation", Unit.M2),
    ],
)
def test_an_excluded_work_is_no_work(matcher: Matcher, text: str, without: str, unit: Unit) -> None:
    assert _reading(matcher, text, unit) == _reading(matcher, without, unit)


def test_the_excluded_work_would_be_added_if_named(matcher: Matcher) -> None:
    # The same works named without the exclusion are their sum: the exclusion is what removes it.
    assert matcher.match("Dépose moquette et ragréage", Unit.M2).parts
    assert not matcher.match("Dépose moquette et ragréage non compris", Unit.M2).parts


def test_a_wholly_excluded_line_is_left_to_a_reviewer(matcher: Matcher) -> None:
    assert matcher.match("Ragréage (non inclus)", Unit.M2).item is None


def test_hors_de_is_a_place_not_an_exception(matcher: Matcher) -> None:
    match = matcher.match("Mise hors d'eau provisoire de la toiture", Unit.FORFAIT)
    assert match.item is not None and match.item.code == "TOI-002"


def test_a_line_per_m2_is_no_hour_of_labour(matcher: Matcher) -> None:
    match = matcher.match("Main d'œuvre peinture murs", Unit.M2)
    assert match.item is not None and match.item.unit is Unit.M2
    assert matcher.match("Main d'œuvre peinture murs", Unit.H).item.unit is Unit.H


@pytest.mark.parametrize(
    "text", ["Tuyau de descente EP remplacé", "Descente EP zinc", "Tuyau de descente d'eaux pluviales"]
)
def test_a_rainwater_downpipe_is_the_gutter_item(matcher: Matcher, text: str) -> None:
    match = matcher.match(text, Unit.ML)
    assert match.item is not None and match.item.code == "TOI-003"


def test_ep_is_written_in_capitals(matcher: Matcher) -> None:
    # « ep. » in lower case is rather a thickness (épaisseur): only the capitals are the shorthand.
    assert "pluviale" in matcher.words.tokens("Descente EP")
    assert "pluviale" not in matcher.words.tokens("Plaque ep 13 mm")


def test_what_the_water_touched_says_why_not_what(matcher: Matcher) -> None:
    # Like « dégât des eaux »: the loss is the reason, the line's work is what it names.
    assert _reading(matcher, "Désinfection des surfaces endommagées par l'eau", Unit.M2) == _reading(
        matcher, "Désinfection des surfaces", Unit.M2
    )
    assert matcher.match("Désinfection des surfaces endommagées par l'eau", Unit.M2).item is not None


def test_assainissement_is_the_disinfection(matcher: Matcher) -> None:
    assert _reading(matcher, "Assainissement des locaux", Unit.M2) == _reading(
        matcher, "Désinfection des locaux", Unit.M2
    )
    match = matcher.match("Assainissement et traitement fongicide des plafonds", Unit.M2)
    assert match.item is not None and match.item.code in {"ASS-004", "NET-003"}
    assert not match.parts


def test_frais_d_approche_is_the_travel_cost(matcher: Matcher) -> None:
    match = matcher.match("Frais d'approche du matériel", Unit.FORFAIT)
    assert match.item is not None and match.item.code == "INS-002"
