"""The document's totals found by their arithmetic (``reading/foot.py``): among the foot's
figures, the roles HT, VAT and TTC that close the document's equations, the labels only ranking
readings that close."""

from __future__ import annotations

from decimal import Decimal

import pytest
from foot_layouts import build_foot, misreadings
from hypothesis import given, settings
from hypothesis import strategies as st

from billma_core.amounts import vat_of
from billma_core.money import money
from billma_core.reading import read_document
from billma_core.reading.foot import FootFigure, completed, plausible_vat, search
from billma_core.reading.parse import parse_quote
from billma_core.reading.totals import find_totals, foot_figures, labels_joined
from tests.quick import first_quick


def _figures(*cells: str) -> list[FootFigure]:
    """ "ht:300.00" a figure under its label, "300.00" one with none, "deposit:-90.00" a deposit
    (what follows it comes after a deduction), "tva@10:30.00" a VAT row naming its rate."""
    figures: list[FootFigure] = []
    deducted = False
    for row, cell in enumerate(cells):
        label, _, value = cell.rpartition(":")
        name, _, rate = label.partition("@")
        deducted = deducted or name == "deposit"
        figures.append(
            FootFigure(
                Decimal(value),
                row,
                name if name not in ("", "deposit") else None,
                deducted,
                rate=Decimal(rate) if rate else None,
            )
        )
    return figures


def test_totals_without_labels_are_found_by_their_equations() -> None:
    # "Base HT", "Montant dû", "À régler": no label the vocabulary knows.
    found = search(_figures("300.00", "30.00", "330.00"), Decimal("300.00"), 3)
    assert found is not None
    assert (found.total_ht, found.total_tva, found.total_ttc, found.lines_ttc) == (
        Decimal("300.00"),
        Decimal("30.00"),
        Decimal("330.00"),
        False,
    )


def test_lines_priced_ttc_add_up_to_the_ttc() -> None:
    # Lines TTC summing to 330,00; the HT printed only in the totals.
    found = search(_figures("ttc:330.00", "tva:30.00", "ht:300.00"), Decimal("330.00"), 3)
    assert found is not None and found.lines_ttc and found.total_ht == Decimal("300.00")


def test_a_deposit_taken_off_the_ttc_is_no_vat() -> None:
    # TTC − deposit = sum due looks like HT + VAT = TTC; the deposit is no VAT of the HT.
    found = search(_figures("tva:80.50", "ttc:885.54", "deposit:44.28", "841.26"), Decimal("885.54"), 4)
    assert found is not None and (found.total_ht, found.total_ttc) == (Decimal("805.04"), Decimal("885.54"))


def test_vat_rows_per_rate_add_up() -> None:
    found = search(_figures("ht:1000.00", "tva@10:50.00", "tva@20:100.00", "ttc:1150.00"), Decimal("1000.00"), 5)
    assert found is not None and found.total_tva == Decimal("150.00")


def test_a_discount_on_the_total_is_taken_off_the_lines() -> None:
    figures = _figures("ht:1000.00", "-50.00", "ht:950.00", "tva:95.00")
    figures[1] = FootFigure(Decimal("-50.00"), 1, None, discount=True)
    found = search(figures, Decimal("1000.00"), 4)
    assert found is not None and (found.total_ht, found.total_ttc) == (Decimal("950.00"), Decimal("1045.00"))


def test_nothing_closes_nothing_is_given() -> None:
    # Lines 1 100,00, printed HT 1 000,00: no figure makes the lines' sum; the labels' reading
    # stands and the checks name the figures that disagree.
    assert search(_figures("ht:1000.00", "tva:200.00", "ttc:1200.00"), Decimal("1100.00"), 3) is None


def test_a_printed_ttc_is_never_replaced_by_a_derived_one() -> None:
    # HT and VAT agree with the lines, the printed TTC does not: the customer is asked 1 300,00.
    found = search(_figures("ht:1000.00", "tva:200.00", "ttc:1300.00"), Decimal("1000.00"), 3)
    assert found is None or found.total_ttc == Decimal("1300.00")


# Foot blocks the labels' reader of session 10 misread (development range 1–200): 4 (VAT rows
# per rate labelled « Montant TVA x % »), 17 (a row of labels over its values, TTC first, a VAT
# per rate), 27 (lines TTC, the HT not printed, a guarantee withheld in the row of labels), 29 (a
# discount on the total, the TTC not printed), 51 (lines TTC, no VAT printed: the rate the HT and
# the TTC make), 53 (lines TTC, the totals beside the terms); session 12: 105, 123 (a lone « Base
# HT » under the lines, no total label: the lines' sum, no line); session 13, terms stating
# figures as shares of a total (17 too): 13 (an instalment read as the TTC), 15 (a schedule and a
# penalty « plafonnées à 5 % »: the HT read 5,00), 19 (a reverse charge, a retention and a penalty).
FOOT_SAMPLE = [4, 13, 15, 17, 19, 27, 29, 51, 53, 105, 123]


