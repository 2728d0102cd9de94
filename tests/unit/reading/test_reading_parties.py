"""The reader on three classes of documents (real PDF bytes from fpdf2, several writers per
class, ``party_layouts``): the seller's block on the right and the customer's, with its own
SIRET, on the left under its label; a discount column between the unit price and the line's
total; a VAT-free invoice whose "Net à payer" follows a deposit or a withheld guarantee."""

from __future__ import annotations

from decimal import Decimal

import pytest
from party_layouts import build_party

from billma_core.models import Flag
from billma_core.money import net_price
from billma_core.reading import read_document
from billma_core.reading.fields import find_contractor_name, find_siret, find_site_postal_code
from billma_core.reading.totals import find_totals, labels_joined
from tests.quick import first_quick

# Seeds 1-3 in the quick suite, 4-6 under `slow` (CI runs them).
SEEDS = first_quick(range(1, 7), 3)


@pytest.mark.parametrize("seed", SEEDS)
def test_the_seller_s_siret_and_name_are_read_whichever_side_its_block_stands(seed: int) -> None:
    document = build_party("seller_right", seed)
    quote = read_document(document.pdf).quote
    assert quote is not None
    assert quote.contractor.siret == document.seller_siret
    assert quote.contractor.name is not None
    assert document.customer_siret not in (quote.contractor.siret or "")
    assert not any(
        word in quote.contractor.name for word in ("Client", "Destinataire", "ouvrage", "Facturé", "Adressé")
    )


def test_a_labelled_customer_block_on_the_left_leaves_the_right_hand_block_to_the_seller() -> None:
    rows = [
        "Client :                                   Dubois Rénovation",
        "SCI Les Tilleuls                           14 chemin des Tanneurs",
        "12 rue Pasteur                             69007 Lyon",
        "69006 Lyon                                 SIRET : 732 829 320 00074",
        "SIRET : 552 100 554 00025",
        "",
        "Devis n° 12",
        "",
        "",
        "",
    ]
    siret = find_siret("\n".join(rows))
    assert siret is not None and siret.value == "73282932000074"
    assert find_contractor_name(rows) == "Dubois Rénovation"
    # Without a label heading the left block, the right-hand corner is the addressee's, as before.
    unlabelled = ["Dubois Rénovation                          SCI Les Tilleuls", *rows[2:4]]
    assert find_contractor_name(unlabelled) == "Dubois Rénovation"


def test_two_sirets_side_by_side_are_two_candidates() -> None:
    text = "Siret : 55210055400025                     SIRET : 732.829.320.00074\n" + "\n" * 6
    text = "Destinataire :                             Dubois Rénovation\n" + text
    siret = find_siret(text)
    assert siret is not None and siret.value == "73282932000074"


@pytest.mark.parametrize("seed", SEEDS)
def test_a_discount_column_stays_on_its_line_printed_price_net_total(seed: int) -> None:
    document = build_party("line_discount", seed)
    reading = read_document(document.pdf)
    quote = reading.quote
    assert quote is not None and len(quote.lines) == len(document.lines)
    read = sorted((x.quantity.normalize(), x.unit_price_ht, x.total_ht, x.net_unit_price_ht) for x in quote.lines)
    truth = [
        (x.quantity.normalize(), x.unit_price, x.total, net_price(x.unit_price, x.discount_pct or None))
        for x in document.lines
    ]
    assert read == sorted(truth)
    assert sum((line.total_ht for line in quote.lines), Decimal(0)) == document.total_ht == quote.total_ht
    assert quote.total_ttc == document.total_ttc
    assert Flag.ARITHMETIC_ERROR not in reading.flags


@pytest.mark.parametrize("seed", SEEDS)
def test_a_vat_free_invoice_s_total_is_the_one_before_deposits_and_guarantees(seed: int) -> None:
    document = build_party("no_vat_net", seed)
    quote = read_document(document.pdf).quote
    assert quote is not None
    assert quote.total_ht == quote.total_ttc == document.total_ht


@pytest.mark.parametrize(
    ("label", "deduction"),
    [("Acompte versé", "-300,00"), ("Retenue de garantie 5 %", "-59,00"), ("Déjà réglé", "-300,00")],
)
def test_the_sum_due_after_a_deduction_is_not_the_total(label: str, deduction: str) -> None:
    rows = [
        "Total                         1 180,00 €",
        f"{label}                      {deduction} €",
        "Net à payer                     821,00 €",
        "TVA non applicable, art. 293 B du CGI",
    ]
    totals = find_totals(labels_joined(rows))
    assert totals.total_ht == Decimal("1180.00")
    assert totals.total_ttc in (None, Decimal("1180.00"))
    # Without the deduction row, the sum to pay is the total, as before.
    alone = find_totals(labels_joined([rows[2], rows[3]]))
    assert alone.total_ttc == Decimal("821.00") or alone.total_ht == Decimal("821.00")


