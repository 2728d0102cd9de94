"""Typography that splits a word, an identifier in any cell, the seller told by the page's
evidence (pure functions on words and rows, and the ``parties_fuzzer.py`` documents whose fourth
stream draws letter-spaced titles, SIRETs in ruled cells and the customer's block first)."""

from __future__ import annotations

import datetime as dt

import pytest
from parties_fuzzer import build_parties, misreadings

from billma_core.checks import check_quote
from billma_core.models import DocumentKind, Flag
from billma_core.reading import read_document
from billma_core.reading.fields import find_contractor_name, find_date, find_document_kind, find_siret
from billma_core.reading.words import Word, layout_text, letters_joined
from tests.quick import first_quick


def _spelled(text: str, left: float, gap: float, height: float = 10.0) -> list[Word]:
    """``text``'s characters as words of their own, ``gap`` apart (spaces as wider gaps)."""
    words, x = [], left
    for char in text:
        if char == " ":
            x += 3 * gap
            continue
        words.append(Word(char, x, 0.0, 6.0, height))
        x += 6.0 + gap
    return words


@pytest.mark.parametrize(
    ("text", "gap", "expected"),
    [
        ("FACTURE", 3.0, "FACTURE"),
        ("DEVIS", 1.5, "DEVIS"),
        ("Devis", 2.0, "Devis"),
        ("FACTURE ACOMPTE", 2.0, "FACTURE ACOMPTE"),
    ],
)
def test_a_word_printed_letter_by_letter_is_read_as_the_word(text: str, gap: float, expected: str) -> None:
    assert layout_text(_spelled(text, 0.0, gap)) == expected


def test_single_letters_that_spell_no_word_stay_as_they_are() -> None:
    # Two letters are no spaced word; small letters after a small one are no title's either.
    assert [w.text for w in letters_joined(_spelled("AB", 0.0, 2.0))] == ["A", "B"]
    assert [w.text for w in letters_joined(_spelled("xyz", 0.0, 2.0))] == ["x", "y", "z"]
    # A sheet's column letters stand a column apart, not a phrase's gap.
    assert [w.text for w in letters_joined(_spelled("ABCD", 0.0, 40.0))] == ["A", "B", "C", "D"]


def test_a_spaced_title_is_the_documents_kind() -> None:
    rows = layout_text([*_spelled("FACTURE", 0.0, 3.0), Word("n°", 90.0, 0.0, 12.0, 10.0)]).split("\n")
    assert find_document_kind(rows) is DocumentKind.INVOICE


def test_a_siret_under_its_label_in_a_sheets_cells_is_read() -> None:
    rows = [
        "Rénovation Martin SARL",
        "12 rue des Artisans",
        "33000 Bordeaux",
        "N° SIRET :                 Désignation           Montant",
        "                           Peinture              120,00",
        "732 829 320 00075",
    ]
    # Its key fails: only its label tells it is the seller's SIRET, to be flagged.
    siret = find_siret("\n".join(rows))
    assert siret is not None and (siret.value, siret.valid) == ("73282932000075", False)


def test_a_file_name_over_a_printed_sheet_is_no_party_and_no_customer() -> None:
    rows = [
        "devis_(syndic)_DEV.25.841.xlsx                                Imprimé le 08/06/2025",
        "       A                    B                    C",
        "  1         Martin Bâtiment SARL                 DEVIS        Date        05/06/2025",
        "  2         31 rue des Lilas",
        "  3         44000 Nantes",
        "  4         SIRET : 732 829 320 00074",
    ]
    assert find_contractor_name(rows) == "Martin Bâtiment SARL"
    siret = find_siret("\n".join(rows))
    assert siret is not None and siret.value == "73282932000074"
    # The date beside its label's cell, not the print's stamp.
    assert find_date("\n".join(rows)) == dt.date(2025, 6, 5)


def test_the_legal_line_names_the_seller_over_a_customers_block_printed_first() -> None:
    rows = [
        "SCI Les Tilleuls",
        "83 avenue de la Gare",
        "33700 Mérignac",
        "SIRET : 732 829 320 00074",
        "DEVIS N° D-12",
        "Peintures Dubois SAS        Désignation             Montant",
        "72 rue des Artisans         Peinture                120,00",
        "33000 Bordeaux",
        "SIRET : 552 100 554 00015",
        "      Peintures Dubois SAS – capital 8 000 € – RCS Bordeaux",
    ]
    assert find_contractor_name(rows) == "Peintures Dubois SAS"
    siret = find_siret("\n".join(rows))
    assert siret is not None and siret.value == "55210055400015"


# The fourth stream's documents: seeds 1-5 in the quick suite, 6-60 slow.
SEEDS = first_quick(range(1, 61), 5)


@pytest.mark.parametrize("seed", SEEDS)
def test_the_kind_and_the_seller_are_read_in_any_typography_and_order(seed: int) -> None:
    fuzz = build_parties(seed)
    faults = [
        fault
        for fault in misreadings(fuzz, read_document(fuzz.pdf))
        if fault.split(":")[0] in ("unsafe", "seller SIRET", "contractor name", "kind")
    ]
    assert faults == [], fuzz.names()


@pytest.mark.slow  # sixty drawn documents per block order: CI runs them
@pytest.mark.parametrize("first", [2000, 2025])
def test_an_invalid_seller_siret_is_flagged_whatever_block_comes_first(first: int) -> None:
    checked = 0
    for seed in range(first, first + 25 if first == 2000 else first + 275):
        fuzz = build_parties(seed)
        if fuzz.seller_valid:
            continue
        quote = read_document(fuzz.pdf).quote
        assert quote is not None
        assert Flag.INVALID_SIRET in {finding.flag for finding in check_quote(quote)}, (seed, fuzz.names())
        checked += 1
    assert checked >= 8
