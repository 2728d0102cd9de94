"""An intervention report that is also the quote or the invoice: its title states its legal
nature ("… valant FACTURE N° …"), its grid prints the quantity and the unit before the wording,
and a fax's engine reads a short unit as a look-alike letter."""

from __future__ import annotations

from decimal import Decimal

import pytest

from billma_core.models import DocumentKind, QuoteLine, Unit
from billma_core.reading.fields import find_document_kind, find_document_number
from billma_core.reading.lines import detect_header, price_row
from billma_core.reading.ocr_slips import units_in_doubt


@pytest.mark.parametrize(
    ("rows", "kind"),
    [
        (["Martin SARL       RAPPORT D'INTERVENTION", "Plomberie       valant FACTURE N° FA-2026-0340"], "invoice"),
        (["Martin SARL          BON D'INTERVENTION tenant lieu de facture n° 412"], "invoice"),
        (["Martin SARL          Ordre de réparation faisant office de DEVIS N° D-12"], "quote"),
        # A sentence of the terms is no title: too many words before the nature's.
        (["Martin SARL", "Le client reconnaît que le présent bon vaut facture n° 12"], "quote"),
    ],
)
def test_a_title_stating_its_legal_nature_names_the_kind(rows: list[str], kind: str) -> None:
    assert find_document_kind(rows) is DocumentKind(kind)


def test_a_number_labelled_as_the_intervention_or_a_quote_carried_out_is_not_the_documents() -> None:
    text = (
        "Martin SARL                         RAPPORT D'INTERVENTION\n"
        "                                    du 09/09/2026 – Intervention n° 8422\n"
        "Devis accepté n° DV26-0063 du 25/08/2026\n"
        "N° FA-2026-0340\n"
    )
    assert find_document_number(text, DocumentKind.INVOICE) == "FA-2026-0340"


def test_the_quantity_and_its_unit_cell_before_the_wording_make_the_line() -> None:
    header = detect_header("    Qté        U       Travaux et fournitures                    P.U. HT      Montant HT")
    row = "        1    forfait   Contrôle du compteur au gaz traceur – Chambre 1     284,17          284,17"
    priced = price_row(row, header, strict=True)
    assert priced is not None
    assert (priced.quantity, priced.unit, priced.total) == (Decimal(1), Unit.FORFAIT, Decimal("284.17"))
    assert row[priced.designation_start : priced.designation_end].strip().endswith("Chambre 1")


def test_a_unit_cell_under_a_unit_column_before_the_designation_is_the_lines() -> None:
    header = detect_header("  U     Désignation                              P.U. HT     Qté      Montant HT")
    row = "   m² Peinture du plafond en blanc mat             30,68     33,80     1 036,98"
    priced = price_row(row, header, strict=True)
    assert priced is not None and priced.unit is Unit.M2
    assert row[priced.designation_start :].lstrip().startswith("Peinture")


def test_a_look_alike_of_a_short_unit_after_the_quantity_leaves_the_unit_in_doubt() -> None:
    line = QuoteLine(
        designation="n Heure de dépannage plomberie",
        quantity=Decimal("4.5"),
        unit_price_ht=Decimal("111.95"),
        total_ht=Decimal("503.78"),
    )
    rows = ["  4,5   n Heure de dépannage plomberie          111,95     503,78"]
    [read] = units_in_doubt([line], rows)
    assert (read.unit, read.unit_alternatives, read.designation) == (Unit.H, [Unit.U], "Heure de dépannage plomberie")
    # Not beside the quantity: the wording's own letter.
    [kept] = units_in_doubt([line], ["  n Heure de dépannage plomberie   4,5       111,95     503,78"])
    assert kept.unit is None and kept.designation == line.designation


@pytest.mark.parametrize("quantity", ["5|n", "5n", "5 n"])
def test_a_look_alike_glued_to_the_quantity_or_apart_in_a_unit_column_leaves_the_unit_in_doubt(quantity: str) -> None:
    # The rule between the quantity's cell and the unit's read as a bar, or no space at all.
    header = "Poste   Désignation des ouvrages        Qté    u         P.U. HT     Montant HT"
    row = f"D01     Heure de compagnon couvreur     {quantity:<5}            47,00          235,00"
    line = QuoteLine(
        designation="Heure de compagnon couvreur", quantity=Decimal(5), unit_price_ht=Decimal(47), total_ht=Decimal(235)
    )
    [read] = units_in_doubt([line], [header, row])
    assert (read.unit, read.unit_alternatives, read.designation) == (Unit.H, [Unit.U], line.designation)