_CONTRACT_PARTIES = [
    "ENTRE LES SOUSSIGNÉS :",
    "Haute Finition SAS, dont le siège est 83 rue Victor-Hugo, 75011 Paris, immatriculée sous le n° SIRET",
    "58138966500018, ci-après dénommée « l'Entrepreneur », d'une part,",
    "ET : M. et Mme Faure, 65 impasse des Acacias, 92100 Boulogne-Billancourt, ci-après dénommé(e) « le Maître",
    "de l'ouvrage », d'autre part,",
    "",
]


def test_a_site_named_only_in_a_sentence_is_the_site() -> None:
    # A contract names no site block: its object places the works at an address, over two rows.
    rows = [
        *_CONTRACT_PARTIES,
        "Article 1 – Objet du marché",
        "Le présent marché a pour objet les travaux de remise en état décrits à l'art. 3, situés au 23 rue",
        "Pasteur, 69003 Lyon, suite au sinistre n° SIN-2026-56738.",
    ]
    assert find_site_postal_code(rows) == "69003"


def test_the_parties_addresses_are_no_site_sentence() -> None:
    # The seller's seat and the customer's address: no sentence places the works there.
    assert find_site_postal_code(_CONTRACT_PARTIES) != "75011"


def test_the_site_is_the_value_under_its_label_in_a_claim_grid() -> None:
    # An expert's grid: a row of labels over a row of values, the site's among the claim's.
    rows = [
        "Compagnie                N° de sinistre           Adresse du risque",
        "MAAF Assurances          SIN-2026-41781           14 rue du Moulin, 38000 Grenoble",
        "Assuré                                            Date de visite",
        "SCI Les Tilleuls                                  28/05/2026",
    ]
    assert find_site_postal_code(rows) == "38000"


def test_the_site_is_read_beside_a_place_label_in_a_claim_box() -> None:
    rows = [
        " Donneur d'ordre                              Sinistre",
        " Mme Aïcha Benali                             Nature : Incendie",
        " 72 cours Napoléon                            Survenu le : 15.01.2025",
        " 67000 Strasbourg                             Lieu : 39 cours Napoléon, 67100 Strasbourg",
    ]
    assert find_site_postal_code(rows) == "67100"


def test_the_site_is_the_address_under_the_damaged_premises_title() -> None:
    # The damaged premises' block beside the client's (« local sinistré », IRSI convention), its
    # address not the client's.
    rows = [
        " DONNEUR D'ORDRE                                   LOCAUX SINISTRÉS",
        " Mme Aïcha Benali                                  41 allée des Tilleuls, 92190 Meudon",
        " 13 rue Pasteur                                    Nature du sinistre : incendie",
        " 92100 Boulogne-Billancourt",
    ]
    assert find_site_postal_code(rows) == "92190"


def test_the_site_is_the_street_an_object_names_after_a_comma() -> None:
    rows = ["Objet : remise en état des locaux sinistrés, 24 rue Pasteur, 69100 Villeurbanne.", "Madame,"]
    assert find_site_postal_code(rows) == "69100"


def test_a_firms_name_over_its_address_is_no_site_sentence() -> None:
    # « Travaux » in a firm's name, right over its own street: no sentence places the works there.
    rows = ["Santoni Travaux", "40 allée des Tilleuls", "75012 Paris", "", "Objet : notre devis n° Q2025"]
    assert find_site_postal_code(rows) is None


def test_the_seller_is_the_name_heading_its_siret_s_block_in_a_pane_read_after_the_lines() -> None:
    # An app's page in two panes: the lines' pane is read first, the firm's card after it.
    rows = [
        "                                   Devis n° Q20250865",
        "                                   créé le 26 mars 2025 à 21:38 sur tablette – plomberie",
        "                                   Recherche de fuite encastrée",
        "                                   −     1     +   forfait × 237,20 HT         237,20",
        "                                   TVA 10 % · Séjour",
        " MonApp › Intervention en cours",
        "Martin Second Œuvre SAS",
        "52 cours Napoléon",
        "97410 Saint-Pierre",
        "Tél. 06 55 27 21 33",
        "SIRET 353 639 180 00031",
        " CLIENT",
        " Mme Élodie Marchand",
    ]
    assert find_contractor_name(rows) == "Martin Second Œuvre SAS"


def test_a_grid_label_s_value_beside_it_names_the_seller_not_the_other_party_s_heading() -> None:
    assert find_contractor_name(["DEVIS        DV26-0588", "Entreprise   Martin Bâtiment SAS"]) == "Martin Bâtiment SAS"
    assert find_contractor_name(["VENDEUR                ACHETEUR", "Martin SARL            SCI Les Tilleuls"]) == (
        "Martin SARL"
    )
