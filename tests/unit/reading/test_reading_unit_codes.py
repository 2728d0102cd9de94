"""What an invoicing program prints on the readable copy of an e-invoice (Factur-X / EN 16931):
units as the codes of UN/ECE Recommendation 20 (BT-130: "MTK", "C62", "HUR"…), quantities
with three decimals, unit prices with four, the seller's name in its labelled block.

Real PDFs drawn with fpdf2 (a monospaced font, so that the rows keep their columns) and read from
their bytes by ``read_document``; the rows are written here, after the code list and the
programs' habits, not copied from any set.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from unseen_layouts import rows_pdf

from billma_core.models import Unit
from billma_core.reading import read_document
from billma_core.reading.fields import find_contractor_name
from billma_core.reading.numbers import tokenise, unit_of


@pytest.mark.parametrize(
    ("code", "unit"),
    [
        ("MTK", Unit.M2), ("mtk", Unit.M2), ("MTR", Unit.ML), ("C62", Unit.U), ("H87", Unit.U), ("EA", Unit.U),
        ("XPP", Unit.U), ("LS", Unit.FORFAIT), ("SET", Unit.ENS), ("HUR", Unit.H), ("DAY", Unit.DAY),
        ("MTQ", None), ("KGM", None), ("LM", None),  # no such unit in the barème; "lm" is also the lumen
    ],
)  # fmt: skip
def test_a_unit_code_of_e_invoicing_is_the_unit_it_codes(code: str, unit: Unit | None) -> None:
    assert unit_of(code) is unit


@pytest.mark.parametrize(
    ("word", "value", "unit"),
    [("10,000HUR", Decimal("10.000"), Unit.H), ("2,5MTK", Decimal("2.5"), Unit.M2), ("3C62", Decimal("3"), Unit.U)],
)
def test_a_code_glued_to_its_quantity_is_split_from_it(word: str, value: Decimal, unit: Unit) -> None:
    tokens = tokenise(word)
    assert [(t.kind, t.value, t.unit) for t in tokens] == [("num", value, None), ("unit", None, unit)]


def _quote(rows: list[str]) -> list[tuple[Decimal, Unit | None, Decimal, Decimal]]:
    reading = read_document(rows_pdf(rows, "DejaVuSansMono.ttf", 7, 4))
    assert reading.quote is not None
    return [(line.quantity, line.unit, line.unit_price_ht, line.total_ht) for line in reading.quote.lines]


_HEAD = [
    "Facture électronique – copie lisible du document transmis",
    " ",
    "DEVIS",
    "ÉMETTEUR                                  DESTINATAIRE",
    " Rénov'Habitat 33 SAS                      M. Jean Morel",
    " 4 impasse des Vignes                      9 rue Carnot",
    " 33140 Villenave-d'Ornon                   33000 Bordeaux",
    " SIRET 732 829 320 00074",
    " ",
    "Numéro : D-2026-0415        Date : 12/01/2026",
    " ",
]


def test_a_program_s_lines_read_with_their_unit_codes_three_decimals_and_four() -> None:
    rows = [
        *_HEAD,
        "Désignation                          Quantité  Unité  Prix unit. HT  Montant HT",
        "Dépose du revêtement de sol collé       14,250  MTK        9,4500      134,66",
        "Main-d'œuvre de reprise des enduits      7,500  HUR       46,2000      346,50",
        "Plinthes en chêne posées et collées     12,800  MTR       15,1000      193,28",
        "Prise de courant remplacée               3,000  C62       58,0000      174,00",
        "Protection et nettoyage du chantier      1,000  LS       120,0000      120,00",
        "Unités : C62 = unité, HUR = heure, LS = forfait, MTK = mètre carré, MTR = mètre.",
        " ",
        "Total HT                                                               968,44",
        "TVA 10 %                                                                96,84",
        "Total TTC                                                            1 065,28",
    ]
    assert _quote(rows) == [
        (Decimal("14.25"), Unit.M2, Decimal("9.45"), Decimal("134.66")),
        (Decimal("7.5"), Unit.H, Decimal("46.20"), Decimal("346.50")),
        (Decimal("12.8"), Unit.ML, Decimal("15.10"), Decimal("193.28")),
        (Decimal("3"), Unit.U, Decimal("58.00"), Decimal("174.00")),
        (Decimal("1"), Unit.FORFAIT, Decimal("120.00"), Decimal("120.00")),
    ]


def test_a_code_glued_to_its_quantity_or_printed_after_the_price() -> None:
    rows = [
        *_HEAD,
        "Désignation                                   Qté     P.U. HT   Montant HT",
        "Heures de plombier, recherche de fuite    10,000HUR   44,5000       445,00",
        "Peinture des plafonds, deux couches         21,40   23,50 €/MTK     502,90",
        " ",
        "Total HT                                                            947,90",
        "TVA 10 %                                                             94,79",
        "Total TTC                                                         1 042,69",
    ]
    assert _quote(rows) == [
        (Decimal("10"), Unit.H, Decimal("44.50"), Decimal("445.00")),
        (Decimal("21.4"), Unit.M2, Decimal("23.50"), Decimal("502.90")),
    ]


def test_a_price_to_four_decimals_is_the_price_when_quantity_and_price_could_swap() -> None:
    # 10 × 44,50 = 44,50 × 10 and the rate "10,00" could be a price: the four decimals say which.
    rows = [
        *_HEAD,
        "Désignation                        Quantité  Unité  Prix unit. HT  Montant HT   TVA",
        "Heures de plombier, recherche       10,000  HUR       44,5000       445,00    10,00",
        "Faïence murale posée collée         12,000  MTK       12,0000       144,00    10,00",
        " ",
        "Total HT                                                            589,00",
        "TVA 10 %                                                             58,90",
        "Total TTC                                                           647,90",
    ]
    assert _quote(rows) == [
        (Decimal("10"), Unit.H, Decimal("44.50"), Decimal("445.00")),
        (Decimal("12"), Unit.M2, Decimal("12.00"), Decimal("144.00")),
    ]


@pytest.mark.parametrize(
    ("label", "name"),
    [
        ("VENDEUR", None),
        ("Émetteur :", None),
        ("Prestataire : Martin Plâtrerie SARL", "Martin Plâtrerie SARL"),
        ("Entreprise :", None),
        ("Mandataire commun : Martin Plâtrerie SARL – 12 rue Pasteur", "Martin Plâtrerie SARL"),
    ],
)
def test_the_seller_s_name_is_read_in_its_labelled_block_not_above_the_title(label: str, name: str | None) -> None:
    rows = [
        "Copie lisible – document généré au format électronique",
        "DEVIS",
        f"{label:<44}Client :",
        " Dubois Rénovation                          SCI Les Tilleuls",
        " 14 chemin des Tanneurs                     12 rue Pasteur",
        " SIRET : 732 829 320 00074                  69006 Lyon",
    ]
    assert find_contractor_name(rows) == (name or "Dubois Rénovation")


def test_a_company_named_entreprise_is_a_name_not_a_label() -> None:
    rows = ["Entreprise Lefèvre Frères", "12 rue des Acacias", "33000 Bordeaux", "", "DEVIS n° 45"]
    assert find_contractor_name(rows) == "Entreprise Lefèvre Frères"
