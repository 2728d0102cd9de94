"""A line listing works with commas and a joining word ("A, B et C") names each of them: it is
priced as the sum of their items (or one item naming them all), never as one of them, and never as
more than the works it names. A comma alone lists details ("Peinture mate, plafond"), and a decimal
comma is a number. Wordings written for this test."""

from __future__ import annotations

import pytest

from billma_core.evaluation.matching import Matcher
from billma_core.models import Unit


@pytest.mark.parametrize(
    ("text", "works"),
    [
        ("protections, nettoyage et deplacements", ["protections", "nettoyage", "deplacements"]),
        (
            "evacuation, depoussierage, aspiration puis balayage",
            ["evacuation", "depoussierage", "aspiration", "balayage"],
        ),
        ("peinture mate, plafond", ["peinture mate, plafond"]),
        ("ragreage 2,5 cm et pose", ["ragreage 2,5 cm", "pose"]),
        ("depose et repose, finition", ["depose", "repose, finition"]),
    ],
)
def test_the_works_a_line_lists(matcher: Matcher, text: str, works: list[str]) -> None:
    assert [work.strip() for work in matcher.words.works(text)] == works


def test_works_listed_with_commas_are_priced_as_their_sum(matcher: Matcher) -> None:
    match = matcher.match("Protections, nettoyage et déplacements", Unit.FORFAIT)
    assert {item.code for item in match.parts} == {"INS-001", "NET-001", "INS-002"}


def test_details_after_a_comma_are_no_second_work(matcher: Matcher) -> None:
    match = matcher.match("Carrelage sol, colle et joints", Unit.M2)
    assert match.item is not None and match.item.code == "CAR-001" and not match.parts


@pytest.mark.parametrize(
    "wording", ["Plafonds : préparation, sous-couche et 2 couches", "Plafond : préparation + peinture, finition mate"]
)
def test_a_heading_says_where_each_listed_work_is_done(matcher: Matcher, wording: str) -> None:
    # The ceiling's painting, not the walls': the heading names the ceiling for the last work too.
    match = matcher.match(wording, Unit.M2)
    assert match.item is not None and match.item.code == "PEI-004"
    assert "PEI-003" not in {c.item.code for c in match.candidates[: match.plausible]}


@pytest.mark.parametrize(
    ("wording", "codes"),
    [
        ("Dépose moquette et pose sol vinyle", {"SOL-001", "SOL-005"}),
        ("Dépose moquette, ragréage et pose sol vinyle", {"SOL-001", "SOL-007", "SOL-005"}),
    ],
)
def test_a_removal_and_the_new_thing_on_the_same_m2_are_summed(matcher: Matcher, wording: str, codes: set[str]) -> None:
    # Not the carpet the removal names (SOL-006), not one of the works: each m² is taken out and laid.
    match = matcher.match(wording, Unit.M2)
    assert {item.code for item in match.parts} == codes


def test_a_removal_and_its_replacement_stay_the_item_with_its_removal(matcher: Matcher) -> None:
    match = matcher.match("Dépose et remplacement moquette", Unit.M2)
    assert match.item is not None and match.removal is not None
    assert (match.item.code, match.removal.code) == ("SOL-006", "SOL-001")
