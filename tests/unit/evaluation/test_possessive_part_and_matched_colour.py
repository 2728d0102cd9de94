"""Two words that pulled a line to another trade's item (session 20, j45; barème 2025.3's
``possessive_words`` and ``generic_words``): a thing joined by a possessive (« … et de son
tablier ») was read as a second work, the roller shutter's apron priced on top of the bath's;
« assortie » (a matched colour or style) was read as the tiled skirting's word, whatever the
skirting was matched to. Wordings of our own, not of a measured set."""

from __future__ import annotations

import pytest

from billma_core.bareme import load_bareme
from billma_core.evaluation.matching import Matcher, matcher_for
from billma_core.models import Unit


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return matcher_for(load_bareme())


def test_a_part_joined_by_a_possessive_is_the_same_work(matcher: Matcher) -> None:
    # The shower tray's apron is the tray's: one removal and refit, no roller shutter.
    match = matcher.match_in("Démontage et remontage du receveur et de son tablier", Unit.U, frozenset())
    assert match.item is not None and match.item.code == "PLO-011"
    assert not match.parts
    assert "MEN-006" not in {c.item.code for c in match.candidates[: match.plausible]}


def test_the_possessive_part_is_a_detail(matcher: Matcher) -> None:
    # Read as a parenthesis: the line names one work, not two.
    stated = matcher.words.stated("demolition du carrelage de sol et de sa chape")
    assert stated == "demolition du carrelage de sol (et de sa chape)"
    assert matcher.words.works(stated) == [stated]
    ranked = matcher.rank("Démolition du carrelage de sol et de sa chape", Unit.M2)
    assert ranked[0].item.code == "CAR-003"
    # The screed, a detail, no longer brings the screed's own item near the tiles' removal.
    assert all(c.score < 0.5 for c in ranked[1:])


def test_a_shutter_and_its_apron_stay_the_shutter(matcher: Matcher) -> None:
    match = matcher.match("Volet roulant et son tablier", Unit.U)
    assert match.item is not None and match.item.code == "MEN-006"


@pytest.mark.parametrize(
    "wording",
    ["Pose de plinthes blanches assorties aux huisseries", "Fourniture de plinthes assorties aux portes, posées"],
)
def test_a_matched_colour_is_not_a_tiled_skirting(matcher: Matcher, wording: str) -> None:
    match = matcher.match_in(wording, Unit.ML, frozenset())
    assert match.item is not None and match.item.code == "SOL-010"


def test_a_skirting_matched_to_tiles_named_so_stays_tiled(matcher: Matcher) -> None:
    # What it is matched to says its material when the line names it: « en carrelage ».
    match = matcher.match_in("Pose de plinthes en carrelage assorties au sol", Unit.ML, frozenset())
    assert match.item is not None and match.item.code == "CAR-004"


@pytest.mark.parametrize("wording", ["Tablier de baignoire remplacé", "Remplacement du tablier de la baignoire"])
def test_an_apron_is_the_part_of_the_thing_it_belongs_to(matcher: Matcher, wording: str) -> None:
    # A bath's apron is no roller shutter's: the shutter's item is not plausible (450 € against a
    # panel), whether or not the barème has an item for the bath's.
    match = matcher.match_in(wording, Unit.U, frozenset())
    assert "MEN-006" not in {c.item.code for c in match.candidates[: match.plausible]}
    assert "MEN-006" not in {item.code for item in match.parts}


@pytest.mark.parametrize(
    "wording", ["Tablier de volet roulant changé", "Remplacement tablier volet alu", "Remplacement du tablier"]
)
def test_a_shutters_apron_stays_the_shutters(matcher: Matcher, wording: str) -> None:
    match = matcher.match(wording, Unit.U)
    assert match.item is not None and match.item.code == "MEN-006"
