"""Words that say how many or in what measure, never what the work is (session 19, j43; barème
2025.3's ``stop_words``): an indefinite determiner (« quelques », « plusieurs », « certains »,
« chaque ») was read as the line's first word of work, an unknown head that halved every item's
score, and a unit written out in full (« le mètre linéaire de ») as the line's head. Wordings of
our own, not of a measured set."""

from __future__ import annotations

import pytest

from billma_core.bareme import load_bareme
from billma_core.evaluation.matching import Matcher, matcher_for
from billma_core.models import Unit


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return matcher_for(load_bareme())


@pytest.mark.parametrize(
    ("wording", "unit", "code"),
    [
        ("Remplacement de quelques carreaux cassés", Unit.U, "CAR-006"),
        ("Remplacement de plusieurs carreaux ébréchés", Unit.U, "CAR-006"),
        ("Changement de certains carreaux abîmés", Unit.U, "CAR-006"),
    ],
)
def test_a_determiner_is_not_the_work(matcher: Matcher, wording: str, unit: Unit, code: str) -> None:
    match = matcher.match(wording, unit)
    assert match.item is not None and match.item.code == code
    # The same line without the determiner reads the same: it says nothing of the work.
    bare = " ".join(word for word in wording.split() if word not in {"quelques", "plusieurs", "certains"})
    assert matcher.read(wording) == matcher.read(bare)


@pytest.mark.parametrize(
    ("wording", "unit", "code"),
    [
        ("Le mètre linéaire de plinthe en chêne, clouée", Unit.ML, "SOL-010"),
        ("Le mètre carré de carrelage de sol en grès, collé", Unit.M2, "CAR-001"),
    ],
)
def test_a_unit_written_out_is_not_the_work(matcher: Matcher, wording: str, unit: Unit, code: str) -> None:
    match = matcher.match(wording, unit)
    assert match.item is not None and match.item.code == code
    assert not {"metre", "lineaire", "carre"} & {tok for tok, _ in matcher.read(wording)}


def test_the_current_of_a_socket_stays(matcher: Matcher) -> None:
    # « courant » (« au mètre courant ») is no unit word: it is the socket's (« prise de courant »).
    match = matcher.match("Remplacement d'une prise de courant", Unit.U)
    assert match.item is not None and match.item.code == "ELE-001"
