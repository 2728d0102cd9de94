"""The wording-structure generator (``tests/wording_grammar.py``): its parse of the barème's
wordings, its French forms, and that a case is a function of its axis and seed."""

from __future__ import annotations

import pytest

from billma_core.bareme import load_bareme
from tests.wording_grammar import AXES, Grammar, Parsed, nominal, parse

THINGS = frozenset({"plafonnier", "tuiles", "tuile", "evier", "moquette"})


@pytest.fixture(scope="module")
def grammar() -> Grammar:
    return Grammar(load_bareme())


@pytest.mark.parametrize(
    ("text", "works", "article", "obj", "rest"),
    [
        ("Remplacement du plafonnier", ("remplacement",), "du", "plafonnier", ""),
        ("Fourniture et pose de moquette", ("fourniture", "pose"), "de", "moquette", ""),
        ("Tuiles, remplacement", ("remplacement",), "", "Tuiles", ""),
        ("Moquette fournie posée", ("fourniture", "pose"), "", "Moquette", ""),
        ("Débouchage d'un évier après sinistre", ("débouchage",), "d'", "évier", "après sinistre"),
        ("Nettoyage après inondation", ("nettoyage",), "", "", "après inondation"),
    ],
)
def test_a_wording_is_parsed_as_its_works_and_their_object(
    text: str, works: tuple[str, ...], article: str, obj: str, rest: str
) -> None:
    assert parse("X", text, THINGS) == Parsed("X", text, works, article, obj, rest)


@pytest.mark.parametrize("text", ["Main d'œuvre plaquiste", "Fermeture provisoire", "Disjoncteur"])
def test_other_shapes_are_not_parsed(text: str) -> None:
    # "provisoire" names no thing of the barème: an adjective, no object.
    assert parse("X", text, THINGS) is None


def test_the_nominal_form_gives_back_the_wording() -> None:
    parsed = parse("X", "Fourniture et pose de moquette", THINGS)
    assert parsed is not None and nominal(parsed) == "Fourniture et pose de moquette"


def test_a_case_is_a_function_of_its_axis_and_seed(grammar: Grammar) -> None:
    again = Grammar(load_bareme())
    for axis in AXES:
        assert [grammar.case(axis, seed) for seed in range(1, 30)] == [again.case(axis, seed) for seed in range(1, 30)]
    # Each axis draws from its own stream: two axes do not rewrite the same draws.
    assert {grammar.case("participle", s).sources for s in range(1, 30)} != {
        grammar.case("infinitive", s).sources for s in range(1, 30)
    }


def test_each_case_names_bareme_items_in_one_unit(grammar: Grammar) -> None:
    codes = {item.code: item.unit.value for item in grammar.bareme.items}
    for axis in AXES:
        for seed in range(1, 60):
            case = grammar.case(axis, seed)
            assert case.wording.strip()
            assert (case.wording.lower() == case.sources[0][0].lower()) == (axis == "identity")
            assert {codes[code] for code in case.expected} == {case.unit}
            assert len(case.expected) == (2 if axis == "coordination" else 1)


def test_the_participle_agrees_with_its_object_s_article() -> None:
    # « de la » says the feminine, « des » the plural (its gender unsaid: the masculine).
    grammar = Grammar(load_bareme(), (("PEI-004", "Peinture de la sous-face"), ("PEI-007", "Peinture des plinthes")))
    wordings = {grammar.case("participle", seed).wording for seed in range(1, 2000)}
    assert {"Sous-face peinte", "Plinthes peints"} <= wordings
