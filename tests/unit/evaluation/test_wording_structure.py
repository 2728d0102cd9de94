"""A wording read by its structure: a complement saying when, why or where a work is done
(``context_words``) is a detail of the work; two works coordinated before one object are each done
to it, and summed unless one item names both; a line counted by the unit that names first a thing
counted so is that thing, not the measured work of the same words. Wordings written for this test."""

from __future__ import annotations

import pytest

from billma_core.evaluation.matching import Matcher
from billma_core.models import Unit


def _details(matcher: Matcher, text: str) -> list[str]:
    return [tok for tok, detail in matcher.read(text) if detail]


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("Désinfection des surfaces après retrait de l'eau", ["depose", "eau"]),
        ("Peinture des plafonds avant remise en place du mobilier", ["remise", "place", "meuble"]),
        ("Traitement des joints lors de la reprise du doublage", ["reprise", "doublage"]),
        ("Reprise d'enduit dans la cage d'escalier", ["cage", "escalier"]),
    ],
)
def test_a_context_complement_is_a_detail(matcher: Matcher, text: str, context: list[str]) -> None:
    assert _details(matcher, text) == context


def test_a_context_ends_with_its_statement_or_at_the_next_work(matcher: Matcher) -> None:
    # The work after the joining word is a second work, not part of the context.
    assert _details(matcher, "Nettoyage après travaux et évacuation des gravats") == ["traval"]
    assert _details(matcher, "Lessivage avant peinture, rebouchage des fissures") == []
    # A parenthesis the wording already has is left as it is.
    assert _details(matcher, "Dépose des plinthes (pour accès aux gaines)") == ["acce", "gaine"]


def test_sur_introduces_what_the_work_is_done_to(matcher: Matcher) -> None:
    # « sur » often names the object itself: the leak on a pipe is the pipe's repair.
    assert _details(matcher, "Réparation de fuite sur canalisation encastrée") == []
    assert matcher.match("Réparation de fuite sur canalisation encastrée", Unit.FORFAIT).item.code == "PLO-002"


@pytest.mark.parametrize(
    ("text", "unit", "codes"),
    [
        ("Recherche et réparation de fuite", Unit.FORFAIT, {"PLO-001", "PLO-002"}),
        ("Localisation et réparation de la fuite sur l'alimentation", Unit.FORFAIT, {"PLO-001", "PLO-002"}),
    ],
)
def test_two_works_done_to_one_object_are_summed(matcher: Matcher, text: str, unit: Unit, codes: set[str]) -> None:
    match = matcher.match(text, unit)
    assert {item.code for item in match.parts} == codes


@pytest.mark.parametrize(
    ("text", "unit", "code"),
    [
        # One item names both works, or the pair is one work the vocabulary reads.
        ("Nettoyage et désinfection des locaux", Unit.M2, "NET-003"),
        ("Ponçage et vitrification du parquet du séjour", Unit.M2, "SOL-008"),
        ("Dépose et repose des plinthes du couloir", Unit.ML, "SOL-012"),
    ],
)
def test_two_works_one_item_names_are_that_item(matcher: Matcher, text: str, unit: Unit, code: str) -> None:
    match = matcher.match(text, unit)
    assert match.item is not None and match.item.code == code
    assert not match.parts


def test_a_list_of_works_does_not_share_its_last_object(matcher: Matcher) -> None:
    # "A, B de X et C": each listed work names its own object.
    assert matcher._shared_objects(["rebouchage", "masticage des fissures", "enduit"]) == [
        "rebouchage",
        "masticage des fissures",
        "enduit",
    ]
    assert matcher._shared_objects(["recherche", "reparation de la fuite"]) == [
        "recherche de la fuite",
        "reparation de la fuite",
    ]
    # A fitting or a removal before another work is no work done to its object.
    assert matcher._shared_objects(["depose", "repose des plinthes"]) == ["depose", "repose des plinthes"]


def test_a_line_counted_by_the_unit_is_the_thing_counted(matcher: Matcher) -> None:
    # Tiles replaced one by one are counted; the same words per m² are the wall tiling.
    counted = matcher.match("Remplacement de carreaux de faïence cassés", Unit.U)
    assert counted.item is not None and counted.item.code == "CAR-006"
    measured = matcher.match("Remplacement de carreaux de faïence cassés", Unit.M2)
    assert measured.item is not None and measured.item.code == "CAR-002"


# Session 13 (j27): the structures ``bench/bench_wording_grammar.py`` draws. Wordings written for
# this test.


@pytest.mark.parametrize(
    ("text", "noun"),
    [
        ("Vitrifier le parquet", "vitrification"),  # -ifier / -ification
        ("Chantier installé", "installation"),  # -er / -ation, the participle
        ("Ouvrir la cloison", "ouverture"),  # -rir / -erture
        ("Fermer la baie", "fermeture"),  # -er / -eture
        ("Locaux assainis", "desinfection"),  # -ir / -issement, which the vocabulary rewrites
        ("Rénover le parquet", "refection"),  # "rénovation", read as the barème's word
    ],
)
def test_a_verb_form_names_its_work_noun(matcher: Matcher, text: str, noun: str) -> None:
    assert noun in [tok for tok, _ in matcher.read(text)]


