"""Line conventions of grids and letters: the unit written in the unit-price cell, a VAT code per
line, figures written inside the wording, durations as quantities, small print beside the totals.

Real PDFs drawn with fpdf2 (a monospaced font, so that the rows keep their columns) and read from
their bytes by ``read_document``.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from unseen_layouts import rows_pdf

from billma_core.models import Unit
from billma_core.reading import read_document
from billma_core.reading.numbers import normalise_row


def _pdf(rows: list[str]) -> bytes:
    return rows_pdf(rows, "DejaVuSansMono.ttf", 7, 4)


def _figures(data: bytes) -> list[tuple[Decimal, Unit | None, Decimal, Decimal]]:
    reading = read_document(data)
    assert reading.quote is not None and reading.flags == [], reading.flags
    return [(line.quantity, line.unit, line.unit_price_ht, line.total_ht) for line in reading.quote.lines]


_GRID_HEADER = "N°  Désignation                      Quantité    Prix unitaire     Total HT   TVA"


@pytest.mark.parametrize(
    ("codes", "legend"),
    [
        (("T1", "T2", "T1"), "Codes TVA : T1 = 10 %, T2 = 20 %."),
        (("1", "2", "1"), "Code TVA : 1 = 10 % ; 2 = 20 %."),
        (("A", "B", "A"), "Codes TVA : A = 10 %, B = 20 %."),
    ],
)
def test_a_grid_with_the_unit_in_the_price_cell_and_vat_codes_is_read(codes: tuple[str, ...], legend: str) -> None:
    first, second, third = codes
    rows = [
        _GRID_HEADER,
        f" 1  Peinture des murs deux couches        21,75      35,55 €/m²       773,21    {first}",
        f" 2  Main d'œuvre plombier                  3,5     46,94 € de l'heure   164,29    {second}",
        f" 3  Pose de plinthes bois                  12,4     14,00 € HT / ml    173,60    {third}",
        f"    {legend}",
        "Code   Taux    Base HT     Montant TVA                  Total HT       1 111,10 €",
        f" {first}     10 %     946,81 €      94,68 €               TVA {first} (10 %)       94,68 €",
        f" {second}     20 %     164,29 €      32,86 €               TVA {second} (20 %)       32,86 €",
        "                                                      Total TTC      1 238,64 €",
    ]
    reading = read_document(_pdf(rows))
    assert reading.quote is not None and reading.flags == [], reading.flags
    figures = [(line.quantity, line.unit, line.unit_price_ht, line.total_ht) for line in reading.quote.lines]
    assert figures == [
        (Decimal("21.75"), Unit.M2, Decimal("35.55"), Decimal("773.21")),
        (Decimal("3.5"), Unit.H, Decimal("46.94"), Decimal("164.29")),
        (Decimal("12.4"), Unit.ML, Decimal("14.00"), Decimal("173.60")),
    ]
    quote = reading.quote
    # Each line's rate is the one its code names in the legend and the recap.
    assert [line.tva_rate for line in quote.lines] == [Decimal(10), Decimal(20), Decimal(10)]
    # The code column and the recap are never one number: the VAT is the recap's.
    assert (quote.total_ht, quote.total_tva, quote.total_ttc) == (
        Decimal("1111.10"),
        Decimal("127.54"),
        Decimal("1238.64"),
    )


@pytest.mark.parametrize(
    ("row", "written"),
    [
        ("12,9   50,50 €/m²   651,45", "12,9   50,50 € / m²   651,45"),
        ("1   125,00 € le forfait   125,00", "1   125,00 € / forfait   125,00"),
        ("3   56,70 € l'unité   170,10", "3   56,70 € / unité   170,10"),
        ("2   45,00 EUR HT par h   90,00", "2   45,00 EUR HT / h   90,00"),
        # A price without a unit after its connecting word is left as printed.
        ("Total 1 200 € le mois", "Total 1 200 € le mois"),
    ],
)
def test_a_price_per_unit_is_split_into_currency_and_unit(row: str, written: str) -> None:
    assert normalise_row(row) == written


@pytest.mark.parametrize(
    ("printed", "hours"),
    [("2h30", "2,5h"), ("1 h 15", "1,25h"), ("0h45", "0,75h"), ("12H30", "12,5h"), ("1h20", "1,333h")],
)
def test_a_duration_is_hours(printed: str, hours: str) -> None:
    assert normalise_row(f"EDI001   TAUX HORAIRE   {printed}   46,50") == f"EDI001   TAUX HORAIRE   {hours}   46,50"


def test_a_duration_in_the_quantity_cell_prices_hours_and_small_print_beside_the_totals_is_no_line() -> None:
    rows = [
        "Réf.     Désignation                              Qté       P.U. HT     Montant HT",
        "EDI001   TAUX HORAIRE PLOMBIER                     2h30        46,50         116,25",
        "EDI001   PRIX HORAIRE D'UN ÉLECTRICIEN             1 h 15      50,00          62,50",
        "PLA015   PLAFOND SUSPENDU EN DALLES             15,24 m²       49,00         746,76",
        "         Plaque BA13 – vis TTPC 25 mm",
        "EDI002   FORFAIT DE DÉPLACEMENT                     1 FT       49,50          49,50",
        "Acompte de 30 % à la commande, solde à la fin     Total HT                  975,01 €",
        "de l'intervention. Assurance n° 1620405 auprès de",
        "SMABTP, Paris, France métropolitaine.            TVA 10 %                   97,50 €",
        "Pénalités : 3 fois le taux légal, 40 €           Total TTC               1 072,51 €",
    ]
    assert _figures(_pdf(rows)) == [
        (Decimal("2.5"), Unit.H, Decimal("46.50"), Decimal("116.25")),
        (Decimal("1.25"), Unit.H, Decimal("50.00"), Decimal("62.50")),
        (Decimal("15.24"), Unit.M2, Decimal("49.00"), Decimal("746.76")),
        (Decimal(1), Unit.FORFAIT, Decimal("49.50"), Decimal("49.50")),
    ]


def test_quantity_and_price_inside_the_wording_of_a_two_column_table() -> None:
    rows = [
        "            DÉSIGNATION DES TRAVAUX                                    MONTANT H.T.",
        "SÉJOUR",
        "Double vitrage isolation renforcée soit 1,76 m² à 330,00 €/m²                580,80",
        "Démolition de revêtements scellés                                              29,91",
        "(1,54 m² x 19,42 €)",
        "Nettoyage dégât des eaux                                                       90,34",
        "soit 11,95 m² à 7,56 €/m²",
        "Compagnon professionnel peintre                                               195,03",
        "soit 4,5 heures à 43,34 €/h",
        "Remplacement d'un interrupteur va-et-vient                                     62,00",
        "soit 1 u à 62,00 € l'unité",
        "Évacuation des gravats                                                        150,00",
        "Montant total H.T.                                                          1 108,08",
        "T.V.A. à 10 %                                                                 110,81",
        "Montant total T.T.C.                                                        1 218,89",
    ]
    assert _figures(_pdf(rows)) == [
        (Decimal("1.76"), Unit.M2, Decimal("330.00"), Decimal("580.80")),
        (Decimal("1.54"), Unit.M2, Decimal("19.42"), Decimal("29.91")),
        (Decimal("11.95"), Unit.M2, Decimal("7.56"), Decimal("90.34")),
        (Decimal("4.5"), Unit.H, Decimal("43.34"), Decimal("195.03")),
        (Decimal(1), Unit.U, Decimal("62.00"), Decimal("62.00")),
        # No figures under it that close on its amount: a lump sum.
        (Decimal(1), Unit.FORFAIT, Decimal("150.00"), Decimal("150.00")),
    ]


def test_a_product_row_that_does_not_close_on_the_amount_above_leaves_it_a_lump_sum() -> None:
    rows = [
        "            DÉSIGNATION DES TRAVAUX                                    MONTANT H.T.",
        "Nettoyage dégât des eaux                                                       90,34",
        "soit 12 m² à 7,56 €/m²",
        "Montant total H.T.                                                             90,34",
        "T.V.A. à 10 %                                                                   9,03",
        "Montant total T.T.C.                                                           99,37",
    ]
    reading = read_document(_pdf(rows))
    assert reading.quote is not None
    first = reading.quote.lines[0]
    assert (first.quantity, first.unit_price_ht, first.total_ht) == (Decimal(1), Decimal("90.34"), Decimal("90.34"))


def test_a_unit_glued_to_the_times_sign_is_a_unit_and_the_sign() -> None:
    # OCR lost the space: "(4 ux 57,50 €)" under a line of 230,00 € is 4 u × 57,50 €.
    rows = [
        "            DÉSIGNATION DES TRAVAUX                                    MONTANT H.T.",
        "Création d'une prise supplémentaire                                           230,00",
        "(4 ux 57,50 €)",
        "Montant total H.T.                                                            230,00",
        "T.V.A. à 10 %                                                                  23,00",
        "Montant total T.T.C.                                                          253,00",
    ]
    assert _figures(_pdf(rows)) == [(Decimal(4), Unit.U, Decimal("57.50"), Decimal("230.00"))]
