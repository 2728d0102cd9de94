"""A check is priced at the item of what it checks (issue 12, s11): the barème prices the roof's
révision, the plumbing, gas and heating checks (sourced, with the works they price), and a check
item is named by what it checks (the electrical installation, the moisture), never by the check
word alone: « Vérification de la porte » is no electrical check."""

from __future__ import annotations

from decimal import Decimal

import pytest
from test_verdicts_decision import PROTECTION, WALLS, judge, make_quote

from bench.bench_service_variants import plausible_readings, variants
from billma_core.bareme import Bareme, load_bareme
from billma_core.models import Cover, Outcome, Unit, Verdict


@pytest.fixture(scope="module")
def bareme() -> Bareme:
    return load_bareme()


def _read(bareme: Bareme, wording: str, unit: Unit) -> list[str]:
    return [item.code for item in plausible_readings(bareme, wording, unit)]


@pytest.mark.parametrize(
    ("wording", "unit", "code"),
    [
        ("Révision couverture tuiles", Unit.M2, "TOI-005"),
        ("Remaniement de toiture", Unit.M2, "TOI-005"),
        ("Vérification de l'installation gaz", Unit.FORFAIT, "PLO-020"),
        ("Révision de la chaudière", Unit.FORFAIT, "PLO-021"),
        ("Contrôle de l'installation de plomberie", Unit.FORFAIT, "PLO-019"),
        ("Contrôle de l'installation électrique", Unit.FORFAIT, "ELE-007"),
        ("Vérification électrique", Unit.FORFAIT, "ELE-007"),
        ("Tableau électrique à vérifier", Unit.U, "ELE-007"),
        ("Relevés d'humidité", Unit.FORFAIT, "ASS-003"),
    ],
)
def test_a_check_is_priced_at_the_item_of_what_it_checks(bareme: Bareme, wording: str, unit: Unit, code: str) -> None:
    assert _read(bareme, wording, unit)[:1] == [code]


@pytest.mark.parametrize(
    "wording", ["Vérification de la porte", "Contrôle des murs", "Diagnostic du parquet", "Vérification gaz"]
)
def test_a_check_of_another_trades_thing_is_no_electrical_nor_moisture_check(bareme: Bareme, wording: str) -> None:
    assert not {"ELE-007", "ASS-003"} & set(_read(bareme, wording, Unit.FORFAIT))


@pytest.mark.slow
def test_every_check_of_a_thing_sold_goes_to_a_check_of_its_trade_or_to_a_reviewer(bareme: Bareme) -> None:
    # Every check word × every thing the barème sells × two forms (``bench_service_variants``;
    # several thousand lines, hence slow).
    general = {*bareme.every_site_trades, "labour"}
    trades: dict[str, set[str]] = {}
    for item in bareme.items:
        for head in item.heads if not item.services else ():
            trades.setdefault(head, set()).add(item.trade)
    wrong = []
    for variant in variants(bareme):
        if variant.kind != "check":
            continue
        for item in plausible_readings(bareme, variant.wording, variant.unit):
            # The leak search also inspects (``locate`` and ``check``): any thing may leak.
            checks_elsewhere = item.trade not in trades[variant.thing] | general
            if "check" in item.services and "locate" not in item.services and checks_elsewhere:
                wrong.append((variant.wording, item.code))
    assert not wrong, wrong[:10]


def test_a_fair_roof_revision_passes_and_an_inflated_one_is_overpriced(bareme: Bareme) -> None:
    price = bareme.item("TOI-005").unit_price_ht
    revision = ("Révision couverture tuiles", "20", Unit.M2, str(price), "10")
    storm = Cover.TEMPETE_GRELE_NEIGE
    fair = judge(make_quote(PROTECTION, WALLS, revision, postal=None), bareme, storm)
    assert fair.lines[2].verdict is Verdict.OK
    assert fair.outcome is Outcome.AUTO_VALIDATED
    inflated = ("Révision couverture tuiles", "20", Unit.M2, str(price * Decimal("1.16")), "10")
    judged = judge(make_quote(PROTECTION, WALLS, inflated, postal=None), bareme, storm)
    assert judged.lines[2].verdict is Verdict.OVERPRICED
    assert judged.outcome is not Outcome.AUTO_VALIDATED