@pytest.mark.parametrize("seed", first_quick(FOOT_SAMPLE, 2))
def test_a_foot_block_is_read_by_its_arithmetic(seed: int) -> None:
    foot_quote = build_foot(seed)
    assert misreadings(foot_quote, read_document(foot_quote.pdf)) == [], foot_quote.names()


# A works contract's foot, then its terms: a payment schedule, a retention, a penalty, each a
# share of a total with its figure (set 13's contracts: an instalment read as the TTC, the « 5 »
# of « plafonnée à 5 % » as the HT).
_CONTRACT_FOOT = [
    "                                       Montant du marché HT                 2 777,46 €",
    "                                       TVA 10 %                               277,75 €",
    "                                       Montant du marché TTC                3 055,21 €",
    "",
    "    – À la commande : 40 % du montant TTC, soit 1 222,08 €",
    "    – À mi-parcours du chantier : 30 % du total TTC, soit 916,56 €",
    "    – Solde à la levée des réserves : 30 % du montant TTC, soit 916,57 €",
    "Une retenue de 5 % du montant TTC, soit 152,76 €, peut être remplacée par une caution.",
    "Une pénalité de 1/1000 du montant du marché HT par jour calendaire, plafonnée à 5 %.",
]


def test_figures_stated_as_shares_of_a_total_are_no_totals() -> None:
    totals = find_totals(labels_joined(_CONTRACT_FOOT))
    assert (totals.total_ht, totals.total_tva, totals.total_ttc) == (
        Decimal("2777.46"),
        Decimal("277.75"),
        Decimal("3055.21"),
    )


def test_a_share_of_a_total_takes_no_total_s_role_in_the_search() -> None:
    shares = [f for f in foot_figures(labels_joined(_CONTRACT_FOOT), []) if f.share]
    assert [f.value for f in shares] == [Decimal(v) for v in ("1222.08", "916.56", "916.57", "152.76")]
    assert all(f.label is None for f in shares)


@pytest.mark.parametrize("side", ["-5 % parrainage", "Remise fidélité 10 %", "Note 4,8/5"])
def test_a_percentage_in_a_cell_beside_a_total_s_label_makes_no_share_of_it(side: str) -> None:
    # A promotional column beside the totals (« -5 % parrainage » left of « TVA (20 %) »): its
    # percentage is not the label's; in the label's own cell it still makes a share.
    rows = [
        f"{side}                                        TVA (20 %)              305,36 €",
        "Note 4,5/5 – 155 avis                         Total général TTC     1 832,17 €",
    ]
    totals = find_totals(labels_joined(rows))
    assert (totals.total_tva, totals.total_ttc) == (Decimal("305.36"), Decimal("1832.17"))
    assert not any(f.share for f in foot_figures(labels_joined(rows), []))
    own = [f"{side}                    Acompte : 30 % du montant TTC, soit 549,65 €"]
    assert [f.share for f in foot_figures(labels_joined(own), [])] == [True]
    assert find_totals(labels_joined(own)).total_ttc is None


def test_the_ttc_stated_in_words_closes_one_more_equation() -> None:
    # VAT at several rates, printed nowhere: HT and TTC alone close only the lines' equation.
    figures = _figures("ht:1000.00", "1150.00")
    assert search(figures, Decimal("1000.00"), 3) is None
    found = search(figures, Decimal("1000.00"), 3, in_words=Decimal("1150.00"))
    assert found is not None and (found.total_ttc, found.total_tva) == (Decimal("1150.00"), Decimal("150.00"))
    assert search(figures, Decimal("1000.00"), 3, in_words=Decimal("1100.00")) is None


# An energy-renovation aid taken off the TTC, then the rest to the customer's charge: the sum
# after it is no total; above the totals, a line may name the aid it qualifies for.
_AID_FOOT = [
    "Pompe à chaleur air/eau éligible MaPrimeRénov'      1   u    8 000,00 €    8 000,00 €",
    "                                       Total HT                             8 000,00 €",
    "                                       TVA 5,5 %                              440,00 €",
    "                                       Total TTC                            8 440,00 €",
    "                                       Prime Coup de pouce CEE             -2 500,00 €",
    "                                       Net à payer après déduction de la prime  5 940,00 €",
]


