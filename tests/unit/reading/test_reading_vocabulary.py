"""Words are data: each word list of ``vocabulary.json`` that the reader's code used to quote is
read from the file. A word added to a list in a copy of the file changes what the reader
makes of a row that holds it; with the shipped file, the same row reads as before."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from billma_core.reading import vocabulary as vocabulary_module
from billma_core.reading.fields import (
    find_contractor_name,
    find_document_number,
    find_siret,
    find_site_postal_code,
)
from billma_core.reading.lines import Row, _tokenisations, detect_header, extract_lines, price_row
from billma_core.reading.numbers import normalise_row, row_tokens
from billma_core.reading.parse import parse_quote
from billma_core.reading.rooms import last_room
from billma_core.reading.totals import find_totals, labels_joined


def _clear_reading_caches() -> None:
    """Patterns built from the vocabulary are cached where they are used: forget them all."""
    for name, module in list(sys.modules.items()):
        if name.startswith("billma_core.reading"):
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


@pytest.fixture
def vocabulary_with(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Callable[[list[str], str], None]]:
    """Install a copy of the vocabulary with one word added to the list at ``keys``."""

    def install(keys: list[str], word: str) -> None:
        data: Any = json.loads(vocabulary_module.VOCABULARY_FILE.read_text(encoding="utf-8"))
        words = data
        for key in keys:
            words = words[key]
        words.append(word)
        copy = tmp_path / "vocabulary.json"
        copy.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        monkeypatch.setattr(vocabulary_module, "VOCABULARY_FILE", copy)
        _clear_reading_caches()

    yield install
    monkeypatch.undo()
    _clear_reading_caches()


_ATTESTATION_ROWS = [
    "ATTESTATION",
    "Chiffrage n° C-2025-12",
    "Peinture des murs        20   m²   25,00    500,00",
    "Enduit de rebouchage      1   Ft  120,00    120,00",
    "Total HT                                    620,00",
    "TVA 10 %                                     62,00",
    "Total TTC                                   682,00",
]


_WRAPPED_ROWS = [
    Row(text, 0)
    for text in (
        "Désignation                         Qté   U      P.U. HT    Montant HT",
        "Peinture des murs selon              20   m²       25,00       500,00",
        "        Cuisine",
        "Plinthes                             12   ml       10,00       120,00",
    )
]


_SECTION_ROWS = [
    Row(text, 0)
    for text in (
        "Désignation                         Qté   U      P.U. HT    Montant HT",
        "Peinture des murs                    20   m²       25,00       500,00",
        "Secteur 2 plafonds",
    )
]


def _kinds(row: str) -> list[str]:
    return [token.kind for token in row_tokens(row)]


def _quote_read(rows: list[str]) -> bool:
    return parse_quote(["\n".join(rows)]).is_quote


# (list, word added, what the reader makes of the probe's text: with the shipped file, with the word)
CASES: list[tuple[list[str], str, Callable[[], object], object, object]] = [
    (["number_marks", "number"], "nr", lambda: find_document_number("Référence   Nr 2025-144"), None, "2025-144"),
    (["number_marks", "beside_title"], "ident", lambda: find_document_number("Devis ident 2025-9"), None, "2025-9"),
    (
        ["number_marks", "documents"],
        "chantier",
        lambda: find_document_number("N° de chantier   Date\nCH-2025-77       12/03/2025"),
        None,
        "CH-2025-77",
    ),
    (["number_marks", "durations"], "décade", lambda: find_document_number("Devis   N° 3 décades"), "3", None),
    (["currency", "words"], "chf", lambda: find_document_number("Devis N° 450 CHF"), "450", None),
    (
        ["row_marks", "operator_words"],
        "fois",
        lambda: _kinds("2 fois 45,00"),
        ["num", "word", "num"],
        ["num", "op", "num"],
    ),
    (["row_marks", "loose_marks"], "htva", lambda: _kinds("100,00 HTVA"), ["num", "word"], ["num", "cur"]),
    (["row_marks", "currency_forms"], "€ttc", lambda: _kinds("28,00 €ttc"), ["num", "word"], ["num", "cur"]),
    (
        ["row_marks", "ticks"],
        "v",
        lambda: [
            line.designation for line in extract_lines([Row("V   Pose de plinthes   3 u   10,00   30,00", 0)]).lines
        ],
        ["V Pose de plinthes"],
        ["Pose de plinthes"],
    ),
    (
        ["row_marks", "note_marks"],
        "§",
        lambda: any(other.rstrip().endswith("00") for _, _, other in _tokenisations("Pose   3 u   10 00   30 00 §")),
        False,
        True,
    ),
    (
        ["company_identifiers", "siret"],
        "sirret",
        lambda: (s := find_siret("Sirret : 732 829 320 00075")) and s.value,
        None,
        "73282932000075",
    ),
    (
        ["footer", "words"],
        "banque",
        lambda: (
            find_totals(
                labels_joined(["Total HT        TVA         Total TTC", "Banque  100,00    20,00   120,00"])
            ).total_ttc
        ),
        120,
        None,
    ),
    (
        ["totals", "vat_noise"],
        "acquittée",
        lambda: find_totals(labels_joined(["Total HT 100,00", "TVA acquittée 20,00", "Total TTC 120,00"])).total_tva,
        20,
        None,
    ),
    (["totals", "heads"], "somme", lambda: find_totals(labels_joined(["Somme HT 100,00"])).total_ht, None, 100),
    (
        ["header_labels", "words"],
        "horaires",
        lambda: find_contractor_name(["Horaires : 8h-18h", "Dupont Rénovation"]),
        "Horaires : 8h-18h",
        "Dupont Rénovation",
    ),
    (
        ["street_types", "words"],
        "sentier",
        lambda: find_contractor_name(["Sentier des Vignes", "Dupont Rénovation"]),
        "Sentier des Vignes",
        "Dupont Rénovation",
    ),
    (
        ["site_labels", "same_as_client"],
        "pareil",
        lambda: find_site_postal_code(
            [
                "Adresse du chantier : pareil",
                "Suivi par la mairie de",
                "38000 Grenoble",
                "",
                "Client : M. Durand",
                "3 rue Haute",
                "69003 Lyon",
            ]
        ),
        "38000",
        "69003",
    ),
    (
        ["seller_labels", "words"],
        "artisan",
        lambda: find_contractor_name(["Copie conforme du document", "Artisan :", "Dupont Rénovation"]),
        "Copie conforme du document",
        "Dupont Rénovation",
    ),
    (["units", "spellings", "m2"], "pied carré", lambda: normalise_row("12 pied carré"), "12 pied carré", "12 m2"),
    (["rooms", "names", "Cave"], "sous-sol", lambda: last_room("Peinture du sous-sol"), None, "Cave"),
    (
        ["rooms", "numbered", "Chambre"],
        "d'enfant",
        lambda: last_room("Chambre d'enfant"),
        "Chambre",
        "Chambre d'enfant",
    ),
    (
        ["page_mentions", "words"],
        "kbis",
        lambda: len(
            parse_quote(
                ["\n".join(["Devis n° 12", *_ATTESTATION_ROWS[2:4], "Extrait Kbis    1   9,00   9,00"])]
            ).quote.lines
        ),
        3,
        2,
    ),
    (
        ["connecting_words", "words"],
        "selon",
        lambda: [line.designation for line in extract_lines(_WRAPPED_ROWS).lines],
        ["Peinture des murs selon", "Plinthes"],
        ["Peinture des murs selon Cuisine", "Plinthes"],
    ),
    (["document_titles", "quote"], "chiffrage", lambda: _quote_read(_ATTESTATION_ROWS), False, True),
    (
        ["row_marks", "times_words"],
        "par",
        lambda: price_row("Dépannage 2 par 45,00 urgent 90,00", None, strict=True) is not None,
        False,
        True,
    ),
    (
        ["totals_row", "after_opening"],
        "chantier",
        lambda: len(
            extract_lines(
                [*_WRAPPED_ROWS[:2], Row("Frais total chantier                              500,00", 0)]
            ).lines
        ),
        2,
        1,
    ),
    (
        ["section_labels", "numbered"],
        "secteur",
        lambda: [line.designation for line in extract_lines(_SECTION_ROWS).lines],
        ["Peinture des murs Secteur 2 plafonds"],
        ["Peinture des murs"],
    ),
    (
        ["table_header", "qty"],
        "qtté",
        lambda: detect_header("Réf      Qtté      Montant HT") is not None,
        False,
        True,
    ),
]


@pytest.mark.parametrize(
    ("keys", "word", "probe", "shipped", "added"), CASES, ids=[f"{c[0][0]}.{c[0][1]}" for c in CASES]
)
def test_a_word_added_to_a_list_is_read(
    vocabulary_with: Callable[[list[str], str], None],
    keys: list[str],
    word: str,
    probe: Callable[[], object],
    shipped: object,
    added: object,
) -> None:
    assert probe() == shipped
    vocabulary_with(keys, word)
    assert probe() == added


@pytest.mark.parametrize(
    "key",
    [
        "number_marks",
        "company_identifiers",
        "footer",
        "currency",
        "row_marks",
        "section_labels",
        "totals_row",
        "header_labels",
        "street_types",
        "rooms",
        "page_mentions",
        "table_header",
        "connecting_words",
    ],
)
def test_each_list_names_its_public_source(key: str) -> None:
    data = json.loads(vocabulary_module.VOCABULARY_FILE.read_text(encoding="utf-8"))
    vocabulary_module.VocabularyFile.model_validate(data)
    del data[key]["source"]
    with pytest.raises(ValidationError):
        vocabulary_module.VocabularyFile.model_validate(data)


def test_only_the_quote_title_makes_another_document_s_head_a_quote() -> None:
    """An expert's report estimates the damage: "estimation" (a word of quotes, ``quote_words``)
    in its head does not make it a quote; the title "devis" (``document_titles``) does."""
    figures = _ATTESTATION_ROWS[2:]
    report = parse_quote(["\n".join(["RAPPORT D'EXPERTISE", "Estimation des dommages", *figures])])
    assert (report.is_quote, report.kind) == (False, "un rapport")
    assert _quote_read(["RAPPORT D'EXPERTISE", "Devis n° 2025-12", *figures])


def test_a_currency_name_is_a_whole_word_after_the_number() -> None:
    """ "N° Q20250491" above "EURL – Siret …": the company's form is no euro after the number."""
    assert find_document_number("N°   Q20250491\nEURL – Siret 534 975 347 00087") == "Q20250491"
    assert find_document_number("Devis N° 450 €HT") is None  # an amount, not a number
