"""What a line IS: the head word it names must be the item's (modifiers alone never make a match),
objects an item never prices rule it out, and a line measured in m² is no whole counted object.
Wordings written for this test, not taken from the public wording sets."""

from __future__ import annotations

import json
from typing import Any

import pytest

from billma_core.bareme import load_bareme
from billma_core.bareme.loader import BaremeError, packaged_bareme_bytes, parse_bareme
from billma_core.evaluation.matching import Matcher
from billma_core.models import Unit

M2, U, F = Unit.M2, Unit.U, Unit.FORFAIT


@pytest.mark.parametrize(
    ("wording", "unit", "code"),
    [
        # The glazing of a door-window, per m²; the whole door-window, per unit.
        ("Porte-fenêtre 2 vantaux double vitrage", M2, "VIT-001"),
        ("Porte-fenêtre 2 vantaux double vitrage", U, "MEN-003"),
        ("Vitrage de fenêtre cassé", U, "VIT-001"),
        # An electrical check is named by what it is, not by "électrique" alone.
        ("Diagnostic de l'installation électrique", F, "ELE-007"),
        ("Contrôle électrique", F, "ELE-007"),
        ("Remplacement VMC", U, "ELE-010"),
        # Any noun naming the thing will do: papers are wallpaper, wall tiles are tiles.
        ("Décollage des anciens papiers", M2, "REV-001"),
        ("Dépose carreaux muraux", M2, "CAR-003"),
        # The head named first: a partition of plasterboard, a ceiling of plasterboard, boards.
        ("Cloison en placo BA13", M2, "PLA-004"),
        ("Plafond en plaques de plâtre BA13", M2, "PLA-006"),
        ("Plaque de plâtre BA13 au plafond", M2, "PLA-001"),
        # A room or a word the barème does not know first, then the thing priced per m².
        ("Véranda remplacement vitrage", M2, "VIT-001"),
        ("Grenier dépose papier peint", M2, "REV-001"),
        # A heading before a colon says where; the work follows it.
        ("Fenêtre : remplacement du vitrage", U, "VIT-001"),
        ("Plafond : remplacement plaques BA13", M2, "PLA-001"),
        # Words that only qualify the object (size, material, colour, position) and makers' names
        # come first without being what the line is.
        ("Grande fenêtre PVC", U, "MEN-003"),
        ("Petite fenêtre bois double vitrage", U, "MEN-003"),
        ("Atlantic chauffe-eau 200 L", U, "PLO-012"),
        ("Petit radiateur électrique", U, "ELE-009"),
        # A maker's name written as one (in capitals in a line that is not) is a brand too.
        ("CALORIX chauffe-eau 200 L", U, "PLO-012"),
        # Words the barème lacked (public price guides): lighting, dusting, an electrical point.
        ("Pose d'un éclairage au plafond", U, "ELE-003"),
        ("Dépoussiérage des sols", M2, "NET-002"),
        ("Création d'un point électrique", U, "ELE-001"),
        # A layer an item includes is part of it: a partition's insulation.
        ("Cloison BA13 + isolant laine de roche", M2, "PLA-004"),
        # Insulating glass is double glazing, not insulation; laminated glass is neither.
        ("Verre isolant 4/16/4", M2, "VIT-001"),
    ],
)
def test_the_item_is_the_thing_the_line_names(matcher: Matcher, wording: str, unit: Unit, code: str) -> None:
    match = matcher.match(wording, unit)
    assert match.item is not None and match.item.code == code, (wording, match.item)


@pytest.mark.parametrize(
    ("wording", "unit"),
    [
        ("Diagnostic plomb avant travaux", F),  # a diagnosis, not the electrical check
        ("Peinture de façade", M2),  # exterior work: no interior painting item
        ("Peinture des murs extérieurs", M2),
        ("Nettoyage de façade", M2),
        ("Grille de VMC", U),  # an accessory, not the ventilation unit
        ("Transport du matériel", F),  # no travel or site set-up named
        ("Peinture tablier volet roulant", U),  # painting a shutter is no new shutter
        ("Peinture façade de meuble", U),  # nor painting a cupboard door a new one
        # A first word the barème does not know is what the line is: an accessory, a job on it.
        ("Poignée de fenêtre", U),
        ("Thermostat chauffe-eau", U),
        ("Sangle volet roulant", U),
        ("Détartrage chauffe-eau", U),
        ("POIGNEE DE FENETRE", U),  # an all-capitals line says nothing of brands
        ("Calorix chauffe-eau 200 L", U),  # a capital first letter could be an accessory's
        ("Petite réparation diverse", F),  # a repair, but of no leaking pipe
        ("Verre feuilleté 44/2", M2),
        # Exterior or other counterparts of interior items (the barème's exclusions).
        ("Carrelage de terrasse", M2),
        ("Peinture portail", U),
        ("Pompage fosse septique", F),
        ("Dépose cloison brique", M2),
    ],
)
def test_an_object_the_bareme_has_no_item_for_is_left_to_a_human(matcher: Matcher, wording: str, unit: Unit) -> None:
    match = matcher.match(wording, unit)
    assert match.item is None, (wording, match.item)