def test_an_aid_taken_off_the_ttc_is_a_deduction_once_a_total_is_read() -> None:
    figures = foot_figures(labels_joined(_AID_FOOT), [Decimal("8000.00")])
    assert [(f.value, f.after_deduction) for f in figures if f.label in ("ttc", "net")] == [
        (Decimal("8440.00"), False),
        (Decimal("5940.00"), True),
    ]
    totals = find_totals(labels_joined(_AID_FOOT))
    assert (totals.total_ht, totals.total_ttc) == (Decimal("8000.00"), Decimal("8440.00"))


# Foot kinds of public models (``build_foot(seed, extras=True)``, development range 1–200):
# 116 (VAT rows per rate, a CEE prime taken off the TTC: the sum after it contradicted the TTC);
# the others read before as after, one of each kind.
EXTRAS_SAMPLE = [2, 3, 10, 116]


@pytest.mark.parametrize("seed", first_quick(EXTRAS_SAMPLE, 1))
def test_a_foot_of_public_models_is_read_by_its_arithmetic(seed: int) -> None:
    foot_quote = build_foot(seed, extras=True)
    assert misreadings(foot_quote, read_document(foot_quote.pdf)) == [], foot_quote.names()


# Several VAT rates and their breakdown (``build_foot(seed, breakdown=True)``, development range
# 1–120), each read wrong before session 14's round 2: 2 (a column per rate: the « Base » row read
# as a line, the VAT from one column), 4 (rows coded « S 5,50 » right of the terms), 35 (« TVA
# collectée 10 % » rows and « Somme des montants nets des lignes » read as lines), 56 (a column
# per rate beside the terms), 73 (a code table beside the totals), 82 (a VAT total per rate).
BREAKDOWN_SAMPLE = [2, 4, 35, 56, 73, 82]


@pytest.mark.parametrize("seed", first_quick(BREAKDOWN_SAMPLE, 1))
def test_a_vat_breakdown_per_rate_is_read_by_its_equations(seed: int) -> None:
    foot_quote = build_foot(seed, breakdown=True)
    assert misreadings(foot_quote, read_document(foot_quote.pdf)) == [], foot_quote.names()


# Payment shares under the lines (``build_foot(seed, payments=True)``, development range 1–100),
# the deposit's row read as no line and the balance alone left as a line (« Le solde : 1 200,47 € »,
# « Versement à la signature (50 %) »), a false arithmetic error before r46: 7 (a « Net à payer »
# foot, its HT the TTC less the VAT), 45 (the HT and the TTC printed, no VAT), 49 (no VAT, the TTC
# alone), 81 (no VAT, the HT alone: read before, kept).
PAYMENTS_SAMPLE = [7, 45, 49, 81]


@pytest.mark.parametrize("seed", first_quick(PAYMENTS_SAMPLE, 1))
def test_a_balance_restating_a_share_of_the_total_is_no_line(seed: int) -> None:
    foot_quote = build_foot(seed, payments=True)
    assert misreadings(foot_quote, read_document(foot_quote.pdf)) == [], foot_quote.names()


# An e-invoicing program's foot (EN 16931's words): the breakdown's table beside the totals, each
# row coded « S » with its rate; a VAT total per rate, none for all.
_EN16931_FOOT = [
    "Ventilation de la TVA                                Somme des montants nets des lignes      3973,10 €",
    "  Code / taux       Base HT       Montant TVA        Montant total HT                        3973,10 €",
    "S 20,00             1288,29            257,66        Montant total TVA (20 %)                 257,66 €",
    "S 10,00             2684,81            268,48        Montant total TVA (10 %)                 268,48 €",
    "                                                     Montant total TTC                       4499,24 €",
]


def test_the_vat_of_several_rates_is_their_sum() -> None:
    totals = find_totals(labels_joined(_EN16931_FOOT))
    assert (totals.total_ht, totals.total_tva, totals.total_ttc) == (
        Decimal("3973.10"),
        Decimal("526.14"),
        Decimal("4499.24"),
    )
    assert totals.vat_recap == {
        Decimal(20): (Decimal("1288.29"), Decimal("257.66")),
        Decimal(10): (Decimal("2684.81"), Decimal("268.48")),
    }


# A breakdown by column: the rates on a row, the bases and the VATs under them.
_COLUMN_FOOT = [
    "                                       Total HT                   1 526,84 €",
    "                                       Taux     20 %      10 %      5,5 %",
    "                                       Base   132,00    967,09     427,75",
    "                                       TVA     26,40     96,71      23,53",
    "                                       Montant total TTC          1 673,48 €",
]


