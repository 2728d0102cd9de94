"""Works named otherwise than by their act (issue 12, session 17): by their purpose (« … pour
trouver la fuite »), by the person of their trade (« heure de chauffagiste »), by a material's trade
name (« polyane », « Gyproc »), as a redo (« découverture et recouverture », « refait en … »); and a
heading's line read both ways, as the object of its action and whole, the better supported kept."""

from __future__ import annotations

import pytest

from billma_core.bareme import Bareme, load_bareme
from billma_core.bareme.schema import Trade
from billma_core.evaluation.matching import matcher_for
from billma_core.evaluation.text import FITTING, Wording
from billma_core.models import Unit


@pytest.fixture(scope="module")
def bareme() -> Bareme:
    return load_bareme()


def _code(bareme: Bareme, wording: str, unit: Unit) -> str | None:
    match = matcher_for(bareme).match(wording, unit)
    return None if match.item is None else match.item.code


def _hourly(bareme: Bareme, trade: Trade) -> str:
    """The hourly item whose heads name ``trade`` (the barème's data, not this test's)."""
    matcher = matcher_for(bareme)
    (code,) = [
        item.code
        for item in bareme.items
        if item.unit is Unit.H and trade in matcher.heading_trades(" ".join(item.heads))
    ]
    return code


@pytest.mark.parametrize(
    ("person", "trade"),
    [("chauffagiste", Trade.PLUMBING), ("installateur thermique", Trade.PLUMBING), ("zingueur", Trade.ROOFING)],
)
def test_an_hour_of_a_trades_person_is_that_trades_hour(bareme: Bareme, person: str, trade: Trade) -> None:
    match = matcher_for(bareme).match(f"Main d'œuvre {person}", Unit.H)
    assert match.item is not None and match.item.code == _hourly(bareme, trade)
    # The general labour stays plausible after it: the trade's hour never hides an overpriced line.
    assert bareme.general_labour in {c.item.code for c in match.candidates[: match.plausible]}


def test_every_trades_hourly_item_cites_a_public_price(bareme: Bareme) -> None:
    matcher = matcher_for(bareme)
    for trade in bareme.vocabulary.trade_names:
        hourly = [
            item
            for item in bareme.items
            if item.unit is Unit.H and trade in matcher.heading_trades(" ".join(item.heads))
        ]
        for item in hourly:
            assert any("€" in source or "euros" in source for source in item.sources), item.code


@pytest.mark.parametrize(
    ("written", "generic"),
    [("Gyproc", "plaque de plâtre"), ("Fermacell", "plaque de plâtre"), ("Rouleau IBR", "rouleau de laine de verre")],
)
def test_a_materials_trade_name_reads_as_what_it_is(bareme: Bareme, written: str, generic: str) -> None:
    words = Wording(bareme.vocabulary)
    assert words.tokens(written) == words.tokens(generic)


def test_a_protection_film_named_by_its_trade_name_is_the_protection(bareme: Bareme) -> None:
    protection = _code(bareme, "Mise en place de film de protection sur le parquet", Unit.FORFAIT)
    assert protection is not None
    assert _code(bareme, "Mise en place de polyane sur le parquet", Unit.FORFAIT) == protection


def test_a_purpose_names_the_work_a_line_cannot_be_read_whole_as(bareme: Bareme) -> None:
    search = _code(bareme, "Recherche de fuite", Unit.FORFAIT)
    assert search is not None
    assert _code(bareme, "Remplissage du circuit en eau chaude afin de localiser la fuite", Unit.FORFAIT) == search


def test_a_purpose_naming_only_an_object_prices_nothing(bareme: Bareme) -> None:
    # « accéder » is no item's work: the pipe it reaches is not the line's thing.
    match = matcher_for(bareme).match("Dépose du coffrage pour accéder à la canalisation fuyarde", Unit.FORFAIT)
    assert match.item is None or match.item.trade is not Trade.PLUMBING


def test_a_purpose_never_overrides_the_line_read_whole(bareme: Bareme) -> None:
    whole = _code(bareme, "Dépose des plinthes", Unit.ML)
    assert whole is not None
    assert _code(bareme, "Dépose des plinthes pour permettre l'assèchement des murs", Unit.ML) == whole


def test_taken_out_then_made_again_is_a_replacement(bareme: Bareme) -> None:
    matcher = matcher_for(bareme)

    def action(wording: str) -> str | None:
        return matcher.words.action([tok for tok, _ in matcher.read(wording)])

    assert action("Découverture et recouverture") == FITTING
    assert action("Dépose et réfection du joint") == FITTING
    # A redo before a removal word: the removal says the thing's state, the line is no new thing.
    assert action("Recollage des carreaux descellés") != FITTING


def test_a_thing_made_again_in_a_material_is_that_material_fitted(bareme: Bareme) -> None:
    fitted = _code(bareme, "Plaques de plâtre fournies posées", Unit.M2)
    assert fitted is not None
    assert _code(bareme, "Rampant sous toiture refait en plaques de plâtre", Unit.M2) == fitted


def test_a_heading_then_its_steps_is_the_heading_work(bareme: Bareme) -> None:
    drying = _code(bareme, "Assèchement des locaux", Unit.FORFAIT)
    assert drying is not None
    assert _code(bareme, "Séchage des murs : pose, mesures et retrait des appareils", Unit.FORFAIT) == drying
