"""A word the barème knows is that word: never a slip of several letters for another word it knows,
nor a cut of a compound made of it and a third word it knows (issue 12, session 9). Words derived
from one stem, a cut the barème does not know and a one-letter slip still meet. Wordings written
for this test, not taken from the wording sets."""

from __future__ import annotations

import pytest

from billma_core.evaluation.matching import Matcher, token_similarity
from billma_core.models import Unit

KNOWN = frozenset({"contrecolle", "controle", "contre", "colle", "carrele", "carrelage", "humide", "humidite"})


@pytest.mark.parametrize(("a", "b"), [("contrecolle", "controle"), ("humide", "humidite"), ("contre", "contrecolle")])
def test_two_words_the_bareme_knows_are_not_one_slipped(matcher: Matcher, a: str, b: str) -> None:
    assert token_similarity(a, b, matcher.words, KNOWN) == 0.0
    # The same spelling, unknown to the barème, is read as a slip or a cut of the known word.
    assert token_similarity(a, b, matcher.words, KNOWN - {a}) > 0.0


def test_words_of_one_stem_still_meet(matcher: Matcher) -> None:
    assert token_similarity("carrele", "carrelage", matcher.words, KNOWN) > 0.0


@pytest.mark.parametrize(
    ("wording", "unit", "code"),
    [
        ("Contrecollé chêne fourni posé", Unit.M2, "SOL-003"),
        ("Contrecollé pose flottante", Unit.M2, "SOL-003"),
        ("Produit contre la moisissure", Unit.M2, "ASS-004"),
        ("Contrôle humidité des murs", Unit.FORFAIT, "ASS-003"),
    ],
)
def test_a_known_word_names_its_own_item(matcher: Matcher, wording: str, unit: Unit, code: str) -> None:
    match = matcher.match(wording, unit)
    assert match.item is not None and match.item.code == code


@pytest.mark.parametrize(("a", "b"), [("depannage", "reparation"), ("revision", "reparation")])
def test_one_repair_word_reads_as_another(matcher: Matcher, a: str, b: str) -> None:
    assert matcher.similarity(a, b) >= 0.8


def test_a_repair_word_that_names_an_item_is_not_read_as_a_repair(matcher: Matcher) -> None:
    # « réglage » is what the door adjustment is (its head): "Réparation de gouttière" is no door.
    assert matcher.similarity("reparation", "reglage") == 0.0
    match = matcher.match("Réparation de gouttière", Unit.ML)
    assert match.item is not None and match.item.code == "TOI-003"


def test_a_repair_worded_otherwise_is_the_items_repair(matcher: Matcher) -> None:
    match = matcher.match("Dépannage fuite sur canalisation", Unit.FORFAIT)
    assert match.item is not None and match.item.code == "PLO-002"
    # A repair of a whole object dearer than a call-out is still no new one.
    assert matcher.match("Dépannage chauffe-eau", Unit.U).item is None


def test_the_word_one_items_name_starts_with_says_what_the_line_is(matcher: Matcher) -> None:
    # « planche » starts only the boarding-up's names: a plank on a broken window is not the window,
    # whose price (a whole window) would let an inflated boarding-up pass.
    match = matcher.match("Planche en bois vissée sur fenêtre", Unit.FORFAIT)
    assert match.item is None or match.item.code != "MEN-003"


@pytest.mark.parametrize(
    ("wording", "unit", "code"),
    [
        # A short word the barème knows, its « l » read as an « i » by the engine (a fax at 100 dpi).
        ("Soi souple en rouleau posé dans l'entrée", Unit.M2, "SOL-005"),
        ("Soi souple en rouleau posé dans l'entrée", None, "SOL-005"),
    ],
)
def test_a_short_word_with_an_ocr_letter_confusion_is_the_word(
    matcher: Matcher, wording: str, unit: Unit | None, code: str
) -> None:
    match = matcher.match(wording, unit)
    assert match.item is not None and match.item.code == code


def test_a_short_word_the_bareme_knows_is_not_confused_for_another(matcher: Matcher) -> None:
    # « sol » is a word of the barème: never read as « soi » or anything else.
    assert matcher.repair((("sol", False),)) == (("sol", False),)
    assert matcher.repair((("soi", False),)) == (("sol", False),)
