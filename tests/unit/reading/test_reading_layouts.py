"""Layouts the corpus does not have: column orders, free text, sections, several pages, every
thousands separator. The parser has no template; these check it generalises."""

from __future__ import annotations

from decimal import Decimal

import pytest
from fpdf import FPDF

from billma_core.models import Flag, Unit
from billma_core.reading import read_document
from billma_core.reading.parse import parse_quote

HEAD = """Entreprise Durand Peinture
12 rue des Lilas – 75011 Paris
SIRET 732 829 320 00074 – TVA FR44732829320
DEVIS N° DP-2025-031                                   Date : 03/02/2025
Adresse du chantier                     Client
8 avenue Foch                           Mme Martin
69006 Lyon                              14 rue Vendôme, 69006 Lyon
"""
FOOT = """
Total HT                                   {ht}
TVA 10 %                                   {tva}
Total TTC                                  {ttc}
Devis gratuit. Bon pour accord.
"""


def quote_text(rows: list[str], ht: str = "1 234,50 €", tva: str = "123,45 €", ttc: str = "1 357,95 €") -> str:
    return HEAD + "\n".join(rows) + FOOT.format(ht=ht, tva=tva, ttc=ttc)


def lines_of(text: str) -> list[tuple[Decimal, Unit | None, Decimal, Decimal]]:
    parsed = parse_quote([text])
    return [(line.quantity, line.unit, line.unit_price_ht, line.total_ht) for line in parsed.quote.lines]


EXPECTED = [
    (Decimal("32.40"), Unit.M2, Decimal("28.00"), Decimal("907.20")),
    (Decimal("1"), Unit.FORFAIT, Decimal("120.00"), Decimal("120.00")),
    (Decimal("14.5"), Unit.ML, Decimal("14.30"), Decimal("207.35")),
]


def test_header_fields_of_a_new_layout() -> None:
    quote = parse_quote([quote_text([])]).quote
    assert quote.contractor.name == "Entreprise Durand Peinture"
    assert quote.contractor.siret == "73282932000074" and quote.contractor.siret_valid
    assert quote.contractor.vat_number == "FR44732829320"
    assert quote.number == "DP-2025-031"
    assert quote.date is not None and quote.date.isoformat() == "2025-02-03"
    assert quote.site_postal_code == "69006"
    assert (quote.total_ht, quote.total_tva, quote.total_ttc) == (
        Decimal("1234.50"),
        Decimal("123.45"),
        Decimal("1357.95"),
    )


def test_unit_price_before_quantity() -> None:
    rows = [
        "Désignation                              P.U. HT      Qté      Unité      Total HT",
        "Peinture des murs, 2 couches               28,00     32,40       m²        907,20",
        "Nettoyage de fin de chantier              120,00      1        forfait     120,00",
        "Plinthes bois                               14,30     14,5       ml        207,35",
    ]
    assert lines_of(quote_text(rows)) == EXPECTED


def test_quantity_first_then_designation() -> None:
    rows = [
        "Qté     Unité     Désignation                                  Prix unitaire      Montant",
        "32,40   m2        Peinture des murs, 2 couches                      28,00          907,20",
        "1       Fft       Nettoyage de fin de chantier                     120,00          120,00",
        "14,5    ml        Plinthes bois                                     14,30          207,35",
    ]
    assert lines_of(quote_text(rows)) == EXPECTED


def test_free_text_lines_without_a_table() -> None:
    rows = [
        "Travaux prévus :",
        "Peinture murs 2 couches - 32,40 m2 x 28,00 €",
        "Nettoyage de fin de chantier : 1 forfait à 120,00 € = 120,00 €",
        "Plinthes bois 14,5 ml × 14,30 € HT",
    ]
    assert lines_of(quote_text(rows)) == EXPECTED


def test_unit_inside_the_quantity_cell_and_vat_column() -> None:
    rows = [
        "Réf.   Désignation                              Qté          P.U. HT      TVA       Montant HT",
        "P01    Peinture des murs, 2 couches             32,40 m²     28,00 €      10 %      907,20 €",
        "N01    Nettoyage de fin de chantier             1 Ft        120,00 €      10 %      120,00 €",
        "P02    Plinthes bois                            14,5 ml      14,30 €      10 %      207,35 €",
    ]
    quote = parse_quote([quote_text(rows)]).quote
    assert lines_of(quote_text(rows)) == EXPECTED
    assert [line.tva_rate for line in quote.lines] == [Decimal(10)] * 3