def test_a_verb_form_whose_noun_the_bareme_lacks_stays_as_written(matcher: Matcher) -> None:
    # "bricoler" has nouns by its endings ("bricolage"…), none of them a barème word.
    assert matcher.words.nouns_of("bricoler")
    assert [tok for tok, _ in matcher.read("Bricoler")] == ["bricoler"]


@pytest.mark.parametrize(
    ("text", "unit", "code"),
    [
        ("Vitrifier parquet", Unit.M2, "SOL-008"),
        ("Ouvrir la cloison pour accès", Unit.FORFAIT, "PLA-011"),
        ("Travaux de reprise : remplacement robinet mitigeur", Unit.U, "PLO-005"),
        ("Travail préparatoire des parois : lessivage et rebouchage", Unit.M2, "PEI-001"),
        ("Intervention sur faux-plafond suspendu : peinture", Unit.M2, "PEI-004"),
        ("Plinthes - peinture", Unit.ML, "PEI-007"),
        # A colon may say where the work is: the ceiling's painting, not the walls'.
        ("Plafonds : préparation et peinture mate", Unit.M2, "PEI-004"),
        # The state the loss left the thing in is a detail; its agent may say the work (soot).
        ("Lessivage des murs noircis par les fumées", Unit.M2, "NET-004"),
        ("Remplacement parement plâtre abîmé par plaque neuve", Unit.M2, "PLA-001"),
    ],
)
def test_the_structure_of_a_wording_names_its_work(matcher: Matcher, text: str, unit: Unit, code: str) -> None:
    match = matcher.match(text, unit)
    assert match.item is not None and match.item.code == code


def test_a_generic_head_gives_its_complement_to_the_works_after_its_colon(matcher: Matcher) -> None:
    words = [tok for tok, _ in matcher.read("Travail préparatoire des parois : lessivage et rebouchage")]
    assert words == ["lessivage", "rebouchage", "paroi"]


def test_only_what_the_line_does_follows_a_comma_as_its_work(matcher: Matcher) -> None:
    # "Tuiles, remplacement": the tiles' replacement; a comma before a service lists it.
    assert next(tok for tok, _ in matcher.read("Tuiles, remplacement")) == "remplacement"
    text = "Mise en sécurité de l'installation, contrôle d'isolement"
    assert next(tok for tok, _ in matcher.read(text)) != "controle"


def test_a_state_participle_is_a_detail(matcher: Matcher) -> None:
    assert _details(matcher, "Désinfection des locaux souillés par les eaux usées") == ["souille"]
    assert _details(matcher, "Remplacement radiateur qui a été touché") == ["ete", "touche"]


# Session 13, round 2 (j29): the classes of set 13's misses and of what j27's rules cost it.
# Wordings written for this test.


def test_supply_and_fit_after_a_comma_stay_the_manner(matcher: Matcher) -> None:
    # Read first, "fourni posé" would be the line's head and the thing a detail.
    assert next(tok for tok, _ in matcher.read("Cloison sur rails, fournie posée")) == "cloison"


def test_a_generic_head_gives_way_to_works_of_any_ending(matcher: Matcher) -> None:
    words = [tok for tok, _ in matcher.read("Travaux préparatoires : ponçage et rebouchage des fissures")]
    assert words[0] == "poncage"


@pytest.mark.parametrize(
    ("text", "unit", "code"),
    [
        # A negated removal is not done: the leak search destroys nothing.
        ("Recherche de fuite sans démolition", Unit.FORFAIT, "PLO-001"),
        ("Venue sur chantier", Unit.FORFAIT, "INS-002"),
        # A removal of what no item names, after the line's own work, is a step of it.
        ("Nettoyage des vitres et enlèvement des étiquettes", Unit.FORFAIT, "NET-001"),
        # A method named for its work.
        ("Aspiration des suies au plafond", Unit.M2, "NET-004"),
    ],
)
def test_set_13s_classes_name_their_work(matcher: Matcher, text: str, unit: Unit, code: str) -> None:
    match = matcher.match(text, unit)
    assert match.item is not None and match.item.code == code


@pytest.mark.parametrize(
    ("text", "unit", "code"),
    [
        ("Venue d'eau sous l'évier", Unit.FORFAIT, "INS-002"),  # water coming in, not a trip
        ("Masticage des vitres", Unit.ML, "PEI-001"),  # the glazier's putty, not the painter's
        ("Nettoyage et dépose des plinthes", Unit.ML, "NET-001"),  # a removal of a known thing
    ],
)
def test_what_set_13s_words_do_not_say(matcher: Matcher, text: str, unit: Unit, code: str) -> None:
    match = matcher.match(text, unit)
    assert match.item is None or match.item.code != code


