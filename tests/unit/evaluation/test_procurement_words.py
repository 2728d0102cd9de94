"""Public procurement documents (BPU, DPGF, DQE) write around each work how it is paid (« ouvrage payé
au m² »), which article or document it refers to (« Prix n° 12 : », « suivant CCTP art. 4.2 ») and
where it goes (« Localisation : bureaux »): none says what the work is, so the line reads as the work
alone. A refit may be worded « remise en place » or « réinstallation » after the removal, far from it;
an adjective in -if agrees in -ive; a work on a thing named after it (« porte à raboter », « porte
d'entrée à réparer », « tableau à vérifier ») is that work, never the new thing. Wordings written for
this test (not those of a measured set)."""

from __future__ import annotations

import pytest

from billma_core.evaluation.matching import Matcher
from billma_core.models import Unit


@pytest.mark.parametrize(
    ("decorated", "plain"),
    [
        ("Peinture des murs, ouvrage payé au mètre carré", "Peinture des murs"),
        ("Prix n° 12 : peinture des plafonds", "peinture des plafonds"),
        ("Art. 3.1 - Peinture des plafonds", "Peinture des plafonds"),
        ("Peinture des murs suivant CCTP article 4.2", "Peinture des murs"),
        ("Peinture des murs selon DTU 59.1", "Peinture des murs"),
        ("Peinture des murs, localisation : hall et couloirs", "Peinture des murs"),
        ("Remplacement du robinet, ouvrage compté à l'unité", "Remplacement du robinet"),
    ],
)
def test_procurement_mentions_are_not_the_work(matcher: Matcher, decorated: str, plain: str) -> None:
    assert matcher.words.tokens(decorated) == matcher.words.tokens(plain)


def test_locating_a_leak_is_still_a_work(matcher: Matcher) -> None:
    # Only « Localisation : » before a place is a mention; locating a leak is the leak search.
    match = matcher.match("Localisation de la fuite par caméra thermique", Unit.FORFAIT)
    assert match.item is not None and match.item.code == "PLO-001"


@pytest.mark.parametrize(
    ("wording", "unit", "code"),
    [
        ("Dépose du lavabo et remise en place", Unit.U, "PLO-010"),
        ("Démontage du radiateur pour les travaux puis réinstallation", Unit.U, "PLO-015"),
        ("Dépose des prises avant travaux et remise en place", Unit.U, "ELE-012"),
    ],
)
def test_a_removal_then_remise_en_place_is_a_refit(matcher: Matcher, wording: str, unit: Unit, code: str) -> None:
    match = matcher.match(wording, unit)
    assert match.item is not None and match.item.code == code


def test_an_adjective_in_ive_is_its_form_in_if(matcher: Matcher) -> None:
    assert matcher.words.tokens("lames massives") == matcher.words.tokens("lame massif")
    match = matcher.match("Lames de chêne massives collées", Unit.M2)
    assert match.item is not None and match.item.code == "SOL-004"


@pytest.mark.parametrize(
    ("wording", "unit", "code"),
    [
        # The work to do on the thing, named after it, not a new thing: the door is planed.
        ("Porte intérieure à raboter", Unit.U, "MEN-002"),
        ("Chambre : porte à raboter", Unit.U, "MEN-002"),
        ("Radiateur à déposer et reposer", Unit.U, "PLO-015"),
        ("Peindre la porte de la chambre", Unit.U, "PEI-006"),
        ("Porte intérieure à vernir", Unit.U, "PEI-006"),
    ],
)
def test_a_thing_then_a_verb_is_that_work_on_it(matcher: Matcher, wording: str, unit: Unit, code: str) -> None:
    match = matcher.match(wording, unit)
    assert match.item is not None and match.item.code == code


@pytest.mark.parametrize(
    ("wording", "unit", "code"),
    [
        # A removal said to be included is part of the new work the line fits.
        ("Fenêtre PVC (dépose de l'ancienne comprise)", Unit.U, "MEN-003"),
        ("Plinthes bois, dépose comprise", Unit.ML, "SOL-010"),
        # Not what another work includes, nor a work excluded after it.
        ("Dépose du carrelage y compris évacuation", Unit.M2, "CAR-003"),
        ("Arrachage moquette et ragréage non compris", Unit.M2, "SOL-001"),
        # A removal that is the line's only work, its waste's disposal said included.
        ("Démolition du carrelage scellé Évacuation en déchetterie comprise", Unit.M2, "CAR-003"),
    ],
)
def test_a_removal_said_included_is_part_of_the_fitting(matcher: Matcher, wording: str, unit: Unit, code: str) -> None:
    match = matcher.match(wording, unit)
    assert match.item is not None and match.item.code == code


@pytest.mark.parametrize(
    ("wording", "unit", "dearer"),
    [
        ("Porte d'entrée à réparer", Unit.U, "MEN-004"),
        ("Porte d'entrée à régler", Unit.U, "MEN-004"),
        ("Fenêtre à réviser", Unit.U, "MEN-003"),
        ("Tableau électrique à vérifier", Unit.U, "ELE-006"),
    ],
)
def test_a_repair_named_after_its_thing_is_never_the_new_thing(
    matcher: Matcher, wording: str, unit: Unit, dearer: str
) -> None:
    match = matcher.match(wording, unit)
    assert match.item is None or match.item.code != dearer


@pytest.mark.parametrize("wording", ["Poignée de porte : remplacement", "Crémone de la fenêtre : changer"])
def test_a_heading_followed_by_a_work_alone_is_the_thing_of_that_work(matcher: Matcher, wording: str) -> None:
    # The handle is what is replaced, not where: never the new door or window.
    match = matcher.match(wording, Unit.U)
    assert match.item is None or match.item.code not in {"MEN-001", "MEN-003"}