@pytest.mark.parametrize("separator", [" ", "\u00a0", "\u202f", "", "."])
@pytest.mark.parametrize("currency", ["€", "EUR", ""])
def test_every_thousands_separator(separator: str, currency: str) -> None:
    rows = [
        "Désignation                              Qté      U       P.U. HT          Total HT",
        f"Carrelage sol fourni posé      85,00    m²      75,00 {currency}     6{separator}375,00 {currency}",
        f"Dépose cuisine                  1,00    ens   1{separator}250,00 {currency}   1{separator}250,00 {currency}",
    ]
    text = quote_text(
        rows,
        ht=f"7{separator}625,00 {currency}",
        tva=f"762,50 {currency}",
        ttc=f"8{separator}387,50 {currency}",
    )
    parsed = parse_quote([text])
    quote = parsed.quote
    assert [(line.quantity, line.unit_price_ht, line.total_ht) for line in quote.lines] == [
        (Decimal("85.00"), Decimal("75.00"), Decimal("6375.00")),
        (Decimal("1.00"), Decimal("1250.00"), Decimal("1250.00")),
    ]
    assert (quote.total_ht, quote.total_tva, quote.total_ttc) == (
        Decimal("7625.00"),
        Decimal("762.50"),
        Decimal("8387.50"),
    )


def test_rooms_from_sections_and_subtotals_skipped() -> None:
    rows = [
        "Désignation                                   Qté     U      P.U. HT     Montant HT",
        "Lot 1 - Séjour",
        "Peinture plafond                             20,00    m²     35,00        700,00",
        "Peinture murs                                40,00    m²     30,00      1 200,00",
        "Sous-total Séjour                                                       1 900,00",
        "CUISINE :",
        "Lessivage                                     12,00   m²      7,00         84,00",
        "Sous-total Cuisine                                                         84,00",
        "DIVERS",
        "Nettoyage                                      1,00   Ft    120,00        120,00",
    ]
    quote = parse_quote([quote_text(rows, ht="2 104,00", tva="210,40", ttc="2 314,40")]).quote
    assert [(line.designation, line.room) for line in quote.lines] == [
        ("Peinture plafond", "Séjour"),
        ("Peinture murs", "Séjour"),
        ("Lessivage", "Cuisine"),
        ("Nettoyage", None),
    ]


def test_wrapped_designation_joins_its_line() -> None:
    rows = [
        "Désignation                                   Qté     U      P.U. HT     Montant HT",
        "Peinture des murs : préparation des          20,00    m²     30,00        600,00",
        "supports et 2 couches de finition – Chambre 2",
        "Nettoyage                                      1,00   Ft    120,00        120,00",
    ]
    quote = parse_quote([quote_text(rows)]).quote
    assert quote.lines[0].designation.endswith("Chambre 2")
    assert quote.lines[0].room == "Chambre 2"
    assert quote.lines[1].room is None


def test_figures_on_their_own_row_join_the_designation() -> None:
    # An OCR engine often puts the figures of a two-row cell on a row of their own.
    rows = [
        "Désignation                                   Qté     U      P.U. HT     Montant HT",
        "Peinture plafond : impression + 2 couches",
        "                                              5,68    M2     33,00        187,44",
        "de finition mate",
    ]
    quote = parse_quote([quote_text(rows)]).quote
    assert [(line.quantity, line.unit, line.unit_price_ht) for line in quote.lines] == [
        (Decimal("5.68"), Unit.M2, Decimal("33.00"))
    ]
    assert quote.lines[0].designation.startswith("Peinture plafond : impression + 2 couches")


def test_ocr_lost_decimal_comma_is_repaired_by_arithmetic() -> None:
    rows = [
        "Désignation                                   Qté     U      P.U. HT     Montant HT",
        "Arrachage papier peint                       2178     M2     10,00        217,80",
        "Protection des sols                          100.     Ft     83,00         83,00",
    ]
    assert lines_of(quote_text(rows)) == [
        (Decimal("21.78"), Unit.M2, Decimal("10.00"), Decimal("217.80")),
        (Decimal("1.00"), Unit.FORFAIT, Decimal("83.00"), Decimal("83.00")),
    ]


def test_arithmetic_problems_become_a_flag() -> None:
    rows = [
        "Désignation                                   Qté     U      P.U. HT     Montant HT",
        "Peinture plafond                             20,00    m²     35,00        750,00",
        "Nettoyage                                      1,00   Ft    120,00        120,00",
    ]
    data = _pdf(quote_text(rows, ht="870,00", tva="87,00", ttc="960,00").splitlines())
    reading = read_document(data)
    assert Flag.ARITHMETIC_ERROR in reading.flags
    assert reading.quote is not None and reading.quote.lines[0].total_ht == Decimal("750.00")


