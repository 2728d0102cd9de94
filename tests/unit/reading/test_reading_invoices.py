"""Invoices are read like quotes (``Quote.kind``), and the seller is told from the customer."""

from __future__ import annotations

from decimal import Decimal

import pytest
from fpdf import FPDF

from billma_core.models import DocumentKind, Flag
from billma_core.reading import read_document
from billma_core.reading.fields import find_document_kind, find_document_number, find_siret

SELLER = "73282932000074"  # valid (Luhn)
CUSTOMER = "44306184100047"  # valid too: only where it stands tells whose it is


def _pdf(rows: list[str]) -> bytes:
    pdf = FPDF()
    pdf.set_auto_page_break(auto=False)
    pdf.add_page()
    pdf.set_font("courier", size=8)
    for row in rows:
        pdf.cell(text=row.replace("€", "EUR") or " ")
        pdf.ln(3.8)
    return bytes(pdf.output())


INVOICE = [
    "Durand Peinture SARL                                       FACTURE",
    "12 rue des Lilas                                  Numéro       Date        Code client",
    "75011 Paris                                       FA-2025-0412 03/03/2025  C00042",
    "",
    "Suivant devis n° DP-2025-031 accepté le 03/02/2025  SCI Les Tilleuls",
    "Adresse du chantier : 8 avenue Foch, 69006 Lyon     À l'attention de Mme Martin",
    "                                                    14 rue Vendôme",
    "                                                    69006 Lyon",
    f"                                                    SIRET : {CUSTOMER}",
    "",
    "Désignation                              Qté     U      P.U. HT     Montant HT",
    "Peinture plafond                        20,00    m²     35,00        700,00",
    "Peinture murs                           40,00    m²     30,00      1 200,00",
    "",
    "Total HT                                                          1 900,00",
    "TVA 10 %                                                            190,00",
    "Total TTC                                                         2 090,00",
    "Acompte versé le 10/02/2025                                        -600,00",
    "Net à payer                                                       1 490,00",
    "",
    f"Durand Peinture SARL au capital de 8 000 EUR - RCS Paris - SIRET {SELLER} - APE 4334Z",
]


def test_an_invoice_is_read_as_an_invoice_with_the_sellers_siret_and_its_own_number() -> None:
    reading = read_document(_pdf(INVOICE))
    assert Flag.NOT_A_QUOTE not in reading.flags, reading.reason
    quote = reading.quote
    assert quote is not None
    assert quote.kind is DocumentKind.INVOICE
    assert quote.contractor.siret == SELLER and quote.contractor.siret_valid
    assert quote.number == "FA-2025-0412"  # not the accepted quote's number
    # The deposit already paid and the net due are not the invoice's total.
    assert (quote.total_ht, quote.total_ttc) == (Decimal("1900.00"), Decimal("2090.00"))


def test_a_quote_stays_a_quote() -> None:
    rows = ["Durand Peinture", f"SIRET {SELLER}", "DEVIS N° DP-2025-031", "Facturation à la fin des travaux"]
    assert find_document_kind(rows) is DocumentKind.QUOTE
    assert find_document_number("\n".join(rows)) == "DP-2025-031"


def test_the_first_title_decides_the_kind() -> None:
    assert find_document_kind(["Au bon moulin SARL", "Facture FA-2017-0010"]) is DocumentKind.INVOICE
    assert find_document_kind(["LOGO          FACTURE N° :     F20260023"]) is DocumentKind.INVOICE
    assert find_document_kind(["DEVIS n° 12", "Facture n° 7 du 01/02 (acompte)"]) is DocumentKind.QUOTE
    # "Facturé à" names the customer, it is not a title.
    assert find_document_kind(["Facturé à : M. Dupont", "Devis 2025-12"]) is DocumentKind.QUOTE


def test_a_quote_names_its_own_number_not_an_invoice_it_mentions() -> None:
    text = "Suite à la facture n° F-2024-001 du précédent chantier\nDEVIS N° D-2025-77"
    assert find_document_number(text, DocumentKind.QUOTE) == "D-2025-77"
    assert find_document_number("FACTURE N° :        F20260023\nDevis n° D-1", DocumentKind.INVOICE) == "F20260023"


def test_the_number_under_a_numero_header_but_not_the_line_numbers_column() -> None:
    grid = "Atelier Martin            Numéro          Date\n12 rue Haute              ART-2025-522    24/04/2025"
    assert find_document_number(grid) == "ART-2025-522"
    table = "N°        Désignation           Qté\n1         Peinture murs         12"
    assert find_document_number(table) is None


def test_siret_labelled_for_the_customer_is_not_the_sellers() -> None:
    text = f"SIRET client : {CUSTOMER}\nDurand SARL – SIRET {SELLER}"
    found = find_siret(text)
    assert found is not None and found.value == SELLER


def test_siret_in_the_addressees_corner_is_the_customers() -> None:
    rows = [
        "Hôtel du Parc                                                            FACTURE",
        "2 rue de la Paix",
        "75002 Paris",
        "                                                            Martin Conseil SARL",
        "                                                            27 rue de Bassano",
        "                                                            75008 Paris",
        f"                                                            SIRET : {CUSTOMER}",
        "",
        "Chambre                  6      205,90      1 235,40",
        "",
        "",
        "",
        "",
        "",
    ]
    assert find_siret("\n".join(rows)) is None  # only the customer's is printed: a person checks
    legal = [*rows, f"SAS au capital de 200 000 EUR - SIRET {SELLER} - RCS Paris"]
    found = find_siret("\n".join(legal))
    assert found is not None and found.value == SELLER


