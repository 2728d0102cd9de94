"""A qualifier or a fixed phrase is not the work: an adjective naming a property (« étanche »,
« encastré ») qualifies the head noun and is never read as another item's noun; a fixed phrase
(« prise en charge », « main courante », « prise de terre ») is read before its words, which are not
the nouns it contains; « raccordement d'un … » is the act of connecting the thing named after it, not
a fitting; a « raccord » between plasterboards is their joint, a « curage » of partitions their removal
(j51). Wordings written for this test,
not taken from the public wording sets."""

from __future__ import annotations

import pytest

from billma_core.evaluation.matching import Matcher
from billma_core.models import Unit

U, F, ML = Unit.U, Unit.FORFAIT, Unit.ML


@pytest.mark.parametrize(
    ("wording", "unit", "code"),
    [
        # The property of a light, a switch, a socket: the appliance, never a leaking joint.
        ("Applique étanche de terrasse remplacée", U, "ELE-003"),
        ("Interrupteur simple allumage étanche, fourni posé", U, "ELE-002"),
        ("Spot LED encastré étanche, remplacement", U, "ELE-004"),
        # The act of connecting before its object is the fitting of that object.
        ("Raccordement d'un convecteur neuf", U, "ELE-009"),
        # « prise en charge » is the call-out, not a socket.
        ("Frais de prise en charge et de déplacement", F, "INS-002"),
    ],
)
def test_the_head_noun_decides_not_its_qualifier(matcher: Matcher, wording: str, unit: Unit, code: str) -> None:
    match = matcher.match(wording, unit)
    assert match.item is not None and match.item.code == code, match.candidates[:2]


@pytest.mark.parametrize(
    ("wording", "unit"),
    [
        # Fixed phrases naming things no item prices: never a socket, labour, a door, a window.
        ("Main courante bois fixée sur consoles", ML),
        ("Création d'une prise de terre", F),
        ("Prise de cotes des fenêtres", F),
        ("Prise d'air de la VMC dégagée", U),
        ("Bas de porte automatique", U),
    ],
)
def test_a_fixed_phrase_is_not_the_nouns_it_contains(matcher: Matcher, wording: str, unit: Unit) -> None:
    assert matcher.match(wording, unit).item is None


def test_a_qualifier_is_never_mended_into_another_word(matcher: Matcher) -> None:
    words = [tok for tok, _ in matcher.read("Hublot étanche encastré")]
    assert "etanche" in words and "etancheite" not in words


@pytest.mark.parametrize(
    "wording",
    [
        "Reprise des raccords entre plaques de plâtre",
        "Traitement des raccords entre deux placos",
        "Raccords entre le placo existant et les plaques neuves, bande et enduit",
    ],
)
def test_a_raccord_between_plasterboards_is_their_joint(matcher: Matcher, wording: str) -> None:
    # j51: what the tape masks between two boards is their joint (PLA-002), not a plumber's fitting.
    match = matcher.match(wording, Unit.M2)
    assert match.item is not None and match.item.code == "PLA-002"


@pytest.mark.parametrize(
    ("wording", "unit"),
    [
        ("Raccord entre le tuyau cuivre et le PER", F),
        ("Remplacement du raccord fuyard", U),
        ("Raccord de peinture", Unit.M2),
    ],
)
def test_a_raccord_not_between_plasterboards_is_never_their_joint(matcher: Matcher, wording: str, unit: Unit) -> None:
    assert "PLA-002" not in {c.item.code for c in matcher.match(wording, unit).candidates[:1]}


@pytest.mark.parametrize(
    ("wording", "code"),
    [("Curage des cloisons de la chambre", "PLA-003"), ("Curage du doublage brûlé", "PLA-003")],
)
def test_stripping_out_a_room_is_the_removal_of_what_it_names(matcher: Matcher, wording: str, code: str) -> None:
    # j51: « curage » of partitions or linings strips them out (Wikipédia « Curage (BTP) »), never new ones.
    match = matcher.match(wording, Unit.M2)
    assert match.item is not None and match.item.code == code


@pytest.mark.parametrize("wording", ["Curage des canalisations", "Curage de la colonne d'évacuation"])
def test_cleaning_out_a_drain_stays_the_drain_cleaning(matcher: Matcher, wording: str) -> None:
    match = matcher.match(wording, F)
    assert match.item is not None and match.item.code == "PLO-009"