# ---------------------------------------------------------------------- through a real PDF


def _pdf(rows: list[str], pages: int = 1, font_size: float = 9) -> bytes:
    """A text PDF that prints the rows in a monospaced font, spread over ``pages`` pages."""
    pdf = FPDF()
    pdf.set_auto_page_break(auto=False)
    pdf.set_font("courier", size=font_size)
    per_page = -(-len(rows) // pages)
    for start in range(0, len(rows), per_page):
        pdf.add_page()
        for row in rows[start : start + per_page]:
            printable = row.replace("\u202f", " ").replace("\u00a0", " ").replace("–", "-").replace("€", "EUR")
            pdf.cell(text=printable or " ")
            pdf.ln(font_size * 0.45)
    return bytes(pdf.output())


def test_several_pages_with_repeated_headers() -> None:
    header = "Désignation                              Qté     U      P.U. HT     Montant HT"
    page_one = [
        *HEAD.splitlines(),
        header,
        "Peinture plafond                        20,00    m²     35,00        700,00",
        "Peinture murs                           40,00    m²     30,00      1 200,00",
        "Page 1/2",
    ]
    page_two = [
        "Entreprise Durand Peinture                               Devis n° DP-2025-031 (suite)",
        header,
        "Lessivage                               12,00    m²      7,00         84,00",
        "Nettoyage                                1,00    Ft    120,00        120,00",
        *FOOT.format(ht="2 104,00 €", tva="210,40 €", ttc="2 314,40 €").splitlines(),
        "Page 2/2",
    ]
    reading = read_document(_pdf(page_one + page_two, pages=2))
    assert reading.pages == 2 and reading.flags == [], reading.reason
    quote = reading.quote
    assert quote is not None
    assert [line.designation for line in quote.lines] == ["Peinture plafond", "Peinture murs", "Lessivage", "Nettoyage"]
    assert quote.total_ttc == Decimal("2314.40")
    assert quote.number == "DP-2025-031"


@pytest.mark.parametrize(
    "title",
    [
        "ATTESTATION D'ASSURANCE RESPONSABILITE CIVILE DECENNALE",
        "CONSTAT AMIABLE DE DEGAT DES EAUX",
        "CERTIFICAT DE CONFORMITE ELECTRIQUE",
        "Compte rendu de visite",
    ],
)
def test_documents_that_are_not_quotes(title: str) -> None:
    rows = [
        title,
        "Assureur : Mutuelle Batisur, contrat n° 12D612736",
        "Le soussigné certifie que l'entreprise Durand, SIRET 732 829 320 00074,",
        "est assurée du 01/01/2025 au 31/12/2025 pour les activités de peinture.",
        "Fait à Lyon le 03/02/2025",
    ]
    reading = read_document(_pdf(rows))
    assert reading.flags == [Flag.NOT_A_QUOTE]
    assert reading.reason
    if title.startswith("CERTIFICAT"):
        assert reading.reason == "Ce document est un certificat, pas un devis"
    if title.startswith("CONSTAT"):
        assert reading.reason == "Ce document est un constat, pas un devis"


def test_the_word_total_inside_a_designation_is_not_a_totals_row() -> None:
    rows = [
        "Désignation                              Qté     U      P.U. HT     Montant HT",
        "Ponçage total des boiseries             12,00    m²     10,00        120,00",
        "Peinture                                10,00    m²     30,00        300,00",
    ]
    quote = parse_quote([quote_text(rows, ht="420,00", tva="42,00", ttc="462,00")]).quote
    assert [line.designation for line in quote.lines] == ["Ponçage total des boiseries", "Peinture"]
    assert quote.total_ttc == Decimal("462.00")


def test_vat_exempt_contractor() -> None:
    text = (
        "Jean Martin, peintre (EI)\nSIRET 732 829 320 00074\nDEVIS N° 77\n"
        "Désignation                    Qté    U     P.U.      Total\n"
        "Peinture plafond              20,00   m²    30,00     600,00\n"
        "Total HT                                              600,00\n"
        "TVA non applicable, art. 293 B du CGI\n"
    )
    quote = parse_quote([text]).quote
    assert (quote.total_ht, quote.total_tva, quote.total_ttc) == (Decimal("600.00"), Decimal("0.00"), Decimal("600.00"))


def test_reference_code_then_quantity_and_unit_before_the_wording() -> None:
    rows = [
        "Réf.          Qte   Unité    Désignation                                 Prix U. HT     Total HT    TVA",
        "R350             1   FORF    Frais de déplacement et installation            47,00        47,00   10 %",
        "R801           0,5    M2     Réfection de la peinture du plafond             32,50        16,25   10 %",
        "1.1           2,17    m2     Vitrage isolant                             1 364,00     2 959,88   5,5 %",
    ]
    assert lines_of(quote_text(rows)) == [
        (Decimal("1"), Unit.FORFAIT, Decimal("47.00"), Decimal("47.00")),
        (Decimal("0.5"), Unit.M2, Decimal("32.50"), Decimal("16.25")),
        (Decimal("2.17"), Unit.M2, Decimal("1364.00"), Decimal("2959.88")),
    ]
    quote = parse_quote([quote_text(rows)]).quote
    assert [line.designation for line in quote.lines][1] == "Réfection de la peinture du plafond"


def test_item_number_and_reference_are_not_wording() -> None:
    rows = [
        "N°    Désignation                                           Qté   U     P.U. HT    Montant HT",
        "1.1   INS445 – Protection des sols et du mobilier             1   forfait  77,76       77,76",
        "1.2   PLÂ215 – Plaques de plâtre fournies posées          17,65   m2       49,00      864,85",
        "2     PEI.35 Sous-couche isolante sur auréoles             3,97   m2       10,25       40,69",
        "3     BA13 sur ossature métallique                        12,00   m2       48,00      576,00",
        "4     AC4 stratifié posé                                  10,00   m2       40,00      400,00",
    ]
    quote = parse_quote([quote_text(rows)]).quote
    assert [line.designation for line in quote.lines] == [
        "Protection des sols et du mobilier",
        "Plaques de plâtre fournies posées",
        "Sous-couche isolante sur auréoles",
        "BA13 sur ossature métallique",  # a product's name, not a reference
        "AC4 stratifié posé",
    ]


def test_a_word_linking_the_wording_to_its_figures_is_not_wording() -> None:
    rows = [
        "DÉSIGNATION DES TRAVAUX                                                  MONTANT H.T.",
        "Jointage des angles soit 15,74 m² à 15,75 €/m²                             247,91 EUR",
        "Peinture des murs 12 m² x 30,00 € HT                                       360,00 EUR",
    ]
    quote = parse_quote([quote_text(rows)]).quote
    assert [line.designation for line in quote.lines] == ["Jointage des angles", "Peinture des murs"]


def test_a_wording_wrapped_after_a_link_word_keeps_it() -> None:
    rows = [
        "Désignation                                   Qté    U    P.U. HT    Total HT",
        "Désinfection des surfaces touchées par      27,74   m2       7,64      211,93",
        "l'eau",
    ]
    quote = parse_quote([quote_text(rows)]).quote
    assert [line.designation for line in quote.lines] == ["Désinfection des surfaces touchées par l'eau"]


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            "- Peinture murs 2 couches : 18,74 m² à 30,00 EUR HT, soit 562,20 EUR HT",
            (Decimal("18.74"), Unit.M2, Decimal("30.00"), Decimal("562.20")),
        ),
        (
            "Carrelage sol fourni posé (6,19 m² x 161,52) ....... 999,81",
            (Decimal("6.19"), Unit.M2, Decimal("161.52"), Decimal("999.81")),
        ),
        (
            "Nettoyage fin de chantier (1 Fft x 122,50) ....... 122,50",
            (Decimal("1"), Unit.FORFAIT, Decimal("122.50"), Decimal("122.50")),
        ),
        (
            "- Protection des sols et du mobilier - forfait - 82,00 EUR",
            (Decimal("1"), Unit.FORFAIT, Decimal("82.00"), Decimal("82.00")),
        ),
        ("Déplacement : forfait 50,00 €", (Decimal("1"), Unit.FORFAIT, Decimal("50.00"), Decimal("50.00"))),
    ],
)
def test_free_text_line_forms(row: str, expected: tuple[Decimal, Unit, Decimal, Decimal]) -> None:
    assert lines_of(quote_text(["Travaux :", row])) == [expected]


def test_proposal_number_and_insurance_policy_number() -> None:
    text = quote_text([]).replace(
        "DEVIS N° DP-2025-031", "Assurance décennale SMABTP n° 908382\nProposition n° D-2026-00605"
    )
    assert parse_quote([text]).quote.number == "D-2026-00605"


def test_thousands_split_by_a_wide_narrow_space() -> None:
    quote = parse_quote([quote_text([], ttc="3   078,09 €")]).quote
    assert quote.total_ttc == Decimal("3078.09")