@pytest.mark.parametrize(
    ("wording", "quantity", "expected"),
    [
        # Nothing in the wording says time: the count first, the hour its alternative.
        ("Remplacement des prises basses noyées après contrôle", "4", (Unit.U, [Unit.H])),
        ("Commande d'éclairage fondue remplacée", "4", (Unit.U, [Unit.H])),
        # A line paid by the hour says so: the hour first, whatever the engine made of « œuvre ».
        ("Taux horaire électricien de dépannage", "4", (Unit.H, [Unit.U])),
        ("Main d'œeuvre électricien : isolement du circuit", "4", (Unit.H, [Unit.U])),
        ("• PLO.67 Main d'oeuvre plomberie, fourniture et main d'œuvre comprises", "4", (Unit.H, [Unit.U])),
        ("Travaux en régie sur attachement", "4", (Unit.H, [Unit.U])),
        # Labour named as what the price includes says no time.
        ("Prise de courant remplacée, fourniture et main d'œuvre comprises", "4", (Unit.U, [Unit.H])),
        # A quantity with a fraction counts no pieces: the hour first.
        ("Recherche du circuit défaillant", "5,5", (Unit.H, [Unit.U])),
    ],
)
def test_a_look_alike_of_the_hour_or_the_unit_is_the_hour_only_where_the_wording_says_time(
    wording: str, quantity: str, expected: tuple[Unit, list[Unit]]
) -> None:
    value = Decimal(quantity.replace(",", "."))
    total = (value * Decimal("98.51")).quantize(Decimal("0.01"))
    line = QuoteLine(designation=wording, quantity=value, unit_price_ht=Decimal("98.51"), total_ht=total)
    rows = [f"3.1.2   {wording:<55}  {quantity:<4} n          98.51          {total}"]
    [read] = units_in_doubt([line], rows)
    assert (read.unit, read.unit_alternatives) == expected


def test_a_capital_i_after_the_quantity_is_the_day_whose_hook_faded() -> None:
    # A fax at 100 dpi: the « j » of a day loses its dot and hook and reads « I ».
    line = QuoteLine(
        designation="Séchage de la cloison au déshumidificateur",
        quantity=Decimal(4),
        unit_price_ht=Decimal("28.40"),
        total_ht=Decimal("113.60"),
    )
    rows = ["  Séchage de la cloison au déshumidificateur      4     I        28.40        113,60"]
    [read] = units_in_doubt([line], rows)
    assert (read.unit, read.unit_alternatives) == (Unit.DAY, [])


@pytest.mark.parametrize(
    ("row", "designation", "price"),
    [
        # The fax's « f » read with a « t »'s bar, its « i » welded into an « r »: after the quantity…
        (
            "  Nettoyage complet du chantier après pose      1 fortart       121.80      121.80",
            "Nettoyage complet",
            "121.80",
        ),
        # … or before it, a letter lost as well (the unit column before the quantity's).
        (
            "  38   Déplacement du technicien zone 1   tortar    1    52.50    52 50",
            "Déplacement zone 1 tortar",
            "52.50",
        ),
    ],
)
def test_a_fax_s_letter_twins_beside_the_quantity_spell_the_unit(row: str, designation: str, price: str) -> None:
    line = QuoteLine(
        designation=designation, quantity=Decimal(1), unit_price_ht=Decimal(price), total_ht=Decimal(price)
    )
    [read] = units_in_doubt([line], [row])
    assert read.unit is Unit.FORFAIT
    assert "tortar" not in read.designation


@pytest.mark.parametrize(
    "word",
    # One letter off a unit of five letters (« cours », « jours »; « price », « pièce ») or a word
    # that is no unit through the twins: the line keeps no unit.
    ["cours", "price", "prices", "pince", "toda", "porter"],
)
def test_a_word_one_letter_off_a_short_unit_is_no_unit(word: str) -> None:
    line = QuoteLine(
        designation="Réglage du volet", quantity=Decimal(2), unit_price_ht=Decimal("30.00"), total_ht=Decimal("60.00")
    )
    [read] = units_in_doubt([line], [f"  Réglage du volet      2 {word}      30.00      60.00"])
    assert read.unit is None