def test_the_words_are_the_bareme_data(matcher: Matcher) -> None:
    # The same barème without heads and exclusions reads the glazing as a whole window and prices
    # exterior painting as the walls': the rules only act through the data.
    raw = json.loads(packaged_bareme_bytes())
    for item in raw["items"]:
        item.pop("heads", None)
        item.pop("excludes", None)
    without = Matcher(parse_bareme(json.dumps(raw)))
    glazing = ("Porte-fenêtre 2 vantaux double vitrage", M2)
    facade = ("Peinture de façade", M2)
    assert [m.match(*glazing).item.code for m in (without, matcher)] == ["MEN-003", "VIT-001"]  # type: ignore[union-attr]
    assert without.match(*facade).item is not None and matcher.match(*facade).item is None


def test_every_item_but_hourly_labour_says_what_it_is() -> None:
    # Labour by the hour of no trade ("Temps passé", "Main d'œuvre", hours no item names) says
    # no thing; a trade's hourly labour is named by its trade (its heads: "carreleur").
    bareme = load_bareme()
    without = [item.code for item in bareme.items if not item.heads]
    assert without and all(bareme.item(code).unit is Unit.H for code in without), without


def test_qualifiers_and_brands_are_the_bareme_data(matcher: Matcher) -> None:
    # Without the vocabulary, an adjective or a brand first is a word the barème does not know:
    # the line is read as an accessory of the window or water heater and left to a human.
    raw = json.loads(packaged_bareme_bytes())
    for words in ("qualifiers", "brands"):
        raw["vocabulary"][words] = []
        raw["vocabulary"]["sources"].pop(words)
    without = Matcher(parse_bareme(json.dumps(raw)))
    for wording in ("Grande fenêtre PVC", "Atlantic chauffe-eau 200 L"):
        assert without.match(wording, U).item is None and matcher.match(wording, U).item is not None


def _with(code: str, **fields: Any) -> bytes:
    raw = json.loads(packaged_bareme_bytes())
    next(item for item in raw["items"] if item["code"] == code).update(fields)
    return json.dumps(raw).encode()


def _vocabulary(**fields: Any) -> bytes:
    raw = json.loads(packaged_bareme_bytes())
    raw["vocabulary"].update(fields)
    return json.dumps(raw).encode()


@pytest.mark.parametrize(
    "broken",
    [
        pytest.param(_with("VIT-001", heads=["fenêtre de toit"]), id="head-not-in-the-names"),
        pytest.param(_with("VIT-001", heads=["vitrage"], excludes=["Vitrage"]), id="head-and-exclusion"),
        pytest.param(_with("VIT-001", excludes=[" "]), id="blank-exclusion"),
        pytest.param(_with("SOL-010", synonyms=["baguette de finition"]), id="a-name-without-a-head"),
        pytest.param(_vocabulary(qualifiers=["vitrage"]), id="qualifier-is-a-head"),
        pytest.param(_vocabulary(brands=[""]), id="blank-brand"),
    ],
)
def test_schema_checks_heads_exclusions_and_vocabulary(broken: bytes) -> None:
    with pytest.raises(BaremeError):
        parse_bareme(broken)


