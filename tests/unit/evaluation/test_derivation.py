"""Derivational morphology: a trade noun derived from a barème word, or prefixed to take it out or
do it again, is read as that work; a word sharing an ending or a prefix by chance is not.
The affixes are barème data (``vocabulary``). Wordings written for this test, not taken from the
public wording sets."""

from __future__ import annotations

import json
from typing import Any

import pytest

from billma_core.bareme.loader import BaremeError, packaged_bareme_bytes, parse_bareme
from billma_core.evaluation.matching import Matcher
from billma_core.evaluation.text import stem
from billma_core.models import Unit

M2, ML, U, F = Unit.M2, Unit.ML, Unit.U, Unit.FORFAIT
SUFFIXES = ("ation", "ement", "erie", "age", "ure", "tion", "er", "e")


def _bareme(**vocabulary: Any) -> bytes:
    raw = json.loads(packaged_bareme_bytes())
    raw["vocabulary"].update(vocabulary)
    return json.dumps(raw).encode()


@pytest.mark.parametrize(
    ("word", "other"),
    [("carrelage", "carreler"), ("jointoiement", "jointoyer"), ("calorifugeage", "calorifuge"), ("dallage", "dalle")],
)
def test_derived_forms_share_their_stem(word: str, other: str) -> None:
    assert stem(word, SUFFIXES) == stem(other, SUFFIXES)


@pytest.mark.parametrize(("word", "other"), [("placard", "place"), ("porte", "portail"), ("vitrage", "vitesse")])
def test_words_sharing_their_first_letters_keep_apart(word: str, other: str) -> None:
    assert stem(word, SUFFIXES) != stem(other, SUFFIXES)


@pytest.mark.parametrize(
    ("wording", "unit", "code"),
    [
        # dé- + a noun the barème knows: the removal of it.
        ("Décarrelage mural", M2, "CAR-003"),
        ("Démoquettage chambre", M2, "SOL-001"),
        ("Déplinthage", ML, "SOL-011"),
        # dé- + a noun derived from a barème word (tapissage from tapisserie).
        ("Détapissage des murs", M2, "REV-001"),
        # re- + a derived noun: the work done again.
        ("Replâtrage", M2, "PLA-008"),
    ],
)
def test_a_derived_or_prefixed_trade_noun_is_the_work(matcher: Matcher, wording: str, unit: Unit, code: str) -> None:
    match = matcher.match(wording, unit)
    assert match.item is not None and match.item.code == code, (wording, match.item)


@pytest.mark.parametrize(
    ("wording", "unit"),
    [
        # Sharing the prefix by chance: a call-out, not the removal of a breakdown.
        ("Dépannage plomberie", F),
        # Sharing the ending by chance, listed as not derived: "passage" is no "passe".
        ("Passage de gaine", ML),
        # Derived indeed, but a floor of slabs is not the barème's ceiling slabs.
        ("Dallage", M2),
    ],
)
def test_words_sharing_an_affix_by_chance_are_not_the_work(matcher: Matcher, wording: str, unit: Unit) -> None:
    match = matcher.match(wording, unit)
    assert match.item is None or match.item.code not in {"SOL-001", "CAR-003", "REV-001", "PLA-007"}, (
        wording,
        match.item,
    )
    assert matcher._derived(wording.split(maxsplit=1)[0].lower().replace("é", "e")) == ()


def test_the_affixes_are_the_bareme_data(matcher: Matcher) -> None:
    # Without the affixes, the prefixed and derived nouns are words the barème does not know.
    without = Matcher(parse_bareme(_bareme(suffixes=[], removal_prefixes=[], redo_prefixes=[])))
    for wording, unit, code in (("Décarrelage mural", M2, "CAR-003"), ("Détapissage des murs", M2, "REV-001")):
        found = [m.match(wording, unit).item for m in (without, matcher)]
        assert [item.code if item else None for item in found][1] == code and found[0] != found[1]
    # And without the false friends' list, "dépannage" reads as a removal.
    naive = Matcher(parse_bareme(_bareme(not_derived=[])))
    assert naive._derived("depannage") and not matcher._derived("depannage")


@pytest.mark.parametrize(
    "broken",
    [
        pytest.param(_bareme(suffixes=["âge"]), id="accented-suffix"),
        pytest.param(_bareme(removal_prefixes=[""]), id="blank-prefix"),
        pytest.param(_bareme(not_derived=["Portage"]), id="capitalised-word"),
    ],
)
def test_schema_checks_the_affixes(broken: bytes) -> None:
    with pytest.raises(BaremeError):
        parse_bareme(broken)


@pytest.mark.parametrize(
    ("derived", "base", "unit"),
    [
        ("Détapissage des murs", "Dépose tapisserie des murs", M2),
        ("Décarrelage mural", "Dépose carrelage mural", M2),
        ("Replâtrage", "Réfection plâtre", M2),
    ],
)
def test_a_derived_form_of_a_head_is_not_halved(matcher: Matcher, derived: str, base: str, unit: Unit) -> None:
    # The line names the item's head by a derived form: it scores as the plain wording does.
    found, plain = matcher.rank(derived, unit, 1)[0], matcher.rank(base, unit, 1)[0]
    assert (found.item.code, found.score) == (plain.item.code, plain.score)


@pytest.mark.parametrize(
    ("wording", "unit", "code"),
    [
        # One-word names trades use for the work, from public price guides (the item's sources).
        ("Remplacement mélangeur lavabo", U, "PLO-005"),
        ("Changement canon porte", U, "MEN-005"),
        ("Zinguerie", ML, "TOI-003"),
        ("Aérateur salle de bains", U, "ELE-010"),
        ("Enduisage des murs", M2, "PEI-005"),
        ("Vitrificateur parquet 3 couches", M2, "SOL-008"),
        ("Armoire électrique", U, "ELE-006"),
        ("Thermographie infrarouge", F, "PLO-001"),
        ("Manchon de réparation sur cuivre", F, "PLO-002"),
        ("Remplacement néon cuisine", U, "ELE-003"),
        ("Lasure des plinthes", ML, "PEI-007"),
    ],
)
def test_a_trade_name_the_bareme_holds_is_the_work_at_full_score(
    matcher: Matcher, wording: str, unit: Unit, code: str
) -> None:
    match = matcher.match(wording, unit)
    assert match.item is not None and match.item.code == code, (wording, match.item)
    assert match.confidence >= 0.9


def test_a_two_word_name_needs_both_words(matcher: Matcher) -> None:
    # "Armoire électrique" is the panel; a kitchen cupboard is no electrical work.
    match = matcher.match("Armoire de cuisine", U)
    assert match.item is None or match.item.code != "ELE-006"