def test_the_sellers_siret_at_the_top_left_is_kept() -> None:
    rows = [
        "Durand Peinture                                   Client",
        f"SIRET {SELLER}                               Mme Martin",
        "12 rue des Lilas, 75011 Paris                     14 rue Vendôme, 69006 Lyon",
    ]
    found = find_siret("\n".join(rows))
    assert found is not None and found.value == SELLER and found.valid


# A progress invoice (facture de situation) and a final statement (décompte général et définitif):
# the contract's lines with their progress, the cumulative totals, earlier payments deducted.
def _statement(title: str, ttc: str, net: str) -> list[str]:
    return [
        "Durand Peinture SARL                                       SCI Les Tilleuls",
        "12 rue des Lilas                                           78 avenue Foch",
        "75011 Paris                                                69006 Lyon",
        "",
        f"             {title}",
        "Marché : devis n° DP-2025-031 accepté le 03/02/2025. Date : 03/03/2025.",
        "",
        "Poste   Désignation               Qté    U      PU HT     Marché HT     Avanc.     Réalisé HT",
        "1.1     Peinture plafond        20,00    m²     35,00        700,00   100,00 %         700,00",
        "1.2     Peinture murs           40,00    m²     30,00      1 200,00   100,00 %       1 200,00",
        "",
        "                          Total travaux réalisés HT (cumul)            1 900,00",
        "                          TVA 10 %                                       190,00",
        f"                          Total TTC cumulé                              {ttc}",
        "                          À déduire : acompte et situations antérieures TTC   -600,00",
        f"                          Net à payer TTC                               {net}",
        "",
        f"Durand Peinture SARL au capital de 8 000 EUR - RCS Paris - SIRET {SELLER} - APE 4334Z",
    ]


@pytest.mark.parametrize(
    "title",
    ["DÉCOMPTE GÉNÉRAL ET DÉFINITIF - Facture n° FA-2025-0412", "FACTURE DE SITUATION N° 3 - Facture n° FA-2025-0412"],
)
def test_a_progress_invoice_is_judged_on_its_work_total_not_the_net_due(title: str) -> None:
    reading = read_document(_pdf(_statement(title, "2 090,00", "1 490,00")))
    quote = reading.quote
    assert quote is not None and Flag.ARITHMETIC_ERROR not in reading.flags, reading.flags
    assert quote.kind is DocumentKind.INVOICE
    assert quote.number == "FA-2025-0412"  # not the contract's quote
    assert (quote.total_ht, quote.total_tva, quote.total_ttc) == (
        Decimal("1900.00"),
        Decimal("190.00"),
        Decimal("2090.00"),
    )
    assert [line.total_ht for line in quote.lines] == [Decimal("700.00"), Decimal("1200.00")]


def test_a_progress_invoice_whose_total_ttc_is_wrong_keeps_the_printed_total() -> None:
    """HT + VAT make 2 090,00 but 2 190,00 is printed: the printed total is read (not the net due)
    and the arithmetic names it."""
    reading = read_document(_pdf(_statement("DÉCOMPTE GÉNÉRAL ET DÉFINITIF - Facture n° FA-9", "2 190,00", "1 590,00")))
    assert reading.quote is not None and reading.quote.total_ttc == Decimal("2190.00")
    assert Flag.ARITHMETIC_ERROR in reading.flags


def test_the_kind_comes_from_the_title_not_from_a_sentence_or_a_reference() -> None:
    statement = ["Durand SARL", "DÉCOMPTE GÉNÉRAL ET DÉFINITIF – Facture n° F-7", "Marché : devis n° D-1"]
    assert find_document_kind(statement) is DocumentKind.INVOICE
    assert find_document_kind(["Durand SARL", "Situation n° 4 du marché de peinture"]) is DocumentKind.INVOICE
    terms = ["Durand SARL", "Facture établie à la fin des travaux, payable sous 30 jours", "Devis n° D-12"]
    assert find_document_kind(terms) is DocumentKind.QUOTE
    assert find_document_kind(["Durand SARL", "FACTURE DE TRAVAUX DE PEINTURE"]) is DocumentKind.INVOICE


def test_the_number_beside_the_title_wins_over_a_referred_document_of_the_same_kind() -> None:
    text = "Réf. marché : devis n° D-2025-07\nDEVIS N° D-2025-31"
    assert find_document_number(text, DocumentKind.QUOTE) == "D-2025-31"
    invoice = "Suivant facture n° F-100 (acompte)\nFACTURE N° F-131"
    assert find_document_number(invoice, DocumentKind.INVOICE) == "F-131"


def test_a_document_accepted_or_replaced_is_another_one() -> None:
    invoice = ["Durand SARL", "Devis n° D-2025-126 accepté le 12/01/2025.", "Facture F-2025-123"]
    assert find_document_kind(invoice) is DocumentKind.INVOICE
    assert find_document_number("\n".join(invoice), DocumentKind.INVOICE) == "F-2025-123"
    accepted = ["Durand SARL", "Devis accepté et signé le 03/02/2025.", "FACTURE"]
    assert find_document_kind(accepted) is DocumentKind.INVOICE
    # A number at a row's end, the next row opening with "An…": no duration ("3 ans") follows it.
    quote = "Numéro de devis : D00018\nAnnule et remplace le devis n° D00011"
    assert find_document_number(quote, DocumentKind.QUOTE) == "D00018"
