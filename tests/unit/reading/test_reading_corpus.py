"""The reader on the development corpus (ground truth beside each file) and on real invoices."""

from __future__ import annotations

from decimal import Decimal
from functools import cache

import pytest
from reading_support import REAL_INVOICES, CorpusDocument, corpus_documents, dec, quotes, score

from billma_core.models import DocumentKind, DocumentReading, Flag, MediaType
from billma_core.reading import read_document
from billma_core.reading.identifiers import siret_is_valid

pytestmark = pytest.mark.skipif(not corpus_documents, reason="corpus absent")


@cache
def read(path: str) -> DocumentReading:
    with open(path, "rb") as handle:
        return read_document(handle.read())


def reading_of(document: CorpusDocument) -> DocumentReading:
    return read(str(document.path))


def test_accuracy_on_text_pdfs() -> None:
    result = score([(document, reading_of(document)) for document in quotes()])
    details = "\n".join(result.misses or [])
    assert result.rate("ttc") >= 0.98, details
    assert result.rate("siret") >= 0.98, details
    assert result.rate("number") >= 0.98, details
    assert result.rate("lines_found") >= 0.95, details


@pytest.mark.parametrize("document", quotes(), ids=lambda d: d.name)
def test_quote_fields(document: CorpusDocument) -> None:
    reading = reading_of(document)
    truth = document.truth
    assert reading.media_type is MediaType.PDF
    assert reading.pages == truth["pages"]
    assert reading.quote is not None
    quote = reading.quote
    assert quote.total_ht == dec(truth["total_ht"])
    assert quote.total_tva == dec(truth["total_tva"])
    assert quote.total_ttc == dec(truth["total_ttc"])
    assert quote.contractor.siret == truth["artisan"]["siret"]
    assert quote.contractor.siret_valid is truth["artisan"]["siret_valid"]
    assert quote.contractor.vat_number == truth["artisan"]["tva_number"]
    assert quote.contractor.name == truth["artisan"]["name"]
    assert quote.number == truth["devis_number"]
    assert quote.date is not None and quote.date.isoformat() == truth["date"]
    assert quote.site_postal_code == truth["site_postal_code"]
    assert len(quote.lines) == len(truth["lines"])
    for line, expected in zip(quote.lines, truth["lines"], strict=True):
        assert line.quantity == dec(expected["quantity"])
        assert line.unit is not None and line.unit.value == expected["unit"]
        assert line.unit_price_ht == dec(expected["unit_price_ht"])
        assert line.total_ht == dec(expected["total_ht"])
        assert line.tva_rate == dec(expected["tva_rate"])
        assert line.room == expected["room"], line.designation
        # The designation is the printed wording; wrapped cells may add a few words.
        assert line.designation.startswith(expected["designation"][:25].rstrip(" –-"))


@pytest.mark.parametrize("document", quotes(), ids=lambda d: d.name)
def test_flags_follow_the_scenario(document: CorpusDocument) -> None:
    reading = reading_of(document)
    expected = set(document.truth["expected"]["flags"]) | set(document.truth["expected"].get("optional_flags", []))
    reader_flags = {Flag.ARITHMETIC_ERROR.value, Flag.INVALID_SIRET.value}
    assert {f.value for f in reading.flags} == expected & reader_flags
    assert reading.reason is None


@pytest.mark.parametrize("document", [d for d in corpus_documents() if d.kind in ("corrupt", "encrypted")], ids=str)
def test_corrupt_and_encrypted_are_rejected_with_a_reason(document: CorpusDocument) -> None:
    reading = reading_of(document)
    assert reading.quote is None
    assert reading.flags == [Flag.UNREADABLE if document.kind == "corrupt" else Flag.ENCRYPTED]
    assert reading.reason


def test_sections_set_rooms_and_subtotals_are_not_lines() -> None:
    document = next(d for d in quotes() if d.truth.get("sections"))
    quote = reading_of(document).quote
    assert quote is not None
    subtotals = {dec(section["subtotal_ht"]) for section in document.truth["sections"]}
    assert not any(
        line.total_ht in subtotals and line.quantity == 1 and "total" in line.designation.lower()
        for line in quote.lines
    )
    for section in document.truth["sections"]:
        for index in section["line_indices"]:
            assert quote.lines[index].room == document.truth["lines"][index]["room"]
    assert sum((line.total_ht for line in quote.lines), Decimal(0)) == quote.total_ht


# ----------------------------------------------------------------------- real invoices

INVOICES = sorted(REAL_INVOICES.glob("*.pdf")) if REAL_INVOICES.exists() else []


# What each invoice states (read by eye on the PDF): the seller's SIRET (header, footer or
# legal line, never the customer's), the invoice number, totals HT and TTC.
INVOICE_TRUTH = {
    "akretion_factur-x_invoice_EN16931.pdf": ("12345678200077", "F20260023", "100.00", "104.90"),
    "securibox_facturx_2023-6013_facture.pdf": ("12345682400016", "2023-6013", "1245.30", "1368.84"),
    "securibox_facturx_Facture_DOM_EN16931.pdf": ("99999999800010", "FA-2017-0009", "530.75", "530.75"),
    "securibox_facturx_Facture_FR_EN16931.pdf": ("99999999800010", "FA-2017-0010", "624.90", "671.15"),
}


@pytest.mark.parametrize("path", INVOICES, ids=lambda p: p.name)
def test_real_invoices_are_read_as_invoices(path: object) -> None:
    reading = read(str(path))
    assert reading.media_type is MediaType.PDF and reading.pages == 1
    # "Facture ou devis": an invoice is read and judged like a quote, as an invoice.
    assert Flag.NOT_A_QUOTE not in reading.flags
    quote = reading.quote
    assert quote is not None and quote.kind is DocumentKind.INVOICE
    siret, number, total_ht, total_ttc = INVOICE_TRUTH[getattr(path, "name", "")]
    assert (quote.contractor.siret, quote.number) == (siret, number)
    assert (quote.total_ht, quote.total_ttc) == (Decimal(total_ht), Decimal(total_ttc))
    # The samples' SIRETs are specimens (99999999800010 fails Luhn): validity as printed.
    assert quote.contractor.siret_valid is siret_is_valid(siret)
    assert quote.contractor.vat_number is not None and quote.contractor.vat_number.startswith("FR")
    assert quote.date is not None
    assert quote.total_tva is not None and quote.total_ht + quote.total_tva == quote.total_ttc
    assert quote.lines
    # Emoji pictograms in the text layer ("📞") come out whole: the reading encodes as UTF-8.
    assert quote.model_dump_json().encode("utf-8")


def test_real_invoice_with_dot_thousands() -> None:
    path = REAL_INVOICES / "securibox_facturx_2023-6013_facture.pdf"
    if not path.exists():
        pytest.skip("real invoice absent")
    quote = read(str(path)).quote
    assert quote is not None
    assert (quote.total_ht, quote.total_tva, quote.total_ttc) == (
        Decimal("1245.30"),
        Decimal("123.54"),
        Decimal("1368.84"),
    )
    assert quote.number == "2023-6013"
    # The seller (the hotel) prints its SIRET on the footer's legal line; 50000371000034 is the
    # customer's, in the addressee's block.
    assert quote.contractor.siret == "12345682400016"
    first = quote.lines[0]
    assert (first.quantity, first.unit_price_ht, first.total_ht) == (Decimal(6), Decimal("205.90"), Decimal("1235.40"))