def test_a_breakdown_by_column_gives_each_rate_its_base_and_vat() -> None:
    totals = find_totals(labels_joined(_COLUMN_FOOT))
    assert totals.vat_recap == {
        Decimal(20): (Decimal("132.00"), Decimal("26.40")),
        Decimal(10): (Decimal("967.09"), Decimal("96.71")),
        Decimal("5.5"): (Decimal("427.75"), Decimal("23.53")),
    }
    assert totals.total_tva == Decimal("146.64")


def test_the_breakdown_closes_equations_of_its_own_in_the_search() -> None:
    # One row's VAT (268.48) closes nothing; the VAT of the rates' sum closes HT + VAT = TTC, and
    # with the breakdown two more (Σ VAT of the rates = VAT, Σ bases = HT); a breakdown whose
    # figures add up to neither closes none of its own.
    figures = _figures("ht:3973.10", "tva_total@20:257.66", "tva_total@10:268.48", "ttc:4499.24")
    twenty = (Decimal("1288.29"), Decimal("257.66"))

    def equations(breakdown: dict[Decimal, tuple[Decimal | None, Decimal]] | None) -> tuple[Decimal, int]:
        found = search(figures, Decimal("3973.10"), 10, breakdown=breakdown)
        assert found is not None
        return found.total_tva, found.equations

    alone = equations(None)
    assert alone[0] == Decimal("526.14")
    assert equations({Decimal(20): twenty, Decimal(10): (Decimal("2684.81"), Decimal("268.48"))}) == (
        alone[0],
        alone[1] + 2,
    )
    assert equations({Decimal(20): twenty, Decimal(10): (Decimal("2600.00"), Decimal("260.00"))}) == alone


# A foot grid whose TTC label runs into the next cell (« Total toutes taxes comprisesAcompte
# reçu le … », no gap between the cells) reads as « Total … taxes », a VAT's label: drawn by the
# composed drawer (seed 470), its TTC was taken for the VAT (120 % of the HT) and HT + TTC derived
# as a TTC printed nowhere. No VAT is more than its HT at any rate: the figure is the TTC.
_GLUED_TTC = ["Total toutes taxes comprises", "Total TTC", "Montant TTC", "Total toutes taxes incluses"]
_GLUED_DEDUCTIONS = ["Acompte reçu le 12/03/2025", "Acompte versé", "Déjà réglé"]


def _comma(value: Decimal) -> str:
    return f"{value:.2f}".replace(".", ",")


@settings(max_examples=12, deadline=None)
@given(
    st.decimals(min_value=Decimal("50"), max_value=Decimal("20000"), places=2),
    st.sampled_from([Decimal("5.5"), Decimal("10"), Decimal("20")]),
    st.sampled_from(_GLUED_TTC),
    st.sampled_from(_GLUED_DEDUCTIONS),
)
def test_a_ttc_under_a_label_read_as_the_vat_s_is_the_ttc(
    ht: Decimal, rate: Decimal, ttc_label: str, deduction: str
) -> None:
    vat = vat_of(ht, rate)
    ttc, deposit, first = ht + vat, money(ht * Decimal("0.24")), money(ht * Decimal("0.4"))
    labels = ["Montant total HT", ttc_label + deduction, "Solde à régler"]
    cells = [_comma(ht), _comma(ttc), _comma(deposit), _comma(ttc - deposit)]
    width = 30  # each label, and each figure under it, centred in a column of the grid
    rows = [
        "Désignation                                   Qté      P.U. HT      Montant HT",
        f"Peinture des murs du séjour                   1,00     {_comma(first)}     {_comma(first)}",
        f"Peinture des plafonds                         1,00     {_comma(ht - first)}     {_comma(ht - first)}",
        "".join(label.center(width if i != 1 else 2 * width) for i, label in enumerate(labels)),
        "".join(cell.center(width) for cell in cells),
    ]
    quote = parse_quote(["\n".join(rows)]).quote
    assert (quote.total_ht, quote.total_tva, quote.total_ttc) == (ht, vat, ttc), rows


@settings(max_examples=40, deadline=None)
@given(
    st.decimals(min_value=Decimal("1"), max_value=Decimal("50000"), places=2),
    st.decimals(min_value=Decimal("0"), max_value=Decimal("60000"), places=2),
)
def test_a_total_is_derived_only_from_a_plausible_vat(ht: Decimal, vat: Decimal) -> None:
    derived_ttc = completed(ht, vat, None, False)[2]
    derived_vat = completed(ht, None, ht + vat, False)[1]
    assert (derived_ttc == ht + vat) == plausible_vat(ht, vat)
    assert (derived_vat == vat) == plausible_vat(ht, vat)
    assert derived_ttc is None or derived_ttc == ht + vat