@pytest.mark.parametrize(
    ("text", "unit", "code"),
    [
        # A heading naming only a repair and its occasion, then a fitting: the fitting is the work.
        ("Réparation après effraction : remplacement du cylindre", Unit.U, "MEN-005"),
        ("Dépannage après orage : remplacement du disjoncteur", Unit.U, "ELE-005"),
        # A work named in the heading, then its steps: a removal among them is one of its steps.
        ("Assèchement des locaux : installation, suivi, retrait du matériel", Unit.FORFAIT, "ASS-002"),
    ],
)
def test_a_heading_says_why_or_which_work_the_steps_are(matcher: Matcher, text: str, unit: Unit, code: str) -> None:
    match = matcher.match(text, unit)
    assert match.item is not None and match.item.code == code, match.candidates[:2]


@pytest.mark.parametrize(
    ("text", "unit", "whole"),
    [
        # A heading naming the repaired object: a part of it replaced is no new object.
        ("Réparation fenêtre : remplacement de la crémone", Unit.U, "MEN-003"),
        ("Réparation chauffe-eau : remplacement de la résistance", Unit.U, "PLO-012"),
        ("Réparation porte d'entrée : remplacement de la poignée", Unit.U, "MEN-004"),
        # A removal naming nothing after it is done to the line's thing, not a step of a work.
        ("Couverture déposée", Unit.M2, "TOI-001"),
    ],
)
def test_what_a_heading_or_a_step_does_not_make_the_line(matcher: Matcher, text: str, unit: Unit, whole: str) -> None:
    match = matcher.match(text, unit)
    accepted = {c.item.code for c in match.candidates[: max(match.plausible, 1)]} if match.item else set()
    assert whole not in accepted, match.candidates[:2]


# Session 17, round 2 (j38): a call-out's site cost named by its object, a thing under its trade's
# other name, a diagnosis named by its instruments. Wordings written for this test, none of set 20's.


@pytest.mark.parametrize(
    ("text", "unit", "code"),
    [
        ("Surchaussures et housses pour le dépannage", Unit.FORFAIT, "INS-001"),
        ("Mise sous film du mobilier de la chambre", Unit.FORFAIT, "INS-001"),
        ("Balayage des morceaux de vitre dans la véranda", Unit.FORFAIT, "NET-001"),
        ("Fourgon d'intervention, forfait", Unit.FORFAIT, "INS-002"),
        ("Arrivée d'un serrurier sur place", Unit.FORFAIT, "INS-002"),
        ("Points de lumière de la terrasse remplacés", Unit.U, "ELE-003"),
        ("Diagnostic d'une fuite sous dalle : humidimètre", Unit.FORFAIT, "PLO-001"),
    ],
)
def test_a_call_outs_site_cost_is_named_by_its_kind_of_object(
    matcher: Matcher, text: str, unit: Unit, code: str
) -> None:
    match = matcher.match(text, unit)
    assert match.item is not None and match.item.code == code, match.candidates[:2]


@pytest.mark.parametrize(
    ("text", "unit", "code"),
    [
        ("Remplacement du vitrage suite à bris de glace", Unit.U, "NET-001"),  # the claim, not the debris
        ("Film sur la fenêtre en attendant le verre", Unit.FORFAIT, "INS-001"),  # a make-safe, no furniture
        ("Déplacement d'un point de lumière au plafond", Unit.U, "INS-002"),  # a thing moved, not a trip
        ("Diagnostic humidité des murs après assèchement", Unit.FORFAIT, "PLO-001"),  # readings, no leak
    ],
)
def test_what_a_call_outs_kinds_of_object_do_not_say(matcher: Matcher, text: str, unit: Unit, code: str) -> None:
    match = matcher.match(text, unit)
    assert match.item is None or match.item.code != code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # A removal said in a time complement is when the work is done, whatever the line's head
        # (a thing here: « bâche », « bâchage »), never what the line does.
        ("Bâche sur le mobilier pendant la dépose de la vitre", "INS-001"),
        ("Bâchage des meubles lors de la dépose des fenêtres", "INS-001"),
        # A removal said in the agent of the thing's state is what caused the loss.
        ("Peinture des murs mouillés par l'eau entrée par la fenêtre arrachée", "PEI-003"),
    ],
)
def test_a_removal_said_in_a_circumstance_is_not_the_lines_action(matcher: Matcher, text: str, code: str) -> None:
    match = matcher.match(text, Unit.FORFAIT if code.startswith("INS") else Unit.M2)
    assert match.item is not None
    assert match.item.code == code


def test_a_removal_said_outside_the_circumstance_stays_the_lines_action(matcher: Matcher) -> None:
    # The line's own removal, the state's agent only says why.
    assert matcher.match("Dépose du placo mouillé par la fuite", Unit.M2).item.code == "PLA-003"
    # A thing's removal in parentheses is no circumstance.
    assert matcher.match("Plinthes (dépose)", Unit.ML).item.code == "SOL-011"
    # The agent keeps its words for the items it names: the soot cleaning.
    assert matcher.match("Lessivage des murs noircis par les fumées", Unit.M2).item.code == "NET-004"


def test_a_place_participle_and_pendant_open_a_context(matcher: Matcher) -> None:
    assert _details(matcher, "Protection des meubles situés sous la fenêtre") == ["situe", "fenetre"]
    assert _details(matcher, "Protection du parquet pendant les travaux") == ["pendante", "traval"]
