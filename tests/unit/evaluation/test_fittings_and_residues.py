"""Classes of session 10 (issue 12), as barème data: a leak on a fitting the barème prices apart is
never the dearer pipe repair (a wrong item with a higher ceiling would let an inflated line pass);
skirting matched to a parquet is no tiled skirting; « EC/EF » is hot and cold water; taking residues
off a support is its preparation, neither a removal of work nor a painting. Wordings written for
this test."""

from __future__ import annotations

import pytest

from billma_core.evaluation.matching import Matcher
from billma_core.models import Unit


def _plausible(matcher: Matcher, wording: str, unit: Unit) -> set[str]:
    match = matcher.match(wording, unit)
    return {c.item.code for c in match.candidates[: match.plausible]} | {i.code for i in match.parts}


@pytest.mark.parametrize(
    "wording",
    [
        "Réparation fuite mécanisme de chasse d'eau",
        "Fuite sur flexible du lave-linge, réparation",
        "Reprise fuite siphon évier",
        "Réparation fuite robinet cuisine",
        "Réparation fuite groupe de sécurité",
    ],
)
def test_a_leak_on_a_fitting_priced_apart_is_never_the_pipe_repair(matcher: Matcher, wording: str) -> None:
    assert "PLO-002" not in _plausible(matcher, wording, Unit.U)
    assert "PLO-002" not in _plausible(matcher, wording, Unit.FORFAIT)


@pytest.mark.parametrize("wording", ["Réparation fuite canalisation cuivre", "Réparation de fuite sur raccord"])
def test_a_leak_on_a_pipe_is_still_the_pipe_repair(matcher: Matcher, wording: str) -> None:
    match = matcher.match(wording, Unit.FORFAIT)
    assert match.item is not None and match.item.code == "PLO-002"


@pytest.mark.parametrize(
    "wording", ["Plinthes assorties au stratifié", "Pose plinthes bois assorties au parquet chêne"]
)
def test_skirting_matched_to_a_parquet_is_no_tiled_skirting(matcher: Matcher, wording: str) -> None:
    match = matcher.match(wording, Unit.ML)
    assert "CAR-004" not in _plausible(matcher, wording, Unit.ML)
    assert match.item is not None and match.item.code == "SOL-010"


def test_tiled_skirting_is_still_tiled_skirting(matcher: Matcher) -> None:
    match = matcher.match("Plinthes carrelées assorties au carrelage", Unit.ML)
    assert match.item is not None and match.item.code == "CAR-004"


def test_hot_and_cold_water_written_short(matcher: Matcher) -> None:
    words = [tok for tok, _ in matcher.read("Alimentation EC/EF en cuivre")]
    assert words[:5] == ["alimentation", "eau", "chaude", "eau", "froide"]
    match = matcher.match("Alimentation EC/EF en cuivre", Unit.ML)
    assert match.item is not None and match.item.code == "PLO-003"


@pytest.mark.parametrize(
    "wording",
    [
        "Enlèvement des résidus de colle",
        "Retrait des résidus d'enduit et de peinture",
        "Retrait des résidus de plâtre, de papier et de peinture (séjour)",
    ],
)
def test_taking_residues_off_is_the_preparation(matcher: Matcher, wording: str) -> None:
    match = matcher.match(wording, Unit.M2)
    assert match.item is not None and match.item.code == "PEI-001"
    # Residues of paint are no painting, whose ceiling is higher.
    assert "PEI-003" not in _plausible(matcher, wording, Unit.M2)


def test_residues_do_not_swallow_the_next_work(matcher: Matcher) -> None:
    words = [tok for tok, _ in matcher.read("Retrait des résidus de colle et pose de carrelage")]
    assert "carrelage" in words and "pose" in words


@pytest.mark.parametrize(("wording", "code"), [("SV 4 mm remplacé", "VIT-002"), ("Remplacement DV 4/16/4", "VIT-001")])
def test_single_glazing_written_short_is_single_glazing(matcher: Matcher, wording: str, code: str) -> None:
    match = matcher.match(wording, Unit.M2)
    assert match.item is not None and match.item.code == code


def test_sv_in_lower_case_is_no_glazing(matcher: Matcher) -> None:
    assert "vitrage" not in [tok for tok, _ in matcher.read("Lot sv 2")]


@pytest.mark.parametrize(
    ("wording", "code"),
    [
        ("F&P BA13 std sur ossat.", "PLA-001"),
        ("Plaque BA13 standard", "PLA-001"),
        ("Cloison BA13 sur ossature", "PLA-004"),
        ("Faux plafond BA13 sur ossature", "PLA-006"),
    ],
)
def test_a_board_on_a_frame_is_the_board_unless_the_line_names_what_it_builds(
    matcher: Matcher, wording: str, code: str
) -> None:
    match = matcher.match(wording, Unit.M2)
    assert match.item is not None and match.item.code == code


@pytest.mark.parametrize("wording", ["Appareils de séchage", "Mise en place appareil pour assèchement"])
def test_drying_equipment_is_the_drying_set_up(matcher: Matcher, wording: str) -> None:
    match = matcher.match(wording, Unit.FORFAIT)
    assert match.item is not None and match.item.code == "ASS-002"
    # No sanitary appliance: an « appareil » that dries is no basin.
    assert not {"PLO-010", "PLO-017"} & {c.item.code for c in match.candidates[: match.plausible]}
