"""Three readings an electrician's or a heating fitter's line needed (session 21, j49; barème
2025.3's ``same_act_services`` and ``shorthand``): the singular of an -aux plural in -au never met
its plural (« tuyaux » was no « tuyau »); the words of one act in place did not read as each other
(an « audit » of the installation was not its « contrôle »); « DDR », the standard's name of the
residual-current device, was an unknown word. Wordings of our own, not of a measured set."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from billma_core.evaluation.matching import Matcher
from billma_core.evaluation.text import _lemma
from billma_core.models import Unit


@pytest.mark.parametrize(("singular", "plural"), [("tuyau", "tuyaux"), ("materiau", "materiaux"), ("boyau", "boyaux")])
def test_an_au_singular_meets_its_aux_plural(singular: str, plural: str) -> None:
    assert _lemma(singular) == _lemma(plural)


def test_an_eau_word_and_an_al_plural_keep_their_reading() -> None:
    assert _lemma("bureau") == _lemma("bureaux") == "bureau"
    assert _lemma("canaux") == _lemma("canal") == "canal"
    # Four letters or fewer: no rule ("étau" is too short to tell).
    assert _lemma("etau") == "etau"


@pytest.mark.parametrize("wording", ["Tuyaux de cuivre remplacés", "Remplacement des tuyaux d'alimentation"])
def test_pipes_in_the_plural_are_a_pipe_section(priced: Callable[[str, Unit], str | None], wording: str) -> None:
    assert priced(wording, Unit.ML) == "PLO-003"


def test_an_audit_is_the_installations_check(priced: Callable[[str, Unit], str | None]) -> None:
    assert priced("Audit de l'installation électrique", Unit.FORFAIT) == "ELE-007"
    # The check's own words keep it.
    assert priced("Contrôle de l'installation électrique", Unit.FORFAIT) == "ELE-007"
    assert priced("Détection de la fuite sous la dalle", Unit.FORFAIT) == "PLO-001"


def test_acts_of_other_kinds_do_not_read_as_each_other(
    matcher: Matcher, priced: Callable[[str, Unit], str | None]
) -> None:
    # Cleaning words name different gestures: a wash is no disinfection, and no check is a search.
    assert matcher.similarity("lessivage", "desinfection") == 0.0
    assert matcher.similarity("controle", "recherche") == 0.0
    assert matcher.similarity("audit", "verification") > 0.8
    assert priced("Lessivage des murs", Unit.M2) == "PEI-001"


@pytest.mark.parametrize("wording", ["DDR 30 mA remplacé", "Remplacement du DDR de la salle de bain"])
def test_a_ddr_is_a_residual_current_device(priced: Callable[[str, Unit], str | None], wording: str) -> None:
    assert priced(wording, Unit.U) == "ELE-005"


def test_ddr_in_lower_case_is_no_shorthand(matcher: Matcher) -> None:
    # Read only as the standard writes it, in capitals (``exact_case``).
    assert "differentiel" in matcher.words.normalize("DDR remplacé")
    assert "differentiel" not in matcher.words.normalize("ddr remplacé")