@pytest.mark.parametrize(
    "broken",
    [
        pytest.param(_vocabulary(stop_words=["séjour"]), id="accented-stop-word"),
        pytest.param(_vocabulary(generic_words=["Pose"]), id="capitalised-generic-word"),
        pytest.param(_vocabulary(abbreviations={"f&p": "fourniture pose"}), id="unfolded-abbreviation"),
        pytest.param(_vocabulary(abbreviations={"fp": "fourniture  pose"}), id="abbreviation-double-space"),
        pytest.param(_vocabulary(ocr_confusions=[["rn", "rn"]]), id="confusion-with-itself"),
        pytest.param(_vocabulary(part_separators=["ainsi-que"]), id="separator-with-a-hyphen"),
        pytest.param(_vocabulary(removal_word="Dépose"), id="accented-action-word"),
        pytest.param(_vocabulary(sources={}), id="lists-without-their-source"),
        pytest.param(_vocabulary(sources={"rooms": "plans publics"}), id="source-of-an-unknown-list"),
        pytest.param(_vocabulary(phrases=[{"pattern": "\\bporte(", "read_as": " porte "}]), id="phrase-not-a-pattern"),
        pytest.param(_vocabulary(spellings=[{"pattern": "f&p", "read_as": " Fourniture "}]), id="unfolded-read-as"),
        pytest.param(_vocabulary(pattern_parts={}), id="pattern-part-missing"),
    ],
)
def test_schema_checks_the_words_of_the_wording(broken: bytes) -> None:
    with pytest.raises(BaremeError):
        parse_bareme(broken)


def test_a_bareme_needs_its_words_to_read_a_line() -> None:
    raw = json.loads(packaged_bareme_bytes())
    del raw["vocabulary"]["stop_words"]
    with pytest.raises(BaremeError):
        parse_bareme(json.dumps(raw))


def test_the_words_of_the_wording_are_the_bareme_data(matcher: Matcher) -> None:
    """The same rules read a line otherwise when the barème's words change: the code holds no
    word list. Wordings written for this test."""
    raw = json.loads(packaged_bareme_bytes())
    vocabulary = raw["vocabulary"]
    # A room is a stop word: "Peinture plafond séjour" is the ceiling's painting, "séjour" or not.
    vocabulary["stop_words"] = [word for word in vocabulary["stop_words"] if word != "sejour"]
    # A spelling the barème reads as its word, and one it no longer reads.
    vocabulary["abbreviations"] = {**vocabulary["abbreviations"], "badigeon": "peinture"}
    vocabulary["abbreviations"].pop("croisee")
    # "puis" no longer joins two works.
    vocabulary["part_separators"] = [words for words in vocabulary["part_separators"] if words != "puis"]
    other = Matcher(parse_bareme(json.dumps(raw)))
    assert "sejour" not in matcher.words.tokens("Peinture plafond séjour")
    assert "sejour" in other.words.tokens("Peinture plafond séjour")
    assert matcher.words.tokens("Badigeon des murs") != other.words.tokens("Badigeon des murs")
    assert other.words.tokens("Badigeon des murs") == matcher.words.tokens("Peinture des murs")
    assert matcher.words.tokens("Croisée bois") == matcher.words.tokens("Fenêtre bois")
    assert other.words.tokens("Croisée bois") != other.words.tokens("Fenêtre bois")
    assert matcher.words.part_separator.split("rebouchage puis ponçage") == ["rebouchage", "ponçage"]
    assert other.words.part_separator.split("rebouchage puis ponçage") == ["rebouchage puis ponçage"]


def test_the_phrases_are_the_bareme_data(matcher: Matcher) -> None:
    """A phrase read as one word, a claim dropped, a removal not included: all data. Wordings
    written for this test."""
    words = matcher.words
    assert words.tokens("Porte de garage sectionnelle")[0] == "portegarage"
    assert "eau" not in words.tokens("Peinture plafond suite à dégât des eaux")
    assert words.includes_removal("Dépose et repose de papier peint")
    assert not words.includes_removal("Fourniture et pose de parquet, hors dépose")
    raw = json.loads(packaged_bareme_bytes())
    vocabulary = raw["vocabulary"]
    vocabulary["phrases"] = [rule for rule in vocabulary["phrases"] if "garage" not in rule["pattern"]]
    service = {"pattern": "\\bportes?\\s+de\\s+service", "read_as": " porteservice ", "one_word": True}
    vocabulary["phrases"].append(service)
    vocabulary["removal_phrases"]["not_included"] = "\\bsans\\s+{removal}"
    other = Matcher(parse_bareme(json.dumps(raw)))
    assert other.words.tokens("Porte de garage sectionnelle")[0] == "porte"
    assert other.words.tokens("Porte de service vitrée")[0] == "porteservice"
    assert other.similarity("porteservice", "porte") == 0.0 < other.similarity("portes", "porte")
    assert other.words.includes_removal("Fourniture et pose de parquet, hors dépose")
    assert not other.words.includes_removal("Fourniture et pose de parquet sans dépose")
