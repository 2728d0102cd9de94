"""Classes of wordings the judge got wrong by a rule, not by a missing word (session 5): a product
named by what it prevents or treats, two works joined in one line, and a paint named as the
cheaper layer it is. Wordings written for this test, and public ones where said (the public
ones are from tests/heldout/wordings2, a development set since session 5)."""

from __future__ import annotations

import json

import pytest

from billma_core.bareme import load_bareme
from billma_core.bareme.loader import packaged_bareme_bytes, parse_bareme
from billma_core.evaluation.matching import Matcher, matcher_for
from billma_core.models import Unit

M2, U = Unit.M2, Unit.U


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return matcher_for(load_bareme())


@pytest.mark.parametrize(
    ("wording", "code"),
    [
        # Public (ledabelle.com, demarrezlestravaux.fr): "appliquer un produit destiné à prévenir
        # l'apparition des moisissures".
        ("Produit anti-moisissures avant peinture", "ASS-004"),
        ("Application de produits anti-humidité et anti-moisissures", "ASS-004"),
        # Written for this test.
        ("Pulvérisation d'un produit anti-moisissure sur les murs", "ASS-004"),
        ("Traitement anti-mousse des murs", "ASS-004"),
        ("Application d'un fixateur anti-taches", "PEI-002"),
        ("Sous-couche antitache sur auréoles", "PEI-002"),
    ],
)
def test_a_product_against_a_thing_is_its_treatment(matcher: Matcher, wording: str, code: str) -> None:
    match = matcher.match(wording, M2)
    assert match.item is not None and match.item.code == code, match.candidates[:2]


@pytest.mark.parametrize(
    ("wording", "unit", "code"),
    [
        # An "anti-" word qualifying an object the line names first leaves the object as it is.
        ("Vitrage feuilleté anti-effraction", M2, "VIT-001"),
        ("Carrelage antidérapant", M2, "CAR-001"),
        # Products against a thing no item treats stay with a human.
        ("Pose d'un clapet anti-retour", U, None),
        ("Grille anti-pigeons", U, None),
        ("Groupe de sécurité anti-calcaire 3/4", U, None),
        ("Film anti-UV sur vitrage", M2, None),
    ],
)
def test_an_anti_word_is_no_treatment_of_what_the_line_names(
    matcher: Matcher, wording: str, unit: Unit, code: str | None
) -> None:
    match = matcher.match(wording, unit)
    assert (match.item.code if match.item else None) == code, match.candidates[:2]


def test_the_against_prefix_and_its_treatment_are_the_bareme_data(matcher: Matcher) -> None:
    tokens = matcher.words.tokens
    assert tokens("Produit anti-moisissures") == tokens("produit antimoisissure")
    assert tokens("Produit anti-moisissures") == tokens("produit traitement moisissures")
    raw = json.loads(packaged_bareme_bytes())
    raw["vocabulary"]["against_prefixes"] = []
    raw["vocabulary"]["sources"].pop("against_prefixes")
    without = Matcher(parse_bareme(json.dumps(raw)))
    assert without.words.tokens("Produit anti-moisissures") == ("produit", "anti", "moisissure")
